"""Error codes of the registry (people and households)."""

from ansinh.core.errors import Codes


class RegistryError(Codes):
    """Refusals of the registry's services."""

    PERSON_EXISTS = "person_exists", "The citizen ID (or SI code) is already registered for someone else."
    HOUSEHOLD_EXISTS = "household_exists", "The household code is taken."
    HOUSEHOLD_CODE_REQUIRED = "household_code_required", "A household needs a code."
    NOT_A_COMMUNE = "not_a_commune", "People and households live in a commune, not a province or district."
    INVALID_RELATION = "invalid_relation", "Not a relation to the head of household."
    INVALID_HOUSEHOLD_STATUS = "invalid_household_status", "Not a household status (poor, near-poor, …)."
    INVALID_PERSON_STATUS = ("invalid_person_status",
                             "Not a person's status (near-poor, student, …), or a top-up group without its key.")
    TWO_HEADS = "two_heads", "A household has one head."
