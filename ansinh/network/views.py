"""Pages under /network/: staff and collection points of the user's area (list, add, change, stop), their import
from a file (result and error file) and their export (Excel, CSV). Today is read once per request."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from ansinh.core import jobs
from ansinh.core.changelog import changes_for
from ansinh.core.errors import DomainError, NotFound
from ansinh.core.formats import vn_date
from ansinh.core.importing import UnreadableFile, store_upload
from ansinh.core.paging import page_of
from ansinh.core.scoping import Action, require, require_role
from ansinh.network import exporters, selectors, services
from ansinh.network.filters import PointFilter, StaffFilter
from ansinh.network.forms import DeactivateForm, ImportForm, PointForm, StaffForm
from ansinh.network.importers import LAYOUTS, network_run_create, network_run_retry
from ansinh.network.tasks import import_network_file

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Which form field shows a service's refusal (the services name their inputs; the form names the account differently).
FORM_FIELD = {"user": "username"}


def _may_manage(user) -> bool:
    return bool(user.is_authenticated and user.may(Action.MANAGE_STAFF))


def _refuse(form, exc: DomainError) -> None:
    """Show a service's refusal beside the field it names (a unit outside the area: beside the unit code)."""
    field = exc.field or ("unit" if isinstance(exc, NotFound) else "")
    name = FORM_FIELD.get(field, field)
    form.add_error(name if name in form.fields else None, exc.message)


def _defaults(today) -> dict:
    """A new record's defaults: active from today (the unit picker pre-fills the user's own unit)."""
    return {"valid_from": today}


def _placed(data: dict) -> dict:
    """The service keywords shared by staff and points, from a valid form."""
    return {"unit": data["unit"], "phone": data["phone"], "valid_from": data["valid_from"],
            "valid_until": data["valid_until"], "communes": data["communes"]}


def _staff_fields(user, data: dict) -> dict:
    return {**_placed(data), "full_name": data["full_name"], "organisation": data["organisation"],
            "collection_point": data["collection_point"],
            "account": selectors.account_for(user, data["username"], field="username")}


def _point_fields(user, data: dict) -> dict:
    return {**_placed(data), "name": data["name"], "kind": data["kind"], "address": data["address"],
            "tax_code": data["tax_code"], "email": data["email"], "bank_bin": data.get("bank_bin", ""),
            "bank_account": data.get("bank_account", ""), "bank_account_name": data.get("bank_account_name", "")}


FIELD_LABELS = {"code": "Mã", "full_name": "Họ và tên", "organisation": "Loại", "kind": "Loại", "name": "Tên",
                "unit": "Đơn vị", "phone": "Điện thoại", "collection_point": "Điểm thu", "user": "Tài khoản",
                "communes": "Xã phục vụ", "valid_from": "Từ ngày", "valid_until": "Đến hết ngày", "address": "Địa chỉ",
                "tax_code": "Mã số thuế", "email": "Email", "bank_bin": "Mã BIN ngân hàng",
                "bank_account": "Số tài khoản", "bank_account_name": "Tên tài khoản"}


def _changes(obj, user) -> list[dict]:
    """The record's change log as lines to show: who, when, what, and each field's old → new value."""
    out = []
    for entry in changes_for(obj, user)[:30]:
        lines = []
        for name, value in entry.changes.items():
            if isinstance(value, list) and len(value) == 2:
                text = f"{value[0] or '—'} → {value[1] or '—'}"
            else:
                text = "—" if value in (None, "") else str(value)
            lines.append((FIELD_LABELS.get(name, name), text))
        who = entry.user.get_full_name() or entry.user.username if entry.user else "hệ thống"
        out.append({"at": entry.at, "who": who, "action": entry.get_action_display(), "lines": lines})
    return out


def _choices(user) -> dict:
    """What the staff form suggests as one types a username: the area's accounts."""
    return {"accounts": selectors.accounts_for(user)[:500]}


def _list_context(request, found, page, today) -> dict:
    query = request.GET.copy()
    query.pop("page", None)
    return {"filters": found.form, "page": page, "today": today, "can_manage": _may_manage(request.user),
            "query": query.urlencode()}


# ------------------------------------------------------------------------------------------- staff


@login_required
@require_GET
def staff_list(request):
    """Staff of the user's area: search, filters, pages, export links."""
    today = timezone.localdate()
    found = StaffFilter(request.GET, queryset=selectors.staff_list(request.user), today=today)
    page = page_of(request, found.qs)
    return render(request, "network/staff_list.html", {**_list_context(request, found, page, today), "staff": page})


