"""Every indicator of Plan 294, computed here and nowhere else (DESIGN.md, "Indicator catalogue").

For a scope — the units of an area (`unit_ids`), or the whole province (None) — and a day D:

- Portfolio: cooperatives (HTX and THT) filed under the scope that are `union_supported`,
  active on D and women-managed on D (`cooperatives.models`). A THT that had grown into an
  HTX by D (the HTX founded by then) counts as that HTX only, never twice.
- Yearly figures for D: each cooperative's latest figures of a year up to D's year.
- HTX_SUPPORTED, THT_SUPPORTED: portfolio cooperatives of that kind.
- HTX_FEMALE_JOBS, THT_FEMALE_JOBS: Σ female workers with stable jobs, portfolio of that kind.
- NEW_HTX: portfolio HTX `established_under_plan`, founded from the plan's start to D, whose
  female-labour share is more than settings.PLAN_NEW_HTX_FEMALE_SHARE (70%: exactly 70% is
  not more; a cooperative without figures has no share and does not count).
- NEW_HTX_FEMALE_JOBS: Σ female workers of the NEW_HTX cooperatives.
- MANAGERS_TRAINED_PCT: women managers on D of portfolio HTX with at least one governance and
  management training since the plan began (`training.measures`), over all of them.
- MANAGERS_CERTIFIED_PCT: the same, with a certificate from such a training.
- STAFF_COOP_TRAINED_PCT: Union officers in post on D who work on cooperative support with at
  least one training since the plan began, over all such officers.
- STAFF_SKILLS_PCT: officers in post on D with a mobilisation-skills training, over all of them.
- MEMBERS_VOCATIONAL_PCT, MEMBERS_ECOMMERCE_PCT: Σ members trained / Σ members, portfolio HTX.

A percentage with a zero denominator is None: "no data", never 0% or 100%.

Cost: four aggregate queries per call, whatever the amount of data; `compute_by_unit` adds one
query for the unit tree and still gives every reporting unit's figures from four queries.
`records` returns the rows behind a figure, filtered exactly as they were counted.
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from org.models import Unit
from org.plan import PLAN_START
from training.measures import trained_exists
from training.models import TrainingEvent, UnionOfficer

HTX, THT = Cooperative.Kind.HTX, Cooperative.Kind.THT
GOVERNANCE = TrainingEvent.Category.GOVERNANCE
MOBILISATION = TrainingEvent.Category.MOBILISATION
CODES = [
    "HTX_SUPPORTED",
    "THT_SUPPORTED",
    "HTX_FEMALE_JOBS",
    "THT_FEMALE_JOBS",
    "NEW_HTX",
    "NEW_HTX_FEMALE_JOBS",
    "MANAGERS_TRAINED_PCT",
    "MANAGERS_CERTIFIED_PCT",
    "STAFF_COOP_TRAINED_PCT",
    "STAFF_SKILLS_PCT",
    "MEMBERS_VOCATIONAL_PCT",
    "MEMBERS_ECOMMERCE_PCT",
]
# The row key of figures outside every reporting unit (province agencies, units abolished
# without a successor) in `compute_by_unit`.
OUTSIDE_UNITS = 0


@dataclass(frozen=True)
class Figure:
    """An indicator's value; for a percentage also what it divides."""

    actual: float | int | None
    numerator: int | None = None
    denominator: int | None = None


def percentage(numerator: int, denominator: int) -> Figure:
    actual = None if not denominator else numerator * 100 / denominator
    return Figure(actual, numerator, denominator)


def portfolio(day: datetime.date, unit_ids=None):
    """Return the portfolio on `day`: supported, active, women-managed cooperatives."""
    return _supported_active(day, unit_ids).women_managed_on(day)


def _supported_active(day: datetime.date, unit_ids):
    """The portfolio but for the women-managed test: supported, active on `day`, and not
    grown by then into an HTX of their own."""
    # A conversion with no founding date counts as done, as `active_on` takes it.
    converted_by_then = Cooperative.objects.filter(converted_from=OuterRef("pk")).filter(
        Q(founded_on__isnull=True) | Q(founded_on__lte=day)
    )
    cooperatives = (
        Cooperative.objects.filter(union_supported=True)
        .active_on(day)
        # NOT EXISTS: the database answers it with one anti-join, not a lookup per row.
        .filter(~Exists(converted_by_then))
    )
    return cooperatives if unit_ids is None else cooperatives.in_units(unit_ids)


