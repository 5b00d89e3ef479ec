from django.contrib import admin

from org.scoping import ScopedAdmin, ScopedHistoryAdmin

from . import services
from .models import AssignedTask, ReportingRound, Submission, SubmissionAttachment, SubmissionEvent


@admin.register(AssignedTask)
class AssignedTaskAdmin(ScopedAdmin):
    list_display = ["section", "title", "agency_code", "position"]
    list_filter = ["section"]


# What the admin's add form gives `services.create_round`.
CREATE_FIELDS = ["year", "kind", "title", "period_start", "period_end", "due_before"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(ScopedAdmin):
    list_display = [
        "title",
        "year",
        "kind",
        "period_start",
        "period_end",
        "due_before",
        "closed_at",
    ]
    list_filter = ["kind", "year"]
    filter_horizontal = ["expected_units"]

    def get_exclude(self, request, obj=None):
        # A new round expects the units valid at the end of its period (services.create_round);
        # the list can be changed once the round exists.
        return ["expected_units"] if obj is None else super().get_exclude(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        made = services.create_round(
            by=request.user,
            **{name: getattr(obj, name) for name in CREATE_FIELDS},
        )
        obj.pk, obj._state = made.pk, made._state


class SubmissionEventInline(admin.TabularInline):
    model = SubmissionEvent
    extra = 0
    readonly_fields = ["action", "actor", "at", "reason"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class SubmissionAttachmentInline(admin.TabularInline):
    model = SubmissionAttachment
    extra = 0
    readonly_fields = ["file", "name", "uploaded_by", "uploaded_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Submission)
class SubmissionAdmin(ScopedHistoryAdmin):
    # Transitions happen on the submission page, through reporting.services, never here.
    list_display = ["unit", "round", "state", "first_submitted_at", "accepted_at"]
    list_filter = ["state", "round"]
    list_select_related = ["unit__parent", "round"]
    search_fields = ["unit__name"]
    readonly_fields = [
        "round",
        "unit",
        "state",
        "indicators",
        "first_submitted_at",
        "submitted_at",
        "accepted_at",
        "accepted_by",
    ]
    inlines = [SubmissionEventInline, SubmissionAttachmentInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: a report changes only through its page, whose every step is checked and
        # recorded; an accepted one is locked against every edit, the admin's included.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
