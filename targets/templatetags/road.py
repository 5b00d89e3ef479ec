"""The road to 2030 of one indicator as a small SVG chart, drawn on the server.

Every coordinate is computed here, so that `targets/_road.html` only places them; the SVG
keeps to what WeasyPrint draws (line, path, circle, rect, text; colours as attributes, no CSS
variables), so the same chart prints in the PDF report.
"""

import datetime
import math

from django import template
from django.utils.text import slugify
from django.utils.translation import gettext as _

from targets.models import Indicator, Target
from targets.road import day_label

from .progress import figure_value

register = template.Library()

# The viewBox and the plot inside it (room on the left for the values, below for the years).
WIDTH, HEIGHT = 320, 160
LEFT, RIGHT, TOP, BOTTOM = 34, 302, 16, 134


# The page's own font stack (static/css/portal.css).
SCREEN_FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"


@register.inclusion_tag("targets/_road.html")
def road_chart(road, prefix="road", font=SCREEN_FONT):
    """Draw `road` (a `targets.road.Road`); `prefix` keeps the element ids unique when one
    indicator is drawn more than once on a page; `font` is the chart's font family (a
    printed document's own, so that it embeds no other)."""
    start, end = _x_domain(road)
    top = _y_top(road)

    def x(day: datetime.date) -> float:
        return LEFT + (day - start).days / (end - start).days * (RIGHT - LEFT)

    def y(value) -> float:
        return BOTTOM - float(value) / top * (BOTTOM - TOP)

    percent = road.indicator.kind == Indicator.Kind.PERCENT
    return {
        "road": road,
        "font": font,
        "uid": f"{prefix}-{slugify(road.indicator.code)}",
        "width": WIDTH,
        "height": HEIGHT,
        "plot": {"left": LEFT, "right": RIGHT, "top": TOP, "bottom": BOTTOM},
        "x_ticks": [
            # A year's tick stands on its last day, where its figure and its target are.
            {"x": _n(x(datetime.date(year, 12, 31))), "label": year}
            for year in range(start.year, end.year + 1)
        ],
        "y_ticks": [
            {"y": _n(y(value)), "label": _y_label(value, percent)}
            for value in _y_values(top, percent)
        ],
        "line": _line(road.points, x, y),
        "dots": [
            {
                "x": _n(x(day)),
                "y": _n(y(value)),
                "title": f"{day_label(day)}: {figure_value(value, road.indicator)}",
            }
            for day, value in road.points
            if value is not None
        ],
        "paths": [_path(goal, x, y) for goal in road.goals if goal.path],
        "markers": [
            _marker(goal, road.points, x, y, last=goal is road.goals[-1])
            for goal in road.goals
            if goal.target
        ],
        "today": {"x": _n(x(road.today)), "label": _("Today")},
        "rows": [
            {"day": day_label(day), "value": figure_value(value, road.indicator)}
            for day, value in road.points
        ],
    }


def _x_domain(road) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of the x axis: from 1 January of the first point's year
    (2023) to the last goal's end day (31/12/2030)."""
    days = [day for day, _value in road.points] + [goal.ends_on for goal in road.goals]
    days.append(road.today)
    return datetime.date(min(days).year, 1, 1), max(
        max(days), datetime.date(max(days).year, 12, 31)
    )


def _y_top(road) -> float:
    """Return the top of the y axis: 100 for a percentage, else the largest value or target
    rounded up to a tidy step."""
    if road.indicator.kind == Indicator.Kind.PERCENT:
        return 100
    values = [value for _day, value in road.points if value is not None]
    for goal in road.goals:
        if goal.target:
            values.append(float(goal.target.upper or goal.target.value))
    largest = max(values, default=0)
    step = _tidy(largest / 4)
    return max(step * math.ceil(largest / step), step)


def _tidy(amount: float) -> float:
    """Return the smallest of 1, 2, 5 × 10ⁿ (n ≥ 0) not below `amount`."""
    scale = 10 ** max(0, math.floor(math.log10(amount))) if amount > 0 else 1
    for factor in (1, 2, 5, 10):
        if factor * scale >= amount:
            return factor * scale
    return 10 * scale  # pragma: no cover (10 × scale is always enough)


def _y_values(top, percent) -> list[float]:
    if percent:
        return [0, 25, 50, 75, 100]
    step = _tidy(top / 4)
    return [step * i for i in range(int(top / step) + 1)]


def _y_label(value, percent) -> str:
    label = f"{value:g}" if value < 1000 else f"{value:,.0f}".replace(",", ".")
    return f"{label}%" if percent else label


def _line(points, x, y) -> str:
    """Return the path of the actual values; a value of None breaks the line."""
    commands, drawing = [], False
    for day, value in points:
        if value is None:
            drawing = False
            continue
        commands.append(f"{'L' if drawing else 'M'}{_n(x(day))},{_n(y(value))}")
        drawing = True
    return " ".join(commands)


def _path(goal, x, y) -> dict:
    (start_day, start_value), (end_day, end_value) = goal.path
    return {
        "x1": _n(x(start_day)),
        "y1": _n(y(start_value)),
        "x2": _n(x(end_day)),
        "y2": _n(y(end_value)),
        "dash": "5 3" if goal.phase == 1 else "2 2",
    }


def _marker(goal, points, x, y, last) -> dict:
    target = goal.target
    mx, my = x(goal.ends_on), y(target.value)
    # The label goes on the side of the marker away from the values drawn near that day.
    near = [(abs((day - goal.ends_on).days), value) for day, value in points if value is not None]
    below = bool(near) and min(near, key=lambda pair: pair[0])[1] >= target.value
    if my < TOP + 12 or my > BOTTOM - 12:
        below = my < TOP + 12
    marker = {
        "x": _n(mx),
        "y": _n(my),
        "square": last,
        "box_x": _n(mx - 4),
        "box_y": _n(my - 4),
        # The last target is a square, an earlier one a diamond: shape and label, not colour
        # alone, tell them apart.
        "diamond": f"M{_n(mx)},{_n(my - 5)} L{_n(mx + 5)},{_n(my)} L{_n(mx)},{_n(my + 5)} "
        f"L{_n(mx - 5)},{_n(my)} Z",
        "label": f"{goal.ends_on.year}: {target.describe()}",
        # The last target sits on the right edge: its label reads leftwards from it.
        "label_x": _n(mx - 8 if last else mx),
        "label_y": _n(my + 15 if below else my - 8),
        "anchor": "end" if last else "middle",
    }
    if target.comparison == Target.Comparison.RANGE:
        marker["upper_y"] = _n(y(target.upper))
    return marker


def _n(value: float) -> str:
    """Return a coordinate as SVG wants it, "30.8" whatever the language's decimal comma."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
