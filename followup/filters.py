"""Filters of the follow-up lists: by the cooperative's unit, the body, the kind, the period."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from config.widgets import DAY_INPUT_FORMATS, LongSelect
from cooperatives.models import Cooperative
from org.access import kept_for_area, units_for
from org.filters import AreaFilterSet
from org.forms import as_officers_write_days
from org.models import Unit

from .forms import body_choices
from .models import Difficulty, Funding, Lender, Support, SupportKind
from .summary import running_on


def area_unit_choices(user, day) -> list[tuple[int, str]]:
    """[(id, name)] of every unit of `user`'s area (`units_for(user, kinds=None)`: any kind,
    former units too, whose records a past period holds), in the pickers' order and the
    user's language: kept until a unit changes, as `org.access.unit_choices` keeps the units
    valid on a day (a national list has 3,600 units: reading and naming them cost more than
    the rest of a page)."""
    units = units_for(user, kinds=None)
    return kept_for_area(user, day, "any-unit-choices", lambda: [(u.pk, str(u)) for u in units])


class KeptChoices(BaseChoiceIterator):
    """The choices of a picker's widget: `empty_label`, then those `read()` returns (pairs of
    id and name), read when the picker is first drawn (never for an export), once, and taken
    as they are (Django would check each of thousands of pairs again on every reading)."""

    def __init__(self, empty_label, read):
        self.empty_label = empty_label
        self.read = read
        self.choices = None

    def __iter__(self):
        if self.choices is None:
            self.choices = [("", self.empty_label), *self.read()]
        return iter(self.choices)


class FollowupFilter(AreaFilterSet):
    """What both lists share: the cooperative's unit (its figures' area on the period's last
    day, by the dashboard's rule), the body, a search of the cooperative's name."""

    # Records of any unit's cooperatives: the province's agencies name no area.
    unit_kinds = None

    q = django_filters.CharFilter(label=_("Cooperative"), method="filter_search")
    # The bodies offered (`forms.bodies`) come from a kept list (`forms.body_choices`): an id
    # outside it is refused, as any choice not offered.
    body = django_filters.ChoiceFilter(label=_("Body"), field_name="body_id", widget=LongSelect)
    cooperative = django_filters.NumberFilter(widget=forms.HiddenInput)

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, user=user, **kwargs)
        area = user.area_unit_ids()
        if area is not None and queryset is not None:
            # An officer sees, too, the records of cooperatives outside their area that name
            # their unit as the body (a provincial body's officer sees only those): the units
            # of those cooperatives are theirs to narrow by as well.
            named = queryset.values("cooperative__unit_id")
            units = Unit.objects.filter(Q(pk__in=area) | Q(pk__in=named))
            self.filters["unit"].queryset = units.select_related("parent").order_by(
                "code_set", "name"
            )
        for name in ("given_from", "given_to", "raised_from", "raised_to"):
            if name in self.filters:
                as_officers_write_days(self.form.fields[name])
        # The form is made from here on (the filters' choices above are in it). The options of
        # the body, and of the unit when every unit is offered (`AreaFilterSet`), come from
        # kept lists of the same units; set on the form's fields, not the filters', which the
        # form would copy.
        self.form.fields["body"].choices = [(str(pk), name) for pk, name in body_choices()]
        if area is None:
            # The unit chosen is still read from the filter's queryset, so checked against it.
            unit = self.form.fields["unit"]
            unit.widget.choices = KeptChoices(
                unit.empty_label, lambda: area_unit_choices(user, timezone.localdate())
            )

    def last_day(self):
        return timezone.localdate()

    def filter_unit(self, queryset, name, unit):
        ids = Unit.objects.figure_unit_ids(unit.pk, self.last_day())
        return queryset.filter(cooperative__unit_id__in=ids)

    def filter_search(self, queryset, name, value):
        return queryset.filter(cooperative__in=Cooperative.objects.search(value).values("pk"))


class SupportFilter(FollowupFilter):
    given_from = django_filters.DateFilter(
        label=_("From"), field_name="given_on", lookup_expr="gte"
    )
    given_to = django_filters.DateFilter(label=_("To"), field_name="given_on", lookup_expr="lte")
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind of support"), queryset=SupportKind.objects.all()
    )
    counts_as = django_filters.ChoiceFilter(
        label=_("Counts as"),
        field_name="kind__counts_as",
        choices=[c for c in SupportKind.CountsAs.choices if c[0]],
    )
    funding_source = django_filters.ChoiceFilter(label=_("Funding source"), choices=Funding.choices)
    lender = django_filters.ChoiceFilter(label=_("Lender"), choices=Lender.choices)
    # The records one bulk entry saved, shown after it.
    batch = django_filters.UUIDFilter(widget=forms.HiddenInput)
    # The records behind a figure of the support summary (`followup.summary`): given by a
    # body the body picker no longer offers (a district before 2025), without a funding
    # source, of the cooperatives that report through one reporting unit (0: through none)
    # on the list's last day, loans still running on a day.
    given_by = django_filters.ModelChoiceFilter(
        label=_("Given by"),
        field_name="body",
        queryset=Unit.objects.select_related("parent"),
        widget=forms.HiddenInput,
    )
    unfunded = django_filters.BooleanFilter(
        label=_("Without a funding source"), method="filter_unfunded", widget=forms.HiddenInput
    )
    row = django_filters.NumberFilter(
        label=_("Reporting unit"), method="filter_row", widget=forms.HiddenInput
    )
    running_on = django_filters.DateFilter(
        label=_("Loans running on"),
        method="filter_running_on",
        widget=forms.HiddenInput,
        input_formats=DAY_INPUT_FORMATS,
    )

    class Meta:
        model = Support
        fields = []

    def last_day(self):
        given_to = self.form.cleaned_data.get("given_to") if self.form.is_valid() else None
        return given_to or timezone.localdate()

    def filter_unfunded(self, queryset, name, value):
        return queryset.filter(funding_source="") if value else queryset

    def filter_row(self, queryset, name, value):
        if value != int(value) or value < 0:
            return queryset.none()
        ids = Unit.objects.row_ids(int(value), self.last_day())
        return queryset.filter(cooperative__unit_id__in=ids)

    def filter_running_on(self, queryset, name, value):
        return running_on(queryset, value)


class DifficultyFilter(FollowupFilter):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[("waiting", _("Not answered yet")), *Difficulty.State.choices],
        method="filter_state",
    )
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Difficulty.Category.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Open for more than 90 days"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    raised_from = django_filters.DateFilter(
        label=_("Raised from"), field_name="raised_on", lookup_expr="gte"
    )
    raised_to = django_filters.DateFilter(
        label=_("Raised to"), field_name="raised_on", lookup_expr="lte"
    )

    class Meta:
        model = Difficulty
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "waiting":
            return queryset.still_open()
        return queryset.filter(state=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset
