"""Deleted records of the registry and of training, and their restore by province staff.

A record deleted on a page keeps its last version in its history (history_type "-"). Its
restore saves that version again under the same id, with the parts deleted in the same
operation (by the same user within `ONE_EDIT`): a cooperative's figures, roles, products,
supports and difficulties, a person's roles, an event's participants and head-counts.
Nothing is restored when one record cannot be: its cooperative, person or event is itself
deleted (restore that first), or it would now clash with another record (a registration
code, a year's figures).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from config.history import ONE_EDIT, RESTORED, label_of, related_objects, who
from cooperatives.models import Cooperative, ManagementRole, OcopProduct, Person, YearlyFigures
from followup.models import Difficulty, Support
from org import writes
from org.models import Unit
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

# The kinds of record that can be restored, as named in URLs and the filter.
KINDS = {
    "cooperative": Cooperative,
    "figures": YearlyFigures,
    "role": ManagementRole,
    "product": OcopProduct,
    "person": Person,
    "event": TrainingEvent,
    "participant": Participant,
    "head_count": HeadCount,
    "officer": UnionOfficer,
    "support": Support,
    "difficulty": Difficulty,
}
KIND_OF = {model: kind for kind, model in KINDS.items()}
# The parts a record's delete takes with it (on_delete=CASCADE): restored with it.
PARTS = {
    Cooperative: [
        (YearlyFigures, "cooperative"),
        (ManagementRole, "cooperative"),
        (OcopProduct, "cooperative"),
        (Support, "cooperative"),
        (Difficulty, "cooperative"),
    ],
    Person: [(ManagementRole, "person")],
    TrainingEvent: [(Participant, "event"), (HeadCount, "event")],
}
# The record a part belongs to, whose unit it shows.
OWNER = {
    YearlyFigures: "cooperative",
    ManagementRole: "cooperative",
    OcopProduct: "cooperative",
    Support: "cooperative",
    Difficulty: "cooperative",
    Participant: "event",
    HeadCount: "event",
}


class RestoreError(Exception):
    """A record that cannot be restored now, with the reason to show."""


@dataclass
class Deleted:
    kind: str
    model_name: str
    record: object  # the historical record of the delete
    name: str
    unit: object
    when: object
    who: str
    parts: int = 0


def _deleted(model):
    """Return the delete records of `model`'s rows that are still deleted (the latest record
    of the row is its delete and the row does not exist)."""
    history = model.history.model
    latest = history.objects.filter(id=OuterRef("id")).order_by("-history_date", "-history_id")
    return (
        history.objects.filter(history_type="-")
        .filter(history_id=Subquery(latest.values("history_id")[:1]))
        .exclude(id__in=model._default_manager.values("pk"))
        .select_related("history_user")
    )


def _deleted_with(record, deleted_records):
    """Return whether `record` (a part) was deleted in the same operation as its owner."""
    owner_field = OWNER.get(record.instance_type)
    if owner_field is None:
        return False
    owner_id = getattr(record, f"{owner_field}_id")
    owner_model = record.instance_type._meta.get_field(owner_field).related_model
    owner = deleted_records.get((owner_model, owner_id))
    return owner is not None and _same_operation(owner, record)


def _same_operation(first, second) -> bool:
    return (
        first.history_user_id == second.history_user_id
        and abs(first.history_date - second.history_date) <= ONE_EDIT
    )


def deleted_records(kind: str | None = None) -> list[Deleted]:
    """Return the records still deleted, newest first (of one kind, or all), leaving out the
    parts deleted with their owner: they are counted on its row and restored with it.
    One query per kind, one per kind of related record named, one for the units."""
    fetched = [(model.history.model, list(_deleted(model)), {}) for model in KINDS.values()]
    by_row = {(h.instance_type, r.id): r for h, records, _p in fetched for r in records}
    related = related_objects(fetched)
    entries, parts = [], {}
    for history, records, _previous in fetched:
        for record in records:
            if _deleted_with(record, by_row):
                owner = OWNER[history.instance_type]
                owner_model = history.instance_type._meta.get_field(owner).related_model
                key = (owner_model, getattr(record, f"{owner}_id"))
                parts[key] = parts.get(key, 0) + 1
                continue
            entries.append((history, record))
    units = Unit.objects.in_bulk(
        {_unit_id(record, related, by_row) for _h, record in entries} - {None}
    )
    rows = [
        Deleted(
            kind=KIND_OF[history.instance_type],
            model_name=capfirst(history.instance_type._meta.verbose_name),
            record=record,
            name=label_of(history, record, related),
            unit=units.get(_unit_id(record, related, by_row)),
            when=record.history_date,
            who=who(record.history_user),
            parts=parts.get((history.instance_type, record.id), 0),
        )
        for history, record in entries
        if kind in (None, KIND_OF[history.instance_type])
    ]
    return sorted(rows, key=lambda row: row.when, reverse=True)


def _unit_id(record, related, deleted_rows):
    """Return the unit of a deleted record: its own, or its owner's (living or deleted)."""
    if hasattr(record, "unit_id"):
        return record.unit_id
    owner_field = OWNER[record.instance_type]
    owner_model = record.instance_type._meta.get_field(owner_field).related_model
    owner_id = getattr(record, f"{owner_field}_id")
    owner = related.get((owner_model, owner_id)) or deleted_rows.get((owner_model, owner_id))
    return owner.unit_id if owner is not None else None


