"""Forms of the follow-up pages: they translate input; the rules live in the models."""

import uuid

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config import caching
from config.widgets import LongSelect
from cooperatives.access import cooperatives_for
from org.forms import VersionedModelForm
from org.models import UNITS_VERSION, Unit

from .models import Difficulty, Support, SupportKind

# How many cooperatives the bulk entry offers to tick at once.
TICK_LIMIT = 200
SUPPORT_FIELDS = [
    "kind",
    "given_on",
    "body",
    "occasion",
    "funding_source",
    "amount",
    "lender",
    "loan_amount",
    "loan_term_months",
    "note",
]
DIFFICULTY_FIELDS = [
    "category",
    "description",
    "raised_on",
    "channel",
    "body",
    "state",
    "answer",
    "answered_on",
]
MONEY = {"min": 0, "step": 1}


def bodies(current=None):
    """The units that give support or answer difficulties: the provincial bodies and the
    areas valid today, plus `current` (a record's own, which may predate the 2025 reform)."""
    valid = Unit.objects.exclude(kind=Unit.Kind.PROVINCE).active_on(timezone.localdate())
    if current is None:
        return valid.order_by("-kind", "name")
    return (
        Unit.objects.filter(Q(pk__in=valid.values("pk")) | Q(pk=current.pk))
        .select_related("parent")
        .order_by("-kind", "name")
    )


def body_choices() -> list[tuple[int, str]]:
    """[(id, name)] of `bodies()` today, in its order, in the user's language: kept until a
    unit changes (a national list has 3,400 bodies, whose reading and naming cost more than
    the rest of a list page)."""
    today = timezone.localdate()
    key = f"body-choices:{caching.marker(UNITS_VERSION)}:{today.isoformat()}:{get_language()}"
    units = bodies().select_related("parent")
    return caching.kept_value(key, lambda: [(unit.pk, str(unit)) for unit in units])


def kinds(current=None):
    """The kinds of support offered: the active ones, plus `current`."""
    chosen = Q(active=True) if current is None else Q(active=True) | Q(pk=current.pk)
    return SupportKind.objects.filter(chosen)


class SupportForm(VersionedModelForm):
    """One support for the cooperative the page is about."""

    class Meta:
        model = Support
        fields = SUPPORT_FIELDS
        widgets = {
            "amount": forms.NumberInput(attrs=MONEY),
            "loan_amount": forms.NumberInput(attrs=MONEY),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cooperative=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cooperative is not None:
            self.instance.cooperative = cooperative
        self.fields["kind"].queryset = kinds(self.instance.kind if self.instance.kind_id else None)
        body = self.fields["body"]
        body.widget = LongSelect()
        body.queryset = bodies(self.instance.body if self.instance.body_id else None)


class BulkSupportForm(SupportForm):
    """One event that served many cooperatives (a trade fair for twelve): the same support
    for each cooperative ticked, stored as one record each, sharing a batch."""

    cooperatives = forms.ModelMultipleChoiceField(
        label=_("Cooperatives served"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The amount is each cooperative's share."),
        error_messages={"required": _("Tick at least one cooperative.")},
    )

    class Meta(SupportForm.Meta):
        fields = SUPPORT_FIELDS

    def __init__(self, *args, user, unit=None, query="", **kwargs):
        super().__init__(*args, **kwargs)
        offered = cooperatives_for(user).select_related("unit").order_by("name", "pk")
        if unit is not None:
            offered = offered.filter(unit_id__in=Unit.objects.area_ids([unit.pk]))
        if query:
            offered = offered.search(query)
        # What the browser posts is checked against the whole area, not only what is shown.
        self.fields["cooperatives"].queryset = cooperatives_for(user).select_related("unit")
        self.offered = list(offered[: TICK_LIMIT + 1])
        self.more_than_shown = len(self.offered) > TICK_LIMIT
        self.offered = self.offered[:TICK_LIMIT]
        self.fields["cooperatives"].choices = [(c.pk, f"{c} – {c.unit}") for c in self.offered]

    def records(self) -> list[Support]:
        """One unsaved support per cooperative ticked, as the form describes it."""
        batch = uuid.uuid4()
        values = {name: self.cleaned_data[name] for name in SUPPORT_FIELDS}
        return [
            Support(cooperative=cooperative, batch=batch, **values)
            for cooperative in self.cleaned_data["cooperatives"]
        ]


class DifficultyForm(VersionedModelForm):
    """A difficulty raised by the cooperative the page is about, and its answer."""

    class Meta:
        model = Difficulty
        fields = DIFFICULTY_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cooperative=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cooperative is not None:
            self.instance.cooperative = cooperative
        body = self.fields["body"]
        body.widget = LongSelect()
        body.queryset = bodies(self.instance.body if self.instance.body_id else None)


class AnswerForm(VersionedModelForm):
    """The answer of the body responsible: its state, what it answered and when."""

    class Meta:
        model = Difficulty
        fields = ["state", "answer", "answered_on"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 4})}


class SupportKindForm(VersionedModelForm):
    class Meta:
        model = SupportKind
        fields = ["name", "counts_as", "position", "active"]
