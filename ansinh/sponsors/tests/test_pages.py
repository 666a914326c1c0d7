"""The sponsors' pages as an officer of Quảng Ngãi uses them on 5/9/2025: register a sponsor, record a pledge of a
fixed 3,000,000 for the pupils of a school, find pupils by typing their name without accents, give them cards, record
the money, pay the fifth card (the family pays 159,000), then the statement and the letter of thanks.

By hand (see test_services): 4 × 631,800 + 472,800 = 3,000,000; the fifth pupil's card costs 1,263,600, the state
pays 631,800, the sponsor 472,800, the family 159,000.
"""

import datetime as dt
import html
import io
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.core.testing.pdf import pdf_pages, pdf_text
from ansinh.enrollment.models import Receipt
from ansinh.registry.testing import make_household, make_person
from ansinh.sponsors.models import Pledge, Sponsor, SponsoredCard
from ansinh.sponsors.tests.conftest import SCHOOL

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def test_an_officer_registers_a_sponsor_and_a_pledge_on_the_pages(signed_in, today):
    response = signed_in.post(reverse("sponsors:sponsor-list"), {
        "kind": "business", "name": "Công ty TNHH Cà phê Đăk Glei", "unit": "Tỉnh Quảng Ngãi (51)",
        "tax_code": "6100123456", "contact_name": "Trần Văn Nam", "phone": "0905111222"})
    sponsor = Sponsor.objects.get(tax_code="6100123456")
    assert response.status_code == 302
    assert response["Location"] == reverse("sponsors:sponsor-detail", args=[sponsor.pk])
    response = signed_in.post(reverse("sponsors:sponsor-detail", args=[sponsor.pk]), {
        "unit": "Xã Đăk Pék (23341)", "beneficiaries": "school", "school": SCHOOL, "pledged_on": "01/09/2025",
        "amount": "3.000.000", "share": "rest", "months": "12", "period_start": "01/09/2025",
        "period_end": "31/08/2026"})
    pledge = Pledge.objects.get(sponsor=sponsor)
    assert response.status_code == 302
    assert (pledge.amount, pledge.unit.code, pledge.school) == (3_000_000, "23341", SCHOOL)
    body = signed_in.get(reverse("sponsors:sponsor-list") + "?q=ca phe").content.decode()
    assert "Công ty TNHH Cà phê Đăk Glei" in body
    assert "******1222" in body and "0905111222" not in body  # the phone masked on the list


@pytest.mark.parametrize(("field", "value", "message"), [
    pytest.param("tax_code", "61001234", "Mã số thuế '61001234' không đúng", id="tax_code"),
    pytest.param("name", "", "This field is required", id="name_missing"),
])
def test_a_wrong_sponsor_is_refused_on_the_page_with_the_reason(signed_in, today, field, value, message):
    data = {"kind": "business", "name": "Công ty A", "unit": "Tỉnh Quảng Ngãi (51)", field: value}
    response = signed_in.post(reverse("sponsors:sponsor-list"), data)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert message in body or "Trường này là bắt buộc" in body
    assert not Sponsor.objects.exists()


def test_a_pledge_with_a_bad_amount_names_the_field(signed_in, sponsor, today):
    response = signed_in.post(reverse("sponsors:sponsor-detail", args=[sponsor.pk]), {
        "unit": "Xã Đăk Pék (23341)", "beneficiaries": "school", "school": SCHOOL, "pledged_on": "01/09/2025",
        "amount": "3,5 triệu", "share": "rest", "months": "12", "period_start": "01/09/2025",
        "period_end": "31/08/2026"})
    assert response.status_code == 200
    assert "Số tiền không hợp lệ: ghi số đồng, ví dụ 3.000.000." in response.content.decode()
    assert not Pledge.objects.exists()


@pytest.fixture
def pledge(officer, sponsor, unit):
    from ansinh.sponsors.services import pledge_create

    return pledge_create(user=officer, sponsor=sponsor, unit=unit("23341", "2025"), pledged_on=D("2025-09-01"),
                         beneficiaries="school", school=SCHOOL, amount=3_000_000, period_start=D("2025-09-01"),
                         period_end=D("2026-08-31"))


