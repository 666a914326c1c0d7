"""Error codes of calc (the calculator, its API and the officers' parameter rows)."""

from ansinh.core.errors import Codes


class CalcError(Codes):
    """Refusals of the calculator and of parameter rows."""

    INVALID_BASE = "invalid_base", "The pension's base is not one the calculator knows."
    INVALID_KEY = "invalid_key", "Not a parameter key an officer may add a row for."
    INVALID_MEMBERS = "invalid_members", "The household's members cannot be read."
    INVALID_STATUS = "invalid_status", "Not a confirmation status (CONFIRMED / UNCONFIRMED)."
    LEGAL_REF_REQUIRED = "legal_ref_required", "A parameter row needs its legal source."
    NO_TOP_UP_IN_FORCE = "no_top_up_in_force", "No provincial top-up of that group is in force on the day to end."
    MEMBERS_MISMATCH = "members_mismatch", "The count of members and their list disagree."
    TOP_UP_ALREADY_REPLACED = ("top_up_already_replaced",
                               "A row entered from the day after the last day already replaces the top-up.")
    TOO_MANY_MEMBERS = "too_many_members", "More household members than the calculator takes."
    UNKNOWN_LOCAL_GROUP = "unknown_local_group", "Not a group of a province's resolutions."
    UNKNOWN_PARAMETER = "unknown_parameter", "No such parameter."
    OLD_PROVINCE_AFTER_REFORM = ("old_province_after_reform",
                                 "An old province's top-up rows end by 30/6/2025; today's province enters the rest.")
    PROVINCE_NOT_YOURS = "province_not_yours", "A province officer adds or ends local rows of her province only."
