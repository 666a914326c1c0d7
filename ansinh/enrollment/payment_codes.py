"""The VietQR code of a payment request (rules.vietqr), to the account of the collection point the person pays at,
with a reference the bank statement carries back: ASH<household id>T<mmyy> for a household's HI renewal,
ASV<enrollment id>T<mmyy> for a voluntary-SI period."""

import datetime as dt
import io

import qrcode
import qrcode.image.svg

from ansinh.enrollment import quotes
from ansinh.enrollment.choices import Scheme
from ansinh.rules.errors import RuleError
from ansinh.rules.vietqr import VietQR, bank_name


def household_reference(household_id: int, on: dt.date) -> str:
    """ASH123T1226: household 123, paying in December 2026 (letters and digits only: every bank app keeps them)."""
    return f"ASH{household_id}T{on:%m%y}"


def vsi_reference(enrollment_id: int, on: dt.date) -> str:
    """ASV45T1226: the voluntary-SI enrollment 45, paying in December 2026."""
    return f"ASV{enrollment_id}T{on:%m%y}"


def payment_code(point, *, amount: int | None, reference: str) -> dict | None:
    """The code paying `amount` with `reference` to `point`'s account: payload, SVG, amount, reference, point and
    the bank's name; None where there is none to make (no point, no account at the point, no amount)."""
    if point is None or not (point.bank_bin and point.bank_account) or not amount:
        return None
    try:
        payload = VietQR(bank_bin=point.bank_bin, account=point.bank_account, amount=amount,
                         reference=reference).payload()
    except RuleError:
        return None
    svg = qrcode.make(payload, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return {"payload": payload, "svg": svg.to_string(encoding="unicode"), "amount": amount, "reference": reference,
            "point": point, "bank": bank_name(point.bank_bin)}


def png(payload: str) -> bytes:
    """The code as a PNG image (e-mail attachments: mail readers do not all show SVG)."""
    out = io.BytesIO()
    qrcode.make(payload, box_size=6, border=2).save(out, format="PNG")
    return out.getvalue()


def household_renewal_code(enrollment, *, on: dt.date, params=None) -> dict | None:
    """The code to renew the household of `enrollment` for 12 months on `on` (None: no household HI, no account
    at its point, no amount)."""
    point = enrollment.collection_point
    if (enrollment.scheme != Scheme.HOUSEHOLD_HI or not enrollment.household_id or point is None
            or not (point.bank_bin and point.bank_account)):
        return None
    amount = quotes.household_renewal_due([enrollment.household], on=on, params=params).get(enrollment.household_id)
    code = payment_code(point, amount=amount, reference=household_reference(enrollment.household_id, on))
    return {**code, "what": "gia hạn cả hộ 12 tháng"} if code else None


def vsi_amount_now(enrollment, *, on: dt.date, params=None) -> int | None:
    """What the next voluntary-SI period of `enrollment` costs if paid on `on` (its method's months, its income
    and category, the State's support); None where the rules refuse (an income now below the minimum, say)."""
    from ansinh.core.errors import DomainError
    from ansinh.enrollment.choices import METHOD_MONTHS

    try:
        return quotes.renewal_quote(enrollment=enrollment, months=METHOD_MONTHS.get(enrollment.payment_method, 1),
                                    on=on, params=params).amount
    except DomainError:
        return None


def vsi_period_code(enrollment, *, on: dt.date, params=None) -> dict | None:
    """The code paying the next voluntary-SI period of `enrollment` on `on` (None: not VSI, no account, no amount)."""
    if enrollment.scheme != Scheme.VOLUNTARY_SI:
        return None
    code = payment_code(enrollment.collection_point, amount=vsi_amount_now(enrollment, on=on, params=params),
                        reference=vsi_reference(enrollment.pk, on))
    return {**code, "what": "đóng kỳ BHXH tự nguyện tiếp theo"} if code else None


def next_payment_code(contribution, *, on: dt.date, params=None) -> dict | None:
    """The code of the payment after a receipt's line, for the receipt to carry: the voluntary-SI period that
    follows (its amount if paid on `on`), or the household's 12-month renewal when its card ends; with `due_on`, the
    first day it pays for. None when the line is not the enrollment's latest, or there is no account or amount."""
    from ansinh.core.errors import DomainError
    from ansinh.enrollment.choices import EnrollmentStatus

    enrollment = contribution.enrollment
    if enrollment.status != EnrollmentStatus.ACTIVE or enrollment.end_date != contribution.period_end:
        return None
    due_on = contribution.period_end + dt.timedelta(days=1)
    point = enrollment.collection_point
    try:
        if enrollment.scheme == Scheme.VOLUNTARY_SI:
            code = payment_code(point, amount=vsi_amount_now(enrollment, on=on, params=params),
                                reference=vsi_reference(enrollment.pk, due_on))
        elif enrollment.scheme == Scheme.HOUSEHOLD_HI and enrollment.household_id:
            amount = quotes.household_renewal_due([enrollment.household], on=on, params=params).get(
                enrollment.household_id)
            code = payment_code(point, amount=amount, reference=household_reference(enrollment.household_id, due_on))
        else:
            return None
    except DomainError:
        return None
    return {**code, "due_on": due_on} if code else None
