"""Forms of the training pages: they translate input; the rules live in the models."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cooperatives.access import cooperatives_for, people_for
from cooperatives.models import Cooperative
from org import writes
from org.forms import UnitScopedForm, VersionedModelForm

from .access import officers_for
from .models import HeadCount, Participant, TrainingEvent, UnionOfficer

# How many matches the participant search shows at once.
SEARCH_LIMIT = 50


class TrainingEventForm(UnitScopedForm):
    # Events may be organised by the province or one of its agencies, not only by an area.
    unit_kinds = None

    class Meta:
        model = TrainingEvent
        fields = [
            "title",
            "category",
            "format",
            "start_date",
            "end_date",
            "place",
            "unit",
            "partners",
            "funding_source",
            "funding_amount",
        ]
        widgets = {"funding_amount": forms.NumberInput(attrs={"min": 0})}


class UnionOfficerForm(UnitScopedForm):
    # Officers may work at the province or one of its agencies, not only in an area.
    unit_kinds = None

    class Meta:
        model = UnionOfficer
        fields = [
            "full_name",
            "level",
            "unit",
            "position",
            "phone",
            "active_from",
            "active_to",
            "works_on_cooperatives",
        ]


class AddParticipantsForm(forms.Form):
    """Tick people of the registry and Union officers found by a search to add them to an
    event, so nobody is typed in twice."""

    people = forms.ModelMultipleChoiceField(
        label=_("People of the registry"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    officers = forms.ModelMultipleChoiceField(
        label=_("Union officers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    certificate_issued = forms.BooleanField(label=_("Certificate issued"), required=False)
    certificate_kind = forms.CharField(
        label=_("Kind of certificate"), required=False, max_length=150
    )

    def __init__(self, *args, event, user, query="", **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        area = event.participant_unit_ids()
        for name, scope in [("people", people_for(user)), ("officers", officers_for(user))]:
            if area is not None:
                scope = scope.filter(unit_id__in=area)
            # Offered: the search's matches not on the list yet, and what was ticked (which
            # the field checks against the scope, so nothing outside it can be forged in).
            matches = scope.search(query).exclude(trainings__event=event)
            offered = [*matches.values_list("pk", flat=True)[:SEARCH_LIMIT], *self._ticked(name)]
            field = self.fields[name]
            field.queryset = scope.filter(pk__in=offered).select_related("unit__parent")
            field.label_from_instance = _label_with_unit

    def _ticked(self, name):
        """Return the ids ticked in the submission (none before it; non-numbers dropped)."""
        if not self.is_bound:
            return []
        return [int(value) for value in self.data.getlist(name) if value.isdigit()]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if not cleaned.get("people") and not cleaned.get("officers"):
            raise ValidationError(_("Tick at least one person or officer to add."))
        issued, kind = cleaned["certificate_issued"], cleaned["certificate_kind"]
        self.participants = []
        for field, who in [("person", p) for p in cleaned["people"]] + [
            ("officer", o) for o in cleaned["officers"]
        ]:
            participant = Participant(
                event=self.event,
                certificate_issued=issued,
                certificate_kind=kind,
                **{field: who},
            )
            try:
                # clean() words a duplicate by name; the constraint stays the last guard.
                participant.full_clean(validate_constraints=False)
            except ValidationError as error:
                self._add_once(error, list_field="people" if field == "person" else "officers")
            self.participants.append(participant)
        return cleaned

    def _add_once(self, error, *, list_field):
        """Put each message beside its own field (about the person: beside the list), once,
        though every ticked participant is checked."""
        for name, messages in error.message_dict.items():
            target = name if name in ("certificate_issued", "certificate_kind") else list_field
            new = [m for m in messages if m not in self.errors.get(target, [])]
            if new:
                self.add_error(target, new)

    def save(self, *, by):
        """Add the ticked people and officers, each through the door."""
        return [writes.save(record=p, by=by) for p in self.participants]


def _label_with_unit(record):
    return f"{record} — {record.unit}"


class ParticipantForm(VersionedModelForm):
    class Meta:
        model = Participant
        fields = ["certificate_issued", "certificate_kind"]


class HeadCountForm(forms.ModelForm):
    class Meta:
        model = HeadCount
        fields = ["cooperative", "description", "total", "female", "ethnic_minority"]
        widgets = {
            name: forms.NumberInput(attrs={"min": 0})
            for name in ("total", "female", "ethnic_minority")
        }

    OPTIONAL_COUNTS = ("female", "ethnic_minority")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional and blank by default, so that an untouched row stays empty and is ignored.
        for name in self.OPTIONAL_COUNTS:
            self.fields[name].required = False
            self.fields[name].initial = None

    def clean(self):
        cleaned = super().clean()
        for name in self.OPTIONAL_COUNTS:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned


class BaseHeadCountFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, event, user, **kwargs):
        self.event = event
        super().__init__(*args, queryset=event.head_counts.select_related("cooperative"), **kwargs)
        cooperatives = cooperatives_for(user)
        area = event.participant_unit_ids()
        if area is not None:
            cooperatives = cooperatives.filter(unit_id__in=area)
        for form in self.forms:
            # A row keeps its cooperative even if the user may not choose it themselves.
            own = form.instance.cooperative_id
            form.fields["cooperative"].queryset = (
                cooperatives | Cooperative.objects.filter(pk=own) if own else cooperatives
            )
            form.instance.event = event


HeadCountFormSet = forms.modelformset_factory(
    HeadCount, form=HeadCountForm, formset=BaseHeadCountFormSet, extra=3, can_delete=True
)
