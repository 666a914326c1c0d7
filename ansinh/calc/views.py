"""Pages: the public calculator "Tính mức đóng" (4 tabs) and the officers' parameter tables.

The calculator needs no login: forms are GET (results can be linked and printed), htmx swaps only the
result on each change, and every amount comes from the rules engine with the current parameters.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.calc import quotes, selectors, services
from ansinh.calc.choices import HI_GROUP_LABELS, HOUSEHOLD, LOCAL_GROUP_LABELS, TopUpScheme
from ansinh.calc.forms import (
    HI_GROUP_CHOICES,
    LOCAL_GROUP_CHOICES,
    HouseholdForm,
    IdentifierForm,
    ParameterRowForm,
    PensionForm,
    TopUpEndForm,
    TopUpRowForm,
    VoluntarySIForm,
)
from ansinh.calc.params import current_parameters
from ansinh.core.errors import DomainError
from ansinh.core.forms import read_date
from ansinh.core.models import ChangeLog
from ansinh.core.scoping import Action, require_role
from ansinh.rules import RuleError
from ansinh.rules.provinces import province_name

TABS = [
    ("household", "BHYT hộ gia đình", "calc:household"),
    ("voluntary_si", "BHXH tự nguyện", "calc:voluntary-si"),
    ("pension", "Lương hưu, BHXH một lần", "calc:pension"),
    ("identifier", "Tra mã số, thẻ BHYT", "calc:identifier"),
]

# Where a rules error points, in the form's own field names.
FIELD_ALIASES = {
    "group": "members", "groups": "members", "local_group": "members", "local_groups": "members", "ages": "members",
    "age": "members", "investment_rate_pct": "rate",
    "citizen_id": "value", "si_code": "value", "hi_card": "value", "phone": "value", "mbq": "average_income",
    "months_paid": "years", "amount_paid": "years", "date_of_birth": "birth_date", "category": "category",
}


def _data(request, defaults: dict) -> QueryDict:
    """The submitted query, or the defaults when the page is opened fresh."""
    if request.GET:
        return request.GET
    data = QueryDict(mutable=True)
    for key, value in defaults.items():
        data[key] = value
    return data


def _refuse(form, exc: RuleError | DomainError) -> dict:
    """Attach a refused calculation's message to the field it names (or to the form); return the error body."""
    body = quotes.error_body(exc)
    field = body.get("field")
    if body["code"] == "parameter_not_found":
        field = "on"
    field = FIELD_ALIASES.get(field, field)
    form.add_error(field if field in form.fields else None, body["message"])
    return body


def _page(request, template: str, partial: str, context: dict):
    """The whole page, or only the result when htmx asks."""
    context.setdefault("tabs", TABS)
    if request.headers.get("HX-Request"):
        return render(request, partial, {**context, "oob": True})
    return render(request, template, context)


def _member_rows(count: int, groups: list[str], local_groups: list[str], ages: list[str]) -> list[dict]:
    rows = []
    for i in range(count):
        group = groups[i] if i < len(groups) and groups[i] in HI_GROUP_LABELS else HOUSEHOLD
        local = local_groups[i] if i < len(local_groups) and local_groups[i] in LOCAL_GROUP_LABELS else ""
        age = ages[i].strip() if i < len(ages) else ""
        rows.append({"index": i + 1, "group": group, "local_group": local, "age": age})
    return rows


def _local_group_choices(province: str, on: dt.date | None) -> list[tuple[str, str]]:
    """The province's own groups with a household-HI top-up in force on the day (all its groups without a day)."""
    keys = current_parameters().local_groups_on(province, TopUpScheme.HI, on)
    return [c for c in LOCAL_GROUP_CHOICES if not c[0] or c[0] in keys]


