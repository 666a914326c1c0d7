"""Enrollment pages in the field (mounted under /registry/ beside the registry's): a person's history,
household HI for 3/6/12 months with each amount explained, voluntary SI, renewals, ends, the printable
receipt (and its PDF), the collector's worklist, the D03-TS / D05-TS exports and file imports."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.calc.params import current_parameters
from ansinh.core import excel, jobs
from ansinh.core.errors import DomainError, PermissionDenied
from ansinh.core.formats import vn_int
from ansinh.core.importing import UnreadableFile, store_upload
from ansinh.core.paging import page_of
from ansinh.core.scoping import Action, path_in_scope, require, require_role
from ansinh.enrollment import exporters, quotes, selectors, services, support
from ansinh.enrollment.choices import METHOD_MONTHS, ContactOutcome, EnrollmentStatus, Scheme
from ansinh.enrollment.forms import (
    HI_MONTHS,
    BankStatementForm,
    CancelReceiptForm,
    ContactForm,
    EndForm,
    ExportForm,
    HouseholdPaymentForm,
    ImportForm,
    ProspectAssignForm,
    ReminderConsentForm,
    RenewForm,
    ResidentListForm,
    VoluntarySIForm,
)
from ansinh.enrollment.importers import people_run_create, people_run_retry
from ansinh.enrollment.models import Enrollment
from ansinh.enrollment.tasks import import_people_file
from ansinh.registry.forms import PersonEditForm, PersonStatusForm
from ansinh.registry.models import mask_id
from ansinh.registry.selectors import household_get, person_get
from ansinh.rules import continuity_deadline
from ansinh.rules.errors import ErrorCode

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _payment(form) -> services.Payment:
    data = form.cleaned_data
    return services.Payment(receipt_number=data["receipt_number"].strip(), paid_on=data["paid_on"],
                            collection_point=data["collection_point"], collector=data.get("collector"))


def _refuse(form, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@login_required
def household_detail(request, pk: int):
    """A household: members, status, enrollments; choose members and months, see the amount, record it."""
    household = household_get(user=request.user, pk=pk)
    today = timezone.localdate()
    form = HouseholdPaymentForm(request.POST or None, user=request.user, household=household,
                                initial={"paid_on": today})
    preview = None
    if request.method == "POST":
        require(request.user, Action.PAY, household.commune.path)
        if form.is_valid():
            members, months, paid_on = form.chosen(), form.cleaned_data["months"], form.cleaned_data["paid_on"]
            try:
                if form.saving():
                    enrollments = services.household_enroll(user=request.user, household=household, members=members,
                                                            months=months, payment=_payment(form))
                    receipt = enrollments[0].contributions.get().receipt
                    messages.success(request, f"Đã ghi nhận {vn_int(receipt.amount_paid)} đồng, biên lai số "
                                              f"{receipt.number}.")
                    return redirect("enrollment:receipt-detail", pk=receipt.pk)
                quote = quotes.household_quote(household=household, members=members, months=months, on=paid_on)
                cards = [quotes.card_validity(person=m, months=months, on=paid_on) for m in members]
                preview = {"quote": quote, "lines": quotes.quote_lines(quote),
                           "members": list(zip(members, quote.members, cards, strict=True))}
            except DomainError as exc:
                _refuse(form, exc)
    members = list(household.members.prefetch_related("statuses"))
    open_enrollments = list(Enrollment.objects.filter(household=household, scheme=Scheme.HOUSEHOLD_HI,
                                                      status=EnrollmentStatus.ACTIVE).select_related("person")
                            .order_by("member_rank"))
    changes = selectors.record_changes(user=request.user, objects=[household], import_sources=[household.source])
    return render(request, "enrollment/household_detail.html", {
        "household": household, "members": members, "form": form, "preview": preview,
        "open_enrollments": open_enrollments, "statuses": household.statuses.all(), "changes": changes,
        "can_add": path_in_scope(request.user, household.commune.path, Action.PAY),
        "status_form": PersonStatusForm.for_person(household.head or members[0], household=household)
        if members and path_in_scope(request.user, household.commune.path, Action.CHANGE_MEMBER) else None,
        "next": request.path,
    })


@login_required
def household_renew(request, pk: int):
    """Renew the household HI of every member still enrolled, on one receipt."""
    household = household_get(user=request.user, pk=pk)
    require(request.user, Action.RENEW, household.commune.path)
    enrollments = list(Enrollment.objects.filter(household=household, scheme=Scheme.HOUSEHOLD_HI,
                                                 status=EnrollmentStatus.ACTIVE).select_related("person")
                       .order_by("member_rank", "id"))
    if not enrollments:
        messages.error(request, "Hộ chưa có thành viên nào đang tham gia BHYT hộ gia đình.")
        return redirect("enrollment:household-detail", pk=household.pk)
    form = RenewForm(request.POST or None, user=request.user, initial={"paid_on": timezone.localdate()})
    preview = None
    if request.method == "POST" and form.is_valid():
        months, paid_on = form.cleaned_data["months"], form.cleaned_data["paid_on"]
        try:
            if form.saving():
                contributions = services.household_renew(user=request.user, household=household, months=months,
                                                         payment=_payment(form))
                return redirect("enrollment:receipt-detail", pk=contributions[0].receipt_id)
            quote = quotes.household_quote(household=household, members=[e.person for e in enrollments],
                                           months=months, on=paid_on)
            cards = [quotes.card_validity(person=e.person, months=months, on=paid_on, previous_until=e.end_date)
                     for e in enrollments]
            preview = {"quote": quote, "lines": quotes.quote_lines(quote),
                       "members": list(zip([e.person for e in enrollments], quote.members, cards, strict=True))}
        except DomainError as exc:
            _refuse(form, exc)
    return render(request, "enrollment/household_renew.html", {
        "household": household, "enrollments": enrollments, "form": form, "preview": preview})


@login_required
def person_voluntary_si(request, pk: int):
    """Enroll a person in voluntary SI: income, category, method; see the amount with its reasons; record it."""
    person = person_get(user=request.user, pk=pk)
    require(request.user, Action.PAY, person.commune.path)
    form = VoluntarySIForm(request.POST or None, user=request.user,
                           initial={"paid_on": timezone.localdate(),
                                    "category": support.vsi_category(person, timezone.localdate())})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        months = METHOD_MONTHS.get(data["method"]) or data.get("months") or 0
        try:
            if not months:
                raise DomainError("Cần số tháng khi đóng một lần.", code=ErrorCode.INVALID_MONTHS, field="months")
            if form.saving():
                enrollment = services.person_enroll_voluntary_si(
                    user=request.user, person=person, income=data["income"], category=data["category"],
                    method=data["method"], months=months, payment=_payment(form))
                return redirect("enrollment:receipt-detail", pk=enrollment.contributions.get().receipt_id)
            quote = quotes.vsi_quote(person=person, income=data["income"], category=data["category"],
                                     method=data["method"], months=months, on=data["paid_on"])
            preview = {"quote": quote, "lines": quotes.quote_lines(quote)}
        except DomainError as exc:
            _refuse(form, exc)
    return render(request, "enrollment/voluntary_si.html", {"person": person, "form": form, "preview": preview})





@login_required
def enrollment_renew(request, pk: int):
    """Pay a further period of one open enrollment (voluntary SI, or one member's household HI)."""
    enrollment = selectors.enrollment_get(user=request.user, pk=pk)
    require(request.user, Action.RENEW, enrollment.commune.path)
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise Http404("Quá trình tham gia đã dừng.")
    if enrollment.scheme == Scheme.VOLUNTARY_SI:
        fixed = METHOD_MONTHS.get(enrollment.payment_method, 1)
        choices = [(fixed, f"{fixed} tháng ({enrollment.get_payment_method_display().lower()})")]
    else:
        choices = HI_MONTHS
    form = RenewForm(request.POST or None, user=request.user, months_choices=choices,
                     initial={"paid_on": timezone.localdate(), "collection_point": enrollment.collection_point_id,
                              "collector": enrollment.collector_id})
    preview = None
    if request.method == "POST" and form.is_valid():
        months, paid_on = form.cleaned_data["months"], form.cleaned_data["paid_on"]
        try:
            if form.saving():
                contribution = services.enrollment_renew(user=request.user, enrollment=enrollment, months=months,
                                                         payment=_payment(form))
                return redirect("enrollment:receipt-detail", pk=contribution.receipt_id)
            renewal = quotes.renewal_quote(enrollment=enrollment, months=months, on=paid_on)
            lines = quotes.quote_lines(renewal.quote)
            if enrollment.scheme == Scheme.HOUSEHOLD_HI:
                lines = [x for x in lines if x.member == (enrollment.member_rank or 1)]
            preview = {"renewal": renewal, "lines": lines}
        except DomainError as exc:
            _refuse(form, exc)
    return render(request, "enrollment/enrollment_renew.html", {"enrollment": enrollment, "form": form,
                                                                "preview": preview})


@login_required
def enrollment_end(request, pk: int):
    """Stop an enrollment on a date, with a reason."""
    enrollment = selectors.enrollment_get(user=request.user, pk=pk)
    require(request.user, Action.END_ENROLLMENT, enrollment.commune.path)
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.enrollment_end(user=request.user, enrollment=enrollment, on=form.cleaned_data["on"],
                                    reason=form.cleaned_data["reason"])
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, "Đã ghi nhận dừng tham gia.")
            return redirect("enrollment:person-detail", pk=enrollment.person_id)
    return render(request, "enrollment/enrollment_end.html", {"enrollment": enrollment, "form": form})




