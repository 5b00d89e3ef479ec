"""The admin of units (reference data: only administrators change them) and users."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import Unit, User
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
