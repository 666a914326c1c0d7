"""Reminders through real channels: an SMTP server (aiosmtpd) and a local HTTP server standing in for the SMS
gateway and Zalo's API — consent and opt-out, one reminder per person per 7 days, quiet hours, the log, the dry
run and the daily command."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from ansinh.core.errors import DomainError
from ansinh.core.models import WorkState
from ansinh.core.testing.servers import http_gateway, smtp_server
from ansinh.enrollment import services
from ansinh.enrollment.models import Reminder, ReminderConsent, ReminderRun
from ansinh.network.services import point_update
from ansinh.registry.services import MemberInput, household_register_with_members

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def household(tra_vinh_officer, commune, points):
    """Thạch Văn Sơn's household of three, whose cards (paid 2/12/2025 for 12 months at Bưu điện thành phố Trà Vinh,
    which takes transfers at Vietcombank) end on 31/12/2026."""
    members = [MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101", phone="0912000101"),
               MemberInput("Kim Thị Hoa", D("1972-08-09"), "F", "spouse", "084172000102"),
               MemberInput("Thạch Minh Tú", D("2001-01-20"), "M", "child", "084201000103")]
    household = household_register_with_members(user=tra_vinh_officer, commune=commune, members=members,
                                                code="HGD-1", on=D("2024-08-01"))
    point_update(user=tra_vinh_officer, point=points["BD-TV-01"], bank_bin="970436", bank_account="0881000458086",
                 bank_account_name="BUU DIEN TP TRA VINH")
    points["BD-TV-01"].refresh_from_db()
    members = list(household.members.order_by("id"))
    services.household_enroll(user=tra_vinh_officer, household=household, members=members, months=12,
                              payment=services.Payment("BL-R1", D("2025-12-02"), points["BD-TV-01"]))
    return household


@pytest.fixture
def on(monkeypatch):
    """Pin today: on("2026-12-01")."""
    def pin(day: str) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(day))
    return pin


@pytest.fixture
def no_quiet_hours(settings):
    settings.ANSINH_REMINDER_QUIET_HOURS = ""


@pytest.fixture
def smtp(settings):
    with smtp_server() as (port, handler):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.DEFAULT_FROM_EMAIL = "BHXH Vinh Long <nhac-nop@bhxh.example.vn>"
        yield handler


@pytest.fixture
def sms(settings):
    with http_gateway() as gateway:
        settings.EMAIL_HOST, settings.EMAIL_BACKEND = "", "django.core.mail.backends.smtp.EmailBackend"
        settings.ANSINH_SMS_URL, settings.ANSINH_SMS_TOKEN = gateway.url, "tok-123"
        yield gateway


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("reminders", *args, stdout=out)
    return out.getvalue()


def test_a_reminder_run_sends_exactly_one_e_mail_through_smtp_and_logs_it(
        household, tra_vinh_officer, smtp, no_quiet_hours, on):
    """The head agreed to e-mail reminders on the registration form. On 1/12/2026 the household's cards end within
    30 days: one e-mail leaves, in Vietnamese, with 3,142,260 to pay, the point's Vietcombank account, the reference
    ASH<household>T1226 and the VietQR code attached as a PNG; the log keeps it sent with its Message-ID. Run again
    the same day, then two days later: nothing more (one reminder per person per 7 days)."""
    head = household.head
    services.reminder_consent_set(user=tra_vinh_officer, person=head, channel="email",
                                  address="Son.Thach@Example.vn", given_on=D("2025-12-02"),
                                  source="Tờ khai đăng ký")
    on("2026-12-01")
    out = run_command()
    assert "đã gửi 1, lỗi 0" in out
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == "son.thach@example.vn"
    assert mail["Subject"].strip() == "Thẻ BHYT hộ gia đình sắp hết hạn"  # folded after "Subject:"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Thẻ BHYT hộ gia đình của hộ Thạch Văn Sơn hết hạn ngày 31/12/2026." in body
    assert "Gia hạn 12 tháng: 3.142.260 đ." in body
    assert f"Vietcombank STK 0881000458086 (BUU DIEN TP TRA VINH), nội dung ASH{household.pk}T1226." in body
    [attachment] = list(mail.iter_attachments())
    assert (attachment.get_filename(), attachment.get_content_type()) == ("vietqr.png", "image/png")
    assert attachment.get_content()[:8] == b"\x89PNG\r\n\x1a\n"
    [reminder] = Reminder.objects.all()
    assert (reminder.status, reminder.channel, reminder.amount, reminder.reference, reminder.deadline) == (
        "sent", "email", 3_142_260, f"ASH{household.pk}T1226", D("2026-12-31"))
    assert reminder.provider_id == mail["Message-ID"]
    assert ReminderRun.objects.get().counts == {"sent": 1, "failed": 0, "deferred": 0, "skipped": 0}
    assert "đã gửi 0" in run_command()  # the same day again
    on("2026-12-03")
    assert "đã gửi 0" in run_command()
    assert len(smtp.messages) == 1
    on("2026-12-08")  # 7 days on: the card still ends within 30 days, reminded again
    run_command()
    assert len(smtp.messages) == 2


def test_an_sms_through_the_gateway_its_delivery_report_and_a_reply_that_stops_them(
        household, tra_vinh_officer, sms, no_quiet_hours, on):
    """The SMS goes to the gateway as 84912000101 with the bearer token, without diacritics; the gateway's
    delivery report marks it delivered; the reply "Tu choi" stops the phone's reminders (logged), so the run a week
    later sends nothing."""
    from ansinh.core.models import ChangeLog

    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="sms",
                                  address="+84 912 000 101", given_on=D("2025-12-02"), source="Gọi điện")
    sms.answers = [(200, {"id": "gw-77"})]
    on("2026-12-01")
    run_command()
    [request] = sms.requests
    assert request["headers"]["authorization"] == "Bearer tok-123"
    assert request["json"]["to"] == "84912000101"
    assert request["json"]["text"].startswith("BHXH nhac: The BHYT ho gia dinh cua ho Thach Van Son het han ngay "
                                              "31/12/2026. Gia han 12 thang: 3.142.260 d.")
    assert request["json"]["text"].endswith("Soan TU CHOI gui lai de khong nhan tin nhac.")
    assert request["json"]["reference"] == f"ASH{household.pk}T1226"
    assert services.reminder_sms_event(event="delivered", provider_id="gw-77") == 1
    assert Reminder.objects.get().status == "delivered"
    assert services.reminder_sms_event(event="reply", sender="0912000101", text="  tu   chối ") == 1
    consent = ReminderConsent.objects.get()
    assert (consent.opted_out_on, consent.opt_out_how) == (D("2026-12-01"), "reply")
    assert ChangeLog.objects.filter(object_type="enrollment.reminderconsent", action="update").exists()
    on("2026-12-09")
    run_command()
    assert len(sms.requests) == 1


def test_a_gateway_that_refuses_leaves_the_reminder_failed_with_its_reason(
        household, tra_vinh_officer, sms, no_quiet_hours, on):
    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="sms",
                                  address="0912000101", given_on=D("2025-12-02"), source="Gọi điện")
    sms.answers = [(503, {"error": "quota exceeded"})]
    on("2026-12-01")
    assert "đã gửi 0, lỗi 1" in run_command()
    reminder = Reminder.objects.get()
    assert reminder.status == "failed"
    assert reminder.error == 'SMS gateway: HTTP 503 {"error": "quota exceeded"}'


def test_zalo_zns_fills_its_template_and_reads_zalos_answer(household, tra_vinh_officer, settings, no_quiet_hours,
                                                            on):
    """Zalo ZNS: the template's fields, the OA's access_token header; {"error": 0} is accepted with its msg_id, an
    error code of Zalo is a failure with Zalo's message."""
    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="zalo",
                                  address="0912000101", given_on=D("2025-12-02"), source="Zalo OA")
    with http_gateway() as zalo:
        settings.EMAIL_HOST = ""
        settings.ANSINH_ZALO_ZNS_URL, settings.ANSINH_ZALO_TOKEN = zalo.url, "oa-token"
        settings.ANSINH_ZALO_TEMPLATE = "231456"
        zalo.answers = [(200, {"error": 0, "message": "Success", "data": {"msg_id": "z-9"}})]
        on("2026-12-01")
        run_command()
        [request] = zalo.requests
        assert request["headers"]["access_token"] == "oa-token"
        assert {k: request["json"][k] for k in ("phone", "template_id", "tracking_id")} == {
            "phone": "84912000101", "template_id": "231456", "tracking_id": f"ASH{household.pk}T1226"}
        assert {k: request["json"]["template_data"][k] for k in ("customer_name", "deadline", "amount")} == {
            "customer_name": "Thạch Văn Sơn", "deadline": "31/12/2026", "amount": 3_142_260}
        assert Reminder.objects.get().provider_id == "z-9"
        zalo.answers = [(200, {"error": -124, "message": "Invalid access token"})]
        on("2026-12-08")
        run_command()
        assert Reminder.objects.order_by("-id").first().error == "Zalo ZNS: HTTP 200 -124 Invalid access token"


