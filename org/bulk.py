"""Writing a sheet's records in bulk, each with the history a save() would have given it.

django-simple-history records a save() through signals, which bulk writes do not send: so
`write` records the history itself, one historical record per record, naming the importing
user. A record's many-to-many values (a cooperative's sectors) are written in bulk too, and
its historical record shows them as they are after the import, as the record's page expects.

The historical records are copies of the rows just written, so the database makes them
(INSERT ... SELECT): of them, only their ids pass through Python.
"""

from collections import defaultdict

from django.db import connection
from django.utils import timezone

from org.bases import SearchTextModel


def write(model, instances, *, user, update_fields=None):
    """Create `instances` of `model` (or, given `update_fields`, update those fields), set
    the many-to-many values each holds in `imported_m2m` ({attribute: records}), and record
    their history as done by `user`."""
    if not instances:
        return
    for instance in instances:
        if isinstance(instance, SearchTextModel):
            instance.refresh_search_text()  # bulk writes skip save()
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
    _set_many_to_many(model, instances, new=new)
    for pks in _batches([model._meta.pk], [instance.pk for instance in instances]):
        _record_history(model, pks, new=new, user=user)


def _batches(fields, rows) -> list:
    """`rows` of values for `fields`, cut into as few statements as the database takes."""
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def _set_many_to_many(model, instances, *, new):
    """Write the imported many-to-many values."""
    values = defaultdict(dict)  # attribute → {record pk: the records it is linked to}
    for instance in instances:
        for attribute, records in getattr(instance, "imported_m2m", {}).items():
            values[attribute][instance.pk] = records
    quote = connection.ops.quote_name
    for attribute, by_pk in values.items():
        field = model._meta.get_field(attribute)
        through = field.remote_field.through
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        if not new:
            through.objects.filter(**{f"{owner}__in": list(by_pk)}).delete()
        fields = [through._meta.get_field(name) for name in (owner, target)]
        rows = [(pk, record.pk) for pk, records in by_pk.items() for record in records]
        with connection.cursor() as cursor:
            for batch in _batches(fields, rows):
                cursor.execute(
                    # Names from the models' metadata, quoted; every value is a parameter.
                    f"INSERT INTO {quote(through._meta.db_table)} "  # nosec B608
                    f"({', '.join(quote(f.column) for f in fields)}) "
                    f"VALUES {', '.join(['(%s, %s)'] * len(batch))}",
                    [value for row in batch for value in row],
                )


def _record_history(model, pks, *, new, user):
    """Copy the records `pks` of `model`, as they are now, into their history as made (or,
    unless `new`, changed) by `user`, as bulk_history_create would; then give each historical
    record the many-to-many rows its record has now, as django-simple-history does for a
    record saved one by one."""
    history_model = model.history.model
    history = history_model._meta
    quote = connection.ops.quote_name
    # A column of the historical records → what fills it.
    columns = {
        history.get_field(f.name).column: quote(f.column) for f in history_model.tracked_fields
    }
    stamp = {
        "history_date": timezone.now(),
        "history_change_reason": "",
        "history_type": "+" if new else "~",
        "history_user": user.pk,
    }
    params = []
    for name, value in stamp.items():
        field = history.get_field(name)
        columns[field.column] = "%s"
        params.append(field.get_db_prep_save(value, connection))
    record_id = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            # Names from the models' metadata, quoted; every value is a parameter.
            f"INSERT INTO {quote(history.db_table)} ({', '.join(map(quote, columns))}) "  # nosec B608
            f"SELECT {', '.join(columns.values())} FROM {quote(model._meta.db_table)} "
            f"WHERE {record_id} IN ({', '.join(['%s'] * len(pks))}) ORDER BY {record_id} "
            f"RETURNING {quote(history.pk.column)}",
            [*params, *pks],
        )
        history_ids = [history_id for (history_id,) in cursor.fetchall()]
        for field in history_model._history_m2m_fields:
            through = field.remote_field.through._meta
            m2m_history = getattr(history_model, field.name).model._meta
            owner = through.get_field(field.m2m_field_name()).column
            columns = {
                m2m_history.get_field(f.name).column: f"t.{quote(f.column)}"
                for f in through.concrete_fields
            }
            columns[m2m_history.get_field("history").column] = f"h.{quote(history.pk.column)}"
            cursor.execute(
                f"INSERT INTO {quote(m2m_history.db_table)} ({', '.join(map(quote, columns))}) "  # nosec B608
                f"SELECT {', '.join(columns.values())} FROM {quote(through.db_table)} t "
                f"JOIN {quote(history.db_table)} h ON h.{record_id} = t.{quote(owner)} "
                f"WHERE h.{quote(history.pk.column)} IN ({', '.join(['%s'] * len(history_ids))}) "
                f"ORDER BY t.{quote(through.pk.column)}",
                history_ids,
            )
