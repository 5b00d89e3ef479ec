"""Scope by unit, shared by every app: what a user may see, and under which units they may
file records.

Province staff, leaders and administrators see every unit; a unit officer sees the records of
the units in their unit's area (see `UnitQuerySet.area_ids`). Leaders change nothing.
Another unit's record is a 404, never a 403, so that ids cannot be probed.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from config import caching

from .models import UNITS_VERSION, Unit

AREA_KINDS = (Unit.Kind.DISTRICT, Unit.Kind.COMMUNE)


def scoped(queryset, user, unit_lookup: str = "unit_id"):
    """Return the rows of `queryset` whose `unit_lookup` lies in `user`'s area."""
    unit_ids = user.area_unit_ids()
    if unit_ids is None:
        return queryset
    return queryset.filter(**{f"{unit_lookup}__in": unit_ids})


def units_for(user, kinds=AREA_KINDS):
    """Return the units of `kinds` (all kinds if None) in `user`'s area."""
    units = Unit.objects.all() if kinds is None else Unit.objects.filter(kind__in=kinds)
    return scoped(units, user, "id").select_related("parent").order_by("code_set", "name")


def kept_for_area(user, day, name: str, compute):
    """`compute()`'s value about the units of `user`'s area on `day` (in the user's
    language), kept under `name` until a unit changes."""
    area = user.area_unit_ids()
    scope = caching.digest("all" if area is None else ",".join(map(str, sorted(area))))
    version = caching.marker(UNITS_VERSION)
    key = f"{name}:{version}:{day.isoformat()}:{get_language()}:{scope}"
    return caching.kept_value(key, compute)


def unit_choices(user, day) -> list[tuple[int, str]]:
    """[(id, name)] of every unit of `user`'s area valid on `day`, in the pickers' order, in
    the user's language: kept until a unit changes (a national list has 3,400 units, whose
    reading and naming cost more than the rest of a dashboard)."""
    units = units_for(user, kinds=None).active_on(day)
    return kept_for_area(user, day, "unit-choices", lambda: [(u.pk, str(u)) for u in units])


def units_to_file_under(user, current=None, kinds=AREA_KINDS):
    """Return the units valid today that `user` may file a record under, plus `current`
    (the record's own unit, which may predate the 2025 reform)."""
    units = units_for(user, kinds)
    valid = units.active_on(timezone.localdate())
    if current is None:
        return valid
    return units.filter(Q(pk__in=valid.values("pk")) | Q(pk=current.pk))


def require_editor(user):
    """Raise PermissionDenied unless `user` may change records (leaders may not)."""
    if not user.can_edit_records:
        raise PermissionDenied


def require_province_staff(user):
    """Raise PermissionDenied unless `user` is province staff (the Union's own officers)."""
    if not user.is_province_staff:
        raise PermissionDenied