def test_a_lapsed_card_is_reminded_with_the_day_that_keeps_continuity(
        tra_vinh_officer, commune, points, smtp, no_quiet_hours, on):
    """A card that ended on 30/9/2026: on 1/12/2026 the reminder says renew before 31/12/2026 to keep five
    years' continuity and avoid the 30-day wait."""
    members = [MemberInput("Lâm Thị Mai", D("1980-03-03"), "F", "head", "084180000201")]
    household = household_register_with_members(user=tra_vinh_officer, commune=commune, members=members,
                                                code="HGD-2", on=D("2024-08-01"))
    services.household_enroll(user=tra_vinh_officer, household=household, members=list(household.members.all()),
                              months=12, payment=services.Payment("BL-R2", D("2025-09-01"), points["BD-TV-01"]))
    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="email",
                                  address="mai.lam@example.vn", given_on=D("2025-10-01"), source="Tờ khai")
    on("2026-12-01")
    run_command()
    body = smtp.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert ("Thẻ BHYT hộ gia đình của hộ Lâm Thị Mai đã hết hạn ngày 30/09/2026. Gia hạn trước 31/12/2026 để giữ "
            "thời gian tham gia liên tục") in body
    assert Reminder.objects.get().kind == "lapsed"


def test_a_promise_to_pay_holds_the_reminder_until_its_day(household, tra_vinh_officer, smtp, no_quiet_hours, on):
    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="email",
                                  address="son@example.vn", given_on=D("2025-12-02"), source="Tờ khai")
    on("2026-12-01")
    services.contact_record(user=tra_vinh_officer, enrollment=household.head.enrollments.get(), day=D("2026-12-01"),
                            outcome="promised", promised_on=D("2026-12-15"))
    run_command()
    assert smtp.messages == []
    on("2026-12-14")
    run_command()
    assert smtp.messages == []
    on("2026-12-15")
    run_command()
    assert len(smtp.messages) == 1


