"""A cooperative's timeline: its support, difficulties, training, yearly figures and status
changes in one list, newest first. A bounded number of queries for one cooperative."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative
from training.access import events_for
from training.models import HeadCount, Participant, TrainingEvent

from .models import Difficulty, Support


@dataclass(frozen=True)
class Entry:
    day: datetime.date
    what: str  # "support", "difficulty", "answer", "training", "figures", "status"
    title: str
    detail: str = ""
    url: str = ""
    overdue: bool = False


def timeline(cooperative, user, today: datetime.date) -> list[Entry]:
    entries = [
        *_supports(cooperative),
        *_difficulties(cooperative, today),
        *_trainings(cooperative, user),
        *_figures(cooperative),
        *_statuses(cooperative),
    ]
    return sorted(entries, key=lambda entry: entry.day, reverse=True)


def _supports(cooperative):
    # A body's name may name its district (a commune before the 2025 reform): its parent too.
    supports = Support.objects.filter(cooperative=cooperative).select_related(
        "kind", "body__parent"
    )
    for support in supports:
        detail = [_("by %(body)s") % {"body": support.body}]
        if support.occasion:
            detail.append(support.occasion)
        if support.amount:
            detail.append(
                _("%(amount)s VND, %(source)s")
                % {
                    "amount": number_format(support.amount, force_grouping=True),
                    "source": support.get_funding_source_display(),
                }
            )
        if support.kind.is_loan:
            detail.append(
                _("loan of %(amount)s VND from %(lender)s")
                % {
                    "amount": number_format(support.loan_amount, force_grouping=True),
                    "lender": support.get_lender_display(),
                }
            )
        yield Entry(
            support.given_on,
            "support",
            str(support.kind),
            " · ".join(detail),
            support.get_absolute_url(),
        )


def _difficulties(cooperative, today):
    difficulties = Difficulty.objects.filter(cooperative=cooperative)
    for difficulty in difficulties.select_related("body__parent"):
        url = difficulty.get_absolute_url()
        yield Entry(
            difficulty.raised_on,
            "difficulty",
            _("Difficulty raised: %(category)s") % {"category": difficulty.get_category_display()},
            _("%(text)s — to %(body)s (%(state)s)")
            % {
                "text": difficulty.description,
                "body": difficulty.body,
                "state": difficulty.get_state_display(),
            },
            url,
            difficulty.is_overdue(today),
        )
        if difficulty.answered_on:
            yield Entry(
                difficulty.answered_on,
                "answer",
                _("Answer from %(body)s") % {"body": difficulty.body},
                difficulty.answer,
                url,
            )


def _trainings(cooperative, user):
    """Events where the cooperative's people took part, or that counted its members, and
    whether `user` may open each (two queries: the events' ids are one union, which an OR
    over both joins is not: it scanned every event of a national database)."""
    named = Participant.objects.filter(person__roles__cooperative=cooperative)
    named = named.order_by().values("event_id")
    counted = HeadCount.objects.filter(cooperative=cooperative).order_by().values("event_id")
    ids = {row["event_id"] for row in named.union(counted)}
    if not ids:
        return
    may_open = Exists(events_for(user).filter(pk=OuterRef("pk")))
    events = TrainingEvent.objects.filter(pk__in=ids).annotate(may_open=may_open)
    for event in events.order_by("-start_date"):
        url = reverse("training:event_detail", args=[event.pk]) if event.may_open else ""
        yield Entry(event.start_date, "training", event.title, event.get_category_display(), url)


def _figures(cooperative):
    for figures in cooperative.yearly_figures.all():
        yield Entry(
            datetime.date(figures.year, 12, 31),
            "figures",
            _("Yearly figures %(year)s") % {"year": figures.year},
            _("%(members)s members, %(workers)s workers of whom %(female)s women")
            % {
                "members": figures.members_total,
                "workers": figures.workers_total,
                "female": figures.workers_female,
            },
        )


def _statuses(cooperative):
    """Its founding, and each change of status its history recorded."""
    if cooperative.founded_on:
        yield Entry(cooperative.founded_on, "status", _("Founded"))
    previous = None
    rows = Cooperative.history.filter(id=cooperative.pk).order_by("history_date", "history_id")
    for status, since, changed in rows.values_list("status", "status_since", "history_date"):
        if previous is not None and status != previous:
            yield Entry(
                since or changed.date(),
                "status",
                _("Status: %(status)s") % {"status": Cooperative.Status(status).label},
            )
        previous = status
