"""Prospects: who in a commune is not covered yet, found from the commune's resident list.

A commune gets an extract of its residents from the population database (name, date of birth, sex, citizen ID,
household, address). `ansinh import residents FILE --commune 29263 --on 1/12/2026` (or the page
/registry/prospects/import/) reads it and matches each resident against the registry — by citizen ID, then by
folded name and birth date among the people of the commune — and judges them on the list's date:

- covered: an HI enrollment (household HI or another group) runs on that date, and, at working age (15 to the
  retirement age of their birth date and sex), a voluntary or compulsory SI one too;
- otherwise, or when not found in ansinh at all, the resident becomes a **prospect** (`Prospect`), with what they
  lack (HI, SI or both), grouped by the extract's household number.

A row ends stored (a new prospect, or one whose details changed), unchanged (the same prospect, or a resident who
is covered), or in the error file with its line, column and reason. Re-importing the same file changes nothing; a
later list of the same commune updates its prospects and moves their purge date. The uploaded file itself is
deleted once read (it holds every resident's data); the prospects of a list are deleted `ANSINH_PROSPECT_RETENTION_
MONTHS` months after its date unless registered (`services.prospects_purge`, docs/prospects.md).
"""

import argparse
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ansinh.core import jobs
from ansinh.core.cells import is_blank, parse_date, text
from ansinh.core.changelog import log_change
from ansinh.core.errors import Code, DomainError, check_length
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
    row_reason,
    run_command,
)
from ansinh.core.models import ImportRun
from ansinh.core.scoping import Action, require, scope_q
from ansinh.core.text import fold
from ansinh.enrollment.choices import HI_SCHEMES, SI_SCHEMES, ProspectMatch, ProspectStatus
from ansinh.enrollment.errors import EnrollmentError
from ansinh.enrollment.import_layouts import RELATIONS, SEXES
from ansinh.enrollment.models import Enrollment, Prospect, ResidentList
from ansinh.geo.models import Unit
from ansinh.geo.selectors import scope_paths_for_unit
from ansinh.registry.errors import RegistryError
from ansinh.registry.models import Person
from ansinh.rules import RuleError, decode_citizen_id, retirement_age
from ansinh.rules.dates import add_months
from ansinh.rules.errors import ErrorCode

COLUMNS = {
    "full_name": {"ho va ten", "ho ten", "ho va ten nguoi", "full name", "name"},
    "date_of_birth": {"ngay sinh", "ngay thang nam sinh", "ngay/thang/nam sinh", "date of birth", "birth date"},
    "sex": {"gioi tinh", "sex"},
    "citizen_id": {"so dinh danh", "so dinh danh ca nhan", "so cccd", "cccd", "so cccd/ddcn", "so ddcn",
                   "so cccd/dinh danh", "citizen id", "personal id"},
    "household_number": {"so ho", "ma ho", "ma so ho", "so ho khau", "ma ho gia dinh", "household",
                         "household number"},
    "relation": {"quan he voi chu ho", "quan he", "relation"},
    "address": {"dia chi", "noi o hien tai", "noi thuong tru", "address"},
}
COLUMNS = {name: {fold(alias) for alias in aliases} for name, aliases in COLUMNS.items()}  # as titles are read
REQUIRED = ("full_name", "date_of_birth")
LABELS = {"full_name": "Họ và tên", "date_of_birth": "Ngày sinh", "sex": "Giới tính", "citizen_id": "Số định danh",
          "household_number": "Số hộ", "relation": "Quan hệ với chủ hộ", "address": "Địa chỉ"}
BATCH_SIZE = 1000
WORKING_AGE_FROM_MONTHS = 15 * 12  # voluntary SI is open from 15 (Law 41/2024/QH15, art. 2.4)
UPDATED = ["key", "name_key", "resident_list", "full_name", "date_of_birth", "sex", "citizen_id", "household_number",
           "relation", "address", "person", "matched_by", "needs_hi", "needs_vsi", "status", "changed_by", "changed_at"]


