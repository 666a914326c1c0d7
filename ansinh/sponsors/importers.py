"""A school's (or a commune's) list of beneficiaries, imported into a pledge: each row found in the registry is given
a card from the pledge, in the order of the list; the others go to the error file with the reason.

Layout (.xlsx or .csv, the header within the first 10 rows, titles compared without accents or case): Họ và tên,
Ngày sinh (required), Số định danh (12 digits; when given it finds the person, else name and birth date do), Lớp
(kept in the error file only). docs/sponsors.md shows a sample.

Every row ends given a card (stored), already given one from this pledge (unchanged), or in the error file: not
found, found twice, outside the pledge's unit, not of its group, or the pledge spent. Importing the same list again
changes nothing. For a pledge to the pupils of a school, the list is the school's word that they are its pupils: a
person found on it without a student status for the year gets one, with the list as the evidence
(`registry.services.person_status_set`).
"""

import argparse
import datetime as dt
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ansinh.core import jobs
from ansinh.core.cells import parse_date, text
from ansinh.core.changelog import log_change
from ansinh.core.errors import Code, DomainError
from ansinh.core.formats import vn_int
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
from ansinh.core.scoping import VIEW, Action, require, scope_q
from ansinh.core.text import fold
from ansinh.geo.selectors import scope_paths_for_unit
from ansinh.registry.choices import PersonStatusKind
from ansinh.registry.models import Person, PersonStatus
from ansinh.registry.services import person_status_set
from ansinh.rules.errors import ErrorCode
from ansinh.sponsors.choices import Beneficiaries
from ansinh.sponsors.errors import SponsorError
from ansinh.sponsors.models import Pledge, SponsoredCard
from ansinh.sponsors.services import card_day, cards_give

COLUMNS = {
    "full_name": {"ho va ten", "ho ten", "ho va ten hoc sinh", "ten hoc sinh", "full name", "name"},
    "date_of_birth": {"ngay sinh", "ngay thang nam sinh", "ngay/thang/nam sinh", "date of birth"},
    "citizen_id": {"so dinh danh", "so dinh danh ca nhan", "ma dinh danh", "so cccd", "cccd", "citizen id"},
    "class": {"lop", "class"},
}
COLUMNS = {name: {fold(alias) for alias in aliases} for name, aliases in COLUMNS.items()}
REQUIRED = ("full_name", "date_of_birth")
LABELS = {"full_name": "Họ và tên", "date_of_birth": "Ngày sinh", "citizen_id": "Số định danh", "class": "Lớp"}
MAX_ROWS = 20_000  # a school's or a commune's list; a longer file is refused as not one


@dataclass
class Counts(RowCounts):
    """What an import into a pledge did: cards given, and the statuses recorded from the school's list."""

    given: int = 0
    statuses: int = 0


def _cell(values: list, columns: dict[str, int], name: str):
    index = columns.get(name)
    return values[index] if index is not None and index < len(values) else None


def find_person(people, values: list, columns: dict[str, int]) -> Person:
    """The one person of `people` a row names: by ID number, else by name (accents ignored) and birth date."""
    name = " ".join(text(_cell(values, columns, "full_name")).split())
    if not name:
        raise DomainError("Thiếu họ và tên.", code=Code.NAME_REQUIRED, field="full_name")
    born = parse_date(_cell(values, columns, "date_of_birth"), "Ngày sinh", field="date_of_birth")
    if born is None:
        raise DomainError("Thiếu ngày sinh.", code=ErrorCode.INVALID_DATE, field="date_of_birth")
    cid = "".join(text(_cell(values, columns, "citizen_id")).split())
    if cid:
        if not re.fullmatch(r"[0-9]{12}", cid):
            raise DomainError(f"'{cid}' phải gồm 12 chữ số.", code=SponsorError.UNKNOWN_PERSON, field="citizen_id")
        found = list(people.filter(citizen_id=cid)[:2])
    else:
        found = list(people.filter(name_folded=fold(name), date_of_birth=born)[:2])
    if not found:
        raise DomainError(f"Không tìm thấy {name} ({born:%d/%m/%Y}) trong sổ của địa bàn cam kết: hãy đăng ký người "
                          "này trước.", code=SponsorError.UNKNOWN_PERSON, field="citizen_id" if cid else "full_name")
    if len(found) > 1:
        raise DomainError(f"Có nhiều người tên {name} sinh ngày {born:%d/%m/%Y}: hãy ghi số định danh.",
                          code=SponsorError.UNKNOWN_PERSON, field="citizen_id")
    person = found[0]
    if cid and person.date_of_birth != born:
        raise DomainError(f"Số định danh {cid} là của người sinh ngày {person.date_of_birth:%d/%m/%Y}, không phải "
                          f"{born:%d/%m/%Y}.", code=SponsorError.UNKNOWN_PERSON, field="date_of_birth")
    return person


