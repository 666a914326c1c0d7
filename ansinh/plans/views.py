"""Pages under /plans/: yearly targets and reported figures (the coverage dashboard is in `reports`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.core.errors import DomainError
from ansinh.core.formats import vn_date
from ansinh.core.paging import page_of
from ansinh.core.scoping import Action, require_role
from ansinh.plans import selectors, services
from ansinh.plans.filters import FigureFilter, PlanFilter
from ansinh.plans.forms import CompleteForm, FigureForm, PlanForm


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else field
        messages.error(request, f"{label}: {' '.join(errors)}")


@login_required
def plan_list(request):
    """Targets in the user's area, newest year first; officers add or correct them here."""
    if request.method == "POST":
        require_role(request.user, Action.SET_TARGETS)
        form = PlanForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan, what = services.plan_record(
                    user=request.user, unit=data["unit"], year=data["year"], indicator=data["indicator"],
                    value=data["value"], authority=data["authority"], period=data["period"],
                    document=data["document"], source=data["source"], note=data["note"])
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, {"created": "Đã thêm chỉ tiêu.", "updated": "Đã sửa chỉ tiêu.",
                                           "unchanged": "Chỉ tiêu không thay đổi."}[what])
                return redirect("plans:plan-list")
        else:
            _form_errors(request, form)
    else:
        form = PlanForm(initial={"year": timezone.localdate().year}, user=request.user)
    found = PlanFilter(request.GET, queryset=selectors.plan_list(request.user))
    page = page_of(request, found.qs)
    return render(request, "plans/plan_list.html", {"form": form, "plans": page, "page": page,
                                                    "filters": found.form})


@login_required
@require_POST
def plan_delete(request, pk: int):
    """Delete a target entered by mistake (404 outside the area)."""
    plan = selectors.plan_get(request.user, pk)
    services.plan_delete(user=request.user, plan=plan)
    messages.success(request, "Đã xoá chỉ tiêu.")
    return redirect("plans:plan-list")


@login_required
def figure_list(request):
    """Reported figures in the user's area; officers add or correct them here."""
    complete = CompleteForm(initial={"since": timezone.localdate()}, user=request.user, auto_id="complete-%s")
    if request.method == "POST" and request.POST.get("action") == "complete":
        require_role(request.user, Action.ENTER_FIGURES)
        if _complete_post(request):
            return redirect("plans:figure-list")
        form = FigureForm(initial={"on": timezone.localdate()}, user=request.user)
    elif request.method == "POST":
        require_role(request.user, Action.ENTER_FIGURES)
        form = FigureForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                figure, what = services.figure_record(
                    user=request.user, unit=data["unit"], on=data["on"], indicator=data["indicator"],
                    value=data["value"],
                    source=data["source"], source_date=data["source_date"], derived=data["derived"],
                    printed_plan_pct=data["printed_plan_pct"], printed_needed=data["printed_needed"],
                    note=data["note"])
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, {"created": "Đã thêm số liệu.", "updated": "Đã sửa số liệu.",
                                           "unchanged": "Số liệu không thay đổi."}[what])
                return redirect("plans:figure-list")
        else:
            _form_errors(request, form)
    else:
        form = FigureForm(initial={"on": timezone.localdate()}, user=request.user)
    found = FigureFilter(request.GET, queryset=selectors.figure_list(request.user))
    page = page_of(request, found.qs)
    return render(request, "plans/figure_list.html", {"form": form, "figures": page, "page": page,
                                                      "filters": found.form, "complete_form": complete,
                                                      "complete": selectors.complete_list(request.user)})


def _complete_post(request) -> bool:
    """Mark (or unmark) a unit's records complete; False when the form is refused (the messages say why)."""
    form = CompleteForm(request.POST, user=request.user)
    if not form.is_valid():
        _form_errors(request, form)
        return False
    data = form.cleaned_data
    try:
        if data["withdraw"]:
            mark = selectors.complete_list(request.user).filter(unit=data["unit"]).first()
            if mark is None:
                messages.error(request, f"{data['unit'].name} chưa được đánh dấu hồ sơ đầy đủ.")
                return False
            services.records_complete_clear(user=request.user, mark=mark)
            messages.success(request, f"Đã bỏ đánh dấu hồ sơ đầy đủ của {data['unit'].name}.")
            return True
        mark, _what = services.records_complete_set(user=request.user, unit=data["unit"], since=data["since"],
                                                    note=data["note"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, f"{mark.unit.name}: số người tham gia tính từ hồ sơ ansinh từ ngày "
                              f"{vn_date(mark.since)}.")
    return True


@login_required
@require_POST
def figure_delete(request, pk: int):
    """Delete a reported figure entered by mistake (404 outside the area)."""
    figure = selectors.figure_get(request.user, pk)
    services.figure_delete(user=request.user, figure=figure)
    messages.success(request, "Đã xoá số liệu.")
    return redirect("plans:figure-list")
