"""Indicator figures that stay current at national scale, for the pages that show them.

The engine (`indicators`) computes a scope's figures from the records in seconds at national
scale. Here its raw totals are kept per unit and per kept day (`UnitTotals`: the records
filed under that unit itself), and a scope's figures are their sum, turned into figures by
the engine's own `figures_of`: nothing here defines an indicator.

- **Kept days** (`kept_days`): the plan's start (the baseline), 31/12 of each year since,
  and today — the days of the dashboard's year picker and of the road to 2030. Any other day
  is computed by the engine (kept until the data changes, `cache`).
- **Kept current by every write**: a save or delete of a record the engine reads (the
  signals connected in `apps.py`, the door's bulk writes included) adds, in the writer's own
  transaction, a `FiguresToRenew` row for each unit whose totals it may change, as it was
  before and as it is after. When the write commits, `renew` recomputes those units' totals
  for every kept day with the engine, grouped by unit (four queries a day, whatever the
  number of units), and removes the rows it handled; a page that reads figures renews first
  whatever is still marked (a write committed a moment before it, a renewal that failed). A
  page never shows a figure older than the last write committed before it began.
- **A woman managing in several units** is counted once in each unit's totals; `SharedManager`
  lists her units so that a scope holding several counts her once, as the engine does.
- **Everything anew**: a migration, a restore or a bulk load adds a row for every unit
  (`cache.everything_changed`); a kept day that has gone by (yesterday's "today") is
  dropped, and a new one filled for every unit (about 2 s at national scale on PostgreSQL:
  `manage.py renew_figures`, run nightly, does it before anyone asks).

Renewals run one at a time: an advisory lock on PostgreSQL, the write lock on SQLite (its
transactions begin IMMEDIATE). Writers never wait for them.
"""

import datetime
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from config import caching
from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from org.models import Unit
from org.plan import PLAN_START
from training.models import Participant, TrainingEvent, UnionOfficer

from . import cache, indicators, road
from .models import (
    FiguresToRenew,
    Indicator,
    KeptDay,
    Phase,
    SharedManager,
    Target,
    UnitTotals,
)

# The advisory lock that renewals take on PostgreSQL (any number no other lock uses).
RENEW_LOCK = 2942030


def kept_days(today: datetime.date) -> list[datetime.date]:
    """The plan's start, 31/12 of every year from the plan's first to last year, and today."""
    year_ends = [datetime.date(year, 12, 31) for year in range(PLAN_START.year, today.year)]
    return sorted({PLAN_START, *year_ends, today})


# For a model the engine reads: the units whose totals its records (by primary key) feed, as
# one query of unit ids. A THT's totals change with the HTX it grows into; a person's and a
# training's with the cooperatives she manages and the officers' units.
def _unit_ids(model, lookup: str, **filters):
    return model.objects.filter(**filters).order_by().values_list(lookup)


def _roles_units(**filters):
    return _unit_ids(ManagementRole, "cooperative__unit_id", **filters)


_UNITS_OF = {
    Cooperative: lambda pks: _unit_ids(Cooperative, "unit_id", pk__in=pks).union(
        _unit_ids(Cooperative, "converted_from__unit_id", pk__in=pks)
    ),
    YearlyFigures: lambda pks: _unit_ids(YearlyFigures, "cooperative__unit_id", pk__in=pks),
    ManagementRole: lambda pks: _roles_units(pk__in=pks),
    Person: lambda pks: _roles_units(person_id__in=pks),
    TrainingEvent: lambda pks: _roles_units(person__trainings__event_id__in=pks).union(
        _unit_ids(UnionOfficer, "unit_id", trainings__event_id__in=pks)
    ),
    Participant: lambda pks: _roles_units(person__trainings__in=pks).union(
        _unit_ids(UnionOfficer, "unit_id", trainings__in=pks)
    ),
    UnionOfficer: lambda pks: _unit_ids(UnionOfficer, "unit_id", pk__in=pks),
}
INPUTS = list(_UNITS_OF)


