"""Writing a sheet's records in bulk, each with the history a save() would have given it.

django-simple-history records a save() through signals, which bulk writes do not send: so
`write` records the history itself, one historical record per record, naming the importing
user. A record's many-to-many values (a cooperative's sectors) are written in bulk too, and
its historical record shows them as they are after the import, as the record's page expects.
"""

from collections import defaultdict

from cooperatives.models import SearchTextModel
from cooperatives.text import fold


def write(model, instances, *, user, update_fields=None):
    """Create `instances` of `model` (or, given `update_fields`, update those fields), set
    the many-to-many values each holds in `imported_m2m` ({attribute: records}), and record
    their history as done by `user`."""
    if not instances:
        return
    for instance in instances:
        if isinstance(instance, SearchTextModel):
            # What SearchTextModel.save() keeps up to date; bulk writes skip save().
            instance.search_text = fold(
                " ".join(getattr(instance, name) or "" for name in instance.SEARCH_FIELDS)
            )
    if update_fields is None:
        model.objects.bulk_create(instances)
    else:
        stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        for instance in instances:
            for field in stamped:
                field.pre_save(instance, add=False)
        fields = {*update_fields, *(f.name for f in stamped)}
        if issubclass(model, SearchTextModel):
            fields.add("search_text")
        model.objects.bulk_update(instances, sorted(fields))
    new = update_fields is None
    written = _set_many_to_many(model, instances, new=new)
    records = model.history.bulk_history_create(
        instances, update=not new, default_user=user if user.pk else None
    )
    _copy_many_to_many_into_history(model, records, written, new=new)


def _set_many_to_many(model, instances, *, new) -> dict:
    """Write the imported many-to-many values; return the rows written, as {attribute:
    {record pk: its rows}}."""
    values = defaultdict(dict)  # attribute → {record pk: the records it is linked to}
    for instance in instances:
        for attribute, records in getattr(instance, "imported_m2m", {}).items():
            values[attribute][instance.pk] = records
    written = {}
    for attribute, by_pk in values.items():
        field = model._meta.get_field(attribute)
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        if not new:
            through.objects.filter(**{f"{owner}__in": list(by_pk)}).delete()
        rows = through.objects.bulk_create(
            through(**{f"{owner}_id": pk, f"{target}_id": record.pk})
            for pk, records in by_pk.items()
            for record in records
        )
        written[attribute] = defaultdict(list)
        for row in rows:
            written[attribute][getattr(row, f"{owner}_id")].append(row)
    return written


def _copy_many_to_many_into_history(model, records, written, *, new):
    """Give each historical record the many-to-many rows its record has now, as
    django-simple-history does for a record saved one by one: those just `written`, and
    for a stored record whose values the import left alone, those it had."""
    history_model = model.history.model
    pk_name = model._meta.pk.attname
    for field in history_model._history_m2m_fields:
        through = field.remote_field.through
        owner = f"{field.m2m_field_name()}_id"
        rows = defaultdict(list, written.get(field.name, {}))
        kept = [getattr(r, pk_name) for r in records if getattr(r, pk_name) not in rows]
        if kept and not new:
            for row in through.objects.filter(**{f"{owner}__in": kept}):
                rows[getattr(row, owner)].append(row)
        columns = [f.attname for f in through._meta.concrete_fields]
        m2m_history_model = getattr(history_model, field.name).model
        m2m_history_model.objects.bulk_create(
            m2m_history_model(history=record, **{c: getattr(row, c) for c in columns})
            for record in records
            for row in rows[getattr(record, pk_name)]
        )
