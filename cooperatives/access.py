"""What a user may see of the registry: every registry view goes through here (the scope
rules themselves are in `org.access`)."""

from django.shortcuts import get_object_or_404

from config.text import fold
from org.access import scoped

from .models import Cooperative, ManagementRole, OcopProduct, Person, YearlyFigures


def cooperatives_for(user):
    """Return the cooperatives `user` may see."""
    return scoped(Cooperative.objects.all(), user, "unit_id")


def people_for(user):
    """Return the people `user` may see."""
    return scoped(Person.objects.all(), user, "unit_id")


def may_search(user, query: str) -> bool:
    """Whether `user` may look people or Union officers up by `query`.

    Their search text holds names and phone numbers. Those who edit records find people by
    either; leaders, who are not shown phone numbers, must not find anyone by one: each word
    they search must hold a letter and no digit (a name has no digit, a phone number no
    letter), else the search finds nobody."""
    if user.can_edit_records:
        return True
    return all(
        any(c.isalpha() for c in word) and not any(c.isdigit() for c in word)
        for word in fold(query.replace("\x00", " ")).split()
    )


def in_scope(queryset, user):
    """Return the rows of `queryset` (a model with a `cooperative` field) that `user` may see."""
    return scoped(queryset, user, "cooperative__unit_id")


def cooperative_history(cooperative):
    """Return the historical records of a cooperative and of its parts (deleted ones too),
    for its page: they are all its own, so they share its scope."""
    pk = cooperative.pk
    return [
        Cooperative.history.filter(id=pk),
        YearlyFigures.history.filter(cooperative_id=pk),
        ManagementRole.history.filter(cooperative_id=pk),
        OcopProduct.history.filter(cooperative_id=pk),
    ]


def person_history(user, person):
    """Return the historical records of a person and of their roles in cooperatives that
    `user` may see."""
    roles = scoped(ManagementRole.history.filter(person_id=person.pk), user, "cooperative__unit_id")
    return [Person.history.filter(id=person.pk), roles]


def get_cooperative_or_404(user, pk):
    return get_object_or_404(cooperatives_for(user).select_related("unit"), pk=pk)


def get_person_or_404(user, pk):
    return get_object_or_404(people_for(user).select_related("unit", "ethnicity"), pk=pk)
