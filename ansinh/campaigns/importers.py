"""Importing reported results from CSV or Excel: columns unit code, date, scheme, count (amount, note optional).

Each row goes through `services.result_report`, so the same checks apply as on the page (area, dates,
negative counts, figures already reported or recorded individually). Rejected rows go to an error file
with the original columns and the reason; it can be fixed and imported again. A file already imported
(same bytes) is refused as a whole, and a row already counted is refused, so nothing is counted twice.
"""

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from ansinh.campaigns import services
from ansinh.campaigns.choices import ResultSource
from ansinh.campaigns.errors import CampaignError
from ansinh.campaigns.models import Campaign, ReportedResult, ResultImport
from ansinh.core import excel, jobs
from ansinh.core.cells import CellError, is_blank, parse_date, parse_int, text
from ansinh.core.errors import Code, DomainError, NotFound, PermissionDenied
from ansinh.core.formats import vn_date
from ansinh.core.importing import REASON_HEADER, UnreadableFile, header_map, importer, open_upload, store_upload
from ansinh.core.models import WorkState
from ansinh.core.scoping import Action, require_role
from ansinh.core.text import fold
from ansinh.geo.models import Unit
from ansinh.rules.errors import ErrorCode

COLUMNS = {
    "unit": {"unit", "unit code", "ma don vi", "ma dv", "don vi", "ma", "code"},
    "day": {"date", "day", "ngay", "ngay ghi nhan"},
    "scheme": {"scheme", "loai hinh", "loai", "che do"},
    "count": {"count", "so nguoi", "so luong", "so nguoi tham gia moi", "so"},
    "amount": {"amount", "so tien", "doanh thu"},
    "note": {"note", "ghi chu"},
    "staff": {"staff", "staff code", "ma can bo", "ma nhan vien", "ma nv", "can bo"},
}
REQUIRED = ("unit", "day", "scheme", "count")
SCHEME_WORDS = {
    "voluntary_si": {"voluntary si", "bhxh tu nguyen", "bhxh tn", "vsi", "bhxhtn", "tu nguyen"},
    "household_hi": {"household hi", "bhyt ho gia dinh", "bhyt hgd", "hgd", "bhyt hgđ", "ho gia dinh"},
}
REASON = REASON_HEADER


@dataclass
class ImportOutcome:
    """What an import did: the batch row, and the rejected rows for the error file."""

    batch: ResultImport
    rejected: list[dict] = field(default_factory=list)


def read_table(name: str, data: bytes) -> tuple[list[str], list[list]]:
    """Header and data rows of a CSV or Excel file (blank rows left out), through the shared reader."""
    try:
        source = open_upload(name, data)
    except ValueError as exc:
        raise DomainError(str(exc), code=Code.UNREADABLE_FILE, field="file") from exc
    try:
        rows = [list(r) for r in source.rows if not all(is_blank(c) for c in r)]
    except Exception as exc:  # a damaged file: calamine and openpyxl raise their own error types
        raise DomainError(f"Không đọc được tệp {name}: {exc}", code=Code.UNREADABLE_FILE, field="file") from exc
    finally:
        source.close()
    if not rows:
        raise DomainError(f"Tệp {name} không có dữ liệu.", code=Code.EMPTY_FILE, field="file")
    return [text(h) for h in rows[0]], rows[1:]


def _columns(header: list[str]) -> dict[str, int]:
    found = header_map(header, COLUMNS)
    missing = [n for n in REQUIRED if n not in found]
    if missing:
        names = {"unit": "mã đơn vị", "day": "ngày", "scheme": "loại hình", "count": "số người"}
        raise DomainError("Tệp thiếu cột: " + ", ".join(names[m] for m in missing)
                          + " (cần: mã đơn vị, ngày, loại hình, số người).", code=Code.MISSING_COLUMNS, field="file")
    return found


