"""The calculator's adapters: plain inputs (from a page, the API or the command line) -> rules engine results.

No money is computed here: every amount comes from `ansinh.rules`. These functions only turn what a
person typed into the rules' input dataclasses and pick the current parameters. Bad input raises a
`RuleError` (stable rules code) or a `DomainError` (a few calculator-only codes); `error_body` turns
either into the API's `{"code", "message", "field"}`.
"""

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal

from ansinh.calc.choices import HOUSEHOLD, IdKind
from ansinh.calc.errors import CalcError
from ansinh.calc.params import current_parameters
from ansinh.core.errors import Code, DomainError
from ansinh.rules import (
    ErrorCode,
    HouseholdHIInput,
    HouseholdHIQuote,
    HouseholdMember,
    IdentifierError,
    LumpSumInput,
    LumpSumQuote,
    MonthlyAllowanceEstimate,
    Parameters,
    PensionEstimate,
    PensionInput,
    RuleError,
    VoluntarySIInput,
    VoluntarySIQuote,
    check_si_code,
    decode_citizen_id,
    decode_hi_card,
    household_hi_quote,
    local_group_labels,
    lump_sum_withdrawal_estimate,
    monthly_allowance_estimate,
    normalize_phone,
    pension_estimate,
    voluntary_si_quote,
)

MAX_MEMBERS = 50
MAX_YEARS = 70
_SEPARATORS = re.compile(r"[\s.\-]")


def error_body(exc: RuleError | DomainError) -> dict:
    """The error as `{"code", "message", "field"}` (plus `details` when the rules give any)."""
    if isinstance(exc, RuleError):
        body = {"code": exc.code.value, "message": exc.message, "field": exc.field}
        details = exc.to_dict()["details"]
        if details:
            body["details"] = details
        return body
    return {"code": exc.code, "message": exc.message, "field": exc.field}


