"""The rule of a record in force for a period (org/periods.py) and the five models that keep it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from cooperatives.models import ROLE_PERIOD, Cooperative, ManagementRole
from org.models import UNIT_PERIOD, Unit
from org.periods import Period
from reporting import services
from reporting.models.submissions import ROUND_PERIOD, ReportingRound
from tests.factories import EventFactory, OfficerFactory, RoleFactory, UserFactory, unit
from training.models import EVENT_PERIOD, OFFICER_PERIOD, TrainingEvent, UnionOfficer

D = datetime.date
MESSAGE = "The end date cannot be before the start date."
PERIOD = Period("start", "end")


@pytest.fixture(autouse=True)
def in_english():
    """Compare the message with its msgid, whatever the site's language."""
    with translation.override("en"):
        yield


class Record:
    """A stand-in for a model instance with the two date fields."""

    def __init__(self, start, end):
        self.start, self.end = start, end


@pytest.mark.parametrize(
    "start, end, errors",
    [
        (D(2025, 3, 10), D(2025, 3, 9), {"end": MESSAGE}),
        (D(2025, 3, 10), D(2025, 3, 10), {}),
        (D(2025, 3, 10), D(2025, 3, 11), {}),
        # An empty side cannot be before the other.
        (None, D(2025, 3, 9), {}),
        (D(2025, 3, 10), None, {}),
        (None, None, {}),
    ],
)
def test_the_end_is_not_before_the_start(start, end, errors):
    record = Record(start, end)
    assert PERIOD.errors(record) == errors
    if errors:
        with pytest.raises(ValidationError) as raised:
            PERIOD.clean(record)
        assert raised.value.message_dict == {"end": [MESSAGE]}
    else:
        PERIOD.clean(record)


IN_FORCE = [
    (D(2025, 3, 10), D(2025, 3, 20), D(2025, 3, 9), False),
    (D(2025, 3, 10), D(2025, 3, 20), D(2025, 3, 10), True),
    (D(2025, 3, 10), D(2025, 3, 20), D(2025, 3, 20), True),
    (D(2025, 3, 10), D(2025, 3, 20), D(2025, 3, 21), False),
    (D(2025, 3, 10), D(2025, 3, 10), D(2025, 3, 10), True),
    # An empty start: in force since ever; an empty end: still in force.
    (None, D(2025, 3, 20), D(1900, 1, 1), True),
    (None, D(2025, 3, 20), D(2025, 3, 21), False),
    (D(2025, 3, 10), None, D(2100, 1, 1), True),
    (D(2025, 3, 10), None, D(2025, 3, 9), False),
    (None, None, D(2025, 3, 10), True),
]


@pytest.mark.parametrize("start, end, day, expected", IN_FORCE)
def test_in_force_on_a_day(start, end, day, expected):
    assert PERIOD.contains(Record(start, end), day) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("start, end, day, expected", IN_FORCE)
def test_the_database_filter_agrees(start, end, day, expected):
    officer = OfficerFactory(active_from=start, active_to=end)
    in_force = UnionOfficer.objects.filter(pk=officer.pk).filter(OFFICER_PERIOD.on(day))
    assert in_force.exists() is expected


@pytest.mark.django_db
def test_the_filter_reaches_the_record_through_a_prefix():
    role = RoleFactory(start_date=D(2025, 3, 10), end_date=D(2025, 3, 20))
    cooperatives = Cooperative.objects.filter(pk=role.cooperative_id)
    assert cooperatives.filter(ROLE_PERIOD.on(D(2025, 3, 20), prefix="roles__")).exists()
    assert not cooperatives.filter(ROLE_PERIOD.on(D(2025, 3, 21), prefix="roles__")).exists()


MODELS = [
    (Unit, UNIT_PERIOD, "unit_ends_after_it_starts", lambda: unit("03037")),
    (
        ReportingRound,
        ROUND_PERIOD,
        "round_period_ends_after_it_starts",
        lambda: services.create_round(by=UserFactory.build(), year=2026),
    ),
    (TrainingEvent, EVENT_PERIOD, "event_ends_after_it_starts", EventFactory),
    (UnionOfficer, OFFICER_PERIOD, "officer_leaves_after_joining", OfficerFactory),
    (ManagementRole, ROLE_PERIOD, "role_ends_after_it_starts", RoleFactory),
]
MODEL_IDS = [model.__name__ for model, *_rest in MODELS]


@pytest.mark.parametrize("model, period, constraint, make", MODELS, ids=MODEL_IDS)
def test_each_model_cleans_with_the_rule(model, period, constraint, make):
    record = model(**{period.start: D(2025, 3, 10), period.end: D(2025, 3, 9)})
    with pytest.raises(ValidationError) as raised:
        record.clean()
    assert raised.value.message_dict == {period.end: [MESSAGE]}


@pytest.mark.django_db
@pytest.mark.parametrize("model, period, constraint, make", MODELS, ids=MODEL_IDS)
def test_the_database_refuses_an_end_before_the_start(model, period, constraint, make):
    rows = model.objects.filter(pk=make().pk)
    # Equal dates are allowed: a one-day record.
    rows.update(**{period.start: D(2025, 3, 10), period.end: D(2025, 3, 10)})
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        rows.update(**{period.start: D(2025, 3, 10), period.end: D(2025, 3, 9)})


@pytest.mark.parametrize("model, period, constraint, make", MODELS, ids=MODEL_IDS)
def test_each_period_knows_which_of_its_dates_may_be_empty(model, period, constraint, make):
    # A side said never empty is not tested for emptiness by `on`: it must truly be required.
    assert period.start_may_be_empty == model._meta.get_field(period.start).null
    assert period.end_may_be_empty == model._meta.get_field(period.end).null


@pytest.mark.parametrize(
    "end, day, expected",
    [
        (D(2025, 3, 20), D(2025, 3, 21), True),
        (D(2025, 3, 20), D(2025, 3, 20), False),  # its last day: not ended yet
        (None, D(2100, 1, 1), False),  # still in force
    ],
)
def test_a_record_has_ended_after_its_last_day(end, day, expected):
    assert PERIOD.ended_before(Record(D(2025, 3, 10), end), day) is expected