def units_fed_by(model, pks) -> set[int]:
    """The units whose totals the stored records `pks` of `model` feed (one query)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return set()
    return {unit_id for (unit_id,) in _UNITS_OF[model](pks) if unit_id is not None}


def mark(unit_ids):
    """Say, in the writer's transaction, that the totals of `unit_ids` are old; and renew
    them as soon as it commits, so that the next page finds them current."""
    if not unit_ids:
        return
    FiguresToRenew.objects.bulk_create([FiguresToRenew(unit_id=pk) for pk in sorted(unit_ids)])
    # Robust: a renewal that fails is logged, not raised into the committed write's answer;
    # the rows stay, and the next page renews them.
    transaction.on_commit(renew, robust=True)


# The signal handlers (`apps.py`): a record's units before a change and after it.


def before_save(sender, instance, raw=False, **_signal):
    if not raw and instance.pk is not None and not caching.gathering():
        instance._units_before_save = units_fed_by(sender, [instance.pk])


def after_save(sender, instance, raw=False, **_signal):
    if raw or caching.gathering():
        return
    before = getattr(instance, "_units_before_save", set())
    mark(before | units_fed_by(sender, [instance.pk]))


def before_delete(sender, instance, **_signal):
    if not caching.gathering():
        mark(units_fed_by(sender, [instance.pk]))


def around_bulk_write(sender, records=(), **_signal):
    """The door's bulk write, sent before it changes stored records and after it writes."""
    if not caching.gathering():
        mark(units_fed_by(sender, [record.pk for record in records]))


# Renewal.


def renew(today: datetime.date | None = None):
    """Bring the kept totals up to the last committed write (two queries when they are)."""
    days = kept_days(today or timezone.localdate())
    if _current(days):
        return
    with transaction.atomic():
        _take_renewal_lock()
        markers = list(FiguresToRenew.objects.values_list("pk", "unit_id"))
        units = sorted({unit_id for _pk, unit_id in markers} - {None})
        kept = set(KeptDay.objects.values_list("day", flat=True))
        if any(unit_id is None for _pk, unit_id in markers):
            kept = set()  # every unit anew
        if kept - set(days) or set(days) - kept:
            for model in (UnitTotals, SharedManager, KeptDay):
                model.objects.exclude(day__in=kept & set(days)).delete()
        ready = [day for day in days if day in kept]
        if units and ready:
            _renew_units(ready, units)
        for day in days:
            if day not in kept:
                _store(day, indicators.unit_totals(day), indicators.shared_managers(day))
                KeptDay.objects.create(day=day)
        FiguresToRenew.objects.filter(pk__in=[pk for pk, _unit in markers]).delete()


def _current(days) -> bool:
    return not FiguresToRenew.objects.exists() and KeptDay.objects.filter(
        day__in=days
    ).count() == len(days)


def _take_renewal_lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [RENEW_LOCK])


def _renew_units(days, unit_ids):
    """Keep the totals of `unit_ids` anew on `days`, and the shared managers among anyone
    who manages there or was shared there: her rows in every unit are rewritten."""
    people = set(
        ManagementRole.objects.filter(cooperative__unit_id__in=unit_ids).values_list(
            "person_id", flat=True
        )
    )
    was_shared = SharedManager.objects.filter(unit_id__in=unit_ids)
    people |= set(was_shared.values_list("person_id", flat=True))
    totals = {day: indicators.unit_totals(day, unit_ids) for day in days}
    shared = {day: indicators.shared_managers(day, people) if people else [] for day in days}
    UnitTotals.objects.filter(day__in=days, unit_id__in=unit_ids).delete()
    if people:
        SharedManager.objects.filter(day__in=days, person_id__in=people).delete()
    for day in days:
        _store(day, totals[day], shared[day])


def _store(day, totals: dict, shared: list):
    UnitTotals.objects.bulk_create(
        [UnitTotals(day=day, unit_id=unit_id, **values) for unit_id, values in totals.items()],
        batch_size=500,
    )
    SharedManager.objects.bulk_create(
        [
            SharedManager(day=day, person_id=person, unit_id=unit, trained=t, certified=c)
            for person, unit, t, c in shared
        ],
        batch_size=500,
    )