def parse_day(value) -> dt.date:
    """The day of a result: an Excel date, ISO text or d/m/yyyy (required)."""
    day = parse_date(value, "Ngày")
    if day is None:
        raise CellError("Ngày: thiếu.", code=ErrorCode.INVALID_DATE, field="day")
    return day


def parse_scheme(value) -> str:
    """voluntary_si / household_hi from the code or its Vietnamese name."""
    key = fold(str(value or "")).replace("_", " ")
    for scheme, words in SCHEME_WORDS.items():
        if key in {fold(w) for w in words}:
            return scheme
    raise DomainError(f"Loại hình '{value}' không hợp lệ (BHXH tự nguyện hoặc BHYT hộ gia đình).",
                      code=Code.INVALID_SCHEME, field="scheme")


def _unit(campaign: Campaign, code) -> Unit:
    text = str(code or "").strip()
    if isinstance(code, float) and code.is_integer():
        text = str(int(code))
    unit = Unit.objects.filter(code=text, era__in=[campaign.era, ""]).first()
    if unit is None:
        raise DomainError(f"Không có đơn vị hành chính mã '{text}' (đơn vị của thời điểm chiến dịch).",
                          code=Code.UNKNOWN_UNIT, field="unit")
    return unit


def _refuse_again(campaign: Campaign, digest: str, *, running: int | None = None) -> None:
    """A file already counted in the campaign, even in part (a run that failed midway: retry that one), or being
    imported, is refused as a whole. `running`: the import asking, at its start — only an earlier upload of the
    same file then stops it, so two uploads at once leave one to run."""
    others = ResultImport.objects.filter(campaign=campaign, sha256=digest).exclude(pk=running)
    counted = others.filter(Q(rows_accepted__gt=0) | Exists(ReportedResult.objects.filter(batch=OuterRef("pk"))))
    earlier = counted.first()
    if earlier is not None:
        when = timezone.localtime(earlier.created_at)
        if earlier.state == WorkState.DONE:
            message = (f"Tệp này đã được nhập lúc {when:%H:%M} ngày {vn_date(when.date())} "
                       f"({earlier.rows_accepted} dòng); nhập lại không thay đổi gì.")
        else:
            message = (f"Tệp này đã được nhập một phần lúc {when:%H:%M} ngày {vn_date(when.date())} "
                       "(lần nhập đó bị lỗi hoặc đang chạy): hãy chạy lại lần nhập đó thay vì tải tệp lên lại.")
        raise DomainError(message, code=Code.DUPLICATE_FILE, field="file")
    waiting = others.filter(state__in=[WorkState.QUEUED, WorkState.RUNNING])
    if running is not None:
        waiting = waiting.filter(pk__lt=running)
    if waiting.exists():
        raise DomainError("Tệp này đang được nhập: xem kết quả ở danh sách tệp đã nhập.", code=Code.DUPLICATE_FILE,
                          field="file")


def _refuse_closed(campaign: Campaign) -> None:
    if campaign.is_closed:
        raise DomainError(f"Chiến dịch “{campaign.name}” đã kết thúc; không thể nhập kết quả.",
                          code=CampaignError.CAMPAIGN_CLOSED)


def results_import_create(*, user, campaign: Campaign, upload) -> ResultImport:
    """Take a results file for the worker: the right, the area, an open campaign and a file not already imported are
    checked at once (nothing is kept otherwise); the file is kept and the row made, for the caller to queue
    (`jobs.enqueue`) or run here (`results_import`)."""
    from ansinh.campaigns.selectors import can_add_in, view_roots

    require_role(user, Action.ENTER_RESULTS)
    if not can_add_in(user, campaign, Action.ENTER_RESULTS):
        raise NotFound("Chiến dịch không thuộc địa bàn của bạn.")
    _refuse_closed(campaign)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    _refuse_again(campaign, digest.hexdigest())
    try:
        path = store_upload(upload, folder="campaign-results")
    except UnreadableFile as exc:
        raise DomainError(str(exc), code=Code.UNREADABLE_FILE, field="file") from exc
    roots = view_roots(user, campaign)
    return ResultImport.objects.create(campaign=campaign, file_name=upload.name[:200], sha256=digest.hexdigest(),
                                       file=str(path), created_by=user if user.is_authenticated else None,
                                       scope_path=roots[0].path if roots else campaign.area.path)


