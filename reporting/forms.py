"""Forms of the reporting pages: a round, a unit's submission, a workflow step's reason."""

from django import forms
from django.utils.translation import gettext_lazy as _

from followup.figures import COUNTED_FIELDS
from org.forms import VersionedModelForm
from training.models import TrainingEvent

from .models import AssignedTask, ProvincialReport, ReportingRound, Submission
from .models.submissions import AT_MOST_COUNT, ENTRY_FIELDS

COURSE_PARTS = [
    ("courses", _("courses")),
    ("participants", _("participants")),
    ("female", _("of whom women")),
]
NARRATIVE_PARTS = [
    ("results", _("Results")),
    ("difficulties", _("Difficulties")),
    ("proposals", _("Proposals")),
]


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2023, max_value=2030)
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportingRound.Kind.choices)
    title = forms.CharField(
        label=_("Name of the round"),
        required=False,
        help_text=_("Leave empty for the usual name."),
    )


class SubmissionForm(VersionedModelForm):
    """The figures and narratives a unit reports; courses and narratives are stored as JSON
    and shown as one field per training category and per assigned task.

    The figures counted from the follow-up records (`counted`, {field: figure}, with `links`
    to the records) come pre-filled; a unit that changes one gives the reason beside it,
    kept in `Submission.corrections` for province staff to read."""

    class Meta:
        model = Submission
        fields = ENTRY_FIELDS
        widgets = {name: forms.NumberInput(attrs={"min": 0}) for name in ENTRY_FIELDS}

    def __init__(self, *args, counted=None, links=None, **kwargs):
        super().__init__(*args, **kwargs)
        submission = self.instance
        self.counted = counted
        links = links or {}
        self.entry_rows = []
        for name in ENTRY_FIELDS:
            if counted is None or name not in COUNTED_FIELDS:
                self.entry_rows.append((self[name], None, None, None))
                continue
            if name not in submission.corrections:
                self.initial[name] = counted[name]
            self.fields[f"reason_{name}"] = forms.CharField(
                label=_("Reason for changing the counted figure"),
                required=False,
                max_length=500,
                initial=submission.corrections.get(name, ""),
            )
            self.entry_rows.append(
                (self[name], counted[name], links.get(name), self[f"reason_{name}"])
            )
        self.course_rows = []
        for category, label in TrainingEvent.Category.choices:
            row = []
            for part, part_label in COURSE_PARTS:
                name = f"course_{category}_{part}"
                # Stored as JSON, which bounds nothing: the same limit as the model's counts.
                self.fields[name] = forms.IntegerField(
                    label=f"{label}: {part_label}",
                    min_value=0,
                    required=False,
                    initial=submission.courses.get(category, {}).get(part, 0),
                    validators=[AT_MOST_COUNT],
                    widget=forms.NumberInput(attrs={"min": 0, "max": AT_MOST_COUNT.limit_value}),
                )
                row.append(self[name])
            self.course_rows.append((label, row))
        self.tasks = list(AssignedTask.for_unit(submission.unit))
        self.narrative_rows = []
        for task in self.tasks:
            row = []
            for part, part_label in NARRATIVE_PARTS:
                name = f"task_{task.pk}_{part}"
                # The task is the legend of its fieldset; each box is one part of it.
                self.fields[name] = forms.CharField(
                    label=part_label,
                    required=False,
                    initial=submission.narratives.get(str(task.pk), {}).get(part, ""),
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                row.append(self[name])
            self.narrative_rows.append((task, row))

    def clean(self):
        cleaned = super().clean()
        for category, _label in TrainingEvent.Category.choices:
            participants = cleaned.get(f"course_{category}_participants") or 0
            female = cleaned.get(f"course_{category}_female") or 0
            if female > participants:
                self.add_error(
                    f"course_{category}_female",
                    _("Women (%(female)s) cannot be more than the participants (%(total)s).")
                    % {"female": female, "total": participants},
                )
        for name, reason in self._changed_counts(cleaned).items():
            if not reason:
                self.add_error(
                    f"reason_{name}",
                    _(
                        "%(counted)s was counted from the records: give the reason for "
                        "reporting another figure."
                    )
                    % {"counted": self.counted[name]},
                )
        return cleaned

    def _changed_counts(self, cleaned) -> dict[str, str]:
        """{field: reason given} of each counted figure the unit changed."""
        if self.counted is None:
            return {}
        return {
            name: (cleaned.get(f"reason_{name}") or "").strip()
            for name in COUNTED_FIELDS
            if cleaned.get(name) is not None and cleaned[name] != self.counted[name]
        }

    def save(self, commit=True):
        submission = super().save(commit=False)
        submission.courses = {
            category: {
                part: self.cleaned_data.get(f"course_{category}_{part}") or 0
                for part, _label in COURSE_PARTS
            }
            for category, _label in TrainingEvent.Category.choices
        }
        submission.narratives = {
            str(task.pk): {
                part: self.cleaned_data.get(f"task_{task.pk}_{part}", "").strip()
                for part, _label in NARRATIVE_PARTS
            }
            for task in self.tasks
        }
        if self.counted is not None:
            submission.corrections = self._changed_counts(self.cleaned_data)
        if commit:
            submission.save()
        return submission


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProvincialReportForm(VersionedModelForm):
    class Meta:
        model = ProvincialReport
        fields = [
            "number",
            "symbol",
            "place",
            "issued_on",
            "authority",
            "signer_title",
            "signer_name",
            "recipients",
            "results",
            "difficulties",
            "proposals",
        ]
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 8})
                for name in ("results", "difficulties", "proposals")
            },
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }
