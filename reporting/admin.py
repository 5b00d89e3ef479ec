from django.contrib import admin

from org.scoping import ProvinceAdmin, ScopedHistoryAdmin

from .models import AssignedTask, ReportingRound, Submission, SubmissionAttachment, SubmissionEvent


@admin.register(AssignedTask)
class AssignedTaskAdmin(ProvinceAdmin):
    list_display = ["section", "title", "agency_code", "position"]
    list_filter = ["section"]


@admin.register(ReportingRound)
class ReportingRoundAdmin(ProvinceAdmin):
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
