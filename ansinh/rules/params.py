"""Dated, sourced parameter tables of the law: loading the shipped data, overriding rows and looking values up."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import tomllib
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from ansinh.rules.errors import ErrorCode, ParameterError
from ansinh.rules.quote import RULES_VERSION, Status, check_date, fmt_date, to_decimal

SCHEMES = ("hi", "vsi")
LOCAL_BASES = ("contribution", "min_contribution")


def _as_date(value: Any, field: str, row_name: str) -> date:
    """Accept a date or an ISO string for a row's date field."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ParameterError(
        ErrorCode.INVALID_PARAMETER_ROW,
        f"Dòng tham số '{row_name}': ngày '{field}' không hợp lệ ({value!r}).",
        field=field,
    )


def _as_status(value: Any, row_name: str) -> Status:
    """Accept a status string, raising a typed error otherwise."""
    try:
        return Status(str(value).upper())
    except ValueError as exc:
        raise ParameterError(
            ErrorCode.INVALID_PARAMETER_ROW,
            f"Dòng tham số '{row_name}': trạng thái '{value}' phải là CONFIRMED, DERIVED hoặc UNCONFIRMED.",
            field="status",
        ) from exc


@dataclasses.dataclass(frozen=True, kw_only=True)
class ParamRow:
    """One dated value of one parameter (optionally per key such as a category or sex), with its source."""

    name: str
    value: Decimal
    valid_from: date
    valid_until: date | None = None
    key: str | None = None
    legal_ref: str = ""
    status: Status = Status.UNCONFIRMED
    note: str = ""

    def __post_init__(self) -> None:
        """Normalise types and refuse rows that cannot be right."""
        if not self.name or not isinstance(self.name, str):
            raise ParameterError(ErrorCode.INVALID_PARAMETER_ROW, "Dòng tham số thiếu tên.", field="name")
        object.__setattr__(self, "value", to_decimal(self.value, "value"))
        object.__setattr__(self, "valid_from", _as_date(self.valid_from, "valid_from", self.name))
        if self.valid_until is not None:
            object.__setattr__(self, "valid_until", _as_date(self.valid_until, "valid_until", self.name))
        if self.key is not None:
            object.__setattr__(self, "key", str(self.key))
        object.__setattr__(self, "status", _as_status(self.status, self.name))
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW,
                f"Dòng tham số '{self.name}': ngày hết hiệu lực trước ngày bắt đầu.",
                field="valid_until",
            )
        if not self.legal_ref.strip():
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW,
                f"Dòng tham số '{self.name}' phải ghi căn cứ pháp lý.",
                field="legal_ref",
            )

    def covers(self, on: date) -> bool:
        """True when the row is in force on the given day (both ends inclusive)."""
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


