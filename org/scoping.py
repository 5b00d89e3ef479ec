"""Admin support: the Django admin applies the same unit scope as the pages."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin

from .access import scoped


class RoleAdmin(admin.ModelAdmin):
    """A ModelAdmin whose rows only the roles `may_change` allows add, change and delete, on
    top of the model permissions the admin's groups give (which could give them to anyone)."""

    def may_change(self, request) -> bool:
        return request.user.can_edit_records

    def has_add_permission(self, request, *args):
        return self.may_change(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self.may_change(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_change(request) and super().has_delete_permission(request, obj)


class ScopedAdmin(RoleAdmin):
    """A ModelAdmin that shows a unit officer only their area's rows and choices.

    `unit_lookup` names the unit id of the model's rows ("unit_id", "cooperative__unit_id").
    Leaders read the admin like the pages and change nothing.
    Foreign keys to scoped models offer only rows in scope, so nothing can be attached
    to another unit's record either.
    """

    unit_lookup = "unit_id"

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user, self.unit_lookup)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return scope_choices(field, db_field, request.user)


class ProvinceAdmin(RoleAdmin):
    """A ModelAdmin of the province's own records (the plan and its targets, the rounds, the
    tasks of section VI): province staff and IT administrators change them; whoever else the
    admin's permissions let in — a leader, a unit officer — reads them only."""

    def may_change(self, request) -> bool:
        return request.user.is_province_staff or request.user.is_administrator


class ScopedInline(admin.TabularInline):
    """An inline whose foreign-key choices are limited to the user's area, like ScopedAdmin's."""

    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return scope_choices(field, db_field, request.user)


def scope_choices(field, db_field, user):
    """Limit a foreign-key form field to the units, or the rows of units, in `user`'s area."""
    unit_ids = user.area_unit_ids()
    if unit_ids is None or field is None:
        return field
    related = db_field.related_model
    if related._meta.label == "org.Unit":
        field.queryset = field.queryset.filter(id__in=unit_ids)
    elif any(f.name == "unit" for f in related._meta.fields):
        field.queryset = field.queryset.filter(unit_id__in=unit_ids)
    return field


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's "History" pages, for reading only.

    Its page of a past version saves what is posted to it (a "revert") for anyone who may
    view the record, past every rule the portal's own writes keep — role, scope, the
    submission workflow, the version the user saw — so it is closed: it shows the version
    and refuses any POST. A version id that is not a number is a 404, not a 500.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not str(version_id).isdigit():
            raise Http404
        # Only a version of this record, among those `get_history_queryset` shows the user.
        records = self.get_history_queryset(
            request, self.model.history, self.model._meta.pk.attname, unquote(object_id)
        )
        if not records.filter(history_id=version_id).exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True


class ScopedHistoryAdmin(ReadOnlyHistoryAdmin, ScopedAdmin):
    """A ScopedAdmin with django-simple-history's "History" pages, scoped like its rows.

    Its history list and each past version show a unit officer only records of their area:
    simple-history would otherwise fall back to any record's history by id.
    """

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return scoped(records, request.user, self.unit_lookup)
