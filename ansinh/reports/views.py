"""Pages under /reports/: request a report pack, follow its progress, download the PDF and the workbook."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from ansinh.core.errors import DomainError, NotFound
from ansinh.geo.selectors import unit_get
from ansinh.reports import selectors, services
from ansinh.reports.forms import PackForm
from ansinh.reports.models import JobState

FORMATS = {"pdf": ("pdf", "application/pdf"),
           "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}


@login_required
def job_list(request):
    """The user's report packs and the form to build a new one."""
    if request.method == "POST":
        form = PackForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                unit = unit_get(data["unit_code"], data.get("unit_era") or None)
                job = services.job_create(user=request.user, unit=unit, on=data["on"],
                                          period_start=data["period_start"], structure=data["structure"])
            except NotFound:
                messages.error(request, f"Không có đơn vị mã {data['unit_code']} trong địa bàn của bạn.")
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                return redirect("reports:job-detail", pk=job.pk)
        else:
            for field, errors in form.errors.items():
                messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
    else:
        scope = request.user.scope_unit
        form = PackForm(initial={
            "unit_code": request.GET.get("unit") or (scope.code if scope else "VN"),
            "unit_era": request.GET.get("era", scope.era if scope else ""),
            "on": request.GET.get("on") or timezone.localdate(), "structure": "as_of"})
    return render(request, "reports/job_list.html", {"form": form, "jobs": selectors.job_list(request.user)[:50]})


@login_required
def job_detail(request, pk: int):
    """A pack's progress (polled by htmx while it is being built) and its downloads."""
    job = selectors.job_get(request.user, pk)
    template = "reports/_job_status.html" if request.headers.get("HX-Request") else "reports/job_detail.html"
    return render(request, template, {"job": job, "finished": job.state in (JobState.DONE, JobState.FAILED)})


@login_required
def job_download(request, pk: int, fmt: str):
    """Download the finished PDF or workbook."""
    job = selectors.job_get(request.user, pk)
    if fmt not in FORMATS or job.state != JobState.DONE:
        raise Http404("Báo cáo chưa sẵn sàng.")
    file = job.pdf if fmt == "pdf" else job.xlsx
    ext, content_type = FORMATS[fmt]
    name = f"bao-cao-bhxh-bhyt-{job.unit.code}-{job.on.isoformat()}.{ext}"
    return FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type=content_type)
