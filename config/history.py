"""The change history of records, as rows for their pages: when, who, what was done and, for
a change, each field's old and new value.

The history itself is kept by django-simple-history (`history = HistoricalRecords()` on each
model; `HistoryRequestMiddleware` records the user). Writes that skip a model's `save()` —
`QuerySet.update()`, bulk operations, the database's ON DELETE SET NULL — leave no record;
the portal makes every user edit through `save()`.

Rows are built in a bounded number of queries, however long the history: per historical
model one query for the records (with their users) and one for the records they are compared
with, then one per kind of related record named in them.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

LIMIT = 50
# The change reason of a record brought back from its history (restore/services.py).
RESTORED = "restored"
# Records of one object saved by one user this close together are one edit: a form saves the
# record's fields, then its many-to-many choices, each as a historical record.
ONE_EDIT = datetime.timedelta(seconds=5)


@dataclass
class Change:
    field: str
    # None when the value is not shown (structured data): the row only says it changed.
    old: str | None
    new: str | None


@dataclass
class Row:
    when: datetime.datetime
    who: str
    action: str
    record: str
    changes: list[Change] = field(default_factory=list)
    # What identifies an edit, for merging its records: (model, object id), user id, type.
    key: tuple = ()
    user_id: int | None = None
    history_type: str = ""


def who(user) -> str:
    """Return the name to show for the user of a historical record ("system" if none)."""
    if user is None:
        return _("system")
    return user.get_full_name() or user.username


def history_context(*querysets, hide=()) -> dict:
    """Return the context of `_change_history.html` for the historical `querysets`."""
    return {"history": history_rows(*querysets, hide=hide), "history_limit": LIMIT}


def history_rows(*querysets, limit: int = LIMIT, hide=()) -> list[Row]:
    """Return the newest `limit` changes of the historical `querysets` (for example
    `Cooperative.history.filter(id=pk)`), newest first, without the fields named in `hide`
    (shown elsewhere on the page)."""
    fetched = []
    for queryset in querysets:
        records, previous = _records_and_previous(queryset, limit)
        fetched.append((queryset.model, records, previous))
    related = related_objects(fetched)
    rows = []
    for model, records, previous in fetched:
        m2m = _m2m_values(model, [*records, *previous.values()])
        for record in records:
            previous_record = previous.get(record.previous_id)
            rows.append(_row(model, record, previous_record, related, m2m, hide))
    return _merge_edits(rows)[:limit]


def _records_and_previous(queryset, limit):
    """Return the newest `limit` records of `queryset` and {history_id: record} of the
    records each change is compared with (two queries)."""
    model = queryset.model
    pk_name = model.instance_type._meta.pk.attname
    before = model.objects.filter(**{pk_name: OuterRef(pk_name)}).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    records = list(
        queryset.select_related("history_user")
        .annotate(
            previous_id=Subquery(
                before.order_by("-history_date", "-history_id").values("history_id")[:1]
            )
        )
        .order_by("-history_date", "-history_id")[:limit]
    )
    wanted = {r.previous_id for r in records if r.history_type == "~" and r.previous_id}
    previous = {r.history_id: r for r in records if r.history_id in wanted}
    missing = wanted - set(previous)
    if missing:
        previous |= model.objects.in_bulk(missing)
    return records, previous


def _foreign_keys(model):
    return [
        f
        for f in model._meta.fields
        if isinstance(f, models.ForeignKey) and f.name not in ("history_user", "history_relation")
    ]


def related_objects(fetched) -> dict:
    """Return {(related model, pk): object} for every foreign key the records hold, one query
    per related model."""
    wanted = {}
    for model, records, previous in fetched:
        for fk in _foreign_keys(model):
            ids = wanted.setdefault(fk.related_model, set())
            ids |= {getattr(r, fk.attname) for r in [*records, *previous.values()]} - {None}
    return {
        (related_model, pk): obj
        for related_model, ids in wanted.items()
        if ids
        for pk, obj in related_model._default_manager.in_bulk(ids).items()
    }


def _m2m_values(model, records) -> dict:
    """Return {(history_id, field name): "names, ..."} of the many-to-many fields kept with
    the records (one query per field and one per related model)."""
    values = {}
    for m2m_field in getattr(model, "_history_m2m_fields", []):
        target = m2m_field.related_model
        kept_rows = model.__dict__[m2m_field.name].model
        target_fk = next(
            f.attname
            for f in kept_rows._meta.fields
            if isinstance(f, models.ForeignKey) and f.related_model is target
        )
        pairs = list(
            kept_rows.objects.filter(history_id__in=[r.history_id for r in records]).values_list(
                "history_id", target_fk
            )
        )
        names = target._default_manager.in_bulk({pk for _h, pk in pairs})
        for record in records:
            chosen = sorted(str(names.get(pk, pk)) for h, pk in pairs if h == record.history_id)
            values[(record.history_id, m2m_field.name)] = ", ".join(chosen) or "—"
    return values


def _row(model, record, previous, related, m2m, hide) -> Row:
    action = {"+": _("created"), "~": _("changed"), "-": _("deleted")}[record.history_type]
    if record.history_change_reason == RESTORED:
        action = _("restored")
    instance_model = model.instance_type
    row = Row(
        when=record.history_date,
        who=who(record.history_user),
        action=action,
        record=f"{capfirst(instance_model._meta.verbose_name)}: {label_of(model, record, related)}",
        key=(instance_model._meta.label, getattr(record, instance_model._meta.pk.attname)),
        user_id=record.history_user_id,
        history_type=record.history_type,
    )
    if previous is not None:
        m2m_names = [f.name for f in getattr(model, "_history_m2m_fields", [])]
        delta = record.diff_against(previous, excluded_fields=[*m2m_names, *hide])
        for change in delta.changes:
            row.changes.append(_change(model._meta.get_field(change.field), change, related))
        for name in m2m_names:
            old, new = m2m[(previous.history_id, name)], m2m[(record.history_id, name)]
            if old != new:
                label = capfirst(instance_model._meta.get_field(name).verbose_name)
                row.changes.append(Change(label, old, new))
    return row


class _Gone:
    """A related record that no longer exists, named as such in labels."""

    def __str__(self):
        return _("(deleted)")


def label_of(model, record, related) -> str:
    """Return str() of the record as it was, its foreign keys taken from `related`."""
    obj = record.history_object
    for fk in _foreign_keys(model):
        pk = getattr(record, fk.attname)
        if pk is not None:
            target = model.instance_type._meta.get_field(fk.name)
            target.set_cached_value(obj, related.get((fk.related_model, pk), _Gone()))
    return str(obj)


def _change(model_field, change, related) -> Change:
    label = capfirst(model_field.verbose_name)
    if isinstance(model_field, models.JSONField):
        return Change(label, None, None)
    return Change(
        label,
        display(model_field, change.old, related),
        display(model_field, change.new, related),
    )


def display(model_field, value, related=None) -> str:
    """Return `value` of `model_field` as the pages show it: choices by their label, related
    records by their name, dates in d/m/Y, amounts with thousands separators."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        obj = (related or {}).get((model_field.related_model, value))
        return str(obj) if obj is not None else _("#%(id)s (deleted)") % {"id": value}
    if isinstance(model_field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(model_field, models.DateTimeField):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(model_field, models.DateField):
        return date_format(value, "d/m/Y")
    if isinstance(model_field, models.BigIntegerField):
        return number_format(value, force_grouping=True)
    return str(value)


def _merge_edits(rows: list[Row]) -> list[Row]:
    """Return the rows newest first, the records of one edit (ONE_EDIT) made one row, and
    changes that changed nothing shown left out."""
    merged: list[Row] = []
    last_of: dict[tuple, Row] = {}
    for row in sorted(rows, key=lambda r: r.when):
        last = last_of.get(row.key)
        if (
            last is not None
            and row.history_type == "~"
            and last.history_type in "+~"
            and row.user_id == last.user_id
            and row.when - last.when <= ONE_EDIT
        ):
            if last.history_type == "~":
                last.changes = _combine(last.changes, row.changes)
            last.when = row.when
            continue
        merged.append(row)
        last_of[row.key] = row
    shown = [r for r in merged if r.history_type != "~" or r.changes]
    return sorted(shown, key=lambda r: r.when, reverse=True)


def _combine(first: list[Change], then: list[Change]) -> list[Change]:
    """Return the changes of two successive records as one: each field from its first old
    value to its last new value, fields back where they were left out."""
    combined = {change.field: change for change in first}
    for change in then:
        if change.field in combined:
            earlier = combined[change.field]
            change = Change(change.field, earlier.old, change.new)
        combined[change.field] = change
    return [c for c in combined.values() if c.old is None or c.old != c.new]