@login_required
def enrollment_contact(request, pk: int):
    """Record a follow-up of an enrollment from the worklist (a visit, a call, a promise to pay…), with those
    before it."""
    enrollment = selectors.enrollment_get(user=request.user, pk=pk)
    require(request.user, Action.RENEW, enrollment.commune.path)
    form = ContactForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            contact = services.contact_record(user=request.user, enrollment=enrollment, day=d["day"],
                                              outcome=d["outcome"], promised_on=d["promised_on"], reason=d["reason"],
                                              note=d["note"])
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"Đã ghi: {enrollment.person.full_name} — {contact.get_outcome_display()}"
                             + (f" {contact.promised_on:%d/%m/%Y}." if contact.promised_on else "."))
            return redirect("enrollment:worklist")
    from ansinh.enrollment.payment_codes import household_renewal_code, vsi_period_code

    today = timezone.localdate()
    return render(request, "enrollment/contact.html", {
        "enrollment": enrollment, "form": form,
        "payment_code": household_renewal_code(enrollment, on=today) or vsi_period_code(enrollment, on=today),
        "contacts": page_of(request, selectors.contact_list(user=request.user, enrollment=enrollment), per_page=20)})


@login_required
def receipt_cancel(request, pk: int):
    """Cancel a receipt entered by mistake, with the reason; the receipt page then shows it cancelled."""
    receipt = selectors.receipt_get(user=request.user, pk=pk)
    services.receipt_cancel_allowed(request.user, receipt)
    if receipt.cancelled:
        return redirect("enrollment:receipt-detail", pk=receipt.pk)
    form = CancelReceiptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.receipt_cancel(user=request.user, receipt=receipt, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"Đã huỷ biên lai số {receipt.number}.")
            return redirect("enrollment:receipt-detail", pk=receipt.pk)
    return render(request, "enrollment/receipt_cancel.html",
                  {"receipt": receipt, "form": form, "lines": selectors.receipt_lines(receipt)})


