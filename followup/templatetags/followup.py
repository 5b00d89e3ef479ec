"""Template filters of the follow-up pages: how long a difficulty has waited."""

from django import template

register = template.Library()


@register.filter
def overdue_on(difficulty, today):
    """Whether `difficulty` has waited more than 90 days on `today`."""
    return difficulty.is_overdue(today)


@register.filter
def days_open_on(difficulty, today):
    """How many days `difficulty` has waited on `today` (None once answered)."""
    return difficulty.days_open(today)
