"""The law as code: dated, sourced parameters and pure functions that quote contributions and benefits.

Pure Python: imports nothing from Django or other ansinh apps, reads no clock, settings or database.
Inputs are frozen dataclasses with an explicit `on` date; outputs are Quotes (or results) with lines
that carry a code, an integer VND amount, a Vietnamese reason, a legal reference and a status.
"""

from ansinh.rules.benefits import funeral_allowance, hi_copay_threshold, maternity_allowance
from ansinh.rules.cards import (
    CoveredPeriod,
    FiveYearResult,
    HICardValidity,
    continuity_deadline,
    five_year_date,
    hi_card_validity,
)
from ansinh.rules.errors import (
    ErrorCode,
    IdentifierError,
    IncomeError,
    InputError,
    ParameterError,
    PeriodError,
    RuleError,
)
from ansinh.rules.household_hi import (
    HouseholdHIInput,
    HouseholdHIQuote,
    HouseholdMember,
    MemberQuote,
    household_hi_quote,
)
from ansinh.rules.identifiers import (
    CitizenID,
    HICard,
    PhoneNumber,
    SICode,
    check_si_code,
    decode_citizen_id,
    decode_hi_card,
    normalize_phone,
)
from ansinh.rules.indicators import implied_whole, percent, percent_of, round_half_up
from ansinh.rules.params import (
    LocalSupportRow,
    Parameters,
    ParamRow,
    load_parameters,
    local_group_labels,
    param_value,
)
from ansinh.rules.pension import (
    LumpSumInput,
    LumpSumQuote,
    MonthlyAllowanceEstimate,
    PensionEstimate,
    PensionInput,
    RetirementAge,
    Sex,
    lump_sum_withdrawal_estimate,
    monthly_allowance_estimate,
    pension_estimate,
    retirement_age,
)
from ansinh.rules.provinces import province_name
from ansinh.rules.quote import RULES_VERSION, Quote, QuoteLine, RuleResult, Status, round_vnd
from ansinh.rules.voluntary_si import VoluntarySIInput, VoluntarySIQuote, VSICategory, VSIMethod, voluntary_si_quote

__all__ = [
    "RULES_VERSION",
    "CitizenID",
    "CoveredPeriod",
    "ErrorCode",
    "FiveYearResult",
    "HICard",
    "HICardValidity",
    "HouseholdHIInput",
    "HouseholdHIQuote",
    "HouseholdMember",
    "IdentifierError",
    "IncomeError",
    "InputError",
    "LocalSupportRow",
    "LumpSumInput",
    "LumpSumQuote",
    "MemberQuote",
    "MonthlyAllowanceEstimate",
    "ParamRow",
    "ParameterError",
    "Parameters",
    "PensionEstimate",
    "PensionInput",
    "PeriodError",
    "PhoneNumber",
    "Quote",
    "QuoteLine",
    "RetirementAge",
    "RuleError",
    "RuleResult",
    "SICode",
    "Sex",
    "Status",
    "VSICategory",
    "VSIMethod",
    "VoluntarySIInput",
    "VoluntarySIQuote",
    "check_si_code",
    "decode_citizen_id",
    "decode_hi_card",
    "continuity_deadline",
    "five_year_date",
    "funeral_allowance",
    "hi_card_validity",
    "hi_copay_threshold",
    "household_hi_quote",
    "implied_whole",
    "load_parameters",
    "local_group_labels",
    "lump_sum_withdrawal_estimate",
    "maternity_allowance",
    "monthly_allowance_estimate",
    "normalize_phone",
    "param_value",
    "pension_estimate",
    "percent",
    "percent_of",
    "round_half_up",
    "province_name",
    "retirement_age",
    "round_vnd",
    "voluntary_si_quote",
]
