"""The figures kept current (`targets/live.py`) always equal the engine's direct computation,
whatever was written and however: random sequences of writes through every path."""

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from org import writes
from org.models import Unit, User
from targets import indicators, live
from targets.models import FiguresToRenew, KeptDay, UnitTotals
from tests.factories import (
    EventFactory,
    OfficerFactory,
    PersonFactory,
    UserFactory,
    date,
    figures,
    make_data,
    supported,
    train,
    unit,
)
from training.models import Participant, TrainingEvent, UnionOfficer

pytestmark = pytest.mark.django_db


def assert_live_equals_engine(scopes):
    """Every kept day, every scope: the kept figures are the engine's, and so are the rows of
    the breakdown by unit."""
    today = timezone.localdate()
    for unit_ids in scopes:
        trend = dict(live.trend(unit_ids))
        assert list(trend) == live.kept_days(today)
        for day, figures_ in trend.items():
            assert figures_ == indicators.compute(day, unit_ids), (day, unit_ids)
    for day in live.kept_days(today):
        assert live.compute_by_unit(day) == indicators.compute_by_unit(day), day
    assert live.compute(today, scopes[-1]) == indicators.compute(today, scopes[-1])


class RandomWrites:
    """Writes of every kind, through the door as the portal makes them, on a few units of
    both code sets, with dates around the kept days."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.by = UserFactory(role=User.Role.PROVINCE_STAFF)
        self.admin = UserFactory(role=User.Role.ADMIN)
        new = [unit(code) for code in ("03037", "02683", "02728")]
        old = list(
            Unit.objects.filter(code_set=Unit.CodeSet.PRE_2025, kind=Unit.Kind.COMMUNE)
            .exclude(successor=None)
            .order_by("code")[:3]
        )
        self.units = new + old

    def day(self):
        start = datetime.date(2022, 6, 1)
        return start + datetime.timedelta(days=self.random.randrange(0, 4 * 365))

    def pick(self, model, **filters):
        pks = list(model.objects.filter(**filters).values_list("pk", flat=True))
        return model.objects.get(pk=self.random.choice(pks)) if pks else None

    def save(self, record, by=None):
        writes.save(record=record, by=by or self.by)

    def step(self):
        action = self.random.choice(
            [
                self.new_cooperative,
                self.new_cooperative,
                self.yearly_figures,
                self.status,
                self.conversion,
                self.role,
                self.second_role,
                self.sex,
                self.move,
                self.training,
                self.certificate,
                self.officer,
                self.delete,
                self.import_rows,
                self.import_update,
                self.reform,
            ]
        )
        try:
            with transaction.atomic():
                action()
        except (ValidationError, writes.Refused):
            pass  # a write the door refuses changes nothing
        return action.__name__

    def new_cooperative(self):
        kind = self.random.choice(["htx", "tht"])
        cooperative = supported(
            kind,
            woman=self.random.random() < 0.8,
            unit_=self.random.choice(self.units),
            founded_on=self.day(),
            established_under_plan=self.random.random() < 0.5,
        )
        cooperative.union_supported = self.random.random() < 0.9
        self.save(cooperative)

    def yearly_figures(self):
        cooperative = self.pick(Cooperative)
        year = self.random.randrange(2022, 2027)
        row = YearlyFigures.objects.filter(cooperative=cooperative, year=year).first()
        row = row or YearlyFigures(cooperative=cooperative, year=year)
        row.workers_total = self.random.randrange(1, 30)
        row.workers_female = self.random.randrange(0, row.workers_total + 1)
        row.female_stable_jobs = self.random.randrange(0, row.workers_female + 1)
        row.members_total = self.random.randrange(1, 40)
        row.members_female = self.random.randrange(0, row.members_total + 1)
        row.members_trained_vocational = self.random.randrange(0, row.members_total + 1)
        row.members_trained_ecommerce = self.random.randrange(0, row.members_total + 1)
        self.save(row)

    def status(self):
        cooperative = self.pick(Cooperative)
        if cooperative.status == Cooperative.Status.ACTIVE:
            cooperative.status = self.random.choice(
                [Cooperative.Status.SUSPENDED, Cooperative.Status.NOT_EFFECTIVE]
            )
            cooperative.status_since = max(self.day(), cooperative.founded_on)
        else:
            cooperative.status, cooperative.status_since = Cooperative.Status.ACTIVE, None
        self.save(cooperative)

    def conversion(self):
        group = self.pick(Cooperative, kind=Cooperative.Kind.THT)
        if group is None:
            return
        htx = supported(unit_=self.random.choice(self.units), founded_on=self.day())
        htx.converted_from = group
        self.save(htx)

    def role(self):
        role = self.pick(ManagementRole)
        if self.random.random() < 0.5:
            role.end_date = max(role.start_date, self.day())
        else:
            role.cooperative = self.pick(Cooperative)
        self.save(role)

    def second_role(self):
        """A woman managing in a second cooperative, often of another unit."""
        person = self.pick(Person)
        cooperative = self.pick(Cooperative)
        role = "director" if cooperative.kind == "htx" else "group_leader"
        start = self.day()
        self.save(
            ManagementRole(person=person, cooperative=cooperative, role=role, start_date=start)
        )

    def sex(self):
        person = self.pick(Person)
        person.sex = "M" if person.sex == "F" else "F"
        self.save(person)

    def move(self):
        record = self.random.choice([self.pick(Cooperative), self.pick(UnionOfficer)])
        if record is not None:
            record.unit = self.random.choice(self.units)
            self.save(record)

    def training(self):
        event = EventFactory(
            category=self.random.choice(["governance", "mobilisation", "vocational"]),
            start_date=self.day(),
            unit=self.random.choice(self.units),
        )
        event.end_date = event.start_date
        self.save(event)
        for person in Person.objects.order_by("?")[:2]:
            self.save(Participant(event=event, person=person, certificate_issued=True))
        officer = self.pick(UnionOfficer)
        if officer:
            self.save(Participant(event=event, officer=officer))

    def certificate(self):
        choice = self.random.random()
        if choice < 0.4:
            participant = self.pick(Participant)
            if participant:
                participant.certificate_issued = not participant.certificate_issued
                self.save(participant)
        else:
            event = self.pick(TrainingEvent)
            if event:
                event.category = self.random.choice(["governance", "mobilisation"])
                event.start_date = event.end_date = self.day()
                self.save(event)

    def officer(self):
        officer = self.pick(UnionOfficer)
        if officer is None or self.random.random() < 0.4:
            OfficerFactory(unit=self.random.choice(self.units), active_from=self.day())
            return
        officer.works_on_cooperatives = not officer.works_on_cooperatives
        if self.random.random() < 0.3:
            officer.active_to = max(officer.active_from or self.day(), self.day())
        self.save(officer)

    def delete(self):
        model = self.random.choice(
            [YearlyFigures, ManagementRole, Participant, Cooperative, TrainingEvent]
        )
        record = self.pick(model)
        if record is not None:
            writes.delete(record=record, by=self.by)

    def import_rows(self):
        """The import's bulk write: new cooperatives, their managers and their figures."""
        place = self.random.choice(self.units)
        new = [
            Cooperative(
                kind="htx",
                name=f"HTX nhập {self.random.random()}",
                unit=place,
                union_supported=True,
                founded_on=self.day(),
                established_under_plan=True,
            )
            for _ in range(2)
        ]
        writes.save_many(model=Cooperative, records=new, by=self.by)
        people = [PersonFactory.build(unit=place) for _ in new]
        writes.save_many(model=Person, records=people, by=self.by)
        roles = [
            ManagementRole(person=p, cooperative=c, role="director", start_date=date("2021-01-01"))
            for p, c in zip(people, new, strict=True)
        ]
        writes.save_many(model=ManagementRole, records=roles, by=self.by)
        rows = []
        for cooperative in new:
            rows.append(
                YearlyFigures(
                    cooperative=cooperative,
                    year=2025,
                    workers_total=10,
                    workers_female=self.random.randrange(5, 11),
                    female_stable_jobs=4,
                    members_total=10,
                    members_female=8,
                    members_trained_vocational=5,
                )
            )
        writes.save_many(model=YearlyFigures, records=rows, by=self.by)

    def import_update(self):
        """The import's bulk change of stored records (a cooperative moved, figures changed)."""
        cooperatives = list(Cooperative.objects.order_by("?")[:2])
        for cooperative in cooperatives:
            cooperative.unit = self.random.choice(self.units)
            cooperative.union_supported = not cooperative.union_supported
        writes.save_many(
            model=Cooperative,
            records=cooperatives,
            by=self.by,
            fields=["unit", "union_supported"],
        )

    def reform(self):
        """The 2025 reform's re-mapping: an old commune handed to another new commune."""
        old = self.random.choice(self.units[3:])
        old.successor = self.random.choice(self.units[:3])
        writes.save(record=old, by=self.admin)