def test_the_dry_run_lists_what_would_go_and_sends_nothing(household, tra_vinh_officer, smtp, no_quiet_hours, on):
    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="email",
                                  address="son.thach@example.vn", given_on=D("2025-12-02"), source="Tờ khai")
    on("2026-12-01")
    out = run_command("--dry-run")
    assert "Thạch Văn Sơn" in out and "s***@example.vn" in out and "3.142.260 đ" in out
    assert "sẽ gửi 1 tin (1 E-mail)" in out
    assert "sẽ gửi 0 tin" in run_command("--dry-run", "--on", "2026-10-01")  # cards end in 3 months: not yet
    assert smtp.messages == [] and not Reminder.objects.exists() and not ReminderRun.objects.exists()
    with pytest.raises(CommandError, match="--on chỉ dùng với --dry-run"):
        run_command("--on", "2026-10-01")


def test_nothing_leaves_in_the_quiet_hours(household, tra_vinh_officer, smtp, settings, on):
    """From 21:00 to 07:00 the run refuses to start (the job fails with the reason, to be run again later)."""
    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="email",
                                  address="son@example.vn", given_on=D("2025-12-02"), source="Tờ khai")
    settings.ANSINH_REMINDER_QUIET_HOURS = "0-24"  # every hour of the day
    on("2026-12-01")
    with pytest.raises(CommandError, match="giờ không gửi tin"):
        run_command()
    assert ReminderRun.objects.get().state == WorkState.FAILED
    assert smtp.messages == []


