"""Importing files, shared by every app.

- Importers: `ansinh import <name> FILE …` runs the function an app declared with
  `@importer("people", help=…)` in its `importers.py` (the `import` command lists them).
- Streaming readers for CSV and Excel (.xlsx) that yield one row at a time, with the byte or row
  position for a progress bar.
- Error files: the rejected rows with their original columns and the reason, in the input's format,
  so they can be corrected and imported again.
"""

import argparse
import csv
import datetime as dt
import hashlib
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from ansinh.core import excel
from ansinh.core.errors import Code, DomainError

REASON_HEADER = "Lý do lỗi"
"""Column added to error files; readers ignore it when the corrected file is imported again."""

# Excel files larger than this are read row by row with openpyxl (bounded memory) instead of calamine,
# which is several times faster but holds the whole sheet in memory.
CALAMINE_MAX_BYTES = int(os.environ.get("ANSINH_CALAMINE_MAX_BYTES", str(40 * 1024 * 1024)))
# An .xlsx is a zip: what it may unpack to before anything is read (a "zip bomb" is refused in a few milliseconds).
XLSX_MAX_ENTRIES = 10_000
XLSX_MAX_UNPACKED = int(os.environ.get("ANSINH_XLSX_MAX_UNPACKED", str(1024 * 1024 * 1024)))
XLSX_MAX_RATIO = 200  # real workbooks compress 5–50 times; a bomb, thousands of times


class UnreadableFile(DomainError, ValueError):
    """A file refused before or while it is opened (damaged, not what its name says, or a zip bomb)."""

    code = Code.UNREADABLE_FILE


def check_xlsx(path: Path) -> None:
    """Refuse a damaged .xlsx, or one that would unpack to too much, from its zip directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile("Tệp không phải tệp Excel .xlsx đọc được (tệp hỏng, hoặc là tệp khác đổi đuôi). Hãy mở "
                             "bằng Excel rồi lưu lại dạng .xlsx, hoặc lưu dạng .csv.") from exc
    unpacked = sum(e.file_size for e in entries)
    packed = max(1, sum(e.compress_size for e in entries))
    if len(entries) > XLSX_MAX_ENTRIES or unpacked > XLSX_MAX_UNPACKED or unpacked / packed > XLSX_MAX_RATIO:
        raise UnreadableFile(f"Tệp bị từ chối: giải nén ra {unpacked / 1024 / 1024:,.0f} MB từ "
                             f"{packed / 1024 / 1024:,.1f} MB ({len(entries)} phần), không giống một bảng tính "
                             "thật. Hãy lưu dạng .csv rồi nhập lại.")


@dataclass(frozen=True)
class Importer:
    """A subcommand of `ansinh import`: its name, help, arguments and the function that runs it."""

    name: str
    help: str
    run: Callable[..., int]
    add_arguments: Callable[[argparse.ArgumentParser], None] | None = None

    def __call__(self, options: dict, stdout, stderr) -> int:
        """Run the import with the command's options."""
        return self.run(options, stdout, stderr)


def importer(name: str, *, help: str, add_arguments: Callable[[argparse.ArgumentParser], None] | None = None):
    """Make `run(options: dict, stdout, stderr) -> int` the importer `ansinh import <name>`.

    The `import` command (ansinh/web/management/commands/import_data.py) lists every app's importers.
    """

    def decorator(run: Callable[..., int]) -> Importer:
        return Importer(name=name, help=help, run=run, add_arguments=add_arguments)

    return decorator