@pytest.mark.parametrize("seed", [1, 2])
def test_kept_figures_equal_the_engine_after_every_write(seed):
    writes_ = RandomWrites(seed)
    for _ in range(6):
        writes_.new_cooperative()
    done = []
    for step in range(40):
        done.append(writes_.step())
        district = Unit.objects.get(code_set=Unit.CodeSet.PRE_2025, code="082")
        scopes = [
            None,
            Unit.objects.figure_unit_ids(district.pk, date("2024-12-31")),
            Unit.objects.figure_unit_ids(writes_.units[1].pk, timezone.localdate()),
        ]
        try:
            assert_live_equals_engine(scopes)
        except AssertionError as error:
            raise AssertionError(f"after step {step}: {done}") from error
    assert len(set(done)) >= 10  # most kinds of write were tried


def test_a_woman_managing_in_two_units_counts_once_in_a_scope_holding_both():
    first = supported(unit_=unit("03037"))
    second = supported(unit_=unit("02683"))
    person = first.roles.get().person
    train(person, certificate=True)
    ManagementRole.objects.create(
        person=person, cooperative=second, role="director", start_date=date("2020-01-01")
    )
    today = timezone.localdate()
    whole = live.compute(today)["MANAGERS_TRAINED_PCT"]
    assert (whole.numerator, whole.denominator) == (1, 2)  # her (trained), the other director
    by_unit = {u.code: f["MANAGERS_CERTIFIED_PCT"] for u, f in live.compute_by_unit(today) if u}
    assert by_unit["03037"].numerator == by_unit["02683"].numerator == 1
    assert whole == indicators.compute(today)["MANAGERS_TRAINED_PCT"]