@dataclass(frozen=True)
class Resident:
    """One row of a resident list, read and checked."""

    line: int
    full_name: str
    date_of_birth: dt.date
    sex: str
    citizen_id: str
    household_number: str
    relation: str
    address: str

    @property
    def key(self) -> str:
        """The prospect's key in its commune: the citizen ID, or the folded name and birth date."""
        return f"id:{self.citizen_id}" if self.citizen_id else self.name_key

    @property
    def name_key(self) -> str:
        """The folded name and birth date: how a prospect first listed without an ID is found again."""
        return f"nd:{fold(self.full_name)}|{self.date_of_birth.isoformat()}"


@dataclass
class Counts(RowCounts):
    """What one run did."""

    created: int = 0
    updated: int = 0
    covered: int = 0
    matched: int = 0


def retention_months() -> int:
    """How many months after its date a resident list's unregistered prospects are kept."""
    return int(getattr(settings, "ANSINH_PROSPECT_RETENTION_MONTHS", 12))


def _cell(values: list, columns: dict[str, int], name: str):
    index = columns.get(name)
    return values[index] if index is not None and index < len(values) else ""


def _choice(value: str, table: dict, name: str, allowed: str, code) -> str:
    hit = table.get(fold(value))
    if hit is None:
        raise DomainError(f"'{value}' không hợp lệ ({allowed}).", code=code, field=name)
    return hit


def read_resident(line: int, values: list, columns: dict[str, int], listed_on: dt.date | None = None) -> Resident:
    """Check one row's cells (no database; a birth date after `listed_on` is refused); DomainError naming the
    field."""
    name = " ".join(text(_cell(values, columns, "full_name")).split())
    if not name:
        raise DomainError("Thiếu họ và tên.", code=Code.NAME_REQUIRED, field="full_name")
    check_length(name, Prospect._meta.get_field("full_name").max_length, "Họ và tên", field="full_name")
    born = parse_date(_cell(values, columns, "date_of_birth"), "Ngày sinh", field="date_of_birth")
    if born is None:
        raise DomainError("Thiếu ngày sinh.", code=ErrorCode.INVALID_DATE, field="date_of_birth")
    if listed_on is not None and born > listed_on:
        raise DomainError(f"Ngày sinh {born:%d/%m/%Y} sau ngày của danh sách {listed_on:%d/%m/%Y}.",
                          code=ErrorCode.INVALID_DATE, field="date_of_birth")
    sex_text = text(_cell(values, columns, "sex"))
    sex = _choice(sex_text, SEXES, "sex", "Nam hoặc Nữ", ErrorCode.INVALID_SEX) if sex_text else ""
    cid = "".join(text(_cell(values, columns, "citizen_id")).split())
    if cid:
        if not (cid.isdigit() and len(cid) == 12):
            raise DomainError(f"'{cid}' phải gồm 12 chữ số.", code=ErrorCode.CITIZEN_ID_MALFORMED, field="citizen_id")
        try:
            decoded = decode_citizen_id(cid, born, sex or None)
        except RuleError as exc:
            raise DomainError(exc.message, code=exc.code, field="citizen_id") from exc
        sex = sex or decoded.sex.value
    if not sex:
        raise DomainError("Thiếu giới tính (Nam/Nữ) và số định danh để suy ra.", code=ErrorCode.INVALID_SEX,
                          field="sex")
    relation_text = text(_cell(values, columns, "relation"))
    relation = _choice(relation_text, RELATIONS, "relation", "Chủ hộ, Vợ/chồng, Con, Bố/mẹ, Cháu, Anh/chị/em, Khác",
                       RegistryError.INVALID_RELATION) if relation_text else ""
    household = " ".join(text(_cell(values, columns, "household_number")).split())
    check_length(household, 30, "Số hộ", field="household_number")
    address = " ".join(text(_cell(values, columns, "address")).split())
    check_length(address, 255, "Địa chỉ", field="address")
    return Resident(line=line, full_name=name, date_of_birth=born, sex=sex, citizen_id=cid,
                    household_number=household, relation=relation, address=address)