# Reading: the figures of a scope (unit ids, or None for everything) from the kept totals.


def keeps(day) -> bool:
    """Whether `day`'s figures are kept current (else the engine computes them)."""
    return day in kept_days(timezone.localdate())


def compute(day: datetime.date, unit_ids=None) -> dict:
    """`indicators.compute`, from the kept totals (for any other day: the engine's, kept)."""
    if not keeps(day):
        return cache.compute(day, unit_ids)
    renew()
    return indicators.figures_of(_summed(UnitTotals.objects.filter(day=day), day, unit_ids))


def compute_by_unit(day: datetime.date, unit_ids=None) -> list:
    """`indicators.compute_by_unit`, from the kept totals (any other day: the engine's)."""
    if not keeps(day):
        return cache.compute_by_unit(day, unit_ids)
    return with_units(unit_rows(day, unit_ids))


def unit_rows(day: datetime.date, unit_ids=None) -> list[tuple]:
    """Return `compute_by_unit`'s rows on a kept day as [(reporting unit id or None, raw
    totals)], without making a unit or a figure: a page of the breakdown shows 25 of 3,409
    (`with_units` makes them for those)."""
    renew()
    mapping = Unit.objects.reporting_mapping(day)

    def group(unit_id):
        return mapping.get(unit_id, indicators.OUTSIDE_UNITS)

    rows = _in_scope(UnitTotals.objects.filter(day=day), unit_ids)
    totals = {}
    for unit_id, *values in rows.values_list("unit_id", *indicators.TOTAL_NAMES):
        _add(totals, group(unit_id), values)
    shared = _in_scope(SharedManager.objects.filter(day=day), unit_ids)
    _count_once(totals, ((group(u), p, t, c) for _d, p, u, t, c in _shared_rows(shared)))
    names = Unit.objects.filter(pk__in=set(mapping.values())).values_list("pk", "name")
    reporting = [SimpleNamespace(pk=pk) for pk, _name in sorted(names, key=lambda row: row[1])]
    return [
        (unit.pk if unit else None, totals.get(unit.pk if unit else indicators.OUTSIDE_UNITS, {}))
        for unit in indicators.units_in_rows(reporting, totals, unit_ids)
    ]


def with_units(rows) -> list[tuple]:
    """[(unit or None, figures)] of rows of `unit_rows` (one query for their units)."""
    units = Unit.objects.in_bulk([pk for pk, _totals in rows if pk is not None])
    return [(units.get(pk), indicators.figures_of(totals)) for pk, totals in rows]


def trend(unit_ids=None, today: datetime.date | None = None) -> list[tuple]:
    """Return [(day, figures)] for every kept day, from the plan's start to today: two
    queries (and two to know the kept totals current), whatever the number of days."""
    today = today or timezone.localdate()
    renew(today)
    rows = _in_scope(UnitTotals.objects.all(), unit_ids).values("day").order_by("day")
    sums = rows.annotate(**{name: Coalesce(Sum(name), 0) for name in indicators.TOTAL_NAMES})
    totals = {row.pop("day"): row for row in sums}
    shared = _in_scope(SharedManager.objects.all(), unit_ids)
    _count_once(totals, ((d, p, t, c) for d, p, _u, t, c in _shared_rows(shared)))
    return [(day, indicators.figures_of(totals.get(day, {}))) for day in kept_days(today)]