def household(request):
    """Household HI: how much a household pays, member by member, with each support and its legal basis."""
    today = timezone.localdate()
    form = HouseholdForm(_data(request, {"on": today.isoformat(), "members": "1", "months": "12"}))
    groups, local_groups = request.GET.getlist("group"), request.GET.getlist("local_group")
    ages = request.GET.getlist("age")
    quote, count = None, 1
    province = request.GET.get("province", "")
    if form.is_valid():
        count = form.cleaned_data["members"]
        rows = _member_rows(count, groups, local_groups, ages)
        try:
            quote = quotes.household_hi(on=form.cleaned_data["on"], months=form.cleaned_data["months"],
                                        province=form.cleaned_data["province"] or None, members=count,
                                        groups=[r["group"] for r in rows],
                                        local_groups=[r["local_group"] for r in rows],
                                        ages=[r["age"] for r in rows])
        except (RuleError, DomainError) as exc:
            _refuse(form, exc)
    else:
        raw = form.data.get("members", "1")
        count = int(raw) if str(raw).isdigit() and 1 <= int(raw) <= quotes.MAX_MEMBERS else 1
    local_choices = _local_group_choices(province, form.cleaned_data.get("on") if form.is_valid() else None) \
        if province else []
    offered = ",".join(value for value, _ in local_choices)  # a new date may offer other groups of the province
    context = {
        "tab": "household", "form": form, "quote": quote, "today": today,
        "member_rows": _member_rows(count, groups, local_groups, ages),
        "group_choices": HI_GROUP_CHOICES, "local_group_choices": local_choices,
        "groups_changed": (request.GET.get("rendered_members") != str(count)
                           or request.GET.get("rendered_province", "") != province
                           or request.GET.get("rendered_local", "") != offered),
        "rendered_members": count, "rendered_province": province, "rendered_local": offered,
    }
    return _page(request, "calc/household.html", "calc/_household_result.html", context)


def voluntary_si(request):
    """Voluntary SI: the monthly contribution, state and local support, and the lump sums with their rate."""
    today = timezone.localdate()
    initial = {"on": today, "category": "other", "method": "regular", "months": 1}
    form = VoluntarySIForm(request.GET) if request.GET else VoluntarySIForm(initial=initial)
    quote, on = None, today
    if form.is_bound and form.is_valid():
        on = form.cleaned_data["on"]
        data = form.cleaned_data
        try:
            quote = quotes.voluntary_si(on=data["on"], income=data["income"], category=data["category"],
                                        method=data["method"], months=data["months"],
                                        province=data["province"] or None,
                                        support_months_used=data["support_months_used"] or 0, rate=data["rate"])
        except (RuleError, DomainError) as exc:
            _refuse(form, exc)
    context = {"tab": "voluntary_si", "form": form, "quote": quote, "today": today, "limits": _income_limits(on)}
    return _page(request, "calc/voluntary_si.html", "calc/_vsi_result.html", context)


def _income_limits(on: dt.date) -> dict | None:
    """The income range on a day, read from a minimal quote (money comes from the rules engine only)."""
    params = current_parameters()
    try:
        low = quotes.voluntary_si(on=on, income=int(params.value("poverty_line_rural", on)), params=params)
    except (RuleError, DomainError):
        return None
    return {"min_income": low.min_income, "max_income": low.max_income, "contribution": low.contribution_monthly}


def pension(request):
    """Pension estimate with the lump-sum alternative and, when not eligible, the monthly allowance."""
    today = timezone.localdate()
    initial = {"on": today, "sex": "female", "months": 0}
    form = PensionForm(request.GET) if request.GET else PensionForm(initial=initial)
    estimate = lump_sum = allowance = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            estimate, lump_sum, allowance = quotes.pension(
                on=data["on"], sex=data["sex"], years=data["years"], months=data["months"] or 0,
                average_income=data["average_income"], birth_date=data["birth_date"],
                joined_before_2021=data["joined_before_2021"], months_before_2014=data["months_before_2014"] or 0,
                state_support_received=data["state_support_received"] or 0)
        except (RuleError, DomainError) as exc:
            _refuse(form, exc)
    context = {"tab": "pension", "form": form, "estimate": estimate, "lump_sum": lump_sum, "allowance": allowance,
               "today": today}
    return _page(request, "calc/pension.html", "calc/_pension_result.html", context)