@lru_cache(maxsize=4096)
def _retires_on(born: dt.date, sex: str) -> dt.date | None:
    try:
        return retirement_age(born, sex).reached_on
    except RuleError:  # born before the law's table begins (1945): retired long ago
        return None


def working_age(born: dt.date, sex: str, on: dt.date) -> bool:
    """From 15 years old to the day before the retirement age of one's birth date and sex (someone born before the
    retirement-age table begins is past it)."""
    retires_on = _retires_on(born, sex)
    return retires_on is not None and add_months(born, WORKING_AGE_FROM_MONTHS) <= on < retires_on


def covered_on(person_ids, on: dt.date, schemes) -> set[int]:
    """The people of `person_ids` enrolled on `on` in one of `schemes` (registered by then, not ended before)."""
    return set(Enrollment.objects.filter(person_id__in=person_ids, scheme__in=schemes, enrolled_on__lte=on)
               .filter(Q(end_date__isnull=True) | Q(end_date__gte=on)).values_list("person_id", flat=True))


class ResidentImport:
    """One run over a resident list: the commune, the list, the caches and the counts."""

    def __init__(self, *, user, commune: Unit, listed_on: dt.date):
        self.user = user
        self.commune = commune
        self.listed_on = listed_on
        self.list: ResidentList | None = None  # made once the file's header is read
        self.paths = scope_paths_for_unit(commune)
        self.counts = Counts()
        self.seen: dict[str, int] = {}

    def reason(self, line: int, exc: DomainError) -> str:
        """'Dòng 7, cột “Ngày sinh”: …' for the error file."""
        return row_reason(line, exc, LABELS)

    def _match(self, residents: list[Resident]) -> dict[str, tuple[Person | None, str]]:
        """Each resident's person in the registry and how it was found: one query by citizen ID, one by name and
        birth date among the commune's people (ambiguous pairs match no one)."""
        by_id = {p.citizen_id: p for p in Person.objects.filter(
            citizen_id__in=[r.citizen_id for r in residents if r.citizen_id])}
        found: dict[str, tuple[Person | None, str]] = {}
        rest = []
        for r in residents:
            if r.citizen_id in by_id:
                found[r.key] = (by_id[r.citizen_id], ProspectMatch.CITIZEN_ID)
            else:
                rest.append(r)
        if rest:
            candidates: dict[tuple[str, dt.date], list[Person]] = {}
            for person in Person.objects.filter(scope_q("commune__path", self.paths),
                                                name_folded__in={fold(r.full_name) for r in rest},
                                                date_of_birth__in={r.date_of_birth for r in rest}):
                candidates.setdefault((person.name_folded, person.date_of_birth), []).append(person)
            for r in rest:
                same = [p for p in candidates.get((fold(r.full_name), r.date_of_birth), [])
                        if not (r.citizen_id and p.citizen_id)]  # two different IDs are two people
                found[r.key] = (same[0], ProspectMatch.NAME_DOB) if len(same) == 1 else (None, ProspectMatch.NONE)
        return found

    def batch(self, residents: list[Resident]) -> dict:
        """Judge and store one batch (one transaction); {'created': n, 'updated': n} for the change log."""
        on = self.list.listed_on
        found = self._match(residents)
        ids = {p.pk for p, _ in found.values() if p is not None}
        has_hi, has_si = covered_on(ids, on, HI_SCHEMES), covered_on(ids, on, SI_SCHEMES)
        known = list(Prospect.objects.select_related("resident_list").filter(
            Q(key__in=[r.key for r in residents]) | Q(name_key__in=[r.name_key for r in residents]),
            commune=self.commune))
        by_key, by_name = {p.key: p for p in known}, {p.name_key: p for p in known}
        new, changed = [], []
        for r in residents:
            person, how = found[r.key]
            self.counts.matched += person is not None
            needs_hi = person is None or person.pk not in has_hi
            needs_vsi = working_age(r.date_of_birth, r.sex, on) and (person is None or person.pk not in has_si)
            before = by_key.get(r.key)
            if before is None and r.name_key in by_name:  # the same name and birth date, unless two IDs differ
                same = by_name[r.name_key]
                before = same if not (r.citizen_id and same.citizen_id and same.citizen_id != r.citizen_id) else None
            if before is not None and before.resident_list.listed_on > on:  # a later list said more: it stands
                self.counts.unchanged += 1
                continue
            if not (needs_hi or needs_vsi):
                self.counts.covered += 1
                if before is not None and before.status == ProspectStatus.OPEN:
                    before.status, before.resident_list = ProspectStatus.COVERED, self.list  # this list's verdict
                    changed.append(before)
                    self.counts.updated += 1
                else:
                    self.counts.unchanged += 1
                continue
            values = {"key": r.key, "name_key": r.name_key, "resident_list_id": self.list.pk,
                      "full_name": r.full_name, "date_of_birth": r.date_of_birth,
                      "sex": r.sex, "citizen_id": r.citizen_id, "household_number": r.household_number,
                      "relation": r.relation, "address": r.address, "person_id": person.pk if person else None,
                      "matched_by": how, "needs_hi": needs_hi, "needs_vsi": needs_vsi}
            if before is None:
                new.append(Prospect(commune=self.commune, province_code=self.commune.province_code,
                                    created_by=self.user, changed_by=self.user, **values))
                self.counts.created += 1
                continue
            if before.status == ProspectStatus.CONVERTED:  # registered from an earlier list: theirs now
                values.update(person_id=before.person_id, matched_by=before.matched_by)
            values["status"] = ProspectStatus.CONVERTED if before.status == ProspectStatus.CONVERTED \
                else ProspectStatus.OPEN
            if all(getattr(before, name) == value for name, value in values.items()):
                self.counts.unchanged += 1
                continue
            for name, value in values.items():
                setattr(before, name, value)
            before.changed_by = self.user
            changed.append(before)
            self.counts.updated += 1
        Prospect.objects.bulk_create(new)
        if changed:
            now = timezone.now()
            for prospect in changed:
                prospect.changed_at = now
            Prospect.objects.bulk_update(changed, UPDATED)
        return {"created": len(new), "updated": len(changed)}