@dataclasses.dataclass(frozen=True, kw_only=True)
class LocalSupportRow:
    """A provincial top-up (HĐND resolution): percent of a base, for one scheme and group, in one province."""

    province: str
    scheme: str
    group: str
    percent: Decimal
    base: str
    valid_from: date
    valid_until: date | None = None
    legal_ref: str = ""
    status: Status = Status.UNCONFIRMED
    note: str = ""
    max_months: int | None = None
    # An age band in full years on the quote's date (from `age_from`, below `age_below`); None = any age.
    age_from: int | None = None
    age_below: int | None = None

    def __post_init__(self) -> None:
        """Normalise types and refuse rows that cannot be right."""
        label = f"local_support {self.province}/{self.scheme}/{self.group}"
        for name in ("age_from", "age_below"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 150):
                raise ParameterError(
                    ErrorCode.INVALID_PARAMETER_ROW, f"{label}: tuổi phải là số nguyên từ 0 đến 150.", field=name
                )
        if self.age_from is not None and self.age_below is not None and self.age_below <= self.age_from:
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW, f"{label}: tuổi 'dưới' phải lớn hơn tuổi 'từ'.", field="age_below"
            )
        province = str(self.province).strip()
        if not (len(province) == 2 and province.isdigit()):
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW, f"{label}: mã tỉnh phải gồm 2 chữ số.", field="province"
            )
        object.__setattr__(self, "province", province)
        if self.scheme not in SCHEMES:
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW, f"{label}: chế độ phải là 'hi' hoặc 'vsi'.", field="scheme"
            )
        if self.base not in LOCAL_BASES:
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW,
                f"{label}: cơ sở tính phải là 'contribution' hoặc 'min_contribution'.",
                field="base",
            )
        percent = to_decimal(self.percent, "percent")
        if not Decimal(0) <= percent <= Decimal(100):
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW, f"{label}: tỷ lệ phải từ 0 đến 100%.", field="percent"
            )
        object.__setattr__(self, "percent", percent)
        object.__setattr__(self, "valid_from", _as_date(self.valid_from, "valid_from", label))
        if self.valid_until is not None:
            object.__setattr__(self, "valid_until", _as_date(self.valid_until, "valid_until", label))
            if self.valid_until < self.valid_from:
                raise ParameterError(
                    ErrorCode.INVALID_PARAMETER_ROW,
                    f"{label}: ngày hết hiệu lực trước ngày bắt đầu.",
                    field="valid_until",
                )
        object.__setattr__(self, "status", _as_status(self.status, label))
        if not self.legal_ref.strip():
            raise ParameterError(
                ErrorCode.INVALID_PARAMETER_ROW, f"{label}: phải ghi căn cứ pháp lý.", field="legal_ref"
            )

    def covers(self, on: date) -> bool:
        """True when the top-up is in force on the given day (both ends inclusive)."""
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    @property
    def slot(self) -> tuple[str, str, str, int | None, int | None]:
        """What a later row replaces: the same province, scheme, group and age band."""
        return (self.province, self.scheme, self.group, self.age_from, self.age_below)

    @property
    def has_age_band(self) -> bool:
        """True when the row is for an age band only."""
        return self.age_from is not None or self.age_below is not None

    def fits_age(self, age: int | None) -> bool:
        """True when the row has no age band, or the age (full years) is known and inside it."""
        if not self.has_age_band:
            return True
        return age is not None and (self.age_from or 0) <= age and (self.age_below is None or age < self.age_below)

    @property
    def age_band(self) -> str:
        """The age band in words ('' when the row has none)."""
        if self.age_from is not None and self.age_below is not None:
            return f"từ đủ {self.age_from} tuổi đến dưới {self.age_below} tuổi"
        if self.age_from is not None:
            return f"từ đủ {self.age_from} tuổi"
        return f"dưới {self.age_below} tuổi" if self.age_below is not None else ""


def _pick(candidates: list[tuple[int, Any]], on: date | None) -> tuple[int, Any] | None:
    """Choose the row in force: latest start date wins, and on equal start dates the row added last wins."""
    if on is not None:
        check_date(on, "on")
        candidates = [(i, r) for i, r in candidates if r.covers(on)]
    if not candidates:
        return None
    return max(candidates, key=lambda ir: (ir[1].valid_from, ir[0]))


