"""The support given over a period, summed: by kind, by the body that gave it, by funding
source and by reporting unit; and the loans still running on the period's last day, by lender.

Every figure is counted in the database and links to the support list filtered to exactly the
records it counts (`Row.url`, built once per row):
- supports: records; cooperatives: distinct cooperatives; amount: Σ amount (VND);
- events: an event entered once for many cooperatives (a `batch`) counts once, each record
  without a batch once;
- reporting unit: the unit a cooperative's unit reports through on the period's last day
  (`Unit.objects.reporting_mapping`: districts before 01/07/2025, communes after), grouped by
  a CASE in the database, so an event of one batch counts once per reporting unit too;
- a loan runs from its date to its date plus its term (`Support.loan_ends_on`), both days
  included: it is still running on day D when given on or before D and falling due on or after D.

The tables by body and by reporting unit have a row per unit: thousands in a national data set.
The page shows at most `SHOWN_ROWS` of each (those with most supports), and the others in one
line (`Table.others`, summed in Python from the rows read) of the figures that count a record,
or a cooperative, in one row only: supports and amounts, and the cooperatives by reporting
unit; the others are left blank. The Excel file has every row (`summarise(..., shown=None)`).

Cost: one query per table and one for the totals, one for the names of the units shown, and the
reporting map (kept until a unit changes), whatever the number of records.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from config.widgets import DAY_FORMAT
from org.models import UNIT_PERIOD, Unit

from .models import Funding, Lender, SupportKind

# The group of the cooperatives whose unit reports through no reporting unit on the day
# (the province itself, its agencies): the list's `row=0`.
OUTSIDE_UNITS = 0
# The most rows of units the page's tables by body and by reporting unit show (the Excel file
# has them all): those with most supports, the others summed in one line.
SHOWN_ROWS = 30
# A month holds fewer days than this: (months, day) pairs compare as months * 32 + day.
DAYS_KEY = 32

FIGURES = {
    "supports": Count("pk"),
    "cooperatives": Count("cooperative", distinct=True),
    "batches": Count("batch", distinct=True),
    "unbatched": Count("pk", filter=Q(batch__isnull=True)),
    "amount": Coalesce(Sum("amount"), 0),
}
LOAN_FIGURES = {
    "loans": Count("pk"),
    "borrowers": Count("cooperative", distinct=True),
    "loan_amount": Coalesce(Sum("loan_amount"), 0),
}


def day_text(day: datetime.date) -> str:
    """A day as officers write it and the list's filters read it (dd/mm/yyyy)."""
    return day.strftime(DAY_FORMAT)


def running_on(supports, day: datetime.date):
    """Return the loans of `supports` still within their term on `day`: given on or before
    `day` and falling due on or after it (`Support.loan_ends_on`, in SQL on every database).

    A loan given on day g of month m falls due on day g of month m + term, or on that month's
    last day when it is shorter. So it is running on `day` (month M, day d) when m + term comes
    after M, or is M and g >= d (d is at most M's last day, so the clipped day is >= d too):
    as one comparison, (m + term) * 32 + g >= M * 32 + d, months counted from year 0."""
    due_key = (
        (ExtractYear("given_on") * 12 + ExtractMonth("given_on") + F("loan_term_months")) * DAYS_KEY
    ) + ExtractDay("given_on")
    day_key = (day.year * 12 + day.month) * DAYS_KEY + day.day
    return (
        supports.filter(
            kind__counts_as=SupportKind.CountsAs.LOAN,
            loan_term_months__gt=0,
            given_on__lte=day,
        )
        .alias(due_key=due_key)
        .filter(due_key__gte=day_key)
    )


@dataclass
class Row:
    """A row of a table: its label, the list filters of its records, and its figures (None: not
    added up, in the line of the rows not shown)."""

    label: str
    filters: dict
    supports: int = 0
    cooperatives: int = 0
    events: int = 0
    amount: int = 0
    loans: int = 0
    borrowers: int = 0
    loan_amount: int = 0

    @cached_property
    def url(self) -> str:
        """The support list of exactly the records this row counts (built once: a page links
        each of a row's figures to it)."""
        return f"{reverse('followup:support_list')}?{urlencode(self.filters)}"


# The figures of a table of supports and of the table of loans: (Row attribute, header).
SUPPORT_COLUMNS = [
    ("supports", gettext_lazy("Supports")),
    ("cooperatives", gettext_lazy("Cooperatives")),
    ("events", gettext_lazy("Events")),
    ("amount", gettext_lazy("Amount (VND)")),
]
LOAN_COLUMNS = [
    ("loans", gettext_lazy("Loans")),
    ("borrowers", gettext_lazy("Borrowers")),
    ("loan_amount", gettext_lazy("Amount lent (VND)")),
]


