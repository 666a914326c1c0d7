"""`ansinh import figures FILE`: reported figures from a CSV or Excel file, one figure per row.

Columns (Vietnamese headers, accents and case ignored; order free):
`Mã đơn vị`, `Cơ cấu` (pre2025 / 2025, empty = today's unit), `Tính đến ngày`, `Chỉ tiêu` (code such as
`hi_coverage` or the Vietnamese name), `Giá trị`, `Nguồn`; optional `Ngày nguồn`, `Suy ra` (có/không),
`Đạt kế hoạch` (the % of plan the source printed), `Cần thêm`, `Ghi chú`.
Rejected rows go to `<FILE>.errors.csv` (or .xlsx) with their original columns and the reason; once
corrected, that file can be imported again. Importing the same file twice changes nothing.
"""

from pathlib import Path

from ansinh.core.cells import CellError, parse_date, parse_decimal, parse_int
from ansinh.core.cells import text as _text
from ansinh.core.errors import Code, DomainError, NotFound
from ansinh.core.importing import ErrorFile, importer, open_rows
from ansinh.core.text import fold
from ansinh.geo.selectors import unit_get
from ansinh.plans.choices import Indicator

COLUMNS = {
    "ma don vi": "unit", "co cau": "era", "tinh den ngay": "on", "ngay": "on", "chi tieu": "indicator",
    "gia tri": "value", "nguon": "source", "ngay nguon": "source_date", "suy ra": "derived",
    "dat ke hoach": "printed_plan_pct", "can them": "printed_needed", "ghi chu": "note",
}
REQUIRED = ("unit", "on", "indicator", "value", "source")
INDICATOR_NAMES = {fold(label): value for value, label in Indicator.choices} | {fold(v): v for v in Indicator.values}
YES = {"co", "x", "1", "true", "yes"}


def _number_text(value, label: str) -> str:
    """'964.867' (Vietnamese thousands) -> '964867'; '95,61' -> '95.61'; numbers as they are."""
    number = parse_decimal(value, label)
    return "" if number is None else f"{number:f}"


def figure_fields(raw: dict) -> dict:
    """The service's arguments for one row (a CellError names the field and the reason)."""
    for name in REQUIRED:
        if not _text(raw.get(name)):
            raise CellError(f"thiếu cột '{name}'", code=Code.MISSING_COLUMNS)
    era = _text(raw.get("era")) or None
    code = _text(raw["unit"])
    try:
        unit = unit_get(code.zfill(2) if code.isdigit() and len(code) == 1 else code, era)
    except NotFound as exc:
        raise CellError(f"không có đơn vị mã {code}", code=Code.UNKNOWN_UNIT) from exc
    indicator = INDICATOR_NAMES.get(fold(_text(raw["indicator"])))
    if indicator is None:
        raise CellError(f"chỉ tiêu '{_text(raw['indicator'])}' không hợp lệ", code=Code.INVALID_INDICATOR)
    fields = {"unit": unit, "on": parse_date(raw["on"], "Tính đến ngày"), "indicator": indicator,
              "value": _number_text(raw["value"], "Giá trị"), "source": _text(raw["source"]),
              "note": _text(raw.get("note"))}
    if _text(raw.get("source_date")):
        fields["source_date"] = parse_date(raw["source_date"], "Ngày nguồn")
    fields["derived"] = fold(_text(raw.get("derived"))) in YES
    if _text(raw.get("printed_plan_pct")):
        fields["printed_plan_pct"] = _number_text(raw["printed_plan_pct"], "Đạt kế hoạch")
    if _text(raw.get("printed_needed")):
        fields["printed_needed"] = parse_int(raw["printed_needed"], "Cần thêm")
    return fields


def import_figures(path: str | Path, *, user, stdout=None) -> dict:
    """Import a file of reported figures; returns counts and the error file's path (if any row was rejected)."""
    from ansinh.plans.services import figure_record

    path = Path(path)
    source = open_rows(path)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    errors = None
    try:
        header = None
        for values in source.rows:
            if header is None:
                if not any(_text(v) for v in values):
                    continue
                header = [_text(v) for v in values]
                mapping = {i: COLUMNS.get(fold(h)) for i, h in enumerate(header)}
                missing = [name for name in REQUIRED if name not in mapping.values()]
                if missing:
                    raise DomainError(f"Tệp {path.name} thiếu cột: {', '.join(missing)}.", code=Code.MISSING_COLUMNS)
                suffix = ".errors.xlsx" if source.kind == "xlsx" else ".errors.csv"
                errors = ErrorFile(path.with_name(path.stem + suffix), kind=source.kind, header=header)
                continue
            if not any(_text(v) for v in values):
                continue
            raw = {mapping[i]: v for i, v in enumerate(values) if mapping.get(i)}
            try:
                _, what = figure_record(user=user, **figure_fields(raw))
            except DomainError as exc:
                counts["rejected"] += 1
                errors.write(values, str(getattr(exc, "message", exc)))
                continue
            counts[what] += 1
    finally:
        source.close()
    error_path = errors.close() if errors is not None else None
    if stdout is not None:
        stdout.write(f"Số liệu báo cáo: {counts['created']} thêm mới, {counts['updated']} cập nhật, "
                     f"{counts['unchanged']} giữ nguyên, {counts['rejected']} bị từ chối.")
        if error_path:
            stdout.write(f"Các dòng bị từ chối (kèm lý do) ở {error_path}; sửa rồi nhập lại tệp đó.")
    return {**counts, "errors": error_path}


def _user_for(options: dict):
    from ansinh.accounts.models import User

    name = options.get("user") or options.get("as_user") or options.get("username")
    if name:
        return User.objects.get(username=name)
    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


@importer("figures", help="Số liệu báo cáo (tỷ lệ bao phủ, số người tham gia…) theo đơn vị và ngày, kèm nguồn.")
def run(options: dict, stdout, stderr) -> int:
    """`ansinh import figures FILE`."""
    path = options.get("file") or options.get("path") or (options.get("files") or [None])[0]
    try:
        result = import_figures(path, user=_user_for(options), stdout=stdout)
    except DomainError as exc:
        stderr.write(exc.message)
        return 1
    return 1 if result["rejected"] else 0
