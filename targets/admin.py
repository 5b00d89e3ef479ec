from django.contrib import admin
from django.utils import timezone

from org.scoping import ReadOnlyHistoryAdmin, ScopedAdmin

from .models import Indicator, Phase, Plan, Target


@admin.register(Plan)
class PlanAdmin(ScopedAdmin):
    list_display = ["code", "issued_on", "ends_on", "baseline_htx", "baseline_tht"]


@admin.register(Phase)
class PhaseAdmin(ScopedAdmin):
    list_display = ["__str__", "plan", "starts_on", "ends_on"]


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    list_display = ["code", "name", "kind", "position"]
    search_fields = ["code", "name", "name_en"]
    # How an indicator is computed lives in targets/indicators.py: the catalogue's codes and
    # kinds follow it; only the names and the order may be edited here.
    readonly_fields = ["code", "kind"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(ScopedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["indicator", "phase", "comparison", "value", "upper"]
    list_filter = ["phase", "indicator"]
    list_select_related = ["indicator", "phase"]
    # A revision is kept with who and when; "History" on each target shows them.
    history_list_display = ["comparison", "value", "upper"]

    def has_change_permission(self, request, obj=None):
        # The targets of a phase that has ended are the record of what was promised.
        if obj is not None and obj.phase.ends_on < timezone.localdate():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
