"""Bank statements: a collection point's statement (Vietcombank's Excel, Techcombank's CSV) read back into payments —
a transfer carrying ASH…/ASV… for exactly what is due is recorded as if collected; the rest is skipped or refused
with the reason; reading it again changes nothing."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook

from ansinh.enrollment import services
from ansinh.enrollment.bank import find_reference, import_statement
from ansinh.enrollment.models import BankTransfer, HICard, Receipt
from ansinh.network.services import point_update
from ansinh.registry.services import MemberInput, household_register_with_members, person_register

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
VCB_HEADER = ["STT", "Ngày giao dịch", "Số tham chiếu", "Số tiền ghi nợ", "Số tiền ghi có", "Số dư",
              "Nội dung chi tiết"]


@pytest.fixture
def world(tra_vinh_officer, commune, points, monkeypatch):
    """Bưu điện thành phố Trà Vinh takes transfers at Vietcombank (0881000458086). Thạch Văn Sơn's household of three
    paid on 2/12/2025 for 12 months (cards to 31/12/2026); Trần Thị Lan pays voluntary SI monthly on 1,500,000
    ('other': the State's 20 %), paid up to 30/11/2026. Today is 1/12/2026, then the statement's days."""
    point = points["BD-TV-01"]
    point_update(user=tra_vinh_officer, point=point, bank_bin="970436", bank_account="0881000458086",
                 bank_account_name="BUU DIEN TP TRA VINH")
    point.refresh_from_db()
    members = [MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101"),
               MemberInput("Kim Thị Hoa", D("1972-08-09"), "F", "spouse", "084172000102"),
               MemberInput("Thạch Minh Tú", D("2001-01-20"), "M", "child", "084201000103")]
    household = household_register_with_members(user=tra_vinh_officer, commune=commune, members=members,
                                                code="HGD-1", on=D("2024-08-01"))
    services.household_enroll(user=tra_vinh_officer, household=household, members=list(household.members.all()),
                              months=12, payment=services.Payment("BL-1", D("2025-12-02"), point))
    lan = person_register(user=tra_vinh_officer, full_name="Trần Thị Lan", date_of_birth=D("1979-03-08"), sex="F",
                          commune=commune, citizen_id="084179000777", on=D("2025-06-01"))
    vsi = services.person_enroll_voluntary_si(user=tra_vinh_officer, person=lan, income=1_500_000,
                                              category="other", method="monthly", months=1,
                                              payment=services.Payment("BL-2", D("2026-11-05"), point))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-04"))
    return {"point": point, "household": household, "vsi": vsi}


def vietcombank_statement(path: Path, household_id: int, vsi_id: int, account: str = "0881000458086") -> Path:
    """A Vietcombank-style export: the bank's block, the account, a header, seven lines and the total."""
    workbook = Workbook()
    sheet = workbook.active
    for row in (["NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM"], ["SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT"],
                [f"Số tài khoản: {account}"], ["Tên tài khoản: BUU DIEN TP TRA VINH"],
                ["Từ ngày 01/12/2026 đến ngày 04/12/2026"], [], VCB_HEADER):
        sheet.append(row)
    lines = [
        [1, "02/12/2026 10:15:32", "5213 FT26336000001", "", "3.142.260", "",
         f"MBVCB.1234.THACH VAN SON chuyen tien CK ASH{household_id}T1226"],
        [2, "02/12/2026", "FT26336000002", "11.000", "", "", "Phi SMS Banking thang 11"],
        [3, "03/12/2026", "FT26337000003", "", "500.000", "", "CHUYEN TIEN AN TRUA"],
        [4, "03/12/2026", "FT26337000004", "", "3.000.000", "", f"ash{household_id}t1226 dong bhyt"],
        [5, "03/12/2026", "FT26337000005", "", 264000, "", f"TRAN THI LAN ASV{vsi_id}-T1226"],
        [6, "04/12/2026", "FT26338000006", "", "1.366.200", "", "ASH99999T1226"],
        ["", "", "", "11.000", "8.272.460", "", "Tổng cộng"],
    ]
    for line in lines:
        sheet.append(line)
    workbook.save(path)
    return path


def test_a_statement_records_the_transfers_that_pay_exactly_what_is_due(tmp_path, world, tra_vinh_officer):
    """Seven lines: Sơn's 3,142,260 (ASH…T1226: the household's 12 months on 2/12/2026) and Lan's 264,000 (ASV…:
    her December) are recorded; the SMS fee, a transfer without a code and the total are skipped; 3,000,000 more
    with the household's code (paid twice?) and a code naming no household are refused with the reason."""
    household, vsi = world["household"], world["vsi"]
    path = vietcombank_statement(tmp_path / "sao-ke-vcb.xlsx", household.pk, vsi.pk)

    run = import_statement(path, user=tra_vinh_officer, point=world["point"])

    assert (run.state, run.rows_read, run.rows_stored, run.rows_rejected) == ("done", 7, 2, 2)
    assert (run.summary["recorded"], run.summary["skipped"], run.summary["amount"]) == (2, 3, 3_406_260)
    receipt = Receipt.objects.get(number="CK-5213 FT26336000001")
    assert (receipt.receipt_date, receipt.amount_paid, receipt.payer_name) == (D("2026-12-02"), 3_142_260,
                                                                               "Thạch Văn Sơn")
    assert receipt.contributions.count() == 3
    cards = HICard.objects.filter(contribution__receipt=receipt)
    assert set(cards.values_list("valid_from", "valid_until")) == {(D("2027-01-01"), D("2027-12-31"))}
    vsi.refresh_from_db()
    assert vsi.end_date == D("2026-12-31")
    assert Receipt.objects.get(number="CK-FT26337000005").amount_paid == 264_000
    refused = dict(BankTransfer.objects.filter(status="refused").values_list("bank_reference", "reason"))
    assert refused == {
        "FT26337000004": f"Mã ASH{household.pk}T1226 đã được ghi nhận với giao dịch 5213 FT26336000001 ngày "
                         "2/12/2026: khoản này có thể chuyển trùng, cần cán bộ xem.",
        "FT26338000006": "Mã ASH99999T1226: không có hộ 99999 trong địa bàn của bạn."}
    from openpyxl import load_workbook

    errors = load_workbook(Path(settings.MEDIA_ROOT) / run.error_file).active
    rows = [[c.value for c in row] for row in errors.iter_rows()]
    assert [row[0] for row in rows[:5]] == [
        "NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM", "SAO KÊ TÀI KHOẢN / ACCOUNT STATEMENT", "Số tài khoản: 0881000458086",
        "Tên tài khoản: BUU DIEN TP TRA VINH", "Từ ngày 01/12/2026 đến ngày 04/12/2026"]
    assert rows[5] == [*VCB_HEADER, "Lý do lỗi"]
    reasons = [row[-1] for row in rows if row[-1] and str(row[-1]).startswith("Dòng")]
    assert reasons == [
        f"Dòng 11, cột “Nội dung”: Mã ASH{household.pk}T1226 đã được ghi nhận với giao dịch 5213 FT26336000001 ngày "
        "2/12/2026: khoản này có thể chuyển trùng, cần cán bộ xem.",
        "Dòng 13, cột “Nội dung”: Mã ASH99999T1226: không có hộ 99999 trong địa bàn của bạn."]

    again = import_statement(path, user=tra_vinh_officer, point=world["point"])

    assert (again.rows_stored, again.rows_rejected, again.summary["recorded"]) == (0, 2, 0)
    assert again.rows_unchanged == 5  # two recorded before, three not ansinh's
    assert Receipt.objects.filter(number__startswith="CK-").count() == 2
    assert BankTransfer.objects.count() == 4


def test_techcombanks_csv_with_bilingual_titles_is_read_the_same_way(tmp_path, world, tra_vinh_officer):
    household = world["household"]
    path = tmp_path / "techcombank.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ngày giao dịch/Transaction Date", "Số bút toán/Transaction No", "Diễn giải/Description",
                         "Nợ/Debit", "Có/Credit", "Số dư/Balance"])
        writer.writerow(["2026-12-02", "FT2633612345", f"ASH{household.pk}T1226 Thach Van Son", "",
                         "3,142,260.00", "9,000,000.00"])
    run = import_statement(path, user=tra_vinh_officer, point=world["point"])
    assert (run.rows_read, run.summary["recorded"], run.rows_rejected) == (1, 1, 0)
    assert Receipt.objects.get(number="CK-FT2633612345").amount_paid == 3_142_260