WORKLIST_DAYS = (7, 15, 30, 60, 90)


def _worklist_who(request) -> dict:
    """Whose entries (?mine=1: the user's own as a collector; ?collector=, ?point=: a staff or point code of the
    user's area). A code not found in the area says so and lists nothing."""
    from ansinh.network.models import CollectionPoint, Staff
    from ansinh.network.selectors import points_for, staff_for

    who: dict = {}
    collector_code = (request.GET.get("collector") or "").strip()[:30]
    point_code = (request.GET.get("point") or "").strip()[:30]
    if request.GET.get("mine"):
        who["collector"] = Staff.objects.filter(user=request.user).order_by("-id").first() or Staff(pk=0)
        if not who["collector"].pk:
            messages.info(request, "Tài khoản của bạn chưa gắn với hồ sơ cán bộ thu nào: không có hồ sơ “của tôi”.")
    elif collector_code:
        who["collector"] = staff_for(request.user).filter(code=collector_code).first() or Staff(pk=0)
        if not who["collector"].pk:
            messages.warning(request, f"Không có cán bộ thu mã {collector_code} trong địa bàn của bạn.")
    if point_code:
        who["point"] = points_for(request.user, "view").filter(code=point_code).first() or CollectionPoint(pk=0)
        if not who["point"].pk:
            messages.warning(request, f"Không có điểm thu mã {point_code} trong địa bàn của bạn.")
    return who


