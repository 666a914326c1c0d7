"""`ansinh import people FILE` and the import page: people, households and enrollments from CSV or Excel.

The file is streamed in batches (2,000 rows by default). Each row is checked on its own first (cells,
identifiers against the birth date, phone numbers — `import_layouts`), then against the database for
the whole batch at once (known units, people and households already registered, receipts, amounts
from the rules — `enrollment.bulk`). Valid rows are written in one transaction per batch with
`bulk_create`, the roll-up counts are added per batch, and one change-log entry per batch and province
records who imported what. Invalid rows go to an error file (original columns + the reason) that can be
corrected and imported again. A row already stored (same citizen ID, same receipt) changes nothing, so
re-importing a file, or running again an import that was killed halfway, leaves no duplicates.
"""

import argparse
import time
from collections import namedtuple
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ansinh.calc.params import current_parameters
from ansinh.core import jobs
from ansinh.core.changelog import log_change, log_changes
from ansinh.core.errors import Code, DomainError
from ansinh.core.importing import (
    REASON_HEADER,
    ErrorFile,
    allocate_ids,
    command_user,
    error_file_path,
    file_sha256,
    importer,
    insert_rows,
    open_rows,
)
from ansinh.core.models import ImportRun
from ansinh.core.scoping import Action, path_in_scope, require_role
from ansinh.core.text import fold
from ansinh.enrollment import counters
from ansinh.enrollment.bulk import EnrollmentImport, Member, Rejected
from ansinh.enrollment.import_layouts import (
    Layout,
    Row,
    RowError,
    detect_layout,
    is_blank,
    is_data,
    read_row,
    section_of,
)
from ansinh.enrollment.models import Enrollment
from ansinh.geo.models import Unit
from ansinh.geo.validity import check_valid_on, era_on, is_valid_on, successor
from ansinh.registry.choices import MAJORITY_ETHNICITY, Relation
from ansinh.registry.models import Household, HouseholdStatus, Person, PersonStatus
from ansinh.rules import decode_citizen_id
from ansinh.rules.quote import fmt_date

BATCH_SIZE = 2000
PERSON_COLUMNS = ["id", "full_name", "name_folded", "date_of_birth", "sex", "ethnicity", "citizen_id", "legacy_si_code",
                  "phone", "commune", "province_code", "address", "household", "relation", "source", "created_at",
                  "created_by", "changed_at"]
UnitRef = namedtuple("UnitRef", "pk code era path province_code name valid_from valid_until")
UNIT_FIELDS = UnitRef._fields


class ImportFailed(DomainError):
    """The file cannot be imported at all (unknown layout, unreadable file)."""

    code = Code.UNREADABLE_FILE


@dataclass
class _Resolved:
    """A row after the batch checks: its person (new or known), household and enrollment plan."""

    row: Row
    member: Member
    new_person: bool = False
    new_household: str | None = None
    attach_household: bool = False
    plan: object = None
    unchanged: bool = True
    moved_from: UnitRef | None = None