def results_run(batch_id: int, beat: jobs.Beat, *, progress=None) -> list[dict]:
    """Run import `batch_id` (claimed by `jobs.run`): each row through `services.result_report`, each in its own
    transaction, so the page's figures move as the file goes. A retry finds the rows this file already counted and
    counts them once. Returns the rejected rows (row, cells, reason)."""
    batch = ResultImport.objects.select_related("campaign__area", "created_by").get(pk=batch_id)
    campaign, user = batch.campaign, batch.created_by or AnonymousUser()
    _refuse_again(campaign, batch.sha256, running=batch.pk)
    try:
        data = Path(batch.file).read_bytes()
    except OSError as exc:
        raise DomainError(f"Không còn tệp đã tải lên ({exc.strerror}): hãy tải tệp lên lại.",
                          code=Code.UNREADABLE_FILE, field="file") from exc
    header, rows = read_table(batch.file_name, data)
    columns = _columns(header)
    counted = set(batch.rows.values_list("unit_id", "day", "scheme", "staff_id"))  # by an attempt that died
    beat.mine().update(rows_total=len(rows))
    rejected, accepted = [], 0
    for index, row in enumerate(rows):
        number = index + 2
        cells = list(row) + [""] * (len(header) - len(row))
        amount = cells[columns["amount"]] if "amount" in columns else None
        staff_code = str(cells[columns["staff"]] or "").strip() if "staff" in columns else ""
        try:
            staff = _staff(staff_code) if staff_code else None
            unit, day = _unit(campaign, cells[columns["unit"]]), parse_day(cells[columns["day"]])
            scheme = parse_scheme(cells[columns["scheme"]])
            if (unit.pk, day, scheme, staff.pk if staff else None) in counted:
                accepted += 1
                continue
            with transaction.atomic():
                services.result_report(
                    staff=staff, user=user, campaign=campaign, unit=unit, day=day, scheme=scheme,
                    count=parse_int(cells[columns["count"]], "Số người"), amount=parse_int(amount, "Số tiền"),
                    note=str(cells[columns["note"]] or "") if "note" in columns else "",
                    source=ResultSource.IMPORT, batch=batch)
            accepted += 1
        except (DomainError, NotFound, PermissionDenied) as exc:
            reason = (str(exc) if isinstance(exc, PermissionDenied) else exc.message
                      if not isinstance(exc, NotFound) else "Đơn vị không thuộc địa bàn của bạn.")
            rejected.append({"row": number, "cells": [_cell(c) for c in cells[:len(header)]],
                             "reason": f"Dòng {number}: {reason}"})
        if index % 50 == 49 or index + 1 == len(rows):
            beat(100 * (index + 1) // len(rows), f"Đã đọc {index + 1:,} / {len(rows):,} dòng".replace(",", "."))
            if progress is not None:
                progress(index + 1, len(rows), len(rejected))
    beat.mine().update(rows_accepted=accepted, rows_rejected=len(rejected),  # not if retried meanwhile
                       errors_csv=error_csv(header, rejected) if rejected else "")
    return rejected


def results_import(*, user, campaign: Campaign, file_name: str, data: bytes, progress=None) -> ImportOutcome:
    """Import a results file here and now (the CLI, and the tests): the same checks and the same run as the worker's,
    with the row kept. Raises the reason if the file is refused as a whole."""
    batch = results_import_create(user=user, campaign=campaign, upload=ContentFile(data, name=file_name))
    rejected: list[dict] = []
    jobs.run(ResultImport, batch.pk, lambda beat: rejected.extend(results_run(batch.pk, beat, progress=progress)))
    batch.refresh_from_db()
    return ImportOutcome(batch=batch, rejected=rejected)


def results_retry(*, user, batch: ResultImport) -> bool:
    """Queue again an import that failed or lost its worker (logged): rows it counted are not counted twice."""
    from ansinh.campaigns.tasks import import_campaign_results

    require_role(user, Action.ENTER_RESULTS)
    _refuse_closed(batch.campaign)
    return jobs.retry(import_campaign_results, batch, user=user, scope_path=batch.scope_path)


def _staff(code: str):
    from ansinh.network.models import Staff

    staff = Staff.objects.filter(code=code).select_related("unit").first()
    if staff is None:
        raise DomainError(f"Không có cán bộ mã {code}.", code=CampaignError.UNKNOWN_STAFF, field="staff")
    return staff


def _cell(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return text(value)


def error_csv(header: list[str], rejected: list[dict]) -> str:
    """The rejected rows with their original columns and the reason (UTF-8 CSV, opens in Excel)."""
    out = io.StringIO()
    excel.write_csv(out, [[*header, REASON], *([*row["cells"], row["reason"]] for row in rejected)])
    return out.getvalue()


# ------------------------------------------------------------------------------------------- CLI


def _arguments(parser) -> None:
    parser.add_argument("file", help="Tệp .csv hoặc .xlsx: mã đơn vị, ngày, loại hình, số người.")
    parser.add_argument("--campaign", required=True, help="Mã chiến dịch (ansinh report campaign --list).")
    parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyết định địa bàn; mặc định: quản trị).")
    parser.add_argument("--errors", default=None, help="Đường dẫn tệp lỗi (mặc định: MEDIA_ROOT/imports/…).")


@importer("campaign-results", help="Nhập kết quả chiến dịch do đơn vị báo cáo (CSV/Excel: mã đơn vị, ngày, "
                                   "loại hình, số người).", add_arguments=_arguments)
def import_campaign_results(options: dict, stdout, stderr) -> int:
    """`ansinh import campaign-results FILE --campaign SLUG`: print what was counted and where the rejected rows are."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    users = get_user_model().objects.filter(is_active=True)
    user = users.filter(username=options["user"]).first() if options.get("user") else \
        users.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        stderr.write("Không có người dùng để nhập (ghi --user <tên đăng nhập>).")
        return 2
    campaign = Campaign.objects.select_related("area").filter(slug=options["campaign"]).first()
    if campaign is None:
        stderr.write(f"Không có chiến dịch '{options['campaign']}' (xem: ansinh report campaign --list).")
        return 2
    path = Path(options["file"])
    console = Console(file=getattr(stdout, "_out", stdout), highlight=False)
    try:
        with Progress(TextColumn("[bold]Nhập[/]"), BarColumn(), TaskProgressColumn(), TextColumn("{task.fields[rows]}"),
                      console=console, transient=True) as bar:
            task = bar.add_task("import", total=None, rows="")
            outcome = results_import(user=user, campaign=campaign, file_name=path.name, data=path.read_bytes(),
                                     progress=lambda read, total, refused: bar.update(
                                         task, completed=read, total=total, rows=f"{read:,} dòng · {refused:,} lỗi"))
    except (DomainError, PermissionDenied, OSError) as exc:
        stderr.write(f"Không nhập được: {getattr(exc, 'message', exc)}")
        return 2
    batch = outcome.batch
    stdout.write(f"{campaign.name}: {batch.rows_accepted}/{batch.rows_total} dòng được tính, "
                 f"{batch.rows_rejected} dòng bị từ chối.")
    if batch.rows_rejected:
        target = Path(options.get("errors") or Path(settings.MEDIA_ROOT) / "imports" / "campaign-results" /
                      str(batch.pk) / f"{path.stem}.loi.csv")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(batch.errors_csv, encoding="utf-8-sig")
        for row in outcome.rejected[:10]:
            stdout.write(f"  {row['reason']}")
        stdout.write(f"Các dòng lỗi (kèm lý do) ở: {target} — sửa rồi nhập lại tệp đó.")
    return 0
