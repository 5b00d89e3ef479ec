"""The one door for every write of a record: forms, the admin, the import, the restore of a
deleted record and the commands all save and delete through `save`, `delete` and
`save_many`, which

- check the role (each model's `write_rule` says who may write it),
- check the scope: a unit officer writes only records of their area, as stored and as sent,
- check the version the user saw (`updated_at`, locked until the transaction ends), so that
  of two people who opened one record, the second to save is refused, nothing of theirs
  saved,
- validate (`full_clean`),
- save with history naming the user (django-simple-history), the parts a delete takes with
  it included,
- and tell what is kept (the indicators' figures) that the data changed: Django's signals
  for one record, `written` for a bulk write.

Workflow steps of a submission have their own door, `reporting.services`, which checks the
workflow's state on top of the same role and scope.
"""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from config.history import who

from . import bulk

# Sent by a bulk write through the door (`save_many`): sender the model, `by` the user,
# `records` those written. What keeps values computed from the data renews them on it as on
# one record's post_save. `will_write` is sent before a bulk change of stored records, with
# the same arguments, for what depends on the records as they were.
written = Signal()
will_write = Signal()
# Stored records read per query by a bulk write's check (under every database's limit of
# parameters per statement).
BATCH = 900


def editors(user) -> bool:
    """Province staff, unit officers (in their area) and administrators: not leaders."""
    return user.can_edit_records


def province(user) -> bool:
    """Province staff and administrators: the province's own records (plan, rounds)."""
    return user.is_province_staff or user.is_administrator


def administrators(user) -> bool:
    """IT staff: reference lists, units and accounts."""
    return user.is_administrator


def nobody(user) -> bool:
    """Records written only by their own door (a submission's workflow, an import batch)."""
    return False


@dataclass(frozen=True)
class Rule:
    """Who may write a model's records (`writers`), and the lookup of a record's unit
    (`unit`, such as "cooperative__unit_id"; None for records of the whole province).

    `answered_by`, if given, looks up a second unit whose officers may change a stored record
    outside their area (the body that answers a difficulty raised in a commune); they create
    and delete none. Which fields they change is their page's to limit."""

    writers: Callable = editors
    unit: str | None = None
    answered_by: str | None = None


class Refused(PermissionDenied):
    """A write the user may not make, with the reason to show."""


def rule_of(model) -> Rule:
    """The model's `write_rule`; a model without one (another library's: the admin's groups)
    is written by administrators only."""
    return getattr(model, "write_rule", Rule(writers=administrators))


def may_write(user, model) -> bool:
    """Whether `user`'s role lets them write records of `model` at all."""
    return bool(user and user.is_authenticated and user.is_active) and rule_of(model).writers(user)


def save(*, record, by, seen=None, reason: str = "", save_m2m=None):
    """Save `record` (new or changed) for user `by`, who opened it at version `seen` (the
    `updated_at` they saw, None when they saw none: a script); then `save_m2m()`, if given
    (a form's many-to-many choices). Raise Refused or ValidationError, saving nothing."""
    model = type(record)
    rule = _require_role(by, model)
    with transaction.atomic(), acting_as(by):
        adding = record._state.adding
        unit = _unit_of(record, rule.unit)
        answerer = None
        if not adding:
            stored = _require_stored(record, by, rule, seen, answering=True)
            # The answering unit's officers change a record where it is, never move it.
            if stored.get("unit") == unit:
                answerer = stored.get("answerer")
        _require_in_area(by, rule, unit, answerer)
        record.full_clean()
        record._change_reason = reason
        record.save(force_insert=adding and record.pk is not None)
        if save_m2m is not None:
            save_m2m()
    return record


def delete(*, record, by, seen=None):
    """Delete `record`, and the parts its delete takes with it, for user `by` (who saw
    version `seen`). Raise Refused, ValidationError or ProtectedError, deleting nothing."""
    model = type(record)
    rule = _require_role(by, model)
    with transaction.atomic(), acting_as(by):
        _require_stored(record, by, rule, seen)
        record.delete()


def save_many(*, model, records, by, fields=None):
    """Create `records` of `model` in bulk (or, given `fields`, change those fields), with
    their history naming `by` — the import's write. Every record was validated by the
    caller, row by row; here each is checked for role and scope, and a changed one for the
    version it was read at (a save since then is refused, not undone): one query per BATCH
    stored records, none per record."""
    if not records:
        return
    rule = _require_role(by, model)
    for record in records:
        _require_in_area(by, rule, _unit_of(record, rule.unit))
    # Inside the import's own transaction: no savepoint of its own (a refusal here ends it).
    with transaction.atomic(savepoint=False), acting_as(by):
        if fields is not None:
            _require_unchanged(model, rule, by, {record.pk: record for record in records})
            will_write.send(sender=model, by=by, records=records)
        bulk.write(model, records, user=by, update_fields=fields)
        # Bulk writes send none of Django's signals, on which one record's save or delete
        # renews what is kept: this one says it instead, in the same transaction.
        written.send(sender=model, by=by, records=records)


