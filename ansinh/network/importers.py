"""`ansinh import staff FILE` / `ansinh import points FILE` and the import page: staff and collection points from
CSV or Excel.

Headers are Vietnamese, accents and case ignored, columns in any order (docs/network.md lists them). Each row goes
through the services (`staff_create` / `staff_update`, `point_create` / `point_update`), so it meets the same
checks as the page. A row ends stored (new, or a record already there whose values changed), unchanged (the
record already says the same) or in the error file with its row number, the column and the reason; the error
file keeps the original columns and can be corrected and imported again. Re-importing the same file changes
nothing. A column left out of the file leaves that field as it is; a column present with an empty cell empties it.
"""

import argparse
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path

from django.db import transaction

from ansinh.core import jobs
from ansinh.core.cells import is_blank, parse_date, text
from ansinh.core.changelog import log_change
from ansinh.core.errors import Code, DomainError, NotFound
from ansinh.core.importing import (
    ErrorFile,
    RowCounts,
    error_file_path,
    file_sha256,
    find_header,
    importer,
    numbered_rows,
    open_table,
    read_guarded,
    record_run,
    refuse_row,
    run_command,
)
from ansinh.core.models import ImportRun
from ansinh.core.scoping import Action, in_area, require_role
from ansinh.core.text import fold
from ansinh.geo.choices import Era
from ansinh.network import selectors, services
from ansinh.network.choices import ORGANISATION_WORDS, POINT_KIND_WORDS, Organisation, PointKind
from ansinh.network.errors import NetworkError
from ansinh.network.models import CollectionPoint, Staff

UNIT = {"ma don vi", "ma dv", "ma don vi hanh chinh", "don vi", "unit", "unit code"}
ERA = {"co cau", "co cau don vi", "co cau hanh chinh", "era"}
COMMUNES = {"xa phuc vu", "ma xa phuc vu", "cac xa phuc vu", "dia ban phuc vu", "communes"}
FROM = {"tu ngay", "hoat dong tu ngay", "ngay bat dau", "valid from", "active from"}
UNTIL = {"den ngay", "den het ngay", "hoat dong den ngay", "ngay ket thuc", "ngay nghi", "valid until", "active until"}
PHONE = {"dien thoai", "so dien thoai", "sdt", "dt", "phone"}
STAFF_COLUMNS = {
    "code": {"ma nhan vien", "ma nv", "ma so nhan vien", "ma can bo", "ma", "code"},
    "full_name": {"ho va ten", "ho ten", "ten nhan vien", "full name", "name"},
    "organisation": {"loai", "loai nhan vien", "don vi cong tac", "to chuc", "kind", "organisation"},
    "phone": PHONE, "unit": UNIT, "era": ERA,
    "collection_point": {"ma diem thu", "diem thu", "ma dai ly", "collection point"},
    "communes": COMMUNES, "valid_from": FROM, "valid_until": UNTIL,
    "user": {"ten dang nhap", "tai khoan", "username", "login"},
}
POINT_COLUMNS = {
    "code": {"ma diem thu", "ma dai ly", "ma", "code"},
    "name": {"ten diem thu", "ten dai ly", "ten", "name"},
    "kind": {"loai", "loai diem thu", "kind"},
    "phone": PHONE, "unit": UNIT, "era": ERA,
    "address": {"dia chi", "address"},
    "tax_code": {"ma so thue", "mst", "tax code"},
    "email": {"email", "e mail", "thu dien tu"},
    "communes": COMMUNES, "valid_from": FROM, "valid_until": UNTIL,
}
LABELS = {
    "code": "Mã", "full_name": "Họ và tên", "organisation": "Loại", "kind": "Loại", "name": "Tên điểm thu",
    "phone": "Điện thoại", "unit": "Mã đơn vị", "era": "Cơ cấu", "collection_point": "Mã điểm thu",
    "communes": "Xã phục vụ", "valid_from": "Từ ngày", "valid_until": "Đến ngày", "user": "Tên đăng nhập",
    "address": "Địa chỉ", "tax_code": "Mã số thuế", "email": "Email",
}
ERA_WORDS = {
    Era.PRE_2025: {"cu", "co cau cu", "truoc 2025", "truoc 1 7 2025", "63 tinh", "pre2025", "old"},
    Era.FROM_2025: {"moi", "co cau moi", "tu 2025", "tu 1 7 2025", "34 tinh", "2025", "new"},
}
HEADER_SEARCH_ROWS = 10
BATCH_SIZE = 500


