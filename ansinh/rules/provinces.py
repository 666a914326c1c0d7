"""Names of the provinces by GSO code: the 63 before 1/7/2025 (citizen IDs and HI card codes carry them) and the
34 from 1/7/2025, which reuse 34 of those codes (today's Gia Lai is 52, Bình Định's code before the merger)."""

from __future__ import annotations

import csv
import functools
import io
from datetime import date
from importlib import resources

from ansinh.rules.errors import ErrorCode, InputError


@functools.cache
def old_provinces() -> dict[str, str]:
    """Map the 2-digit GSO code of each of the 63 pre-July-2025 provinces to its Vietnamese name."""
    text = resources.files("ansinh.rules.data").joinpath("provinces_old63.csv").read_text(encoding="utf-8")
    return {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


@functools.cache
def new_provinces() -> dict[str, str]:
    """Map the 2-digit GSO code of each of today's 34 provinces (from 1/7/2025) to its Vietnamese name (the names of
    the `vietnamadminunits` dataset the geo app loads its units from)."""
    text = resources.files("ansinh.rules.data").joinpath("provinces_new34.csv").read_text(encoding="utf-8")
    return {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


REFORM_DAY = date(2025, 7, 1)


def province_name(code: str, on: date | None = None) -> str | None:
    """The province name for a 2- or 3-digit code ('79' or '079') on a day: from 1/7/2025 a code of today's 34
    names today's province (52 = Gia Lai), before it (or with no day) the old one (52 = Bình Định); None when
    unknown."""
    code = code.strip()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
    if on is not None and on >= REFORM_DAY and code in new_provinces():
        return new_provinces()[code]
    return old_provinces().get(code)


def is_province_code(code: str) -> bool:
    """True when the 2-digit code is one of the 63 GSO province codes (new provinces reuse these)."""
    return code in old_provinces()


def check_province(code: str | int | None) -> str | None:
    """Normalise a province code to 2 digits ('1' -> '01'), raising a typed error for unknown codes."""
    if code is None or code == "":
        return None
    text = str(code).strip()
    if text.isdigit() and len(text) <= 3:
        text = text.zfill(2)
        if len(text) == 3 and text.startswith("0"):
            text = text[1:]
    if not is_province_code(text):
        raise InputError(
            ErrorCode.UNKNOWN_PROVINCE,
            f"Mã tỉnh '{code}' không thuộc danh mục 63 mã tỉnh (mã GSO 2 chữ số).",
            field="province",
            value=str(code),
        )
    return text
