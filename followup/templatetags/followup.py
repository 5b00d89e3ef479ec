"""Template filters of the follow-up pages (how long a difficulty has waited, whether the user
may open a cooperative's pages), and a cooperative's latest follow-up, which the registry's
cooperative page shows without importing this app."""

from django import template
from django.utils import timezone

from followup.access import opens
from followup.timeline import timeline

register = template.Library()


@register.filter
def overdue_on(difficulty, today):
    """Whether `difficulty` has waited more than 90 days on `today`."""
    return difficulty.is_overdue(today)


@register.filter
def days_open_on(difficulty, today):
    """How many days `difficulty` has waited on `today` (None once answered)."""
    return difficulty.days_open(today)


# Whether the user may open a cooperative's pages (`{% if user|opens:cooperative %}`).
register.filter("opens", opens)


# The entries of a cooperative's timeline its own page shows (the follow-up page has all).
LATEST = 6


@register.inclusion_tag("followup/_latest.html", takes_context=True)
def followup_latest(context, cooperative):
    """Render `cooperative`'s newest follow-up entries, with the way to all of them."""
    today = timezone.localdate()
    entries = timeline(cooperative, context["request"].user, today)
    return {
        "cooperative": cooperative,
        "timeline": entries[:LATEST],
        "more": len(entries) - LATEST,
        "overdue": sum(entry.overdue for entry in entries),
    }