def _words(words: dict, choices) -> dict[str, str]:
    out = {}
    for value, label in choices:
        out[fold(value).replace("_", " ")] = value
        out[fold(label)] = value
        for word in words.get(value, ()):
            out[word] = value
    return out


ORGANISATIONS = _words(ORGANISATION_WORDS, Organisation.choices)
POINT_KINDS = _words(POINT_KIND_WORDS, PointKind.choices)
ERAS = {word: era for era, words in ERA_WORDS.items() for word in words}


@dataclass(frozen=True)
class Layout:
    """What one importer reads: its name, columns, required columns and the word for its records."""

    kind: str
    columns: dict[str, set[str]]
    required: tuple[str, ...]
    what: str


STAFF = Layout("staff", STAFF_COLUMNS, ("code", "full_name", "organisation", "unit", "valid_from"), "nhân viên")
POINTS = Layout("points", POINT_COLUMNS, ("code", "name", "kind", "unit", "valid_from"), "điểm thu")
LAYOUTS = {layout.kind: layout for layout in (STAFF, POINTS)}


@dataclass
class Counts(RowCounts):
    """What one run did."""

    created: int = 0
    updated: int = 0


# ------------------------------------------------------------------------------------------- cells


def _fielded(name: str, function, *args):
    """Run a cell reader; a refusal without a field names this one."""
    try:
        return function(*args)
    except DomainError as exc:
        if not exc.field:
            exc.field = name
        raise


def parse_era(value) -> str:
    """cũ / mới (or pre2025 / 2025, 63 tỉnh / 34 tỉnh); empty = mới."""
    if is_blank(value):
        return Era.FROM_2025
    era = ERAS.get(fold(text(value)))
    if era is None:
        raise DomainError(f"Cơ cấu '{text(value)}' không hợp lệ: ghi “cũ” (63 tỉnh, đến 30/6/2025) hoặc “mới” "
                          "(34 tỉnh, từ 1/7/2025).", code=NetworkError.UNKNOWN_ERA, field="era")
    return era


def parse_organisation(value) -> str:
    """bhxh / bưu điện / đại lý / xã / đoàn thể (or the codes and labels)."""
    found = ORGANISATIONS.get(fold(text(value)))
    if found is None:
        raise DomainError(f"Loại '{text(value)}' không hợp lệ: ghi BHXH, Bưu điện, Đại lý, Xã hoặc Đoàn thể.",
                          code=NetworkError.INVALID_ORGANISATION, field="organisation")
    return found


def parse_point_kind(value) -> str:
    """bưu điện / đại lý / cơ quan bhxh / ubnd xã (or the codes and labels)."""
    found = POINT_KINDS.get(fold(text(value)))
    if found is None:
        raise DomainError(f"Loại điểm thu '{text(value)}' không hợp lệ: ghi Bưu điện, Đại lý thu, Cơ quan BHXH hoặc "
                          "UBND xã.", code=NetworkError.INVALID_POINT_KIND, field="kind")
    return found


def _from(value):
    day = parse_date(value, "Từ ngày", field="valid_from")
    if day is None:
        raise DomainError("Thiếu ngày bắt đầu hoạt động.", code=NetworkError.ACTIVE_FROM_REQUIRED,
                          field="valid_from")
    return day


# ------------------------------------------------------------------------------------------- rows


