"""Reading the cells of imported files, one way for every importer: text, dates, whole numbers and money,
decimals, percents, phone numbers and identifiers.

A cell comes as Excel gives it (a number, a date, a string) or as CSV text. A value that cannot be read
raises `CellError` naming the column (`label`) and the reason in Vietnamese, with a stable code; a blank
cell is None (or '').
"""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ansinh.core.errors import Code, DomainError
from ansinh.core.excel import is_formula_like
from ansinh.rules import RuleError, normalize_phone
from ansinh.rules.errors import ErrorCode

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}( .*)?")
_THOUSANDS = re.compile(r"-?\d{1,3}([.,\s]\d{3})+")


class CellError(DomainError):
    """A cell that cannot be read: the message names the column and why."""

    code = Code.INVALID_NUMBER


def is_blank(value) -> bool:
    """An empty cell: None or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """A cell as text: '' for empty, 12 for an Excel 12.0, stripped; the apostrophe that kept `=…` from running as
    a formula in an exported CSV (`core.excel.csv_safe`) is taken off again."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    out = str(value).strip()
    if out[:1] == "'" and is_formula_like(out[1:]):
        return out[1:]
    return out


def parse_date(value, label: str, *, month_only: bool = False, field: str | None = None) -> dt.date | None:
    """A date: an Excel date or serial number, 22/7/2023, 22-7-2023, 22.7.2023, 2023-07-22, or (months) 7/2023.

    `field` names the input in the error (the API's parameter), when it is not the label.
    """
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80000:  # an Excel serial day number
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"{label}: '{value}' không phải là ngày.", code=ErrorCode.INVALID_DATE, field=field)
    raw = str(value).strip()
    try:
        if _ISO.fullmatch(raw):
            return dt.date.fromisoformat(raw[:10])
        parts = re.split(r"[/.\-]", raw)
        if len(parts) == 3:
            day, month, year = (int(p) for p in parts)
            return dt.date(year, month, day)
        if len(parts) == 2 and month_only:
            month, year = (int(p) for p in parts)
            return dt.date(year, month, 1)
    except ValueError:
        pass
    raise CellError(f"{label}: '{raw}' không phải là ngày (dạng ngày/tháng/năm, ví dụ 22/7/2023).",
                    code=ErrorCode.INVALID_DATE, field=field)


def parse_int(value, label: str) -> int | None:
    """A whole number or an amount in đồng: 1500000, 1.500.000, 1,500,000, '1.500.000 đ' or an Excel number."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"{label}: '{value}' không phải là số.")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"{label}: '{value}' phải là số nguyên.")
    raw = str(value).strip().replace("đ", "").replace("VND", "").strip()
    if re.fullmatch(r"-?\d+(\.0+)?", raw):
        return int(raw.split(".")[0])
    cleaned = re.sub(r"[\s.,]", "", raw)
    if re.fullmatch(r"-?\d+", cleaned) and _THOUSANDS.fullmatch(raw):
        return int(cleaned)
    raise CellError(f"{label}: '{raw}' không phải là số nguyên.")


def parse_decimal(value, label: str) -> Decimal | None:
    """A decimal as Vietnamese write it: 95,61 (comma decimals), 964.867 (dot thousands), or a number."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"{label}: '{value}' không phải là số.")
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    raw = str(value).strip().replace(" ", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(".") >= 1 and all(len(part) == 3 for part in raw.split(".")[1:]):
        raw = raw.replace(".", "")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(f"{label}: '{value}' không phải là số.") from exc
    if not number.is_finite():
        raise CellError(f"{label}: '{value}' không phải là số.")
    return number


def parse_percent(value, label: str) -> Decimal | None:
    """A percent: 30, 30%, 0,3 (a fraction below 1 is read as a share)."""
    if is_blank(value):
        return None
    raw = str(value).strip().rstrip("%").replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(f"{label}: '{value}' không phải là tỷ lệ %.", code=ErrorCode.INVALID_PERCENT) from exc
    if not number.is_finite():
        raise CellError(f"{label}: '{value}' không phải là tỷ lệ %.", code=ErrorCode.INVALID_PERCENT)
    return number * 100 if 0 < number < 1 else number


def digits(value, width: int) -> str:
    """An identifier from a cell: Excel numbers lose their leading zeros, so they are padded back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)).zfill(width)
    return re.sub(r"[\s.\-]", "", str(value or ""))


@lru_cache(maxsize=4096)
def _mobile_prefix_problem(prefix: str) -> str | None:
    """Whether numbers starting with `prefix` (0 + 4 digits, 10 digits long) are mobile numbers (None = yes).

    libphonenumber decides Vietnamese mobile numbers by their leading digits and length, so one check per
    prefix with `ansinh.rules.normalize_phone` answers for every number sharing it.
    """
    try:
        normalize_phone(prefix + "0" * (10 - len(prefix)))
    except RuleError as exc:
        return exc.message
    return None


def parse_phone(value, label: str = "Điện thoại") -> str:
    """A mobile number in national form 0XXXXXXXXX ('' when empty)."""
    if is_blank(value):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raw = str(int(value))
        raw = "0" + raw if len(raw) == 9 else raw
    else:
        raw = str(value).strip()
    compact = re.sub(r"[\s.\-()]", "", raw)
    if len(compact) == 10 and compact.isdigit() and compact[0] == "0":
        if _mobile_prefix_problem(compact[:5]):
            raise CellError(f"{label}: số '{raw}' không phải số di động Việt Nam hợp lệ.",
                            code=ErrorCode.PHONE_NOT_MOBILE)
        return compact
    try:
        return normalize_phone(raw).national
    except RuleError as exc:
        raise CellError(f"{label}: {exc.message}", code=exc.code) from exc
