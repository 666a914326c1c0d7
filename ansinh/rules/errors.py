"""Typed errors of the rules engine: each carries a stable snake_case code and a Vietnamese message."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Stable error codes; callers match on these, never on the message text (each with a line for the docs)."""

    def __new__(cls, value: str, description: str = ""):
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    PARAMETER_NOT_FOUND = "parameter_not_found", "No dated parameter row covers the date asked for."
    INVALID_PARAMETER_ROW = "invalid_parameter_row", "A parameter row is invalid (dates, value)."
    INCOME_BELOW_MINIMUM = "income_below_minimum", "The voluntary-SI income is below the minimum (rural poverty line)."
    INCOME_ABOVE_MAXIMUM = "income_above_maximum", "The voluntary-SI income is above 20 × the reference level."
    INCOME_OFF_STEP = "income_off_step", "The voluntary-SI income is not on the 50,000-đồng step."
    INVALID_METHOD = "invalid_method", "Not a payment method of the scheme."
    INVALID_PERIOD_MONTHS = "invalid_period_months", "Not a number of months the method allows."
    INVALID_SUPPORT_MONTHS = "invalid_support_months", "Months of state support already used cannot be negative."
    INVALID_RATE = "invalid_rate", "A rate outside 0–100%."
    NO_MEMBERS = "no_members", "A household (or quote) needs at least one member."
    INVALID_PERCENT = "invalid_percent", "A percentage outside 0–100."
    UNKNOWN_GROUP = "unknown_group", "Not a support group the rules know."
    UNKNOWN_CATEGORY = "unknown_category", "Not a voluntary-SI support category."
    UNKNOWN_PROVINCE = "unknown_province", "Not a province code."
    INVALID_AMOUNT = "invalid_amount", "An amount that is not a whole number of đồng, or too large."
    INVALID_MONTHS = "invalid_months", "A number of months the operation does not allow."
    INVALID_SEX = "invalid_sex", "Sex is M or F."
    INVALID_AGE = "invalid_age", "An age that is not a whole number of years from 0 to 150."
    INVALID_DATE = "invalid_date", "Not a date (dd/mm/yyyy or yyyy-mm-dd), or a date outside the range allowed."
    INVALID_DATE_RANGE = "invalid_date_range", "A period that ends before it starts."
    NO_PERIODS = "no_periods", "No card periods to count five years over."
    CITIZEN_ID_MALFORMED = ("citizen_id_malformed",
                            "A citizen ID is 12 digits with a valid province and century code.")
    CITIZEN_ID_BIRTH_YEAR_MISMATCH = ("citizen_id_birth_year_mismatch",
                                      "The citizen ID's birth year is not the person's.")
    CITIZEN_ID_SEX_MISMATCH = "citizen_id_sex_mismatch", "The citizen ID's sex digit is not the person's."
    SI_CODE_MALFORMED = "si_code_malformed", "An SI code is 10 digits."
    HI_CARD_MALFORMED = "hi_card_malformed", "An HI card number is 15 characters: group, level, province, SI code."
    HI_CARD_UNKNOWN_GROUP = "hi_card_unknown_group", "The card's group code is not a known beneficiary group."
    PHONE_INVALID = "phone_invalid", "Not a Vietnamese phone number."
    PHONE_NOT_MOBILE = "phone_not_mobile", "The number is not a mobile phone."
    VIETQR_INVALID = ("vietqr_invalid", "A VietQR payment code that cannot be made (bank BIN, account, amount, "
                      "reference) or read (damaged, wrong CRC).")


class RuleError(Exception):
    """Base of every error the rules engine raises on purpose."""

    def __init__(self, code: ErrorCode, message: str, *, field: str | None = None, **details: Any):
        """Keep the code, the Vietnamese message, the offending field and any detail values."""
        super().__init__(message)
        self.code = ErrorCode(code)
        self.message = message
        self.field = field
        self.details = details

    def __str__(self) -> str:
        """Show the code next to the message so logs stay searchable."""
        return f"[{self.code.value}] {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable description for APIs and import error files."""
        return {
            "code": self.code.value,
            "message": self.message,
            "field": self.field,
            "details": {k: _plain(v) for k, v in self.details.items()},
        }


class InputError(RuleError):
    """The caller passed a value the law does not allow (income, months, members, percent...)."""


class IncomeError(InputError):
    """The chosen voluntary-SI income is below the minimum, above the maximum or off the step."""


class PeriodError(InputError):
    """The payment method or number of months is not allowed."""


class IdentifierError(InputError):
    """An identifier (citizen ID, SI code, HI card code, phone number) is malformed or inconsistent."""


class ParameterError(RuleError):
    """No dated parameter row covers the date asked for, or a parameter row is invalid."""


def _plain(value: Any) -> Any:
    """Turn detail values into JSON-friendly scalars."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