@pytest.mark.parametrize(("hour", "quiet"), [
    pytest.param(21, True, id="21h00-quiet"), pytest.param(6, True, id="06h59-quiet"),
    pytest.param(7, False, id="07h00-open"), pytest.param(20, False, id="20h59-open")])
def test_quiet_hours_from_21_to_7(hour, quiet, settings):
    from zoneinfo import ZoneInfo

    at = dt.datetime(2026, 12, 1, hour, 59 if hour in (6, 20) else 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert services.quiet_now(at, "21-7") is quiet


@pytest.mark.parametrize(("channel", "address", "code"), [
    pytest.param("sms", "0212000101", "reminder_address_invalid", id="landline-for-sms"),
    pytest.param("email", "son@", "reminder_address_invalid", id="email-without-domain"),
    pytest.param("fax", "0912000101", "reminder_channel_invalid", id="unknown-channel"),
])
def test_a_consent_with_a_wrong_address_is_refused(household, tra_vinh_officer, channel, address, code):
    with pytest.raises(DomainError) as refused:
        services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel=channel,
                                      address=address, given_on=D("2025-12-02"), source="Tờ khai")
    assert str(refused.value.code) == code


def test_a_consent_given_tomorrow_or_without_its_form_is_refused(household, tra_vinh_officer, on):
    on("2026-12-01")
    for given_on, source in ((D("2026-12-02"), "Tờ khai"), (D("2026-11-30"), "  ")):
        with pytest.raises(DomainError) as refused:
            services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="sms",
                                          address="0912000101", given_on=given_on, source=source)
        assert str(refused.value.code) == "reminder_consent_invalid"


def test_the_gateway_reports_through_the_api_signed_with_its_token(
        household, tra_vinh_officer, sms, no_quiet_hours, on):
    """POST /api/v1/reminders/sms-events/: without the token 403 permission_denied; with it, the delivery report
    marks the reminder delivered and the reply stops the phone's reminders; a wrong event is a validation_error."""
    from rest_framework.test import APIClient

    services.reminder_consent_set(user=tra_vinh_officer, person=household.head, channel="sms",
                                  address="0912000101", given_on=D("2025-12-02"), source="Gọi điện")
    sms.answers = [(200, {"message_id": "gw-5"})]
    on("2026-12-01")
    run_command()
    api, url = APIClient(), "/api/v1/reminders/sms-events/"
    refused = api.post(url, {"event": "delivered", "id": "gw-5"}, format="json", HTTP_AUTHORIZATION="Bearer nope")
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "permission_denied")
    signed = {"HTTP_AUTHORIZATION": "Bearer tok-123"}
    assert api.post(url, {"event": "delivered", "id": "gw-5"}, format="json", **signed).json() == {"changed": 1}
    assert Reminder.objects.get().status == "delivered"
    assert api.post(url, {"event": "reply", "phone": "84912000101", "text": "STOP"}, format="json",
                    **signed).json() == {"changed": 1}
    assert ReminderConsent.objects.get().opt_out_how == "reply"
    wrong = api.post(url, {"event": "read"}, format="json", **signed)
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "validation_error")


