"""Loading reference data: units of both eras and the crosswalk from `vietnamadminunits`,
and the census population / labour-force CSV shipped in `geo/data/`."""

import csv
import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from django.db import transaction

from ansinh.core.cells import CellError, parse_int, text
from ansinh.core.errors import Code, DomainError, NotFound, PermissionDenied
from ansinh.core.importing import (
    ErrorFile,
    command_user_or_say,
    find_header,
    importer,
    numbered_rows,
    open_table,
    row_reason,
)
from ansinh.core.text import fold
from ansinh.geo.choices import LAST_DAY_BEFORE_REFORM, REFORM_DATE, Era, Indicator, Level
from ansinh.geo.models import Unit, UnitStatistic, UnitSuccession
from ansinh.geo.selectors import unit_get
from ansinh.geo.services import statistic_record

NATION_CODE = "VN"
STATISTICS_CSV = Path(__file__).parent / "data" / "province_population.csv"  # census 2019, labour force 2016
YEARLY_STATISTICS_CSV = Path(__file__).parent / "data" / "province_statistics.csv"  # GSO's yearly tables
MERGERS_CSV = Path(__file__).parent / "data" / "mergers_2019_2025.csv"
UNIT_FIELDS = ("level", "name", "short_name", "unit_type", "ascii_key", "search_text", "path",
               "province_code", "valid_from", "valid_until", "latitude", "longitude")


@dataclass
class LoadReport:
    """What a load did: rows created, updated and left alone, and anything it could not place."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def add(self, bucket: str, kind: str, n: int = 1) -> None:
        """Count n rows of a kind in a bucket."""
        target = getattr(self, bucket)
        target[kind] = target.get(kind, 0) + n

    @property
    def changed(self) -> bool:
        """Whether the load wrote anything."""
        return any(self.created.values()) or any(self.updated.values())


def _package_db() -> Path:
    return Path(str(resources.files("vietnamadminunits") / "data" / "dataset.db"))


def _package_crosswalk() -> dict:
    path = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


def _rows(table: str) -> list[dict]:
    with sqlite3.connect(f"file:{_package_db()}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f"SELECT * FROM [{table}]")]  # noqa: S608


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


# The types of units, as officials write them before a unit's name (longest first, to match "Thị xã" before "Xã").
UNIT_TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Quận", "Huyện", "Tỉnh", "Xã")


def split_name(full: str) -> tuple[str, str, str]:
    """(name, type, short name) as officials write them: 'Thị trấn Yên Viên' -> type 'Thị trấn', 'Yên Viên'.

    The package's short names carry a disambiguation ('Yên Viên (Thị trấn)') and a few of its types disagree
    with the name ('Thị trấn Ngọc Lặc' typed 'Xã'): the full name decides.
    """
    full = " ".join(full.split())
    for kind in UNIT_TYPES:
        if full.lower().startswith(kind.lower() + " "):  # some names say "Thị Trấn", "Thành Phố"
            short = full[len(kind) + 1:].strip()
            return f"{kind} {short}", kind, short
    return full, "", full


def _desired_units() -> tuple[dict[tuple[str, str], dict], dict[tuple[str, str], tuple[str, str]]]:
    """All units wanted, keyed by (era, code), and each unit's parent key."""
    units: dict[tuple[str, str], dict] = {}
    parents: dict[tuple[str, str], tuple[str, str]] = {}

    def put(era, level, code, name, _package_short, lat, lon, parent_key, path, valid_until=None):
        key = (era, code)
        if key in units:
            return
        name, kind, short = split_name(name) if level != Level.NATION else (name, "", name)
        units[key] = {
            "level": level, "name": name, "short_name": short, "unit_type": kind,
            "ascii_key": fold(name), "search_text": f"{fold(name)} | {fold(short)}", "path": path,
            "province_code": path.split("/")[1] if level != Level.NATION else "",
            "valid_from": REFORM_DATE if era == Era.FROM_2025 else None,
            "valid_until": valid_until or (LAST_DAY_BEFORE_REFORM if era == Era.PRE_2025 else None),
            "latitude": lat, "longitude": lon,
        }
        parents[key] = parent_key

    nation = ("", NATION_CODE)
    put("", Level.NATION, NATION_CODE, "Việt Nam", "Việt Nam", 16.0, 106.0, None, "")
    old = Era.PRE_2025
    for r in _rows("admin_units_legacy"):
        p, d, w = r["provinceCode"], r["districtCode"], r["wardCode"]
        put(old, Level.PROVINCE, p, r["province"], r["provinceShort"], r["provinceLat"], r["provinceLon"],
            nation, f"{old}/{p}/")
        put(old, Level.DISTRICT, d, r["district"], r["districtShort"], r["districtLat"], r["districtLon"],
            (old, p), f"{old}/{p}/{d}/")
        if w:
            put(old, Level.COMMUNE, w, r["ward"], r["wardShort"], r["wardLat"], r["wardLon"], (old, d),
                f"{old}/{p}/{d}/{w}/")
    for r in merger_rows():
        p, parent = r["province_code"], r["parent_code"]
        parent_path = f"{old}/{p}/" if parent == p else units[(old, parent)]["path"]
        put(old, r["level"], r["code"], r["name"], "", None, None, (old, parent), f"{parent_path}{r['code']}/",
            valid_until=dt.date.fromisoformat(r["valid_until"]))
    new = Era.FROM_2025
    for r in _rows("admin_units"):
        p, w = r["provinceCode"], r["wardCode"]
        put(new, Level.PROVINCE, p, r["province"], r["provinceShort"], r["provinceLat"], r["provinceLon"],
            nation, f"{new}/{p}/")
        put(new, Level.COMMUNE, w, r["ward"], r["wardShort"], r["wardLat"], r["wardLon"], (new, p),
            f"{new}/{p}/{w}/")
    return units, parents