def command_user(username: str | None):
    """The account a command-line import runs as: `--user`'s active account, or the first administrator; None when
    there is no such account."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if username:
        return users.filter(username=username).first()
    return users.filter(is_superuser=True).order_by("pk").first()


def command_user_or_say(options: dict, stderr):
    """`command_user` of `--user`, or None after saying on stderr why there is none."""
    user = command_user(options.get("user"))
    if user is None:
        stderr.write(f"Không có người dùng '{options.get('user')}'." if options.get("user") else
                     "Chưa có tài khoản quản trị: hãy ghi --user <tên đăng nhập>.")
    return user


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read, so a progress bar can follow a streamed CSV."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.raw.readinto(buffer)
        self.count += n or 0
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


@dataclass
class RowSource:
    """Rows of a CSV or Excel file, streamed; `position()` / `size` drive a progress bar."""

    path: Path
    kind: str  # "csv" or "xlsx"
    size: int
    rows: Iterator[list] = field(repr=False, default=iter(()))
    position: Callable[[], int] = field(repr=False, default=lambda: 0)
    close: Callable[[], None] = field(repr=False, default=lambda: None)


def _detect_encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # cut in the middle of a character
            return "utf-8"
        return "cp1258"  # Windows Vietnamese, what older Excel versions write


def _open_csv(path: Path) -> RowSource:
    raw = open(path, "rb")  # noqa: SIM115 - closed by RowSource.close
    head = raw.read(65536)
    raw.seek(0)
    encoding = _detect_encoding(head)
    sample = head.decode(encoding, errors="ignore")
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 20)[-2] if sample.count("\n") > 1 else sample,
                                      delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    counting = _CountingReader(raw)
    text = io.TextIOWrapper(io.BufferedReader(counting, buffer_size=1 << 20), encoding=encoding, newline="")
    return RowSource(path=path, kind="csv", size=path.stat().st_size, rows=csv.reader(text, delimiter=delimiter),
                     position=lambda: counting.count, close=text.close)


def _open_xlsx(path: Path) -> RowSource:
    size = path.stat().st_size
    if size <= CALAMINE_MAX_BYTES:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        total = sheet.height or 1
        counter = {"n": 0}

        def rows():
            for row in sheet.iter_rows():
                counter["n"] += 1
                yield list(row)

        return RowSource(path=path, kind="xlsx", size=total, rows=rows(), position=lambda: counter["n"],
                         close=workbook.close)
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    total = sheet.max_row or 1
    counter = {"n": 0}

    def streamed():
        for row in sheet.iter_rows(values_only=True):
            counter["n"] += 1
            yield ["" if v is None else v for v in row]

    return RowSource(path=path, kind="xlsx", size=total, rows=streamed(), position=lambda: counter["n"],
                     close=workbook.close)


def open_rows(path: str | Path) -> RowSource:
    """Open a .csv (UTF-8 or Windows-1258, comma/semicolon/tab) or .xlsx file as a stream of rows."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        check_xlsx(path)
        try:
            return _open_xlsx(path)
        except Exception as exc:  # calamine and openpyxl raise many kinds on a damaged workbook
            raise UnreadableFile(f"Tệp không đọc được ({exc.__class__.__name__}). Hãy mở bằng Excel rồi lưu lại dạng "
                                 ".xlsx, hoặc lưu dạng .csv.") from exc
    if suffix in (".csv", ".txt", ""):
        return _open_csv(path)
    raise ValueError(f"Không đọc được tệp '{path.name}': chỉ nhận .csv hoặc .xlsx.")


def open_upload(name: str, data: bytes) -> RowSource:
    """An uploaded file's rows (CSV or .xlsx, by its name), read like `open_rows` from a temporary copy."""
    import tempfile

    suffix = Path(name).suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ""):
        raise ValueError(f"Không đọc được tệp '{Path(name).name}': chỉ nhận .csv hoặc .xlsx.")
    handle = tempfile.NamedTemporaryFile(suffix=suffix or ".csv", delete=False)  # noqa: SIM115 - removed on close
    with handle:
        handle.write(data)
    source = open_rows(handle.name)
    close = source.close

    def close_and_remove() -> None:
        close()
        Path(handle.name).unlink(missing_ok=True)

    source.close = close_and_remove
    return source


def open_table(path: str | Path) -> RowSource:
    """A table whose first line is its header (staff, points, resident lists, bank statements) or a title above it:
    Excel through `open_rows`; a CSV with the delimiter its header line uses.

    The shared reader sniffs the delimiter from a data line, where a semicolon file's commune list or address
    ("29239,29236", "Số 3, Phường 1") makes it pick the comma; a header line holds no such commas.
    """
    path = Path(path)
    if path.suffix.lower() not in (".csv", ".txt", ""):
        return open_rows(path)
    with open(path, "rb") as raw:
        head = raw.read(65536)
    encoding = _detect_encoding(head)
    # The first line that separates at least three cells: a title row above the header ("DANH SÁCH HỌC SINH, NĂM
    # HỌC 2025-2026", one cell, perhaps one comma) does not decide; failing that, the first line with a delimiter.
    lines = [line for line in head.decode(encoding, errors="ignore").splitlines()[:12] if line.strip()]
    first = next((line for line in lines if max(line.count(d) for d in ";,\t") >= 2),
                 next((line for line in lines if any(d in line for d in ";,\t")), ""))
    delimiter = max(";,\t", key=first.count) if first else ","
    handle = open(path, encoding=encoding, errors="replace", newline="")  # noqa: SIM115 - closed by the source
    return RowSource(path=path, kind="csv", size=path.stat().st_size, rows=csv.reader(handle, delimiter=delimiter),
                     position=lambda: 0, close=handle.close)