def split_list(values: str | Sequence[str] | None) -> list[str]:
    """Accept ['a', 'b'], 'a,b' or ['a,b'] and return ['a', 'b'] (blanks kept as '' so positions hold)."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in str(value).split(","))
    return out


def _params(params: Parameters | None) -> Parameters:
    return params if params is not None else current_parameters()


def _age(value: str, position: int) -> int | None:
    if value == "":
        return None
    if not re.fullmatch(r"[0-9]{1,3}", value) or int(value) > 150:  # not isdigit: "²" is a digit int() refuses
        raise DomainError(f"Tuổi của người thứ {position} phải là số năm tròn từ 0 đến 150: '{value}'.",
                          code=ErrorCode.INVALID_AGE, field="ages")
    return int(value)


def household_members(*, members: int | None, groups: Sequence[str] | None = None,
                      local_groups: Sequence[str] | None = None, ages: Sequence[str | int] | None = None
                      ) -> tuple[HouseholdMember, ...]:
    """Build the members in ranking order: `members` ordinary people, or one per group given; each member may
    have local groups (several joined with '+') and an age in years (for a province's top-up of an age band)."""
    groups = split_list(groups)
    local_groups = split_list(local_groups)
    ages = split_list(ages if ages is None or isinstance(ages, str) else [str(a) for a in ages])
    count = members if members is not None else max(len(groups), len(local_groups), len(ages))
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise DomainError("Số thành viên phải là số nguyên không âm.", code=CalcError.INVALID_MEMBERS, field="members")
    if count > MAX_MEMBERS:
        raise DomainError(f"Tối đa {MAX_MEMBERS} thành viên trong một lần tính.", code=CalcError.TOO_MANY_MEMBERS,
                          field="members")
    if len(groups) > count or len(local_groups) > count:
        raise DomainError(f"Có {max(len(groups), len(local_groups))} nhóm đối tượng cho {count} thành viên.",
                          code=CalcError.MEMBERS_MISMATCH, field="groups")
    if len(ages) > count:
        raise DomainError(f"Có {len(ages)} tuổi cho {count} thành viên.", code=CalcError.MEMBERS_MISMATCH,
                          field="ages")
    known = local_group_labels()
    built = []
    for i in range(count):
        group = groups[i] if i < len(groups) else ""
        local = [g.strip() for g in (local_groups[i] if i < len(local_groups) else "").split("+") if g.strip()]
        unknown = [g for g in local if g not in known]
        if unknown:
            raise DomainError(f"Nhóm hỗ trợ riêng của tỉnh '{unknown[0]}' (người thứ {i + 1}) không có trong danh "
                              "sách.", code=CalcError.UNKNOWN_LOCAL_GROUP, field="local_groups")
        built.append(HouseholdMember(group=None if group in ("", HOUSEHOLD) else group, local_groups=tuple(local),
                                     age=_age(ages[i] if i < len(ages) else "", i + 1)))
    return tuple(built)


def household_hi(*, on: dt.date, members: int | None = None, groups: Sequence[str] | None = None,
                 local_groups: Sequence[str] | None = None, ages: Sequence[str | int] | None = None,
                 months: int = 12, province: str | None = None, params: Parameters | None = None
                 ) -> HouseholdHIQuote:
    """Quote household HI for `members` people (or one per group), paid on `on` for `months` months."""
    data = HouseholdHIInput(on=on, months=months, province=province or None,
                            members=household_members(members=members, groups=groups, local_groups=local_groups,
                                                      ages=ages))
    return household_hi_quote(data, _params(params))


def voluntary_si(*, on: dt.date, income: int, category: str | Sequence[str] = "other", method: str = "regular",
                 months: int = 1, province: str | None = None, support_months_used: int = 0,
                 rate: Decimal | None = None, params: Parameters | None = None) -> VoluntarySIQuote:
    """Quote voluntary SI at a chosen income and category: a regular period or a lump sum (advance, missing)."""
    categories = [c for c in split_list(category) if c] or ["other"]
    data = VoluntarySIInput(on=on, income=income, category=tuple(categories) if len(categories) > 1 else categories[0],
                            method=method, months=months, province=province or None,
                            support_months_used=support_months_used, investment_rate_pct=rate)
    return voluntary_si_quote(data, _params(params))


def pension(*, on: dt.date, sex: str, years: int, average_income: int, months: int = 0,
            birth_date: dt.date | None = None, joined_before_2021: bool = False, months_before_2014: int = 0,
            state_support_received: int = 0, params: Parameters | None = None
            ) -> tuple[PensionEstimate, LumpSumQuote | None, MonthlyAllowanceEstimate | None]:
    """Pension estimate, the lump-sum withdrawal alternative and (when not eligible) the monthly allowance."""
    p = _params(params)
    for value, field, top in ((years, "years", MAX_YEARS), (months, "months", 11)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
            raise RuleError(ErrorCode.INVALID_MONTHS, f"'{field}' phải là số nguyên từ 0 đến {top}.", field=field)
    months_paid = years * 12 + months
    estimate = pension_estimate(PensionInput(on=on, sex=sex, months_paid=months_paid, mbq=average_income,
                                             birth_date=birth_date, joined_before_2021=joined_before_2021), p)
    if isinstance(months_before_2014, bool) or not isinstance(months_before_2014, int) or not (
            0 <= months_before_2014 <= months_paid):
        raise RuleError(ErrorCode.INVALID_MONTHS,
                        f"Số tháng đóng trước 2014 phải từ 0 đến {months_paid} (tổng số tháng đã đóng).",
                        field="months_before_2014")
    lump = None
    if months_paid >= 12:
        lump = lump_sum_withdrawal_estimate(LumpSumInput(
            on=on, mbq=average_income, months_before_2014=months_before_2014,
            months_from_2014=months_paid - months_before_2014, state_support_received=state_support_received), p)
    allowance = None
    if not estimate.eligible and months_paid and p.has("social_pension_allowance", on) and p.has(
            "monthly_allowance_months_per_year", on):
        allowance = monthly_allowance_estimate(on, months_paid, average_income, p)
    return estimate, lump, allowance


def _clean(value: str) -> str:
    return _SEPARATORS.sub("", str(value or "")).strip()


def identify(value: str, *, kind: str = IdKind.AUTO, birth_date: dt.date | None = None, sex: str | None = None,
             on: dt.date | None = None, params: Parameters | None = None) -> dict:
    """Decode an identifier: a 12-digit personal ID, an SI code, a 15-character HI card code or a mobile number.

    `auto` guesses from the shape and also reports the other readings that fit (a 12-digit personal ID
    is also today's SI code; a 10-digit number may be a legacy SI code and a mobile number).
    """
    text = str(value or "").strip()
    clean = _clean(text)
    if kind not in IdKind.values:
        raise DomainError(f"Loại mã '{kind}' không hợp lệ.", code=Code.INVALID_KIND, field="kind")
    found: dict[str, dict | None] = {"citizen_id": None, "si_code": None, "hi_card": None, "phone": None}
    decoders = {
        IdKind.CITIZEN_ID: lambda: decode_citizen_id(text, date_of_birth=birth_date, sex=sex).to_dict(),
        IdKind.SI_CODE: lambda: check_si_code(text).to_dict(),
        IdKind.HI_CARD: lambda: decode_hi_card(text, on, _params(params)).to_dict(),
        IdKind.PHONE: lambda: normalize_phone(text).to_dict(),
    }
    if kind != IdKind.AUTO:
        found[kind] = decoders[kind]()
        return {"input": text, "kind": kind, **found}
    if clean[:2].isalpha():
        order = [IdKind.HI_CARD]
    elif clean.startswith("+") or (clean.startswith("84") and len(clean) == 11):
        order = [IdKind.PHONE]
    elif clean.isdigit() and len(clean) == 12:
        order = [IdKind.CITIZEN_ID, IdKind.SI_CODE]
    elif clean.isdigit() and len(clean) == 10:
        order = [IdKind.SI_CODE, IdKind.PHONE] if not clean.startswith("0") else [IdKind.PHONE, IdKind.SI_CODE]
    else:
        raise IdentifierError(
            ErrorCode.CITIZEN_ID_MALFORMED if clean.isdigit() else ErrorCode.HI_CARD_MALFORMED,
            f"Không nhận ra '{text}': số định danh gồm 12 chữ số, mã số BHXH 10 chữ số, mã thẻ BHYT 15 ký tự "
            "(2 chữ cái + 13 chữ số), số di động 10 chữ số bắt đầu bằng 0.", field="value")
    errors: list[RuleError] = []
    for option in order:
        try:
            found[option] = decoders[option]()
        except RuleError as exc:
            errors.append(exc)
    decisive = found[order[0]] is None and order[0] != IdKind.PHONE
    if errors and (decisive or not any(found.values())):
        raise errors[0]
    primary = next(option for option in order if found[option] is not None)
    return {"input": text, "kind": str(primary), **found}
