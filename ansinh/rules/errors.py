"""Typed errors of the rules engine: each carries a stable snake_case code and a Vietnamese message."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Stable error codes; callers match on these, never on the message text."""

    PARAMETER_NOT_FOUND = "parameter_not_found"
    INVALID_PARAMETER_ROW = "invalid_parameter_row"
    INCOME_BELOW_MINIMUM = "income_below_minimum"
    INCOME_ABOVE_MAXIMUM = "income_above_maximum"
    INCOME_OFF_STEP = "income_off_step"
    INVALID_METHOD = "invalid_method"
    INVALID_PERIOD_MONTHS = "invalid_period_months"
    INVALID_SUPPORT_MONTHS = "invalid_support_months"
    INVALID_RATE = "invalid_rate"
    NO_MEMBERS = "no_members"
    INVALID_PERCENT = "invalid_percent"
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_PROVINCE = "unknown_province"
    INVALID_AMOUNT = "invalid_amount"
    INVALID_MONTHS = "invalid_months"
    INVALID_SEX = "invalid_sex"
    INVALID_DATE = "invalid_date"
    INVALID_DATE_RANGE = "invalid_date_range"
    NO_PERIODS = "no_periods"
    CITIZEN_ID_MALFORMED = "citizen_id_malformed"
    CITIZEN_ID_BIRTH_YEAR_MISMATCH = "citizen_id_birth_year_mismatch"
    CITIZEN_ID_SEX_MISMATCH = "citizen_id_sex_mismatch"
    SI_CODE_MALFORMED = "si_code_malformed"
    HI_CARD_MALFORMED = "hi_card_malformed"
    HI_CARD_UNKNOWN_GROUP = "hi_card_unknown_group"
    PHONE_INVALID = "phone_invalid"
    PHONE_NOT_MOBILE = "phone_not_mobile"


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
