"""The words of a reminder, per channel: an SMS without diacritics (one GSM-7 text costs less and every phone shows
it), an e-mail in full Vietnamese with the VietQR code attached, and the fields of a Zalo ZNS template. Each says
what is due and by when, how much, how to pay (the collection point, the account and the transfer reference), and
how to stop the reminders."""

import datetime as dt

from unidecode import unidecode

from ansinh.core.messaging import Message
from ansinh.enrollment import payment_codes
from ansinh.enrollment.choices import ReminderChannel, ReminderKind
from ansinh.enrollment.selectors import ReminderDraft
from ansinh.registry.models import mask_id
from ansinh.rules.quote import fmt_vnd
from ansinh.rules.vietqr import bank_name

STOP_WORDS = ("TU CHOI", "TUCHOI", "HUY", "STOP")  # a reply starting with one of these stops the reminders
STOP_HINTS = {ReminderChannel.SMS: "Soạn TU CHOI gửi lại để không nhận tin nhắc.",
              ReminderChannel.ZALO: "Không muốn nhận tin nhắc: báo cho điểm thu hoặc cán bộ thu.",
              ReminderChannel.EMAIL: "Không muốn nhận thư nhắc: báo cho điểm thu hoặc cán bộ thu."}


def mask_address(address: str) -> str:
    """A phone or e-mail for lists: '0912345678' → '******5678', 'lan.nguyen@example.vn' → 'l***@example.vn'."""
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return mask_id(address)


def _day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def _what(draft: ReminderDraft) -> str:
    """The sentence of what is due: the card, its end or the last day to keep continuity; the VSI period."""
    enrollment = draft.enrollment
    if draft.kind == ReminderKind.VSI_DUE:
        return (f"BHXH tự nguyện của {enrollment.person.full_name} đã đóng đến {_day(draft.deadline)}; "
                f"kỳ đóng tiếp theo: {fmt_vnd(draft.amount)}." if draft.amount else
                f"BHXH tự nguyện của {enrollment.person.full_name} đã đóng đến {_day(draft.deadline)}.")
    household = enrollment.household
    head = household.head.full_name if household and household.head else enrollment.person.full_name
    if draft.kind == ReminderKind.LAPSED:
        what = (f"Thẻ BHYT hộ gia đình của hộ {head} đã hết hạn ngày {_day(draft.card_until)}. Gia hạn trước "
                f"{_day(draft.deadline)} để giữ thời gian tham gia liên tục (5 năm liên tục) và không phải chờ 30 "
                "ngày thẻ mới có giá trị.")
    else:
        what = f"Thẻ BHYT hộ gia đình của hộ {head} hết hạn ngày {_day(draft.deadline)}."
    return what + (f" Gia hạn 12 tháng: {fmt_vnd(draft.amount)}." if draft.amount else "")


def _how(draft: ReminderDraft) -> str:
    """Where to pay: the collection point, and its account with the reference where it has one."""
    point = draft.point
    parts = []
    if point is not None and point.bank_bin and point.bank_account and draft.amount:
        parts.append(f"Chuyển khoản: {bank_name(point.bank_bin)} STK {point.bank_account}"
                     + (f" ({point.bank_account_name})" if point.bank_account_name else "")
                     + f", nội dung {draft.reference}.")
    if point is not None:
        parts.append(f"Hoặc nộp tại {point.name}" + (f", ĐT {point.phone}" if point.phone else "") + ".")
    return " ".join(parts)


def text_of(draft: ReminderDraft, channel: str) -> str:
    """The full Vietnamese text (the e-mail's body, the page's preview; the SMS drops the diacritics)."""
    return " ".join(p for p in ("BHXH nhắc:", _what(draft), _how(draft), STOP_HINTS[channel]) if p)


def message_for(draft: ReminderDraft, channel: str, *, attach: bool = True) -> Message:
    """The message `channel` carries for `draft`, addressed to the consent's phone or e-mail (an e-mail with its
    VietQR image unless `attach` is false: the page's preview)."""
    text = text_of(draft, channel)
    to = draft.consent.address
    if channel == ReminderChannel.SMS:
        return Message(to=to, text=unidecode(text), reference=draft.reference)
    if channel == ReminderChannel.ZALO:
        data = {"customer_name": draft.consent.person.full_name, "deadline": _day(draft.deadline),
                "amount": draft.amount or 0, "reference": draft.reference, "content": _what(draft)}
        return Message(to=to, text=text, reference=draft.reference, data=data)
    attachments = ()
    code = payment_codes.payment_code(draft.point, amount=draft.amount, reference=draft.reference) if attach else None
    if code:
        attachments = (("vietqr.png", payment_codes.png(code["payload"]), "image/png"),)
        text += "\n\nMã VietQR đính kèm: quét bằng ứng dụng ngân hàng để chuyển đúng số tiền và nội dung."
    subject = {ReminderKind.LAPSED: "Thẻ BHYT hộ gia đình đã hết hạn — gia hạn để giữ liên tục",
               ReminderKind.EXPIRING: "Thẻ BHYT hộ gia đình sắp hết hạn",
               ReminderKind.VSI_DUE: "Đến kỳ đóng BHXH tự nguyện"}[draft.kind]
    return Message(to=to, text=text, subject=subject, reference=draft.reference, attachments=attachments)


def is_stop(reply: str) -> bool:
    """Whether an SMS reply asks to stop the reminders ('tu choi', 'Từ chối', 'STOP'…)."""
    words = " ".join(unidecode(reply or "").upper().split())
    return any(words.startswith(stop) for stop in STOP_WORDS)
