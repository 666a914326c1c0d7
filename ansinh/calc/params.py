"""The parameters the rules engine uses: the shipped tables plus the rows officers added in the database.

`current_parameters()` reads the database when it is called (never at start-up). The combined
`Parameters` is kept in memory and rebuilt as soon as the rows change: each call compares a cheap
fingerprint of the two row tables (count, last id, last creation time), so a row added through any
process is used by the next quote in every process, with no restart and no code change.
"""

import threading

from django.db import DatabaseError, connection

from ansinh.rules import LocalSupportRow, Parameters, ParamRow, load_parameters

_lock = threading.Lock()
_cached: dict[str, object] = {}


def _fingerprint() -> tuple:
    """What identifies the current set of officer-added rows (rows are append-only): one small query."""
    from ansinh.calc.models import LocalTopUpRow, ParameterRow

    parts = []
    for model in (ParameterRow, LocalTopUpRow):
        table = connection.ops.quote_name(model._meta.db_table)
        parts.append(f"(SELECT COUNT(*) FROM {table}), (SELECT MAX(id) FROM {table}), "
                     f"(SELECT MAX(created_at) FROM {table})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def database_rows() -> list[ParamRow | LocalSupportRow]:
    """The officer-added rows as rule rows, parameter rows then top-ups, each in creation order."""
    from ansinh.calc.models import LocalTopUpRow, ParameterRow

    rows: list[ParamRow | LocalSupportRow] = [r.to_rule() for r in ParameterRow.objects.order_by("id")]
    rows += [r.to_rule() for r in LocalTopUpRow.objects.order_by("id")]
    return rows


def current_parameters() -> Parameters:
    """Shipped parameter tables, overridden from their dates by officer-added rows (in creation order)."""
    key = _fingerprint()
    with _lock:
        if _cached.get("key") == key:
            return _cached["params"]  # type: ignore[return-value]
    params = load_parameters().with_rows(database_rows())
    with _lock:
        _cached["key"], _cached["params"] = key, params
    return params


def current_parameters_or_shipped() -> tuple[Parameters, str | None]:
    """For the command line: the current parameters, or the shipped tables and a warning without a database."""
    try:
        return current_parameters(), None
    except DatabaseError as exc:
        return load_parameters(), (
            "Không đọc được bảng tham số bổ sung trong cơ sở dữ liệu "
            f"({exc.__class__.__name__}); tính theo bảng tham số phát hành kèm phần mềm. "
            "Chạy `ansinh migrate` để dùng các dòng cán bộ đã thêm.")


def forget() -> None:
    """Drop the in-memory copy (the next call rebuilds it); the write service calls this after adding a row."""
    with _lock:
        _cached.clear()
