"""Error codes of sponsors (sponsors, pledges, money received, sponsored cards)."""

from ansinh.core.errors import Codes


class SponsorError(Codes):
    """Refusals of the sponsors' services."""

    SPONSOR_EXISTS = "sponsor_exists", "A sponsor of this name (or tax code) is registered in the unit already."
    INVALID_TAX_CODE = "sponsor_invalid_tax_code", "Not a tax code (10 digits, or 10 digits - 3 digits)."
    INVALID_PHONE = "sponsor_invalid_phone", "Not a Vietnamese phone number (mobile or landline)."
    PLEDGE_DATE = "pledge_date", "A pledge is dated on or before today, and its period starts from 2015."
    PLEDGE_EMPTY = "pledge_empty", "A pledge needs an amount of money, a number of cards, or both."
    PLEDGE_FIXED_AMOUNT = "pledge_fixed_amount", "A pledge paying a fixed part of each card needs that amount."
    PLEDGE_PERIOD = "pledge_period", "The pledge's period ends before it starts."
    PLEDGE_SCHOOL = "pledge_school", "A pledge for the pupils of a school names the school."
    PLEDGE_CLOSED = "pledge_closed", "The pledge is closed: no card is given or paid from it any more."
    PLEDGE_SPENT = "pledge_spent", "The pledge has no money (or no card) left to give."
    NOT_A_BENEFICIARY = "not_a_beneficiary", "The person is not of the group the pledge is for."
    OUTSIDE_PLEDGE_AREA = "outside_pledge_area", "The person lives outside the unit the pledge is for."
    ALREADY_SPONSORED = "already_sponsored", "The person has a card from this pledge already."
    NOTHING_TO_PAY = "nothing_to_pay", "The state's and the province's support pay the whole card already."
    CARD_PAID = "sponsored_card_paid", "The card is paid already (cancel its receipt first)."
    CARD_RELEASED = "sponsored_card_released", "The card was taken back from the pledge."
    FUNDS_SHORT = "pledge_funds_short", "The sponsor has not handed over enough money yet to pay this card."
    RECEIPT_DUPLICATE = "pledge_receipt_duplicate", "This transfer or receipt is recorded for the pledge already."
    AMOUNT_INVALID = "pledge_amount_invalid", "An amount of money is a whole number of đồng above 0."
    UNKNOWN_PERSON = "beneficiary_not_found", "No person with this ID number (or name and birth date) in your area."
