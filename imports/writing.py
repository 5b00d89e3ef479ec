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
    _set_many_to_many(model, instances)
    records = model.history.bulk_history_create(
        instances, update=update_fields is not None, default_user=user if user.pk else None
    )
    _copy_many_to_many_into_history(model, records)


def _set_many_to_many(model, instances):
    values = defaultdict(dict)  # attribute → {instance pk: its records}
    for instance in instances:
        for attribute, records in getattr(instance, "imported_m2m", {}).items():
            values[attribute][instance.pk] = records
    for attribute, by_pk in values.items():
        field = model._meta.get_field(attribute)
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.filter(**{f"{owner}__in": list(by_pk)}).delete()
        through.objects.bulk_create(
            through(**{f"{owner}_id": pk, f"{target}_id": record.pk})
            for pk, records in by_pk.items()
            for record in records
        )


def _copy_many_to_many_into_history(model, records):
    """Give each historical record the many-to-many rows its record has now, as
    django-simple-history does for a record saved one by one."""
    history_model = model.history.model
    pk_name = model._meta.pk.attname
    for field in history_model._history_m2m_fields:
        through = field.remote_field.through
        owner = f"{field.m2m_field_name()}_id"
        rows = defaultdict(list)
        owners = [getattr(record, pk_name) for record in records]
        for row in through.objects.filter(**{f"{owner}__in": owners}):
            rows[getattr(row, owner)].append(row)
        columns = [f.attname for f in through._meta.concrete_fields]
        m2m_history_model = getattr(history_model, field.name).model
        m2m_history_model.objects.bulk_create(
            m2m_history_model(history=record, **{c: getattr(row, c) for c in columns})
            for record in records
            for row in rows[getattr(record, pk_name)]
        )
