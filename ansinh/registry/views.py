"""Field pages: find people and households, register a household with its members, a person's history,
and importing files. Payments, receipts and exports are in `ansinh.enrollment.views`."""

import csv
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ansinh.core.errors import DomainError
from ansinh.core.scoping import path_in_scope
from ansinh.enrollment import selectors as enrollment_selectors
from ansinh.enrollment.choices import EnrollmentStatus, Scheme
from ansinh.registry import selectors, services
from ansinh.registry.forms import HouseholdForm, ImportForm, MemberFormSet, PersonForm, SearchForm
from ansinh.registry.importers import ImportFailed, import_people
from ansinh.registry.models import mask_id

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@login_required
def search(request):
    """Find a person or a household by name (no accents needed), citizen ID, SI code or phone."""
    form = SearchForm(request.GET)
    query = form.data.get("q", "").strip()
    people = selectors.person_list(user=request.user, query=query)
    if request.GET.get("format") == "csv":
        return _csv_response("nguoi-tham-gia.csv", ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh",
                                                    "Điện thoại", "Xã/phường", "Mã hộ"],
                             ([p.full_name, p.date_of_birth.strftime("%d/%m/%Y"), p.get_sex_display(),
                               mask_id(p.citizen_id), mask_id(p.phone), p.commune.name,
                               p.household.code if p.household else ""] for p in people.iterator()))
    households = selectors.household_list(user=request.user, query=query)[:10] if query else []
    context = {"form": form, "query": query, "people": people[:50], "households": households,
               "can_add": request.user.may("add")}
    template = "registry/_results.html" if request.headers.get("HX-Request") else "registry/search.html"
    return render(request, template, context)


@login_required
def person_detail(request, pk: int):
    """A person's identity, household, enrollments, payments, cards and the change log."""
    person = selectors.person_get(user=request.user, pk=pk)
    enrollments = list(enrollment_selectors.person_enrollments(person))
    contributions = list(enrollment_selectors.person_contributions(person))
    cards = list(enrollment_selectors.person_cards(person))
    receipts = {c.receipt for c in contributions}
    changes = selectors.record_changes(
        user=request.user, objects=[person, *enrollments, *contributions, *receipts],
        import_sources=[person.source, *(e.source for e in enrollments)])
    can_change = path_in_scope(request.user, person.commune.path, "add")
    open_vsi = any(e.scheme == Scheme.VOLUNTARY_SI and e.status == EnrollmentStatus.ACTIVE for e in enrollments)
    return render(request, "registry/person_detail.html", {
        "person": person, "enrollments": enrollments, "contributions": contributions, "cards": cards,
        "changes": changes, "can_change": can_change, "can_end": path_in_scope(request.user, person.commune.path,
                                                                                "change"),
        "open_vsi": open_vsi,
    })


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
    if not request.user.may("add"):
        raise Http404
    today = timezone.localdate()
    form = HouseholdForm(request.POST or None, user=request.user)
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
            return redirect("registry:household-detail", pk=household.pk)
    return render(request, "registry/household_new.html", {"form": form, "formset": formset})


@login_required
def person_new(request):
    """Register one person (for voluntary SI, or before adding them to a household)."""
    if not request.user.may("add"):
        raise Http404
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
            return redirect("registry:person-detail", pk=person.pk)
    return render(request, "registry/person_new.html", {"form": form})


# ------------------------------------------------------------------------------------------- imports

@login_required
def import_upload(request):
    """Upload a CSV/Excel file of people, households and enrollments; see the result and the error file."""
    if not request.user.may("add"):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", "Tệp lớn hơn 50 MB: hãy nhập bằng dòng lệnh `ansinh import people`.")
        else:
            suffix = Path(upload.name).suffix.lower() or ".csv"
            with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
                temp = Path(handle.name)
            try:
                run = import_people(temp, user=request.user, layout=form.cleaned_data["layout"],
                                    point_code=form.cleaned_data["point"], commune_code=form.cleaned_data["commune"],
                                    file_name=upload.name)
            except (ImportFailed, ValueError) as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("registry:import-detail", pk=run.pk)
            finally:
                temp.unlink(missing_ok=True)
    runs = selectors.import_run_list(user=request.user)[:20]
    return render(request, "registry/import.html", {"form": form, "runs": runs})


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
    return render(request, "registry/import_detail.html", {"run": run,
                                                           "reasons": _first_reasons(_error_file(run))})


@login_required
def import_errors(request, pk: int):
    """Download the error file of an import (original columns + the reason)."""
    run = selectors.import_run_get(user=request.user, pk=pk)
    full = _error_file(run)
    if full is None:
        raise Http404("Lần nhập này không có tệp lỗi.")
    return FileResponse(open(full, "rb"), as_attachment=True, filename=full.name)  # noqa: SIM115