def _name_of(model, pk) -> str:
    """Return how a deleted record was called, from its latest version."""
    record = model.history.filter(id=pk).first()
    return str(record.history_object) if record else f"#{pk}"


def _rebuild(record):
    """Return the record's last version as an instance ready to be saved, or raise
    RestoreError when what it belongs to is deleted."""
    instance = record.history_object
    model = type(instance)
    for field in model._meta.fields:
        if not isinstance(field, models.ForeignKey) or getattr(instance, field.attname) is None:
            continue
        target = field.related_model
        pk = getattr(instance, field.attname)
        if target._default_manager.filter(pk=pk).exists():
            continue
        if field.null and field.remote_field.on_delete is models.SET_NULL:
            setattr(instance, field.attname, None)  # as its delete would have left it
            continue
        raise RestoreError(
            _(
                "“%(record)s” belongs to the %(model)s “%(owner)s”, which is deleted too: "
                "restore it first."
            )
            % {
                "record": label_of(record.__class__, record, {}),
                "model": target._meta.verbose_name,
                "owner": _name_of(target, pk),
            }
        )
    return instance


def _save(record, by):
    """Save the record's last version again, under its id, through the door; or raise
    RestoreError when it would now break a rule (clash with another record, say)."""
    instance = _rebuild(record)

    def put_back_choices():
        for m2m in getattr(record, "_history_m2m_fields", []):
            # The delete's own record holds none: the rows went first. Take the version before.
            before = record.prev_record
            if before is not None:
                name = f"{m2m.related_model._meta.model_name}_id"
                chosen = getattr(before, m2m.name).values_list(name, flat=True)
                getattr(instance, m2m.name).set(list(chosen))

    try:
        writes.save(record=instance, by=by, reason=RESTORED, save_m2m=put_back_choices)
    except ValidationError as error:
        raise RestoreError(
            _("“%(record)s” cannot be restored: %(reasons)s")
            % {"record": instance, "reasons": " ".join(error.messages)}
        ) from error
    if hasattr(instance, "created_at"):
        # Saving as new stamps the time of the restore; the record keeps when it was made.
        type(instance)._default_manager.filter(pk=instance.pk).update(created_at=record.created_at)
    return instance


@transaction.atomic
def restore(*, record, by) -> tuple[models.Model, int]:
    """Restore a deleted record and the parts deleted with it, for province staff `by`;
    return it and how many parts came back. Raise RestoreError (and restore nothing) when
    one cannot be restored."""
    if not by.is_province_staff:
        raise writes.Refused(_("Only province staff can restore deleted records."))
    model = record.instance_type
    if not _deleted(model).filter(history_id=record.history_id).exists():
        raise RestoreError(_("This record is not deleted any more."))
    instance = _save(record, by)
    restored_parts = 0
    for part_model, owner_field in PARTS.get(model, []):
        candidates = _deleted(part_model).filter(
            **{f"{owner_field}_id": record.id},
            history_user_id=record.history_user_id,
            history_date__range=(record.history_date - ONE_EDIT, record.history_date + ONE_EDIT),
        )
        for part in candidates:
            _save(part, by)
            restored_parts += 1
    return instance, restored_parts
