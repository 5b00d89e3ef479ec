from django.contrib import admin

from org.scoping import ScopedHistoryAdmin, ScopedInline

from .models import HeadCount, Participant, TrainingEvent, UnionOfficer


class ParticipantInline(ScopedInline):
    model = Participant
    autocomplete_fields = ["person", "officer"]


class HeadCountInline(ScopedInline):
    model = HeadCount
    autocomplete_fields = ["cooperative"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(ScopedHistoryAdmin):
    list_display = ["title", "category", "format", "start_date", "end_date", "unit"]
    list_filter = ["category", "format", "funding_source", "start_date"]
    search_fields = ["title", "place", "partners"]
    date_hierarchy = "start_date"
    list_select_related = ["unit__parent"]
    autocomplete_fields = ["unit"]
    inlines = [ParticipantInline, HeadCountInline]


@admin.register(UnionOfficer)
class UnionOfficerAdmin(ScopedHistoryAdmin):
    list_display = ["full_name", "level", "unit", "position", "works_on_cooperatives", "active_to"]
    list_filter = ["level", "works_on_cooperatives"]
    search_fields = ["full_name", "search_text", "phone"]
    list_select_related = ["unit__parent"]
    autocomplete_fields = ["unit"]


@admin.register(Participant)
class ParticipantAdmin(ScopedHistoryAdmin):
    list_display = ["event", "person", "officer", "certificate_issued"]
    list_filter = ["certificate_issued", "event__category"]
    search_fields = ["event__title", "person__full_name", "officer__full_name"]
    list_select_related = ["event", "person", "officer"]
    autocomplete_fields = ["event", "person", "officer"]


@admin.register(HeadCount)
class HeadCountAdmin(ScopedHistoryAdmin):
    list_display = ["event", "cooperative", "total", "female", "ethnic_minority"]
    search_fields = ["event__title", "cooperative__name"]
    list_select_related = ["event", "cooperative"]
    autocomplete_fields = ["event", "cooperative"]