@login_required
def staff_new(request):
    """Add a staff member (by default in the user's own unit, active from today)."""
    require_role(request.user, Action.MANAGE_STAFF)
    today = timezone.localdate()
    form = StaffForm(request.POST or None, initial=_defaults(today), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            staff = services.staff_create(user=request.user, code=data["code"], **_staff_fields(request.user, data))
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"Đã thêm nhân viên {staff.full_name} ({staff.code}).")
            return redirect("network:staff-detail", pk=staff.pk)
    return render(request, "network/staff_form.html", {"form": form, **_choices(request.user)})


@login_required
def staff_detail(request, pk: int):
    """A staff member: what the record says, its change log; officers change it here or stop it."""
    staff = selectors.staff_get(request.user, pk=pk)
    today = timezone.localdate()
    form = None
    if request.method == "POST":
        require(request.user, Action.MANAGE_STAFF, staff.unit.path, what="Nhân viên")
        form = StaffForm(request.POST, editing=True, user=request.user)
        if form.is_valid():
            try:
                services.staff_update(user=request.user, staff=staff, **_staff_fields(request.user, form.cleaned_data))
            except DomainError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, "Đã lưu.")
                return redirect("network:staff-detail", pk=staff.pk)
    elif _may_manage(request.user):
        form = StaffForm(initial=StaffForm.initial_for(staff), editing=True, user=request.user)
    return render(request, "network/staff_detail.html", {
        "staff": staff, "form": form, "active": staff.in_force(today), "today": today,
        "stop": DeactivateForm(initial={"until": today}) if _may_manage(request.user) else None,
        **(_choices(request.user) if form is not None else {}),
        "changes": _changes(staff, request.user)})


