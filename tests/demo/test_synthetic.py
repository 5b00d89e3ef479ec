"""`seed_synthetic`: valid, reproducible, scoped data at the requested scale (tiny scale)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from config.text import fold
from cooperatives import access as registry_access
from cooperatives.models import (
    FIGURE_COUNTS,
    Cooperative,
    ManagementRole,
    OcopProduct,
    Person,
    YearlyFigures,
)
from demo import synthetic
from org.models import Unit, User
from reporting import services
from reporting.models import ReportingRound, Submission
from targets import indicators
from tests.factories import UserFactory
from training import access as training_access
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

pytestmark = pytest.mark.django_db
TINY = synthetic.SCALES["tiny"]


def seed(seed=294, **options):
    call_command("seed_synthetic", scale="tiny", seed=seed, verbosity=0, **options)


@pytest.fixture
def seeded():
    seed()


def snapshot() -> dict:
    """Return the seeded data by content (no ids or timestamps, which may differ)."""
    return {
        "units": list(
            synthetic.synthetic_units().order_by("code").values_list("code", "name", "parent__code")
        ),
        "cooperatives": list(
            Cooperative.objects.order_by("pk").values_list(
                "kind",
                "name",
                "registration_code",
                "unit__code",
                "address",
                "founded_on",
                "status",
                "status_since",
                "union_supported",
                "established_under_plan",
                "converted_from__name",
                "sells_online",
                "members_insured",
                "search_text",
            )
        ),  # fmt: skip
        "sectors": list(
            Cooperative.sectors.through.objects.order_by("pk").values_list(
                "cooperative__name", "sector__code"
            )
        ),
        "figures": list(
            YearlyFigures.objects.order_by("pk").values_list(
                "cooperative__name", "year", *FIGURE_COUNTS, "profit"
            )
        ),
        "people": list(
            Person.objects.order_by("pk").values_list(
                "full_name", "sex", "birth_year", "ethnicity", "phone", "unit__code"
            )
        ),
        "roles": list(
            ManagementRole.objects.order_by("pk").values_list(
                "person__full_name", "cooperative__name", "role", "start_date", "end_date"
            )
        ),
        "events": list(
            TrainingEvent.objects.order_by("pk").values_list(
                "title", "category", "start_date", "end_date", "unit__code", "funding_amount"
            )
        ),
        "participants": list(
            Participant.objects.order_by("pk").values_list(
                "event__title", "person__full_name", "officer__full_name", "certificate_issued"
            )
        ),
        "submissions": list(
            Submission.objects.order_by("pk").values_list(
                "round__year",
                "unit__code",
                "state",
                "indicators",
                "courses",
                "first_submitted_at",
                "accepted_at",
                "loans_amount",
            )
        ),  # fmt: skip
    }


def test_counts_match_the_scale(seeded):
    assert Cooperative.objects.filter(kind=Cooperative.Kind.HTX).count() == TINY.htx
    assert Cooperative.objects.filter(kind=Cooperative.Kind.THT).count() == TINY.tht
    assert Person.objects.count() == TINY.people
    assert TrainingEvent.objects.count() == TINY.events
    units = synthetic.synthetic_units()
    assert units.filter(kind=Unit.Kind.PROVINCE).count() == TINY.provinces
    assert units.filter(kind=Unit.Kind.COMMUNE).count() == TINY.provinces * TINY.communes
    assert ReportingRound.objects.count() == len(synthetic.YEARS)
    assert set(Submission.objects.values_list("state", flat=True)) >= {"accepted", "submitted"}


def test_every_record_passes_full_clean(seeded):
    for model in [
        Unit, Cooperative, YearlyFigures, Person, ManagementRole, OcopProduct, UnionOfficer,
        TrainingEvent, Participant, HeadCount, Submission,
    ]:  # fmt: skip
        rows = model.objects.all()
        if model is Unit:
            rows = synthetic.synthetic_units()
        assert rows.exists() or model is OcopProduct, model
        for row in rows:
            row.full_clean()


def test_search_text_is_what_save_would_write(seeded):
    for model in (Cooperative, Person, UnionOfficer):
        for row in model.objects.all():
            fields = " ".join(getattr(row, name) or "" for name in model.SEARCH_FIELDS)
            assert row.search_text == fold(fields)


def test_names_are_vietnamese_with_diacritics(seeded):
    names = list(Person.objects.values_list("full_name", flat=True))
    assert all(len(name.split()) >= 3 for name in names)
    assert any(fold(name) != name.lower() for name in names)
    women = Person.objects.filter(sex=Person.Sex.FEMALE).values_list("full_name", flat=True)
    assert sum(" Thị " in name for name in women) > len(women) / 3


def test_the_same_seed_gives_the_same_data():
    seed(7)
    first = snapshot()
    seed(7, force=True)
    assert snapshot() == first
    seed(8, force=True)
    assert snapshot() != first


def test_refuses_a_database_with_data_unless_forced(seeded):
    before = snapshot()
    with pytest.raises(CommandError, match="already holds"):
        seed(1)
    assert snapshot() == before
    seed(1, force=True)
    assert Cooperative.objects.count() == TINY.htx + TINY.tht
    assert synthetic.synthetic_units().count() == TINY.provinces * (TINY.communes + 1)


def test_a_synthetic_commune_officer_sees_only_that_commune(seeded, client):
    communes = synthetic.synthetic_units().filter(kind=Unit.Kind.COMMUNE)
    commune = communes.filter(cooperatives__isnull=False).order_by("code").first()
    other = Cooperative.objects.exclude(unit=commune).filter(unit__in=communes).first()
    user = UserFactory(role=User.Role.UNIT_OFFICER, unit=commune)
    mine = Cooperative.objects.filter(unit=commune)
    assert set(registry_access.cooperatives_for(user)) == set(mine)
    assert set(registry_access.people_for(user)) == set(Person.objects.filter(unit=commune))
    assert set(training_access.events_for(user)) == set(TrainingEvent.objects.filter(unit=commune))
    client.force_login(user)
    assert client.get(reverse("cooperatives:detail", args=[mine.first().pk])).status_code == 200
    assert client.get(reverse("cooperatives:detail", args=[other.pk])).status_code == 404


def test_synthetic_communes_report_after_the_reform_only(seeded):
    commune = synthetic.synthetic_units().filter(kind=Unit.Kind.COMMUNE).first()
    after, _mapping = Unit.objects.reporting_map(synthetic.ANCHOR)
    before, mapping = Unit.objects.reporting_map(datetime.date(2024, 12, 31))
    assert commune in after
    assert commune not in before and commune.pk not in mapping


def test_the_engine_computes_over_the_seeded_data(seeded):
    figures = indicators.compute(synthetic.ANCHOR)
    assert figures["HTX_SUPPORTED"].actual > 0
    assert figures["MANAGERS_TRAINED_PCT"].denominator > 0
    rows = indicators.compute_by_unit(synthetic.ANCHOR)
    assert sum(f["HTX_SUPPORTED"].actual for _unit, f in rows) == figures["HTX_SUPPORTED"].actual


def test_submitted_indicators_are_what_submit_freezes(seeded):
    submitted = Submission.objects.exclude(state=Submission.State.DRAFT).select_related(
        "round", "unit"
    )
    for year in synthetic.YEARS:
        for submission in submitted.filter(round__year=year).order_by("unit__code")[:8]:
            expected = services.frozen_indicators(submission.unit, submission.round.as_of)
            assert submission.indicators == expected, (year, submission.unit)
    assert not Submission.objects.filter(state=Submission.State.DRAFT, indicators__isnull=False)
