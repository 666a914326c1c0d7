"""The field pages through Django's test client: search, register, pay, receipt, renew, end, worklist, import."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from ansinh.core.testing.pdf import pdf_text
from ansinh.core.testing.users import make_user
from ansinh.enrollment import services
from ansinh.enrollment.models import Enrollment, Receipt
from ansinh.enrollment.tests.conftest import SAMPLES
from ansinh.registry.models import Household, Person
from ansinh.registry.services import MemberInput
from ansinh.registry.testing import make_person, make_status

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def officer_client(client, tra_vinh_officer):
    client.force_login(tra_vinh_officer)
    return client


@pytest.fixture
def household(tra_vinh_officer, commune, points):
    members = [MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101", phone="0912000101"),
               MemberInput("Kim Thị Hoa", D("1972-08-09"), "F", "spouse", "084172000102"),
               MemberInput("Thạch Minh Tú", D("2001-01-20"), "M", "child", "084201000103")]
    from ansinh.registry.services import household_register_with_members

    return household_register_with_members(user=tra_vinh_officer, commune=commune, members=members, code="HGD-1",
                                           on=D("2024-08-01"))


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(("query", "found"), [
    pytest.param("thach van", ["Thạch Văn Sơn"], id="name-without-accents"),
    pytest.param("hoa", ["Kim Thị Hoa"], id="a-word-of-the-name"),
    pytest.param("084172000102", ["Kim Thị Hoa"], id="citizen-id"),
    pytest.param("0912 000 101", ["Thạch Văn Sơn"], id="phone-with-spaces"),
    pytest.param("nobody", [], id="nothing"),
])
def test_search_finds_people_and_masks_their_ids(officer_client, household, query, found):
    response = officer_client.get(reverse("registry:search"), {"q": query})
    people = response.context["people"]
    assert [p.full_name for p in people] == found
    body = response.content.decode()
    table = body[body.find('data-testid="people-results"'):]
    table = table[:table.find("</table>")]
    assert "084172000102" not in table and "0912000101" not in table  # masked in lists
    if found:
        assert "********" in table


@pytest.mark.parametrize("typed", [
    pytest.param("long duc", id="name-without-accents"),
    pytest.param("Phường Long Đức — Tỉnh Vĩnh Long (29263)", id="the-pickers-label"),
    pytest.param("29263", id="the-code"),
])
def test_register_a_household_with_its_members(officer_client, today_commune, points, typed):
    commune = today_commune
    data = {"commune": typed, "address": "Khóm 2", "code": "",
            "m-TOTAL_FORMS": "3", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "1", "m-MAX_NUM_FORMS": "20",
            "m-0-full_name": "Thạch Văn Sơn", "m-0-date_of_birth": "01/05/1970", "m-0-sex": "M",
            "m-0-citizen_id": "084070000101", "m-0-relation": "head", "m-0-ethnicity": "Khmer",
            "m-1-full_name": "Kim Thị Hoa", "m-1-date_of_birth": "1972-08-09", "m-1-sex": "F",
            "m-1-citizen_id": "084172000102", "m-1-relation": "spouse", "m-1-ethnicity": "Khmer",
            "m-2-full_name": "", "m-2-date_of_birth": "", "m-2-sex": "M", "m-2-ethnicity": "Kinh"}
    response = officer_client.post(reverse("registry:household-new"), data)
    assert response.status_code == 302, (response.context["form"].errors, response.context["formset"].errors)
    household = Household.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("enrollment:household-detail",
                                                                           args=[household.pk])
    assert household.code == f"H{commune.code}-0001" and household.commune == commune
    assert household.head.full_name == "Thạch Văn Sơn"
    page = officer_client.get(response["Location"])
    assert [(e.action, e.lines) for e in page.context["changes"]] == [
        ("update", ["Chủ hộ: — → Thạch Văn Sơn"]),
        ("create", [f"Mã hộ: H{commune.code}-0001", "Địa chỉ: Khóm 2"])]
    assert [p.ethnicity for p in household.members.order_by("id")] == ["Khmer", "Khmer"]


def test_a_known_citizen_id_is_refused_naming_the_member(officer_client, today_commune, household):
    data = {"commune": today_commune.code, "address": "", "code": "",
            "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "0", "m-MIN_NUM_FORMS": "1", "m-MAX_NUM_FORMS": "20",
            "m-0-full_name": "Thạch Văn Sơn", "m-0-date_of_birth": "01/05/1970", "m-0-sex": "M",
            "m-0-citizen_id": "084070000101", "m-0-relation": "head", "m-0-ethnicity": "Kinh"}
    response = officer_client.post(reverse("registry:household-new"), data, follow=True)
    assert "Thành viên 1 (Thạch Văn Sơn): Số định danh 084070000101 đã được đăng ký cho người khác." in \
        text_of(response)
    assert Household.objects.count() == 1


@pytest.mark.parametrize(("paid_on", "total", "shown"), [
    pytest.param("2024-09-01", 2_906_280, "2.906.280", id="base-2340000"),
    pytest.param("2026-07-01", 3_142_260, "3.142.260", id="base-2530000"),
])
def test_see_the_amount_explained_then_record_it(officer_client, household, points, paid_on, total, shown):
    url = reverse("enrollment:household-detail", args=[household.pk])
    members = [str(p.pk) for p in household.members.order_by("id")]
    form = {"members": members, "months": "12", "paid_on": paid_on, "receipt_number": "BL-0001",
            "collection_point": str(points["BD-TV-01"].pk), "collector": str(points["NV-TV-001"].pk)}
    preview = officer_client.post(url, {**form, "action": "preview"})
    assert preview.status_code == 200
    assert preview.context["preview"]["quote"].total == total
    text = text_of(preview)
    assert f"Số tiền phải nộp: {shown} đồng" in text
    assert "Thành viên thứ 2 (Kim Thị Hoa): 4,5% ×" in text  # each line with its reason…
    assert "Căn cứ: " in text and "Điều" in text  # …and its legal reference
    assert not Receipt.objects.exists()
    saved = officer_client.post(url, {**form, "action": "save"})
    receipt = Receipt.objects.get()
    assert saved.status_code == 302 and saved["Location"] == reverse("enrollment:receipt-detail", args=[receipt.pk])
    assert receipt.amount_paid == total
    page = officer_client.get(saved["Location"])
    assert f"Tổng số tiền {shown}" in text_of(page)
    pdf = officer_client.get(reverse("enrollment:receipt-pdf", args=[receipt.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert shown in pdf_text(pdf.content)


def test_saving_needs_a_receipt_number(officer_client, household, points):
    url = reverse("enrollment:household-detail", args=[household.pk])
    response = officer_client.post(url, {"members": [str(household.head_id)], "months": "12", "paid_on": "2024-09-01",
                                         "receipt_number": "", "collection_point": "", "action": "save"})
    assert response.context["form"].errors == {"receipt_number": ["Cần số biên lai để ghi nhận thu tiền."],
                                               "collection_point": ["Cần chọn điểm thu."]}


def test_voluntary_si_with_a_low_income_is_refused_with_the_rules_reason(officer_client, tra_vinh_officer, household,
                                                                        points):
    person = household.head
    url = reverse("enrollment:person-vsi", args=[person.pk])
    form = {"income": "1000000", "category": "other", "method": "monthly", "paid_on": "2026-03-10",
            "receipt_number": "BL-V1", "collection_point": str(points["BD-TV-01"].pk), "action": "save"}
    response = officer_client.post(url, form)
    assert response.context["form"].errors["income"] == [
        "Mức thu nhập 1.000.000 đ thấp hơn mức tối thiểu 1.500.000 đ (chuẩn hộ nghèo khu vực nông thôn) áp dụng "
        "ngày 10/3/2026."]
    unproven = officer_client.post(url, {**form, "income": "1500000", "category": "near_poor"})
    assert unproven.context["form"].errors["category"] == [
        "Thạch Văn Sơn chưa có quyết định hoặc danh sách công nhận 'thuộc hộ cận nghèo' năm 2026: hãy ghi đối "
        "tượng (kèm số quyết định) trên trang người tham gia trước khi thu tiền."]
    make_status(tra_vinh_officer, person)
    response = officer_client.post(url, {**form, "income": "1500000", "category": "near_poor"})
    enrollment = Enrollment.objects.get(person=person)
    assert response["Location"] == reverse("enrollment:receipt-detail",
                                           args=[enrollment.contributions.get().receipt_id])
    assert enrollment.contributions.get().amount_paid == 198_000


def test_person_page_shows_history_and_change_log(officer_client, tra_vinh_officer, household, points):
    person = household.head
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="monthly", months=1,
        payment=services.Payment("BL-V1", D("2026-02-10"), points["BD-TV-01"], points["NV-TV-001"]))
    services.contribution_record(user=tra_vinh_officer, enrollment=enrollment, months=1,
                                 payment=services.Payment("BL-V2", D("2026-03-05"), points["BD-TV-01"]))
    response = officer_client.get(reverse("enrollment:person-detail", args=[person.pk]))
    text = text_of(response)
    assert "084070000101" in text  # the full ID on the person's own page
    assert [c.receipt.number for c in response.context["contributions"]] == ["BL-V2", "BL-V1"]
    log = response.context["changes"]
    assert [(e.action, e.object_type) for e in log][:2] == [("update", "enrollment.enrollment"),
                                                           ("create", "enrollment.contribution")]
    assert "Đến ngày: 28/2/2026 → 31/3/2026" in text
    assert "Biên lai: BL-V2; Số tiền: 264.000 đ; Số tháng: 1" in text


def test_renew_and_end_an_enrollment(officer_client, tra_vinh_officer, household, points):
    person = household.head
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="monthly", months=1,
        payment=services.Payment("BL-V1", D("2026-02-10"), points["BD-TV-01"]))
    renew = officer_client.post(reverse("enrollment:enrollment-renew", args=[enrollment.pk]), {
        "months": "1", "paid_on": "2026-03-05", "receipt_number": "BL-V2",
        "collection_point": str(points["BD-TV-01"].pk), "action": "save"})
    assert renew.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.end_date == D("2026-03-31")
    end = officer_client.post(reverse("enrollment:enrollment-end", args=[enrollment.pk]),
                              {"on": "2026-03-20", "reason": "compulsory"})
    assert end["Location"] == reverse("enrollment:person-detail", args=[person.pk])
    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.end_date, enrollment.end_reason) == ("ended", D("2026-03-20"), "compulsory")


def test_a_payment_dated_after_today_is_refused_on_the_page(officer_client, tra_vinh_officer, household, points,
                                                           monkeypatch):
    import django.utils.timezone

    monkeypatch.setattr(django.utils.timezone, "localdate", lambda *a, **k: D("2026-03-04"))
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=household.head, income=1_500_000, category="other", method="monthly",
        months=1, payment=services.Payment("BL-V1", D("2026-02-10"), points["BD-TV-01"]))
    response = officer_client.post(reverse("enrollment:enrollment-renew", args=[enrollment.pk]), {
        "months": "1", "paid_on": "05/03/2026", "receipt_number": "BL-V2",
        "collection_point": str(points["BD-TV-01"].pk), "action": "save"})
    assert response.status_code == 200
    assert "Ngày đóng tiền không được sau hôm nay." in response.content.decode()
    assert enrollment.contributions.count() == 1


def test_household_renewal_on_one_receipt(officer_client, tra_vinh_officer, household, points):
    members = list(household.members.order_by("id"))
    services.household_enroll(user=tra_vinh_officer, household=household, members=members, months=6,
                              payment=services.Payment("BL-H1", D("2024-09-01"), points["BD-TV-01"]))
    response = officer_client.post(reverse("enrollment:household-renew", args=[household.pk]), {
        "months": "12", "paid_on": "2025-03-20", "receipt_number": "BL-H2",
        "collection_point": str(points["BD-TV-01"].pk), "action": "save"})
    receipt = Receipt.objects.get(number="BL-H2")
    assert response["Location"] == reverse("enrollment:receipt-detail", args=[receipt.pk])
    assert receipt.amount_paid == 2_906_280
    assert [c.card.valid_from for c in receipt.contributions.order_by("id")] == [D("2025-04-01")] * 3


def test_worklist_shows_cards_ending_within_30_days(officer_client, tra_vinh_officer, household, points):
    from django.utils import timezone

    today = timezone.localdate()
    paid = today - dt.timedelta(days=365 + 15)  # first card: valid 30 days after payment, for 12 months
    services.household_enroll(user=tra_vinh_officer, household=household, members=[household.head], months=12,
                              payment=services.Payment("BL-H1", paid, points["BD-TV-01"]))
    response = officer_client.get(reverse("enrollment:worklist"))
    assert [c.enrollment.person.full_name for c in response.context["cards"]] == ["Thạch Văn Sơn"]
    csv_text = officer_client.get(reverse("enrollment:worklist"), {"format": "csv"}).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].startswith("BHYT hộ gia đình,Thạch Văn Sơn,********0101,******0101,HGD-1,")


def test_worklist_on_any_day_cards_ending_soon_then_lapsed_until_continuity_is_lost(
        officer_client, tra_vinh_officer, household, points, monkeypatch):
    """A card of 1/10/2025–30/9/2026 (paid 1/9/2025, first enrolment: 30 days' wait): on 15/9/2026 it ends in
    15 days (listed at 30 days ahead, not at 7); on 1/12/2026 it has lapsed and can be renewed without breaking
    continuity until 31/12/2026 (30 days left); on 1/1/2027 that chance is gone and it leaves the list."""
    from django.utils import timezone

    services.household_enroll(user=tra_vinh_officer, household=household, members=[household.head], months=12,
                              payment=services.Payment("BL-W1", D("2025-09-01"), points["BD-TV-01"]))
    url = reverse("enrollment:worklist")

    def on(day: str, **query):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(day))
        return officer_client.get(url, query)

    def names(response, key):
        return [c.enrollment.person.full_name for c in response.context[key]]

    assert (names(on("2026-09-15", days=7), "cards"), names(on("2026-09-15"), "cards")) == ([], ["Thạch Văn Sơn"])
    assert on("2026-09-15", days="abc").context["days"] == 30 and on("2026-09-15", days=9999).context["days"] == 366
    december = on("2026-12-01")
    assert (names(december, "cards"), names(december, "lapsed")) == ([], ["Thạch Văn Sơn"])
    card = december.context["lapsed"][0]
    assert (card.valid_until, card.renew_by, card.days_left) == (D("2026-09-30"), D("2026-12-31"), 30)
    assert "Gia hạn trước" in text_of(december) and "31/12/2026" in text_of(december)
    lost = december.content.decode().split('data-testid="lost-if-late">')[1].split("</small>")[0]
    assert lost == "Quá hạn thì thẻ mới chờ 30 ngày và mất mốc 5 năm liên tục 1/10/2030."  # card from 1/10/2025
    csv_text = on("2026-12-01", format="csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[1] == ("BHYT hộ gia đình (đã hết hạn),Thạch Văn Sơn,********0101,******0101,HGD-1,"
                                        "30/09/2026,31/12/2026,Bưu điện thành phố Trà Vinh")
    assert names(on("2026-12-31"), "lapsed") == ["Thạch Văn Sơn"] and names(on("2027-01-01"), "lapsed") == []
    on("2026-12-01")
    api = officer_client.get("/api/v1/worklist/lapsed-cards/").json()
    assert [(c["person_name"], c["valid_until"], c["renew_by"], c["phone"], c["household_due"],
             c["payment_reference"]) for c in api["results"]] == [
        ("Thạch Văn Sơn", "2026-09-30", "2026-12-31", "******0101", 1_366_200, f"ASH{household.pk}T1226")]


def test_the_worklist_says_what_the_household_pays_now(officer_client, tra_vinh_officer, household, points,
                                                      monkeypatch):
    """Three cards of one household end on 31/12/2026. On 1/12/2026, 12 months at the base salary of 2,530,000
    (HI 4.5 % = 113,850 a month): 1,366,200 + 70 % 956,340 + 60 % 819,720 = 3,142,260 for the household. With
    Kim Thị Hoa near-poor in 2026 (unranked, the state pays 70 %: 34,155 a month), 1,366,200 + 409,860 +
    956,340 = 2,732,400."""
    from django.utils import timezone

    from ansinh.registry.services import person_status_set

    members = list(household.members.order_by("id"))
    services.household_enroll(user=tra_vinh_officer, household=household, members=members, months=12,
                              payment=services.Payment("BL-W3", D("2025-12-02"), points["BD-TV-01"]))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-01"))
    page = officer_client.get(reverse("enrollment:worklist"))
    assert [(c.valid_until, c.household_due) for c in page.context["cards"]] == [(D("2026-12-31"), 3_142_260)] * 3
    assert "3.142.260 đ" in text_of(page)
    person_status_set(user=tra_vinh_officer, person=members[1], year=2026, kind="near_poor",
                      evidence="QĐ 12/QĐ-UBND ngày 5/1/2026")
    page = officer_client.get(reverse("enrollment:worklist"))
    assert {c.household_due for c in page.context["cards"]} == {2_732_400}


def test_the_worklist_of_one_collector_or_one_point(officer_client, tra_vinh_officer, household, points,
                                                   monkeypatch):
    """Sơn paid Thu of Trà Vinh's post office, Hoa paid at Càng Long's without a collector named. Thu's own list
    (her account linked to her staff record) has Sơn; Càng Long's point has Hoa; a code not in the area says so
    and lists nothing."""
    from django.utils import timezone

    head, wife = household.members.order_by("id")[:2]
    services.household_enroll(user=tra_vinh_officer, household=household, members=[head], months=12,
                              payment=services.Payment("BL-W4", D("2025-12-02"), points["BD-TV-01"],
                                                       points["NV-TV-001"]))
    services.household_enroll(user=tra_vinh_officer, household=household, members=[wife], months=12,
                              payment=services.Payment("BL-W5", D("2025-12-02"), points["BD-CL-01"]))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-01"))
    url = reverse("enrollment:worklist")

    def names(**query):
        response = officer_client.get(url, query)
        return [c.enrollment.person.full_name for c in response.context["cards"]], text_of(response)

    assert names()[0] == ["Thạch Văn Sơn", "Kim Thị Hoa"]  # same day, same household: in the order paid
    assert names(collector="NV-TV-001")[0] == ["Thạch Văn Sơn"]
    assert names(point="BD-CL-01")[0] == ["Kim Thị Hoa"]
    assert names(collector="NV-TV-001", point="BD-CL-01")[0] == []
    nobody, text = names(collector="NV-KT-999")
    assert nobody == [] and "Không có cán bộ thu mã NV-KT-999 trong địa bàn của bạn." in text
    assert names(mine="1")[0] == [] and "chưa gắn với hồ sơ cán bộ thu" in names(mine="1")[1]
    points["NV-TV-001"].user = tra_vinh_officer
    points["NV-TV-001"].save(update_fields=["user"])
    assert names(mine="1")[0] == ["Thạch Văn Sơn"]
    csv_text = officer_client.get(url, {"mine": "1", "format": "csv"}).content.decode("utf-8-sig")
    assert [line.split(",")[1] for line in csv_text.splitlines()[1:]] == ["Thạch Văn Sơn"]


def test_a_promise_to_pay_hides_the_entry_until_its_day_and_a_move_takes_it_off(
        officer_client, tra_vinh_officer, household, points, monkeypatch):
    """On 1/12/2026 the collector calls about the card that lapsed on 30/9/2026: promised for 15/12 — the entry is
    off the list until 14/12 and back on 15/12 with the promise shown; a refusal needs its reason; a contact
    cannot be dated tomorrow; "moved away" takes it off for good. Each contact is in the change log."""
    from django.utils import timezone

    from ansinh.core.models import ChangeLog
    from ansinh.enrollment.models import Contact

    services.household_enroll(user=tra_vinh_officer, household=household, members=[household.head], months=12,
                              payment=services.Payment("BL-W2", D("2025-09-01"), points["BD-TV-01"]))
    enrollment = household.head.enrollments.get()
    worklist, contact = reverse("enrollment:worklist"), reverse("enrollment:enrollment-contact", args=[enrollment.pk])

    def on(day: str):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(day))

    def lapsed(day: str) -> list[str]:
        on(day)
        return [c.enrollment.person.full_name for c in officer_client.get(worklist).context["lapsed"]]

    on("2026-12-01")
    worklist_html = officer_client.get(worklist).content.decode()
    assert "0912000101" not in worklist_html and "******0101" in worklist_html  # a list masks the phone
    call = officer_client.get(contact).content.decode().split('data-testid="call"')[1].split("</p>")[0]
    assert '<a href="tel:0912000101">0912000101</a> (Thạch Văn Sơn)' in call  # the page to call from shows it

    on("2026-12-01")
    form = officer_client.get(contact)
    assert form.context["form"]["day"].value() == D("2026-12-01")
    saved = officer_client.post(contact, {"day": "01/12/2026", "outcome": "promised", "promised_on": "15/12/2026",
                                          "note": "Hẹn nhận lương"}, follow=True)
    assert saved.redirect_chain[-1][0] == worklist
    assert "Đã ghi: Thạch Văn Sơn — Hẹn ngày đóng 15/12/2026." in text_of(saved)
    assert (lapsed("2026-12-01"), lapsed("2026-12-14"), lapsed("2026-12-15")) == ([], [], ["Thạch Văn Sơn"])
    assert "1/12/2026: Hẹn ngày đóng 15/12/2026" in text_of(officer_client.get(worklist))

    refused = officer_client.post(contact, {"day": "15/12/2026", "outcome": "refused"})
    assert "Từ chối: ghi lý do." in text_of(refused)
    tomorrow = officer_client.post(contact, {"day": "16/12/2026", "outcome": "called"})
    assert "Ngày liên hệ 16/12/2026 không hợp lệ" in text_of(tomorrow)
    assert Contact.objects.count() == 1
    officer_client.post(contact, {"day": "15/12/2026", "outcome": "moved", "note": "Chuyển vào Bình Dương"})
    assert lapsed("2026-12-15") == [] and lapsed("2026-12-20") == []
    history = officer_client.get(contact)
    assert [(c.day, c.outcome) for c in history.context["contacts"]] == [
        (D("2026-12-15"), "moved"), (D("2026-12-01"), "promised")]
    assert ChangeLog.objects.filter(object_type="enrollment.contact", action="create").count() == 2

    api = f"/api/v1/enrollments/{enrollment.pk}/contacts/"
    assert [c["outcome"] for c in officer_client.get(api).json()] == ["moved", "promised"]
    refused = officer_client.post(api, {"day": "2026-12-15", "outcome": "refused"}, content_type="application/json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "refusal_needs_reason")
    done = officer_client.post(api, {"day": "2026-12-15", "outcome": "refused", "reason": "Không đủ tiền"},
                               content_type="application/json")
    assert (done.status_code, done.json()["reason"], done.json()["enrollment"]) == (201, "Không đủ tiền",
                                                                                   enrollment.pk)


def test_a_promise_past_the_continuity_deadline_brings_the_entry_back_in_time(
        officer_client, tra_vinh_officer, household, points, monkeypatch):
    """Promised on 1/12/2026 for 15/1/2027, after the card's last day to keep continuity (31/12/2026): the entry
    comes back on 31/12/2026, not after it is lost. A promise more than 90 days off is refused."""
    from django.utils import timezone

    from ansinh.enrollment.models import Contact

    services.household_enroll(user=tra_vinh_officer, household=household, members=[household.head], months=12,
                              payment=services.Payment("BL-W6", D("2025-09-01"), points["BD-TV-01"]))
    enrollment = household.head.enrollments.get()
    contact = reverse("enrollment:enrollment-contact", args=[enrollment.pk])

    def lapsed(day: str) -> list[str]:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(day))
        return [c.enrollment.person.full_name for c in
                officer_client.get(reverse("enrollment:worklist")).context["lapsed"]]

    lapsed("2026-12-01")
    far = officer_client.post(contact, {"day": "01/12/2026", "outcome": "promised", "promised_on": "02/03/2027"})
    assert "trong vòng 90 ngày tới" in text_of(far) and not Contact.objects.exists()
    officer_client.post(contact, {"day": "01/12/2026", "outcome": "promised", "promised_on": "15/01/2027"})
    assert Contact.objects.values_list("promised_on", "follow_up_on").get() == (D("2027-01-15"), D("2026-12-31"))
    assert (lapsed("2026-12-30"), lapsed("2026-12-31")) == ([], ["Thạch Văn Sơn"])


def test_a_follow_up_of_the_old_card_does_not_hide_the_new_one(officer_client, tra_vinh_officer, household, points,
                                                                monkeypatch):
    """Marked "moved away" on 15/9/2026, Sơn came back and renewed: his new card (1/10/2026–30/9/2027) is on the
    list again when it nears its end, the old follow-up belonging to the old card."""
    from django.utils import timezone

    services.household_enroll(user=tra_vinh_officer, household=household, members=[household.head], months=12,
                              payment=services.Payment("BL-W7", D("2025-09-01"), points["BD-TV-01"]))
    enrollment = household.head.enrollments.get()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-09-15"))
    services.contact_record(user=tra_vinh_officer, enrollment=enrollment, day=D("2026-09-15"), outcome="moved")
    assert officer_client.get(reverse("enrollment:worklist")).context["cards"].paginator.count == 0
    services.household_renew(user=tra_vinh_officer, household=household, months=12,
                             payment=services.Payment("BL-W8", D("2026-09-20"), points["BD-TV-01"]))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2027-09-15"))
    cards = officer_client.get(reverse("enrollment:worklist")).context["cards"]
    assert [(c.valid_from, c.valid_until, c.last_outcome) for c in cards] == [
        (D("2026-10-01"), D("2027-09-30"), None)]


def test_the_follow_up_page_carries_the_vietqr_code_of_the_household_renewal(
        officer_client, tra_vinh_officer, household, points, monkeypatch):
    """Trà Vinh's post office takes transfers at Vietcombank (BIN 970436): the household's page of follow-up on
    1/12/2026 carries a VietQR code that reads back (CRC checked) to that account, 3,142,260 and the reference
    ASH<household>T1226; a point without an account shows none, and a BIN of 5 digits is refused."""
    import html
    import re as regex

    from django.utils import timezone

    from ansinh.core.errors import DomainError
    from ansinh.network.services import point_update
    from ansinh.rules.vietqr import read_vietqr

    members = list(household.members.order_by("id"))
    services.household_enroll(user=tra_vinh_officer, household=household, members=members, months=12,
                              payment=services.Payment("BL-Q1", D("2025-12-02"), points["BD-TV-01"]))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-01"))
    contact = reverse("enrollment:enrollment-contact", args=[household.head.enrollments.get().pk])
    assert 'data-testid="vietqr"' not in officer_client.get(contact).content.decode()  # no account yet
    with pytest.raises(DomainError) as refused:
        point_update(user=tra_vinh_officer, point=points["BD-TV-01"], bank_bin="97043", bank_account="0881000458086")
    assert str(refused.value.code) == "invalid_bank_account"
    point_update(user=tra_vinh_officer, point=points["BD-TV-01"], bank_bin="970436", bank_account="0881000458086",
                 bank_account_name="BUU DIEN TP TRA VINH")
    page = officer_client.get(contact).content.decode()
    payload = html.unescape(regex.search(r'data-testid="vietqr" data-payload="([^"]+)"', page).group(1))
    code = read_vietqr(payload)
    assert (code.bank_bin, code.account, code.amount, code.reference) == (
        "970436", "0881000458086", 3_142_260, f"ASH{household.pk}T1226")
    assert "<svg" in page and "3.142.260 đ" in page


def test_the_follow_ups_of_december_by_collector_and_what_they_brought(officer_client, tra_vinh_officer, household,
                                                                       points, monkeypatch):
    """December 2026, Thu's follow-ups of the household's three cards: Sơn promised (and paid on 10/12, within 30
    days), Hoa and Tú refused for want of money; a November call is outside the period. 3 contacts, 1 paid =
    33,33 %; the reason twice."""
    from django.utils import timezone

    thu = points["NV-TV-001"]
    thu.user = tra_vinh_officer
    thu.save(update_fields=["user"])
    son, hoa, tu = household.members.order_by("id")
    services.household_enroll(user=tra_vinh_officer, household=household, members=[son, hoa, tu], months=12,
                              payment=services.Payment("BL-R1", D("2025-12-02"), points["BD-TV-01"]))
    enrollments = {p.pk: p.enrollments.get() for p in (son, hoa, tu)}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-15"))
    record = services.contact_record
    record(user=tra_vinh_officer, enrollment=enrollments[son.pk], day=D("2026-11-20"), outcome="unreachable")
    record(user=tra_vinh_officer, enrollment=enrollments[son.pk], day=D("2026-12-01"), outcome="promised",
           promised_on=D("2026-12-10"))
    record(user=tra_vinh_officer, enrollment=enrollments[hoa.pk], day=D("2026-12-01"), outcome="refused",
           reason="Không đủ tiền")
    record(user=tra_vinh_officer, enrollment=enrollments[tu.pk], day=D("2026-12-02"), outcome="refused",
           reason="Không đủ tiền")
    services.enrollment_renew(user=tra_vinh_officer, enrollment=enrollments[son.pk], months=12,
                              payment=services.Payment("BL-R2", D("2026-12-10"), points["BD-TV-01"], thu))
    response = officer_client.get(reverse("enrollment:worklist-report"), {"from": "01/12/2026", "to": "31/12/2026"})
    report = response.context["report"]
    assert (report["total"], report["converted"], report["rate"]) == (3, 1, Decimal("33.33"))
    [row] = report["rows"]
    assert (row["staff__code"], row["total"], row["promised"], row["refused"], row["unreachable"],
            row["converted_total"]) == ("NV-TV-001", 3, 1, 2, 0, 1)
    assert report["reasons"] == [{"reason": "Không đủ tiền", "count": 2}]
    assert "3 lần liên hệ trong địa bàn của bạn; 1 lần được đóng tiền trong 30 ngày sau đó (33,33%)" in \
        text_of(response)
    november = officer_client.get(reverse("enrollment:worklist-report"), {"from": "30/11/2026", "to": "01/11/2026"})
    assert (november.context["report"]["total"], november.context["report"]["start"]) == (1, D("2026-11-01"))


def test_upload_a_file_and_download_its_errors(officer_client, points, media, tmp_path,
                                               django_capture_on_commit_callbacks):
    bad = tmp_path / "ds.csv"
    bad.write_text("Họ và tên,Ngày sinh,Giới tính,Số định danh,Mã xã\nĐỗ Văn A,01/01/1980,Nam,084081000001,29266\n",
                   encoding="utf-8")
    with open(SAMPLES / "people.csv", "rb") as sample, django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(reverse("enrollment:import"), {"file": sample, "layout": "auto"})
    assert response.status_code == 302
    detail = officer_client.get(response["Location"])
    assert detail.context["run"].rows_stored == 6
    with open(bad, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(reverse("enrollment:import"), {"file": handle, "layout": "auto"})
    run = officer_client.get(response["Location"]).context["run"]
    assert (run.rows_read, run.rows_rejected) == (1, 1)
    errors = officer_client.get(reverse("enrollment:import-errors", args=[run.pk]))
    assert b"".join(errors.streaming_content).decode("utf-8-sig").splitlines()[1].endswith(
        '"Dòng 2: Số định danh: Chữ số thứ 5–6 của số định danh cho năm sinh 1981, khác năm sinh 1980."')


def test_export_d05_for_a_point_and_period(officer_client, tra_vinh_officer, commune, points):
    person = make_person(tra_vinh_officer, commune, citizen_id="084085000201")
    services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_500_000, category="other",
                                        method="monthly", months=1,
                                        payment=services.Payment("BL-V1", D("2026-03-10"), points["BD-TV-01"]))
    response = officer_client.get(reverse("enrollment:exports"), {
        "form": "d05", "collection_point": points["BD-TV-01"].pk, "date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert response["Content-Disposition"] == 'attachment; filename="D05-TS_BD-TV-01_20260301-20260331.xlsx"'
    assert response.content[:2] == b"PK"


def test_a_viewer_sees_but_cannot_pay(client, unit, household, points):
    viewer = make_user("xem84", role="viewer", scope_unit=unit("84", "pre2025"))
    client.force_login(viewer)
    url = reverse("enrollment:household-detail", args=[household.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"members": [str(household.head_id)], "months": "12", "paid_on": "2024-09-01",
                                 "receipt_number": "X", "collection_point": str(points["BD-TV-01"].pk),
                                 "action": "save"})
    assert response.status_code == 403  # inside the area: refused for the role, with the reason
    assert "Vai trò của bạn không được ghi nhận đóng tiền." in response.content.decode()
    assert not Receipt.objects.exists()
    assert Person.objects.count() == 3


def test_the_printed_worklist_has_one_line_a_household_with_its_vietqr_code(
        officer_client, tra_vinh_officer, household, points, monkeypatch):
    """On 1/12/2026 the three cards of Thạch Văn Sơn's household end on 31/12/2026: the A4 list prints one line for
    the household (not three), with 3,142,260, the reference ASH<household>T1226 and a VietQR code that reads back
    to the point's account (LPBank, BIN 970449)."""
    import html
    import re as regex

    from django.utils import timezone

    from ansinh.network.services import point_update
    from ansinh.rules.vietqr import read_vietqr

    point_update(user=tra_vinh_officer, point=points["BD-TV-01"], bank_bin="970449", bank_account="123456789")
    points["BD-TV-01"].refresh_from_db()
    services.household_enroll(user=tra_vinh_officer, household=household, members=list(household.members.all()),
                              months=12, payment=services.Payment("BL-P1", D("2025-12-02"), points["BD-TV-01"]))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-01"))
    page = officer_client.get(reverse("enrollment:worklist"), {"format": "print"})
    lines = page.context["lines"]
    assert [(line["kind"], line["household"].code, line["amount"], line["reference"]) for line in lines] == [
        ("expiring", "HGD-1", 3_142_260, f"ASH{household.pk}T1226")]
    content = page.content.decode()
    assert content.count('data-testid="print-line"') == 1 and "3.142.260 đ" in content and "<svg" in content
    assert "0912000101" not in content and "******0101" in content  # masked: the contact page has the number to call
    from ansinh.enrollment.payment_codes import payment_code

    code = payment_code(points["BD-TV-01"], amount=3_142_260, reference=f"ASH{household.pk}T1226")
    assert lines[0]["svg"] == code["svg"]  # the printed code is the one of this payload
    read = read_vietqr(code["payload"])
    assert (read.bank_bin, read.account, read.amount) == ("970449", "123456789", 3_142_260)
    assert html.unescape(regex.sub(r"\s+", " ", content)).count("Hộ HGD-1 — Thạch Văn Sơn") == 1


def test_a_voluntary_si_period_that_ended_stays_on_the_worklist_for_three_months(
        officer_client, tra_vinh_officer, commune, points, monkeypatch):
    """Lan paid November 2026 (to 30/11/2026) and not December: on 1/12/2026 she is no longer 'due' but 'past her
    period'; still so on 2/3/2027 (92 days from 30/11); gone on 3/3/2027."""
    from django.utils import timezone

    person = make_person(tra_vinh_officer, commune, full_name="Trần Thị Lan", sex="F", citizen_id="084185000777")
    services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_500_000, category="other",
                                        method="monthly", months=1,
                                        payment=services.Payment("BL-V7", D("2026-11-05"), points["BD-TV-01"]))
    for day, listed in (("2026-11-20", ("vsi-due",)), ("2026-12-01", ("vsi-ended",)), ("2027-03-02", ("vsi-ended",)),
                        ("2027-03-03", ())):
        monkeypatch.setattr(timezone, "localdate", lambda *args, d=day, **kwargs: D(d))
        html = officer_client.get(reverse("enrollment:worklist")).content.decode()
        found = tuple(t for t in ("vsi-due", "vsi-ended") if f'data-testid="{t}"' in html)
        assert found == listed, day
        if listed:
            assert person.full_name in html.split(f'data-testid="{listed[0]}"')[1].split("</table>")[0]
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D("2026-12-01"))
    csv_text = officer_client.get(reverse("enrollment:worklist") + "?format=csv").content.decode("utf-8-sig")
    assert f"BHXH tự nguyện (đã quá kỳ đóng),{person.full_name},********0777" in csv_text
    html = officer_client.get(reverse("enrollment:worklist")).content.decode()
    # December at 1,500,000: 22 % = 330,000, less the State's 20 % of 22 % of the rural poverty line 1,500,000
    assert 'data-testid="vsi-amount">264.000 đ<' in html.split('data-testid="vsi-ended"')[1]
    from ansinh.network.services import point_update
    from ansinh.rules.vietqr import read_vietqr

    point_update(user=tra_vinh_officer, point=points["BD-TV-01"], bank_bin="970436", bank_account="0881000458086",
                 bank_account_name="BUU DIEN TP TRA VINH")
    enrollment = person.enrollments.get()
    page = officer_client.get(reverse("enrollment:enrollment-contact", args=[enrollment.pk])).content.decode()
    assert "Chuyển khoản đóng kỳ BHXH tự nguyện tiếp theo: 264.000 đ" in page
    code = read_vietqr(page.split('data-testid="vietqr" data-payload="')[1].split('"')[0])
    assert (code.amount, code.reference) == (264_000, f"ASV{enrollment.pk}T1226")