@dataclass
class Table:
    """A table: its name (`code`, for the export), title, the header of its labels, its rows
    and its total. On the page, a table of units cut to the rows of the units with most
    supports holds those only, and the others summed in one line (`others`, shown before the
    row at `others_at`; without filters, so without a link: no list filter selects them),
    with a note saying so (`cut_note`)."""

    code: str
    title: str
    label_header: str
    rows: list[Row]
    total: Row
    loans: bool = False
    others: Row | None = None
    others_at: int = 0
    cut_note: str = ""

    @property
    def columns(self) -> list:
        return LOAN_COLUMNS if self.loans else SUPPORT_COLUMNS

    @property
    def headers(self) -> list:
        """The header of each figure's column."""
        return [header for _name, header in self.columns]

    @property
    def lines(self) -> list[tuple[Row, list[int | None]]]:
        """Each row with its figures in the columns' order, and the line of the rows not
        shown at its place."""
        lines = [self._line(row) for row in self.rows]
        if self.others is not None:
            lines.insert(self.others_at, self._line(self.others))
        return lines

    @property
    def total_line(self) -> tuple[Row, list[int]]:
        return self._line(self.total)

    @property
    def others_not_added(self) -> bool:
        """Whether a figure of the line of the rows not shown is left blank (not added up)."""
        return self.others is not None and None in self._line(self.others)[1]

    def _line(self, row):
        return row, [getattr(row, name) for name, _header in self.columns]


@dataclass
class Summary:
    first: datetime.date
    last: datetime.date
    tables: list[Table] = field(default_factory=list)
    loans: Table | None = None

    @property
    def total(self) -> Row:
        return self.tables[0].total


def _row(label, filters, figures) -> Row:
    return Row(
        label=label,
        filters=filters,
        supports=figures["supports"],
        cooperatives=figures["cooperatives"],
        events=figures["batches"] + figures["unbatched"],
        amount=figures["amount"],
    )


def _loan_row(label, filters, figures) -> Row:
    return Row(
        label=label,
        filters=filters,
        loans=figures["loans"],
        borrowers=figures["borrowers"],
        loan_amount=figures["loan_amount"],
    )


def _grouped(supports, *groups, order=()):
    return list(supports.order_by().values(*groups).annotate(**FIGURES).order_by(*order))


def reporting_unit(day: datetime.date, lookup: str = "cooperative__unit_id"):
    """The reporting unit through which `lookup` (a unit id) reports on `day`, as a database
    expression (OUTSIDE_UNITS for none). A reporting unit reports as itself: one IN list for
    all of them, and a branch only for each that other units report through (a district before
    the reform, a commune that took old ones over), as `targets.indicators` groups them."""
    mapping = Unit.objects.reporting_mapping(day)
    members = {}
    for unit_id, reporting_id in mapping.items():
        members.setdefault(reporting_id, []).append(unit_id)
    if not members:
        return Value(OUTSIDE_UNITS, output_field=IntegerField())
    return Case(
        When(**{f"{lookup}__in": sorted(members)}, then=F(lookup)),
        *[
            When(**{f"{lookup}__in": sorted(pk for pk in ids if pk != key)}, then=Value(key))
            for key, ids in members.items()
            if any(pk != key for pk in ids)
        ],
        default=Value(OUTSIDE_UNITS),
        output_field=IntegerField(),
    )


def summarise(
    supports, first: datetime.date, last: datetime.date, base: dict, shown: int | None = None
) -> Summary:
    """Return the summary of `supports` (already narrowed to the user's scope and the unit
    chosen) given from `first` to `last`; `base` holds the list filters every link keeps
    (the unit chosen). The tables by body and by reporting unit keep at most `shown` rows
    (None: every row), the others summed in one line; only the units of the rows kept are
    named."""
    given = supports.given_between(first, last)
    period = {**base, "given_from": day_text(first), "given_to": day_text(last)}

    by_kind = _grouped(given, "kind_id", "kind__name", order=("kind__position", "kind__name"))
    by_body = _grouped(given, "body_id")
    by_source = _grouped(given, "funding_source")
    by_reporting = _grouped(given.annotate(reporting=reporting_unit(last)), "reporting")
    total = given.aggregate(**FIGURES)

    loans = running_on(supports, last)
    by_lender = list(loans.order_by().values("lender").annotate(**LOAN_FIGURES).order_by("lender"))
    loans_total = loans.aggregate(**LOAN_FIGURES)

    # The province level is a row of its own, always shown: not one of the units cut.
    outside = [r for r in by_reporting if r["reporting"] == OUTSIDE_UNITS]
    by_reporting = [r for r in by_reporting if r["reporting"] != OUTSIDE_UNITS]
    bodies, other_bodies = _cut(by_body, "body_id", shown)
    reporting, other_reporting = _cut(by_reporting, "reporting", shown)
    unit_ids = {row["body_id"] for row in bodies} | {row["reporting"] for row in reporting}
    units = Unit.objects.select_related("parent").in_bulk(unit_ids)
    summary = Summary(first=first, last=last)
    total_row = _row(_("Total"), period, total)

    def table(code, title, label_header, rows, others=None, cut_note=""):
        cut = {}
        if others is not None:
            cut = {"others": others, "others_at": shown, "cut_note": cut_note % {"shown": shown}}
        summary.tables.append(Table(code, title, label_header, rows, total_row, **cut))

    table(
        "kind",
        _("By kind of support"),
        _("Kind of support"),
        [_row(r["kind__name"], {**period, "kind": r["kind_id"]}, r) for r in by_kind],
    )
    table(
        "body",
        _("By body that gave it"),
        _("Given by"),
        _body_rows(bodies, units, period, ranked=bool(other_bodies)),
        # A cooperative may be helped, and an event's records given, by several bodies.
        _others(
            other_bodies,
            ngettext("%(count)s other body", "%(count)s other bodies", len(other_bodies)),
            added=("supports", "amount"),
        ),
        _(
            "The %(shown)s bodies with the most supports, the others added up in one line: "
            "the Excel file has every row."
        ),
    )
    table(
        "funding",
        _("By funding source"),
        _("Funding source"),
        _source_rows(by_source, period),
    )
    table(
        "reporting",
        _("By reporting unit"),
        _("Reporting unit"),
        _reporting_rows(reporting, outside, units, period, ranked=bool(other_reporting)),
        # A cooperative reports through one unit; an event of cooperatives of several units
        # counts once in each unit's row.
        _others(
            other_reporting,
            ngettext(
                "%(count)s other reporting unit",
                "%(count)s other reporting units",
                len(other_reporting),
            ),
            added=("supports", "cooperatives", "amount"),
        ),
        _(
            "The %(shown)s reporting units with the most supports, the others added up in one "
            "line: the Excel file has every row."
        ),
    )
    # The loans running on the last day, whenever they were given: `given_to` keeps the list's
    # unit filter on the summary's day.
    running = {**base, "running_on": day_text(last), "given_to": day_text(last)}
    labels = dict(Lender.choices)
    summary.loans = Table(
        "loans",
        _("Loans still running on %(day)s, by lender") % {"day": day_text(last)},
        _("Lender"),
        [
            _loan_row(
                labels.get(r["lender"]) or "—",
                {**running, "lender": r["lender"]},
                r,
            )
            for r in sorted(by_lender, key=lambda r: _order(Lender, r["lender"]))
        ],
        _loan_row(_("Total"), running, loans_total),
        loans=True,
    )
    return summary


