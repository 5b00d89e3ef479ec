"""Form bases shared by the apps: refusing a save over someone else's, filing under a unit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.widgets import DAY_INPUT_FORMATS, DayInput, LongSelect

from . import writes
from .access import AREA_KINDS, units_to_file_under


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a change saved since it was opened.

    The record's `updated_at` when the form was opened travels in the hidden field `version`
    (empty for a new record, and for models without `updated_at`); on validation the door
    (`writes.check_version`) locks the row until the request's transaction ends and
    compares, so of two users who opened the same record, the second to save is refused
    with who changed it and when, beside the form, and nothing of theirs is saved. The save
    itself goes through the door (`org.editing.form_page`, the admin), given the version.

    Text longer than a field takes is refused with a message, not cut by the browser; days
    are read and shown as dd/mm/yyyy.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and hasattr(self.instance, "updated_at"):
            self.fields["version"].initial = self.instance.updated_at.isoformat()
        for field in self.fields.values():
            # A browser cuts pasted text at `maxlength` without a word; the form says instead
            # that it is too long, beside the field, with how long it is.
            field.widget.attrs.pop("maxlength", None)
            if type(field) is forms.DateField:
                as_officers_write_days(field)

    def clean(self):
        cleaned = super().clean()
        writes.check_version(self.instance, cleaned.get("version"))
        return cleaned


def as_officers_write_days(field: forms.DateField):
    """Make a date field read and show dd/mm/yyyy, and say so when a day is impossible."""
    field.widget = DayInput()
    field.widget.is_required = field.required
    field.input_formats = DAY_INPUT_FORMATS
    field.error_messages["invalid"] = _("This is not a valid date (dd/mm/yyyy).")


class UnitScopedForm(VersionedModelForm):
    """A form whose `unit` offers the units of `unit_kinds` (all kinds if None) valid today
    that the user may file a record under, plus the record's own unit (which may predate the
    2025 reform); a new record gets the only one preselected when there is one."""

    unit_kinds = AREA_KINDS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.unit if self.instance.unit_id else None
        units = units_to_file_under(user, current=current, kinds=self.unit_kinds)
        field = self.fields["unit"]
        # Thousands of units in a national data set; its choices come with the queryset.
        field.widget = LongSelect()
        field.queryset = units
        if not self.instance.pk:
            # Two rows at most are read to learn whether there is only one.
            first_two = list(units[:2])
            if len(first_two) == 1:
                field.initial = first_two[0]
