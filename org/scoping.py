"""Admin support: the Django admin applies the same role and unit scope as the pages, and
writes through the same door (`writes`)."""

import functools

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from . import writes
from .access import scoped
from .editing import save_formset
from .forms import VersionedModelForm


class DoorAdmin(admin.ModelAdmin):
    """A ModelAdmin whose every write goes through the door: a change form, an inline, the
    delete page and the "delete selected" action save and delete with `writes`, so the
    model's rule (who may write, in which area), the version the form was opened at, the
    record's validation and its history naming the user hold here as on the pages.

    Add, change and delete are offered only to the roles the model's rule names, on top of
    the model permissions the admin's groups give (which could give them to anyone).
    """

    def may_change(self, request) -> bool:
        return writes.may_write(request.user, self.model)

    def has_add_permission(self, request, *args):
        return self.may_change(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self.may_change(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_change(request) and super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if writes.keeps_version(self.model):
            kwargs.setdefault("form", versioned(self.form))
        return super().get_form(request, obj, change=change, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # The door refused what the page's own checks let through (an inline row whose
            # rule depends on the record being added, a row deleted meanwhile): nothing is
            # kept (the admin's transaction), and the reason is shown instead of an error.
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        seen = form.cleaned_data.get("version")
        writes.save(record=obj, by=request.user, seen=seen)

    def delete_model(self, request, obj):
        writes.delete(record=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            writes.delete(record=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        save_formset(formset, by=request.user)


@functools.cache
def versioned(form):
    """`form`, carrying the version its record was opened at."""
    return type(f"Versioned{form.__name__}", (VersionedModelForm, form), {})


class ScopedAdmin(DoorAdmin):
    """A DoorAdmin that shows a unit officer only their area's rows and choices (the rows'
    unit is the model's `write_rule.unit`). Leaders read the admin like the pages and change
    nothing. Foreign keys to scoped models offer only rows in scope, so nothing can be
    attached to another unit's record either.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        lookup = writes.rule_of(self.model).unit
        return queryset if lookup is None else scoped(queryset, request.user, lookup)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return scope_choices(field, db_field, request.user)


class ScopedInline(admin.TabularInline):
    """An inline whose foreign-key choices are limited to the user's area, like ScopedAdmin's;
    its rows carry the version they were opened at and are saved through the door by the
    admin it is in."""

    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        if writes.keeps_version(self.model):
            kwargs.setdefault("form", versioned(self.form))
        return super().get_formset(request, obj, **kwargs)

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
    view the record, past every rule the door keeps — role, scope, the submission workflow,
    the version the user saw — so it is closed: it shows the version and refuses any POST.
    A version id that is not a number is a 404, not a 500.
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
        lookup = writes.rule_of(self.model).unit
        return records if lookup is None else scoped(records, request.user, lookup)
