"""Generated recruits for the demo: people and households written in bulk, their payments (receipts,
enrollments, contributions, HI cards and roll-ups) by the one writer (`enrollment.writer`) with amounts
from the rules engine, and their link to the campaign by the campaign's own service.

Only for demo data (thousands of rows in a second).
"""

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache

from ansinh.calc.params import current_parameters
from ansinh.campaigns.services import recruitments_record
from ansinh.core.changelog import log_change
from ansinh.core.text import fold
from ansinh.enrollment import writer
from ansinh.enrollment.choices import METHOD_MONTHS, Scheme
from ansinh.enrollment.models import Enrollment, Receipt
from ansinh.network.models import CollectionPoint, Staff
from ansinh.registry.models import Household, Person
from ansinh.rules import (
    HouseholdHIInput,
    HouseholdMember,
    VoluntarySIInput,
    five_year_date,
    hi_card_validity,
    household_hi_quote,
    voluntary_si_quote,
)
from ansinh.rules.dates import full_years, last_day_covered

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Thạch", "Kim", "Sơn", "Lâm", "Dương", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Châu", "Triệu"]
MIDDLE_M = ["Văn", "Minh", "Hoàng", "Quốc", "Thanh", "Hữu"]
MIDDLE_F = ["Thị", "Ngọc", "Thị Thu", "Thị Kim", "Mỹ"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Long", "Nam", "Phúc", "Quang", "Sang", "Tài",
           "Thành", "Toàn", "Vinh", "Sóc", "Đa"]
GIVEN_F = ["Anh", "Châu", "Diễm", "Hoa", "Hạnh", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Trinh", "Vy",
           "Yến", "Sa Rươne", "Bích"]


def person_name(rng: random.Random, sex: str) -> str:
    """A plausible Vietnamese full name."""
    middle, given = (MIDDLE_F, GIVEN_F) if sex == "F" else (MIDDLE_M, GIVEN_M)
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


@dataclass(frozen=True)
class RecruitBatch:
    """`count` recruits of one scheme on one day by one collector, living in one commune."""

    scheme: str
    day: dt.date
    commune: object
    collector: Staff
    point: CollectionPoint
    count: int


# What recruits pay follows fixed cycles (not chance), so the demo's figures can be derived by hand: the k-th
# voluntary-SI recruit of a campaign pays by VSI_METHODS[k % 10] at VSI_INCOMES[k % 10]; the h-th household pays
# HI_MONTHS[h % 10] months and has HOUSEHOLD_SIZES[h % 6] members (fewer when its batch runs out).
VSI_METHODS = ["12_months"] * 3 + ["6_months"] * 3 + ["3_months"] * 2 + ["monthly"] * 2
VSI_INCOMES = [700_000] * 4 + [1_000_000] * 3 + [1_500_000] * 2 + [2_000_000]
HI_MONTHS = [12] * 7 + [6] * 3
HOUSEHOLD_SIZES = [1, 2, 2, 3, 3, 4]


@cache
def _vsi(on: dt.date, income: int, method: str, province: str):
    months = METHOD_MONTHS[method]
    quote = voluntary_si_quote(VoluntarySIInput(on=on, income=income, category="other", method="regular",
                                                months=months, province=province), current_parameters())
    return months, quote, quote.to_dict()


@cache
def _first_card(on: dt.date, months: int):
    params = current_parameters()
    validity = hi_card_validity(on, months, None, params)
    return validity, five_year_date([(validity.valid_from, validity.valid_until)], validity.valid_from, params)


def _household(on: dt.date, members: tuple[tuple[str, int], ...], months: int, province: str):
    """The household's quote; `members` are (name, age on the day), the age for a province's age band."""
    quote = household_hi_quote(HouseholdHIInput(on=on, months=months, province=province,
                                                members=tuple(HouseholdMember(name=n, age=a) for n, a in members)),
                               current_parameters())
    validity, five = _first_card(on, months)
    return quote, validity, five.reached_on, quote.to_dict()


