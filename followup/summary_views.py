"""What province staff and leaders see of the follow-up as a whole (a unit officer, the same of
their own scope): the support summary of a period (`summary`) and the before/after comparison
of a kind of support (`comparison`), each as a page and as an Excel file.

Scope comes from `access` (supports) and `cooperatives.access` (cooperatives), as on every
follow-up page; a unit outside the user's own is a 404, as on the dashboard."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from config.spreadsheets import COUNT, SHARE, list_sheet, workbook_download
from config.widgets import LongSelect
from cooperatives.access import cooperatives_for
from org.access import units_for
from org.forms import as_officers_write_days
from org.models import Unit
from org.plan import PLAN_START

from .access import supports_for
from .comparison import compare, support_years
from .filters import KeptChoices, area_unit_choices
from .models import SupportKind
from .summary import SHOWN_ROWS, day_text, summarise

# The first year the pages offer: the plan's.
FIRST_YEAR = PLAN_START.year


class PeriodForm(forms.Form):
    """The summary's period (1 January of this year to today unless given) and unit."""

    given_from = forms.DateField(label=gettext_lazy("From"), required=False)
    given_to = forms.DateField(label=gettext_lazy("To"), required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"), queryset=Unit.objects.none(), required=False, widget=LongSelect
    )

    def __init__(self, data=None, *, user, today):
        super().__init__(data)
        self.today = today
        for name in ("given_from", "given_to"):
            as_officers_write_days(self.fields[name])
        unit = self.fields["unit"]
        # What is chosen is read from, so checked against, the user's units; the picker shows
        # the same units from a kept list (3,600 in a national data set: reading and naming
        # them on each request cost more than the summary's figures).
        unit.queryset = units_for(user, kinds=None)
        unit.empty_label = _("Whole province") if user.sees_all_units else str(user.unit)
        unit.widget.choices = KeptChoices(unit.empty_label, lambda: area_unit_choices(user, today))
        if not self.is_bound:
            self.initial = {"given_from": datetime.date(today.year, 1, 1), "given_to": today}

    def clean(self):
        data = super().clean()
        last = data.get("given_to") or self.today
        first = data.get("given_from") or datetime.date(last.year, 1, 1)
        if "given_from" in data and "given_to" in data and first > last:
            self.add_error("given_to", _("The end of the period cannot be before its start."))
        data["given_from"], data["given_to"] = first, last
        return data

    def period(self) -> tuple[datetime.date, datetime.date, Unit | None]:
        """(first day, last day, unit) asked for: the defaults for an empty form."""
        if not self.is_bound:
            return datetime.date(self.today.year, 1, 1), self.today, None
        data = self.cleaned_data
        return data["given_from"], data["given_to"], data.get("unit")


def _checked(form):
    """Whether `form` is valid (an empty form is: its defaults); a unit the user may not see,
    or that does not exist, is a 404."""
    valid = form.is_valid()
    if form.is_bound and "unit" in form.errors:
        raise Http404
    return valid or not form.is_bound


def _scope_said(user, unit) -> str:
    if unit is not None:
        return str(unit)
    return _("Whole province") if user.sees_all_units else str(user.unit)


@require_GET
def summary(request, as_xlsx=False):
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, user=request.user, today=today)
    valid = _checked(form)
    if as_xlsx and not valid:
        raise Http404
    context = {"form": form, "query": request.GET.urlencode(), "summary": None}
    if valid:
        first, last, unit = form.period()
        supports = supports_for(request.user)
        base = {}
        if unit is not None:
            ids = Unit.objects.figure_unit_ids(unit.pk, last)
            supports = supports.filter(cooperative__unit_id__in=ids)
            base["unit"] = unit.pk
        # The page shows the units with most supports, the Excel file every row.
        found = summarise(supports, first, last, base, shown=None if as_xlsx else SHOWN_ROWS)
        scope = _scope_said(request.user, unit)
        if as_xlsx:
            return _summary_workbook(found, scope)
        context |= {"summary": found, "scope": scope, "years": _years(today, base)}
    return render(request, "followup/summary.html", context)


