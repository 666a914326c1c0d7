"""Error codes of enrollment (enrollments, payments, receipts, cards, imports)."""

from ansinh.core.errors import Codes


class EnrollmentError(Codes):
    """Refusals of enrollment's services."""

    ALREADY_ENROLLED = "already_enrolled", "The person is enrolled in the scheme already: renew instead."
    DUPLICATE_RECEIPT = "duplicate_receipt", "The receipt number is used at this collection point already."
    RECEIPT_CANCELLED = "receipt_cancelled", "The receipt is cancelled already."
    RECEIPT_NOT_LATEST = ("receipt_not_latest",
                          "A later payment follows on from this receipt: cancel the later receipt first.")
    CANCEL_REASON_MISSING = "cancel_reason_missing", "A receipt is cancelled with a reason."
    ENROLLMENT_ENDED = "enrollment_ended", "The enrollment has ended: register again."
    END_BEFORE_START = "end_before_start", "An enrollment cannot end before it started."
    INVALID_END_REASON = "invalid_end_reason", "Not a reason an enrollment ends for."
    NO_OPEN_ENROLLMENTS = "no_open_enrollments", "No member of the household is enrolled in household HI."
    NO_HOUSEHOLD = "no_household", "The person belongs to no household; household HI is paid in a household."
    MEMBER_STATE_INSURED = ("member_state_insured",
                            "The member's HI is paid in full by the state (poor, ethnic minority of a difficult area).")
    SUPPORT_WITHOUT_EVIDENCE = ("support_without_evidence",
                                "A supported category needs the person's status for the year, with its evidence.")
    SCHEME_NOT_COLLECTED = "scheme_not_collected", "Payments are recorded for voluntary SI and household HI only."
    UNKNOWN_COLLECTION_POINT = "unknown_collection_point", "No collection point with this code in your area."
    UNKNOWN_COLLECTOR = "unknown_collector", "No collector with this staff code in your area."
    INVALID_CONTACT_OUTCOME = "invalid_contact_outcome", "The outcome of a contact is not one of the list."
    PROMISE_NEEDS_DAY = "promise_needs_day", "A promise to pay needs its day, on or after the contact."
    REFUSAL_NEEDS_REASON = "refusal_needs_reason", "A refusal is recorded with its reason."
    CONTACT_DAY_INVALID = "contact_day_invalid", "A contact is recorded for today or a past day, not before enrollment."
    REMINDER_CHANNEL_INVALID = "reminder_channel_invalid", "Reminders go by SMS, Zalo or e-mail."
    REMINDER_ADDRESS_INVALID = ("reminder_address_invalid",
                                "A reminder's address is a Vietnamese mobile number (SMS, Zalo) or an e-mail address.")
    REMINDER_CONSENT_INVALID = ("reminder_consent_invalid",
                                "A consent is given on a day up to today, with how it was given.")
    QUIET_HOURS = "quiet_hours", "No reminder is sent in the quiet hours (ANSINH_REMINDER_QUIET_HOURS)."
    NO_REMINDER_CHANNEL = ("no_reminder_channel",
                           "No reminder channel is set up (EMAIL_HOST, ANSINH_SMS_URL, ANSINH_ZALO_ZNS_URL).")
    RESIDENT_LIST_INVALID = ("resident_list_invalid",
                             "A resident list is of one commune of your area, dated today or before.")
    RESIDENT_DUPLICATE = "resident_duplicate", "The same resident is on two rows of the list."
    PROSPECT_CLOSED = "prospect_closed", "The prospect is registered or covered already."
    COLLECTOR_NOT_SERVING = ("collector_not_serving",
                             "The collector is not active in your area, or does not serve the prospect's commune.")
    TRANSFER_UNKNOWN_REFERENCE = ("transfer_unknown_reference",
                                  "A transfer's reference names no household or open voluntary-SI enrollment of your "
                                  "area.")
    TRANSFER_AMOUNT_MISMATCH = ("transfer_amount_mismatch",
                                "A transfer's amount is not what is due on its day: it is left for an officer.")
    TRANSFER_ACCOUNT_MISMATCH = ("transfer_account_mismatch",
                                 "The statement is of another account than the collection point's (or the point has "
                                 "no account).")
    TRANSFER_DUPLICATE_REFERENCE = ("transfer_duplicate_reference",
                                    "A payment reference already recorded from another transfer: maybe paid twice.")
