"""VietQR payment codes: built field by field, the CRC as the standard's check value says, read back with the CRC
checked; bad inputs refused with the field named."""

import pytest

from ansinh.rules.errors import InputError
from ansinh.rules.vietqr import VietQR, crc16, read_vietqr


def test_the_crc_is_crc16_ccitt_false():
    assert crc16("123456789") == "29B1"  # the catalogue's check value of CRC-16/CCITT-FALSE
    # a code published with a VietQR library, its CRC as printed there
    assert crc16("00020001021238570010A00000072701270006970436011308810004580860208QRIBFTTA53037045802VN6304") \
        == "CD60"


def test_a_household_renewal_for_3_142_260_at_vietcombank():
    code = VietQR(bank_bin="970436", account="0881000458086", amount=3_142_260, reference="ASH12T0127")
    payload = code.payload()
    # by hand: 00 02 01 · 01 02 12 · 38 57 [00 10 A000000727 · 01 27 (00 06 970436 · 01 13 0881000458086) ·
    # 02 08 QRIBFTTA] · 53 03 704 · 54 07 3142260 · 58 02 VN · 62 14 (08 10 ASH12T0127) · 63 04 CRC
    body = ("000201" "010212" "3857" "0010A000000727" "0127" "0006970436" "01130881000458086" "0208QRIBFTTA"
            "5303704" "54073142260" "5802VN" "6214" "0810ASH12T0127" "6304")
    assert payload == body + crc16(body)
    assert read_vietqr(payload) == code


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        pytest.param({"bank_bin": "97043"}, "bank_bin", id="bin_of_5_digits"),
        pytest.param({"account": "0881-000"}, "account", id="account_with_a_dash"),
        pytest.param({"amount": 0}, "amount", id="nothing_to_pay"),
        pytest.param({"reference": "Đóng BHYT hộ"}, "reference", id="reference_with_diacritics"),
        pytest.param({"reference": "A" * 26}, "reference", id="reference_of_26"),
    ],
)
def test_a_code_that_cannot_be_made_names_its_field(fields, field):
    good = {"bank_bin": "970436", "account": "0881000458086", "amount": 100_000, "reference": "ASH1T0127"}
    with pytest.raises(InputError) as refused:
        VietQR(**{**good, **fields})
    assert (refused.value.code, refused.value.field) == ("vietqr_invalid", field)


def test_a_damaged_code_is_refused():
    payload = VietQR(bank_bin="970436", account="0881000458086", amount=100_000, reference="ASH1T0127").payload()
    with pytest.raises(InputError, match="CRC"):
        read_vietqr(payload.replace("100000", "900000"))