@dataclass
class Totals:
    """Counts of one import run."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    rejected: int = 0
    people: int = 0
    households: int = 0
    statuses: int = 0
    extra: dict = field(default_factory=dict)


class PeopleImport:
    """One run of the people import: the caches, the error file and the batch writer."""

    def __init__(self, *, run: ImportRun, user, layout: Layout, errors: ErrorFile, era: str, context: dict):
        self.run = run
        self.user = user
        self.layout = layout
        self.errors = errors
        self.era = era
        self.context = context
        self.totals = Totals()
        self.pending: list[tuple[Row, str]] = []
        self.batch_no = 0
        self.today = timezone.localdate()
        self._units: dict[tuple[str, str], UnitRef | None] = {}
        self._units_by_pk: dict[int, UnitRef] = {}
        self._allowed: dict[str, bool] = {}
        self.enrollments = EnrollmentImport(user=user, params=current_parameters(), allowed=self.allowed,
                                            context=context, tag="")

    # --------------------------------------------------------------------------------- lookups
    def allowed(self, path: str) -> bool:
        """Whether the importing user may add records in a unit (cached per path)."""
        if path not in self._allowed:
            self._allowed[path] = self.user is None or path_in_scope(self.user, path, Action.REGISTER)
        return self._allowed[path]

    def unit(self, code: str, era: str) -> UnitRef | None:
        """A commune of an era by GSO code (cached)."""
        key = (era, code)
        if key not in self._units:
            row = Unit.objects.filter(era=era, code=code, level="commune").values_list(*UNIT_FIELDS).first()
            self._units[key] = UnitRef(*row) if row else None
            if row:
                self._units_by_pk[row[0]] = self._units[key]
        return self._units[key]

    def unit_by_pk(self, pk: int) -> UnitRef:
        """A unit by primary key (for people and households already stored)."""
        ref = self._units_by_pk.get(pk)
        if ref is None:
            row = Unit.objects.filter(pk=pk).values_list(*UNIT_FIELDS).get()
            ref = self._units_by_pk[pk] = UnitRef(*row)
        return ref

    def placed(self, unit: UnitRef, row: Row, *, known: bool) -> UnitRef:
        """The commune a row's record goes in on its date (the receipt's, else today), as the services place it
        (ADR 0005): a known person or household in a commune abolished by then follows it to today's commune
        (moved when the batch is written); a new one in a commune that does not exist then is refused."""
        on = row.data.get("receipt_date") or self.today
        if is_valid_on(unit, on):
            return unit
        later = successor(unit, on) if known and unit.valid_until is not None and on > unit.valid_until else None
        if later is None:
            try:
                check_valid_on(unit, on)
            except DomainError as exc:
                raise RowError(f"Mã xã: {exc.message}") from exc
        return self.unit_by_pk(later.pk)

    def _commune_then(self, person_pk: int, registered: UnitRef, row: Row) -> UnitRef | None:
        """A record of a day before the person's commune existed (merged into today's since): it goes in the
        commune of the person's enrollments that existed that day (a D03-TS of 2024 for a household now in a
        2025 commune); None when the commune is valid then, or no enrollment was in such a commune."""
        on = row.data.get("receipt_date") or self.today
        if is_valid_on(registered, on) or registered.valid_from is None or on >= registered.valid_from:
            return None
        for commune_id in (Enrollment.objects.filter(person_id=person_pk).order_by("start_date", "id")
                           .values_list("commune_id", flat=True)):
            then = self.unit_by_pk(commune_id)
            if is_valid_on(then, on):
                return then
        return None

    # --------------------------------------------------------------------------------- a batch
    def process(self, rows: list[Row], early: list[tuple[Row, str]] = ()) -> None:
        """Check and write one batch (retried when a concurrent writer got there first).

        `early` are the rows refused while reading since the last batch: they are counted with this batch and
        written to the error file in file order with its own refusals.
        """
        self.pending = list(early)
        self.batch_no += 1
        self.enrollments.tag = f"import:{self.run.pk}:{self.batch_no}"
        for attempt in range(3):
            stats = dict(self.enrollments.stats)
            try:
                rejected, created = self._process(rows)
                break
            except IntegrityError:
                self.enrollments.stats = stats
                if attempt == 2:
                    raise
        for name, value in created.items():
            setattr(self.totals, name, getattr(self.totals, name) + value)
        self.totals.rejected += len(rejected) + len(self.pending)
        for row, reason in sorted([*self.pending, *rejected], key=lambda item: item[0].line):
            self._write_error(row, reason)
        self.pending = []

    _section_written = None

    @property
    def early_rejects(self) -> int:
        """Rows refused while reading, not yet counted in the run."""
        return len(self.pending)


    def _write_error(self, row: Row, reason: str) -> None:
        """Write a refused row and its reason to the error file (under its I/II heading for the forms)."""
        if self.layout.name != "people" and self._section_written != row.section:
            self.errors.write_marker(["II. GIẢM" if row.section == "decrease" else "I. TĂNG"])
            self._section_written = row.section
        self.errors.write(row.values, f"Dòng {row.line}: {reason}")

    def _process(self, rows: list[Row]) -> tuple[list[tuple[Row, str]], dict]:
        rejected: list[tuple[Row, str]] = []
        resolved = self._resolve_people(rows, rejected)
        self._plan_enrollments(resolved, rejected)
        bad = {id(row) for row, _ in rejected}
        good = [r for r in resolved if r is not None and id(r.row) not in bad]
        with transaction.atomic():
            refused, created = self._write(good)
            refused_rows = {id(r) for rows_, _ in refused for r in rows_}
            for rows_, reason in refused:
                rejected.extend((r, reason) for r in rows_)
            kept = [r for r in good if id(r.row) not in refused_rows]
            stored = sum(1 for r in kept if not r.unchanged)
            created.update(stored=stored, unchanged=len(kept) - stored)
            self._log_batch(kept, rows)
            ImportRun.objects.filter(pk=self.run.pk).update(
                rows_read=F("rows_read") + len(rows) + self.early_rejects, rows_stored=F("rows_stored") + stored,
                rows_unchanged=F("rows_unchanged") + len(kept) - stored,
                rows_rejected=F("rows_rejected") + len({id(r) for r, _ in rejected}) + self.early_rejects)
        return rejected, created

    def _resolve_people(self, rows: list[Row], rejected: list) -> list[_Resolved | None]:
        cids = {r.data["citizen_id"] for r in rows if r.data["citizen_id"]}
        sis = {r.data["legacy_si_code"] for r in rows if r.data["legacy_si_code"]}
        known: dict[str, dict] = {}
        if cids or sis:
            fields = ("pk", "full_name", "date_of_birth", "citizen_id", "legacy_si_code", "commune_id",
                      "household_id", "household__code")
            for p in Person.objects.filter(Q(citizen_id__in=cids) | Q(legacy_si_code__in=sis)).values(*fields):
                if p["citizen_id"]:
                    known[p["citizen_id"]] = p
                if p["legacy_si_code"]:
                    known["si:" + p["legacy_si_code"]] = p
        codes = {r.data["household_code"] for r in rows if r.data["household_code"]}
        households = {h["code"]: h for h in Household.objects.filter(code__in=codes).values(
            "pk", "code", "commune_id", "head_id")} if codes else {}
        batch_people: dict[str, tuple[Member, Row]] = {}
        new_households: dict[str, UnitRef] = {}
        out: list[_Resolved | None] = []
        for row in rows:
            try:
                out.append(self._resolve_row(row, known, households, batch_people, new_households))
            except (RowError, Rejected) as exc:
                rejected.append((row, str(exc)))
                out.append(None)
        self._new_households = new_households
        return out

    def _resolve_row(self, row: Row, known, households, batch_people, new_households) -> _Resolved:
        d = row.data
        key = d["citizen_id"] or f"si:{d['legacy_si_code']}"
        stored = known.get(d["citizen_id"]) if d["citizen_id"] else None
        by_si = known.get(f"si:{d['legacy_si_code']}") if d["legacy_si_code"] else None
        if stored and by_si and stored["pk"] != by_si["pk"]:
            raise RowError(f"Số định danh {d['citizen_id']} và mã số BHXH {d['legacy_si_code']} thuộc hai người "
                           "khác nhau trong sổ đăng ký.")
        stored = stored or by_si
        household_code = d["household_code"]
        if stored is not None:
            registered = self.unit_by_pk(stored["commune_id"])
            if not self.allowed(registered.path):
                raise RowError("Số định danh đã được đăng ký ở địa bàn khác (ngoài địa bàn của bạn).")
            earlier = self._commune_then(stored["pk"], registered, row)
            unit = earlier or self.placed(registered, row, known=True)
            if d["date_of_birth"] and d["date_of_birth"] != stored["date_of_birth"]:
                raise RowError(f"Số định danh đã có trong sổ đăng ký với ngày sinh khác "
                               f"({fmt_date(stored['date_of_birth'])}).")
            member = Member(key=key, name=stored["full_name"], unit=unit, citizen_id=stored["citizen_id"],
                            legacy_si_code=stored["legacy_si_code"], pk=stored["pk"],
                            household_key=stored["household__code"], household_pk=stored["household_id"],
                            born=stored["date_of_birth"])
            resolved = _Resolved(row=row, member=member)
            if unit.pk != registered.pk and earlier is None:
                resolved.moved_from, resolved.unchanged = registered, False
            if household_code and stored["household__code"] and household_code != stored["household__code"]:
                raise RowError(f"Người này đã thuộc hộ {stored['household__code']}, khác mã hộ {household_code}.")
            if household_code and not stored["household__code"]:
                self._household_for(row, household_code, unit, households, new_households, resolved)
                resolved.attach_household = True
                resolved.unchanged = False
            return resolved
        if key in batch_people:
            member, first = batch_people[key]
            if d["date_of_birth"] and first.data["date_of_birth"] and d["date_of_birth"] != first.data["date_of_birth"]:
                raise RowError(f"Trùng số định danh với dòng {first.line} nhưng khác ngày sinh.")
            return _Resolved(row=row, member=member)
        # A new person.
        if not d["date_of_birth"]:
            raise RowError("Ngày sinh: thiếu (người chưa có trong sổ đăng ký).")
        if not d["sex"]:
            if not d["citizen_id"]:
                raise RowError("Giới tính: thiếu.")
            d["sex"] = decode_citizen_id(d["citizen_id"]).sex.value
        unit = moved_from = None
        if household_code and household_code in households:
            registered = self.unit_by_pk(households[household_code]["commune_id"])
            unit = self.placed(registered, row, known=True)
            moved_from = registered if unit.pk != registered.pk else None
        elif household_code and household_code in new_households:
            unit = new_households[household_code]
        code = d["commune_code"] or self.context.get("commune_code", "")
        if code:
            era = d["era"] or self.era or era_on(d.get("receipt_date") or self.today)
            row_unit = self.unit(code, era)
            if row_unit is None:
                era_name = "trước 1/7/2025" if era == "pre2025" else "từ 1/7/2025"
                raise RowError(f"Mã xã: '{code}' không có trong danh mục đơn vị hành chính {era_name}.")
            if unit is None:
                row_unit = self.placed(row_unit, row, known=False)
            elif unit.pk != row_unit.pk and (moved_from is None or moved_from.pk != row_unit.pk):
                raise RowError(f"Mã xã {code} khác xã của hộ {household_code} ({unit.name}).")
            unit = unit or row_unit
        if unit is None:
            raise RowError("Mã xã: thiếu (người chưa có trong sổ đăng ký).")
        if not self.allowed(unit.path):
            raise RowError(f"{unit.name} không thuộc địa bàn của bạn.")
        member = Member(key=key, name=d["full_name"], unit=unit, citizen_id=d["citizen_id"],
                        legacy_si_code=d["legacy_si_code"], born=d["date_of_birth"])
        resolved = _Resolved(row=row, member=member, new_person=True, unchanged=False, moved_from=moved_from)
        if household_code:
            self._household_for(row, household_code, unit, households, new_households, resolved)
        batch_people[key] = (member, row)
        return resolved

    def _household_for(self, row, code, unit, households, new_households, resolved: _Resolved) -> None:
        member = resolved.member
        member.household_key = code
        if code in households:
            stored = households[code]
            if self.placed(self.unit_by_pk(stored["commune_id"]), row, known=True).pk != unit.pk:
                raise RowError(f"Hộ {code} thuộc xã khác ({self.unit_by_pk(stored['commune_id']).name}).")
            member.household_pk = stored["pk"]
        else:
            if code in new_households and new_households[code].pk != unit.pk:
                raise RowError(f"Hộ {code} đã được ghi ở xã {new_households[code].name} trong các dòng trên.")
            new_households.setdefault(code, unit)
            resolved.new_household = code

    def _plan_enrollments(self, resolved: list[_Resolved | None], rejected: list) -> None:
        with_scheme = [r for r in resolved if r is not None and r.row.data.get("scheme")]
        if not with_scheme:
            return
        person_pks = {r.member.pk for r in with_scheme if r.member.pk}
        numbers = {r.row.data["receipt_number"] for r in with_scheme if r.row.data.get("receipt_number")}
        self.enrollments.prefetch(person_pks, numbers)
        index = 0
        bad = {id(row) for row, _ in rejected}
        while index < len(resolved):
            item = resolved[index]
            if item is None or not item.row.data.get("scheme"):
                index += 1
                continue
            group = [item]
            data = item.row.data
            if data["scheme"] == "household_hi" and item.row.section != "decrease":
                key = (data.get("point_code"), data["receipt_number"])
                while index + len(group) < len(resolved):
                    nxt = resolved[index + len(group)]
                    nd = nxt.row.data if nxt is not None else None
                    if nd is None or nd.get("scheme") != "household_hi" or \
                            (nd.get("point_code"), nd.get("receipt_number")) != key:
                        break
                    group.append(nxt)
            index += len(group)
            if any(id(g.row) in bad for g in group):
                for g in group:
                    if id(g.row) not in bad:
                        rejected.append((g.row, "Biên lai có dòng khác bị lỗi (xem các dòng cùng số biên lai)."))
                continue
            try:
                plan = self.enrollments.check([g.row for g in group], [g.member for g in group])
            except (Rejected, RowError) as exc:
                for g in group:
                    rejected.append((g.row, str(exc)))
                continue
            if plan is not None:
                group[0].plan = plan
                for g in group:
                    g.unchanged = False

    # --------------------------------------------------------------------------------- writing
    def _write(self, good: list[_Resolved]) -> tuple[list, dict]:
        """Households and people with ids reserved up front (heads set at once), inserted in bulk; then the rest."""
        user_id = self.user.pk if getattr(self.user, "is_authenticated", False) else None
        tag = self.enrollments.tag
        now = timezone.now()
        created = {"people": 0, "households": 0, "statuses": 0}
        wanted = {r.new_household for r in good if r.new_household}
        codes = [code for code in self._new_households if code in wanted]
        household_pk = dict(zip(codes, allocate_ids(Household, len(codes)), strict=True))
        new_people = [r for r in good if r.new_person]
        for r, pk in zip(new_people, allocate_ids(Person, len(new_people)), strict=True):
            r.member.pk = pk
        for r in good:
            if r.member.household_pk is None and r.member.household_key in household_pk:
                r.member.household_pk = household_pk[r.member.household_key]
        heads: dict[str, int] = {}
        addresses: dict[str, str] = {}
        for r in good:
            code = r.member.household_key
            if code in household_pk:
                addresses.setdefault(code, r.row.data["address"])
                if r.row.data["relation"] == Relation.HEAD:
                    heads.setdefault(code, r.member.pk)
        insert_rows(Household, ["id", "code", "head", "address", "commune", "province_code", "source", "created_at",
                                "created_by", "changed_at"],
                    [(household_pk[code], code, heads.get(code), addresses.get(code, ""), self._new_households[code].pk,
                      self._new_households[code].province_code, tag, now, user_id, now) for code in codes])
        created["households"] = len(codes)
        insert_rows(Person, PERSON_COLUMNS, [
            (r.member.pk, d["full_name"], _folded(d["full_name"]), d["date_of_birth"], d["sex"],
             d["ethnicity"] or MAJORITY_ETHNICITY, d["citizen_id"], d["legacy_si_code"], d["phone"], r.member.unit.pk,
             r.member.unit.province_code, d["address"], r.member.household_pk, d["relation"], tag, now, user_id, now)
            for r in new_people for d in (r.row.data,)])
        created["people"] = len(new_people)
        for r in good:
            if r.attach_household:
                Person.objects.filter(pk=r.member.pk, household__isnull=True).update(
                    household_id=r.member.household_pk, relation=r.row.data["relation"])
                if r.row.data["relation"] == Relation.HEAD:
                    Household.objects.filter(pk=r.member.household_pk, head__isnull=True).update(head_id=r.member.pk)
        self._write_moves(good)
        created["statuses"] = self._write_statuses(good)
        counts = counters.Batch()
        plans = [r.plan for r in good if r.plan is not None]
        refused = self.enrollments.write(plans, counts) if plans else []
        counts.flush()
        return refused, created

    def _write_moves(self, good: list[_Resolved]) -> None:
        """Known people and households of a commune abolished before their row's date follow it to today's
        commune (as `registry.services.residence_on` moves them for a page or the API), each move logged."""
        entries = []
        for r in good:
            old, new = r.moved_from, r.member.unit
            if old is None:
                continue
            people = Person.objects.filter(commune_id=old.pk)
            people = people.filter(Q(pk=r.member.pk) | Q(household_id=r.member.household_pk)) \
                if r.member.household_pk else people.filter(pk=r.member.pk)
            moved = [Person(pk=pk) for pk in people.values_list("pk", flat=True)]
            people.update(commune_id=new.pk, province_code=new.province_code)
            if r.member.household_pk and Household.objects.filter(pk=r.member.household_pk, commune_id=old.pk).update(
                    commune_id=new.pk, province_code=new.province_code):
                moved.append(Household(pk=r.member.household_pk))
            on = r.row.data.get("receipt_date") or self.today
            changes = {"commune": [f"{old.name} ({old.code})", f"{new.name} ({new.code})"],
                       "reason": f"{old.name} thôi tồn tại; hồ sơ ngày {on:%d/%m/%Y} ghi vào {new.name}"}
            entries += [(obj, "update", new.path, changes) for obj in moved]
        if entries:
            log_changes(user=self.user, entries=entries)

    def _write_statuses(self, good: list[_Resolved]) -> int:
        return self._write_household_statuses(good) + self._write_person_statuses(good)

    def _write_person_statuses(self, good: list[_Resolved]) -> int:
        """The person-level statuses of the rows (one per person, year and kind; a known one is left as it is)."""
        wanted = {(r.member.pk, r.row.data["status_year"], r.row.data["person_status"]): r for r in good
                  if r.row.data.get("person_status") and r.member.pk}
        if not wanted:
            return 0
        existing = set(PersonStatus.objects.filter(person_id__in={k[0] for k in wanted}).values_list(
            "person_id", "year", "kind"))
        new = [PersonStatus(person_id=pk, year=year, kind=kind, evidence=r.row.data["status_source"][:255],
                            province_code=r.member.unit.province_code,
                            created_by=self.user if getattr(self.user, "is_authenticated", False) else None)
               for (pk, year, kind), r in wanted.items() if (pk, year, kind) not in existing]
        PersonStatus.objects.bulk_create(new, ignore_conflicts=True)
        for key, r in wanted.items():
            if key not in existing:
                r.unchanged = False
        return len(new)

    def _write_household_statuses(self, good: list[_Resolved]) -> int:
        statuses = {}
        for r in good:
            d = r.row.data
            if d.get("household_status") and r.member.household_pk:
                statuses[(r.member.household_pk, d["status_year"])] = HouseholdStatus(
                    household_id=r.member.household_pk, year=d["status_year"], status=d["household_status"],
                    source=d["status_source"][:255], province_code=r.member.unit.province_code)
        if statuses:
            existing = set(HouseholdStatus.objects.filter(household_id__in={k[0] for k in statuses})
                           .values_list("household_id", "year"))
            new = [s for k, s in statuses.items() if k not in existing]
            HouseholdStatus.objects.bulk_create(new, ignore_conflicts=True)
            for r in good:
                d = r.row.data
                if d.get("household_status") and (r.member.household_pk, d["status_year"]) not in existing:
                    r.unchanged = False
            return len(new)
        return 0

    def _log_batch(self, kept: list[_Resolved], rows: list[Row]) -> None:
        """One change-log entry per batch and province: the run, the rows and what was created."""
        by_province: dict[str, list[_Resolved]] = {}
        for r in kept:
            if not r.unchanged:
                path = r.member.unit.path
                by_province.setdefault("/".join(path.split("/")[:2]) + "/", []).append(r)
        for scope, items in by_province.items():
            log_change(user=self.user, obj=self.run, action="import", scope_path=scope, changes={
                "batch": self.batch_no, "file": self.run.file_name, "lines": [rows[0].line, rows[-1].line],
                "rows": len(items), "people": sum(1 for r in items if r.new_person),
                "households": len({r.new_household for r in items if r.new_household}),
                "enrollments": sum(len(r.plan.rows) for r in items if r.plan is not None),
            })


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    """A name folded for search (names repeat a lot: each is folded once)."""
    return fold(name)




def people_run_create(path: str | Path, *, user, file_name: str | None = None, **options) -> ImportRun:
    """The row of an import of people, queued: who, which file, and the choices the worker reads from it
    (layout, point_code, commune_code, collector_code, era, batch_size, errors_path)."""
    path = Path(path)
    return ImportRun.objects.create(
        kind="people", file_name=file_name or path.name, file_sha256=file_sha256(path), user=user if user else None,
        scope_path=(user.scope_unit.path if user is not None and getattr(user, "scope_unit", None) else ""),
        params={"file": str(path), **{k: v for k, v in options.items() if v not in (None, "")}})


def import_people(path: str | Path, *, user, layout: str = "auto", point_code: str = "", commune_code: str = "",
                  collector_code: str = "", era: str = "", batch_size: int = BATCH_SIZE, errors_path=None,
                  file_name: str | None = None, progress=None, stop_after_batches: int | None = None) -> ImportRun:
    """Import a file of people (households, enrollments) now, in this process (the CLI, the benchmarks); returns
    the run with its counts and error file. ImportFailed (the run failed with the reason) if the file cannot be
    read at all."""
    run = people_run_create(path, user=user, file_name=file_name, layout=layout, point_code=point_code,
                            commune_code=commune_code, collector_code=collector_code, era=era,
                            batch_size=batch_size, errors_path=str(errors_path) if errors_path else None)
    jobs.run(ImportRun, run.pk, partial(people_run, run.pk, progress=progress, stop_after_batches=stop_after_batches))
    run.refresh_from_db()
    return run


def people_run_retry(*, user, run: ImportRun) -> bool:
    """Queue again an import that failed or lost its worker (logged): rows it stored are found, not stored twice."""
    from ansinh.enrollment.tasks import import_people_file

    require_role(user, Action.REGISTER)
    return jobs.retry(import_people_file, run, user=user, scope_path=run.scope_path)


def people_run(run_id: int, beat: jobs.Beat, *, progress=None, stop_after_batches: int | None = None) -> None:
    """Run import `run_id` (claimed by `jobs.run`): stream its file in batches, counting as it goes."""
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    options, user = run.params, run.user
    path = Path(options["file"])
    layout = options.get("layout") or "auto"
    try:
        source = open_rows(path)
    except (ValueError, OSError) as exc:  # damaged, a zip bomb, not CSV/Excel, gone: the run fails with the reason
        raise ImportFailed(str(exc)) from exc

    def report(position: int, size: int, totals: Totals) -> None:
        beat(100 * position // max(size, 1), f"Đã đọc {totals.read:,} dòng".replace(",", "."))
        if progress is not None:
            progress(position, size, totals)

    try:
        try:
            found = detect_layout(source.rows)
        except RowError as exc:
            raise ImportFailed(str(exc)) from exc
        if layout not in ("auto", found.name):
            raise ImportFailed(f"Tệp có dạng {found.name.upper()}, không phải {layout.upper()}.")
        header = list(found.header)
        texts = [str(h).strip() for h in header]
        if REASON_HEADER in texts:  # a corrected error file: drop the old reasons
            header = header[:texts.index(REASON_HEADER)]
        context = {**found.context}
        for key in ("point_code", "commune_code", "collector_code"):
            if options.get(key):
                context[key] = options[key]
        run.layout = found.name
        run.save(update_fields=["layout"])
        errors_path = options.get("errors_path")
        errors = ErrorFile(Path(errors_path) if errors_path else error_file_path(run, path, stem=run.file_name),
                           kind=source.kind, header=header, preamble=found.preamble)
        job = PeopleImport(run=run, user=user, layout=found, errors=errors, era=options.get("era") or "",
                           context=context)
        _stream(job, found, source, int(options.get("batch_size") or BATCH_SIZE), report, stop_after_batches,
                width=len(header))
        error_path = errors.close()
        if error_path is not None:
            media = Path(settings.MEDIA_ROOT)
            run.error_file = str(error_path.relative_to(media)) if error_path.is_relative_to(media) else str(error_path)
        t = job.totals
        run.summary = {"people": t.people, "households": t.households, "statuses": t.statuses, **job.enrollments.stats,
                       "batches": job.batch_no}
        run.save(update_fields=["error_file", "summary"])
    finally:
        source.close()


def _stream(job: PeopleImport, layout: Layout, source, batch_size: int, progress, stop_after: int | None,
            width: int) -> None:
    batch: list[Row] = []
    early: list[tuple[Row, str]] = []
    section = "increase"
    line = layout.first_line - 1
    batches = 0
    read = 0

    def rows():
        yield from layout.pending
        yield from source.rows

    for values in rows():
        line += 1
        values = list(values)[:width] if len(values) > width else list(values)
        if is_blank(values):
            continue
        if layout.name != "people":
            heading = section_of(layout, values)
            if heading:
                section = heading
                continue
            if not is_data(layout, values):
                continue
        read += 1
        try:
            row = read_row(layout, line, values, section)
        except RowError as exc:
            early.append((Row(line=line, values=values, section=section), str(exc)))
            continue
        if len(batch) >= batch_size and not _same_receipt(batch[-1], row):
            job.process(batch, early)
            batches += 1
            batch, early = [], []
            job.totals.read = read
            if progress is not None:
                progress(source.position(), source.size, job.totals)
            if stop_after is not None and batches >= stop_after:
                raise KeyboardInterrupt(f"stopped after {batches} batches")
        batch.append(row)
    if batch or early:
        job.process(batch, early)
    job.totals.read = read
    if progress is not None:
        progress(source.size, source.size, job.totals)


def _same_receipt(previous: Row, row: Row) -> bool:
    a, b = previous.data, row.data
    return (a.get("scheme") == b.get("scheme") == "household_hi" and
            (a.get("point_code"), a.get("receipt_number")) == (b.get("point_code"), b.get("receipt_number")))


# ------------------------------------------------------------------------------------------- CLI

def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="Tệp .csv hoặc .xlsx (mẫu ansinh, D03-TS hoặc D05-TS).")
    parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyết định địa bàn; mặc định: quản trị).")
    parser.add_argument("--layout", choices=["auto", "people", "d03", "d05"], default="auto")
    parser.add_argument("--point", default="", help="Mã điểm thu cho các dòng không ghi mã điểm thu.")
    parser.add_argument("--commune", default="", help="Mã xã cho người mới ở các dòng không ghi mã xã.")
    parser.add_argument("--collector", default="", help="Mã nhân viên thu cho các dòng không ghi.")
    parser.add_argument("--era", choices=["pre2025", "2025"], default="",
                        help="Cơ cấu đơn vị của mã xã (mặc định: cơ cấu có hiệu lực vào ngày biên lai của dòng, "
                             "không có ngày biên lai thì hôm nay).")
    parser.add_argument("--errors", default=None, help="Đường dẫn tệp lỗi (mặc định: cạnh dữ liệu của lần nhập).")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)


def _user(username: str | None):
    user = command_user(username)
    if user is None:
        raise ImportFailed(f"Không có người dùng '{username}'." if username else
                           "Chưa có tài khoản quản trị: hãy ghi --user <tên đăng nhập>.")
    return user


@importer("people", help="Nhập người tham gia, hộ gia đình và quá trình tham gia (CSV/Excel; mẫu ansinh, "
                         "D03-TS, D05-TS).", add_arguments=_arguments)
def import_people_command(options: dict, stdout, stderr) -> int:
    """`ansinh import people FILE`: stream the file with a progress bar and print what was stored or refused."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    try:
        user = _user(options.get("user"))
    except ImportFailed as exc:
        stderr.write(str(exc))
        return 2
    console = Console(file=getattr(stdout, "_out", stdout), highlight=False)
    started = time.monotonic()
    with Progress(TextColumn("[bold]Nhập[/]"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                  TextColumn("{task.fields[rows]}"), console=console, transient=False) as bar:
        task = bar.add_task("import", total=100, rows="")

        def progress(position: int, size: int, totals: Totals) -> None:
            rate = totals.read / max(time.monotonic() - started, 1e-6)
            bar.update(task, completed=100 * position / max(size, 1),
                       rows=f"{totals.read:,} dòng · {totals.rejected:,} lỗi · {rate:,.0f} dòng/giây")

        try:
            run = import_people(options["file"], user=user, layout=options.get("layout") or "auto",
                                point_code=options.get("point") or "", commune_code=options.get("commune") or "",
                                collector_code=options.get("collector") or "", era=options.get("era") or "",
                                batch_size=options.get("batch_size") or BATCH_SIZE, errors_path=options.get("errors"),
                                progress=progress)
        except (ImportFailed, ValueError, OSError) as exc:
            stderr.write(f"Không nhập được: {exc}")
            return 2
    elapsed = time.monotonic() - started
    summary = run.summary
    stdout.write(f"Dạng tệp: {run.layout.upper()} · {run.rows_read} dòng trong {elapsed:.1f} giây: "
                 f"{run.rows_stored} dòng được ghi, {run.rows_unchanged} dòng đã có (không đổi), "
                 f"{run.rows_rejected} dòng lỗi.")
    stdout.write(f"Tạo mới: {summary.get('people', 0)} người, {summary.get('households', 0)} hộ, "
                 f"{summary.get('enrollments', 0)} quá trình tham gia, {summary.get('receipts', 0)} biên lai, "
                 f"{summary.get('cards', 0)} thẻ BHYT; gia hạn {summary.get('renewals', 0)}, "
                 f"giảm {summary.get('ended', 0)}.")
    if run.error_file:
        path = Path(run.error_file)
        full = path if path.is_absolute() else Path(settings.MEDIA_ROOT) / path
        stdout.write(f"Các dòng lỗi (kèm lý do) ở: {full} — sửa rồi nhập lại tệp đó.")
    return 0