def _years(today, base):
    """The quick links of each year since the plan's: its 1 January to its 31 December (to
    today for this year)."""
    links = []
    for year in range(today.year, FIRST_YEAR - 1, -1):
        last = today if year == today.year else datetime.date(year, 12, 31)
        period = {"given_from": day_text(datetime.date(year, 1, 1)), "given_to": day_text(last)}
        links.append({"year": year, "query": urlencode({**period, **base})})
    return links


def _workbook_download(sheets, stem):
    """A workbook of `sheets` (title, what it holds, headers, widths, rows) in the lists'
    layout, as a download."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        list_sheet(workbook, *sheet)
    return workbook_download(workbook, stem)


def _summary_workbook(found, scope):
    said = [
        _("From %(first)s to %(last)s")
        % {"first": day_text(found.first), "last": day_text(found.last)},
        scope,
    ]
    sheets = []
    for table in [*found.tables, found.loans]:
        rows = [
            [(row.label, None), *((figure, COUNT) for figure in figures)]
            for row, figures in [*table.lines, table.total_line]
        ]
        widths = [40, *(14 for _header in table.headers)]
        # The loans' day is in their title; the supports' period above each table.
        above = [scope] if table.loans else said
        sheets.append((table.title, above, [table.label_header, *table.headers], widths, rows))
    return _workbook_download(sheets, "tong-hop-ho-tro")


class ComparisonForm(forms.Form):
    """The kind of support and the year compared."""

    kind = forms.ModelChoiceField(
        label=gettext_lazy("Kind of support"),
        queryset=SupportKind.objects.all(),
        required=False,
        empty_label=None,
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Year of the support"), coerce=int)

    def __init__(self, data=None, *, years, initial):
        super().__init__(data, initial=initial)
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["year"].required = False


@require_GET
def comparison(request, as_xlsx=False):
    today = timezone.localdate()
    cooperatives = cooperatives_for(request.user)
    first_year, last_year = support_years(cooperatives)
    years = list(range(today.year, min(FIRST_YEAR, first_year or FIRST_YEAR) - 1, -1))
    default_year = last_year if last_year in years else today.year
    form = ComparisonForm(request.GET or None, years=years, initial={"year": default_year})
    if form.is_bound and not form.is_valid():
        if as_xlsx:
            raise Http404
        return render(request, "followup/comparison.html", {"form": form, "comparison": None})
    data = form.cleaned_data if form.is_bound else {}
    kind = data.get("kind") or SupportKind.objects.first()
    year = data.get("year") or default_year
    found = compare(cooperatives, kind, year, today) if kind is not None else None
    scope = _scope_said(request.user, None)
    if as_xlsx:
        if found is None:
            raise Http404  # no kind of support in the catalogue
        return _comparison_workbook(found, scope)
    context = {
        "form": form,
        "comparison": found,
        "scope": scope,
        "query": request.GET.urlencode(),
        "no_figures_after": _no_figures_after(found) if found else "",
    }
    return render(request, "followup/comparison.html", context)


def _comparison_workbook(found, scope):
    said = [
        _("%(kind)s in %(year)s") % {"kind": found.kind, "year": found.year},
        scope,
        _("A comparison of two groups, not proof that the support caused the difference."),
    ]
    headers = [
        _("Group"),
        _("Cooperatives"),
        _("Figure"),
        str(found.before_year),
        str(found.after_year or "—"),
        _("Increase or decrease"),
        _("Increase or decrease (%)"),
    ]
    rows = []
    for group in found.groups:
        name = (
            _("Received it in %(year)s") if group.received else _("Did not receive it in %(year)s")
        ) % {"year": found.year}
        for measure in group.measures:
            share = measure.change_share
            rows.append(
                [
                    (name, None),
                    (group.cooperatives, COUNT),
                    (measure.label, None),
                    (measure.before, COUNT),
                    (measure.after, COUNT),
                    (measure.change, COUNT),
                    (_("no data"), None) if share is None else (share, SHARE),
                ]
            )
    if not found.possible:
        rows.append([(_no_figures_after(found), None)])
    title = _("Before and after a support")
    widths = [30, 14, 34, 12, 12, 12, 12]
    return _workbook_download([(title, said, headers, widths, rows)], "so-sanh-truoc-sau-ho-tro")


def _no_figures_after(found) -> str:
    return _("No yearly figures after %(year)s yet: choose an earlier year.") % {
        "year": found.before_year
    }
