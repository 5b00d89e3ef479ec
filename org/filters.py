"""The unit filter shared by every list: the user's units, matching each unit's whole area."""

import django_filters
from django.utils.translation import gettext_lazy as _

from config.widgets import LongSelect

from .access import AREA_KINDS, units_for
from .models import Unit


class AreaFilterSet(django_filters.FilterSet):
    """A filter set whose `unit` filter offers the user's units of `unit_kinds` (all kinds if
    None) and keeps the rows of the chosen unit's whole area (a district: its communes)."""

    unit_kinds = AREA_KINDS

    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), method="filter_unit", widget=LongSelect
    )

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["unit"].queryset = units_for(user, kinds=self.unit_kinds)

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(unit_id__in=Unit.objects.area_ids([unit.pk]))
