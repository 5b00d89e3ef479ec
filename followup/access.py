"""What a user may see of the follow-up records: every follow-up view goes through here.

A support or a difficulty belongs to its cooperative's unit, and is seen in that unit's area
(`org.access`). It is seen, too, by the officers of the body that gave the support or must
answer the difficulty: a provincial body is a unit whose area holds no cooperative, and its
officers see only what names it."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from org.access import scoped

from .models import Difficulty, Support


def _mine(queryset, user):
    area = user.area_unit_ids()
    if area is None:
        return queryset
    return queryset.filter(Q(cooperative__unit_id__in=area) | Q(body_id__in=area))


def supports_for(user):
    """Return the supports `user` may see."""
    return _mine(Support.objects.all(), user)


def difficulties_for(user):
    """Return the difficulties `user` may see."""
    return _mine(Difficulty.objects.all(), user)


def opens(user, cooperative) -> bool:
    """Whether `user` may open `cooperative`'s pages, and change its records: those of their
    area (a body's officers see records of cooperatives outside it that name their body)."""
    area = user.area_unit_ids()
    return area is None or cooperative.unit_id in area


def editable_supports(user):
    """Return the supports `user` may change: those of their area's cooperatives."""
    return scoped(Support.objects.all(), user, "cooperative__unit_id")


def editable_difficulties(user):
    """Return the difficulties `user` may change whole: those of their area's cooperatives."""
    return scoped(Difficulty.objects.all(), user, "cooperative__unit_id")


def get_support_or_404(user, pk, *, to_change=False):
    supports = editable_supports(user) if to_change else supports_for(user)
    return get_object_or_404(supports.select_related("cooperative__unit", "kind", "body"), pk=pk)


def get_difficulty_or_404(user, pk, *, to_change=False):
    difficulties = editable_difficulties(user) if to_change else difficulties_for(user)
    return get_object_or_404(difficulties.select_related("cooperative__unit", "body"), pk=pk)