def latestfigures_of(cooperatives, day: datetime.date):
    """Return the yearly figures used for `day`: each cooperative's latest up to D's year."""
    latest_year = (
        YearlyFigures.objects.filter(cooperative=OuterRef("cooperative"), year__lte=day.year)
        .order_by("-year")
        .values("year")[:1]
    )
    return YearlyFigures.objects.filter(cooperative__in=cooperatives, year=Subquery(latest_year))


def new_htx_q(day: datetime.date) -> Q:
    """Return the NEW_HTX condition on yearly-figure rows (female share in whole numbers:
    female × 10 > workers × 7 for 70%, so that exactly 70% is never "more")."""
    share = Fraction(str(settings.PLAN_NEW_HTX_FEMALE_SHARE)).limit_denominator(1000)
    more_than_share = GreaterThan(
        F("workers_female") * share.denominator, F("workers_total") * share.numerator
    )
    return Q(
        more_than_share,
        cooperative__kind=HTX,
        cooperative__established_under_plan=True,
        cooperative__founded_on__gte=PLAN_START,
        cooperative__founded_on__lte=day,
    )


def _women_manager_roles(day, unit_ids):
    """Women managers on `day` of portfolio HTX. A cooperative with such a role is
    women-managed, so the portfolio's own women-managed test is left out of the query."""
    return (
        ManagementRole.objects.active_on(day)
        .women_managers()
        .filter(cooperative__in=_supported_active(day, unit_ids).filter(kind=HTX))
    )


def _trained_manager_roles(roles, day):
    """Annotate women-manager `roles` with whether their person is trained and certified."""
    return roles.annotate(
        trained=trained_exists(day, "person", outer="person_id", category=GOVERNANCE),
        certified=trained_exists(
            day, "person", outer="person_id", category=GOVERNANCE, certified=True
        ),
    )


def _officers(day, unit_ids):
    officers = UnionOfficer.objects.active_on(day)
    return officers if unit_ids is None else officers.filter(unit_id__in=unit_ids)


def _totals(queryset, group, **aggregates) -> dict:
    """Return {group key: {name: value}}; one row keyed None when `group` is None."""
    aggregates = {name: Coalesce(expression, 0) for name, expression in aggregates.items()}
    if group is None:
        return {None: queryset.aggregate(**aggregates)}
    rows = queryset.annotate(group_key=group).values("group_key").annotate(**aggregates)
    return {row.pop("group_key"): row for row in rows.order_by()}


def _raw_totals(day, unit_ids, group_by=None) -> list[dict]:
    """Run the four aggregate queries; `group_by(lookup)` gives the grouping expression."""

    def group(lookup):
        return None if group_by is None else group_by(lookup)

    in_portfolio = portfolio(day, unit_ids)
    cooperatives = _totals(
        in_portfolio,
        group("unit_id"),
        htx=Count("pk", filter=Q(kind=HTX)),
        tht=Count("pk", filter=Q(kind=THT)),
    )
    new_htx = new_htx_q(day)
    of_htx = Q(cooperative__kind=HTX)
    figures = _totals(
        latestfigures_of(in_portfolio, day),
        group("cooperative__unit_id"),
        htx_jobs=Sum("female_stable_jobs", filter=of_htx),
        tht_jobs=Sum("female_stable_jobs", filter=Q(cooperative__kind=THT)),
        new_htx=Count("pk", filter=new_htx),
        new_htx_jobs=Sum("workers_female", filter=new_htx),
        members=Sum("members_total", filter=of_htx),
        vocational=Sum("members_trained_vocational", filter=of_htx),
        ecommerce=Sum("members_trained_ecommerce", filter=of_htx),
    )
    managers = _totals(
        _trained_manager_roles(_women_manager_roles(day, unit_ids), day),
        group("cooperative__unit_id"),
        managers=Count("person", distinct=True),
        managers_trained=Count("person", distinct=True, filter=Q(trained=True)),
        managers_certified=Count("person", distinct=True, filter=Q(certified=True)),
    )
    officers = _totals(
        _officers(day, unit_ids).annotate(
            trained=trained_exists(day, "officer"),
            skilled=trained_exists(day, "officer", category=MOBILISATION),
        ),
        group("unit_id"),
        support=Count("pk", filter=Q(works_on_cooperatives=True)),
        support_trained=Count("pk", filter=Q(works_on_cooperatives=True, trained=True)),
        officers=Count("pk"),
        officers_skilled=Count("pk", filter=Q(skilled=True)),
    )
    return [cooperatives, figures, managers, officers]


