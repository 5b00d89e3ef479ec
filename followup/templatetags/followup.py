"""Template filters of the follow-up pages: how long a difficulty has waited, and whether the
user may open a cooperative's pages."""

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


@register.filter
def opens(user, cooperative):
    """Whether `user` may open `cooperative`'s pages: those of their area. (A body's officers
    see records of cooperatives outside it, those that name their body.)"""
    area = user.area_unit_ids()
    return area is None or cooperative.unit_id in area
