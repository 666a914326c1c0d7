"""Imported enrollments, written in bulk per batch: receipts, contributions, HI cards and the roll-up counts.

The checks are the services' own — amounts from the rules engine, one open enrollment per person and
scheme, receipt numbers unique per collection point, the user's area — done for a whole batch with a
handful of queries (`prefetch`), then written by the one writer (`enrollment.writer`). Renewals of open
enrollments and the "II. Giảm" rows of the forms are rarer and go through the services one by one,
inside the batch's transaction.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum

from ansinh.core.errors import DomainError
from ansinh.enrollment import counters, services, writer
from ansinh.enrollment.choices import EndReason, EnrollmentStatus, Scheme
from ansinh.enrollment.models import Contribution, Enrollment, HICard, Receipt
from ansinh.enrollment.support import VSI_PROOF, Standing, card_group, hi_member
from ansinh.network.models import CollectionPoint, Staff
from ansinh.registry.models import Household, HouseholdStatus, PersonStatus
from ansinh.rules import (
    HouseholdHIInput,
    HouseholdMember,
    Parameters,
    RuleError,
    VoluntarySIInput,
    five_year_date,
    hi_card_validity,
    household_hi_quote,
    voluntary_si_quote,
)
from ansinh.rules.dates import last_day_covered
from ansinh.rules.quote import fmt_date, fmt_vnd

ONE_DAY = dt.timedelta(days=1)
COVERAGE_SCHEMES = (Scheme.HI_GROUP, Scheme.COMPULSORY_SI, Scheme.UNEMPLOYMENT)
VSI_CATEGORY_ORDER = ("poor", "near_poor", "ethnic_minority", "island", "other")


class Rejected(Exception):
    """A row (or a whole receipt's rows) refused, with the Vietnamese reason."""


@dataclass
class Member:
    """A row's person as the batch knows it (pk None until a new person is created)."""

    key: str
    name: str
    unit: object  # a commune reference with pk, province_code, path
    citizen_id: str | None
    legacy_si_code: str | None
    pk: int | None = None
    household_key: str | None = None
    household_pk: int | None = None
    born: dt.date | None = None


@dataclass
class Plan:
    """What the batch will write for one row, or for the rows of one household receipt."""

    kind: str
    rows: list
    members: list[Member]
    scheme: str
    data: dict
    quote: object = None
    validities: list = field(default_factory=list)
    fives: list = field(default_factory=list)
    enrollment_id: int | None = None


def _rule(call):
    try:
        return call()
    except RuleError as exc:
        raise Rejected(exc.message) from exc


class EnrollmentImport:
    """Checks and writes the enrollment part of a batch of imported rows."""

    def __init__(self, *, user, params: Parameters, allowed, context: dict, tag: str):
        self.user = user
        self.params = params
        self.allowed = allowed  # path -> bool (the user's area, action "add")
        self.context = context  # point_code / collector defaults from the file or the command line
        self.tag = tag
        self.points: dict[str, CollectionPoint | None] = {}
        self.staff: dict[str, Staff | None] = {}
        self.stats = {"enrollments": 0, "receipts": 0, "contributions": 0, "cards": 0, "renewals": 0, "ended": 0}
        self._memo: dict[tuple, object] = {}
        self._stored: dict[int, dict] = {}

    # Quotes repeat a lot in a file (same date, income, household size): each is computed once per run.
    def _memoised(self, key: tuple, compute):
        if key not in self._memo:
            if len(self._memo) > 20000:
                self._memo.clear()
                self._stored.clear()
            self._memo[key] = _rule(compute)
        return self._memo[key]

    def vsi_quote(self, on: dt.date, income: int, category: str, method: str, months: int, used: int,
                  province: str):
        """Voluntary SI quote from the rules (regular 1/3/6/12 months, advance or missing lump sum)."""
        def compute():
            rule_method = "regular" if method in ("monthly", "3_months", "6_months", "12_months") else method
            data = VoluntarySIInput(on=on, income=income, category=category, method=rule_method, months=months,
                                    support_months_used=used, province=province)
            return voluntary_si_quote(data, self.params)
        return self._memoised(("vsi", on, income, category, method, months, used, province), compute)

    def household_quote(self, on: dt.date, months: int, members: tuple[HouseholdMember, ...], province: str):
        """Household HI quote for members ranked in order, each in the group of their statuses of the year."""
        def compute():
            data = HouseholdHIInput(on=on, months=months, province=province, members=members)
            return household_hi_quote(data, self.params)
        return self._memoised(("hh", on, months, members, province), compute)

    def standing(self, member: Member, rows: list, on: dt.date, own=None) -> Standing:
        """A member's statuses for the year of a date: stored ones, the person's status on their own row, and
        the household's status given in the rows of the receipt (the file writes it on one member's row)."""
        kinds, local = {}, []
        for kind, evidence, group in self.statuses.get((member.pk, on.year), ()):
            kinds.setdefault(kind, evidence)
            if group:
                local.append(group)
        household = self.household_statuses.get((member.household_pk, on.year))
        if household:
            kinds.setdefault(*household)
        for row in rows:
            if row.data.get("household_status") and row.data.get("status_year") == on.year:
                kinds.setdefault(row.data["household_status"], row.data.get("status_source", ""))
        own = own if own is not None else rows[0]
        if own.data.get("person_status") and own.data.get("status_year") == on.year:
            kinds.setdefault(own.data["person_status"], own.data.get("status_source", ""))
        return Standing(kinds=kinds, local_groups=tuple(local))

    def validity(self, on: dt.date, months: int, previous: dt.date | None):
        """HI card validity for a payment (30 days' wait on a first card)."""
        return self._memoised(("card", on, months, previous),
                              lambda: hi_card_validity(on, months, previous, self.params))

    def stored(self, quote) -> dict:
        """The Quote as stored on a contribution (built once per distinct quote)."""
        key = id(quote)
        if key not in self._stored:
            self._stored[key] = quote.to_dict()
        return self._stored[key]

    # ------------------------------------------------------------------------------------- lookups
    def point(self, code: str) -> CollectionPoint:
        """The collection point by code, in the user's area."""
        code = code or self.context.get("point_code", "")
        if not code:
            raise Rejected("Mã điểm thu: thiếu (ghi ở cột 'Mã điểm thu', ở đầu biểu mẫu 'Mã đại lý: …' "
                           "hoặc chọn khi nhập).")
        if code not in self.points:
            self.points[code] = CollectionPoint.objects.select_related("unit").filter(code=code).first()
        point = self.points[code]
        if point is None or not self.allowed(point.unit.path):
            raise Rejected(f"Mã điểm thu '{code}' không có trong địa bàn của bạn.")
        return point

    def collector(self, code: str) -> Staff | None:
        """The collector by staff code (None when not given)."""
        code = code or self.context.get("collector_code", "")
        if not code:
            return None
        if code not in self.staff:
            self.staff[code] = Staff.objects.select_related("unit").filter(code=code).first()
        staff = self.staff[code]
        if staff is None or not self.allowed(staff.unit.path):
            raise Rejected(f"Mã nhân viên thu '{code}' không có trong địa bàn của bạn.")
        return staff

    def prefetch(self, person_pks: set[int], receipt_numbers: set[str]) -> None:
        """What the database already holds for the batch: open enrollments, cards, supported months, receipts."""
        self.active: dict[tuple[int, str], dict] = {}
        self.history: set[tuple[int, str]] = set()
        self.last_card: dict[int, dt.date] = {}
        self.periods: dict[int, list] = {}
        self.used: dict[int, int] = {}
        if person_pks:
            for e in Enrollment.objects.filter(person_id__in=person_pks).values(
                    "id", "person_id", "scheme", "status", "start_date", "end_date", "household_id"):
                self.history.add((e["person_id"], e["scheme"]))
                if e["status"] == EnrollmentStatus.ACTIVE:
                    self.active[(e["person_id"], e["scheme"])] = e
            for card in HICard.objects.filter(enrollment__person_id__in=person_pks).values(
                    "enrollment__person_id", "valid_from", "valid_until"):
                pid = card["enrollment__person_id"]
                self.periods.setdefault(pid, []).append((card["valid_from"], card["valid_until"]))
                if card["valid_until"] > self.last_card.get(pid, dt.date.min):
                    self.last_card[pid] = card["valid_until"]
            self.used = dict(Contribution.objects.filter(
                enrollment__person_id__in=person_pks, enrollment__scheme=Scheme.VOLUNTARY_SI, state_support__gt=0)
                .values_list("enrollment__person_id").annotate(n=Sum("months")).values_list("enrollment__person_id",
                                                                                            "n"))
        self.statuses: dict[tuple[int, int], list] = {}
        self.household_statuses: dict[tuple[int, int], tuple[str, str]] = {}
        if person_pks:
            for pid, year, kind, evidence, group in PersonStatus.objects.filter(person_id__in=person_pks).values_list(
                    "person_id", "year", "kind", "evidence", "local_group"):
                self.statuses.setdefault((pid, year), []).append((kind, evidence, group))
            for hid, year, status, source in HouseholdStatus.objects.filter(
                    household__members__in=person_pks).values_list("household_id", "year", "status", "source"):
                self.household_statuses[(hid, year)] = (status, source)
        self.receipts: dict[tuple[int, str], int] = {}
        self.receipt_people: dict[int, set[int]] = {}
        self.own_receipts: set[int] = set()
        if receipt_numbers:
            for r in Receipt.objects.filter(number__in=receipt_numbers).values("id", "collection_point_id", "number"):
                self.receipts[(r["collection_point_id"], r["number"])] = r["id"]
            if self.receipts:
                run_prefix = self.tag.rsplit(":", 1)[0] + ":"
                for receipt_id, person_id, source in Contribution.objects.filter(
                        receipt_id__in=self.receipts.values()).values_list(
                        "receipt_id", "enrollment__person_id", "enrollment__source"):
                    self.receipt_people.setdefault(receipt_id, set()).add(person_id)
                    if source.startswith(run_prefix):
                        self.own_receipts.add(receipt_id)
        self.planned: set[tuple[str, str]] = set()

    # ------------------------------------------------------------------------------------- checks
    def check(self, rows: list, members: list[Member]) -> Plan | None:
        """Check the enrollment of one row (or of a household receipt's rows); None = already stored."""
        data = rows[0].data
        scheme = data["scheme"]
        if rows[0].section == "decrease":
            return Plan(kind="decrease", rows=rows, members=members, scheme=scheme, data=data)
        if scheme in COVERAGE_SCHEMES:
            return self._check_coverage(rows, members[0])
        point = self.point(data["point_code"])
        collector = self.collector(data["collector_code"])
        data = {**data, "point": point, "collector": collector}
        receipt_id = self.receipts.get((point.pk, data["receipt_number"]))
        if receipt_id is not None:
            people = self.receipt_people.get(receipt_id, set())
            if all(m.pk in people for m in members):
                return None  # imported before: nothing to do
            if receipt_id in self.own_receipts and scheme == Scheme.HOUSEHOLD_HI:
                raise Rejected(f"Biên lai số {data['receipt_number']} đã ghi ở các dòng trước của tệp: các thành "
                               "viên cùng một biên lai phải nằm liền nhau.")
            raise Rejected(f"Biên lai số {data['receipt_number']} đã được ghi ở {point.name} cho người khác.")
        for m in members:
            if (m.key, scheme) in self.planned:
                raise Rejected(f"{m.name} đã có một dòng {Scheme(scheme).label} khác trong cùng lô nhập.")
        if scheme == Scheme.VOLUNTARY_SI:
            plan = self._check_vsi(rows, members[0], data)
        else:
            plan = self._check_household(rows, members, data)
        for m in members:
            self.planned.add((m.key, scheme))
        return plan

    def _check_coverage(self, rows, member: Member) -> Plan | None:
        data = rows[0].data
        scheme, start, end = data["scheme"], data["start_date"], data["end_date"]
        if (member.key, scheme) in self.planned:
            raise Rejected(f"{member.name} đã có một dòng {Scheme(scheme).label} khác trong cùng lô nhập.")
        open_one = self.active.get((member.pk, scheme)) if member.pk else None
        if open_one is None:
            self.planned.add((member.key, scheme))
            return Plan(kind="coverage", rows=rows, members=[member], scheme=scheme, data=data)
        covered_until = open_one["end_date"]
        if start >= open_one["start_date"] and (covered_until is None or (end is not None and end <= covered_until)):
            return None  # already covered by what is stored
        if end is None or (covered_until is not None and end <= covered_until):
            raise Rejected(f"{member.name} đang tham gia {Scheme(scheme).label} từ "
                           f"{fmt_date(open_one['start_date'])}; quá trình trong tệp chồng lên quá trình đã có.")
        self.planned.add((member.key, scheme))
        return Plan(kind="coverage_extend", rows=rows, members=[member], scheme=scheme, data=data,
                    enrollment_id=open_one["id"])

    def _category(self, data: dict) -> str:
        pct = data.get("state_support_pct")
        if data.get("category_given") or pct is None:
            return data["category"]
        on = data["receipt_date"]
        for category in VSI_CATEGORY_ORDER:
            if self.params.has("vsi_support_pct", on, category) and \
                    self.params.value("vsi_support_pct", on, category) == pct:
                return category
        raise Rejected(f"NSNN hỗ trợ (%): tỷ lệ {pct}% không ứng với nhóm đối tượng nào ngày "
                       f"{fmt_date(on)}.")

    def _check_vsi(self, rows, member: Member, data: dict) -> Plan:
        if member.pk and (member.pk, Scheme.VOLUNTARY_SI) in self.active:
            return Plan(kind="vsi_renew", rows=rows, members=[member], scheme=Scheme.VOLUNTARY_SI, data=data,
                        enrollment_id=self.active[(member.pk, Scheme.VOLUNTARY_SI)]["id"])
        category = self._category(data)
        proof = dict(VSI_PROOF).get(category)
        if proof is not None and proof not in self.standing(member, rows, data["receipt_date"]).kinds:
            raise Rejected(f"Đối tượng: {member.name} chưa có quyết định công nhận '{proof.label.lower()}' năm "
                           f"{data['receipt_date'].year} (ghi ở cột 'Đối tượng của người' hoặc 'Loại hộ', kèm năm và "
                           "quyết định công nhận).")
        used = self.used.get(member.pk, 0) if member.pk else 0
        quote = self.vsi_quote(data["receipt_date"], data["income"], category, data["method"], data["months"], used,
                               member.unit.province_code)
        self._check_amounts(quote.total, data, quote_due=quote.contribution_total,
                            state=quote.state_support_total)
        return Plan(kind="vsi", rows=rows, members=[member], scheme=Scheme.VOLUNTARY_SI,
                    data={**data, "category": category}, quote=quote)

    def _check_amounts(self, total: int, data: dict, *, quote_due: int | None = None, state: int | None = None,
                       who: str = "") -> None:
        if data.get("amount") is not None and data["amount"] != total:
            raise Rejected(f"Số tiền{who}: {fmt_vnd(data['amount'])} khác số phải đóng theo quy định "
                           f"{fmt_vnd(total)}.")
        if quote_due is not None and data.get("amount_due") is not None and data["amount_due"] != quote_due:
            raise Rejected(f"Số tiền phải đóng theo quy định: {fmt_vnd(data['amount_due'])} khác "
                           f"{fmt_vnd(quote_due)} tính theo quy định.")
        if state is not None and data.get("state_support") is not None and data["state_support"] != state:
            raise Rejected(f"NSNN hỗ trợ: {fmt_vnd(data['state_support'])} khác {fmt_vnd(state)} theo quy định.")

    def _check_household(self, rows, members: list[Member], data: dict) -> Plan:
        months, on = data["months"], data["receipt_date"]
        open_members = [m for m in members if m.pk and (m.pk, Scheme.HOUSEHOLD_HI) in self.active]
        if open_members:
            if len(open_members) != len(members):
                names = ", ".join(m.name for m in open_members)
                raise Rejected(f"{names} đang tham gia BHYT hộ gia đình: biên lai gia hạn phải gồm đúng các thành "
                               "viên đang tham gia của hộ.")
            return Plan(kind="household_renew", rows=rows, members=members, scheme=Scheme.HOUSEHOLD_HI, data=data)
        if len({m.household_key for m in members}) != 1 or not members[0].household_key:
            raise Rejected(f"Biên lai {data['receipt_number']}: các thành viên phải cùng một mã hộ.")
        province = members[0].unit.province_code
        try:
            shares = tuple(hi_member(m.name, self.standing(m, rows, on, own=row), on, self.params, born=m.born)
                           for m, row in zip(members, rows, strict=True))
        except DomainError as exc:
            raise Rejected(exc.message) from exc
        quote = self.household_quote(on, months, shares, province)
        for row, share in zip(rows, quote.members, strict=True):
            self._check_amounts(share.total, row.data, who=f" ({row.data['full_name']})")
        validities, fives = [], []
        for m in members:
            previous = self.last_card.get(m.pk) if m.pk else None
            validity = self.validity(on, months, previous)
            periods = [*self.periods.get(m.pk, []), (validity.valid_from, validity.valid_until)]
            fives.append(_rule(lambda ps=periods, v=validity: five_year_date(ps, v.valid_from, self.params)))
            validities.append(validity)
        return Plan(kind="household", rows=rows, members=members, scheme=Scheme.HOUSEHOLD_HI, data=data,
                    quote=quote, validities=validities, fives=fives)

    # ------------------------------------------------------------------------------------- writing
    def _enrollment(self, member: Member, scheme: str, **fields) -> Enrollment:
        return Enrollment(person_id=member.pk, scheme=scheme, commune_id=member.unit.pk,
                          province_code=member.unit.province_code, source=self.tag,
                          created_by=self.user if getattr(self.user, "is_authenticated", False) else None, **fields)

    def _rows(self, plan: Plan) -> writer.Payment:
        """The rows of one plan for the one writer: a receipt and its lines (or a coverage line, no receipt)."""
        data = plan.data
        if plan.kind == "coverage":
            member = plan.members[0]
            enrollment = self._enrollment(member, plan.scheme, hi_group_code=data.get("hi_group_code", ""),
                                          enrolled_on=data["start_date"], start_date=data["start_date"],
                                          end_date=data["end_date"], is_new=False, household_id=member.household_pk)
            return writer.Payment(receipt=None, lines=[writer.Line(enrollment=enrollment,
                                                                   period_start=data["start_date"],
                                                                   period_end=data["end_date"])])
        point, collector, quote = data["point"], data["collector"], plan.quote
        first = plan.members[0]
        receipt = Receipt(number=data["receipt_number"], receipt_date=data["receipt_date"], collection_point=point,
                          collector=collector, payer_name=first.name[:100], amount_paid=quote.total,
                          commune_id=first.unit.pk, province_code=first.unit.province_code)
        lines = []
        for index, member in enumerate(plan.members):
            is_new = (member.pk, plan.scheme) not in self.history if member.pk else True
            if plan.kind == "vsi":
                start = (data["start_date"] or data["receipt_date"]).replace(day=1)
                end = last_day_covered(start, quote.months)
                fields = {"income": data["income"], "payment_method": data["method"],
                          "vsi_category": data["category"]}
                amounts, card = writer.vsi_amounts(quote), None
            else:
                validity = plan.validities[index]
                start, end = validity.valid_from, validity.valid_until
                share = quote.members[index]
                fields = {"household_id": member.household_pk, "member_rank": share.rank,
                          "hi_group_code": card_group(share.group)[0],
                          "payment_method": writer.method_for(data["months"])}
                amounts = writer.share_amounts(share, data["months"])
                card = writer.card_for(validity=validity, five=plan.fives[index],
                                       province_code=member.unit.province_code, si_code=member.legacy_si_code,
                                       group=card_group(share.group))
            enrollment = self._enrollment(member, plan.scheme, enrolled_on=data["receipt_date"], start_date=start,
                                          end_date=end, collector=collector, collection_point=point, is_new=is_new,
                                          **fields)
            lines.append(writer.Line(enrollment=enrollment, period_start=start, period_end=end, amounts=amounts,
                                     card=card))
        return writer.Payment(receipt=receipt, lines=lines, quote=self.stored(quote),
                              rules_version=quote.rules_version)

    def write(self, plans: list[Plan], counts: counters.Batch) -> list[tuple[list, str]]:
        """Write the batch's plans (inside the caller's transaction); rows refused by a service are returned."""
        refused: list[tuple[list, str]] = []
        payments = []
        for plan in plans:
            if plan.kind in ("coverage", "vsi", "household"):
                payments.append(self._rows(plan))
            else:
                problem = self._by_service(plan, counts)
                if problem:
                    refused.append((plan.rows, problem))
        written = writer.payments_write(payments, user=self.user, counts=counts, log=False)
        self.stats["enrollments"] += sum(len(w.enrollments) for w in written)
        self.stats["receipts"] += sum(1 for w in written if w.receipt is not None)
        self.stats["contributions"] += sum(len(w.contributions) for w in written)
        self.stats["cards"] += sum(len(w.cards) for w in written)
        return refused

    def _by_service(self, plan: Plan, counts: counters.Batch) -> str | None:
        """Renewals, extensions and decreases: one by one through the services, each in a savepoint."""
        data = plan.data
        try:
            with transaction.atomic():
                if plan.kind == "coverage_extend":
                    self._extend_coverage(plan, counts)
                elif plan.kind == "vsi_renew":
                    enrollment = Enrollment.objects.get(pk=plan.enrollment_id)
                    if data["income"] != enrollment.income:
                        raise DomainError(f"Mức thu nhập {fmt_vnd(data['income'])} khác mức đang đóng "
                                          f"{fmt_vnd(enrollment.income or 0)}; đổi mức đóng trên trang hồ sơ.")
                    contribution = services.contribution_record(
                        user=self.user, enrollment=enrollment, months=data["months"], payment=self._payment(data))
                    self._service_amounts(contribution.amount_paid, data)
                    self.stats["renewals"] += 1
                elif plan.kind == "household_renew":
                    household = Household.objects.get(pk=plan.members[0].household_pk)
                    contributions = services.household_renew(user=self.user, household=household,
                                                             months=data["months"], payment=self._payment(data))
                    if len(contributions) != len(plan.members):
                        raise DomainError("Biên lai gia hạn phải gồm đúng các thành viên đang tham gia của hộ.")
                    by_person = {c.enrollment.person_id: c.amount_paid for c in contributions}
                    for row, member in zip(plan.rows, plan.members, strict=True):
                        self._service_amounts(by_person.get(member.pk, 0), row.data)
                    self.stats["renewals"] += len(contributions)
                elif plan.kind == "decrease":
                    self._decrease(plan)
        except (DomainError, Rejected) as exc:
            return exc.message if isinstance(exc, DomainError) else str(exc)
        return None

    def _payment(self, data: dict) -> services.Payment:
        return services.Payment(receipt_number=data["receipt_number"], paid_on=data["receipt_date"],
                                collection_point=data["point"], collector=data["collector"])

    @staticmethod
    def _service_amounts(paid: int, data: dict) -> None:
        if data.get("amount") is not None and data["amount"] != paid:
            raise DomainError(f"Số tiền {fmt_vnd(data['amount'])} khác số phải đóng theo quy định {fmt_vnd(paid)}.")

    def _extend_coverage(self, plan: Plan, counts: counters.Batch) -> None:
        enrollment = Enrollment.objects.select_for_update().select_related("commune").get(pk=plan.enrollment_id)
        services.coverage_extend(user=self.user, enrollment=enrollment, start=plan.data["start_date"],
                                 end=plan.data["end_date"])
        self.stats["renewals"] += 1

    def _decrease(self, plan: Plan) -> None:
        member, data = plan.members[0], plan.data
        if member.pk is None:
            raise Rejected(f"{member.name} chưa có trong sổ đăng ký: không có gì để giảm.")
        open_one = self.active.get((member.pk, plan.scheme))
        if open_one is None:
            if (member.pk, plan.scheme) in self.history:
                return  # ended before: nothing to do
            raise Rejected(f"{member.name} không có quá trình {Scheme(plan.scheme).label} để giảm.")
        stop = data.get("start_date") or data.get("receipt_date")
        if stop is None:
            raise Rejected("Từ tháng/năm: thiếu (tháng bắt đầu giảm).")
        enrollment = Enrollment.objects.get(pk=open_one["id"])
        services.enrollment_end(user=self.user, enrollment=enrollment, on=max(stop - ONE_DAY, enrollment.start_date),
                                reason=EndReason.LAPSED)
        self.stats["ended"] += 1
