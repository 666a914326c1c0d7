"""Coverage indicators for a unit on a date: participants, coverage with its denominator, % of every
plan, gaps, comparisons and people still needed.

A count is, by default (`ValueSource.AUTO`), the latest **baseline** — a participant count reported for the
unit on or before the date (BHXH's monthly report, a provincial summary, an article) — plus the **movements**
recorded in ansinh since that day (participants covered on the date minus those covered on the baseline's
day: new participants less those whose coverage ended), and says so: "8.463 (báo cáo ngày 30/6/2020) +
965 = 9.428". A later baseline resets the chain. Where a unit's records are complete (all its participants
are in ansinh, `RecordsComplete`) from a day after the baseline, the records alone give the value. Where
there is neither, the value is unknown with the reason, never 0 and never a silent switch to partial records.

Everything is fetched once (roll-up sums for all dates, reported figures, plans, statistics) and then
computed by small functions that round in one place (`ansinh.rules.percent`, half-up).
"""

import bisect
import calendar
import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from ansinh.core.errors import NotFound
from ansinh.core.formats import vn_date, vn_decimal, vn_int
from ansinh.core.scoping import path_in_scope
from ansinh.geo.choices import REFORM_DATE, Era, Level
from ansinh.geo.models import Unit, UnitStatistic, UnitSuccession
from ansinh.geo.selectors import figure_in_use
from ansinh.plans.choices import (
    AUTHORITY_ORDER,
    COUNT_INDICATORS,
    PERIOD_END_MONTH,
    RATE_INDICATORS,
    RATE_PARTS,
    SCHEMES_OF,
    SHORT_LABELS,
    Indicator,
    Structure,
    ValueSource,
)
from ansinh.plans.models import Plan, RecordsComplete, ReportedFigure
from ansinh.reports.rollup import participants_matrix
from ansinh.rules.indicators import percent, round_half_up

STALE_YEARS = 3
WARN_YEARS = 2  # a denominator older than this (years before the date's) is shown with a warning
RECORDS_SOURCE = "Tính từ hồ sơ ansinh (bảng tổng hợp người tham gia theo ngày)"
LABOUR_FORCE_NOTE = ("Mẫu số là lực lượng lao động từ 15 tuổi trở lên (số liệu theo tỉnh của Tổng cục Thống kê); "
                     "chỉ tiêu giao tính theo lực lượng lao động trong độ tuổi, nhỏ hơn, nên tỷ lệ theo chỉ tiêu "
                     "cao hơn tỷ lệ này một ít.")
DENOMINATOR_LABELS = {"population": "Dân số", "labour_force": "Lực lượng lao động từ 15 tuổi trở lên"}
HEADLINE = (Indicator.HI_COVERAGE, Indicator.HI_PARTICIPANTS, Indicator.HOUSEHOLD_HI, Indicator.SI_COVERAGE,
            Indicator.SI_PARTICIPANTS, Indicator.VOLUNTARY_SI, Indicator.UI_COVERAGE, Indicator.UI_PARTICIPANTS,
            Indicator.REVENUE)


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def same_day_last_year(on: dt.date) -> dt.date:
    """The same date a year earlier (29/2 -> 28/2)."""
    try:
        return on.replace(year=on.year - 1)
    except ValueError:
        return on.replace(year=on.year - 1, day=28)


@dataclass
class Denominator:
    """The population or labour-force figure a coverage rate is divided by, with its year and source."""

    kind: str
    value: int
    year: int
    source: str
    summed_units: int = 0

    @property
    def label(self) -> str:
        """'Dân số năm 2019: 1.009.168 (nguồn …)'."""
        what = DENOMINATOR_LABELS[self.kind]
        summed = f", tổng của {self.summed_units} đơn vị cấp dưới" if self.summed_units else ""
        return f"{what} năm {self.year}: {vn_int(self.value)}{summed} — {self.source}"

    def as_dict(self) -> dict:
        """JSON form."""
        return {"kind": self.kind, "value": self.value, "year": self.year, "source": self.source,
                "summed_units": self.summed_units}


