"""Pages under /sponsors/: sponsors, their pledges with the money handed over and the cards given, paying a card,
the sponsor's statement and letter of thanks (PDF), and the list by unit for the steering committee."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.core.errors import DomainError
from ansinh.core.paging import page_of
from ansinh.core.scoping import Action, path_in_scope, require, require_role
from ansinh.core.text import fold
from ansinh.enrollment import services as enrollment_services
from ansinh.enrollment.quotes import card_quote, quote_lines
from ansinh.sponsors import exporters, selectors, services
from ansinh.sponsors.forms import CardPayForm, ListForm, PledgeForm, ReceiveForm, ReleaseForm, SponsorForm


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def sponsor_list(request):
    """Sponsors of the user's area (searched by name or tax code); officers register one here."""
    form = None
    if request.user.may(Action.MANAGE_SPONSORS):
        form = SponsorForm(request.POST or None, user=request.user)
    if request.method == "POST":
        require_role(request.user, Action.MANAGE_SPONSORS)
        if form.is_valid():
            d = form.cleaned_data
            try:
                sponsor = services.sponsor_create(
                    user=request.user, kind=d["kind"], name=d["name"], unit=d["unit"], tax_code=d["tax_code"],
                    contact_name=d["contact_name"], phone=d["phone"], email=d["email"], address=d["address"],
                    note=d["note"])
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, f"Đã ghi nhà tài trợ {sponsor.name}.")
                return redirect("sponsors:sponsor-detail", pk=sponsor.pk)
    query = request.GET.get("q", "").strip()
    sponsors = selectors.sponsor_list(request.user)
    if query:
        sponsors = sponsors.filter(search_text__contains=fold(query))
    page = page_of(request, sponsors)
    return render(request, "sponsors/sponsor_list.html", {"sponsors": page, "page": page, "form": form,
                                                          "query": query})


@login_required
def sponsor_detail(request, pk: int):
    """One sponsor, its pledges with their balances; officers record a pledge here."""
    sponsor = selectors.sponsor_get(request.user, pk)
    form = None
    if request.user.may(Action.MANAGE_SPONSORS):
        today = timezone.localdate()
        form = PledgeForm(request.POST or None, user=request.user,
                          initial={"pledged_on": today, "period_start": today, "unit": sponsor.unit})
    if request.method == "POST":
        require_role(request.user, Action.MANAGE_SPONSORS)
        if form.is_valid():
            d = form.cleaned_data
            try:
                pledge = services.pledge_create(
                    user=request.user, sponsor=sponsor, unit=d["unit"], pledged_on=d["pledged_on"],
                    beneficiaries=d["beneficiaries"], school=d["school"], amount=d["amount"], cards=d["cards"],
                    share=d["share"], fixed_amount=d["fixed_amount"], months=d["months"],
                    period_start=d["period_start"], period_end=d["period_end"], note=d["note"])
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, f"Đã ghi cam kết {pledge.code}.")
                return redirect("sponsors:pledge-detail", pk=pledge.pk)
    pledges = list(selectors.pledge_list(request.user).filter(sponsor=sponsor))
    balances = selectors.pledge_balances(pledges)
    return render(request, "sponsors/sponsor_detail.html", {
        "sponsor": sponsor, "form": form, "rows": [(p, balances[p.pk]) for p in pledges]})


@login_required
def pledge_list(request):
    """Every pledge to the user's area by unit, with its balance (the steering committee's list; Excel too)."""
    rows = selectors.pledges_by_unit(request.user)
    if request.GET.get("format") == "xlsx":
        return exporters.pledges_xlsx(rows, user=request.user)
    totals = exporters.totals(rows)
    return render(request, "sponsors/pledge_list.html", {"rows": rows, "totals": totals})


