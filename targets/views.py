"""The progress dashboard: every indicator against the plan's targets, per unit, and the
records behind each figure. All figures come from `targets.indicators`."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from config.pages import paginate
from config.widgets import DAY_INPUT_FORMATS, LongSelect
from org.access import kept_for_area, unit_choices, units_for
from org.access_log import Action, note
from org.models import Unit

from . import exports, indicators, live, road
from .models import Indicator, Phase, Target

# The days the dashboard answers for: the plan's years, with room around them.
FIRST_DAY, LAST_DAY = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


def _as_of(request) -> datetime.date:
    """Return the day asked for (`as_of`, dd/mm/yyyy as the picker shows it or YYYY-MM-DD as
    links give it; or `year`), today by default.

    A year means its last day, or today for the current year.
    """
    today = timezone.localdate()
    try:
        # The year picker wins: the date field always carries the day shown.
        if request.GET.get("year"):
            year = int(request.GET["year"])
            if not FIRST_DAY.year <= year <= LAST_DAY.year:
                raise ValueError(year)  # before it makes a date: a huge year overflows
            day = today if year == today.year else datetime.date(year, 12, 31)
        elif request.GET.get("as_of"):
            day = _day(request.GET["as_of"])
        else:
            return today
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(day)
        return day
    except ValueError:
        messages.error(request, _("That date could not be read; showing today instead."))
    return today


def _day(text: str) -> datetime.date:
    for day_format in DAY_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), day_format).date()
        except ValueError:
            continue
    raise ValueError(text)


def _end_of_year_before(day: datetime.date) -> datetime.date:
    """The day the dashboard measures change from: 31/12 of the year before `day`'s (for a
    year's end, a year before; for today, since the year began) — a kept day (`live`)."""
    return datetime.date(day.year - 1, 12, 31)


def _scope(request, day):
    """Return (unit, unit ids, row) of the scope asked for, always within the user's own.

    `unit` narrows the scope to one unit (a unit outside the user's area is a 404, like any
    record); `row` to one row of the breakdown: a reporting unit's id, or 0 for the units
    that report through none.
    """
    user_ids = request.user.area_unit_ids()
    unit, unit_ids = (request.user.unit if user_ids is not None else None), user_ids
    unit_pk, row = request.GET.get("unit"), request.GET.get("row")
    if unit_pk:
        if not unit_pk.isdigit():
            raise Http404
        unit = get_object_or_404(units_for(request.user, kinds=None), pk=unit_pk)
        unit_ids = _within(Unit.objects.figure_unit_ids(unit.pk, day), user_ids)
    if row:
        if not row.isdigit():
            raise Http404
        row = int(row)
        unit_ids = _within(Unit.objects.row_ids(row, day), unit_ids)
    return unit, unit_ids, (get_object_or_404(Unit, pk=row) if row else row)


def _within(ids: set[int], scope: set[int] | None) -> set[int]:
    return ids if scope is None else ids & scope


def _targets(day):
    """Return the phase of `day` and {(indicator code, phase number): target}."""
    targets = Target.objects.select_related("indicator", "phase")
    by_key = {(t.indicator.code, t.phase.number): t for t in targets}
    return Phase.objects.of_day(day), by_key


@require_GET
def dashboard(request):
    day = _as_of(request)
    unit, unit_ids, row = _scope(request, day)
    # Every kept day's figures at once (the plan's start, each 31/12, today): the day shown
    # and the one it is compared with are among them, unless another day was picked.
    series = live.trend(unit_ids)
    kept = dict(series)
    figures = kept.get(day) or live.compute(day, unit_ids)
    previous_day = _end_of_year_before(day)
    previous = kept.get(previous_day) or live.compute(previous_day, unit_ids)
    phase, targets = _targets(day)
    catalogue = list(Indicator.objects.filter(code__in=indicators.CODES))
    # A unit's own dashboard (or a breakdown row's): the plan's counts are the province's.
    unit_level = unit_ids is not None
    rows = []
    for indicator in catalogue:
        code = indicator.code
        target = targets.get((code, phase.number)) if phase else None
        rows.append(
            {
                "indicator": indicator,
                "figure": figures[code],
                "previous": previous[code],
                "target": target,
                "targets": [targets.get((code, n)) for n in (1, 2)],
                "met": target.is_met(figures[code].actual) if target else None,
            }
        )
    context = {
        "rows": rows,
        "roads": live.roads(
            unit_ids, unit_level=unit_level, series=series, targets=targets, catalogue=catalogue
        ),
        "unit_level": unit_level,
        "day": day,
        "previous_day": previous_day,
        "unit": unit,
        "phase": phase,
        **_pickers(request, day, unit),
    }
    return render(request, "targets/dashboard.html", context)