def test_a_page_read_after_a_save_shows_it():
    cooperative = supported()
    today = timezone.localdate()
    assert live.compute(today)["HTX_SUPPORTED"].actual == 1
    cooperative.status, cooperative.status_since = "suspended", today
    writes.save(record=cooperative, by=UserFactory())
    assert live.compute(today)["HTX_SUPPORTED"].actual == 0
    assert not FiguresToRenew.objects.exists()


def test_a_refused_write_leaves_nothing_to_renew():
    cooperative = supported()
    live.renew()
    cooperative.founded_on = date("2100-01-01")  # in the future: refused by the model
    with pytest.raises(ValidationError):
        writes.save(record=cooperative, by=UserFactory())
    assert not FiguresToRenew.objects.exists()


def test_yesterdays_today_is_dropped_and_a_new_day_filled():
    supported()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    live.renew(yesterday)
    assert KeptDay.objects.filter(day=yesterday).exists()
    live.renew()
    days = set(KeptDay.objects.values_list("day", flat=True))
    assert days == set(live.kept_days(timezone.localdate()))
    assert set(UnitTotals.objects.values_list("day", flat=True)) <= days


def test_kept_days_run_from_the_plans_start_through_each_years_end_to_today():
    assert live.kept_days(date("2026-12-06")) == [
        date("2023-07-06"),
        date("2023-12-31"),
        date("2024-12-31"),
        date("2025-12-31"),
        date("2026-12-06"),
    ]


def renewal_queries(scale):
    make_data(scale)
    live.renew()
    first = supported(unit_=unit("02683"))
    figures(first)
    with CaptureQueriesContext(connection) as queries:
        live.renew()
    return len(queries)


def test_renewing_after_a_save_costs_the_same_whatever_the_data():
    small = renewal_queries(2)
    assert renewal_queries(30) == small
    # Per kept day (5): the managers in the changed units, the shared ones among them, the
    # shared managers' units, two deletes, the engine's four grouped queries and the insert.
    assert small <= 5 * 11 + 8


def test_trends_cost_three_queries_whatever_the_number_of_days():
    make_data(3)
    live.renew()
    with CaptureQueriesContext(connection) as queries:
        trend = live.trend()
    assert len(queries) == 4  # whether current (2), the sums by day, the shared managers
    assert len(trend) == len(live.kept_days(timezone.localdate()))


def test_a_committed_write_renews_the_kept_figures_before_any_page_asks(
    django_capture_on_commit_callbacks,
):
    live.renew()
    with django_capture_on_commit_callbacks(execute=True):
        supported()
    assert not FiguresToRenew.objects.exists()
    assert UnitTotals.objects.filter(day=timezone.localdate(), htx=1).exists()


def test_a_renewal_that_fails_leaves_the_write_and_the_next_page_renews(
    django_capture_on_commit_callbacks, monkeypatch
):
    live.renew()

    def broken(*_args, **_kwargs):
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patched:
        patched.setattr(indicators, "unit_totals", broken)
        with django_capture_on_commit_callbacks(execute=True):
            supported()
    assert FiguresToRenew.objects.exists()  # still marked old
    assert live.compute(timezone.localdate())["HTX_SUPPORTED"].actual == 1
