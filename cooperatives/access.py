"""What a user may see and change in the registry: every registry view goes through here.

Province staff, leaders and administrators see every unit; a unit officer sees the records of
the units in their unit's area (see `UnitQuerySet.area_ids`). Leaders change nothing.
Another unit's record is a 404, never a 403, so that ids cannot be probed.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from reporting.models import Unit

from .models import Cooperative, Person


def _scoped(queryset, user, unit_field: str):
    unit_ids = user.area_unit_ids()
    if unit_ids is None:
        return queryset
    return queryset.filter(**{f"{unit_field}__in": unit_ids})


def cooperatives_for(user):
    """Return the cooperatives `user` may see."""
    return _scoped(Cooperative.objects.all(), user, "unit_id")


def people_for(user):
    """Return the people `user` may see."""
    return _scoped(Person.objects.all(), user, "unit_id")


def in_scope(queryset, user):
    """Return the rows of `queryset` (a model with a `cooperative` field) that `user` may see."""
    return _scoped(queryset, user, "cooperative__unit_id")


def units_for(user):
    """Return the administrative units `user` may file records under."""
    units = Unit.objects.filter(kind__in=[Unit.Kind.DISTRICT, Unit.Kind.COMMUNE])
    return _scoped(units, user, "id").select_related("parent").order_by("code_set", "name")


def units_to_file_under(user, current=None):
    """Return the units valid today that `user` may file a record under, plus `current`
    (the record's own unit, which may predate the 2025 reform)."""
    units = units_for(user)
    valid = units.active_on(timezone.localdate())
    if current is None:
        return valid
    return units.filter(Q(pk__in=valid.values("pk")) | Q(pk=current.pk))


def get_cooperative_or_404(user, pk):
    return get_object_or_404(cooperatives_for(user).select_related("unit"), pk=pk)


def get_person_or_404(user, pk):
    return get_object_or_404(people_for(user).select_related("unit", "ethnicity"), pk=pk)


def require_editor(user):
    """Raise PermissionDenied unless `user` may change registry records (leaders may not)."""
    if not user.can_edit_records:
        raise PermissionDenied