def _pledge_page(request, pledge, *, receive=None, release=None, status=200):
    query = request.GET.get("q", "").strip()
    may_manage = path_in_scope(request.user, pledge.unit.path, Action.MANAGE_SPONSORS)
    cards = list(selectors.pledge_cards(pledge).filter(pk__in=selectors.card_list(request.user).values("pk")))
    candidates = selectors.beneficiary_candidates(request.user, pledge, query) if may_manage and query else []
    today = timezone.localdate()
    return render(request, "sponsors/pledge_detail.html", {
        "pledge": pledge, "balance": selectors.pledge_balance(pledge), "receipts": pledge.receipts.all(),
        "cards": [(c, selectors.card_state(c)) for c in cards], "candidates": candidates, "query": query,
        "may_manage": may_manage, "may_pay": request.user.may(Action.PAY),
        "receive": receive or ReceiveForm(initial={"received_on": today}), "release": release or ReleaseForm(),
        "upload": ListForm(),
    }, status=status)


@login_required
def pledge_detail(request, pk: int):
    """A pledge: its balance, the money handed over, the cards given (paid, waiting, taken back); officers search
    the registry for beneficiaries and give them cards here."""
    return _pledge_page(request, selectors.pledge_get(request.user, pk))


@login_required
@require_POST
def pledge_receive(request, pk: int):
    """Record money the sponsor handed over."""
    pledge = selectors.pledge_get(request.user, pk)
    require(request.user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    form = ReceiveForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.pledge_receive(user=request.user, pledge=pledge, received_on=d["received_on"],
                                    amount=d["amount"], reference=d["reference"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, "Đã ghi số tiền nhà tài trợ chuyển.")
            return redirect("sponsors:pledge-detail", pk=pledge.pk)
    return _pledge_page(request, pledge, receive=form, status=400)


@login_required
@require_POST
def pledge_give(request, pk: int):
    """Give cards to the people ticked, in the order listed (the last may get part of a card)."""
    pledge = selectors.pledge_get(request.user, pk)
    require(request.user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    ids = [i for i in map(selectors.as_id, request.POST.getlist("person")) if i is not None]
    people = {p.pk: p for p in selectors.person_list_for(request.user, ids)}
    chosen = [people[i] for i in ids if i in people]
    if not chosen:
        messages.error(request, "Hãy chọn ít nhất một người để hỗ trợ thẻ.")
        return redirect("sponsors:pledge-detail", pk=pledge.pk)
    try:
        given = services.cards_give(user=request.user, pledge=pledge, people=chosen, on=timezone.localdate())
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("sponsors:pledge-detail", pk=pledge.pk)
    if given.cards:
        messages.success(request, f"Đã hỗ trợ thẻ cho {len(given.cards)} người.")
    for _person, exc in given.refused:
        messages.error(request, exc.message)
    return redirect("sponsors:pledge-detail", pk=pledge.pk)


@login_required
@require_POST
def pledge_import(request, pk: int):
    """Upload a school's list for the pledge; the worker gives each pupil found in the registry a card, in the list's
    order, and the result page follows it (the rows refused are in the error file)."""
    from ansinh.core import jobs
    from ansinh.core.importing import UnreadableFile, store_upload
    from ansinh.sponsors.importers import beneficiaries_run_create
    from ansinh.sponsors.tasks import import_beneficiaries_file

    pledge = selectors.pledge_get(request.user, pk)
    require(request.user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    form = ListForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Hãy chọn tệp danh sách (.xlsx hoặc .csv).")
        return redirect("sponsors:pledge-detail", pk=pledge.pk)
    upload = form.cleaned_data["file"]
    try:
        path = store_upload(upload, folder="beneficiaries")
    except UnreadableFile as exc:
        messages.error(request, str(exc))
        return redirect("sponsors:pledge-detail", pk=pledge.pk)
    run = beneficiaries_run_create(path, user=request.user, pledge=pledge, on=timezone.localdate(),
                                   file_name=upload.name, delete_file=True)
    jobs.enqueue(import_beneficiaries_file, run)
    return redirect("sponsors:import-detail", pk=run.pk)


def _run_get(user, pk: int):
    from ansinh.enrollment.selectors import import_run_get

    run = import_run_get(user=user, pk=pk)
    if run.kind != "beneficiaries":
        raise Http404("Không phải lần nhập danh sách vào cam kết tài trợ.")
    return run


@login_required
def import_detail(request, pk: int):
    """What an import of a list into a pledge did: cards given, rows already given one, rows refused (the first
    reasons, the error file); the page follows the worker."""
    run = _run_get(request.user, pk)
    pledge = selectors.pledge_list(request.user).filter(pk=run.params.get("pledge")).first()
    return render(request, "sponsors/import_detail.html", {"run": run, "pledge": pledge,
                                                           "reasons": run.summary.get("reasons", [])})


@login_required
@require_POST
def import_retry(request, pk: int):
    """Run again an import into a pledge that failed or whose worker died."""
    from ansinh.sponsors.importers import beneficiaries_run_retry

    run = _run_get(request.user, pk)
    if beneficiaries_run_retry(user=request.user, run=run):
        messages.success(request, "Đã xếp lại lần nhập vào hàng đợi.")
    else:
        messages.info(request, "Lần nhập này đang chạy hoặc đã xong: không cần chạy lại.")
    return redirect("sponsors:import-detail", pk=run.pk)


@login_required
@require_POST
def pledge_close(request, pk: int):
    """End a pledge today (the cards not paid are taken back)."""
    pledge = selectors.pledge_get(request.user, pk)
    require(request.user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    try:
        services.pledge_close(user=request.user, pledge=pledge, on=timezone.localdate())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã kết thúc cam kết {pledge.code}.")
    return redirect("sponsors:pledge-detail", pk=pledge.pk)


@login_required
@require_POST
def card_release(request, pk: int):
    """Take a card back from its pledge (not paid yet), with the reason."""
    card = selectors.card_get(request.user, pk)
    require(request.user, Action.MANAGE_SPONSORS, card.pledge.unit.path, what="Cam kết tài trợ")
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            services.card_release(user=request.user, card=card, on=timezone.localdate(),
                                  reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã thu hồi thẻ của {card.person.full_name}.")
    else:
        messages.error(request, "Lý do thu hồi: " + " ".join(form.errors.get("reason", ["cần ghi lý do."])))
    return redirect("sponsors:pledge-detail", pk=card.pledge_id)


@login_required
def card_pay(request, pk: int):
    """Pay a sponsored card: the amount explained line by line (the sponsor's share, the family's rest), then the
    receipt."""
    card = selectors.card_get(request.user, pk)
    require(request.user, Action.PAY, card.commune.path, what="Người được hỗ trợ")
    pledge = card.pledge
    form = CardPayForm(request.POST or None, user=request.user, initial={"paid_on": timezone.localdate()})
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            if form.saving():
                card = services.card_pay(user=request.user, card=card, payment=enrollment_services.Payment(
                    receipt_number=form.cleaned_data["receipt_number"].strip(), paid_on=form.cleaned_data["paid_on"],
                    collection_point=form.cleaned_data["collection_point"],
                    collector=form.cleaned_data.get("collector")))
                messages.success(request, f"Đã ghi nhận đóng thẻ BHYT được tài trợ của {card.person.full_name}.")
                return redirect("enrollment:receipt-detail", pk=card.receipt_id)
            quote = card_quote(person=card.person, months=pledge.months, on=form.cleaned_data["paid_on"],
                               sponsor=services.card_share(card, pledge))
            preview = {"total": quote.members[-1].total,
                       "lines": [x for x in quote_lines(quote) if x.member == len(quote.members)]}
        except DomainError as exc:
            _form_error(form, exc)
    return render(request, "sponsors/card_pay.html", {"card": card, "pledge": pledge, "form": form,
                                                      "preview": preview, "state": selectors.card_state(card)})


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def pledge_statement(request, pk: int):
    """The sponsor's statement of a pledge (PDF): pledged, received, the cards paid, beneficiaries' names masked."""
    pledge = selectors.pledge_get(request.user, pk)
    return _pdf(exporters.statement_pdf(pledge, user=request.user), f"sao-ke-{pledge.code}.pdf")


@login_required
def pledge_thanks(request, pk: int):
    """The letter of thanks to the sponsor of a pledge (PDF)."""
    pledge = selectors.pledge_get(request.user, pk)
    return _pdf(exporters.thanks_pdf(pledge, user=request.user), f"thu-cam-on-{pledge.code}.pdf")