def residents_run_create(path: str | Path, *, user, commune: Unit, listed_on: dt.date, file_name: str | None = None,
                         errors_path: str | Path | None = None, delete_file: bool = False) -> ImportRun:
    """The queued row of a resident-list import for a commune of the user's area, dated `listed_on` (not in the
    future); refused (DomainError) outside the area, for a role that may not register people, or a wrong date."""
    require(user, Action.REGISTER, commune.path, what="Xã/phường")
    if commune.level != "commune":
        raise DomainError(f"{commune.name} không phải cấp xã: danh sách cư trú là của một xã.",
                          code=EnrollmentError.RESIDENT_LIST_INVALID, field="commune")
    if listed_on > timezone.localdate():
        raise DomainError("Ngày của danh sách không được sau hôm nay.", code=EnrollmentError.RESIDENT_LIST_INVALID,
                          field="listed_on")
    path = Path(path)
    params = {"file": str(path), "commune": commune.pk, "listed_on": listed_on.isoformat(),
              "delete_file": delete_file, **({"errors_path": str(errors_path)} if errors_path else {})}
    return ImportRun.objects.create(kind="residents", layout="residents", file_name=(file_name or path.name)[:255],
                                    file_sha256=file_sha256(path), user=user, params=params, scope_path=commune.path)


