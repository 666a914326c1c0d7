"""Counters kept by the database: `n = n + k` on a row found by a unique text key, created when missing.

Two writers racing on a new key both end counted (the loser of the INSERT retries the UPDATE), so
saving at once never double-counts or loses a count. Used by every roll-up table (participation,
recruitment, campaign results).
"""

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F


def counter_add(model: type[models.Model], field: str, key: str, amount: int, defaults: dict) -> None:
    """Add `amount` to `field` of the row with `key` (created with `defaults` if missing)."""
    if amount == 0:
        return
    if model.objects.filter(key=key).update(**{field: F(field) + amount}):
        return
    try:
        with transaction.atomic():
            model.objects.create(key=key, **{field: amount}, **defaults)
    except IntegrityError:
        model.objects.filter(key=key).update(**{field: F(field) + amount})


def counters_add(model: type[models.Model], field: str, rows: dict[str, tuple[int, dict]]) -> None:
    """Add amounts to many keys, one statement per 500: INSERT … ON CONFLICT (key) DO UPDATE SET n = n + new.

    `rows` is {key: (amount, {column: value for a new row})}; every row names the same columns.
    """
    rows = {k: v for k, v in rows.items() if v[0]}
    if not rows:
        return
    table = model._meta.db_table
    columns = ["key", field, *next(iter(rows.values()))[1].keys()]
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    quoted = connection.ops.quote_name(field)
    items = list(rows.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            placeholders = ", ".join("(" + ", ".join(["%s"] * len(columns)) + ")" for _ in chunk)
            params = []
            for key, (amount, extra) in chunk:
                params += [key, amount, *extra.values()]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {placeholders} "  # noqa: S608 - names from the model
                f"ON CONFLICT (key) DO UPDATE SET {quoted} = {table}.{quoted} + excluded.{quoted}", params)