def beneficiaries_run_create(path: str | Path, *, user, pledge: Pledge, on: dt.date, file_name: str | None = None,
                             delete_file: bool = False) -> ImportRun:
    """The queued row of an import of a list into a pledge the user manages (refused otherwise), giving cards as
    of `on`; `delete_file`: the upload is deleted once read (it holds the pupils' data)."""
    require(user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    path = Path(path)
    return ImportRun.objects.create(kind="beneficiaries", layout="beneficiaries",
                                    file_name=(file_name or path.name)[:255], file_sha256=file_sha256(path), user=user,
                                    params={"file": str(path), "pledge": pledge.pk, "on": on.isoformat(),
                                            "delete_file": delete_file}, scope_path=pledge.unit.path)


def import_beneficiaries(path: str | Path, *, user, pledge: Pledge, on: dt.date | None = None,
                         file_name: str | None = None) -> ImportRun:
    """Import a list into a pledge now, in this process (the CLI, tests); the run with its counts."""
    run = beneficiaries_run_create(path, user=user, pledge=pledge, on=on or timezone.localdate(),
                                   file_name=file_name)
    jobs.run(ImportRun, run.pk, partial(beneficiaries_run, run.pk))
    run.refresh_from_db()
    return run


def beneficiaries_run_retry(*, user, run: ImportRun) -> bool:
    """Queue again an import into a pledge that failed or lost its worker (logged)."""
    from ansinh.sponsors.tasks import import_beneficiaries_file

    require(user, Action.MANAGE_SPONSORS, run.scope_path, what="Lần nhập")
    return jobs.retry(import_beneficiaries_file, run, user=user, scope_path=run.scope_path)


def beneficiaries_run(run_id: int, beat: jobs.Beat) -> None:
    """Run import `run_id` (claimed by `jobs.run`)."""
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    user, path = run.user, Path(run.params["file"])
    pledge = Pledge.objects.select_related("sponsor", "unit").get(pk=run.params["pledge"])
    on = dt.date.fromisoformat(run.params["on"])
    counts = Counts()
    try:
        try:
            source = open_table(path)
        except (ValueError, OSError) as exc:
            raise DomainError(str(exc), code=Code.UNREADABLE_FILE, field="file") from exc
        errors = read_guarded(run, source, lambda: _read(run, source, path, pledge, user, on, counts, beat))
    finally:
        if run.params.get("delete_file"):
            path.unlink(missing_ok=True)
    record_run(run, read=counts.read, stored=counts.given, unchanged=counts.unchanged, rejected=counts.rejected,
               error_path=errors.close(), summary={"given": counts.given, "statuses": counts.statuses,
                                                   "reasons": counts.reasons, "pledge": pledge.pk})
    log_change(user=user, obj=run, action="import", scope_path=run.scope_path,
               changes={"kind": run.kind, "file": run.file_name, "pledge": pledge.code, "read": counts.read,
                        "given": counts.given, "unchanged": counts.unchanged, "rejected": counts.rejected})


class _Refused(Exception):
    """A row refused after its student status was written: the savepoint is rolled back."""

    def __init__(self, error: DomainError):
        super().__init__(error.message)
        self.error = error


def _give(pledge: Pledge, person: Person, user, on: dt.date, years, evidence: str) -> int:
    """Give one person a card, first recording the school's word that they are a pupil for the years the list
    speaks for; a refusal undoes the statuses too (one savepoint). How many statuses were recorded."""
    try:
        with transaction.atomic():
            recorded = 0
            for year in years:
                if not PersonStatus.objects.filter(person=person, year=year, kind=PersonStatusKind.STUDENT).exists():
                    person_status_set(user=user, person=person, year=year, kind=PersonStatusKind.STUDENT,
                                      evidence=evidence)
                    recorded += 1
            given = cards_give(user=user, pledge=pledge, people=[person], on=on)
            if given.refused:
                raise _Refused(given.refused[0][1])
    except _Refused as refused:
        raise refused.error from None
    return recorded


def _read(run, source, path: Path, pledge: Pledge, user, on: dt.date, counts: Counts, beat) -> ErrorFile:
    rows = iter(source.rows)
    header, columns, above, line = find_header(rows, COLUMNS, REQUIRED, LABELS.__getitem__)
    errors = ErrorFile(error_file_path(run, path, folder="beneficiaries", stem=run.file_name), kind=source.kind,
                       header=header, preamble=[r for r in above if any(text(v) for v in r)])
    width = len(header)
    people = Person.objects.restrict(user, VIEW).filter(scope_q("commune__path", scope_paths_for_unit(pledge.unit)))
    taken = set(SponsoredCard.objects.filter(pledge=pledge, released_on__isnull=True).values_list("person_id",
                                                                                                   flat=True))
    school = pledge.beneficiaries in (Beneficiaries.SCHOOL, Beneficiaries.MINORITY_PUPILS)
    # The school's list speaks for its school year: each calendar year of the pledge's period from the card's.
    years = range(card_day(pledge, on).year, pledge.period_end.year + 1)
    evidence = f"Danh sách {pledge.school or 'học sinh'} gửi kèm cam kết tài trợ {pledge.code}"
    seen: dict[int, int] = {}
    for at, values in numbered_rows(rows, line, width):
        counts.read += 1
        if counts.read > MAX_ROWS:
            raise DomainError(f"Tệp có hơn {vn_int(MAX_ROWS)} dòng: không phải danh sách của một trường hay một xã.",
                              code=Code.UNREADABLE_FILE, field="file")
        if counts.read % 500 == 0:
            beat(step=f"Đã đọc {counts.read} dòng")
        try:
            person = find_person(people, values, columns)
            if person.pk in seen:
                raise DomainError(f"Người này đã có ở dòng {seen[person.pk]} của tệp.",
                                  code=SponsorError.ALREADY_SPONSORED, field="full_name")
        except DomainError as exc:
            refuse_row(counts, errors, values[:width], row_reason(at, exc, LABELS))
            continue
        seen[person.pk] = at
        if person.pk in taken:
            counts.unchanged += 1
            continue
        try:
            recorded = _give(pledge, person, user, on, years if school else (), evidence)
        except DomainError as exc:
            refuse_row(counts, errors, values[:width], row_reason(at, exc, LABELS))
            continue
        counts.given += 1
        counts.statuses += recorded
    return errors


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="Tệp .csv hoặc .xlsx: họ và tên, ngày sinh, số định danh, lớp (docs/sponsors.md).")
    parser.add_argument("--pledge", required=True, type=int, help="Số (id) của cam kết tài trợ.")
    parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyết định địa bàn; mặc định: quản trị).")


@importer("beneficiaries", help="Danh sách học sinh (người được hỗ trợ) của một trường vào một cam kết tài trợ: "
                                "mỗi người tìm thấy trong sổ được hỗ trợ một thẻ.", add_arguments=_arguments)
def import_beneficiaries_command(options: dict, stdout, stderr) -> int:
    """`ansinh import beneficiaries FILE --pledge ID [--user USERNAME]`."""
    def start(user):
        pledge = Pledge.objects.filter(pk=options["pledge"]).first()
        if pledge is None:
            stderr.write(f"Không có cam kết số {options['pledge']}.")
            return None
        return import_beneficiaries(options["file"], user=user, pledge=pledge)

    def say(run) -> str:
        s = run.summary
        return (f"{run.file_name}: {run.rows_read} dòng — hỗ trợ thẻ cho {s['given']} người, {run.rows_unchanged} đã "
                f"được hỗ trợ từ trước, {run.rows_rejected} dòng lỗi; ghi {s['statuses']} học sinh theo danh sách.")

    return run_command(options, stdout, stderr, start=start, say=say)