def import_residents(path: str | Path, *, user, commune: Unit, listed_on: dt.date, file_name: str | None = None,
                     errors_path: str | Path | None = None, progress=None) -> ImportRun:
    """Import a commune's resident list now, in this process (the CLI, tests); the run with its counts."""
    run = residents_run_create(path, user=user, commune=commune, listed_on=listed_on, file_name=file_name,
                               errors_path=errors_path)
    jobs.run(ImportRun, run.pk, partial(residents_run, run.pk, progress=progress))
    run.refresh_from_db()
    return run


def residents_run_retry(*, user, run: ImportRun) -> bool:
    """Queue again a resident-list import that failed or lost its worker (logged)."""
    from ansinh.enrollment.tasks import import_residents_file

    require(user, Action.REGISTER, run.scope_path, what="Lần nhập")
    return jobs.retry(import_residents_file, run, user=user, scope_path=run.scope_path)


def _list_for(commune: Unit, listed_on: dt.date, user) -> ResidentList:
    purge_on = add_months(listed_on, retention_months())
    resident_list, _ = ResidentList.objects.get_or_create(
        commune=commune, listed_on=listed_on,
        defaults={"province_code": commune.province_code, "purge_on": purge_on, "created_by": user})
    return resident_list


def residents_run(run_id: int, beat: jobs.Beat, *, progress=None) -> None:
    """Run resident-list import `run_id` (claimed by `jobs.run`); `progress(rows_read)` after each batch."""
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    user, path = run.user, Path(run.params["file"])
    commune = Unit.objects.get(pk=run.params["commune"])
    listed_on = dt.date.fromisoformat(run.params["listed_on"])
    try:
        source = open_table(path)
    except (ValueError, OSError) as exc:
        raise DomainError(str(exc), code=Code.UNREADABLE_FILE, field="file") from exc
    job = ResidentImport(user=user, commune=commune, listed_on=listed_on)
    errors_path = run.params.get("errors_path")
    try:
        errors = read_guarded(run, source, lambda: _read(run, source, path, job, errors_path and Path(errors_path),
                                                         beat, progress))
    finally:
        if run.params.get("delete_file"):  # an upload holds every resident's data: kept no longer than it is read
            path.unlink(missing_ok=True)
    resident_list = job.list
    c = job.counts
    record_run(run, read=c.read, stored=c.created + c.updated, unchanged=c.unchanged, rejected=c.rejected,
               error_path=errors.close(), summary={"created": c.created, "updated": c.updated, "covered": c.covered,
                                                   "matched": c.matched, "reasons": c.reasons,
                                                   "list": resident_list.pk})
    _count(resident_list, run)
    log_change(user=user, obj=run, action="import", scope_path=run.scope_path,
               changes={"kind": run.kind, "file": run.file_name, "commune": commune.code,
                        "listed_on": listed_on.isoformat(), "read": c.read, "created": c.created,
                        "updated": c.updated, "unchanged": c.unchanged, "covered": c.covered,
                        "rejected": c.rejected})


def _count(resident_list: ResidentList, run: ImportRun) -> None:
    """The list's counts: the latest run of each file read into it, added up (a file read again counts once)."""
    files = dict(resident_list.counts.get("files", {}))
    files[run.file_sha256] = {"read": run.rows_read - run.rows_rejected, "matched": run.summary["matched"],
                              "covered": run.summary["covered"]}
    totals = Counter()
    for counts in files.values():
        totals.update(counts)
    resident_list.counts = {"files": files, "residents": totals["read"], "matched": totals["matched"],
                            "covered": totals["covered"],
                            "prospects": resident_list.prospects.exclude(status=ProspectStatus.COVERED).count()}
    resident_list.save(update_fields=["counts"])