def test_a_statement_of_another_account_is_refused_whole(tmp_path, world, tra_vinh_officer):
    path = vietcombank_statement(tmp_path / "khac.xlsx", world["household"].pk, world["vsi"].pk,
                                 account="0071000999999")
    from ansinh.core.errors import DomainError
    from ansinh.core.models import ImportRun

    with pytest.raises(DomainError) as refused:
        import_statement(path, user=tra_vinh_officer, point=world["point"])
    assert refused.value.code == "transfer_account_mismatch"
    run = ImportRun.objects.get(kind="bank-statement")
    assert run.state == "failed"
    assert run.error == ("Sao kê của tài khoản 0071000999999, không phải tài khoản 0881000458086 của Bưu điện thành "
                         "phố Trà Vinh.")
    assert not BankTransfer.objects.exists()


def test_a_kon_tum_officer_cannot_read_a_tra_vinh_points_statement(tmp_path, world, kon_tum_officer):
    from ansinh.core.errors import NotFound

    path = vietcombank_statement(tmp_path / "s.xlsx", world["household"].pk, world["vsi"].pk)
    with pytest.raises(NotFound):
        import_statement(path, user=kon_tum_officer, point=world["point"])


@pytest.mark.parametrize(("description", "reference"), [
    pytest.param("CK ASH12T1226 THACH VAN SON", "ASH12T1226", id="as-written"),
    pytest.param("ash12t1226", "ASH12T1226", id="lower-case"),
    pytest.param("TRAN THI LAN ASV45-T1126 FT123", "ASV45T1126", id="a-dash-put-in"),
    pytest.param("MBVCB.99.ASH7T0127.CT tu 0123", "ASH7T0127", id="between-dots"),
    pytest.param("ASH12T1326", None, id="no-13th-month"),
    pytest.param("ASH 12 T 12 26 nop bhyt", "ASH12T1226", id="spaces-put-in"),
    pytest.param("CASH12T1226", None, id="the-end-of-a-word"),
    pytest.param("NOP CASH 1 T 1226 NGUYEN VAN A", None, id="cash-then-digits"),
    pytest.param("GAS H 2 T 0126", None, id="gas"),
    pytest.param("TRA GOP LAS V 10T0125", None, id="las-v"),
    pytest.param("ASH12T12261234", None, id="digits-run-on"),
    pytest.param("CHUYEN TIEN AN TRUA", None, id="none"),
])
def test_references_are_found_as_banks_pass_them_on(description, reference):
    found = find_reference(description)
    assert (found.text if found else None) == reference