class _Writer:
    """Collects people, households and payments, then writes them in bulk."""

    def __init__(self, campaign, prefix: str, seed: int):
        self.campaign, self.prefix, self.rng = campaign, prefix, random.Random(seed)
        self.seq = 0
        self.vsi_count = 0
        self.people: list[Person] = []
        self.payments: list[writer.Payment] = []
        self.heads: list[tuple[Household, Person]] = []

    def _person(self, commune, born_from: int, born_to: int, household=None, relation="") -> Person:
        self.seq += 1
        sex = self.rng.choice("MF")
        name = person_name(self.rng, sex)
        born = dt.date(self.rng.randint(born_from, born_to), self.rng.randint(1, 12), self.rng.randint(1, 28))
        century = (0 if sex == "M" else 1) + (2 if born.year >= 2000 else 0)
        citizen_id = f"0{commune.province_code}{century}{born.year % 100:02d}98{self.seq:04d}"
        person = Person(full_name=name, name_folded=fold(name), date_of_birth=born, sex=sex, commune=commune,
                        province_code=commune.province_code, citizen_id=citizen_id, household=household,
                        relation=relation, address=f"Ấp {self.rng.randint(1, 12)}")
        self.people.append(person)
        return person

    def _receipt(self, batch: RecruitBatch, payer: str, amount: int) -> Receipt:
        return Receipt(number=f"{self.prefix}-{len(self.payments) + 1:05d}", receipt_date=batch.day,
                       collection_point=batch.point, collector=batch.collector, payer_name=payer, amount_paid=amount,
                       commune=batch.commune, province_code=batch.commune.province_code)

    def _enrollment(self, batch: RecruitBatch, person: Person, scheme: str, start: dt.date, end: dt.date,
                    **fields) -> Enrollment:
        return Enrollment(person=person, scheme=scheme, enrolled_on=batch.day, start_date=start, end_date=end,
                          collector=batch.collector, collection_point=batch.point, commune=batch.commune,
                          province_code=batch.commune.province_code, is_new=True, source="demo", **fields)

    def vsi(self, batch: RecruitBatch) -> None:
        for _ in range(batch.count):
            person = self._person(batch.commune, 1965, 2000)
            k = self.vsi_count
            self.vsi_count += 1
            method, income = VSI_METHODS[k % len(VSI_METHODS)], VSI_INCOMES[k % len(VSI_INCOMES)]
            months, quote, quote_dict = _vsi(batch.day, income, method, batch.commune.province_code)
            start = batch.day.replace(day=1)
            end = last_day_covered(start, months)
            enrollment = self._enrollment(batch, person, Scheme.VOLUNTARY_SI, start, end, income=income,
                                          payment_method=method, vsi_category="other")
            line = writer.Line(enrollment=enrollment, period_start=start, period_end=end,
                               amounts=writer.vsi_amounts(quote))
            self.payments.append(writer.Payment(receipt=self._receipt(batch, person.full_name, quote.total),
                                                lines=[line], quote=quote_dict, rules_version=quote.rules_version))

    def household_hi(self, batch: RecruitBatch) -> None:
        left = batch.count
        while left > 0:
            h = len(self.heads)
            size = min(left, HOUSEHOLD_SIZES[h % len(HOUSEHOLD_SIZES)])
            left -= size
            household = Household(code=f"{self.prefix}-H{len(self.heads) + 1:04d}", commune=batch.commune,
                                  province_code=batch.commune.province_code, address=f"Ấp {self.rng.randint(1, 12)}")
            members = [self._person(batch.commune, 1955, 1995, household, "head")]
            members += [self._person(batch.commune, 1960, 2019, household, "child" if i else "spouse")
                        for i in range(size - 1)]
            self.heads.append((household, members[0]))
            months = HI_MONTHS[h % len(HI_MONTHS)]
            aged = tuple((m.full_name, full_years(m.date_of_birth, batch.day)) for m in members)
            quote, validity, five, quote_dict = _household(batch.day, aged, months, batch.commune.province_code)
            lines = []
            for person, share in zip(members, quote.members, strict=True):
                enrollment = self._enrollment(batch, person, Scheme.HOUSEHOLD_HI, validity.valid_from,
                                              validity.valid_until, household=household, member_rank=share.rank,
                                              hi_group_code=writer.HOUSEHOLD_GROUP,
                                              payment_method=writer.method_for(months))
                card = writer.card_for(validity=validity, five=five, province_code=batch.commune.province_code,
                                       si_code=None)
                lines.append(writer.Line(enrollment=enrollment, period_start=validity.valid_from,
                                         period_end=validity.valid_until, amounts=writer.share_amounts(share, months),
                                         card=card))
            self.payments.append(writer.Payment(receipt=self._receipt(batch, members[0].full_name, quote.total),
                                                lines=lines, quote=quote_dict, rules_version=quote.rules_version))

    def save(self, user) -> int:
        """Write everything in bulk (people and households, then the payments) and link the recruits to the campaign."""
        Household.objects.bulk_create([h for h, _ in self.heads])
        for person in self.people:
            person.household_id = person.household.pk if person.household else None
        Person.objects.bulk_create(self.people)
        for household, head in self.heads:
            household.head = head
        Household.objects.bulk_update([h for h, _ in self.heads], ["head"])
        for payment in self.payments:
            for line in payment.lines:
                line.enrollment.person_id = line.enrollment.person.pk
                line.enrollment.household_id = line.enrollment.household.pk if line.enrollment.household else None
                line.enrollment.created_by = user
        written = writer.payments_write(self.payments, user=user, log=False)
        enrollments = [e for w in written for e in w.enrollments]
        recruitments_record(user=user, campaign=self.campaign, enrollments=enrollments)
        log_change(user=user, obj=self.campaign, action="import", scope_path=self.campaign.area.path,
                   changes={"demo_recruits": len(enrollments)})
        return len(enrollments)


def generate_recruits(*, user, campaign, batches: list[RecruitBatch], prefix: str, seed: int) -> int:
    """Write the recruits of the batches (people, enrollments, payments, cards, roll-ups); returns how many."""
    writer_ = _Writer(campaign, prefix, seed)
    for batch in batches:
        if batch.scheme == Scheme.VOLUNTARY_SI:
            writer_.vsi(batch)
        else:
            writer_.household_hi(batch)
    return writer_.save(user)
