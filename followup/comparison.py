"""Before and after a kind of support: two groups of cooperatives compared, not a proof.

For a kind of support K and a year Y, among the cooperatives a user may see, those with yearly
figures for both Y − 1 (before) and the latest year up to this year that has figures (after):
- the group that received K in Y (one support of that kind given in Y is enough),
- the group that did not receive it in Y.
For each: how many cooperatives, Σ female workers with stable jobs and Σ members, before and
after, and the change (absolute, and relative to before: "no data" when before is 0).

A difference between the groups is not evidence that the support caused it: the groups may
differ in many ways (the pages say so). Cost: four queries (years, latest year, cooperatives
seen, counts and sums in one aggregate), whatever the number of cooperatives; none of them joins
the cooperatives for a user who sees every unit.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cooperatives.models import Cooperative, YearlyFigures

from .models import Support

# The figures compared: (field of the yearly figures, label).
MEASURES = [
    ("female_stable_jobs", _("Female workers with stable jobs")),
    ("members_total", _("Members")),
]

# The two groups: (received the kind in the year, the name of its sums).
GROUPS = [(True, "received"), (False, "others")]


@dataclass
class Measure:
    label: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def change_share(self) -> float | None:
        """The change as a share of `before`; None ("no data") when `before` is 0."""
        return self.change / self.before if self.before else None


@dataclass
class Group:
    received: bool
    cooperatives: int
    measures: list[Measure]


@dataclass
class Comparison:
    kind: object
    year: int
    before_year: int
    after_year: int | None
    visible: int
    groups: list[Group]

    @property
    def possible(self) -> bool:
        """Whether there are figures after the year before the support."""
        return self.after_year is not None and self.after_year > self.before_year

    @property
    def counted(self) -> int:
        return sum(group.cooperatives for group in self.groups)


def _of(rows, cooperatives):
    """`rows` (of a model with a `cooperative` field) that belong to `cooperatives`.

    When `cooperatives` is every cooperative (the scope of a user who sees every unit: an
    unfiltered queryset), `rows` are returned as they are: a filter would only join them
    against all 110,000 cooperatives of a national database, for nothing.
    """
    query = cooperatives.query
    if query.model is Cooperative and not (query.where or query.is_sliced or query.combinator):
        return rows
    return rows.filter(cooperative__in=cooperatives.values("pk"))


def support_years(cooperatives) -> tuple[int | None, int | None]:
    """The first and last year with supports of `cooperatives` (one query)."""
    days = (
        _of(Support.objects.all(), cooperatives)
        .order_by()
        .aggregate(first=Min("given_on"), last=Max("given_on"))
    )
    return tuple(day.year if day else None for day in (days["first"], days["last"]))


def latest_figures_year(cooperatives, today: datetime.date) -> int | None:
    """The latest year up to `today`'s with yearly figures of `cooperatives` (one query)."""
    figures = YearlyFigures.objects.filter(year__lte=today.year)
    return _of(figures, cooperatives).order_by().aggregate(latest=Max("year"))["latest"]


def compare(cooperatives, kind, year: int, today: datetime.date) -> Comparison:
    """Return the comparison of kind `kind` in `year` among `cooperatives` (see the module
    docstring): three queries.

    The groups' sums are one query in two steps. First one row per cooperative: its figures of
    the two years summed side by side, kept when it has both (a cooperative has at most one
    row a year), with how many of its rows belong to a cooperative given that kind in that
    year (all or none: one set of cooperatives looked up once, not a test per row and per sum).
    Then those rows summed by group.
    """
    before = year - 1
    after = latest_figures_year(cooperatives, today)
    visible = cooperatives.count()
    comparison = Comparison(kind, year, before, after, visible, [])
    if not comparison.possible:
        return comparison
    given = Support.objects.filter(kind=kind, given_on__year=year).values("cooperative")
    side_by_side = {
        f"{field_name}_{when}": Sum(field_name, filter=Q(year=that_year))
        for field_name, _label in MEASURES
        for when, that_year in (("before", before), ("after", after))
    }
    per_cooperative = (
        _of(YearlyFigures.objects.filter(year__in=[before, after]), cooperatives)
        .order_by()
        .values("cooperative")
        .annotate(
            years=Count("pk"),
            received_rows=Count("pk", filter=Q(cooperative__in=given)),
            **side_by_side,
        )
        .filter(years=2)
    )
    sums = {}
    for got, group in GROUPS:
        in_group = Q(received_rows__gt=0) if got else Q(received_rows=0)
        sums[f"{group}_count"] = Count("cooperative", filter=in_group)
        for name in side_by_side:
            sums[f"{group}_{name}"] = Coalesce(Sum(name, filter=in_group), 0)
    totals = per_cooperative.aggregate(**sums)
    for got, group in GROUPS:
        measures = [
            Measure(
                str(label),
                totals[f"{group}_{field_name}_before"],
                totals[f"{group}_{field_name}_after"],
            )
            for field_name, label in MEASURES
        ]
        comparison.groups.append(Group(got, totals[f"{group}_count"], measures))
    return comparison