def test_a_promise_made_for_one_member_holds_the_household_but_moving_away_is_ones_own(
        officer_client, tra_vinh_officer, household, points, monkeypatch):
    """Sơn's household of three renews together: his promise on 1/12/2026 to pay on 15/12 takes all three cards off
    the list until then; on 15/12 they are back, with his promise shown on each; Tú moving away takes only Tú off."""
    from django.utils import timezone

    members = list(household.members.order_by("id"))
    services.household_enroll(user=tra_vinh_officer, household=household, members=members, months=12,
                              payment=services.Payment("BL-H3", D("2025-12-02"), points["BD-TV-01"]))
    head, _wife, son = (m.enrollments.get() for m in members)

    def listed(day: str) -> list[tuple[str, str | None]]:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(day))
        cards = officer_client.get(reverse("enrollment:worklist")).context["cards"]
        return sorted((c.enrollment.person.full_name, c.last_outcome) for c in cards)

    assert [name for name, _ in listed("2026-12-01")] == ["Kim Thị Hoa", "Thạch Minh Tú", "Thạch Văn Sơn"]
    services.contact_record(user=tra_vinh_officer, enrollment=head, day=D("2026-12-01"), outcome="promised",
                            promised_on=D("2026-12-15"))
    assert listed("2026-12-01") == []
    assert listed("2026-12-15") == [("Kim Thị Hoa", "promised"), ("Thạch Minh Tú", "promised"),
                                    ("Thạch Văn Sơn", "promised")]
    services.contact_record(user=tra_vinh_officer, enrollment=son, day=D("2026-12-15"), outcome="moved")
    assert listed("2026-12-15") == [("Kim Thị Hoa", "promised"), ("Thạch Văn Sơn", "promised")]
    listed("2026-12-16")  # the next day
    services.contact_record(user=tra_vinh_officer, enrollment=head, day=D("2026-12-16"), outcome="called")
    assert listed("2026-12-16") == [("Kim Thị Hoa", "called"), ("Thạch Văn Sơn", "called")]  # Tú stays off
