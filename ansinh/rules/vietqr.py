"""VietQR: the payment code a Vietnamese bank app scans to transfer to an account (NAPAS's profile of the EMVCo
merchant-presented QR). A payload is a chain of fields — a 2-digit tag, a 2-digit length, the value — ending with
a CRC-16/CCITT-FALSE of everything before it (tag 63):

- 00 payload format "01"; 01 "12" (a code for one payment, with its amount);
- 38 the beneficiary: 00 NAPAS's id A000000727, 01 (00 the bank's 6-digit BIN, 01 the account), 02 QRIBFTTA
  (a transfer to an account);
- 53 currency 704 (VND); 54 the amount; 58 country VN; 62/08 the purpose: the reference the bank statement
  carries back, which ansinh matches to the person and period.
"""

from __future__ import annotations

import binascii
import dataclasses
import re

from ansinh.rules.errors import ErrorCode, InputError

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"
REFERENCE = re.compile(r"[A-Za-z0-9 ]{1,25}")


def crc16(text: str) -> str:
    """CRC-16/CCITT-FALSE (polynomial 0x1021, start 0xFFFF) as 4 upper-case hex digits ('123456789' → 29B1)."""
    return f"{binascii.crc_hqx(text.encode('ascii'), 0xFFFF):04X}"


# The short names of the banks whose BIN (NAPAS's bank identification number) a collection point is most likely to
# use — the post office's LPBank and the big four first; from NAPAS's published list of VietQR member banks.
BANK_NAMES = {
    "970449": "LPBank", "970405": "Agribank", "970436": "Vietcombank", "970415": "VietinBank", "970418": "BIDV",
    "970422": "MB", "970407": "Techcombank", "970416": "ACB", "970432": "VPBank", "970403": "Sacombank",
    "970423": "TPBank", "970443": "SHB", "970437": "HDBank", "970441": "VIB",
}


def bank_name(bank_bin: str) -> str:
    """The bank's short name for a BIN ("970449" → "LPBank"), or "NH <BIN>" for one not in the list."""
    return BANK_NAMES.get(bank_bin, f"NH {bank_bin}")


def _field(tag: str, value: str) -> str:
    """One field: its tag, its length on 2 digits, its value (at most 99 characters)."""
    if len(value) > 99:
        raise InputError(ErrorCode.VIETQR_INVALID, f"Trường {tag} của mã VietQR dài quá 99 ký tự.", field="vietqr")
    return f"{tag}{len(value):02d}{value}"


@dataclasses.dataclass(frozen=True, kw_only=True)
class VietQR:
    """One payment: to `account` at the bank of `bank_bin`, `amount` VND, with `reference` (letters, digits,
    spaces; at most 25) for the statement."""

    bank_bin: str
    account: str
    amount: int
    reference: str

    def __post_init__(self) -> None:
        """Refuse a code a bank app could not pay: each field named."""
        if not re.fullmatch(r"\d{6}", self.bank_bin or ""):
            raise InputError(ErrorCode.VIETQR_INVALID, f"Mã BIN ngân hàng '{self.bank_bin}' phải có 6 chữ số.",
                             field="bank_bin")
        if not re.fullmatch(r"[0-9A-Za-z]{1,19}", self.account or ""):
            raise InputError(ErrorCode.VIETQR_INVALID, f"Số tài khoản '{self.account}' không hợp lệ (tối đa 19 ký tự "
                             "chữ và số).", field="account")
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or not 0 < self.amount < 10**13:
            raise InputError(ErrorCode.VIETQR_INVALID, f"Số tiền {self.amount!r} không hợp lệ.", field="amount")
        if not REFERENCE.fullmatch(self.reference or ""):
            raise InputError(ErrorCode.VIETQR_INVALID, f"Nội dung chuyển khoản '{self.reference}' chỉ gồm chữ không "
                             "dấu, số và dấu cách, tối đa 25 ký tự.", field="reference")

    def payload(self) -> str:
        """The text the QR code carries, CRC included."""
        beneficiary = _field("00", self.bank_bin) + _field("01", self.account)
        account = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", TO_ACCOUNT)
        body = (_field("00", "01") + _field("01", "12") + _field("38", account) + _field("53", "704")
                + _field("54", str(self.amount)) + _field("58", "VN") + _field("62", _field("08", self.reference))
                + "6304")
        return body + crc16(body)


def read_fields(text: str) -> dict[str, str]:
    """The top-level fields of a payload {tag: value} (templates left as text: read them again)."""
    fields, at = {}, 0
    while at < len(text):
        tag, size = text[at:at + 2], text[at + 2:at + 4]
        if not (tag.isdigit() and size.isdigit()) or at + 4 + int(size) > len(text):
            raise InputError(ErrorCode.VIETQR_INVALID, f"Mã VietQR hỏng ở ký tự {at + 1}.", field="vietqr")
        fields[tag] = text[at + 4:at + 4 + int(size)]
        at += 4 + int(size)
    return fields


def read_vietqr(text: str) -> VietQR:
    """A payload read back, its CRC checked: the account, amount and reference it pays."""
    if len(text) < 8 or text[-8:-4] != "6304" or crc16(text[:-4]) != text[-4:].upper():
        raise InputError(ErrorCode.VIETQR_INVALID, "Mã VietQR sai mã kiểm tra (CRC).", field="vietqr")
    top = read_fields(text)
    account = read_fields(top.get("38", ""))
    if account.get("00") != NAPAS_GUID:
        raise InputError(ErrorCode.VIETQR_INVALID, "Mã QR không phải mã VietQR (NAPAS).", field="vietqr")
    beneficiary = read_fields(account.get("01", ""))
    return VietQR(bank_bin=beneficiary.get("00", ""), account=beneficiary.get("01", ""),
                  amount=int(top.get("54", "0") or 0), reference=read_fields(top.get("62", "")).get("08", ""))