class _Run:
    """One import: the user, the layout, the columns found, caches and the counts."""

    def __init__(self, *, user, layout: Layout, columns: dict[str, int]):
        self.user = user
        self.layout = layout
        self.columns = columns
        self.counts = Counts()
        self.seen: dict[str, int] = {}
        self._units: dict = {}

    def has(self, name: str) -> bool:
        return name in self.columns

    def unit(self, code, era: str):
        key = (text(code), era)
        if key not in self._units:
            self._units[key] = selectors.unit_for(code, era)
        return self._units[key]

    def common(self, raw: dict) -> dict:
        """The fields both layouts share: unit, dates, phone, communes served (as the services take them)."""
        era = _fielded("era", parse_era, raw.get("era"))
        fields = {"unit": _fielded("unit", self.unit, raw.get("unit"), era),
                  "valid_from": _fielded("valid_from", _from, raw.get("valid_from"))}
        if self.has("valid_until"):
            fields["valid_until"] = parse_date(raw.get("valid_until"), "Đến ngày", field="valid_until")
        if self.has("phone"):
            fields["phone"] = raw.get("phone")
        if self.has("communes"):
            fields["communes"] = selectors.communes_for(text(raw.get("communes")), fields["unit"].era or era)
        return fields

    def staff(self, code: str, raw: dict) -> str:
        fields = self.common(raw)
        fields["full_name"] = text(raw.get("full_name"))
        fields["organisation"] = _fielded("organisation", parse_organisation, raw.get("organisation"))
        if self.has("collection_point"):
            fields["collection_point"] = selectors.point_for(self.user, raw.get("collection_point"))
        if self.has("user"):
            fields["account"] = selectors.account_for(self.user, raw.get("user"))
        existing = Staff.objects.select_related("unit", "collection_point", "user").filter(code=code).first()
        if existing is None:
            services.staff_create(user=self.user, code=code, **fields)
            return "created"
        self._own(existing)
        before = services.staff_snapshot(existing)
        after = services.staff_snapshot(services.staff_update(user=self.user, staff=existing, **fields))
        return "unchanged" if after == before else "updated"

    def point(self, code: str, raw: dict) -> str:
        fields = self.common(raw)
        fields["name"] = text(raw.get("name"))
        fields["kind"] = _fielded("kind", parse_point_kind, raw.get("kind"))
        for name in ("address", "tax_code", "email"):
            if self.has(name):
                fields[name] = text(raw.get(name))
        existing = CollectionPoint.objects.select_related("unit").filter(code=code).first()
        if existing is None:
            services.point_create(user=self.user, code=code, **fields)
            return "created"
        self._own(existing)
        before = services.point_snapshot(existing)
        after = services.point_snapshot(services.point_update(user=self.user, point=existing, **fields))
        return "unchanged" if after == before else "updated"

    def _own(self, row) -> None:
        if not in_area(self.user, row.unit.path):
            raise DomainError(f"Mã {self.layout.what} '{row.code}' đã được dùng ở địa bàn khác.",
                              code=NetworkError.CODE_TAKEN, field="code")

    def row(self, line: int, values: list) -> str:
        """Store one row; the outcome, or DomainError naming the field."""
        raw = {name: values[index] if index < len(values) else "" for name, index in self.columns.items()}
        code = " ".join(text(raw.get("code")).replace("\x00", "").split())
        if not code:
            raise DomainError(f"Thiếu mã {self.layout.what}.", code=NetworkError.CODE_REQUIRED, field="code")
        if code in self.seen:
            raise DomainError(f"Mã {self.layout.what} '{code}' đã có ở dòng {self.seen[code]} của tệp.",
                              code=Code.DUPLICATE_IN_FILE, field="code")
        self.seen[code] = line
        with transaction.atomic():
            return self.staff(code, raw) if self.layout.kind == "staff" else self.point(code, raw)

    def reason(self, line: int, exc: DomainError) -> str:
        field_name = exc.field if exc.field in self.columns or exc.field in LABELS else None
        if isinstance(exc, NotFound) and field_name is None:
            field_name = "unit"
        label = LABELS.get(field_name or "", "")
        if field_name == "code":
            label = f"Mã {self.layout.what}"
        where = f"Dòng {line}, cột “{label}”" if label else f"Dòng {line}"
        message = exc.message
        for prefix in {label, LABELS.get(field_name or "", "")} - {""}:
            if message.startswith(f"{prefix}: "):  # the cell readers name the column themselves
                message = message[len(prefix) + 2:]
                message = message[:1].upper() + message[1:]
        return f"{where}: {message}"


