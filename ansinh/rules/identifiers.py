"""Identifier checks: 12-digit citizen ID, SI code, 15-character HI card code and Vietnamese mobile numbers."""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import re
from datetime import date
from decimal import Decimal
from importlib import resources

import phonenumbers
from phonenumbers import PhoneNumberType, carrier

from ansinh.rules.errors import ErrorCode, IdentifierError
from ansinh.rules.params import Parameters, load_parameters
from ansinh.rules.pension import Sex
from ansinh.rules.provinces import province_name
from ansinh.rules.quote import check_date

_SEPARATORS = re.compile(r"[\s.\-]")
HI_CARD_PATTERN = re.compile(r"^[A-Z]{2}[1-5]\d{2}\d{10}$")


def _clean(value: object) -> str:
    """Drop spaces, dots and hyphens that people type inside identifiers."""
    return _SEPARATORS.sub("", str(value or ""))


@dataclasses.dataclass(frozen=True, kw_only=True)
class CitizenID:
    """What a 12-digit personal ID number tells: birth-registration place, sex, century and birth year."""

    number: str
    place_code: str
    province_code: str | None
    province_name: str | None
    sex: Sex
    century: int
    birth_year: int

    def to_dict(self) -> dict[str, object]:
        """Return the decoded fields as a JSON-serialisable dict."""
        data = dataclasses.asdict(self)
        data["sex"] = self.sex.value
        return data