@login_required
def worklist(request):
    """The collector's list: HI cards ending in the next N days (30 unless chosen), cards that ended but can still
    be renewed without breaking continuity (with the last day to do so), and voluntary SI paid up to within N days."""
    today, days = timezone.localdate(), selectors.worklist_days(request.GET.get("days"))
    params = current_parameters()
    who = _worklist_who(request)
    cards = selectors.worklist_of(selectors.cards_expiring(user=request.user, today=today, days=days), **who)
    lapsed = selectors.worklist_of(selectors.cards_lapsed(user=request.user, today=today), **who)
    due = selectors.worklist_of(selectors.vsi_due(user=request.user, today=today, days=days), enrollment="", **who)
    vsi_ended = selectors.worklist_of(selectors.vsi_due(user=request.user, today=today, ended=True), enrollment="",
                                      **who)
    if request.GET.get("format") == "csv":
        def card_row(card, kind: str, renew_by: str) -> list:
            e = card.enrollment
            return [kind, e.person.full_name, mask_id(e.person.citizen_id), mask_id(e.person.phone),
                    e.household.code if e.household else "", card.valid_until.strftime("%d/%m/%Y"), renew_by,
                    e.collection_point.name if e.collection_point else ""]

        rows = [card_row(card, "BHYT hộ gia đình", "") for card in cards]
        rows += [card_row(card, "BHYT hộ gia đình (đã hết hạn)",
                          continuity_deadline(card.valid_until, params).strftime("%d/%m/%Y")) for card in lapsed]
        rows += [[kind, e.person.full_name, mask_id(e.person.citizen_id), mask_id(e.person.phone), "",
                  e.end_date.strftime("%d/%m/%Y"), "", e.collection_point.name if e.collection_point else ""]
                 for kind, entries in (("BHXH tự nguyện", due), ("BHXH tự nguyện (đã quá kỳ đóng)", vsi_ended))
                 for e in entries]
        return excel.csv_response("can-gia-han.csv", ["Loại", "Họ và tên", "Số định danh", "Điện thoại", "Mã hộ",
                                                      "Hết hạn", "Gia hạn trước ngày", "Điểm thu"], rows)
    if request.GET.get("format") == "print":
        return _worklist_print(request, today=today, days=days, params=params, cards=cards, lapsed=lapsed, due=due)
    cards_page, lapsed_page = page_of(request, cards, param="cards"), page_of(request, lapsed, param="lapsed")
    for card in lapsed_page:
        card.renew_by = continuity_deadline(card.valid_until, params)
        card.days_left = (card.renew_by - today).days
    households = {c.enrollment.household_id: c.enrollment.household for c in [*cards_page, *lapsed_page]
                  if c.enrollment.household_id}
    due_now = quotes.household_renewal_due(list(households.values()), on=today, params=params)
    for card in [*cards_page, *lapsed_page]:
        card.household_due = due_now.get(card.enrollment.household_id)
    from ansinh.enrollment.payment_codes import vsi_amount_now

    due_page, ended_page = page_of(request, due, param="due"), page_of(request, vsi_ended, param="ended")
    for e in [*due_page, *ended_page]:  # a page of 20 at most each: one quote per entry
        e.amount_now = vsi_amount_now(e, on=today, params=params)
    from ansinh.network.models import Staff

    own = Staff.objects.filter(user=request.user).order_by("-id").first()
    prospects_mine = selectors.prospect_list(user=request.user, today=today, collector=own).count() if own else None
    return render(request, "enrollment/worklist.html", {
        "cards": cards_page, "lapsed": lapsed_page, "prospects_mine": prospects_mine,
        "due": due_page, "vsi_ended": ended_page,
        "today": today, "days": days, "choices": WORKLIST_DAYS,
        "outcomes": ContactOutcome.choices, "who": request.GET.urlencode()})


PRINT_LINES = 300  # a printed list is a day's round, not the province: the rest is on the next filter