@dataclass
class Figure:
    """One number with where it came from: the roll-up ('records'), a reported figure of that day ('reported'),
    or an earlier reported figure carried forward with the movements recorded since ('baseline'); or no number
    and the reason."""

    value: Decimal | None
    origin: str | None = None
    source: str = ""
    reported: ReportedFigure | None = None
    movements: int | None = None
    reason: str = ""

    @property
    def known(self) -> bool:
        """Whether there is a number."""
        return self.value is not None

    @property
    def composition(self) -> str:
        """'8.463 (báo cáo ngày 30/6/2020) + 965 ghi nhận trong ansinh = 9.428' for a carried baseline."""
        if self.origin != "baseline" or self.reported is None:
            return ""
        moved = self.movements or 0
        sign = "+" if moved >= 0 else "−"
        return (f"{vn_int(self.reported.value)} (báo cáo ngày {vn_date(self.reported.on)}) {sign} {vn_int(abs(moved))} "
                f"biến động ghi nhận trong ansinh (tham gia mới trừ ngừng) = {vn_int(self.value)}")

    def composition_dict(self) -> dict | None:
        """JSON form of the composition (None unless carried from a baseline)."""
        if self.reported is None or self.origin not in ("baseline", "reported"):
            return None
        return {"baseline": {"value": _i(self.reported.value), "on": self.reported.on.isoformat(),
                             "source": self.reported.source},
                "movements": self.movements or 0, "value": _i(self.value)}


def status_class(pct: Decimal | None) -> str:
    """CSS class of a % of plan: reached, close (≥95), behind (≥85), far behind, or no plan."""
    if pct is None:
        return "st-none"
    if pct >= 100:
        return "st-ok"
    if pct >= 95:
        return "st-close"
    if pct >= 85:
        return "st-behind"
    return "st-far"


@dataclass
class TargetResult:
    """A plan and how far the unit is from it."""

    plan: Plan
    pct_of_plan: Decimal | None = None
    gap_points: Decimal | None = None
    gap: int | None = None
    needed: int | None = None
    needed_source: str = ""

    @property
    def status(self) -> str:
        """CSS class of the % of plan."""
        return status_class(self.pct_of_plan)

    def as_dict(self) -> dict:
        """JSON form."""
        p = self.plan
        return {"authority": p.authority, "authority_label": p.get_authority_display(), "year": p.year,
                "period": p.period, "value": float(p.value), "document": p.document, "source": p.source,
                "note": p.note, "pct_of_plan": _f(self.pct_of_plan), "gap_points": _f(self.gap_points),
                "gap": self.gap, "needed": self.needed, "needed_source": self.needed_source}


