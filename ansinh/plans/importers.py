"""`ansinh import figures FILE`: reported figures from a CSV or Excel file, in one of two layouts.

Columns (Vietnamese headers, accents and case ignored; order free):
`Mã đơn vị`, `Cơ cấu` (pre2025 / 2025, empty = today's unit), `Tính đến ngày`, `Nguồn`; optional `Ngày nguồn`,
`Ghi chú`, and then either
- **one figure per row**: `Chỉ tiêu` (code such as `hi_coverage` or the Vietnamese name), `Giá trị`; optional
  `Suy ra` (có/không), `Đạt kế hoạch` (the % of plan the source printed), `Cần thêm`; or
- **one unit per row** (BHXH's monthly summary per commune or district): a column per indicator, headed by its
  code, its Vietnamese name or its short name (`Tham gia BHYT`, `BHYT hộ gia đình`, `BHXH tự nguyện`, `Bao phủ
  BHYT`…); every filled cell is one figure of the row's unit and date. A row is stored whole or not at all.
Rejected rows go to `<FILE>.errors.csv` (or .xlsx) with their original columns and the reason (the column is
named); once corrected, that file can be imported again. Importing the same file twice changes nothing.
"""

from pathlib import Path

from django.db import transaction

from ansinh.core.cells import CellError, parse_date, parse_decimal, parse_int
from ansinh.core.cells import text as _text
from ansinh.core.errors import Code, DomainError, NotFound
from ansinh.core.importing import ErrorFile, importer, open_rows
from ansinh.core.text import fold
from ansinh.geo.selectors import unit_get
from ansinh.plans.choices import SHORT_LABELS, Indicator

COLUMNS = {
    "ma don vi": "unit", "co cau": "era", "tinh den ngay": "on", "ngay": "on", "chi tieu": "indicator",
    "gia tri": "value", "nguon": "source", "ngay nguon": "source_date", "suy ra": "derived",
    "dat ke hoach": "printed_plan_pct", "can them": "printed_needed", "ghi chu": "note",
}
REQUIRED = ("unit", "on", "indicator", "value", "source")
WIDE_REQUIRED = ("unit", "on", "source")
INDICATOR_NAMES = ({fold(label): value for value, label in Indicator.choices} | {fold(v): v for v in Indicator.values}
                   | {fold(label): value for value, label in SHORT_LABELS.items()})
LABELS = dict(Indicator.choices)
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
    indicator = INDICATOR_NAMES.get(fold(_text(raw["indicator"])))
    if indicator is None:
        raise CellError(f"chỉ tiêu '{_text(raw['indicator'])}' không hợp lệ", code=Code.INVALID_INDICATOR)
    fields = {**_where(raw), "indicator": indicator, "value": _number_text(raw["value"], "Giá trị")}
    fields["derived"] = fold(_text(raw.get("derived"))) in YES
    if _text(raw.get("printed_plan_pct")):
        fields["printed_plan_pct"] = _number_text(raw["printed_plan_pct"], "Đạt kế hoạch")
    if _text(raw.get("printed_needed")):
        fields["printed_needed"] = parse_int(raw["printed_needed"], "Cần thêm")
    return fields


def wide_fields(raw: dict, cells: dict[str, object]) -> list[dict]:
    """The service's arguments for each filled indicator cell of a unit's row ({indicator: cell})."""
    for name in WIDE_REQUIRED:
        if not _text(raw.get(name)):
            raise CellError(f"thiếu cột '{name}'", code=Code.MISSING_COLUMNS)
    where = _where(raw)
    filled = {k: v for k, v in cells.items() if _text(v)}
    if not filled:
        raise CellError("dòng không có số liệu nào", code=Code.MISSING_COLUMNS)
    return [{**where, "indicator": k, "value": _number_text(v, LABELS[k])} for k, v in filled.items()]


def _where(raw: dict) -> dict:
    """The unit, date, source and note of a row."""
    era = _text(raw.get("era")) or None
    code = _text(raw["unit"])
    try:
        unit = unit_get(code.zfill(2) if code.isdigit() and len(code) == 1 else code, era)
    except NotFound as exc:
        raise CellError(f"không có đơn vị mã {code}", code=Code.UNKNOWN_UNIT) from exc
    fields = {"unit": unit, "on": parse_date(raw["on"], "Tính đến ngày"), "source": _text(raw["source"]),
              "note": _text(raw.get("note"))}
    if _text(raw.get("source_date")):
        fields["source_date"] = parse_date(raw["source_date"], "Ngày nguồn")
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
                wide = {i: INDICATOR_NAMES[fold(h)] for i, h in enumerate(header)
                        if mapping.get(i) is None and fold(h) in INDICATOR_NAMES}
                if "indicator" in mapping.values():
                    wide = {}
                required = WIDE_REQUIRED if wide else REQUIRED
                missing = [name for name in required if name not in mapping.values()]
                if missing:
                    raise DomainError(f"Tệp {path.name} thiếu cột: {', '.join(missing)}.", code=Code.MISSING_COLUMNS)
                suffix = ".errors.xlsx" if source.kind == "xlsx" else ".errors.csv"
                errors = ErrorFile(path.with_name(path.stem + suffix), kind=source.kind, header=header)
                continue
            if not any(_text(v) for v in values):
                continue
            raw = {mapping[i]: v for i, v in enumerate(values) if mapping.get(i)}
            try:
                with transaction.atomic():  # a unit's row is stored whole or not at all
                    rows = wide_fields(raw, {k: values[i] for i, k in wide.items() if i < len(values)}) if wide \
                        else [figure_fields(raw)]
                    done = [_record(figure_record, user, fields, named=bool(wide)) for fields in rows]
            except DomainError as exc:
                counts["rejected"] += 1
                errors.write(values, str(getattr(exc, "message", exc)))
                continue
            for what in done:
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


def _record(figure_record, user, fields: dict, *, named: bool) -> str:
    """Record one figure; a refusal names the indicator when a row holds several (`named`)."""
    try:
        return figure_record(user=user, **fields)[1]
    except DomainError as exc:
        if not named:
            raise
        raise DomainError(f"{LABELS[fields['indicator']]}: {exc.message}", code=exc.code, field=exc.field) from exc


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