def _read(run: ImportRun, source, path: Path, job: ResidentImport, errors_path, beat, progress=None) -> ErrorFile:
    rows = iter(source.rows)
    header, columns, above, line = find_header(rows, COLUMNS, REQUIRED, LABELS.__getitem__)
    job.list = _list_for(job.commune, job.listed_on, job.user)
    run.summary = {**run.summary, "list": job.list.pk}  # the purge finds the run's files even if it fails later
    run.save(update_fields=["summary"])
    errors = ErrorFile(errors_path or error_file_path(run, path, folder="residents", stem=run.file_name),
                       kind=source.kind, header=header, preamble=[r for r in above if not all(is_blank(v) for v in r)])
    width = len(header)
    numbered = numbered_rows(rows, line, width)
    while batch := list(islice(numbered, BATCH_SIZE)):
        beat(step=f"Đã đọc {job.counts.read} dòng")
        if progress is not None:
            progress(job.counts.read)
        residents = []
        for line, values in batch:
            job.counts.read += 1
            try:
                resident = read_resident(line, values, columns, job.listed_on)
                if resident.key in job.seen:
                    raise DomainError(f"Người này đã có ở dòng {job.seen[resident.key]} của tệp.",
                                      code=EnrollmentError.RESIDENT_DUPLICATE,
                                      field="citizen_id" if resident.citizen_id else "full_name")
            except DomainError as exc:
                refuse_row(job.counts, errors, values[:width], job.reason(line, exc))
                continue
            job.seen[resident.key] = line
            residents.append(resident)
        if residents:
            with transaction.atomic():
                stored = job.batch(residents)
                if stored["created"] or stored["updated"]:
                    log_change(user=job.user, obj=job.list, action="import", scope_path=job.commune.path,
                               changes={"run": run.pk, "lines": [residents[0].line, residents[-1].line], **stored})
    return errors


# ------------------------------------------------------------------------------------------- CLI


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="Tệp .csv hoặc .xlsx: họ và tên, ngày sinh, giới tính, số định danh, số hộ, "
                                     "quan hệ với chủ hộ, địa chỉ (docs/prospects.md).")
    parser.add_argument("--commune", required=True, help="Mã xã/phường (5 chữ số) của danh sách.")
    parser.add_argument("--era", default="2025", choices=["2025", "pre2025"],
                        help="Cơ cấu đơn vị của mã xã (mặc định 2025: 34 tỉnh).")
    parser.add_argument("--on", required=True, help="Ngày của danh sách (ngày trích xuất), ví dụ 1/12/2026.")
    parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyết định địa bàn; mặc định: quản trị).")
    parser.add_argument("--errors", default=None, help="Đường dẫn tệp lỗi (mặc định: MEDIA_ROOT/imports/residents/…).")


@importer("residents", help="Danh sách cư trú của một xã (trích từ CSDL dân cư): đối chiếu với ansinh, ai chưa có "
                            "BHYT/BHXH thành người cần vận động.", add_arguments=_arguments)
def import_residents_command(options: dict, stdout, stderr) -> int:
    """`ansinh import residents FILE --commune CODE --on DATE [--user USERNAME]`."""
    def start(user):
        commune = Unit.objects.filter(era=options["era"], level="commune", code=options["commune"]).first()
        if commune is None:
            stderr.write(f"Không có xã mã {options['commune']} trong cơ cấu {options['era']}.")
            return None
        return import_residents(options["file"], user=user, commune=commune,
                                listed_on=parse_date(options["on"], "--on"), errors_path=options.get("errors"))

    def say(run) -> str:
        s = run.summary
        return (f"{run.file_name}: {run.rows_read} dòng — {s['matched']} người đã có trong ansinh, {s['covered']} đã "
                f"có BHYT/BHXH; {s['created']} người cần vận động mới, {s['updated']} cập nhật, "
                f"{run.rows_unchanged} không đổi, {run.rows_rejected} dòng lỗi.")

    return run_command(options, stdout, stderr, start=start, say=say)