@dataclasses.dataclass(frozen=True)
class Parameters:
    """An immutable set of parameter rows and provincial top-up rows; later-added rows override from their date."""

    rows: tuple[ParamRow, ...]
    local_support: tuple[LocalSupportRow, ...] = ()
    version: str = RULES_VERSION

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str | None], list[tuple[int, ParamRow]]]:
        """Rows grouped by (name, key), each with its position (later position = added later)."""
        index: dict[tuple[str, str | None], list[tuple[int, ParamRow]]] = {}
        for position, row in enumerate(self.rows):
            index.setdefault((row.name, row.key), []).append((position, row))
        return index

    def with_rows(self, rows: Iterable[ParamRow | LocalSupportRow]) -> Parameters:
        """Return new Parameters with extra rows that override existing ones from their start date."""
        new_params: list[ParamRow] = []
        new_local: list[LocalSupportRow] = []
        for row in rows:
            if isinstance(row, ParamRow):
                new_params.append(row)
            elif isinstance(row, LocalSupportRow):
                new_local.append(row)
            else:
                raise ParameterError(
                    ErrorCode.INVALID_PARAMETER_ROW,
                    f"Dòng bổ sung phải là ParamRow hoặc LocalSupportRow, không phải {type(row).__name__}.",
                )
        if not new_params and not new_local:
            return self
        digest = hashlib.sha256(repr((new_params, new_local)).encode()).hexdigest()[:8]
        return Parameters(
            rows=self.rows + tuple(new_params),
            local_support=self.local_support + tuple(new_local),
            version=f"{self.version}+{digest}",
        )

    def names(self) -> list[str]:
        """All parameter names present, sorted."""
        return sorted({name for name, _ in self._index})

    def keys(self, name: str, on: date | None = None) -> list[str]:
        """The keys a parameter has rows for (in force on `on` when given), sorted as strings."""
        found = set()
        for (row_name, key), rows in self._index.items():
            if row_name == name and key is not None and _pick(rows, on) is not None:
                found.add(key)
        return sorted(found)

    def row(self, name: str, on: date | None, key: str | int | None = None) -> ParamRow:
        """The row of `name` (and `key`) in force on `on`; with on=None, the row with the latest start."""
        norm_key = None if key is None else str(key)
        picked = _pick(self._index.get((name, norm_key), []), on)
        if picked is None:
            label = name if norm_key is None else f"{name}[{norm_key}]"
            when = "" if on is None else f" áp dụng cho ngày {fmt_date(on)}"
            raise ParameterError(
                ErrorCode.PARAMETER_NOT_FOUND,
                f"Không có tham số '{label}'{when}.",
                field=name,
                key=norm_key,
                on=on,
            )
        return picked[1]

    def value(self, name: str, on: date | None, key: str | int | None = None) -> Decimal:
        """The value of `name` (and `key`) in force on `on`."""
        return self.row(name, on, key).value

    def has(self, name: str, on: date | None, key: str | int | None = None) -> bool:
        """True when a row of `name` (and `key`) is in force on `on`."""
        norm_key = None if key is None else str(key)
        return _pick(self._index.get((name, norm_key), []), on) is not None

    @functools.cached_property
    def _local_slots(self) -> dict[tuple, list[tuple[int, LocalSupportRow]]]:
        """Top-up rows by slot (province, scheme, group, age band), each with its position (later = added later)."""
        slots: dict[tuple, list[tuple[int, LocalSupportRow]]] = {}
        for position, row in enumerate(self.local_support):
            slots.setdefault(row.slot, []).append((position, row))
        return slots

    def local_support_for(
        self, province: str, scheme: str, groups: Iterable[str], on: date, age: int | None = None
    ) -> LocalSupportRow | None:
        """The provincial top-up that applies: per group (and age band) the row in force wins, then the highest
        percent. A row with an age band applies only to a person whose age on the date is known and inside it."""
        wanted = set(groups) | {"*"}
        winners = [picked for (p, s, group, *_), rows in self._local_slots.items()
                   if p == province and s == scheme and group in wanted and rows[0][1].fits_age(age)
                   and (picked := _pick(rows, on)) is not None]
        if not winners:
            return None
        best = max(winners, key=lambda ir: (ir[1].percent, ir[1].valid_from, ir[0]))[1]
        return best if best.percent > 0 else None

    def local_in_force(self, on: date) -> set[int]:
        """Positions (in `local_support`) of the rows in force on a day: per slot, the row `_pick` chooses."""
        return {picked[0] for rows in self._local_slots.values() if (picked := _pick(rows, on)) is not None}

    def local_groups_on(self, province: str, scheme: str, on: date | None) -> set[str]:
        """The groups a province tops up on a day (with any percent above 0); every day's without a day."""
        groups = set()
        for (p, s, group, *_), rows in self._local_slots.items():
            if p != province or s != scheme:
                continue
            live = rows if on is None else [picked] if (picked := _pick(rows, on)) is not None else []
            if any(row.percent > 0 for _, row in live):
                groups.add(group)
        return groups


def param_value(params: Parameters | None, name: str, on: date | None, key: str | int | None = None) -> Decimal:
    """Look up one parameter value on a date (params=None uses the shipped tables)."""
    return (params or load_parameters()).value(name, on, key)


def _read_toml(filename: str) -> dict[str, Any]:
    """Read one TOML file shipped inside ansinh/rules/data/."""
    text = resources.files("ansinh.rules.data").joinpath(filename).read_text(encoding="utf-8")
    return tomllib.loads(text)


@functools.cache
def local_group_labels() -> dict[str, str]:
    """The groups only a provincial resolution knows (a member's local groups), key → Vietnamese label."""
    return dict(_read_toml("local_support.toml").get("local_groups", {}))


@functools.cache
def load_parameters() -> Parameters:
    """Load the shipped parameter and provincial top-up tables (cached; the result is immutable)."""
    data = _read_toml("parameters.toml")
    rows = tuple(ParamRow(**row) for row in data.get("param", []))
    local = _read_toml("local_support.toml")
    local_rows = tuple(LocalSupportRow(**row) for row in local.get("local_support", []))
    version = str(data.get("version", RULES_VERSION))
    return Parameters(rows=rows, local_support=local_rows, version=version)
