"""Quote and result types, the single rounding function for money, and Vietnamese formatting helpers."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from fractions import Fraction
from typing import Any

from ansinh.rules.errors import ErrorCode, InputError

RULES_VERSION = "2026.11.23"

Number = int | Decimal | Fraction


class Status(StrEnum):
    """How sure we are of a parameter: a source states it, it is arithmetic, or it still needs checking."""

    CONFIRMED = "CONFIRMED"
    DERIVED = "DERIVED"
    UNCONFIRMED = "UNCONFIRMED"


_STATUS_RANK = {Status.UNCONFIRMED: 0, Status.DERIVED: 1, Status.CONFIRMED: 2}


def weakest(*statuses: Status | str) -> Status:
    """Return the least certain status among those given (CONFIRMED when none are given)."""
    found = [Status(s) for s in statuses]
    if not found:
        return Status.CONFIRMED
    return min(found, key=lambda s: _STATUS_RANK[s])


def round_vnd(amount: Number) -> int:
    """Round an exact amount to the đồng, half away from zero; the ONLY place money is rounded."""
    value = Fraction(amount)
    if value < 0:
        return -round_vnd(-value)
    whole, rest = divmod(value.numerator, value.denominator)
    return whole + (1 if 2 * rest >= value.denominator else 0)


def pct(value: Number) -> Fraction:
    """Turn a percent (e.g. Decimal('4.5')) into an exact fraction (9/200)."""
    return Fraction(value) / 100


def to_decimal(value: Any, field: str = "value") -> Decimal:
    """Convert an int, str, float or Decimal to Decimal, raising a typed error on garbage."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise InputError(ErrorCode.INVALID_AMOUNT, f"Giá trị '{field}' không phải là số.", field=field)
    if isinstance(value, int | str | float | Fraction):
        try:
            if isinstance(value, Fraction):
                return Decimal(value.numerator) / Decimal(value.denominator)
            return Decimal(str(value).strip())
        except ArithmeticError as exc:
            raise InputError(
                ErrorCode.INVALID_AMOUNT, f"Giá trị '{field}' không phải là số: {value!r}.", field=field
            ) from exc
    raise InputError(ErrorCode.INVALID_AMOUNT, f"Giá trị '{field}' không phải là số: {value!r}.", field=field)


def fmt_vnd(amount: int) -> str:
    """Format money the Vietnamese way: 1.500.000 đ."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,} đ".replace(",", ".")


def fmt_pct(value: Number) -> str:
    """Format a percent the Vietnamese way: 4,5% or 22%."""
    dec = to_decimal(value) if not isinstance(value, Decimal) else value
    text = format(dec.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def fmt_num(value: Number) -> str:
    """Format a plain number with a decimal comma: 1,5 or 2."""
    return fmt_pct(value)[:-1]


def fmt_date(day: date) -> str:
    """Format a date the Vietnamese way: 1/7/2026."""
    return f"{day.day}/{day.month}/{day.year}"


def jsonable(value: Any) -> Any:
    """Convert dataclasses, dates, decimals, enums and tuples into JSON-serialisable values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | Fraction):
        dec = value if isinstance(value, Decimal) else Decimal(value.numerator) / Decimal(value.denominator)
        return int(dec) if dec == dec.to_integral_value() else float(dec)
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuoteLine:
    """One line of a breakdown: a code, an amount in VND, a Vietnamese reason and the legal reference."""

    code: str
    amount: int
    reason: str
    legal_ref: str
    status: Status = Status.CONFIRMED
    member: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the line as a JSON-serialisable dict."""
        return {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclasses.dataclass(frozen=True, kw_only=True)
class RuleResult:
    """Common base of every result: explanatory lines and the version of the rules that produced it."""

    lines: tuple[QuoteLine, ...] = ()
    rules_version: str = RULES_VERSION

    @property
    def status(self) -> Status:
        """The least certain status among the result's lines."""
        return weakest(*(line.status for line in self.lines))

    def to_dict(self) -> dict[str, Any]:
        """Return every field (and the overall status) as a JSON-serialisable dict."""
        tail = ("lines", "rules_version")
        data = {f.name: jsonable(getattr(self, f.name)) for f in dataclasses.fields(self) if f.name not in tail}
        data["status"] = self.status.value
        data["lines"] = jsonable(self.lines)
        data["rules_version"] = self.rules_version
        return data


@dataclasses.dataclass(frozen=True, kw_only=True)
class Quote(RuleResult):
    """An amount to pay (or to receive): `total` equals the sum of the line amounts."""

    scheme: str
    on: date
    total: int


def legal_refs(*refs: str) -> str:
    """Join distinct legal references in order, skipping blanks."""
    seen: list[str] = []
    for ref in refs:
        for part in (p.strip() for p in ref.split(";")):
            if part and part not in seen:
                seen.append(part)
    kept = [p for p in seen if "Điều" in p or not any(q != p and q.startswith(p + " ") for q in seen)]
    return "; ".join(kept)


def check_date(value: object, field: str) -> date:
    """Return a plain date, refusing datetimes (time zones are the caller's business) and anything else."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise InputError(ErrorCode.INVALID_DATE, f"'{field}' phải là một ngày (date), nhận được {value!r}.",
                         field=field)
    return value


def check_percent(value: Number | str | float, field: str) -> Decimal:
    """Return a percent as Decimal, refusing values outside 0..100 with a typed error."""
    dec = to_decimal(value, field)
    if not Decimal(0) <= dec <= Decimal(100):
        raise InputError(
            ErrorCode.INVALID_PERCENT,
            f"Tỷ lệ '{field}' phải nằm trong khoảng 0–100%, nhận được {value}.",
            field=field,
            value=str(value),
        )
    return dec