@login_required
@require_POST
def staff_deactivate(request, pk: int):
    """Stop a staff member after a day (the record stays)."""
    staff = selectors.staff_get(request.user, pk=pk)
    require(request.user, Action.MANAGE_STAFF, staff.unit.path, what="Nhân viên")
    form = DeactivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngừng hoạt động sau ngày: " + " ".join(form.errors.get("until", [])))
        return redirect("network:staff-detail", pk=staff.pk)
    try:
        staff = services.staff_deactivate(user=request.user, staff=staff, until=form.cleaned_data["until"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{staff.full_name} ngừng hoạt động sau ngày {vn_date(staff.valid_until)}.")
    return redirect("network:staff-detail", pk=staff.pk)


@login_required
@require_GET
def staff_export(request):
    """The staff of the list (its filters kept) as .xlsx (default) or .csv."""
    today = timezone.localdate()
    found = StaffFilter(request.GET, queryset=selectors.staff_list(request.user), today=today)
    name = f"nhan-vien_{today:%Y%m%d}"
    if request.GET.get("format") == "csv":
        return exporters.staff_csv(found.qs, f"{name}.csv")
    response = HttpResponse(exporters.staff_xlsx(found.qs), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# ------------------------------------------------------------------------------------------- points


@login_required
@require_GET
def point_list(request):
    """Collection points of the user's area."""
    today = timezone.localdate()
    found = PointFilter(request.GET, queryset=selectors.point_list(request.user), today=today)
    page = page_of(request, found.qs)
    return render(request, "network/point_list.html", {**_list_context(request, found, page, today), "points": page})


@login_required
def point_new(request):
    """Open a collection point (by default in the user's own unit, from today)."""
    require_role(request.user, Action.MANAGE_STAFF)
    today = timezone.localdate()
    form = PointForm(request.POST or None, initial=_defaults(today), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            point = services.point_create(user=request.user, code=data["code"], **_point_fields(request.user, data))
        except DomainError as exc:
            _refuse(form, exc)
        else:
            messages.success(request, f"Đã thêm điểm thu {point.name} ({point.code}).")
            return redirect("network:point-detail", pk=point.pk)
    return render(request, "network/point_form.html", {"form": form})


@login_required
def point_detail(request, pk: int):
    """A collection point: its record, its staff, its change log; officers change or close it here."""
    point = selectors.point_get(request.user, pk=pk)
    today = timezone.localdate()
    form = None
    if request.method == "POST":
        require(request.user, Action.MANAGE_STAFF, point.unit.path, what="Điểm thu")
        form = PointForm(request.POST, editing=True, user=request.user)
        if form.is_valid():
            try:
                services.point_update(user=request.user, point=point, **_point_fields(request.user, form.cleaned_data))
            except DomainError as exc:
                _refuse(form, exc)
            else:
                messages.success(request, "Đã lưu.")
                return redirect("network:point-detail", pk=point.pk)
    elif _may_manage(request.user):
        form = PointForm(initial=PointForm.initial_for(point), editing=True, user=request.user)
    staff = selectors.staff_list(request.user).filter(collection_point=point)
    return render(request, "network/point_detail.html", {
        "point": point, "form": form, "active": point.in_force(today), "today": today,
        "stop": DeactivateForm(initial={"until": today}) if _may_manage(request.user) else None,
        "staff": page_of(request, staff, param="staff"), "changes": _changes(point, request.user)})


@login_required
@require_POST
def point_deactivate(request, pk: int):
    """Close a collection point after a day (the record stays)."""
    point = selectors.point_get(request.user, pk=pk)
    require(request.user, Action.MANAGE_STAFF, point.unit.path, what="Điểm thu")
    form = DeactivateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngừng hoạt động sau ngày: " + " ".join(form.errors.get("until", [])))
        return redirect("network:point-detail", pk=point.pk)
    try:
        point = services.point_deactivate(user=request.user, point=point, until=form.cleaned_data["until"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{point.name} ngừng hoạt động sau ngày {vn_date(point.valid_until)}.")
    return redirect("network:point-detail", pk=point.pk)


@login_required
@require_GET
def point_export(request):
    """The collection points of the list (its filters kept) as .xlsx (default) or .csv."""
    today = timezone.localdate()
    found = PointFilter(request.GET, queryset=selectors.point_list(request.user), today=today)
    name = f"diem-thu_{today:%Y%m%d}"
    if request.GET.get("format") == "csv":
        return exporters.points_csv(found.qs, f"{name}.csv")
    response = HttpResponse(exporters.points_xlsx(found.qs), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# ------------------------------------------------------------------------------------------- import


@login_required
def import_upload(request):
    """Upload a staff or collection point file (.xlsx, .csv); the result page follows."""
    require_role(request.user, Action.MANAGE_STAFF)
    form = ImportForm(request.POST or None, request.FILES or None,
                      initial={"kind": request.GET.get("kind") if request.GET.get("kind") in LAYOUTS else "staff"})
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", "Tệp lớn hơn 20 MB: hãy nhập bằng dòng lệnh `ansinh import staff TỆP`.")
        elif suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
            form.add_error("file", f"Không đọc được tệp '{upload.name}': chỉ nhận .xlsx hoặc .csv.")
        else:
            try:
                path = store_upload(upload, folder="network")
            except UnreadableFile as exc:
                form.add_error("file", str(exc))
            else:
                run = network_run_create(path, user=request.user, kind=form.cleaned_data["kind"],
                                         file_name=upload.name)
                jobs.enqueue(import_network_file, run)
                return redirect("network:import-detail", pk=run.pk)
    runs = page_of(request, selectors.import_run_list(request.user), per_page=20)
    return render(request, "network/import.html", {"form": form, "runs": runs})


def _error_file(run) -> Path | None:
    if not run.error_file:
        return None
    path = Path(run.error_file)
    full = path if path.is_absolute() else Path(settings.MEDIA_ROOT) / path
    return full if full.is_file() else None


@login_required
@require_GET
def import_detail(request, pk: int):
    """What an import stored, left unchanged and refused (the first reasons), with its error file."""
    run = selectors.import_run_get(request.user, pk)
    return render(request, "network/import_detail.html", {
        "run": run, "layout": LAYOUTS.get(run.kind), "reasons": run.summary.get("reasons", []),
        "has_file": _error_file(run) is not None})


@login_required
@require_GET
def import_errors(request, pk: int):
    """Download an import's error file (the original columns and the reason)."""
    run = selectors.import_run_get(request.user, pk)
    full = _error_file(run)
    if full is None:
        raise NotFound("Lần nhập này không có tệp lỗi.")
    return FileResponse(open(full, "rb"), as_attachment=True, filename=full.name)  # noqa: SIM115


@login_required
@require_POST
def import_retry(request, pk: int):
    """Run again an import that failed or whose worker died."""
    run = selectors.import_run_get(request.user, pk)
    if network_run_retry(user=request.user, run=run):
        messages.success(request, "Đã xếp lại lần nhập vào hàng đợi.")
    else:
        messages.info(request, "Lần nhập này đang chạy hoặc đã xong: không cần chạy lại.")
    return redirect("network:import-detail", pk=run.pk)
