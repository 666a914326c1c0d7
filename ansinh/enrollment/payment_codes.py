"""The VietQR code of a payment request (rules.vietqr): the household's renewal, to the account of the collection
point the household pays at, with a reference the bank statement carries back (ASH<household id>T<mmyy>)."""

import datetime as dt

import qrcode
import qrcode.image.svg

from ansinh.enrollment import quotes
from ansinh.enrollment.choices import Scheme
from ansinh.rules.errors import RuleError
from ansinh.rules.vietqr import VietQR


def household_reference(household_id: int, on: dt.date) -> str:
    """ASH123T1226: household 123, paying in December 2026 (letters and digits only: every bank app keeps them)."""
    return f"ASH{household_id}T{on:%m%y}"


def household_renewal_code(enrollment, *, on: dt.date, params=None) -> dict | None:
    """The code to renew the household of `enrollment` for 12 months on `on`: payload, SVG, amount, reference,
    point; None where there is none to make (no household HI, no bank account at the point, no amount)."""
    point = enrollment.collection_point
    if (enrollment.scheme != Scheme.HOUSEHOLD_HI or not enrollment.household_id or point is None
            or not (point.bank_bin and point.bank_account)):
        return None
    amount = quotes.household_renewal_due([enrollment.household], on=on, params=params).get(enrollment.household_id)
    if not amount:
        return None
    reference = household_reference(enrollment.household_id, on)
    try:
        payload = VietQR(bank_bin=point.bank_bin, account=point.bank_account, amount=amount,
                         reference=reference).payload()
    except RuleError:
        return None
    svg = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return {"payload": payload, "svg": svg.to_string(encoding="unicode"), "amount": amount, "reference": reference,
            "point": point}
