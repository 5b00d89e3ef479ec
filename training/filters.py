"""Filters of the training lists."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperatives.filters import YES_NO
from org.filters import AreaFilterSet
from org.plan import PLAN_START

from .models import TrainingEvent, UnionOfficer


def _years():
    return [(year, year) for year in range(timezone.localdate().year, PLAN_START.year - 3, -1)]


class EventFilter(AreaFilterSet):
    unit_kinds = None

    year = django_filters.TypedChoiceFilter(
        label=_("Year"), choices=_years, coerce=int, field_name="start_date__year"
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=TrainingEvent.Category.choices
    )
    format = django_filters.ChoiceFilter(label=_("Format"), choices=TrainingEvent.Format.choices)

    class Meta:
        model = TrainingEvent
        fields = []


class OfficerFilter(AreaFilterSet):
    unit_kinds = None

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=UnionOfficer.Level.choices)
    works_on_cooperatives = django_filters.BooleanFilter(
        label=_("Works on cooperative support"), widget=YES_NO
    )

    class Meta:
        model = UnionOfficer
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
