"""Admin support: the Django admin applies the same unit scope as the pages."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .access import scoped


class ScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin that shows a unit officer only their area's rows and choices.

    `unit_lookup` names the unit id of the model's rows ("unit_id", "cooperative__unit_id").
    Leaders read the admin like the pages and change nothing.
    Foreign keys to scoped models offer only rows in scope, so nothing can be attached
    to another unit's record either.
    """

    unit_lookup = "unit_id"

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user, self.unit_lookup)

    def has_add_permission(self, request, *args):
        return request.user.can_edit_records and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.can_edit_records and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.can_edit_records and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return scope_choices(field, db_field, request.user)


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


class ScopedHistoryAdmin(SimpleHistoryAdmin, ScopedAdmin):
    """A ScopedAdmin with django-simple-history's "History" pages, scoped like its rows.

    Its history list and each past version show a unit officer only records of their area:
    simple-history would otherwise fall back to any record's history by id.
    """

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        records = super().get_history_queryset(request, history_manager, pk_name, object_id)
        return scoped(records, request.user, self.unit_lookup)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        records = self.get_history_queryset(
            request, self.model.history, self.model._meta.pk.attname, unquote(object_id)
        )
        if not records.filter(history_id=version_id).exists():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