def _worklist_print(request, *, today, days, params, cards, lapsed, due):
    """The worklist on A4, one line a household (its cards end or lapsed together) and one a VSI participant: who,
    where, the phone (masked: the follow-up page has it whole), the deadline, the amount now, and the VietQR code of
    the transfer with its reference."""
    from ansinh.enrollment.payment_codes import household_reference, payment_code, vsi_reference

    lines, seen = [], set()
    for kind, card in [*(("lapsed", c) for c in lapsed[:PRINT_LINES]), *(("expiring", c) for c in cards[:PRINT_LINES])]:
        e = card.enrollment
        key = ("h", e.household_id) if e.household_id else ("p", e.person_id)
        if key in seen:
            continue
        seen.add(key)
        lines.append({"kind": kind, "enrollment": e, "card": card, "household": e.household,
                      "deadline": continuity_deadline(card.valid_until, params) if kind == "lapsed" else
                      card.valid_until})
    households = [line["household"] for line in lines if line["household"]]
    due_now = quotes.household_renewal_due(households, on=today, params=params)
    for line in lines:
        household = line["household"]
        line["amount"] = due_now.get(household.pk) if household else None
        line["reference"] = household_reference(household.pk, today) if household else ""
    for e in due[:PRINT_LINES]:
        try:
            amount = quotes.renewal_quote(enrollment=e, months=1, on=today, params=params).amount
        except DomainError:
            amount = None
        lines.append({"kind": "vsi", "enrollment": e, "household": None, "deadline": e.end_date, "amount": amount,
                      "reference": vsi_reference(e.pk, today)})
    for line in lines[:PRINT_LINES]:
        code = payment_code(line["enrollment"].collection_point, amount=line["amount"], reference=line["reference"])
        line["svg"] = code["svg"] if code else ""
    return render(request, "enrollment/worklist_print.html", {
        "lines": lines[:PRINT_LINES], "cut": len(lines) > PRINT_LINES, "today": today, "days": days,
        "printed_at": timezone.localtime()})


@login_required
def worklist_report(request):
    """What came of the follow-ups of a period (this month unless chosen): by collector, how many, by outcome, how
    many were paid within 30 days; the reasons of refusals."""
    from ansinh.core.forms import read_date

    today = timezone.localdate()
    start = read_date(request.GET.get("from")) or today.replace(day=1)
    end = read_date(request.GET.get("to")) or today
    if end < start:
        messages.warning(request, "Đến ngày trước từ ngày: đã đổi chỗ hai ngày.")
        start, end = end, start
    report = selectors.contact_report(user=request.user, start=start, end=end)
    return render(request, "enrollment/worklist_report.html", {"report": report, "outcomes": ContactOutcome.choices})


@login_required
def exports(request):
    """D03-TS / D05-TS for a collection point and a period, as the Excel file officials keep."""
    form = ExportForm(request.GET or None, user=request.user)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        build = exporters.d05_workbook if data["form"] == "d05" else exporters.d03_workbook
        content = build(user=request.user, point=data["collection_point"], date_from=data["date_from"],
                        date_to=data["date_to"])
        name = f"{data['form'].upper()}-TS_{data['collection_point'].code}_{data['date_from']:%Y%m%d}-" \
               f"{data['date_to']:%Y%m%d}.xlsx"
        response = HttpResponse(content,
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "enrollment/exports.html", {"form": form})


@login_required
def person_detail(request, pk: int):
    """A person's identity, household, enrollments, payments, cards and the change log."""
    person = person_get(user=request.user, pk=pk)
    enrollments = list(selectors.person_enrollments(person))
    contributions = list(selectors.person_contributions(person))
    cards = list(selectors.person_cards(person))
    receipts = {c.receipt for c in contributions}
    changes = selectors.record_changes(
        user=request.user, objects=[person, *enrollments, *contributions, *receipts],
        import_sources=[person.source, *(e.source for e in enrollments)])
    can_change = path_in_scope(request.user, person.commune.path, Action.PAY)
    open_vsi = any(e.scheme == Scheme.VOLUNTARY_SI and e.status == EnrollmentStatus.ACTIVE for e in enrollments)
    return render(request, "enrollment/person_detail.html", {
        "person": person, "enrollments": enrollments, "contributions": contributions, "cards": cards,
        "changes": changes, "can_change": can_change, "can_end": path_in_scope(request.user, person.commune.path,
                                                                                Action.END_ENROLLMENT),
        "open_vsi": open_vsi, "statuses": person.statuses.all(),
        "can_change_member": path_in_scope(request.user, person.commune.path, Action.CHANGE_MEMBER),
    })


@login_required
def person_edit(request, pk: int):
    """Correct a person's record: identity, the SI code BHXH issued (pending cards get their number), residence."""
    person = person_get(user=request.user, pk=pk)
    require(request.user, Action.CHANGE_MEMBER, person.commune.path, what="Người")
    today = timezone.localdate()
    form = PersonEditForm(request.POST or None, user=request.user, today=today,
                          initial=PersonEditForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_correct(
                user=request.user, person=person, full_name=data["full_name"], date_of_birth=data["date_of_birth"],
                sex=data["sex"], citizen_id=data.get("citizen_id") or None,
                legacy_si_code=data.get("legacy_si_code") or None, phone=data.get("phone") or None,
                ethnicity=data.get("ethnicity") or "Kinh", address=data.get("address") or "",
                commune=data["commune"], reason=data.get("reason") or "")
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"Đã lưu hồ sơ {person.full_name}.")
            return redirect("enrollment:person-detail", pk=person.pk)
    return render(request, "enrollment/person_edit.html", {"person": person, "form": form})


