"""Filters of the registry lists."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from org.filters import AreaFilterSet

from .models import Cooperative, Sector

YES_NO = forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])


class CooperativeFilter(AreaFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        help_text=_("Name, registration code or address; accents are optional."),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Cooperative.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Cooperative.Status.choices)
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="sectors", queryset=Sector.objects.all()
    )
    women_managed = django_filters.BooleanFilter(
        label=_("Women-managed today"), method="filter_women_managed", widget=YES_NO
    )
    union_supported = django_filters.BooleanFilter(
        label=_("Supported by the Women's Union"), widget=YES_NO
    )

    class Meta:
        model = Cooperative
        fields = []

    def __init__(self, data=None, queryset=None, *, user, day, **kwargs):
        super().__init__(data, queryset, user=user, **kwargs)
        self.day = day

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_women_managed(self, queryset, name, value):
        women_managed = queryset.women_managed_on(self.day).values("pk")
        if value:
            return queryset.filter(pk__in=women_managed)
        return queryset.exclude(pk__in=women_managed)
