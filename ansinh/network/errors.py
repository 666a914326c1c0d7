"""Error codes of the field network (staff and collection points, their import)."""

from ansinh.core.errors import Codes


class NetworkError(Codes):
    """Refusals of the network's services and importers."""

    CODE_REQUIRED = "code_required", "A staff or collection point code is needed."
    CODE_TAKEN = "code_taken", "Another staff member (or collection point) has this code already."
    CODE_UNCHANGEABLE = "code_unchangeable", "A staff or point code is kept for good (it is on receipts and lists)."
    INVALID_ORGANISATION = "invalid_organisation", "Not a kind of staff (BHXH, post office, agent, commune, union)."
    INVALID_POINT_KIND = "invalid_point_kind", "Not a kind of collection point (post office, agent, BHXH, commune)."
    ACTIVE_FROM_REQUIRED = "active_from_required", "The day the staff member or point is active from is needed."
    DATES_OUT_OF_ORDER = "dates_out_of_order", "The active-until day is before the active-from day."
    ALREADY_INACTIVE = "already_inactive", "The staff member or point stopped already (change the date instead)."
    UNKNOWN_ERA = "unknown_era", "Not a structure of units: old (63 provinces, to 30/6/2025) or new (from 1/7/2025)."
    NOT_A_COMMUNE = "served_not_a_commune", "A commune served must be a commune (xã, phường, thị trấn, đặc khu)."
    COMMUNE_OUTSIDE_PROVINCE = "commune_outside_province", "A commune served lies outside the home unit's province."
    UNKNOWN_POINT = "point_not_found", "No collection point with this code in your area."
    POINT_OUTSIDE_PROVINCE = "point_outside_province", "The main collection point lies outside the home province."
    UNKNOWN_ACCOUNT = "unknown_account", "No account with this username in your area."
    ACCOUNT_TAKEN = "account_taken", "The account is linked to another staff member already."
    TEXT_TOO_LONG = "text_too_long", "A name, code or address is longer than the field holds."
    INVALID_EMAIL = "invalid_email", "Not an e-mail address."
    INVALID_TAX_CODE = "invalid_tax_code", "Not a tax code (10 digits, or 10 digits - 3 digits)."
    INVALID_BANK_ACCOUNT = ("invalid_bank_account", "A bank account for VietQR needs the bank's 6-digit BIN and an "
                            "account of at most 19 letters or digits, both or neither.")