def find_header(rows, columns: dict[str, set[str]], required: tuple[str, ...], label: Callable[[str], str], *,
                search_rows: int = 10) -> tuple[list, dict[str, int], list[list], int]:
    """The header row (the first of the first `search_rows` rows naming every required column), the column of each
    field, the rows above it and its line. Refused (DomainError) when the file is empty (`empty_file`) or no row
    names the required columns (`missing_columns`, naming them with `label`)."""
    from ansinh.core.cells import is_blank, text

    above, line, best = [], 0, None
    for values in rows:
        line += 1
        values = list(values)
        if all(is_blank(v) for v in values):
            above.append(values)
            continue
        header = [text(v) for v in values]
        if REASON_HEADER in header:  # a corrected error file: its reasons are not data
            header = header[:header.index(REASON_HEADER)]
        found = header_map(header, columns)
        missing = [name for name in required if name not in found]
        if not missing:
            return header, found, above, line
        best = best or missing
        above.append(values)
        if len(above) >= search_rows:
            break
    if best is None:
        raise DomainError("Tệp không có dữ liệu.", code=Code.EMPTY_FILE, field="file")
    raise DomainError(f"Tệp thiếu cột: {', '.join(label(n) for n in best)} (dòng tiêu đề cần: "
                      f"{', '.join(label(n) for n in required)}).", code=Code.MISSING_COLUMNS, field="file")


def numbered_rows(rows, line: int, width: int):
    """(line, cells) of the data rows after the header at `line`, blank rows left out."""
    from ansinh.core.cells import is_blank

    for values in rows:
        line += 1
        values = list(values)
        if not all(is_blank(v) for v in values[:width]):
            yield line, values


def header_map(header: list, columns: dict[str, set[str]]) -> dict[str, int]:
    """Column index of each field, from a header row whose titles are compared folded (accents, case ignored)."""
    from ansinh.core.text import fold

    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = fold(str(title if title is not None else "")).replace("_", " ")
        for name, aliases in columns.items():
            if key in aliases and name not in found:
                found[name] = index
    return found


class ErrorFile:
    """Rejected rows written as they come: the preamble, the header plus 'Lý do lỗi', each row plus its reason.

    The file has the input's format (CSV in UTF-8 with BOM, so Excel shows the accents, or .xlsx) and is
    created only when the first row is rejected.
    """

    def __init__(self, path: str | Path, *, kind: str, header: list, preamble: list[list] | None = None):
        self.path = Path(path)
        self.kind = kind
        self.header = [h for h in header]
        self.preamble = preamble or []
        self.count = 0
        self._handle = None
        self._writer = None
        self._workbook = None
        self._sheet = None

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        header = [*self.header, REASON_HEADER]
        if self.kind == "xlsx":
            from openpyxl import Workbook

            self._workbook = Workbook(write_only=True)
            self._sheet = self._workbook.create_sheet("Lỗi")
            for row in self.preamble:
                excel.append(self._sheet, list(row))
            excel.append(self._sheet, header)
        else:
            self._handle = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self._writer = csv.writer(self._handle)
            for row in self.preamble:
                self._writer.writerow([excel.csv_safe(v) for v in row])
            self._writer.writerow(header)

    def write_marker(self, values: list) -> None:
        """Add a row that is not a rejected row (a section heading such as 'II. GIẢM')."""
        if self._handle is None and self._workbook is None:
            self._open()
        if self._sheet is not None:
            excel.append(self._sheet, list(values))
        else:
            self._writer.writerow([excel.csv_safe(v) for v in values])

    def write(self, values: list, reason: str) -> None:
        """Add a rejected row with its reason (extra cells past the header are kept)."""
        if self._handle is None and self._workbook is None:
            self._open()
        cells = list(values)
        width = len(self.header)
        cells = cells[:width] + [""] * (width - len(cells)) if len(cells) <= width else cells[:width]
        if self._sheet is not None:
            excel.append(self._sheet, [*cells, reason])
        else:
            self._writer.writerow([excel.csv_safe(v) for v in [*cells, reason]])
        self.count += 1

    def close(self) -> Path | None:
        """Finish the file; the path, or None when no row was rejected."""
        if self._workbook is not None:
            self._workbook.save(self.path)
            self._workbook = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        return self.path if self.count else None


