"""The round board's filter: by state (late included), by unit name, reports to review first."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.text import fold

from .models import Submission

State = Submission.State
NOT_STARTED, LATE = "not_started", "late"
# The rows whose turn it is first: reports waiting for the province's review.
FIRST = State.SUBMITTED


class BoardFilter(forms.Form):
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("All states")),
            (NOT_STARTED, _("Not started")),
            *State.choices,
            (LATE, _("Submitted late")),
        ],
    )
    q = forms.CharField(label=_("Unit name"), required=False, max_length=100)

    def apply(self, rows) -> list:
        """The board's `rows` this filter keeps, submitted reports first (a bad filter keeps
        them all: the form says what is wrong)."""
        if self.is_valid():
            state, words = self.cleaned_data["state"], fold(self.cleaned_data["q"]).split()
            rows = [row for row in rows if _in_state(row, state) and _named(row, words)]
        return sorted(rows, key=lambda row: _state_of(row) != FIRST)

    def key(self) -> str:
        """What the filter asks for, as part of a kept page's key ("" when nothing)."""
        if not self.is_valid():
            return ""
        return f"{self.cleaned_data['state']}/{fold(self.cleaned_data['q'])}"


def _state_of(row) -> str:
    return row.submission.state if row.submission else NOT_STARTED


def _in_state(row, state) -> bool:
    if state == LATE:
        return row.on_time is False
    return not state or _state_of(row) == state


def _named(row, words) -> bool:
    name = fold(row.unit.name)
    return all(word in name for word in words)
