"""A person's file: everything the portal holds about them, in one .xlsx, for their request
to see their data (Law 91/2025/QH15).

Sheets, in this order: the record (every field, label and value), roles in cooperatives
(registry people), training, the consent to be shown publicly (registry people), the change
history of each of these (every row, every field kept), and the access log's rows about them.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook

from config.history import who
from config.spreadsheets import DATE, DATETIME, list_sheet, workbook_download
from org.models import AccessRecord

from .access import kind_of
from .holdings import Holdings, history_of, value_of

# History columns of django-simple-history's own, left out of "the fields".
HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type"}


def person_file(holdings: Holdings):
    """Return the download of `holdings` as a workbook."""
    record = holdings.record
    workbook = Workbook(write_only=True)
    about = [_("About: %(who)s (%(subject)s)") % {"who": record, "subject": holdings.subject}]
    list_sheet(
        workbook,
        capfirst(record._meta.verbose_name),
        about,
        [_("Field"), _("Value")],
        [30, 50],
        ([(f.label, None), (f.value, _format(f.value))] for f in holdings.fields),
    )
    if kind_of(record) == "person":
        _roles_sheet(workbook, holdings, about)
    _trainings_sheet(workbook, holdings, about)
    if kind_of(record) == "person":
        _consent_sheet(workbook, holdings, about)
    for history in history_of(record):
        _history_sheet(workbook, history, about)
    _log_sheet(workbook, holdings, about)
    return workbook_download(workbook, f"personal-data-{kind_of(record)}-{record.pk}")


def _format(value):
    """The number format of a cell holding `value`: dates and times as the pages show them."""
    if isinstance(value, datetime.datetime):
        return DATETIME
    if isinstance(value, datetime.date):
        return DATE
    return None


def _roles_sheet(workbook, holdings, about):
    list_sheet(
        workbook,
        _("Roles"),
        about,
        [_("Cooperative"), _("Role"), _("Start date"), _("End date")],
        [40, 30, 14, 14],
        (
            [
                (role.cooperative.name, None),
                (role.get_role_display(), None),
                (role.start_date, DATE),
                (role.end_date, DATE),
            ]
            for role in holdings.roles
        ),
    )


def _trainings_sheet(workbook, holdings, about):
    list_sheet(
        workbook,
        _("Training"),
        about,
        [
            _("Training event"),
            _("Category"),
            _("Start date"),
            _("End date"),
            _("Organising unit"),
            _("Certificate issued"),
            _("Certificate"),
        ],
        [40, 30, 14, 14, 30, 14, 30],
        (
            [
                (p.event.title, None),
                (p.event.get_category_display(), None),
                (p.event.start_date, DATE),
                (p.event.end_date, DATE),
                (str(p.event.unit), None),
                (p.certificate_issued, None),
                (p.certificate_kind, None),
            ]
            for p in holdings.trainings
        ),
    )


def _consent_sheet(workbook, holdings, about):
    consent = holdings.consent
    rows = []
    if consent is not None:
        rows = [
            [
                (consent.given_on, DATE),
                (consent.how, None),
                (who(consent.recorded_by), None),
                (consent.updated_at, DATETIME),
            ]
        ]
    list_sheet(
        workbook,
        _("Consent to be shown publicly"),
        about if consent is not None else [*about, _("No consent recorded")],
        [_("Consent given on"), _("How it was given"), _("Recorded by"), _("Last changed")],
        [16, 50, 24, 18],
        rows,
    )


def _history_sheet(workbook, history, about):
    """Add a sheet of every row of the historical queryset `history`: when, by whom, what
    was done and why, then each field kept, as it was."""
    model = history.model
    fields = [
        f for f in model._meta.concrete_fields if f.name not in HISTORY_OWN | {"history_user"}
    ]
    records = list(history.select_related("history_user").order_by("history_date", "history_id"))
    related = _related(fields, records)
    actions = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    title = _("History: %(model)s") % {"model": model.instance_type._meta.verbose_name_plural}
    list_sheet(
        workbook,
        capfirst(title),
        about,
        [
            _("When"),
            _("By"),
            _("Action"),
            _("Reason given"),
            *[capfirst(f.verbose_name) for f in fields],
        ],
        [18, 20, 12, 30, *[20 for _f in fields]],
        (
            [
                (record.history_date, DATETIME),
                (who(record.history_user), None),
                (actions[record.history_type], None),
                (record.history_change_reason or "", None),
                *[
                    (value_of(f, value, related), _format(value))
                    for f in fields
                    for value in [getattr(record, f.attname)]
                ],
            ]
            for record in records
        ),
    )


def _related(fields, records) -> dict:
    """{(model, pk): record} of every record the foreign keys of `records` name, one query
    per related model (the users who recorded a consent included)."""
    related = {}
    for field in fields:
        if not isinstance(field, models.ForeignKey):
            continue
        ids = {getattr(record, field.attname) for record in records} - {None}
        manager = field.related_model._default_manager
        if field.related_model is get_user_model():
            # A user is named as the history names them, not by their account's str().
            related |= {
                (field.related_model, pk): who(user) for pk, user in manager.in_bulk(ids).items()
            }
        else:
            related |= {(field.related_model, pk): r for pk, r in manager.in_bulk(ids).items()}
    return related


def _log_sheet(workbook, holdings, about):
    list_sheet(
        workbook,
        _("Access log"),
        about,
        [
            capfirst(AccessRecord._meta.get_field(name).verbose_name)
            for name in ("at", "username", "action", "what", "people", "reason", "address")
        ],
        [18, 20, 28, 50, 10, 40, 18],
        (
            [
                (row.at, DATETIME),
                (row.username, None),
                (row.get_action_display(), None),
                (row.what, None),
                (row.people, None),
                (row.reason, None),
                (row.address, None),
            ]
            for row in holdings.log
        ),
    )
