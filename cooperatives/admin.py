from django.contrib import admin

from org.scoping import DoorAdmin, ScopedHistoryAdmin, ScopedInline

from .models import (
    Cooperative,
    Ethnicity,
    ManagementRole,
    OcopProduct,
    Person,
    Sector,
    YearlyFigures,
)


@admin.register(Ethnicity)
class EthnicityAdmin(DoorAdmin):
    list_display = ["code", "name", "other_names"]
    search_fields = ["code", "name", "other_names"]


@admin.register(Sector)
class SectorAdmin(DoorAdmin):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]


class YearlyFiguresInline(ScopedInline):
    model = YearlyFigures


class RoleInline(ScopedInline):
    model = ManagementRole
    autocomplete_fields = ["person"]


class OcopProductInline(ScopedInline):
    model = OcopProduct


@admin.register(Cooperative)
class CooperativeAdmin(ScopedHistoryAdmin):
    list_display = ["name", "kind", "registration_code", "unit", "status", "union_supported"]
    list_filter = ["kind", "status", "union_supported", "established_under_plan", "sectors"]
    search_fields = ["name", "registration_code", "search_text"]
    list_select_related = ["unit__parent"]
    autocomplete_fields = ["unit", "converted_from"]
    filter_horizontal = ["sectors"]
    inlines = [YearlyFiguresInline, RoleInline, OcopProductInline]


@admin.register(Person)
class PersonAdmin(ScopedHistoryAdmin):
    list_display = ["full_name", "sex", "birth_year", "ethnicity", "phone", "unit"]
    list_filter = ["sex", "ethnicity"]
    search_fields = ["full_name", "search_text", "phone"]
    list_select_related = ["unit__parent", "ethnicity"]
    autocomplete_fields = ["unit"]


@admin.register(YearlyFigures)
class YearlyFiguresAdmin(ScopedHistoryAdmin):
    list_display = ["cooperative", "year", "members_total", "workers_total", "workers_female"]
    list_filter = ["year"]
    search_fields = ["cooperative__name"]
    list_select_related = ["cooperative"]
    autocomplete_fields = ["cooperative"]


@admin.register(ManagementRole)
class ManagementRoleAdmin(ScopedHistoryAdmin):
    list_display = ["person", "role", "cooperative", "start_date", "end_date"]
    list_filter = ["role", "cooperative__kind"]
    search_fields = ["person__full_name", "cooperative__name"]
    list_select_related = ["person", "cooperative"]
    autocomplete_fields = ["person", "cooperative"]


@admin.register(OcopProduct)
class OcopProductAdmin(ScopedHistoryAdmin):
    list_display = ["name", "stars", "year_certified", "cooperative"]
    list_filter = ["stars", "year_certified"]
    search_fields = ["name", "cooperative__name"]
    list_select_related = ["cooperative"]
    autocomplete_fields = ["cooperative"]
