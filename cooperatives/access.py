"""What a user may see of the registry: every registry view goes through here (the scope
rules themselves are in `reporting.access`)."""

from django.shortcuts import get_object_or_404

from reporting.access import scoped

from .models import Cooperative, Person


def cooperatives_for(user):
    """Return the cooperatives `user` may see."""
    return scoped(Cooperative.objects.all(), user, "unit_id")


def people_for(user):
    """Return the people `user` may see."""
    return scoped(Person.objects.all(), user, "unit_id")


def in_scope(queryset, user):
    """Return the rows of `queryset` (a model with a `cooperative` field) that `user` may see."""
    return scoped(queryset, user, "cooperative__unit_id")


def get_cooperative_or_404(user, pk):
    return get_object_or_404(cooperatives_for(user).select_related("unit"), pk=pk)


def get_person_or_404(user, pk):
    return get_object_or_404(people_for(user).select_related("unit", "ethnicity"), pk=pk)