def figures_of(totals: dict) -> dict[str, Figure]:
    """Turn the raw totals of one scope into the twelve figures."""
    t = {name: totals.get(name, 0) for name in TOTAL_NAMES}
    return {
        "HTX_SUPPORTED": Figure(t["htx"]),
        "THT_SUPPORTED": Figure(t["tht"]),
        "HTX_FEMALE_JOBS": Figure(t["htx_jobs"]),
        "THT_FEMALE_JOBS": Figure(t["tht_jobs"]),
        "NEW_HTX": Figure(t["new_htx"]),
        "NEW_HTX_FEMALE_JOBS": Figure(t["new_htx_jobs"]),
        "MANAGERS_TRAINED_PCT": percentage(t["managers_trained"], t["managers"]),
        "MANAGERS_CERTIFIED_PCT": percentage(t["managers_certified"], t["managers"]),
        "STAFF_COOP_TRAINED_PCT": percentage(t["support_trained"], t["support"]),
        "STAFF_SKILLS_PCT": percentage(t["officers_skilled"], t["officers"]),
        "MEMBERS_VOCATIONAL_PCT": percentage(t["vocational"], t["members"]),
        "MEMBERS_ECOMMERCE_PCT": percentage(t["ecommerce"], t["members"]),
    }


TOTAL_NAMES = [
    "htx", "tht", "htx_jobs", "tht_jobs", "new_htx", "new_htx_jobs", "members", "vocational",
    "ecommerce", "managers", "managers_trained", "managers_certified", "support",
    "support_trained", "officers", "officers_skilled",
]  # fmt: skip


def compute(day: datetime.date, unit_ids=None) -> dict[str, Figure]:
    """Return every indicator for the scope on `day` (four queries)."""
    totals = {}
    for part in _raw_totals(day, unit_ids):
        totals |= part[None]
    return figures_of(totals)


def compute_by_unit(day: datetime.date, unit_ids=None) -> list[tuple[Unit | None, dict]]:
    """Return [(reporting unit, its figures)] for the reporting units on `day` that the scope
    reaches, then (None, figures) for what lies outside every reporting unit, when anything
    does. Counts add up to `compute(day, unit_ids)`; shared managers are counted once per
    unit. Five queries, whatever the number of units."""
    reporting, mapping = Unit.objects.reporting_map(day)
    members = {}
    for unit_id, reporting_id in mapping.items():
        members.setdefault(reporting_id, []).append(unit_id)

    # A reporting unit reports as itself: one IN list for all of them (hashed by the
    # database), and a branch only for each that other units report through (districts
    # before the reform, communes that took old ones over), so the CASE stays short when
    # thousands of communes report as themselves.
    through = {key: [pk for pk in ids if pk != key] for key, ids in members.items()}

    def group_by(lookup):
        return Case(
            When(**{f"{lookup}__in": sorted(members)}, then=F(lookup)),
            *[
                When(**{f"{lookup}__in": ids}, then=Value(key))
                for key, ids in through.items()
                if ids
            ],
            default=Value(OUTSIDE_UNITS),
            output_field=IntegerField(),
        )

    totals = {}
    for part in _raw_totals(day, unit_ids, group_by):
        for key, values in part.items():
            totals.setdefault(key, {}).update(values)
    return rows_by_unit(reporting, totals, unit_ids)


def rows_by_unit(reporting, totals: dict, unit_ids) -> list[tuple[Unit | None, dict]]:
    """Return `compute_by_unit`'s rows from the raw totals keyed by reporting unit id (and
    OUTSIDE_UNITS): the units the scope reaches, in `reporting`'s order."""
    return [
        (unit, figures_of(totals.get(unit.pk if unit else OUTSIDE_UNITS, {})))
        for unit in units_in_rows(reporting, totals, unit_ids)
    ]


def units_in_rows(reporting, totals: dict, unit_ids) -> list:
    """Return the reporting units (anything with a `pk`, in `reporting`'s order) that the
    rows of a scope list — all of them for the whole province; for an area, those with
    records counted or in it — then None for what lies outside them, when anything does."""
    if unit_ids is not None:
        reporting = [unit for unit in reporting if unit.pk in totals or unit.pk in unit_ids]
    return [*reporting, *([None] if OUTSIDE_UNITS in totals else [])]


