"""Field pages of the registry: find people and households, register a household with its members or one person.
A person's history, payments, receipts, imports and exports are in `ansinh.enrollment.views`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ansinh.core import excel
from ansinh.core.errors import DomainError
from ansinh.core.paging import page_of
from ansinh.core.scoping import Action, require, require_role
from ansinh.registry import selectors, services
from ansinh.registry.filters import HouseholdFilter, PersonFilter
from ansinh.registry.forms import HouseholdForm, MemberFormSet, PersonForm, PersonStatusForm
from ansinh.registry.models import mask_id


@login_required
def search(request):
    """Find a person or a household by name (no accents needed), citizen ID, SI code or phone."""
    found = PersonFilter(request.GET, queryset=selectors.person_list(user=request.user))
    query = (request.GET.get("q") or "").strip()
    people = found.qs
    if request.GET.get("format") == "csv":
        return excel.csv_response("nguoi-tham-gia.csv", ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh",
                                                         "Điện thoại", "Xã/phường", "Mã hộ"],
                                  ([p.full_name, p.date_of_birth.strftime("%d/%m/%Y"), p.get_sex_display(),
                                    mask_id(p.citizen_id), mask_id(p.phone), p.commune.name,
                                    p.household.code if p.household else ""] for p in people.iterator()))
    households = HouseholdFilter(request.GET, queryset=selectors.household_list(user=request.user)).qs[:10] \
        if query else []
    page = page_of(request, people)
    context = {"form": found.form, "query": query, "people": page, "page": page, "households": households,
               "can_add": request.user.may(Action.REGISTER)}
    template = "registry/_results.html" if request.headers.get("HX-Request") else "registry/search.html"
    return render(request, template, context)


def _member_inputs(formset) -> list[services.MemberInput]:
    return [services.MemberInput(
        full_name=f.cleaned_data["full_name"], date_of_birth=f.cleaned_data["date_of_birth"],
        sex=f.cleaned_data["sex"], relation=f.cleaned_data.get("relation") or "",
        citizen_id=f.cleaned_data.get("citizen_id") or None, phone=f.cleaned_data.get("phone") or None,
        ethnicity=f.cleaned_data.get("ethnicity") or "Kinh") for f in formset.forms
        if f.cleaned_data.get("full_name")]


@login_required
def household_new(request):
    """Register a household and its members (then pay for them on the household's page)."""
    require_role(request.user, Action.REGISTER)
    today = timezone.localdate()
    form = HouseholdForm(request.POST or None, user=request.user, today=today)
    formset = MemberFormSet(request.POST or None, prefix="m", form_kwargs={"today": today})
    formset.forms[0].fields["relation"].initial = "head"
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        members = _member_inputs(formset)
        try:
            household = services.household_register_with_members(
                user=request.user, commune=form.cleaned_data["commune"], members=members,
                code=form.cleaned_data["code"] or "", address=form.cleaned_data["address"] or "")
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã đăng ký hộ {household.code} với {len(members)} thành viên.")
            return redirect("enrollment:household-detail", pk=household.pk)
    return render(request, "registry/household_new.html", {"form": form, "formset": formset})


@login_required
def person_new(request):
    """Register one person (for voluntary SI, or before adding them to a household)."""
    require_role(request.user, Action.REGISTER)
    form = PersonForm(request.POST or None, user=request.user, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_register(
                user=request.user, full_name=data["full_name"], date_of_birth=data["date_of_birth"], sex=data["sex"],
                commune=data["commune"], citizen_id=data.get("citizen_id") or None, phone=data.get("phone") or None,
                ethnicity=data.get("ethnicity") or "Kinh", address=data.get("address") or "")
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Đã đăng ký {person.full_name}.")
            return redirect("enrollment:person-detail", pk=person.pk)
    return render(request, "registry/person_new.html", {"form": form})


@login_required
def person_status_new(request):
    """Record what a person is recognised as for a year (near-poor, student, …) with its decision or list.

    Reached from a person's page or from the household's (then any member may be chosen); the payment forms
    apply the status of the payment's year from then on. Goes back to the page it came from (`next`).
    """
    require_role(request.user, Action.CHANGE_MEMBER)
    key = request.POST.get("person") or request.GET.get("person") or ""
    if not key.isdigit():
        return render(request, "registry/person_status.html", {"person": None}, status=400)
    person = selectors.person_get(user=request.user, pk=int(key))
    require(request.user, Action.CHANGE_MEMBER, person.commune.path, what="Người")
    form = PersonStatusForm.for_person(person, request.POST or None, household=person.household)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = selectors.person_get(user=request.user, pk=data["person"])
        try:
            row = services.person_status_set(user=request.user, person=chosen, year=data["year"], kind=data["kind"],
                                             evidence=data["evidence"], decided_on=data.get("decided_on"),
                                             local_group=data.get("local_group") or "")
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Đã ghi {chosen.full_name}: {row.get_kind_display().lower()} năm {row.year}.")
            return redirect(back or "enrollment:person-detail", **({} if back else {"pk": chosen.pk}))
    return render(request, "registry/person_status.html", {"form": form, "person": person, "next": back})


@login_required
@require_POST
def person_status_delete(request, pk: int):
    """Withdraw a status entered by mistake (payments already made keep the quote they were made with)."""
    status = selectors.person_status_get(user=request.user, pk=pk)
    person = status.person
    require(request.user, Action.CHANGE_MEMBER, person.commune.path, what="Người")
    services.person_status_remove(user=request.user, status=status)
    messages.success(request, f"Đã bỏ {status.get_kind_display().lower()} năm {status.year} của {person.full_name}.")
    return redirect("enrollment:person-detail", pk=person.pk)
