"""Template filters for registry figures."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cooperatives.models import female_share

register = template.Library()


@register.filter
def percent(value):
    """Render a share (0..1) as a percentage, or "no data" for None."""
    if value is None:
        return _("no data")
    # Rounded here: number_format cuts extra digits off rather than rounding them.
    return f"{number_format(round(value * 100, 1), decimal_pos=1)}%"


@register.filter
def yes_no(value):
    """Render a boolean as a capitalised, translated Yes or No."""
    return _("Yes") if value else _("No")


@register.filter
def grouped(value):
    """Render an amount with thousands separators (1.234.500 in Vietnamese)."""
    return number_format(value, force_grouping=True)


@register.simple_tag
def share(female, total):
    """Render female / total as a percentage ("no data" when total is zero or unknown)."""
    return percent(female_share(female, total))