# ------------------------------------------------------------------------------------------- imports

def _kept_upload(form, *, folder: str = "", command: str) -> Path | None:
    """The form's file kept for the worker (`core.importing.store_upload`), or None with the reason on the form: too
    big for a page (the command to use instead), or a damaged workbook."""
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD_BYTES:
        form.add_error("file", f"Tệp lớn hơn 50 MB: hãy nhập bằng dòng lệnh `{command}`.")
        return None
    try:
        return store_upload(upload, folder=folder)
    except UnreadableFile as exc:
        form.add_error("file", str(exc))
        return None


@login_required
def import_upload(request):
    """Upload a CSV/Excel file of people, households and enrollments; see the result and the error file."""
    require_role(request.user, Action.REGISTER)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = _kept_upload(form, command="ansinh import people")
        if path is not None:
            run = people_run_create(path, user=request.user, file_name=upload.name,
                                    layout=form.cleaned_data["layout"],
                                    point_code=getattr(form.cleaned_data["point"], "code", ""),
                                    commune_code=getattr(form.cleaned_data["commune"], "code", ""))
            jobs.enqueue(import_people_file, run)
            return redirect("enrollment:import-detail", pk=run.pk)
    runs = page_of(request, selectors.import_run_list(user=request.user), per_page=20)
    return render(request, "enrollment/import.html", {"form": form, "runs": runs})


def _error_file(run) -> Path | None:
    if not run.error_file:
        return None
    path = Path(run.error_file)
    full = path if path.is_absolute() else Path(settings.MEDIA_ROOT) / path
    return full if full.exists() else None


def _first_reasons(path: Path | None, limit: int = 20) -> list[str]:
    """The first reasons of an error file (its last column), to show on the page."""
    if path is None:
        return []
    from ansinh.core.importing import REASON_HEADER, open_rows

    source = open_rows(path)
    reasons, column = [], None
    try:
        for row in source.rows:
            cells = [str(c).strip() if c is not None else "" for c in row]
            if column is None:
                column = cells.index(REASON_HEADER) if REASON_HEADER in cells else None
                continue
            if column < len(cells) and cells[column]:
                reasons.append(cells[column])
                if len(reasons) >= limit:
                    break
    finally:
        source.close()
    return reasons


@login_required
def import_detail(request, pk: int):
    """What an import stored, left unchanged and refused (the first reasons shown), with the error file."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    return render(request, "enrollment/import_detail.html", {"run": run,
                                                           "reasons": _first_reasons(_error_file(run))})


@login_required
def import_errors(request, pk: int):
    """Download the error file of an import (original columns + the reason)."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    full = _error_file(run)
    if full is None:
        raise Http404("Lần nhập này không có tệp lỗi.")
    return FileResponse(open(full, "rb"), as_attachment=True, filename=full.name)  # noqa: SIM115


@login_required
@require_POST
def import_retry(request, pk: int):
    """Run again an import that failed or whose worker died."""
    from ansinh.enrollment.prospects import residents_run_retry

    run = selectors.import_run_get(user=request.user, pk=pk)
    from ansinh.enrollment.bank import statement_run_retry

    retry = {"residents": residents_run_retry, "bank-statement": statement_run_retry}.get(run.kind, people_run_retry)
    if retry(user=request.user, run=run):
        messages.success(request, "Đã xếp lại lần nhập vào hàng đợi.")
    else:
        messages.info(request, "Lần nhập này đang chạy hoặc đã xong: không cần chạy lại.")
    return redirect("enrollment:import-detail", pk=run.pk)


