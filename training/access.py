"""What a user may see of the training records: every training view goes through here.

Events and Union officers belong to a unit and follow the same scope as the registry
(`org.access`): a unit officer sees their area's, another unit's is a 404.
"""

from django.shortcuts import get_object_or_404

from org.access import scoped

from .models import HeadCount, Participant, TrainingEvent, UnionOfficer


def events_for(user):
    """Return the training events `user` may see."""
    return scoped(TrainingEvent.objects.all(), user)


def officers_for(user):
    """Return the Union officers `user` may see."""
    return scoped(UnionOfficer.objects.all(), user)


def event_history(event):
    """Return the historical records of an event and of its participants and head-counts
    (deleted ones too): they are all its own, so they share its scope."""
    return [
        TrainingEvent.history.filter(id=event.pk),
        Participant.history.filter(event_id=event.pk),
        HeadCount.history.filter(event_id=event.pk),
    ]


def get_event_or_404(user, pk):
    return get_object_or_404(events_for(user).select_related("unit__parent"), pk=pk)


def get_officer_or_404(user, pk):
    return get_object_or_404(officers_for(user).select_related("unit__parent"), pk=pk)


def training_history(user, participations) -> dict:
    """Return the context of `training/_history.html`: someone's participations, newest
    first, and which of their events `user` may open (the others show without a link)."""
    trainings = list(
        participations.select_related("event__unit__parent").order_by("-event__start_date", "-pk")
    )
    event_ids = [participation.event_id for participation in trainings]
    visible = set(events_for(user).filter(pk__in=event_ids).values_list("pk", flat=True))
    return {"trainings": trainings, "visible_event_ids": visible}