def test_the_pages_record_a_consent_show_the_day_ahead_masked_and_stop_it(
        client, household, tra_vinh_officer, smtp, no_quiet_hours, on):
    """The person's page records the head's SMS consent (a landline is refused, in Vietnamese); the reminders page
    lists what today's run sends, the phone masked, then the log once sent; "Ngừng nhắc" stops it (logged)."""
    from django.urls import reverse

    on("2026-12-01")
    client.force_login(tra_vinh_officer)
    url = reverse("enrollment:person-reminders", args=[household.head.pk])
    form = {"channel": "email", "address": "son@", "given_on": "01/12/2026", "source": "Tờ khai"}
    refused = client.post(url, form)
    assert "Địa chỉ e-mail &#x27;son@&#x27; không hợp lệ." in refused.content.decode()
    assert client.post(url, {**form, "address": "son.thach@example.vn"}).status_code == 302
    page = client.get(reverse("enrollment:reminders")).content.decode()
    assert "s***@example.vn" in page and "son.thach@example.vn" not in page
    assert "3.142.260 đ" in page and "Thẻ BHYT sắp hết hạn" in page
    run_command()
    log = client.get(reverse("enrollment:reminders"))
    assert [(r.person.full_name, r.shown_address, r.status) for r in log.context["log"]] == [
        ("Thạch Văn Sơn", "s***@example.vn", "sent")]
    consent = ReminderConsent.objects.get()
    assert client.post(url, {"stop": str(consent.pk)}).status_code == 302
    consent.refresh_from_db()
    assert (consent.opted_out_on, consent.opt_out_how) == (D("2026-12-01"), "flag")
    assert "Đã ngừng 1/12/2026 (Cán bộ ghi nhận từ chối)" in client.get(url).content.decode()


def test_a_voluntary_si_period_ending_is_reminded_with_the_next_months_amount(
        tra_vinh_officer, commune, point, collector, smtp, no_quiet_hours, on):
    """Voluntary SI paid monthly at an income of 1,500,000 ("other"), for November 2026: on 20/11/2026 the period
    ends within 30 days; the reminder says paid up to 30/11/2026 and the next month costs 22 % × 1,500,000 =
    330,000 less the State's 20 % (Decree 159/2025: 66,000) = 264,000, reference ASV<enrollment>T1126."""
    from ansinh.enrollment.testing import pay
    from ansinh.registry.testing import make_person

    person = make_person(tra_vinh_officer, commune, citizen_id="084085000299")
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="monthly", months=1,
        payment=pay(point, collector, "BL-VSI-R", "2026-11-05"))
    services.reminder_consent_set(user=tra_vinh_officer, person=person, channel="email", address="vsi@example.vn",
                                  given_on=D("2026-11-05"), source="Tờ khai TK1-TS")
    on("2026-11-20")
    run_command()
    body = smtp.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert f"BHXH tự nguyện của {person.full_name} đã đóng đến 30/11/2026; kỳ đóng tiếp theo: 264.000 đ." in body
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.amount, reminder.reference, reminder.deadline) == (
        "vsi_due", 264_000, f"ASV{enrollment.pk}T1126", D("2026-11-30"))


def test_a_household_is_reminded_once_a_week_whichever_member_agreed(
        household, tra_vinh_officer, smtp, no_quiet_hours, on):
    """Husband and wife both agreed: the head is reminded on 1/12; on 2/12 the wife is not reminded of the same
    cards (the household was reminded through him), nor until 8/12."""
    head, wife = household.members.order_by("id")[:2]
    for person, address in ((head, "son@example.vn"), (wife, "hoa@example.vn")):
        services.reminder_consent_set(user=tra_vinh_officer, person=person, channel="email", address=address,
                                      given_on=D("2025-12-02"), source="Tờ khai")
    on("2026-12-01")
    run_command()
    on("2026-12-02")
    run_command()
    assert [m["To"] for m in smtp.messages] == ["son@example.vn"]
    on("2026-12-08")
    run_command()
    assert [m["To"] for m in smtp.messages] == ["son@example.vn", "son@example.vn"]