def merger_rows(path: Path = MERGERS_CSV) -> list[dict]:
    """Old-structure units ended by a merger between 2019 and 30/6/2025, in the order to create them (a district
    before its communes), each with the unit that took it over and the resolution (docs/units.md)."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return sorted(rows, key=lambda r: r["level"] != Level.DISTRICT)


def _desired_crosswalk(report: LoadReport) -> dict[tuple[str, str], tuple[bool, bool]]:
    """Crosswalk rows wanted: (old code, new code) -> (partly, is_default), provinces and communes."""
    legacy = _rows("admin_units_legacy")
    current = _rows("admin_units")
    old_province = {r["provinceKey"]: r["provinceCode"] for r in legacy}
    new_province = {r["provinceKey"]: r["provinceCode"] for r in current}
    # Island districts had no communes; they became special zones (đặc khu): map the district itself.
    old_ward = {f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}": r["wardCode"] or r["districtCode"]
                for r in legacy}
    # A few keys in the package carry diacritics ("xãthanhan"): compare keys folded.
    new_ward = {(r["provinceKey"], _key(r["wardKey"])): r["wardCode"] for r in current}
    data = _package_crosswalk()
    wanted: dict[tuple[str, str], tuple[bool, bool]] = {}
    for new_key, old_keys in data["DICT_PROVINCE"].items():
        for old_key in old_keys:
            wanted[(old_province[old_key], new_province[new_key])] = (False, True)
    for new_pkey, wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            new_code = new_ward.get((new_pkey, _key(new_wkey)))
            for old_key in old_keys:
                old_code = old_ward.get(old_key)
                if new_code and old_code:
                    wanted[(old_code, new_code)] = (False, True)
                else:
                    report.skipped.append(f"{old_key} -> {new_pkey}/{new_wkey}")
    for new_pkey, olds in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            old_code = old_ward.get(old_key)
            for target in targets:
                new_code = new_ward.get((new_pkey, _key(target["newWardKey"])))
                if new_code and old_code:
                    wanted[(old_code, new_code)] = (True, bool(target["isDefaultNewWard"]))
                else:
                    report.skipped.append(f"{old_key} -> {new_pkey}/{target['newWardKey']}")
    return wanted


@transaction.atomic
def load_units() -> LoadReport:
    """Create or update every unit and crosswalk row; a second run changes nothing."""
    report = LoadReport()
    wanted, parents = _desired_units()
    existing = {(u.era, u.code): u for u in Unit.objects.all()}
    to_create, to_update = [], []
    for (era, code), values in wanted.items():
        unit = existing.get((era, code))
        if unit is None:
            to_create.append(Unit(era=era, code=code, **values))
            report.add("created", str(values["level"]))
        elif any(getattr(unit, f) != values[f] for f in UNIT_FIELDS):
            for f in UNIT_FIELDS:
                setattr(unit, f, values[f])
            to_update.append(unit)
            report.add("updated", str(values["level"]))
        else:
            report.add("unchanged", str(values["level"]))
    Unit.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        Unit.objects.bulk_update(to_update, UNIT_FIELDS, batch_size=2000)
    ids = dict(((era, code), pk) for era, code, pk in Unit.objects.values_list("era", "code", "pk"))
    current_parents = dict(Unit.objects.values_list("pk", "parent_id"))
    reparent = []
    for key, parent_key in parents.items():
        pk, parent_pk = ids[key], ids.get(parent_key) if parent_key else None
        if current_parents.get(pk) != parent_pk:
            reparent.append(Unit(pk=pk, parent_id=parent_pk))
    if reparent:
        Unit.objects.bulk_update(reparent, ["parent"], batch_size=2000)
        if not to_create:
            report.add("updated", "parent", len(reparent))

    crosswalk = _desired_crosswalk(report)
    old_ids = {code: pk for (era, code), pk in ids.items() if era == Era.PRE_2025}
    new_ids = {code: pk for (era, code), pk in ids.items() if era == Era.FROM_2025}
    rows = {(old_ids[o], new_ids[n]): (partly, default, REFORM_DATE, "")
            for (o, n), (partly, default) in crosswalk.items()}
    # A unit ended by a 2019–2025 merger: a row to the old unit that absorbed it (its date and resolution),
    # and the absorbing unit's rows of 1/7/2025 (figures re-aggregated to today's units read default rows).
    reform_rows = {}
    for (old_pk, new_pk), value in rows.items():
        reform_rows.setdefault(old_pk, []).append((new_pk, value))
    for r in merger_rows():
        old_pk, into_pk = old_ids[r["code"]], old_ids[r["successor_code"]]
        rows[(old_pk, into_pk)] = (False, False, dt.date.fromisoformat(r["effective"]), r["resolution"])
        for new_pk, value in reform_rows.get(into_pk, []):
            rows.setdefault((old_pk, new_pk), value)
    have = {(o, n): (p, d, e, ref, pk) for o, n, p, d, e, ref, pk in UnitSuccession.objects.values_list(
        "old_id", "new_id", "partly", "is_default", "effective", "legal_ref", "pk")}
    create_rows, update_rows = [], []
    fields = ("partly", "is_default", "effective", "legal_ref")
    for (old_pk, new_pk), value in rows.items():
        found = have.get((old_pk, new_pk))
        if found is None:
            create_rows.append(UnitSuccession(old_id=old_pk, new_id=new_pk, **dict(zip(fields, value, strict=True))))
            report.add("created", "crosswalk")
        elif found[:4] != value:
            update_rows.append(UnitSuccession(pk=found[4], **dict(zip(fields, value, strict=True))))
            report.add("updated", "crosswalk")
        else:
            report.add("unchanged", "crosswalk")
    UnitSuccession.objects.bulk_create(create_rows, batch_size=5000)
    if update_rows:
        UnitSuccession.objects.bulk_update(update_rows, list(fields), batch_size=5000)
    return report


def _statistic_rows(census: Path, yearly: Path | None):
    """(unit set, code, name, indicator, year, value, source) of the census file (one row a province, its
    population and labour-force columns) and of the yearly file (one row a figure)."""
    with census.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for indicator, value, year, source in (
                    (Indicator.POPULATION, row["population"], row["year"], row["source"]),
                    (Indicator.LABOUR_FORCE, row["labour_force_15plus"], row["labour_force_year"],
                     row["labour_force_source"])):
                if value:
                    yield row["unit_set"], row["code"], row["name"], indicator, int(year), int(value), source
    if yearly is not None:
        with yearly.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                yield (row["unit_set"], row["code"], row["name"], row["indicator"], int(row["year"]),
                       int(row["value"]), row["source"])


@transaction.atomic
def load_statistics(path: Path = STATISTICS_CSV, yearly: Path | None = YEARLY_STATISTICS_CSV) -> LoadReport:
    """Load population and labour-force rows per province for both eras (the 2019 census and the 2016 labour
    force, then GSO's yearly tables); idempotent, and a figure an officer changed is left as she set it."""
    report = LoadReport()
    era_of = {"old63": Era.PRE_2025, "new34": Era.FROM_2025}
    units = {(u.era, u.code): u for u in Unit.objects.filter(level=Level.PROVINCE)}
    existing = {(s.unit_id, s.indicator, s.year): s for s in UnitStatistic.objects.all()}
    for unit_set, code, name, indicator, year, value, source in _statistic_rows(path, yearly):
        unit = units.get((era_of[unit_set], code.zfill(2)))
        if unit is None:
            report.skipped.append(f"{unit_set} {code} {name}")
            continue
        stat = existing.get((unit.pk, indicator, year))
        if stat is None:
            UnitStatistic.objects.create(unit=unit, indicator=indicator, year=year, value=value, source=source)
            report.add("created", "statistic")
        elif stat.changed_by_id is None and (stat.value, stat.source) != (value, source):
            stat.value, stat.source = value, source
            stat.save(update_fields=["value", "source", "changed_at"])
            report.add("updated", "statistic")
        else:
            report.add("unchanged", "statistic")
    return report


# --- an officer's file of yearly figures (communes' population, a province's new year) --------------------------

STAT_COLUMNS = {
    "unit": {"ma don vi", "ma", "ma xa", "ma tinh", "unit", "code"},
    "era": {"co cau", "era"},
    "indicator": {"chi tieu", "indicator"},
    "year": {"nam", "year"},
    "value": {"so lieu", "gia tri", "value"},
    "source": {"nguon", "source"},
}
STAT_REQUIRED = ("unit", "indicator", "year", "value", "source")
STAT_LABELS = {"unit": "Mã đơn vị", "era": "Cơ cấu", "indicator": "Chỉ tiêu", "year": "Năm", "value": "Số liệu",
               "source": "Nguồn"}
INDICATOR_KEYS = {fold(v): v for v in Indicator.values} | {fold(label): v for v, label in Indicator.choices} | {
    "dan so trung binh": Indicator.POPULATION, "luc luong lao dong": Indicator.LABOUR_FORCE}


def _statistic_fields(values: list, columns: dict[str, int]) -> dict:
    """The unit, indicator, year, value and source of a row (a DomainError names the column and the reason)."""
    cell = {name: values[i] if i < len(values) else None for name, i in columns.items()}
    for name in STAT_REQUIRED:
        if not text(cell.get(name)):
            raise DomainError(f"cần ghi {STAT_LABELS[name].lower()}.", code=Code.MISSING_COLUMNS, field=name)
    code, era = text(cell["unit"]), text(cell.get("era")) or None
    if not (code.isdigit() and len(code) in (2, 3, 5)):
        raise DomainError(f"Mã đơn vị '{code}' phải có 2 (tỉnh), 3 (huyện) hoặc 5 (xã) chữ số; nếu Excel đã bỏ số 0 "
                          "đầu, hãy định dạng cột là văn bản.", code=Code.UNKNOWN_UNIT, field="unit")
    if era not in (None, Era.PRE_2025, Era.FROM_2025):
        raise DomainError(f"Cơ cấu '{era}' không hợp lệ (pre2025 hoặc 2025).", code=Code.UNKNOWN_UNIT, field="era")
    try:
        unit = unit_get(code, era)
    except NotFound as exc:
        raise DomainError(f"Không có đơn vị mã {code}.", code=Code.UNKNOWN_UNIT, field="unit") from exc
    indicator = INDICATOR_KEYS.get(fold(text(cell["indicator"])))
    if indicator is None:
        raise DomainError(f"Chỉ tiêu '{text(cell['indicator'])}' không hợp lệ (Dân số, Lực lượng lao động).",
                          code=Code.INVALID_INDICATOR, field="indicator")
    try:
        year, value = parse_int(cell["year"], "Năm"), parse_int(cell["value"], "Số liệu")
    except CellError as exc:
        raise DomainError(exc.message, code=exc.code, field="year" if exc.message.startswith("Năm") else "value"
                          ) from exc
    return {"unit": unit, "indicator": indicator, "year": year, "value": value, "source": text(cell["source"])}


def import_statistics(path: str | Path, *, user, stdout=None) -> dict:
    """Import yearly figures (population, labour force) of units the user may enter figures for: each row is
    stored, left unchanged (the same figure again) or written with its reason to `<FILE>.errors.csv|xlsx`."""
    path = Path(path)
    source = open_table(path)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "rejected": 0}
    try:
        rows = iter(source.rows)
        header, columns, _above, line = find_header(rows, STAT_COLUMNS, STAT_REQUIRED, STAT_LABELS.__getitem__)
        suffix = ".errors.xlsx" if source.kind == "xlsx" else ".errors.csv"
        errors = ErrorFile(path.with_name(path.stem + suffix), kind=source.kind, header=header)
        seen: dict[tuple, int] = {}
        for at, values in numbered_rows(rows, line, len(header)):
            try:
                fields = _statistic_fields(values, columns)
                key = (fields["unit"].pk, fields["indicator"], fields["year"])
                if key in seen:
                    raise DomainError(f"Đơn vị, chỉ tiêu và năm này đã có ở dòng {seen[key]} của tệp.",
                                      code=Code.DUPLICATE_IN_FILE, field="unit")
                before = UnitStatistic.objects.filter(unit=fields["unit"], indicator=fields["indicator"],
                                                      year=fields["year"]).values_list("value", "source").first()
                statistic_record(user=user, **fields)
                seen[key] = at  # a row stored: a later row of the same unit, indicator and year is a duplicate
            except PermissionDenied as exc:
                counts["rejected"] += 1
                errors.write(values[:len(header)], f"Dòng {at}: {getattr(exc, 'message', exc)}")
                continue
            except DomainError as exc:
                counts["rejected"] += 1
                errors.write(values[:len(header)], row_reason(at, exc, STAT_LABELS))
                continue
            outcome = ("created" if before is None else
                       "unchanged" if before == (fields["value"], fields["source"]) else "updated")
            counts[outcome] += 1
    finally:
        source.close()
    error_path = errors.close()
    if stdout is not None:
        stdout.write(f"Số liệu dân số, lao động: {counts['created']} thêm mới, {counts['updated']} sửa, "
                     f"{counts['unchanged']} giữ nguyên, {counts['rejected']} bị từ chối.")
        if error_path:
            stdout.write(f"Các dòng bị từ chối (kèm lý do) ở {error_path}; sửa rồi nhập lại tệp đó.")
    return {**counts, "errors": error_path}


def _statistics_arguments(parser) -> None:
    parser.add_argument("file", help="Tệp .csv hoặc .xlsx: Mã đơn vị, Cơ cấu, Chỉ tiêu, Năm, Số liệu, Nguồn "
                                     "(docs/units.md).")
    parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyết định địa bàn; mặc định: quản trị).")


@importer("statistics", help="Số liệu dân số, lực lượng lao động theo năm của đơn vị (xã, tỉnh), kèm nguồn: mẫu "
                             "số của tỷ lệ bao phủ.", add_arguments=_statistics_arguments)
def import_statistics_command(options: dict, stdout, stderr) -> int:
    """`ansinh import statistics FILE [--user USERNAME]`."""
    user = command_user_or_say(options, stderr)
    if user is None:
        return 2
    try:
        result = import_statistics(options["file"], user=user, stdout=stdout)
    except (DomainError, OSError) as exc:
        stderr.write(f"Không nhập được: {getattr(exc, 'message', exc)}")
        return 2
    return 1 if result["rejected"] else 0

