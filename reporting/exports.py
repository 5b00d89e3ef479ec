"""A round's board as an Excel file: each expected unit's state and timeliness (see
`config.spreadsheets`)."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.spreadsheets import DATETIME, Column, ListExport

from .templatetags.reports import duration_text


def _state(row):
    submission = row.submission
    return submission.get_state_display() if submission else _("Not started")


def _timeliness(row):
    if row.on_time is None:
        return _("missing")
    if row.on_time:
        return _("on time")
    return _("late by %(late)s") % {"late": duration_text(row.submission.lateness)}


BOARD = ListExport(
    filename="tinh-hinh-bao-cao",
    title=gettext_lazy("Reporting rounds"),
    columns=[
        Column(gettext_lazy("Unit"), lambda row: str(row.unit), width=34),
        Column(gettext_lazy("State"), _state, width=16),
        Column(
            gettext_lazy("First submitted"),
            lambda row: row.submission.first_submitted_at if row.submission else None,
            DATETIME,
            18,
        ),
        Column(gettext_lazy("Timeliness"), _timeliness, width=24),
        Column(
            capfirst(gettext_lazy("reopening asked")),
            lambda row: bool(row.submission and row.submission.reopen_requested),
            width=14,
        ),
    ],
)
