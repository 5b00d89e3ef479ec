"""Anonymising a person: their right to erasure (Law 91/2025/QH15), and the end of the
retention period (`retention.py`). The one function every path calls, the page and the
command alike.

What identifies the person is replaced: the full name by "Anonymised person #N" (N: the
record's number), the phone by nothing, and a Union officer's position by nothing too; the
consent to be shown publicly is withdrawn. The change is saved through the door (history names
who did it, the kept figures renew, the search text follows), and then every earlier row of
the record's history is rewritten the same way, so that no old name or phone is left anywhere.

What the plan's figures count stays as it is: sex, birth year, ethnic group, unit, roles,
training, post dates — every indicator depends on those only, and a frozen submission holds
numbers, never names. The access log names people by record number only, so it stays too,
and gains a row saying who anonymised whom and why.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cooperatives.models import Person
from org import access_log, writes
from showcase.models import LeaderConsent

from .access import answers_requests

# The fields replaced, by model, and what replaces them ("" for nothing; None: the name).
REPLACED = {
    "cooperatives.Person": {"full_name": None, "phone": ""},
    "training.UnionOfficer": {"full_name": None, "phone": "", "position": ""},
}


def placeholder(record) -> str:
    """Return the name an anonymised record bears, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Anonymised person #%(number)s") % {"number": record.pk}


def replacements(record) -> dict:
    """Return {field: new value} of what anonymising `record` replaces."""
    name = placeholder(record)
    return {
        field: name if value is None else value
        for field, value in REPLACED[record._meta.label].items()
    }


def anonymise(record, *, by, reason: str, what: str = "", address=None):
    """Anonymise `record` (a registry person or a Union officer) for user `by`, who gave
    `reason`, in one transaction (see the module); log it with `what` (the page or command)
    and `address`. Return the record as saved.

    Raise PermissionDenied unless `by` answers people's requests, ValidationError when the
    record is anonymised already (or the door refuses it)."""
    if not answers_requests(by):
        raise PermissionDenied(_("Only province staff and administrators anonymise people."))
    model = type(record)
    with transaction.atomic():
        record = model._default_manager.select_for_update().get(pk=record.pk)
        if record.anonymised_on is not None:
            raise ValidationError(
                _("This person was anonymised already, on %(day)s.")
                % {"day": record.anonymised_on.strftime("%d/%m/%Y")},
                code="anonymised",
            )
        changes = replacements(record)
        for field, value in changes.items():
            setattr(record, field, value)
        record.anonymised_on = timezone.localdate()
        _unnamed_unless_an_account(by, record)
        writes.save(record=record, by=by, reason=reason)
        # The history's earlier rows held the name: none is left (no signal is due, as no
        # figure depends on a name).
        model.history.filter(id=record.pk).update(**changes)
        if isinstance(record, Person):
            consent = LeaderConsent.objects.filter(person=record).first()
            if consent is not None:
                _unnamed_unless_an_account(by, consent)
                writes.delete(record=consent, by=by)
        access_log.record(
            user=by,
            action=access_log.Action.ANONYMISE,
            what=what or access_log.subject_of(record),
            people=1,
            subject=access_log.subject_of(record),
            reason=reason,
            address=address,
        )
    return record


def _unnamed_unless_an_account(by, record):
    """Let the history row that saving or deleting `record` writes name nobody ("system")
    when `by` is no account (a command's user, not saved: `anonymise_expired` without
    --user), which the history cannot point at; the access log names it by its username.
    An account is named as always (the door's `acting_as`)."""
    if by.pk is None:
        record._history_user = None