def allocate_ids(model, count: int) -> list[int]:
    """Reserve `count` primary keys for rows about to be inserted in bulk (call inside the transaction).

    PostgreSQL takes them from the table's sequence (safe with concurrent writers); SQLite, which has a
    single writer holding the lock for the whole transaction, continues after the largest id.
    """
    from django.db import connection

    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_other(value) -> str:
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_COPY_FORMAT = {
    str: lambda v: v.translate(_COPY_ESCAPES), int: str, type(None): lambda v: "\\N",
    dt.date: dt.date.isoformat, dt.datetime: dt.datetime.isoformat, bool: lambda v: "t" if v else "f",
}


def _copy_line(row: tuple) -> str:
    """One row in PostgreSQL's COPY text format (tab-separated, \\N for NULL, backslash escapes)."""
    formats = _COPY_FORMAT
    return "\t".join([formats.get(type(v), _copy_other)(v) for v in row]) + "\n"


def insert_rows(model, columns: list[str], rows: list[tuple]) -> None:
    """Insert many rows with their ids already set: COPY on PostgreSQL, executemany elsewhere.

    The fast path of imports: no model instances, no RETURNING. Unique and check constraints still
    apply; a violation raises django.db.IntegrityError and the caller's transaction rolls back.
    """
    from django.db import IntegrityError, connection

    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            import psycopg

            try:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    copy.write("".join(map(_copy_line, rows)).encode())
            except psycopg.errors.IntegrityError as exc:
                raise IntegrityError(str(exc)) from exc
        else:
            from django.db import models

            fields = [model._meta.get_field(c) for c in columns]
            adapt = [(i, connection.ops.adapt_datetimefield_value) for i, f in enumerate(fields)
                     if isinstance(f, models.DateTimeField)]
            adapt += [(i, connection.ops.adapt_datefield_value) for i, f in enumerate(fields)
                      if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)]
            if adapt:
                rows = [list(row) for row in rows]
                for row in rows:
                    for index, function in adapt:
                        row[index] = function(row[index])
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


def read_guarded(run, source: RowSource, read: Callable[[], object]):
    """`read()` over an opened file, which is closed after; the exception a damaged file raises in calamine,
    openpyxl or csv becomes `unreadable_file` naming the run's file (a DomainError passes as it is)."""
    try:
        return read()
    except DomainError:
        raise
    except Exception as exc:
        raise DomainError(f"Không đọc được tệp {run.file_name}: tệp hỏng hoặc không phải .xlsx/.csv.",
                          code=Code.UNREADABLE_FILE, field="file") from exc
    finally:
        source.close()


def record_run(run, *, read: int, stored: int, unchanged: int, rejected: int, error_path: Path | None,
               summary: dict) -> None:
    """Store what an import run did: its counts, its error file (under MEDIA_ROOT when it is there) and summary."""
    run.rows_read, run.rows_stored, run.rows_unchanged, run.rows_rejected = read, stored, unchanged, rejected
    if error_path is not None:
        media = Path(settings.MEDIA_ROOT)
        run.error_file = str(error_path.relative_to(media)) if error_path.is_relative_to(media) else str(error_path)
    run.summary = summary
    run.save(update_fields=["rows_read", "rows_stored", "rows_unchanged", "rows_rejected", "error_file", "summary"])


def write_rejected(run, stdout, *, limit: int = 10) -> None:
    """The command's lines about a run's rejected rows: the first reasons and where the error file is."""
    if not run.error_file:
        return
    error = Path(run.error_file)
    full = error if error.is_absolute() else Path(settings.MEDIA_ROOT) / error
    for reason in run.summary.get("reasons", [])[:limit]:
        stdout.write(f"  {reason}")
    stdout.write(f"Các dòng lỗi (kèm lý do) ở: {full} — sửa rồi nhập lại tệp đó.")


