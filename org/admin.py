"""The admin of units (reference data: only administrators change them), users, and the
access log of personal data (administrators read and export it; nobody changes it)."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from config.spreadsheets import COUNT, DATETIME, Column, ListExport, field_header

from .models import AccessRecord, Unit, User
from .scoping import DoorAdmin, ScopedAdmin


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    # Units are reference data: only administrators change them (the model's write rule).

    list_display = [
        "code",
        "name",
        "kind",
        "code_set",
        "parent",
        "successor",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["code_set", "kind"]
    search_fields = ["code", "name"]
    list_select_related = ["parent", "successor"]
    raw_id_fields = ["parent", "successor"]


@admin.register(User)
class UserAdmin(DoorAdmin, BaseUserAdmin):
    # Accounts are kept by administrators (the model's write rule), through the door.
    list_display = ["username", "first_name", "last_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Role in the portal"), {"fields": ["role", "unit"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Role in the portal"), {"fields": ["role", "unit"]}),
    ]


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DoorAdmin, BaseGroupAdmin):
    # A group gives permissions: administrators only (the door's rule for a model without one).
    pass


# The log-in lock-out's records (django-axes): administrators only, like any model without a
# rule of its own; an officer who is locked out asks them.
for model in (AccessAttempt, AccessFailureLog, AccessLog):
    lockout_admin = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    door_admin = type(lockout_admin.__name__, (DoorAdmin, lockout_admin), {"__module__": __name__})
    admin.site.register(model, door_admin)


def reads_access_log(user) -> bool:
    """Administrators (IT staff, or Django's superusers) read the access log; nobody else."""
    return user.is_active and (user.is_administrator or user.is_superuser)


def _log_column(name, value=None, number_format=None, width=16) -> Column:
    return Column(field_header(AccessRecord, name), value or name, number_format, width)


ACCESS_LOG_EXPORT = ListExport(
    filename="access-log",
    title=AccessRecord._meta.verbose_name_plural,
    columns=[
        _log_column("at", number_format=DATETIME),
        _log_column("username", width=20),
        _log_column("action", lambda record: record.get_action_display(), width=24),
        _log_column("what", width=50),
        _log_column("subject", width=26),
        _log_column("people", number_format=COUNT, width=10),
        _log_column("address", width=18),
        _log_column("reason", width=50),
    ],
)


@admin.register(AccessRecord)
class AccessRecordAdmin(DoorAdmin):
    """The access log, for administrators to read, search and export: no page adds, changes
    or deletes a row (the model, its queryset and a database trigger refuse it as well)."""

    list_display = ["at", "username", "action", "what", "subject", "people", "address", "reason"]
    list_filter = ["action", "at"]
    search_fields = ["username", "what", "subject", "reason", "address"]
    date_hierarchy = "at"
    # No "delete selected": no action at all.
    actions = None
    # The log grows large: no second count of every row on each page.
    show_full_result_count = False
    change_list_template = "admin/org/accessrecord/change_list.html"

    def has_view_permission(self, request, obj=None):
        return reads_access_log(request.user)

    def has_module_permission(self, request):
        return reads_access_log(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def get_urls(self):
        export = path(
            "export.xlsx",
            self.admin_site.admin_view(self.export_view),
            name="org_accessrecord_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request):
        """The .xlsx of the change list as filtered and searched, all its rows (the download
        is itself written to the log, as every download is)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            change_list = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            changelist_url = reverse("admin:org_accessrecord_changelist")
            return HttpResponseRedirect(f"{changelist_url}?{ERROR_FLAG}=1")
        rows = change_list.get_queryset(request)
        return ACCESS_LOG_EXPORT.response(rows, details=applied_filters(request, change_list))


def applied_filters(request, change_list) -> list[str]:
    """Say what narrows the change list: "title: choice" for each filter in use, the date
    picked in the date hierarchy and the search."""
    said = []
    for spec in change_list.filter_specs:
        if not getattr(spec, "used_parameters", None):
            continue
        chosen = [
            str(choice["display"]) for choice in spec.choices(change_list) if choice["selected"]
        ]
        said.append(f"{spec.title}: {', '.join(chosen)}")
    field = change_list.date_hierarchy
    day = [request.GET.get(f"{field}__{part}") for part in ("day", "month", "year")]
    if any(day):
        said.append(f"{field_header(AccessRecord, field)}: {'/'.join(p for p in day if p)}")
    if change_list.query:
        said.append(f"{gettext_now('Search')}: {change_list.query}")
    return said
