"""Names of the 63 pre-2025 provinces by GSO code (used to decode citizen IDs and HI card codes)."""

from __future__ import annotations

import csv
import functools
import io
from importlib import resources

from ansinh.rules.errors import ErrorCode, InputError


@functools.cache
def old_provinces() -> dict[str, str]:
    """Map the 2-digit GSO code of each of the 63 pre-July-2025 provinces to its Vietnamese name."""
    text = resources.files("ansinh.rules.data").joinpath("provinces_old63.csv").read_text(encoding="utf-8")
    return {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


def province_name(code: str) -> str | None:
    """Return the province name for a 2- or 3-digit code ('79' or '079'), or None when unknown."""
    code = code.strip()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
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
