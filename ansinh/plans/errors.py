"""Error codes of plans (yearly targets and reported figures)."""

from ansinh.core.errors import Codes


class PlanError(Codes):
    """Refusals of plans' services."""

    CONFLICT = "conflict", "Another target or figure was saved for the same key meanwhile; reload and retry."
    INVALID_AUTHORITY = "invalid_authority", "Not an authority that sets targets."
    INVALID_PERIOD = "invalid_period", "Not a period a target covers."
    NOT_AN_INTEGER = "not_an_integer", "A count of people must be a whole number."
    RATE_OVER_100 = "rate_over_100", "A coverage rate cannot pass 100%."