@login_required
def person_reminders(request, pk: int):
    """A person's consents to reminders (SMS, Zalo, e-mail): add one, or stop one (an officer's flag); the
    reminders sent to them."""
    person = person_get(user=request.user, pk=pk)
    can_change = path_in_scope(request.user, person.commune.path, Action.CHANGE_MEMBER)
    form = ReminderConsentForm(request.POST or None, initial={"given_on": timezone.localdate(), "channel": "sms",
                                                              "address": person.phone})
    if request.method == "POST":
        require(request.user, Action.CHANGE_MEMBER, person.commune.path, what="Người")
        if request.POST.get("stop"):
            stop = request.POST["stop"]
            consent = selectors.reminder_consents(user=request.user, person=person).filter(
                pk=int(stop) if stop.isdigit() else 0).first()
            if consent is None:
                raise Http404
            services.reminder_opt_out(user=request.user, consent=consent)
            messages.success(request, f"Đã ngừng nhắc qua {consent.get_channel_display()} cho {person.full_name}.")
            return redirect("enrollment:person-reminders", pk=person.pk)
        if form.is_valid():
            d = form.cleaned_data
            try:
                consent = services.reminder_consent_set(user=request.user, person=person, channel=d["channel"],
                                                        address=d["address"], given_on=d["given_on"],
                                                        source=d["source"])
            except DomainError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, f"Đã ghi: {person.full_name} đồng ý nhận nhắc qua "
                                          f"{consent.get_channel_display()}.")
                return redirect("enrollment:person-reminders", pk=person.pk)
    return render(request, "enrollment/person_reminders.html", {
        "person": person, "form": form, "can_change": can_change,
        "consents": selectors.reminder_consents(user=request.user, person=person),
        "sent": page_of(request, selectors.reminder_list(user=request.user).filter(person=person), per_page=20)})


@login_required
def reminders(request):
    """The reminders of the user's area: what today's run would send (the dry run), the runs of the last days, and
    the log of what was sent, delivered or failed."""
    from ansinh.core.messaging import configured_channels
    from ansinh.enrollment.choices import ReminderChannel, ReminderKind
    from ansinh.enrollment.models import ReminderRun
    from ansinh.enrollment.reminders import mask_address, message_for

    today = timezone.localdate()
    channels = list(configured_channels())
    preview = selectors.reminders_due(today=today, channels=channels or list(ReminderChannel.values),
                                      user=request.user)
    rows = [{"draft": d, "kind": ReminderKind(d.kind).label, "address": mask_address(d.consent.address),
             "text": message_for(d, d.consent.channel, attach=False).text} for d in preview[:200]]
    log = page_of(request, selectors.reminder_list(user=request.user), per_page=50)
    for reminder in log:
        reminder.shown_address = mask_address(reminder.address)
    return render(request, "enrollment/reminders.html", {
        "today": today, "channels": [ReminderChannel(c).label for c in channels], "preview": rows,
        "preview_count": len(preview),
        "runs": ReminderRun.objects.order_by("-day")[:10], "log": log})


# ------------------------------------------------------------------------------------------- prospects


@login_required
def prospects(request):
    """Who is not covered yet: the resident lists of the area with their counts, and — for the commune's own users
    and the collectors they are given to — the prospects by household, with 12 months of household HI priced
    today, to give to a collector or register in one step."""
    from ansinh.geo.models import Unit
    from ansinh.network.models import Staff

    today = timezone.localdate()
    commune = collector = None
    code = (request.GET.get("commune") or "").strip()[:10]
    if code:
        commune = Unit.objects.restrict(request.user).filter(level="commune", code=code).first() or Unit(pk=0)
        if not commune.pk:
            messages.warning(request, f"Không có xã mã {code} trong địa bàn của bạn.")
    if request.GET.get("mine"):
        collector = Staff.objects.filter(user=request.user).order_by("-id").first() or Staff(pk=0)
    needs = request.GET.get("needs") if request.GET.get("needs") in ("hi", "vsi") else ""
    rows = selectors.prospect_list(user=request.user, today=today, commune=commune, collector=collector, needs=needs)
    page = page_of(request, rows, per_page=100)
    households = selectors.prospect_households(page.object_list, today=today)
    for household in households:
        for p in household.members:
            p.shown_id = mask_id(p.citizen_id)
    return render(request, "enrollment/prospects.html", {
        "today": today, "lists": selectors.resident_lists(user=request.user)[:20], "page": page,
        "households": households, "needs": needs, "commune": commune, "mine": bool(collector),
        "may_register": request.user.may(Action.REGISTER), "may_assign": request.user.may(Action.MANAGE_STAFF),
        "assign_form": ProspectAssignForm(user=request.user),
        "sees_names": selectors.prospects_visible(user=request.user).exists(),
        "retention": settings.ANSINH_PROSPECT_RETENTION_MONTHS})


def _back(request, default: str = "enrollment:prospects"):
    target = request.POST.get("next") or ""
    return redirect(target if target.startswith("/registry/prospects/") else default)