# ------------------------------------------------------------------------------------------- files


def _error_file_path(run: ImportRun, source: Path) -> Path:
    """Where a run's error file goes: MEDIA_ROOT/imports/network/<run>/<the file's own name>.loi.<ext>."""
    return error_file_path(run, source, folder="network", stem=run.file_name)


def _column_name(layout: Layout, name: str) -> str:
    if name == "code":
        return f"Mã {layout.what}"
    if name == "name":
        return "Tên điểm thu"
    return LABELS[name]


def network_run_create(path: str | Path, *, user, kind: str, file_name: str | None = None,
                       errors_path: str | Path | None = None) -> ImportRun:
    """The queued row of an import of staff (`kind="staff"`) or collection points (`kind="points"`); refused
    (DomainError) when the user's role may not manage staff."""
    require_role(user, Action.MANAGE_STAFF)
    path = Path(path)
    params = {"file": str(path), **({"errors_path": str(errors_path)} if errors_path else {})}
    return ImportRun.objects.create(kind=kind, layout=kind, file_name=(file_name or path.name)[:255],
                                    file_sha256=file_sha256(path), user=user, params=params,
                                    scope_path=user.scope_unit.path if getattr(user, "scope_unit", None) else "")


def import_file(path: str | Path, *, user, kind: str, file_name: str | None = None,
                errors_path: str | Path | None = None, progress=None) -> ImportRun:
    """Import a file of staff or collection points now, in this process (the CLI); the run with its counts.

    The whole file is refused (DomainError, the run failed with the reason) when the user's role may not manage
    staff, the file cannot be read or lacks a required column; otherwise every row is stored, unchanged or
    rejected into the error file.
    """
    run = network_run_create(path, user=user, kind=kind, file_name=file_name, errors_path=errors_path)
    jobs.run(ImportRun, run.pk, partial(network_run, run.pk, progress=progress))
    run.refresh_from_db()
    return run


def network_run_retry(*, user, run: ImportRun) -> bool:
    """Queue again an import of staff or points that failed or lost its worker (logged)."""
    from ansinh.network.tasks import import_network_file

    require_role(user, Action.MANAGE_STAFF)
    return jobs.retry(import_network_file, run, user=user, scope_path=run.scope_path)


def network_run(run_id: int, beat: jobs.Beat, *, progress=None) -> None:
    """Run import `run_id` of staff or collection points (claimed by `jobs.run`); `progress(rows_read)` is told
    after each batch (the command's progress line)."""
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    layout, user, path = LAYOUTS[run.kind], run.user, Path(run.params["file"])
    errors_path = run.params.get("errors_path")
    try:
        source = open_table(path)
    except (ValueError, OSError) as exc:
        raise DomainError(str(exc), code=Code.UNREADABLE_FILE, field="file") from exc
    except Exception as exc:  # a damaged workbook: calamine and openpyxl raise their own types
        raise DomainError(f"Không đọc được tệp {run.file_name}: tệp hỏng hoặc không phải .xlsx/.csv.",
                          code=Code.UNREADABLE_FILE, field="file") from exc
    job, errors = read_guarded(run, source, lambda: _read(run, source, path, user, layout,
                                                          errors_path and Path(errors_path), beat, progress))
    c = job.counts
    record_run(run, read=c.read, stored=c.created + c.updated, unchanged=c.unchanged, rejected=c.rejected,
               error_path=errors.close(), summary={"created": c.created, "updated": c.updated, "reasons": c.reasons})
    log_change(user=user, obj=run, action="import", scope_path=run.scope_path,
               changes={"kind": run.kind, "file": run.file_name, "read": c.read, "created": c.created,
                        "updated": c.updated, "unchanged": c.unchanged, "rejected": c.rejected})