def test_giving_cards_paying_the_fifth_and_the_statement(signed_in, pledge, pupils, counter, today, tmp_path):
    page = signed_in.get(reverse("sponsors:pledge-detail", args=[pledge.pk]) + "?q=y").content.decode()
    assert page.count('name="person"') == 5  # the five girls' names start with "Y"
    people = [p.pk for p in pupils[:5]]
    response = signed_in.post(reverse("sponsors:pledge-give", args=[pledge.pk]), {"person": [str(i) for i in people]})
    assert response.status_code == 302
    cards = list(SponsoredCard.objects.filter(pledge=pledge).order_by("id"))
    assert [c.amount for c in cards] == [631_800] * 4 + [472_800]
    signed_in.post(reverse("sponsors:pledge-receive", args=[pledge.pk]),
                   {"received_on": "05/09/2025", "amount": "3.000.000", "reference": "UNC 0915"})
    point, staff = counter
    preview = signed_in.post(reverse("sponsors:card-pay", args=[cards[4].pk]), {
        "paid_on": "05/09/2025", "receipt_number": "DP-0005", "collection_point": point.pk, "action": "preview"})
    text = flat(preview.content.decode())
    assert 'data-testid="family-pays">159.000<' in text
    assert f"nhà tài trợ Huyện Đoàn Đăk Glei (cũ) (cam kết {pledge.code}) đóng 472.800 đ cho 12 tháng" in text
    response = signed_in.post(reverse("sponsors:card-pay", args=[cards[4].pk]), {
        "paid_on": "05/09/2025", "receipt_number": "DP-0005", "collection_point": point.pk, "collector": staff.pk,
        "action": "save"})
    receipt = Receipt.objects.get(number="DP-0005")
    assert response["Location"] == reverse("enrollment:receipt-detail", args=[receipt.pk])
    assert receipt.amount_paid == 159_000
    receipt_page = flat(signed_in.get(response["Location"]).content.decode())
    assert "472.800" in receipt_page and "Huyện Đoàn Đăk Glei (cũ)" in receipt_page
    history = signed_in.get(reverse("enrollment:person-detail", args=[pupils[4].pk])).content.decode()
    assert 'data-testid="sponsor-share">nhà tài trợ 472.800<' in history

    pdf = signed_in.get(reverse("sponsors:pledge-statement", args=[pledge.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf_pages(pdf.content) == 1
    text = flat(pdf_text(pdf.content))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc",
                     "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI", "Quảng Ngãi, ngày 5 tháng 9 năm 2025",
                     "SAO KÊ SỬ DỤNG TIỀN TÀI TRỢ THẺ BHYT",
                     "UNC 0915 3.000.000", "Y H. 2012", "1.263.600 631.800 472.800 159.000", "Cộng: 1 thẻ 472.800",
                     "Tiền đã nhận chưa chi 2.527.200 đồng", "Đã dành cho 4 thẻ chờ đóng 2.527.200 đồng",
                     "Tiền cam kết chưa phân bổ 0 đồng", "GIÁM ĐỐC"):
        assert expected in text, expected
    assert "Y Hơn" not in text  # the beneficiary's name is masked for the sponsor
    thanks = flat(pdf_text(signed_in.get(reverse("sponsors:pledge-thanks", args=[pledge.pk])).content))
    assert "Kính gửi: Huyện Đoàn Đăk Glei (cũ)" in thanks
    assert "1 thẻ BHYT đã được đóng với số tiền tài trợ 472.800 đồng; 4 thẻ đang chờ đóng" in thanks
    assert f"cho học sinh, sinh viên {SCHOOL} trên địa bàn Xã Đăk Pék" in thanks

    book = load_workbook(io.BytesIO(signed_in.get(reverse("sponsors:pledge-list") + "?format=xlsx").content))
    ws = book.active
    row = [c.value for c in ws[5]]
    assert row[3].date() == D("2025-09-01")
    assert row[1:3] + row[4:] == ["Huyện Đoàn Đăk Glei (cũ)", pledge.code,
                                            f"Học sinh, sinh viên của một trường — {SCHOOL}", 3_000_000, None,
                                            3_000_000, 472_800, 1, 2_527_200, 0]
    assert (ws.print_title_rows, ws.freeze_panes, ws.page_setup.orientation) == ("$4:$4", "C5", "landscape")


def test_a_collector_sees_the_pledge_and_pays_but_does_not_give_cards(client, pledge, pupils, dak_pek, today):
    from ansinh.core.testing.users import make_user

    collector = make_user("dp_collector", role="collector", scope_unit=dak_pek)
    client.force_login(collector)
    page = client.get(reverse("sponsors:pledge-detail", args=[pledge.pk]) + "?q=y").content.decode()
    assert 'data-testid="give"' not in page and 'data-testid="receive"' not in page
    response = client.post(reverse("sponsors:pledge-give", args=[pledge.pk]), {"person": [str(pupils[0].pk)]})
    assert response.status_code == 403
    assert "Vai trò của bạn không được quản lý nhà tài trợ và cam kết tài trợ." in response.content.decode()
    assert not SponsoredCard.objects.exists()


def test_a_schools_list_gives_cards_and_puts_what_it_cannot_in_the_error_file(signed_in, pledge, pupils, dak_pek,
                                                                             officer, today, tmp_path,
                                                                             django_capture_on_commit_callbacks):
    """Rows: 1 Y Thu by ID; 2 A Nhong by name without accents and birth date; 3 a pupil not in the registry; 4 Y Thu
    again; 5 a Xơ Đăng pupil registered without a student status (the school's list records it); 6 a bad ID."""
    import csv

    from django.core.files.uploadedfile import SimpleUploadedFile

    from ansinh.core.importing import open_rows
    from ansinh.core.models import ImportRun
    from ansinh.registry.models import PersonStatus

    newcomer = make_person(officer, dak_pek, full_name="A Đen", born="2012-06-06", citizen_id="062212000777",
                           household=make_household(officer, dak_pek, code="H23341-0777"), ethnicity="Xơ Đăng")
    rows = [["DANH SÁCH HỌC SINH NĂM HỌC 2025-2026"], [],
            ["STT", "Họ và tên", "Ngày sinh", "Số định danh", "Lớp"],
            ["1", "Y Thu", pupils[0].date_of_birth.strftime("%d/%m/%Y"), pupils[0].citizen_id, "6A"],
            ["2", "a nhong", pupils[1].date_of_birth.strftime("%d/%m/%Y"), "", "6A"],
            ["3", "Y Bơ", "01/01/2012", "", "6B"],
            ["4", "Y Thu", pupils[0].date_of_birth.strftime("%d/%m/%Y"), pupils[0].citizen_id, "6A"],
            ["5", "A Đen", "06/06/2012", "062212000777", "7A"],
            ["6", "A Khoa", "01/01/2012", "0622", "7A"]]
    path = tmp_path / "ds.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)

    def upload():
        with django_capture_on_commit_callbacks(execute=True):  # the worker's task runs when the upload commits
            return signed_in.post(reverse("sponsors:pledge-import", args=[pledge.pk]),
                                  {"file": SimpleUploadedFile("ds.csv", path.read_bytes(), content_type="text/csv")})

    response = upload()
    run = ImportRun.objects.get(kind="beneficiaries")
    assert response["Location"] == reverse("sponsors:import-detail", args=[run.pk])
    page = flat(html.unescape(signed_in.get(response["Location"]).content.decode()))
    assert ('data-testid="rows-stored">3<' in page
            and "Ghi đối tượng học sinh theo danh sách: 4 lượt" in page)  # A Đen 2025, 2026; Y Thu, A Nhong 2026
    assert "/uploads/" in run.params["file"] and not Path(run.params["file"]).exists()  # gone once read
    assert (run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected) == (6, 3, 0, 3)
    cards = SponsoredCard.objects.filter(pledge=pledge).order_by("id")
    assert [(c.person.full_name, c.amount) for c in cards] == [("Y Thu", 631_800), ("A Nhong", 631_800),
                                                               ("A Đen", 631_800)]
    assert PersonStatus.objects.get(person=newcomer, year=2025, kind="student").evidence == (
        f"Danh sách {SCHOOL} gửi kèm cam kết tài trợ {pledge.code}")
    errors = signed_in.get(reverse("enrollment:import-errors", args=[run.pk]))
    (tmp_path / "e.csv").write_bytes(b"".join(errors.streaming_content))
    source = open_rows(tmp_path / "e.csv")
    lines = [list(r) for r in source.rows]
    source.close()
    assert lines[0][0] == "DANH SÁCH HỌC SINH NĂM HỌC 2025-2026"
    assert lines[1] == ["STT", "Họ và tên", "Ngày sinh", "Số định danh", "Lớp", "Lý do lỗi"]
    reasons = [r[-1] for r in lines[2:]]
    assert [r[1] for r in lines[2:]] == ["Y Bơ", "Y Thu", "A Khoa"]
    assert reasons[0].startswith("Dòng 6, cột “Họ và tên”: Không tìm thấy Y Bơ (01/01/2012)")
    assert reasons[1] == "Dòng 7, cột “Họ và tên”: Người này đã có ở dòng 4 của tệp."
    assert reasons[2] == "Dòng 9, cột “Số định danh”: '0622' phải gồm 12 chữ số."

    upload()  # the same list again changes nothing
    again = ImportRun.objects.filter(kind="beneficiaries").latest("id")
    assert (again.rows_stored, again.rows_unchanged, again.rows_rejected) == (0, 3, 3)
    assert SponsoredCard.objects.filter(pledge=pledge).count() == 3