@login_required
@require_POST
def prospects_assign(request):
    """Give the chosen prospects (a household's) to a collector of the area, or take them back (officers)."""
    require_role(request.user, Action.MANAGE_STAFF)
    ids = [int(v) for v in request.POST.getlist("prospect") if v.isdigit()][:500]
    chosen = list(selectors.prospects_visible(user=request.user).filter(pk__in=ids).select_related(
        "commune", "collector"))
    form = ProspectAssignForm(request.POST, user=request.user)
    if not chosen:
        messages.warning(request, "Chưa chọn người nào để giao.")
    elif not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        collector = form.cleaned_data.get("collector")
        try:
            changed = services.prospect_assign(user=request.user, prospects=chosen, collector=collector)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            who = f"{collector.code} — {collector.full_name}" if collector else "không ai (bỏ giao)"
            messages.success(request, f"Đã giao {changed} người cho {who}.")
    return _back(request)


@login_required
@require_POST
def prospect_register(request, pk: int):
    """Register a prospect's household in one step: the members not in ansinh yet, with the list's data; then pay
    on the household's page."""
    from ansinh.enrollment.models import Prospect

    require_role(request.user, Action.REGISTER)
    if not Prospect.objects.restrict(request.user).filter(pk=pk).exists():
        raise Http404("Không tìm thấy người cần vận động.")
    prospect = selectors.prospects_visible(user=request.user).filter(pk=pk).select_related("commune").first()
    if prospect is None:
        raise PermissionDenied(selectors.PROSPECTS_COMMUNE_ONLY)
    members = [prospect]
    if prospect.household_number:
        members = list(selectors.prospects_visible(user=request.user).filter(
            commune=prospect.commune, household_number=prospect.household_number, resident_list=prospect.resident_list,
            status="open"))
    if not members:
        messages.info(request, f"Hộ số {prospect.household_number} đã được đăng ký từ danh sách cư trú.")
        return _back(request)
    try:
        household = services.prospects_register(user=request.user, prospects=members)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(request)
    messages.success(request, f"Đã đăng ký hộ {household.code}: {len(members)} người từ danh sách cư trú. Hãy thu "
                              "tiền BHYT hộ gia đình ở trang của hộ.")
    return redirect("enrollment:household-detail", pk=household.pk)


@login_required
def prospects_import(request):
    """Upload a commune's resident list; the worker matches it and the result page follows it."""
    from ansinh.enrollment.prospects import residents_run_create
    from ansinh.enrollment.tasks import import_residents_file

    require_role(request.user, Action.REGISTER)
    today = timezone.localdate()
    form = ResidentListForm(request.POST or None, request.FILES or None, user=request.user, today=today)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = _kept_upload(form, folder="residents", command="ansinh import residents")
        if path is not None:
            try:
                run = residents_run_create(path, user=request.user, commune=form.cleaned_data["commune"],
                                           listed_on=form.cleaned_data["listed_on"], file_name=upload.name,
                                           delete_file=True)
            except DomainError as exc:
                path.unlink(missing_ok=True)
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                jobs.enqueue(import_residents_file, run)
                return redirect("enrollment:import-detail", pk=run.pk)
    return render(request, "enrollment/prospects_import.html", {"form": form,
                                                               "retention": settings.ANSINH_PROSPECT_RETENTION_MONTHS})


# ------------------------------------------------------------------------------------------- bank statements


@login_required
def bank_statements(request):
    """Upload a collection point's bank statement (the transfers made with ansinh's VietQR codes are recorded as
    payments by the worker), and the transfers read so far: those to look at first."""
    from ansinh.enrollment.bank import statement_run_create
    from ansinh.enrollment.tasks import import_bank_statement

    require_role(request.user, Action.RENEW)
    form = BankStatementForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = _kept_upload(form, folder="bank", command="ansinh import bank-statement")
        if path is not None:
            try:
                run = statement_run_create(path, user=request.user, point=form.cleaned_data["point"],
                                           file_name=upload.name)
            except DomainError as exc:
                path.unlink(missing_ok=True)
                form.add_error(None, exc.message)
            else:
                jobs.enqueue(import_bank_statement, run)
                return redirect("enrollment:import-detail", pk=run.pk)
    status = request.GET.get("status") if request.GET.get("status") in ("recorded", "refused") else ""
    transfers = page_of(request, selectors.transfer_list(user=request.user, status=status), per_page=50)
    return render(request, "enrollment/bank.html", {"form": form, "transfers": transfers, "status": status})