def _read(run: ImportRun, source, path: Path, user, layout: Layout, errors_path, beat, progress=None
          ) -> tuple[_Run, ErrorFile]:
    rows = iter(source.rows)
    header, columns, above, line = find_header(rows, layout.columns, layout.required,
                                               partial(_column_name, layout), search_rows=HEADER_SEARCH_ROWS)
    errors = ErrorFile(errors_path or _error_file_path(run, path), kind=source.kind, header=header,
                       preamble=[r for r in above if not all(is_blank(v) for v in r)])
    job = _Run(user=user, layout=layout, columns=columns)
    width = len(header)
    numbered = numbered_rows(rows, line, width)
    while batch := list(islice(numbered, BATCH_SIZE)):
        beat(step=f"Đã đọc {job.counts.read} dòng")
        if progress is not None:
            progress(job.counts.read)
        with transaction.atomic():  # one commit per batch; each row has its own savepoint inside it
            for line, values in batch:
                job.counts.read += 1
                try:
                    outcome = job.row(line, values)
                except DomainError as exc:
                    refuse_row(job.counts, errors, values[:width], job.reason(line, exc))
                    continue
                setattr(job.counts, outcome, getattr(job.counts, outcome) + 1)
    return job, errors


# ------------------------------------------------------------------------------------------- CLI


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="Tệp .csv hoặc .xlsx (cột tiếng Việt, xem docs/network.md).")
    parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyết định địa bàn; mặc định: quản trị).")
    parser.add_argument("--errors", default=None, help="Đường dẫn tệp lỗi (mặc định: MEDIA_ROOT/imports/network/…).")


def _command(kind: str, options: dict, stdout, stderr) -> int:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    def start(user):
        console = Console(file=getattr(stdout, "_out", stdout), highlight=False)
        name = Path(options["file"]).name
        with Progress(SpinnerColumn(), TextColumn("[bold]Nhập[/] {task.description}"), TimeElapsedColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task(name)
            return import_file(options["file"], user=user, kind=kind, errors_path=options.get("errors"),
                               progress=lambda read: bar.update(task, description=f"{name}: {read} dòng"))

    def say(run) -> str:
        return (f"{run.file_name}: {run.rows_read} dòng — {run.summary['created']} {LAYOUTS[kind].what} thêm mới, "
                f"{run.summary['updated']} cập nhật, {run.rows_unchanged} không đổi, {run.rows_rejected} dòng lỗi.")

    return run_command(options, stdout, stderr, start=start, say=say)


@importer("staff", help="Nhân viên thu, cán bộ BHXH, bưu điện, đại lý, xã, đoàn thể (CSV/Excel: mã nhân viên, họ và "
                        "tên, loại, mã đơn vị, từ ngày…).", add_arguments=_arguments)
def import_staff_command(options: dict, stdout, stderr) -> int:
    """`ansinh import staff FILE --user USERNAME`."""
    return _command("staff", options, stdout, stderr)


@importer("points", help="Điểm thu: bưu điện, đại lý, cơ quan BHXH, UBND xã (CSV/Excel: mã điểm thu, tên, loại, mã "
                         "đơn vị, từ ngày…).", add_arguments=_arguments)
def import_points_command(options: dict, stdout, stderr) -> int:
    """`ansinh import points FILE --user USERNAME`."""
    return _command("points", options, stdout, stderr)