REASONS_KEPT = 20  # the first reasons of a run, shown on its page and by the command (all are in the error file)


@dataclass
class RowCounts:
    """What a run did with its rows: read, left unchanged, refused (with the first reasons); each importer adds
    its own outcomes (created, updated, recorded…)."""

    read: int = 0
    unchanged: int = 0
    rejected: int = 0
    reasons: list[str] = field(default_factory=list)


def row_reason(line: int, exc: DomainError, labels: dict[str, str]) -> str:
    """A refused row's reason for the error file: 'Dòng 7, cột “Ngày sinh”: …', the column named once (a cell
    reader's own 'Ngày sinh: ' prefix is taken off)."""
    label = labels.get(exc.field or "")
    where = f"Dòng {line}, cột “{label}”" if label else f"Dòng {line}"
    message = exc.message
    if label and message.startswith(f"{label}: "):
        message = message[len(label) + 2:]
    return f"{where}: {message[:1].upper()}{message[1:]}"


def refuse_row(counts, errors: ErrorFile, values: list, reason: str) -> None:
    """Count a refused row (`counts.rejected`, the first `REASONS_KEPT` in `counts.reasons`) and write it, with its
    reason, to the error file."""
    counts.rejected += 1
    if len(counts.reasons) < REASONS_KEPT:
        counts.reasons.append(reason)
    errors.write(values, reason)


def run_command(options: dict, stdout, stderr, *, start: Callable, say: Callable) -> int:
    """What an importer's command does around its run: the account (`--user`, or the first administrator), then
    `start(user)` (the run, or None after writing why to stderr), a refusal or an unreadable file said on stderr
    (exit 2), else `say(run)` and the rejected rows' first reasons with the error file's place (exit 0)."""
    from ansinh.core.errors import PermissionDenied

    user = command_user_or_say(options, stderr)
    if user is None:
        return 2
    try:
        run = start(user)
    except (DomainError, PermissionDenied) as exc:
        stderr.write(f"Không nhập được: {getattr(exc, 'message', exc)}")
        return 2
    except OSError as exc:
        stderr.write(f"Không nhập được: {exc}")
        return 2
    if run is None:
        return 2
    if run.state == "failed":
        stderr.write(f"Không nhập được: {run.error}")
        return 2
    stdout.write(say(run))
    write_rejected(run, stdout)
    return 0


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB chunks (a run remembers which file it read)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def safe_stem(name: str) -> str:
    """A file name's stem that is safe on any file system ('Danh sách xã 1.xlsx' -> 'Danh-sach-xa-1')."""
    from unidecode import unidecode

    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", unidecode(Path(name).stem)).strip("-.")
    return stem[:80] or "tep"


def error_file_path(run, source: Path, *, folder: str = "", stem: str = "") -> Path:
    """Where a run's error file goes: MEDIA_ROOT/imports/[<folder>/]<run>/<stem>.loi.<ext>, in the file's format."""
    suffix = ".xlsx" if source.suffix.lower() in (".xlsx", ".xlsm") else ".csv"
    base = Path(settings.MEDIA_ROOT) / "imports"
    return (base / folder if folder else base) / str(run.pk) / f"{safe_stem(stem or source.name)}.loi{suffix}"


def store_upload(upload, *, folder: str = "") -> Path:
    """Keep an uploaded file for the worker (and for a retry): MEDIA_ROOT/imports/[<folder>/]uploads/<random>/.
    A damaged workbook or a zip bomb is refused at once (UnreadableFile), before anything is queued."""
    import uuid

    suffix = Path(upload.name).suffix.lower()
    suffix = suffix if suffix in UPLOAD_SUFFIXES else ".csv"
    base = Path(settings.MEDIA_ROOT) / "imports"
    target = (base / folder if folder else base) / "uploads" / uuid.uuid4().hex / f"{safe_stem(upload.name)}{suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    if suffix in (".xlsx", ".xlsm"):
        try:
            check_xlsx(target)
        except UnreadableFile:
            target.unlink()
            target.parent.rmdir()
            raise
    return target


UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt")