def test_the_command_says_what_it_recorded(tmp_path, world, tra_vinh_officer):
    path = vietcombank_statement(tmp_path / "sao-ke.xlsx", world["household"].pk, world["vsi"].pk)
    out = io.StringIO()
    call_command("import_data", "bank-statement", str(path), "--point", "BD-TV-01", "--user", "tv_officer",
                 stdout=out)
    assert out.getvalue().splitlines()[0] == ("sao-ke.xlsx: 7 dòng — 2 khoản chuyển được ghi nhận (3.406.260 đ), 0 đã "
                                              "ghi trước đó, 3 không phải khoản nộp qua mã của ansinh, 2 cần xem lại.")


def test_the_page_takes_the_statement_the_worker_records_it_and_the_receipt_says_how_it_was_paid(
        client, tmp_path, world, tra_vinh_officer, media, django_capture_on_commit_callbacks):
    """The officer uploads the statement on /registry/bank/; the task records it (run at once under the tests'
    immediate queue); the list shows the two refused
    first; Lan's receipt says it came by transfer and carries the code of her January (264,000, ASV…T0127)."""
    from ansinh.rules.vietqr import read_vietqr

    vsi = world["vsi"]
    path = vietcombank_statement(tmp_path / "sao-ke.xlsx", world["household"].pk, vsi.pk)
    client.force_login(tra_vinh_officer)
    with open(path, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/registry/bank/", {"point": "BD-TV-01", "file": handle})
    assert answer.status_code == 302
    assert answer.url.startswith("/registry/import/")
    detail = client.get(answer.url).content.decode()
    assert "2 khoản chuyển được ghi nhận (3.406.260 đ); 3 dòng không phải khoản nộp" in detail

    listed = client.get("/registry/bank/").content.decode()
    rows = listed.split('data-testid="transfers"')[1].split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert ["Cần xem lại" in row for row in rows] == [True, True, False, False]
    receipt = Receipt.objects.get(number="CK-FT26337000005")
    page = client.get(f"/registry/receipts/{receipt.pk}/").content.decode()
    assert "Nộp qua chuyển khoản ngày 3/12/2026, số giao dịch FT26337000005" in page
    code = read_vietqr(page.split('data-testid="receipt-next-code" data-payload="')[1].split('"')[0])
    assert (code.account, code.amount, code.reference) == ("0881000458086", 264_000, f"ASV{vsi.pk}T0127")


@pytest.mark.parametrize(("cell", "amount"), [
    pytest.param("264.000", 264_000, id="thousands-with-a-dot"),
    pytest.param("3.142.260", 3_142_260, id="millions"),
    pytest.param("3,142,260.00", 3_142_260, id="english-with-cents"),
    pytest.param("264.000,00", 264_000, id="vietnamese-with-cents"),
    pytest.param("+1.366.200 VND", 1_366_200, id="signed-with-currency"),
    pytest.param(264000, 264_000, id="an-excel-number"),
    pytest.param("-50.000", -50_000, id="a-debit"),
    pytest.param("", 0, id="blank"),
])
def test_statement_amounts_are_read_as_banks_write_them(cell, amount):
    from ansinh.enrollment.bank import _money

    assert _money(cell, "credit") == amount


@pytest.mark.parametrize("cell", ["264.5", "3,142,260,00", "12abc"])
def test_an_amount_that_is_not_whole_dong_is_refused(cell):
    from ansinh.core.errors import DomainError
    from ansinh.enrollment.bank import _money

    with pytest.raises(DomainError):
        _money(cell, "credit")


def test_the_same_code_paid_twice_records_once_and_keeps_the_second_for_the_officer(tmp_path, world,
                                                                                    tra_vinh_officer):
    """The household's code is paid twice on 2/12/2026 (FT1, FT2, 3,142,260 each): the first renews for 12 months,
    the second is refused (paid twice?) and the cards stop at 31/12/2027; 300,000 for Lan's 264,000 is refused. Text
    amounts '3.142.260' are read whole, '02/12/26' is 2026, a 40-character bank number gets a receipt number that
    fits."""
    household = world["household"]
    path = tmp_path / "hai-lan.csv"
    long_number = "VCB-2026-12-02-000000000000000000000001"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ngày giao dịch", "Số tham chiếu", "Số tiền ghi có", "Nội dung"])
        writer.writerow(["02/12/26", long_number, "3.142.260", f"ASH{household.pk}T1226"])
        writer.writerow(["02/12/26", "FT2", "3.142.260", f"ASH{household.pk}T1226 lan 2"])
        writer.writerow(["02/12/26", "FT3", "300.000", f"TRAN THI LAN ASV{world['vsi'].pk}T1226"])
    run = import_statement(path, user=tra_vinh_officer, point=world["point"])
    assert (run.summary["recorded"], run.rows_rejected) == (1, 2)
    assert BankTransfer.objects.get(bank_reference="FT3").reason == (
        "Số tiền chuyển 300.000 đ khác số Trần Thị Lan đóng 1 tháng ngày 2/12/2026: 264.000 đ.")
    receipt = BankTransfer.objects.get(bank_reference=long_number).receipt
    assert receipt.number.startswith("CK-") and len(receipt.number) == 19
    assert receipt.receipt_date == D("2026-12-02")
    assert BankTransfer.objects.get(bank_reference="FT2").reason.startswith(
        f"Mã ASH{household.pk}T1226 đã được ghi nhận với giao dịch {long_number} ngày 2/12/2026")
    assert set(HICard.objects.filter(enrollment__household=household).values_list("valid_until", flat=True)) == {
        D("2026-12-31"), D("2027-12-31")}
