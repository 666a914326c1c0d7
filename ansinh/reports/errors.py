"""Error codes of reports (coverage and report packs)."""

from ansinh.core.errors import Codes


class ReportError(Codes):
    """Refusals of the report pages, API and builds."""

    PERIOD_REVERSED = "period_reversed", "The period reviewed starts after the report's date."
    INVALID_STRUCTURE = "invalid_structure", "Not a unit structure (as_of or current)."
