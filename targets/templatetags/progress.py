"""Figures and progress bars of the dashboard, drawn on the server (SVG works in the PDF too)."""

from django import template
from django.utils.formats import number_format

from cooperatives.templatetags.registry import grouped, percent

register = template.Library()


@register.filter
def figure_value(value, indicator):
    """Render an indicator's value: a grouped count, or a percentage ("no data" for None)."""
    if indicator.kind == "percent":
        return percent(None if value is None else value / 100)
    return grouped(value) if value is not None else percent(None)


@register.filter
def change(value, previous):
    """Render the change from `previous` to `value` with its sign, or an empty string."""
    if value is None or previous is None:
        return ""
    difference = value - previous
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    decimals = 1 if isinstance(difference, float) else 0
    return f"{sign}{number_format(abs(difference), decimal_pos=decimals)}"


@register.inclusion_tag("targets/_progress.html")
def progress(figure, target, ink=""):
    """Draw how far `figure` has come towards `target` (its lower bound for a range), in
    green when met and amber when not — or in `ink` (a printed document's grey)."""
    goal = float(target.value) if target else None
    actual = figure.actual
    share = None
    if actual is not None and goal:
        share = max(0.0, min(1.0, actual / goal))
    elif actual is not None and goal == 0:
        share = 1.0
    return {
        "share": share,
        # A plain string: SVG wants "30.8" whatever the language's decimal comma.
        "width": f"{(share or 0) * 100:.1f}",
        "met": target and target.is_met(actual),
        "ink": ink,
    }