@dataclass
class IndicatorRow:
    """One indicator of one unit on one date, with comparisons and every target."""

    indicator: str
    value: Decimal | None = None
    origin: str | None = None
    source: str = ""
    count: Figure | None = None
    exact: Decimal | None = None
    denominator: Denominator | None = None
    printed: ReportedFigure | None = None
    implied_denominator: int | None = None
    printed_needed: int | None = None
    last_year: Decimal | None = None
    change_yoy: Decimal | None = None
    year_end: Decimal | None = None
    change_since_year_end: Decimal | None = None
    targets: list[TargetResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def label(self) -> str:
        """Vietnamese name of the indicator."""
        return Indicator(self.indicator).label

    @property
    def short_label(self) -> str:
        """Short name for charts."""
        return SHORT_LABELS[self.indicator]

    @property
    def is_rate(self) -> bool:
        """Coverage rates are in %, the rest are counts (or đồng)."""
        return self.indicator in RATE_INDICATORS

    @property
    def display(self) -> str:
        """The value in Vietnamese format."""
        if self.value is None:
            return "—"
        return f"{vn_decimal(self.value)}%" if self.is_rate else vn_int(self.value)

    @property
    def status(self) -> str:
        """CSS class of the lowest % of plan."""
        return status_class(self.worst_pct)

    @property
    def worst_pct(self) -> Decimal | None:
        """The lowest % of plan over the targets (to rank units furthest behind first)."""
        pcts = [t.pct_of_plan for t in self.targets if t.pct_of_plan is not None]
        return min(pcts) if pcts else None

    def as_dict(self) -> dict:
        """JSON form (numbers as in the API: 132.14, 2906280)."""
        value = _f(self.value) if self.is_rate else _i(self.value)
        data = {"indicator": self.indicator, "label": self.label, "value": value, "origin": self.origin,
                "source": self.source, "denominator": self.denominator.as_dict() if self.denominator else None,
                "composition": self.count.composition_dict() if self.count else None,
                "reason": self.reason or None, "targets": [t.as_dict() for t in self.targets], "notes": self.notes}
        if self.is_rate:
            data["participants"] = _i(self.count.value) if self.count and self.count.known else None
            data["printed"] = _f(self.printed.value) if self.printed else None
            data["implied_denominator"] = self.implied_denominator
            data["printed_needed"] = self.printed_needed
            data["change_yoy_points"] = _f(self.change_yoy)
            data["change_since_year_end_points"] = _f(self.change_since_year_end)
        else:
            data["change_yoy_pct"] = _f(self.change_yoy)
            data["change_since_year_end"] = _i(self.change_since_year_end)
        data["last_year"] = _f(self.last_year) if self.is_rate else _i(self.last_year)
        data["year_end"] = _f(self.year_end) if self.is_rate else _i(self.year_end)
        return data


def _f(value) -> float | None:
    return None if value is None else float(value)


def _i(value) -> int | None:
    return None if value is None else int(value)


@dataclass
class UnitIndicators:
    """All indicators of one unit on a date."""

    unit: Unit
    rows: dict[str, IndicatorRow]

    def row(self, indicator: str) -> IndicatorRow:
        """One indicator."""
        return self.rows[indicator]


@dataclass
class CoverageReport:
    """A unit's indicators on a date, its sub-units ranked furthest behind first, and the monthly trend."""

    unit: Unit
    requested: Unit
    on: dt.date
    era: str
    structure: str
    source: str
    comparisons: dict[str, dt.date]
    own: UnitIndicators
    children: list[UnitIndicators]
    trend_dates: list[dt.date]
    trend: dict[str, list[Decimal | None]]
    notes: list[str] = field(default_factory=list)

    def ranked_children(self, indicator: str = Indicator.HI_COVERAGE) -> list[UnitIndicators]:
        """Sub-units furthest behind first: lowest % of plan, then lowest value; units without data last."""
        def key(item: UnitIndicators):
            row = item.row(indicator)
            worst = row.worst_pct
            return (row.value is None, worst is None, worst if worst is not None else 0,
                    row.value if row.value is not None else 0, item.unit.code)
        return sorted(self.children, key=key)

    def as_dict(self) -> dict:
        """JSON form: what `ansinh report coverage … --json` prints and the API returns."""
        return {
            "unit": {"code": self.unit.code, "era": self.unit.era, "name": self.unit.name, "level": self.unit.level},
            "on": self.on.isoformat(), "era": self.era, "structure": self.structure, "source": self.source,
            "comparisons": {k: v.isoformat() for k, v in self.comparisons.items()},
            "indicators": {k: r.as_dict() for k, r in self.own.rows.items()},
            "children": [{"code": c.unit.code, "name": c.unit.name,
                          "indicators": {k: c.rows[k].as_dict() for k in (
                              Indicator.HI_COVERAGE, Indicator.SI_COVERAGE, Indicator.VOLUNTARY_SI,
                              Indicator.HOUSEHOLD_HI)}} for c in self.ranked_children()],
            "trend": {"dates": [d.isoformat() for d in self.trend_dates],
                      **{k: [_f(v) for v in vals] for k, vals in self.trend.items()}},
            "notes": self.notes,
        }


# --- fetching -------------------------------------------------------------------------------------

def resolve_unit(unit: Unit, on: dt.date, structure: str) -> tuple[Unit, str, list[str]]:
    """The unit shown and its era: today's successor when figures are re-aggregated to today's units."""
    notes: list[str] = []
    if unit.level == Level.NATION:
        era = Era.FROM_2025 if structure == Structure.CURRENT or on >= REFORM_DATE else Era.PRE_2025
        return unit, era, notes
    if structure == Structure.CURRENT and unit.era == Era.PRE_2025:
        target = unit if unit.level != Level.DISTRICT else unit.parent
        row = (UnitSuccession.objects.filter(old=target, is_default=True).select_related("new").first())
        if row is None:
            return unit, unit.era, notes
        if unit.level == Level.DISTRICT:
            notes.append(f"Từ 1/7/2025 không còn cấp huyện: {unit.name} được xem trong {row.new.name}.")
        notes.append(f"{target.name} (trước 1/7/2025) nay thuộc {row.new.name}; số liệu quy đổi theo bảng "
                     "chuyển đổi đơn vị (xã bị chia lấy đơn vị nhận mặc định).")
        return row.new, Era.FROM_2025, notes
    return unit, unit.era, notes


def children_of(unit: Unit, era: str) -> list[Unit]:
    """The units one level down in the structure shown."""
    qs = Unit.objects.filter(parent=unit)
    if unit.level == Level.NATION:
        qs = qs.filter(era=era)
    return list(qs.order_by("code"))


def _statistics(units: list[Unit], nation_children: list[Unit] | None) -> dict[int, list[UnitStatistic]]:
    ids = [u.pk for u in units] + [u.pk for u in nation_children or []]
    by_unit: dict[int, list[UnitStatistic]] = {}
    for stat in UnitStatistic.objects.filter(unit_id__in=ids).order_by("unit_id", "indicator", "-year"):
        by_unit.setdefault(stat.unit_id, []).append(stat)
    return by_unit


def denominator_for(unit: Unit, kind: str, year: int, stats: dict[int, list[UnitStatistic]],
                    parts: list[Unit] | None = None) -> Denominator | None:
    """The unit's own figure for a rate in `year` (`geo.selectors.figure_in_use`); else the sum of its parts if all
    have one (of one year that every part has)."""
    own = figure_in_use(stats.get(unit.pk, []), kind, year)
    if own is not None:
        return Denominator(kind, own.value, own.year, own.source)
    if not parts:
        return None
    picked = [figure_in_use(stats.get(p.pk, []), kind, year) for p in parts]
    if any(p is None for p in picked):
        return None
    oldest = min(p.year for p in picked)
    if any(p.year != oldest for p in picked):
        # Not one province's newer year beside the others' older one: the latest year every part has.
        same = [next((s for s in stats.get(p.pk, []) if s.indicator == kind and s.year == oldest), None)
                for p in parts]
        picked = same if all(s is not None for s in same) else picked
    sources = {p.source for p in picked}
    source = sources.pop() if len(sources) == 1 else "nhiều nguồn (xem từng đơn vị)"
    return Denominator(kind, sum(p.value for p in picked), min(p.year for p in picked), source,
                       summed_units=len(picked))


def reported_source(figure: ReportedFigure) -> str:
    """'Báo cáo: <source>, ngày …' for a reported figure."""
    text = f"Số liệu báo cáo: {figure.source}"
    if figure.source_date:
        text += f" ({vn_date(figure.source_date)})"
    if figure.derived:
        text += " — số suy ra từ dữ liệu của nguồn"
    return text


# --- computing ------------------------------------------------------------------------------------

class _Data:
    """Everything fetched once for a report: roll-up sums, reported figures, plans, statistics."""

    def __init__(self, *, root: Unit, era: str, units: list[Unit], dates: list[dt.date], dates_on: dt.date,
                 source: str, user, nation_parts: list[Unit] | None):
        year = dates_on.year
        self.source = source
        last = max(dates)
        figures = list(ReportedFigure.objects.restrict(user).filter(unit__in=units, on__lte=last).order_by("on"))
        self.figures = {(f.unit_id, f.on, f.indicator): f for f in figures}
        self.baselines: dict[tuple[int, str], list[ReportedFigure]] = {}
        for figure in figures:
            if figure.indicator in COUNT_INDICATORS:
                self.baselines.setdefault((figure.unit_id, figure.indicator), []).append(figure)
        self.complete = _complete_since(units)
        # The roll-up is read on every date asked and on the day of each baseline those dates carry forward.
        wanted = set(dates)
        for rows in self.baselines.values():
            days = [f.on for f in rows]
            for d in dates:
                i = bisect.bisect_right(days, d)
                if i:
                    wanted.add(days[i - 1])
        self.dates = sorted(wanted)
        self.index = {d: i for i, d in enumerate(self.dates)}
        self.values, self.present = participants_matrix(root=root, era=era, dates=self.dates)
        plans = Plan.objects.restrict(user).filter(unit__in=units, year=year).select_related("unit")
        self.plans: dict[tuple[int, str], list[Plan]] = {}
        for plan in plan_targets_for_period(list(plans), dates_on):
            self.plans.setdefault((plan.unit_id, plan.indicator), []).append(plan)
        self.stats = _statistics(units, nation_parts)
        self.nation_parts = nation_parts

    def level(self, unit: Unit, indicator: str, on: dt.date) -> tuple[int, bool]:
        """(participants in ansinh's records on the date, whether the roll-up holds any series for them)."""
        i = self.index[on]
        width = len(self.dates)
        schemes = SCHEMES_OF[indicator]
        values, rows = self.values.get(unit.path, {}), self.present.get(unit.path, {})
        seen = any(rows.get(s, [0] * width)[i] for s in schemes)
        return sum(values.get(s, [0] * width)[i] for s in schemes), seen

    def records(self, unit: Unit, indicator: str, on: dt.date) -> Figure:
        """Participants from the roll-up (None when the roll-up holds nothing for the unit up to that date)."""
        total, seen = self.level(unit, indicator, on)
        if not seen or total == 0:
            # Nobody covered on that date in ansinh's records: shown as "no data", not as 0% coverage.
            return Figure(None, reason="Hồ sơ trong ansinh chưa có người tham gia.")
        return Figure(Decimal(total), "records", f"{RECORDS_SOURCE} đến {vn_date(on)}")

    def reported(self, unit: Unit, indicator: str, on: dt.date) -> Figure:
        """A reported figure for exactly that unit, indicator and date."""
        figure = self.figures.get((unit.pk, on, indicator))
        if figure is None:
            return Figure(None, reason=f"Chưa có số báo cáo ngày {vn_date(on)}.")
        return Figure(figure.value, "reported", reported_source(figure), figure, movements=0)

    def baseline(self, unit: Unit, indicator: str, on: dt.date) -> ReportedFigure | None:
        """The latest count reported for the unit on or before the date."""
        rows = self.baselines.get((unit.pk, indicator), [])
        i = bisect.bisect_right([f.on for f in rows], on)
        return rows[i - 1] if i else None

    def carried(self, unit: Unit, indicator: str, on: dt.date) -> Figure:
        """Baseline + movements, or the records alone where they are complete, or no number with the reason."""
        base = self.baseline(unit, indicator, on)
        complete = _applies(self.complete, unit)
        if complete is not None and complete <= on and (base is None or base.on < complete):
            total, _seen = self.level(unit, indicator, on)
            return Figure(Decimal(total), "records",
                          f"{RECORDS_SOURCE} đến {vn_date(on)} (hồ sơ đầy đủ từ ngày {vn_date(complete)})")
        if base is None:
            recorded, _seen = self.level(unit, indicator, on)
            hint = f" (hồ sơ trong ansinh có {vn_int(recorded)} người, chưa đủ để thay số báo cáo)" if recorded else ""
            return Figure(None, reason=f"Chưa có số liệu: chưa có số báo cáo nào đến ngày {vn_date(on)} và hồ sơ "
                                       f"ansinh chưa được xác nhận là đầy đủ{hint}.")
        if base.on == on:
            return Figure(base.value, "reported", reported_source(base), base, movements=0)
        moved = self.level(unit, indicator, on)[0] - self.level(unit, indicator, base.on)[0]
        return Figure(base.value + moved, "baseline", reported_source(base), base, movements=moved)

    def count(self, unit: Unit, indicator: str, on: dt.date) -> Figure:
        """A count by the chosen source (auto: the latest baseline carried forward, or complete records). Every
        date follows the same rule, so a comparison with last year is of the same kind as the value."""
        mode = self.source
        if indicator == Indicator.REVENUE:
            return self.reported(unit, indicator, on) if mode != ValueSource.RECORDS else Figure(None)
        if mode == ValueSource.RECORDS:
            return self.records(unit, indicator, on)
        if mode == ValueSource.REPORTED:
            return self.reported(unit, indicator, on)
        return self.carried(unit, indicator, on)

    def denominator(self, unit: Unit, kind: str, year: int) -> Denominator | None:
        """Population or labour force for a unit (the nation sums its provinces if it has no figure)."""
        parts = self.nation_parts if unit.level == Level.NATION else None
        return denominator_for(unit, kind, year, self.stats, parts)


def _complete_since(units: list[Unit]) -> dict[str, dt.date]:
    """{unit path: first day its records are complete} for the units shown, the units above them and below."""
    if not units:
        return {}
    above = {p for u in units for p in _path_prefixes(u.path)}
    rows = RecordsComplete.objects.filter(unit__path__in=above).values_list("unit__path", "since")
    return dict(rows)


def _path_prefixes(path: str) -> list[str]:
    """'pre2025/84/842/' -> ['pre2025/', 'pre2025/84/', 'pre2025/84/842/'] (and the nation's '' path)."""
    parts = [p for p in path.split("/") if p]
    return ["", *("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))]


def _applies(complete: dict[str, dt.date], unit: Unit) -> dt.date | None:
    """The earliest day from which the unit, or a unit above it, has complete records."""
    days = [since for path, since in complete.items() if unit.path.startswith(path)]
    return min(days) if days else None


def _count_row(data: _Data, unit: Unit, indicator: str, on: dt.date, comparisons: dict[str, dt.date]
               ) -> IndicatorRow:
    fig = data.count(unit, indicator, on)
    row = IndicatorRow(indicator, value=fig.value, origin=fig.origin, source=fig.source, count=fig, reason=fig.reason)
    if fig.reported is not None and fig.reported.note:
        row.notes.append(fig.reported.note)
    if not fig.known:
        return row
    last = data.count(unit, indicator, comparisons["same_day_last_year"])
    if last.known:
        row.last_year = last.value
        row.change_yoy = percent(fig.value - last.value, last.value)
    end = data.count(unit, indicator, comparisons["end_of_last_year"])
    if end.known:
        row.year_end = end.value
        row.change_since_year_end = fig.value - end.value
    for plan in data.plans.get((unit.pk, indicator), []):
        target = TargetResult(plan)
        target.pct_of_plan = percent(fig.value, plan.value)
        target.gap = int(fig.value - plan.value)
        target.needed = max(0, int(plan.value - fig.value))
        row.targets.append(target)
    return row


def _rate_value(data: _Data, unit: Unit, indicator: str, on: dt.date, origin: str | None = None
                ) -> tuple[Figure, Denominator | None, Decimal | None, ReportedFigure | None, bool]:
    """(participants, denominator, the rate shown unrounded, the printed rate, whether the rate was computed).

    ansinh computes participants ÷ denominator whenever it has both; the printed rate is shown instead
    when ansinh has no count or denominator, or when its denominator is more than STALE_YEARS older than
    the date (a 2016 labour force for a 2022 rate), and beside the computed rate when they differ.
    """
    numerator, kind = RATE_PARTS[indicator]
    count = data.count(unit, numerator, on)
    den = data.denominator(unit, kind, on.year)
    printed = data.figures.get((unit.pk, on, indicator)) if (origin or data.source) != ValueSource.RECORDS else None
    computed = None
    if count.known and den is not None and den.value:
        computed = count.value * 100 / Decimal(den.value)
    if printed is not None and (computed is None or den.year < on.year - STALE_YEARS):
        return count, den, printed.value, printed, False
    return count, den, computed, printed, computed is not None


def _rate_row(data: _Data, unit: Unit, indicator: str, on: dt.date, comparisons: dict[str, dt.date]
              ) -> IndicatorRow:
    count, den, exact, printed, computed = _rate_value(data, unit, indicator, on)
    row = IndicatorRow(indicator, count=count, denominator=den, printed=printed, exact=exact,
                       value=round_half_up(exact))
    if exact is None:
        row.reason = count.reason if not count.known else (
            f"Chưa có số liệu: chưa có {DENOMINATOR_LABELS[RATE_PARTS[indicator][1]].lower()} của đơn vị.")
        return row
    if computed and den is not None and den.kind == "labour_force":
        row.notes.append(LABOUR_FORCE_NOTE)
    if den is not None and den.year < on.year - WARN_YEARS:
        row.notes.append(f"Mẫu số là số liệu năm {den.year}, cũ hơn {WARN_YEARS} năm so với ngày {vn_date(on)}: "
                         "cần số liệu năm gần hơn.")
    row.origin = count.origin if computed else "reported"
    row.source = count.source if computed else reported_source(printed)
    if printed is not None and printed.note:
        row.notes.append(printed.note)
    if printed is not None and count.known and den is not None and den.value and printed.value:
        mine = round_half_up(count.value * 100 / Decimal(den.value))
        if mine != printed.value:
            row.implied_denominator = int(round_half_up(count.value * 100 / printed.value, 0))
            row.notes.append(
                f"Nguồn báo cáo ghi {vn_decimal(printed.value)}%; theo {DENOMINATOR_LABELS[den.kind].lower()} "
                f"năm {den.year} ({vn_int(den.value)}) thì {vn_int(count.value)} người là {vn_decimal(mine)}%. "
                f"Tỷ lệ của nguồn ứng với mẫu số khoảng {vn_int(row.implied_denominator)}.")
    origin = row.origin if computed else "reported"
    for key, attr_value, attr_change in (("same_day_last_year", "last_year", "change_yoy"),
                                         ("end_of_last_year", "year_end", "change_since_year_end")):
        _c, _d, then, _p, _k = _rate_value(data, unit, indicator, comparisons[key], origin if computed else None)
        if then is not None:
            setattr(row, attr_value, round_half_up(then))
            setattr(row, attr_change, round_half_up(exact - then))
    for plan in data.plans.get((unit.pk, indicator), []):
        target = TargetResult(plan)
        target.pct_of_plan = percent(exact, plan.value)
        target.gap_points = round_half_up(exact - plan.value)
        if computed:
            wanted = math.ceil(plan.value * den.value / 100)
            target.needed = max(0, wanted - int(count.value))
            target.needed_source = f"{vn_decimal(plan.value)}% × {vn_int(den.value)} − {vn_int(count.value)}"
        row.targets.append(target)
    if printed is not None and printed.printed_plan_pct is not None:
        shown = [t.pct_of_plan for t in row.targets]
        if printed.printed_plan_pct not in shown:
            row.notes.append(f"Nguồn báo cáo ghi đạt {vn_decimal(printed.printed_plan_pct)}% kế hoạch.")
    if printed is not None and printed.printed_needed is not None:
        row.printed_needed = printed.printed_needed
    row.targets.sort(key=lambda t: AUTHORITY_ORDER.get(t.plan.authority, 99))
    return row


def unit_indicators(data: _Data, unit: Unit, on: dt.date, comparisons: dict[str, dt.date]) -> UnitIndicators:
    """Every indicator of one unit."""
    rows = {}
    for indicator in HEADLINE:
        if indicator in RATE_INDICATORS:
            rows[indicator] = _rate_row(data, unit, indicator, on, comparisons)
        else:
            rows[indicator] = _count_row(data, unit, indicator, on, comparisons)
            rows[indicator].targets.sort(key=lambda t: AUTHORITY_ORDER.get(t.plan.authority, 99))
    return UnitIndicators(unit, rows)


def trend_dates_for(on: dt.date) -> list[dt.date]:
    """Month ends from January of the year up to the date (the date itself closes the series)."""
    dates = [month_end(on.year, m) for m in range(1, on.month)]
    dates.append(on)
    return dates


def coverage_report(*, user, unit: Unit, on: dt.date, structure: str = Structure.AS_OF,
                    source: str = ValueSource.AUTO, with_children: bool = True) -> CoverageReport:
    """A unit's coverage on a date, as the user may see it (404 outside the user's area)."""
    shown, era, notes = resolve_unit(unit, on, structure)
    if not path_in_scope(user, shown.path, "view"):
        raise NotFound("Đơn vị không thuộc địa bàn của bạn.")
    comparisons = {"same_day_last_year": same_day_last_year(on), "end_of_last_year": dt.date(on.year - 1, 12, 31)}
    trend = trend_dates_for(on)
    dates = sorted({on, *comparisons.values(), *trend})
    children = children_of(shown, era) if with_children else []
    nation_parts = children_of(shown, era) if shown.level == Level.NATION else None
    data = _Data(root=shown, era=era, units=[shown, *children], dates=dates, dates_on=on, source=source,
                 user=user, nation_parts=nation_parts)
    own = unit_indicators(data, shown, on, comparisons)
    kids = [unit_indicators(data, child, on, comparisons) for child in children]
    series: dict[str, list[Decimal | None]] = {}
    for indicator in (Indicator.HI_COVERAGE, Indicator.SI_COVERAGE, Indicator.VOLUNTARY_SI, Indicator.HOUSEHOLD_HI):
        values = []
        for d in trend:
            if indicator in RATE_INDICATORS:
                values.append(round_half_up(_rate_value(data, shown, indicator, d)[2]))
            else:
                values.append(data.count(shown, indicator, d).value)
        series[indicator] = values
    if era == Era.PRE_2025 and on >= REFORM_DATE:
        notes.append("Sau 1/7/2025, hồ sơ ghi theo đơn vị mới không được tính vào đơn vị cũ.")
    return CoverageReport(unit=shown, requested=unit, on=on, era=era, structure=structure, source=source,
                          comparisons=comparisons, own=own, children=kids, trend_dates=trend, trend=series,
                          notes=notes)


def plan_targets_for_period(plans: list[Plan], on: dt.date) -> list[Plan]:
    """Yearly plans and the period plans ending in the date's month."""
    return [p for p in plans if p.period == "year" or PERIOD_END_MONTH[p.period] == on.month]


__all__ = ["COUNT_INDICATORS", "CoverageReport", "IndicatorRow", "coverage_report"]
