"""Reads for calc: the parameter tables (shipped rows and officer-added rows) with what is in force on a day.

Parameters of the law are public reference data, the same for every area, so these reads are not
scoped; only administrators may add rows (`services.py`).
"""

import dataclasses
import datetime as dt
from decimal import Decimal

from ansinh.calc.choices import (
    PARAMETER_LABELS,
    SECTION_LABELS,
    UNIT_SUFFIX,
    RowStatus,
    key_label,
    parameter_label,
)
from ansinh.calc.models import LocalTopUpRow, ParameterRow
from ansinh.rules import ParamRow, load_parameters
from ansinh.rules.provinces import province_name


@dataclasses.dataclass(frozen=True)
class TableRow:
    """One row of a parameter table as shown to an officer: the value, its dates and source, and whether it wins."""

    name: str
    key: str | None
    key_label: str
    value: Decimal
    value_text: str
    valid_from: dt.date
    valid_until: dt.date | None
    legal_ref: str
    status: str
    status_label: str
    note: str
    added: bool
    created_by: str
    created_at: dt.datetime | None
    in_force: bool


@dataclasses.dataclass(frozen=True)
class ParameterTable:
    """All rows of one parameter (every key), with its label and unit."""

    name: str
    label: str
    unit: str
    section: str
    rows: list[TableRow]

    @property
    def in_force(self) -> list[TableRow]:
        """The rows that apply on the chosen day (one per key)."""
        return [r for r in self.rows if r.in_force]

    @property
    def added_count(self) -> int:
        """How many rows administrators added."""
        return sum(1 for r in self.rows if r.added)


def value_text(value: Decimal, unit: str) -> str:
    """A parameter value the Vietnamese way: 2.340.000 đ, 4,5%, 60 tháng."""
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-') or 0):,}".replace(",", ".")
    return f"{sign}{whole}{',' + frac if frac else ''}{UNIT_SUFFIX.get(unit, '')}"


def _key_order(key: str | None) -> tuple:
    """Numeric keys in number order (3, 6, 12), then the others alphabetically."""
    if key is None:
        return (0, 0, "")
    return (1, int(key), "") if key.isdigit() else (2, 0, key)


def _who(row) -> str:
    user = row.created_by
    if user is None:
        return ""
    return user.get_full_name() or user.username


def parameter_tables(on: dt.date, name: str | None = None) -> list[ParameterTable]:
    """Every parameter with its shipped and added rows, oldest first, marking the rows in force on `on`."""
    shipped = load_parameters()
    added = list(ParameterRow.objects.select_related("created_by").order_by("id"))
    rule_rows = [r.to_rule() for r in added]
    params = shipped.with_rows(rule_rows)
    origin = {id(rule): row for rule, row in zip(rule_rows, added, strict=True)}
    by_name: dict[str, list[ParamRow]] = {}
    for rule in params.rows:
        if name is None or rule.name == name:
            by_name.setdefault(rule.name, []).append(rule)
    tables = []
    order = {n: i for i, n in enumerate(PARAMETER_LABELS)}
    for param_name in sorted(by_name, key=lambda n: (order.get(n, len(order)), n)):
        label, unit, section = PARAMETER_LABELS.get(param_name, (param_name, "", "other"))
        winners = {id(params.row(param_name, on, k)) for k in {r.key for r in by_name[param_name]}
                   if params.has(param_name, on, k)}
        rows = []
        for rule in sorted(by_name[param_name], key=lambda r: (_key_order(r.key), r.valid_from)):
            db_row = origin.get(id(rule))
            rows.append(TableRow(
                name=param_name, key=rule.key, key_label=key_label(param_name, rule.key), value=rule.value,
                value_text=value_text(rule.value, unit), valid_from=rule.valid_from, valid_until=rule.valid_until,
                legal_ref=rule.legal_ref, status=rule.status.value, status_label=RowStatus(rule.status.value).label,
                note=rule.note, added=db_row is not None, created_by=_who(db_row) if db_row else "",
                created_at=db_row.created_at if db_row else None, in_force=id(rule) in winners,
            ))
        tables.append(ParameterTable(name=param_name, label=label, unit=unit, section=section, rows=rows))
    return tables


def parameter_keys() -> list[tuple[str, str]]:
    """Every (key, "label · parameter") pair of keyed parameters, for the key field's suggestions."""
    shipped = load_parameters()
    return [(key, f"{key_label(name, key)} · {parameter_label(name)}") for name in shipped.names()
            for key in sorted(shipped.keys(name), key=_key_order)]


def parameter_sections(on: dt.date) -> list[tuple[str, str, list[ParameterTable]]]:
    """The parameter tables grouped by section: (code, Vietnamese label, tables)."""
    tables = parameter_tables(on)
    return [(code, label, [t for t in tables if t.section == code]) for code, label in SECTION_LABELS.items()]


@dataclasses.dataclass(frozen=True)
class TopUpRow:
    """One provincial top-up row as shown to an officer."""

    province: str
    province_name: str
    scheme: str
    group: str
    percent: Decimal
    base: str
    valid_from: dt.date
    valid_until: dt.date | None
    max_months: int | None
    age_from: int | None
    age_below: int | None
    age_band: str
    legal_ref: str
    status: str
    status_label: str
    note: str
    added: bool
    created_by: str
    created_at: dt.datetime | None
    in_force: bool


def top_up_rows(on: dt.date) -> list[TopUpRow]:
    """Every provincial top-up (shipped, then added), by province, marking those in force on `on`."""
    shipped = load_parameters()
    added = list(LocalTopUpRow.objects.select_related("created_by").order_by("id"))
    merged = shipped.with_rows(r.to_rule() for r in added)
    in_force = merged.local_in_force(on)
    db_rows = [None] * len(shipped.local_support) + added
    out = []
    for position, (rule, db_row) in enumerate(zip(merged.local_support, db_rows, strict=True)):
        out.append(TopUpRow(
            province=rule.province, province_name=province_name(rule.province, rule.valid_from) or rule.province,
            scheme=rule.scheme, group=rule.group, percent=rule.percent, base=rule.base, valid_from=rule.valid_from,
            valid_until=rule.valid_until, max_months=rule.max_months, age_from=rule.age_from,
            age_below=rule.age_below, age_band=rule.age_band, legal_ref=rule.legal_ref,
            status=rule.status.value, status_label=RowStatus(rule.status.value).label, note=rule.note,
            added=db_row is not None, created_by=_who(db_row) if db_row else "",
            created_at=db_row.created_at if db_row else None, in_force=position in in_force,
        ))
    return sorted(out, key=lambda r: (r.province, r.scheme, r.group, r.age_from or 0, r.valid_from))