def unit_totals(day: datetime.date, unit_ids=None) -> dict[int, dict]:
    """Return {unit id: raw totals} of the records filed under each unit itself (of the
    scope), for `targets.live` to keep: four queries. Summed over a scope's units they give
    `compute`'s totals, except that a woman managing in several of them is counted in each
    (`shared_managers` lists her)."""
    totals = {}
    for part in _raw_totals(day, unit_ids, group_by=F):
        for key, values in part.items():
            totals.setdefault(key, dict.fromkeys(TOTAL_NAMES, 0)).update(values)
    return totals


def shared_managers(day: datetime.date, person_ids=None) -> list[tuple]:
    """Return (person id, unit id, trained, certified) for every woman manager on `day` of
    portfolio HTX filed under two units or more (of `person_ids`, or anyone): one row per
    person and unit."""
    roles = _women_manager_roles(day, None)
    if person_ids is not None:
        roles = roles.filter(person_id__in=person_ids)
    in_units = roles.values("person_id").annotate(
        units=Count("cooperative__unit_id", distinct=True)
    )
    shared = roles.filter(person_id__in=in_units.filter(units__gt=1).values("person_id"))
    rows = _trained_manager_roles(shared, day).values_list(
        "person_id", "cooperative__unit_id", "trained", "certified"
    )
    return list(rows.distinct().order_by())


def manager_roles_in(day: datetime.date, unit_ids):
    """Return the ids of the women managers on `day` of portfolio HTX filed under `unit_ids`."""
    return _women_manager_roles(day, unit_ids).values("person_id")


# What each figure counts, for the drill-down page: the kind of record and, for sums and
# percentages, the field or flag that the figure adds up.
RECORDS = {
    "HTX_SUPPORTED": ("cooperatives", None),
    "THT_SUPPORTED": ("cooperatives", None),
    "HTX_FEMALE_JOBS": ("cooperatives", "female_stable_jobs"),
    "THT_FEMALE_JOBS": ("cooperatives", "female_stable_jobs"),
    "NEW_HTX": ("cooperatives", None),
    "NEW_HTX_FEMALE_JOBS": ("cooperatives", "workers_female"),
    "MANAGERS_TRAINED_PCT": ("people", "trained"),
    "MANAGERS_CERTIFIED_PCT": ("people", "certified"),
    "STAFF_COOP_TRAINED_PCT": ("officers", "trained"),
    "STAFF_SKILLS_PCT": ("officers", "skilled"),
    "MEMBERS_VOCATIONAL_PCT": ("cooperatives", "members_trained_vocational"),
    "MEMBERS_ECOMMERCE_PCT": ("cooperatives", "members_trained_ecommerce"),
}


def records(code: str, day: datetime.date, unit_ids=None):
    """Return the rows that the figure `code` counts, filtered exactly as `compute` does.

    Cooperative rows carry the counted yearly figures (`figures_year`, `members_total`,
    `counted`); people and officers carry a boolean `counted` (in the numerator or not).
    """
    kind, field = RECORDS[code]
    if kind == "cooperatives":
        rows = latestfigures_of(portfolio(day, unit_ids), day)
        if code in ("NEW_HTX", "NEW_HTX_FEMALE_JOBS"):
            cooperatives = Cooperative.objects.filter(
                pk__in=rows.filter(new_htx_q(day)).values("cooperative")
            )
        else:
            kind_of = THT if code.startswith("THT") else HTX
            cooperatives = portfolio(day, unit_ids).filter(kind=kind_of)
        latest = rows.filter(cooperative=OuterRef("pk"))
        return (
            cooperatives.select_related("unit__parent")
            .annotate(
                figures_year=Subquery(latest.values("year")),
                members_total=Subquery(latest.values("members_total")),
                counted=Subquery(latest.values(field)) if field else Value(1),
            )
            .order_by("name", "pk")
        )
    if kind == "people":
        certified = field == "certified"
        roles = _women_manager_roles(day, unit_ids)
        return (
            Person.objects.filter(pk__in=roles.values("person_id"))
            .select_related("unit__parent")
            .annotate(
                counted=trained_exists(day, "person", category=GOVERNANCE, certified=certified)
            )
            .order_by("-counted", "full_name", "pk")
        )
    officers = _officers(day, unit_ids)
    if code == "STAFF_COOP_TRAINED_PCT":
        officers = officers.filter(works_on_cooperatives=True)
    category = MOBILISATION if code == "STAFF_SKILLS_PCT" else None
    return (
        officers.select_related("unit__parent")
        .annotate(counted=trained_exists(day, "officer", category=category))
        .order_by("-counted", "full_name", "pk")
    )