@require_GET
def heat(request):
    """Every reporting unit × every indicator: met, on track, at risk or no data today, by the
    pace since the plan's start (`road`), each cell leading to the unit's own dashboard and
    the records behind its figure. Province-wide roles only."""
    if not request.user.sees_all_units:
        raise PermissionDenied
    today = timezone.localdate()
    _phase, targets = _targets(today)
    phases = list(Phase.objects.all())
    catalogue = list(Indicator.objects.filter(code__in=indicators.CODES))
    page = paginate(request, live.reporting_rows(today))
    page.object_list = [
        {
            "unit": unit,
            "cells": [_cell(indicator, series, targets, phases, today) for indicator in catalogue],
        }
        for unit, series in live.trends_of(page.object_list, today)
    ]
    context = {"page": page, "indicators": catalogue, "day": today, "states": road.STATE_LABELS}
    return render(request, "targets/heat.html", context)


def _cell(indicator, series, targets, phases, today):
    points = road.points_of(series, indicator.code)
    judgement = road.heat_state(
        indicator, points, targets=targets, phases=phases, today=today, unit_level=True
    )
    return {"indicator": indicator, "value": points[-1][1], "judgement": judgement}


def _pickers(request, day, unit):
    """Return the context of the "as of" and unit pickers (no unit picker for one unit)."""
    today = timezone.localdate()
    chosen = unit.pk if unit else ""

    def picker():
        units = unit_choices(request.user, day)
        if len(units) < 2:
            return None
        everything = _("Whole province") if request.user.sees_all_units else str(request.user.unit)
        select = LongSelect(attrs={"id": "unit"}, choices=[("", everything), *units])
        return select.render("unit", chosen)

    # Its 3,400 options written once per unit chosen, until a unit changes (see unit_choices).
    rendered = kept_for_area(request.user, day, f"unit-picker-{chosen}", lambda: picker() or "")
    return {
        "years": range(today.year, 2022, -1),
        "unit_picker": rendered or None,  # kept as the SafeString LongSelect wrote
        "query": request.GET.urlencode(),
    }


def _details(day, unit, row=None) -> list[str]:
    """Return what an export of a dashboard list says about its scope: the day and unit
    (and the breakdown row) chosen."""
    said = [
        _("As of %(day)s") % {"day": day.strftime("%d/%m/%Y")},
        str(unit) if unit else _("Whole province"),
    ]
    if row:
        said.append(str(row))
    elif row == 0:
        said.append(_("Province level and units without a successor"))
    return said


@require_GET
def breakdown(request, code, as_xlsx=False):
    indicator = get_object_or_404(Indicator, code=code, code__in=indicators.CODES)
    day = _as_of(request)
    unit, unit_ids, row = _scope(request, day)
    phase, targets = _targets(day)
    target = targets.get((code, phase.number)) if phase else None

    def shown(rows):
        return [
            {
                "unit": row_unit,
                "figure": figures[code],
                "met": target.is_met(figures[code].actual) if target else None,
            }
            for row_unit, figures in rows
        ]

    total = live.compute(day, unit_ids)[code]
    if as_xlsx:
        details = [*_details(day, unit), f"{_('Target')}: {target or '—'}"]
        rows = shown(live.compute_by_unit(day, unit_ids))
        rows = exports.breakdown_rows(rows, total=total, target=target, unit=unit)
        return exports.breakdown(indicator).response(rows, details=details)
    # A national breakdown has 3,409 rows: the page shows them a page at a time, and makes
    # the units and figures of those only (the export has them all).
    if live.keeps(day):
        page = paginate(request, live.unit_rows(day, unit_ids))
        page.object_list = live.with_units(page.object_list)
    else:
        page = paginate(request, live.compute_by_unit(day, unit_ids))
    page.object_list = shown(page.object_list)
    context = {
        "indicator": indicator,
        "rows": page.object_list,
        "page": page,
        "total": total,
        "target": target,
        "day": day,
        "unit": unit,
        **_pickers(request, day, unit),
    }
    return render(request, "targets/breakdown.html", context)


@require_GET
def records(request, code, as_xlsx=False):
    indicator = get_object_or_404(Indicator, code=code, code__in=indicators.CODES)
    day = _as_of(request)
    unit, unit_ids, row = _scope(request, day)
    kind, field = indicators.RECORDS[code]
    figure = live.compute(day, unit_ids)[code]
    rows = indicators.records(code, day, unit_ids)
    sums_a_field = kind == "cooperatives" and field is not None
    if as_xlsx:
        export = exports.records(
            indicator, kind, members=figure.denominator is not None, counted=sums_a_field
        )
        return export.response(rows, details=_details(day, unit, row))
    if kind != "cooperatives":
        # The figure's women managers or Union officers, by name: a list of people.
        rows = list(rows)
        if rows:
            note(request, Action.LIST, people=len(rows))
    context = {
        "indicator": indicator,
        "figure": figure,
        "rows": rows,
        "kind": kind,
        "sums_a_field": sums_a_field,
        "day": day,
        "unit": unit,
        "row": row,
        "query": request.GET.urlencode(),
    }
    return render(request, "targets/records.html", context)