def reporting_rows(today: datetime.date | None = None) -> list[tuple]:
    """Return [(reporting unit id, its name, the ids of the units reporting through it)]
    today, by name, then (None, "", the others) when anything kept lies outside every
    reporting unit: the rows of the units table, whose trends `trends_of` gives a page at a
    time (names only here: a national table has 3,400 rows)."""
    today = today or timezone.localdate()
    renew(today)
    mapping = Unit.objects.reporting_mapping(today)
    members = {}
    for unit_id, reporting_id in mapping.items():
        members.setdefault(reporting_id, []).append(unit_id)
    names = Unit.objects.filter(pk__in=members).values_list("pk", "name")
    rows = [(pk, name, members[pk]) for pk, name in sorted(names, key=lambda row: row[1])]
    outside = sorted(set(Unit.objects.values_list("pk", flat=True)) - set(mapping))
    if UnitTotals.objects.filter(unit_id__in=outside).exists():
        rows.append((None, "", outside))
    return rows


def trends_of(rows, today: datetime.date | None = None) -> list[tuple]:
    """Return [(unit or None, [(day, figures)] for every kept day)] for rows of
    `reporting_rows`: three queries, whatever the number of rows and days."""
    days = kept_days(today or timezone.localdate())
    units = Unit.objects.in_bulk([pk for pk, _name, _ids in rows if pk is not None])
    row_of = {unit_id: index for index, (_pk, _name, ids) in enumerate(rows) for unit_id in ids}
    totals = {}
    columns = ("day", "unit_id", *indicators.TOTAL_NAMES)
    for day, unit_id, *values in UnitTotals.objects.filter(unit_id__in=row_of).values_list(
        *columns
    ):
        _add(totals, (row_of[unit_id], day), values)
    shared = _shared_rows(SharedManager.objects.filter(unit_id__in=row_of))
    _count_once(totals, (((row_of[u], d), p, t, c) for d, p, u, t, c in shared))
    return [
        (
            units.get(pk),
            [(day, indicators.figures_of(totals.get((index, day), {}))) for day in days],
        )
        for index, (pk, _name, _ids) in enumerate(rows)
    ]


def roads(unit_ids=None, *, unit_level=False, series=None, targets=None, catalogue=None) -> list:
    """Each indicator's road to 2030 (`road`) for the scope, from its kept figures: the
    province's, or one unit's (`unit_level`). A caller that has read them already passes the
    `series` (`trend`), the `targets` {(code, phase number): Target} and the `catalogue`."""
    if targets is None:
        rows = Target.objects.select_related("indicator", "phase")
        targets = {(t.indicator.code, t.phase.number): t for t in rows}
    return road.roads(
        series=trend(unit_ids) if series is None else series,
        targets=targets,
        phases=list(Phase.objects.all()),
        indicators=catalogue or Indicator.objects.filter(code__in=indicators.CODES),
        today=timezone.localdate(),
        unit_level=unit_level,
    )


def _in_scope(rows, unit_ids):
    return rows if unit_ids is None else rows.filter(unit_id__in=unit_ids)


def _add(totals: dict, key, values):
    group = totals.setdefault(key, dict.fromkeys(indicators.TOTAL_NAMES, 0))
    for name, value in zip(indicators.TOTAL_NAMES, values, strict=True):
        group[name] += value


def _shared_rows(rows):
    return rows.values_list("day", "person_id", "unit_id", "trained", "certified")


def _summed(rows, day, unit_ids) -> dict:
    rows = _in_scope(rows, unit_ids)
    totals = {None: rows.aggregate(**{n: Coalesce(Sum(n), 0) for n in indicators.TOTAL_NAMES})}
    shared = _in_scope(SharedManager.objects.filter(day=day), unit_ids)
    _count_once(totals, ((None, p, t, c) for _d, p, _u, t, c in _shared_rows(shared)))
    return totals[None]


def _count_once(totals: dict, shared):
    """Count each shared manager once per group of `totals`: `shared` gives (group key,
    person, trained, certified) for each of her units, whose totals each counted her."""
    units_of = {}
    for key, person, trained, certified in shared:
        seen = units_of.setdefault((key, person), [0, trained, certified])
        seen[0] += 1
    for (key, _person), (units, trained, certified) in units_of.items():
        if units > 1 and key in totals:
            extra = units - 1
            totals[key]["managers"] -= extra
            totals[key]["managers_trained"] -= extra * trained
            totals[key]["managers_certified"] -= extra * certified