def identifier(request):
    """Decode a personal ID, an SI code, an HI card code or a mobile number."""
    today = timezone.localdate()
    form = IdentifierForm(request.GET) if request.GET else IdentifierForm(initial={"kind": "auto"})
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = quotes.identify(data["value"], kind=data["kind"] or "auto", birth_date=data["birth_date"],
                                     sex=data["sex"] or None, on=today)
        except (RuleError, DomainError) as exc:
            _refuse(form, exc)
    context = {"tab": "identifier", "form": form, "result": result, "today": today}
    return _page(request, "calc/identifier.html", "calc/_identifier_result.html", context)


def _parameters_context(request, on: dt.date, **forms) -> dict:
    is_admin = services.is_parameter_admin(request.user)
    provinces = services.top_up_provinces(request.user)
    shown = request.GET.get("province", "")
    top_ups = selectors.top_up_rows(on)
    context = {
        "on": on, "sections": selectors.parameter_sections(on),
        "top_ups": [r for r in top_ups if not shown or r.province == shown], "shown_province": shown,
        # one entry per code, named as on the page's date (52 was Bình Định, and is Gia Lai from 1/7/2025)
        "top_up_provinces": sorted({r.province: province_name(r.province, on) or r.province_name
                                    for r in top_ups}.items()),
        "is_admin": is_admin, "keeps_top_ups": services.keeps_top_ups(request.user),
        "my_provinces": provinces,
        "row_form": forms.get("row_form") or ParameterRowForm(initial={"valid_from": on}),
        "top_up_form": forms.get("top_up_form") or TopUpRowForm(initial={"valid_from": on}, provinces=provinces),
        "end_form": forms.get("end_form"),
        "open_form": forms.get("open_form", ""),
        "parameter_keys": selectors.parameter_keys(),
        "top_up_groups": {**services.top_up_groups(TopUpScheme.HI), **services.top_up_groups(TopUpScheme.VSI)},
        "log": ChangeLog.objects.restrict(request.user).filter(object_type__startswith="calc.")
        .select_related("user")[:20] if is_admin or provinces else [],
    }
    return context


def _on(request) -> dt.date:
    return read_date(request.GET.get("on")) or timezone.localdate()


@login_required
def parameters(request):
    """The law's parameter tables with their sources; administrators add a dated row when a decree comes out."""
    return render(request, "calc/parameters.html", _parameters_context(request, _on(request)))


def _add(request, form, service, open_form: str, success: str):
    if form.is_valid():
        try:
            row = service(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, success.format(row=row))
            return redirect("calc:parameters")
    context = _parameters_context(request, timezone.localdate(), **{open_form: form, "open_form": open_form})
    return render(request, "calc/parameters.html", context, status=400)


@login_required
@require_POST
def parameter_add(request):
    """Add a dated parameter row (administrators only)."""
    if not services.is_parameter_admin(request.user):
        raise PermissionDenied("Chỉ quản trị hệ thống được thêm dòng tham số.")
    return _add(request, ParameterRowForm(request.POST), services.parameter_row_add, "row_form",
                "Đã thêm dòng tham số {row}. Các lần tính từ ngày áp dụng dùng giá trị mới.")


@login_required
@require_POST
def top_up_add(request):
    """Add a provincial top-up row (administrators, and officers of the province)."""
    require_role(request.user, Action.MANAGE_LOCAL_SUPPORT)
    form = TopUpRowForm(request.POST, provinces=services.top_up_provinces(request.user))
    return _add(request, form, services.local_top_up_add, "top_up_form",
                "Đã thêm mức hỗ trợ của địa phương {row}. Các lần tính từ ngày hiệu lực dùng mức mới.")


@login_required
@require_POST
def top_up_end(request):
    """End a provincial top-up in force after its last day (administrators, and officers of the province)."""
    require_role(request.user, Action.MANAGE_LOCAL_SUPPORT)
    return _add(request, TopUpEndForm(request.POST), services.local_top_up_end, "end_form",
                "Đã kết thúc mức hỗ trợ của tỉnh {row.province} cho nhóm \"{row.group_label}\": từ ngày "
                "{row.valid_from:%d/%m/%Y} không còn hỗ trợ thêm.")