def _cut(rows, key: str, shown: int | None) -> tuple[list, list]:
    """(rows kept, rows left out) of the grouped `rows`: all of them when at most `shown`
    (or `shown` is None), else the `shown` with most supports (then most money, then by
    `key`, the unit's id, so that the cut is the same on every run)."""
    if shown is None or len(rows) <= shown:
        return rows, []
    ranked = sorted(rows, key=lambda r: (-r["supports"], -r["amount"], r[key]))
    return ranked[:shown], ranked[shown:]


def _others(rows, label: str, added) -> Row | None:
    """The line of the grouped `rows` not shown, labelled `label` (with their number): the
    figures named in `added` summed (those that count each record, or cooperative, in one row
    only), the others left blank (None). None without such rows."""
    if not rows:
        return None
    sums = {name: sum(r[name] for r in rows) for name in FIGURES}
    figures = _row(label % {"count": number_format(len(rows), force_grouping=True)}, {}, sums)
    for name, _header in SUPPORT_COLUMNS:
        if name not in added:
            setattr(figures, name, None)
    return figures


def _order(choices, value) -> int:
    """The position of `value` among `choices`, anything else last."""
    values = list(choices.values)
    return values.index(value) if value in values else len(values)


def _body_rows(rows, units, period, *, ranked: bool) -> list[Row]:
    """The rows of the bodies, by name; by supports, most first, when cut (`ranked`)."""
    today = timezone.localdate()
    shown = []
    for r in rows:
        unit = units[r["body_id"]]
        # The list's body picker offers today's bodies; an older one is filtered by its id.
        offered = unit.kind != Unit.Kind.PROVINCE and UNIT_PERIOD.contains(unit, today)
        key = "body" if offered else "given_by"
        shown.append(_row(str(unit), {**period, key: unit.pk}, r))
    return sorted(shown, key=_ranked if ranked else _by_label)


def _by_label(row) -> str:
    return row.label


def _ranked(row) -> tuple:
    return (-row.supports, row.label)


def _source_rows(rows, period) -> list[Row]:
    labels = dict(Funding.choices)
    shown = []
    for r in sorted(rows, key=lambda r: _order(Funding, r["funding_source"])):
        source = r["funding_source"]
        if source:
            shown.append(_row(labels.get(source, source), {**period, "funding_source": source}, r))
        else:
            shown.append(_row(_("No funding source"), {**period, "unfunded": "true"}, r))
    return shown


def _reporting_rows(rows, outside, units, period, *, ranked: bool) -> list[Row]:
    """The rows of the reporting units, by name (by supports, most first, when cut:
    `ranked`), then that of the cooperatives reporting through none (`outside`)."""
    shown = [_row(str(units[r["reporting"]]), {**period, "row": r["reporting"]}, r) for r in rows]
    shown.sort(key=_ranked if ranked else _by_label)
    shown += [
        _row(
            _("Province level and units without a successor"),
            {**period, "row": OUTSIDE_UNITS},
            r,
        )
        for r in outside
    ]
    return shown