def decode_citizen_id(value: str, date_of_birth: date | None = None, sex: Sex | str | None = None) -> CitizenID:
    """Decode a CCCD/personal ID (Decree 137/2015 Art. 13) and check it against a birth date and sex if given."""
    number = _clean(value)
    if not (len(number) == 12 and number.isascii() and number.isdigit()):
        raise IdentifierError(ErrorCode.CITIZEN_ID_MALFORMED,
                              f"Số định danh cá nhân/CCCD phải gồm đúng 12 chữ số, nhận được '{value}'.",
                              field="citizen_id")
    place = number[:3]
    province = place[1:] if place.startswith("0") and province_name(place) else None
    digit = int(number[3])
    century_start = 1900 + 100 * (digit // 2)
    decoded_sex = Sex.MALE if digit % 2 == 0 else Sex.FEMALE
    birth_year = century_start + int(number[4:6])
    if date_of_birth is not None:
        check_date(date_of_birth, "date_of_birth")
        if date_of_birth.year // 100 * 100 != century_start:
            raise IdentifierError(
                ErrorCode.CITIZEN_ID_BIRTH_YEAR_MISMATCH,
                f"Chữ số thứ 4 của số định danh ({digit}) chỉ thế kỷ {century_start}–{century_start + 99}, "
                f"mâu thuẫn với năm sinh {date_of_birth.year}.",
                field="citizen_id", birth_year=birth_year,
            )
        if date_of_birth.year != birth_year:
            raise IdentifierError(
                ErrorCode.CITIZEN_ID_BIRTH_YEAR_MISMATCH,
                f"Chữ số thứ 5–6 của số định danh cho năm sinh {birth_year}, khác năm sinh {date_of_birth.year}.",
                field="citizen_id", birth_year=birth_year,
            )
    if sex is not None and Sex.parse(sex) is not decoded_sex:
        raise IdentifierError(
            ErrorCode.CITIZEN_ID_SEX_MISMATCH,
            f"Chữ số thứ 4 của số định danh ({digit}) chỉ giới tính "
            f"{'nam' if decoded_sex is Sex.MALE else 'nữ'}, khác giới tính đã khai.",
            field="citizen_id",
        )
    return CitizenID(
        number=number, place_code=place, province_code=province,
        province_name=province_name(province) if province else None,
        sex=decoded_sex, century=century_start // 100 + 1, birth_year=birth_year,
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class SICode:
    """A checked SI code: the legacy 10-digit code, or the 12-digit personal ID that replaces it since 8/2025."""

    code: str
    kind: str

    def to_dict(self) -> dict[str, object]:
        """Return the fields as a JSON-serialisable dict."""
        return dataclasses.asdict(self)


def check_si_code(value: str) -> SICode:
    """Check an SI code: 10 digits (legacy, no published check digit) or a 12-digit personal ID number."""
    code = _clean(value)
    if code.isascii() and code.isdigit() and len(code) == 10:
        return SICode(code=code, kind="si_code")
    if code.isascii() and code.isdigit() and len(code) == 12:
        return SICode(code=code, kind="personal_id")
    raise IdentifierError(ErrorCode.SI_CODE_MALFORMED,
                          f"Mã số BHXH phải gồm 10 chữ số (hoặc 12 chữ số định danh), nhận được '{value}'.",
                          field="si_code")


@functools.cache
def hi_card_groups() -> dict[str, tuple[str, str]]:
    """Map each 2-letter HI card group code to (payer, Vietnamese name) from the shipped CSV."""
    text = resources.files("ansinh.rules.data").joinpath("hi_card_groups.csv").read_text(encoding="utf-8")
    return {row["code"]: (row["payer"], row["name"]) for row in csv.DictReader(io.StringIO(text))}


@dataclasses.dataclass(frozen=True, kw_only=True)
class HICard:
    """The parts of a 15-character HI card code (Decision 1351/QĐ-BHXH)."""

    code: str
    group_code: str
    group_name: str
    payer: str
    benefit_level: int
    benefit_pct: Decimal
    benefit_status: str
    province_code: str
    province_name: str | None
    si_code: str

    def to_dict(self) -> dict[str, object]:
        """Return the fields as a JSON-serialisable dict."""
        data = dataclasses.asdict(self)
        data["benefit_pct"] = int(self.benefit_pct) if self.benefit_pct == int(self.benefit_pct) else float(
            self.benefit_pct)
        return data


def decode_hi_card(value: str, on: date | None = None, params: Parameters | None = None) -> HICard:
    """Split an HI card code `XX N NN NNNNNNNNNN` into group, benefit level and percent, province and SI code."""
    p = params or load_parameters()
    code = _clean(value).upper()
    if not HI_CARD_PATTERN.match(code):
        raise IdentifierError(ErrorCode.HI_CARD_MALFORMED,
                              f"Mã thẻ BHYT phải gồm 2 chữ cái, 1 chữ số mức hưởng (1–5), 2 chữ số mã tỉnh "
                              f"và 10 chữ số mã BHXH; nhận được '{value}'.", field="hi_card")
    group = code[:2]
    groups = hi_card_groups()
    if group not in groups:
        raise IdentifierError(ErrorCode.HI_CARD_UNKNOWN_GROUP,
                              f"Mã đối tượng '{group}' trên thẻ BHYT không có trong danh mục.", field="hi_card")
    level = int(code[2])
    level_row = p.row("hi_benefit_level_pct", on, level)
    payer, name = groups[group]
    return HICard(
        code=code, group_code=group, group_name=name, payer=payer, benefit_level=level,
        benefit_pct=level_row.value, benefit_status=level_row.status.value, province_code=code[3:5],
        province_name=province_name(code[3:5]), si_code=code[5:],
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class PhoneNumber:
    """A Vietnamese mobile number in national (0XXXXXXXXX) and E.164 (+84XXXXXXXXX) form, with its carrier."""

    national: str
    e164: str
    carrier: str | None

    def to_dict(self) -> dict[str, object]:
        """Return the fields as a JSON-serialisable dict."""
        return dataclasses.asdict(self)


def normalize_phone(value: str) -> PhoneNumber:
    """Validate a Vietnamese mobile number with libphonenumber and normalise it (carrier is a hint: MNP)."""
    text = str(value or "").strip()
    try:
        parsed = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException as exc:
        raise IdentifierError(ErrorCode.PHONE_INVALID, f"Số điện thoại '{value}' không đọc được.",
                              field="phone") from exc
    if phonenumbers.region_code_for_number(parsed) != "VN" or not phonenumbers.is_valid_number(parsed):
        raise IdentifierError(ErrorCode.PHONE_INVALID, f"Số điện thoại '{value}' không phải số Việt Nam hợp lệ.",
                              field="phone")
    if phonenumbers.number_type(parsed) not in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        raise IdentifierError(ErrorCode.PHONE_NOT_MOBILE, f"Số '{value}' không phải số di động.", field="phone")
    name = carrier.name_for_number(parsed, "en") or None
    return PhoneNumber(
        national="0" + str(parsed.national_number),
        e164=phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
        carrier=name,
    )
