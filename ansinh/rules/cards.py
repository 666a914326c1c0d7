"""Health-insurance card dates: when a paid card becomes valid, until when, and the 5-consecutive-years date."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta

from ansinh.rules.dates import add_months, add_years, last_day_covered
from ansinh.rules.errors import ErrorCode, InputError
from ansinh.rules.params import Parameters, load_parameters
from ansinh.rules.quote import QuoteLine, RuleResult, check_date, fmt_date, legal_refs, weakest


@dataclasses.dataclass(frozen=True, kw_only=True)
class HICardValidity(RuleResult):
    """Validity of a card bought on `payment_date`: both dates inclusive, plus why it starts when it does."""

    payment_date: date
    months: int
    valid_from: date
    valid_until: date
    waiting_days: int
    continuous: bool
    first_enrolment: bool


def hi_card_validity(
    payment_date: date,
    months: int,
    previous_valid_until: date | None = None,
    params: Parameters | None = None,
) -> HICardValidity:
    """Card dates: from payment (renewal), from the day after the old card ends (early renewal) or +30 days."""
    p = params or load_parameters()
    check_date(payment_date, "payment_date")
    if previous_valid_until is not None:
        check_date(previous_valid_until, "previous_valid_until")
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise InputError(ErrorCode.INVALID_MONTHS, f"Số tháng đóng phải là số nguyên dương, nhận được {months!r}.",
                         field="months")
    wait_row = p.row("hi_card_waiting_days", payment_date)
    gap_row = p.row("hi_card_gap_months", payment_date)
    refs = legal_refs(wait_row.legal_ref, gap_row.legal_ref)
    status = weakest(wait_row.status, gap_row.status)
    gap_months = int(gap_row.value)
    first = previous_valid_until is None
    if previous_valid_until is not None and payment_date <= previous_valid_until:
        start, waiting, continuous = previous_valid_until + timedelta(days=1), 0, True
        reason = (f"Gia hạn khi thẻ cũ còn hạn đến {fmt_date(previous_valid_until)}: thẻ mới nối tiếp "
                  f"từ {fmt_date(start)}")
    elif previous_valid_until is not None and payment_date < add_months(
        previous_valid_until + timedelta(days=1), gap_months
    ):
        start, waiting, continuous = payment_date, 0, True
        reason = (f"Tham gia liên tục (gián đoạn dưới {gap_months} tháng kể từ {fmt_date(previous_valid_until)}): "
                  f"thẻ có giá trị từ ngày đóng {fmt_date(payment_date)}")
    else:
        waiting = int(wait_row.value)
        start, continuous = payment_date + timedelta(days=waiting), False
        why = "Tham gia lần đầu" if first else f"Gián đoạn từ {gap_months} tháng trở lên"
        reason = f"{why}: thẻ có giá trị sau {waiting} ngày kể từ ngày đóng {fmt_date(payment_date)}"
    until = last_day_covered(start, months)
    line = QuoteLine(code="card_validity", amount=0, legal_ref=refs, status=status,
                     reason=f"{reason}, đến hết ngày {fmt_date(until)} ({months} tháng)")
    return HICardValidity(
        payment_date=payment_date, months=months, valid_from=start, valid_until=until, waiting_days=waiting,
        continuous=continuous, first_enrolment=first, lines=(line,), rules_version=p.version,
    )


def continuity_deadline(valid_until: date, params: Parameters | None = None) -> date:
    """The last day a card that ended on `valid_until` can be paid for without breaking continuity: paid by then,
    the new card is valid from the payment day (no waiting period) and the 5-year chain goes on (a gap under
    `hi_card_gap_months`, the same test as `hi_card_validity`'s). 30/9/2026 → 31/12/2026."""
    p = params or load_parameters()
    check_date(valid_until, "valid_until")
    day_after = valid_until + timedelta(days=1)
    return add_months(day_after, int(p.row("hi_card_gap_months", day_after).value)) - timedelta(days=1)


@dataclasses.dataclass(frozen=True, kw_only=True)
class CoveredPeriod:
    """A span of HI coverage, both ends inclusive (e.g. a card's valid_from and valid_until)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        """Refuse a period that ends before it starts."""
        check_date(self.start, "start")
        check_date(self.end, "end")
        if self.end < self.start:
            raise InputError(ErrorCode.INVALID_DATE_RANGE,
                             f"Thời gian tham gia kết thúc ({fmt_date(self.end)}) trước khi bắt đầu "
                             f"({fmt_date(self.start)}).", field="periods")


@dataclasses.dataclass(frozen=True, kw_only=True)
class FiveYearResult(RuleResult):
    """The date 5 consecutive years of coverage are reached, counted from the start of the latest unbroken chain."""

    chain_start: date
    covered_until: date
    reached_on: date
    reached: bool
    gap_days: int
    broken_on: date | None


def _merge(periods: Iterable[CoveredPeriod | tuple[date, date]]) -> list[CoveredPeriod]:
    """Sort periods and merge those that overlap or touch."""
    items = sorted(
        (p if isinstance(p, CoveredPeriod) else CoveredPeriod(start=p[0], end=p[1]) for p in periods),
        key=lambda p: p.start,
    )
    merged: list[CoveredPeriod] = []
    for item in items:
        if merged and item.start <= merged[-1].end + timedelta(days=1):
            if item.end > merged[-1].end:
                merged[-1] = CoveredPeriod(start=merged[-1].start, end=item.end)
        else:
            merged.append(item)
    return merged


def five_year_date(
    periods: Iterable[CoveredPeriod | tuple[date, date]],
    on: date,
    params: Parameters | None = None,
) -> FiveYearResult:
    """Date the latest chain of coverage reaches 5 years; gaps ≤ 3 months keep the chain but do not count."""
    p = params or load_parameters()
    merged = _merge(periods)
    if not merged:
        raise InputError(ErrorCode.NO_PERIODS, "Cần ít nhất một khoảng thời gian tham gia BHYT.", field="periods")
    gap_row, years_row = p.row("hi_continuity_max_gap_months", on), p.row("hi_continuity_years", on)
    max_gap, years = int(gap_row.value), int(years_row.value)
    chain = [merged[-1]]
    for earlier in reversed(merged[:-1]):
        if chain[0].start > add_months(earlier.end + timedelta(days=1), max_gap):
            break
        chain.insert(0, earlier)
    gaps = [(a.end + timedelta(days=1), (b.start - a.end).days - 1) for a, b in zip(chain, chain[1:], strict=False)]
    reached_on = add_years(chain[0].start, years)
    total_gap = 0
    for gap_start, days in gaps:
        if gap_start < reached_on:
            reached_on += timedelta(days=days)
            total_gap += days
    covered_until = chain[-1].end
    deadline = add_months(covered_until + timedelta(days=1), max_gap)
    broken_on = deadline if on > deadline else None
    reached = reached_on <= covered_until + timedelta(days=1) and reached_on <= on
    reason = (f"Chuỗi tham gia liên tục từ {fmt_date(chain[0].start)}: đủ {years} năm vào ngày {fmt_date(reached_on)}"
              + (f" (cộng {total_gap} ngày gián đoạn không quá {max_gap} tháng)" if total_gap else ""))
    if broken_on is not None:
        reason += f"; chuỗi đã gián đoạn quá {max_gap} tháng từ {fmt_date(broken_on)}"
    elif not reached:
        reason += " (dự kiến, nếu tiếp tục tham gia liên tục)"
    line = QuoteLine(code="five_year_date", amount=0, reason=reason,
                     legal_ref=legal_refs(years_row.legal_ref, gap_row.legal_ref),
                     status=weakest(years_row.status, gap_row.status))
    return FiveYearResult(
        chain_start=chain[0].start, covered_until=covered_until, reached_on=reached_on, reached=reached,
        gap_days=total_gap, broken_on=broken_on, lines=(line,), rules_version=p.version,
    )