def _require_role(by, model) -> Rule:
    if not may_write(by, model):
        raise Refused(
            _("You may not change %(model)s records.") % {"model": model._meta.verbose_name_plural}
        )
    return rule_of(model)


def _unit_of(record, lookup):
    """The unit id that `lookup` names of `record` as it is now (following its foreign keys:
    it is in memory)."""
    if lookup is None:
        return None
    *path, last = lookup.split("__")
    target = record
    for name in path:
        target = getattr(target, name, None)
        if target is None:
            return None
    return getattr(target, last)


def keeps_version(model) -> bool:
    """Whether `model`'s records carry the version (`updated_at`) a stale save is told by."""
    return any(f.name == "updated_at" for f in model._meta.concrete_fields)


def _locked(model, pks, unit=None, answerer=None) -> dict:
    """{pk: {"unit": its unit id (with a `unit` lookup), "answerer": its answering unit's
    (with an `answerer` lookup), "updated_at": its version (when it keeps one)}} of the
    stored rows `pks`, locked until the transaction ends; one query per BATCH rows. A row
    that is gone is missing."""
    columns = {"pk": "pk"}
    if unit:
        columns["unit"] = unit
    if answerer:
        columns["answerer"] = answerer
    if keeps_version(model):
        columns["updated_at"] = "updated_at"
    found = {}
    pks = sorted(pks)
    for start in range(0, len(pks), BATCH):
        rows = model._default_manager.select_for_update(of=("self",))
        rows = rows.filter(pk__in=pks[start : start + BATCH]).values(*columns.values())
        found |= {row["pk"]: {name: row[c] for name, c in columns.items()} for row in rows}
    return found


def _require_unchanged(model, rule, by, records: dict):
    """Refuse when one of `records` ({pk: record as read before the change}) is gone, outside
    `by`'s area, or saved by someone else since it was read."""
    stored = _locked(model, records, rule.unit)
    if len(stored) != len(records):
        raise ValidationError(_("Some of these records were deleted meanwhile."))
    for pk, row in stored.items():
        _require_in_area(by, rule, row.get("unit"))
        if "updated_at" in row and row["updated_at"] != records[pk].updated_at:
            _require_version(model, pk, row["updated_at"], records[pk].updated_at)


def _require_in_area(by, rule, unit_id, answerer_id=None):
    """Refuse unless `unit_id` (or the answering unit `answerer_id`, for a stored record) lies
    in `by`'s area."""
    area = by.area_unit_ids()
    if area is None or rule.unit is None or unit_id in area:
        return
    if answerer_id is not None and answerer_id in area:
        return
    raise Refused(_("This record belongs to a unit outside your area."))


def _require_stored(record, by, rule, seen, *, answering=False) -> dict:
    """Refuse when `record` is gone, outside `by`'s area, or changed since version `seen`;
    return its stored row (see `_locked`). With `answering` (a save, not a delete), the
    record's stored answering unit counts as its area too."""
    model = type(record)
    lookup = rule.answered_by if answering else None
    stored = _locked(model, [record.pk], rule.unit, lookup).get(record.pk)
    if stored is None:
        raise ValidationError(_deleted_message(model), code="deleted")
    _require_in_area(by, rule, stored.get("unit"), stored.get("answerer"))
    if "updated_at" in stored and seen:
        _require_version(model, record.pk, stored["updated_at"], seen)
    return stored


def check_version(record, seen):
    """Refuse (ValidationError) when `record` was changed or deleted since version `seen`
    (an ISO time; None or empty: not checked). The row is locked until the transaction
    ends, so no save slips in between this check and the caller's own save."""
    if not seen or record.pk is None:
        return
    model = type(record)
    with transaction.atomic():
        stored = _locked(model, [record.pk]).get(record.pk)
    if stored is None:
        raise ValidationError(_deleted_message(model), code="deleted")
    _require_version(model, record.pk, stored["updated_at"], seen)


def _deleted_message(model) -> str:
    return capfirst(
        _("This %(model)s was deleted meanwhile.") % {"model": model._meta.verbose_name}
    )


def _require_version(model, pk, stored: datetime.datetime, seen):
    if isinstance(seen, str):
        try:
            seen = datetime.datetime.fromisoformat(seen)
        except ValueError:
            seen = None
    if seen == stored:
        return
    latest = model.history.filter(**{model._meta.pk.attname: pk}).select_related("history_user")
    latest = latest.first()
    message = _(
        "This %(model)s was just changed by %(who)s at %(when)s; reload the page, look at "
        "the changes and make yours again."
    ) % {
        "model": model._meta.verbose_name,
        "who": who(latest.history_user if latest else None),
        "when": date_format(timezone.localtime(stored), "H:i d/m/Y"),
    }
    raise ValidationError(capfirst(message), code="stale")


@contextmanager
def acting_as(user):
    """Name `user` in every history record written meanwhile — the parts a delete takes with
    it, many-to-many changes — as django-simple-history's middleware does for a request."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    if previous is not None and getattr(previous, "user", None) == user:
        yield
        return
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous
