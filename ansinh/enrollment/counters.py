"""Keeping the roll-up counts current as enrollments are written (inside the writer's transaction).

Increments go through `core.counters` (UPDATE … SET n = n + k on a unique key, INSERT when new), so
saving at once never double-counts or loses a count.

Every participation delta also moves the month-end levels (`ParticipationLevel`) of the commune's
series and of its province's series, under a lock on the series row (see ADR 0003).
"""

import dataclasses
import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from ansinh.core.counters import counter_add, counters_add
from ansinh.enrollment.models import ParticipationDelta, ParticipationLevel, ParticipationSeries, RecruitmentCount
from ansinh.geo.models import Unit

ONE_DAY = dt.timedelta(days=1)


def month_end(day: dt.date) -> dt.date:
    """The last day of the day's month."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - ONE_DAY


def _province_ids(unit_ids) -> dict[int, int]:
    """Commune (or district) unit id -> id of its province unit."""
    units = list(Unit.objects.filter(pk__in=set(unit_ids)).values_list("pk", "path", "level"))
    province_paths = {pk: "/".join(path.split("/")[:2]) + "/" for pk, path, level in units if level != "province"}
    ids = dict(Unit.objects.filter(path__in=set(province_paths.values())).values_list("path", "pk"))
    result = {pk: ids[path] for pk, path in province_paths.items() if path in ids}
    result.update({pk: pk for pk, _, level in units if level == "province"})
    return result


def _locked_series(unit_id: int, province_code: str, scheme: str) -> int:
    """Id of the unit × scheme series, created if missing, locked until the transaction ends."""
    key = f"{unit_id}:{scheme}"
    found = ParticipationSeries.objects.select_for_update().filter(key=key).values_list("pk", flat=True).first()
    if found:
        return found
    try:
        with transaction.atomic():
            return ParticipationSeries.objects.create(key=key, unit_id=unit_id, province_code=province_code,
                                                      scheme=scheme).pk
    except IntegrityError:
        return ParticipationSeries.objects.select_for_update().get(key=key).pk


def _apply_levels(changes: dict[tuple[int, str, str], dict[dt.date, int]]) -> None:
    """Add amounts to month-end levels: {(unit id, province code, scheme): {month end: amount}}.

    A change in month M moves the level of M and of every later month of the series; a series without a
    row for M gets one, carried over from the latest earlier month. Series are locked in key order.
    """
    for (unit_id, province_code, scheme), months in sorted(changes.items()):
        months = {m: a for m, a in months.items() if a}
        if not months:
            continue
        series_id = _locked_series(unit_id, province_code, scheme)
        for m, amount in sorted(months.items()):
            levels = ParticipationLevel.objects.filter(series_id=series_id)
            levels.filter(month_end__gte=m).update(level=F("level") + amount)
            if not levels.filter(month_end=m).exists():
                before = levels.filter(month_end__lt=m).order_by("-month_end").values_list("level", flat=True).first()
                ParticipationLevel.objects.create(series_id=series_id, month_end=m, level=(before or 0) + amount)


def _level_changes(entries) -> dict[tuple[int, str, str], dict[dt.date, int]]:
    """Month-end changes for communes and their provinces from (unit id, province code, scheme, day, amount)."""
    entries = list(entries)
    provinces = _province_ids(e[0] for e in entries)
    changes: dict[tuple[int, str, str], dict[dt.date, int]] = {}
    for unit_id, province_code, scheme, day, amount in entries:
        m = month_end(day)
        for target in {unit_id, provinces.get(unit_id, unit_id)}:
            months = changes.setdefault((target, province_code, scheme), {})
            months[m] = months.get(m, 0) + amount
    return changes


def participation_add(*, unit, scheme: str, day: dt.date, amount: int) -> None:
    """Add `amount` to the participants of unit × scheme from `day` on."""
    if amount == 0:
        return
    counter_add(ParticipationDelta, "delta", f"{unit.pk}:{scheme}:{day.isoformat()}", amount,
          {"unit": unit, "province_code": unit.province_code, "scheme": scheme, "day": day})
    _apply_levels(_level_changes([(unit.pk, unit.province_code, scheme, day, amount)]))


def participation_window(*, unit, scheme: str, start: dt.date, end: dt.date | None, sign: int = 1) -> None:
    """Count (sign=1) or uncount (sign=-1) one participant covered from start through end (None = open)."""
    participation_add(unit=unit, scheme=scheme, day=start, amount=sign)
    if end is not None:
        participation_add(unit=unit, scheme=scheme, day=end + ONE_DAY, amount=-sign)


def participation_move_end(*, unit, scheme: str, old_end: dt.date | None, new_end: dt.date | None) -> None:
    """A participant's coverage now ends on new_end instead of old_end (None = open)."""
    if old_end == new_end:
        return
    if old_end is not None:
        participation_add(unit=unit, scheme=scheme, day=old_end + ONE_DAY, amount=1)
    if new_end is not None:
        participation_add(unit=unit, scheme=scheme, day=new_end + ONE_DAY, amount=-1)


def recruitment_add(*, unit, scheme: str, day: dt.date, collector=None, amount: int = 1) -> None:
    """Count `amount` new participants recruited on a day by a collector."""
    key = f"{unit.pk}:{scheme}:{day.isoformat()}:{collector.pk if collector else ''}"
    counter_add(RecruitmentCount, "count", key, amount,
                {"unit": unit, "province_code": unit.province_code, "scheme": scheme, "day": day,
                 "collector": collector})


@dataclasses.dataclass
class Batch:
    """Roll-up changes gathered over a batch of imported enrollments, written once with `flush()`.

    Each key gets one upsert however many rows touched it, so a batch of 5,000 enrollments in 50
    communes costs a handful of statements, and concurrent writers still add up exactly.
    """

    participation: dict[str, tuple[int, dict]] = dataclasses.field(default_factory=dict)
    recruitment: dict[str, tuple[int, dict]] = dataclasses.field(default_factory=dict)

    def _add(self, target: dict, key: str, amount: int, extra: dict) -> None:
        old = target.get(key)
        target[key] = ((old[0] if old else 0) + amount, extra)

    def window(self, *, unit, scheme: str, start: dt.date, end: dt.date | None, sign: int = 1) -> None:
        """Count one participant of unit × scheme covered from start through end (None = open)."""
        for day, amount in ((start, sign), (end + ONE_DAY if end else None, -sign)):
            if day is None:
                continue
            self._add(self.participation, f"{unit.pk}:{scheme}:{day.isoformat()}", amount,
                      {"unit": unit.pk, "province_code": unit.province_code, "scheme": scheme, "day": day})

    def move_end(self, *, unit, scheme: str, old_end: dt.date | None, new_end: dt.date | None) -> None:
        """A participant's coverage now ends on new_end instead of old_end (None = open)."""
        if old_end == new_end:
            return
        for day, amount in ((old_end, 1), (new_end, -1)):
            if day is not None:
                self._add(self.participation, f"{unit.pk}:{scheme}:{(day + ONE_DAY).isoformat()}", amount,
                          {"unit": unit.pk, "province_code": unit.province_code, "scheme": scheme,
                           "day": day + ONE_DAY})

    def recruited(self, *, unit, scheme: str, day: dt.date, collector=None, sign: int = 1) -> None:
        """Count (sign=1) or uncount (sign=-1) one new participant recruited on a day by a collector."""
        collector_id = getattr(collector, "pk", collector)
        key = f"{unit.pk}:{scheme}:{day.isoformat()}:{collector_id or ''}"
        self._add(self.recruitment, key, sign, {"unit": unit.pk, "province_code": unit.province_code,
                                             "scheme": scheme, "day": day, "collector": collector_id})

    def flush(self) -> None:
        """Write the gathered changes (inside the caller's transaction) and start afresh."""
        counters_add(ParticipationDelta, "delta", self.participation)
        _apply_levels(_level_changes((extra["unit"], extra["province_code"], extra["scheme"], extra["day"], amount)
                                     for amount, extra in self.participation.values()))
        counters_add(RecruitmentCount, "count", self.recruitment)
        self.participation, self.recruitment = {}, {}


def _month_end_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"(date_trunc('month', {column}) + interval '1 month - 1 day')::date"
    return f"date({column}, 'start of month', '+1 month', '-1 day')"


REBUILD_STEPS = ("Xoá số cũ", "Cộng biến động theo tháng", "Lập chuỗi số liệu", "Tính số cuối mỗi tháng")


def rebuild_levels(progress=None) -> int:
    """Recompute every series and month-end level from the daily deltas (after a bulk load or a repair).

    Returns the number of level rows written. Runs inside one transaction. `progress(step, label)` is told before
    each of the REBUILD_STEPS (a command's progress bar).
    """
    def step(n: int) -> None:
        if progress is not None:
            progress(n, REBUILD_STEPS[n])

    delta, unit = ParticipationDelta._meta.db_table, Unit._meta.db_table
    series, level = ParticipationSeries._meta.db_table, ParticipationLevel._meta.db_table
    concat = "CAST(%s AS TEXT) || ':' || d.scheme"
    with transaction.atomic(), connection.cursor() as cur:
        step(0)
        cur.execute(f"DELETE FROM {level}")  # noqa: S608 - table names from the models
        cur.execute(f"DELETE FROM {series}")  # noqa: S608
        # Month sums per commune and per province (the province unit of the commune's era and code).
        step(1)
        cur.execute(f"""
            CREATE TEMPORARY TABLE rollup_month AS
            SELECT d.unit_id AS unit_id, d.province_code AS province_code, d.scheme AS scheme,
                   {_month_end_sql("d.day")} AS month_end, SUM(d.delta) AS delta
              FROM {delta} d GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT p.id, d.province_code, d.scheme, {_month_end_sql("d.day")}, SUM(d.delta)
              FROM {delta} d JOIN {unit} u ON u.id = d.unit_id
              JOIN {unit} p ON p.era = u.era AND p.level = 'province' AND p.code = u.province_code
             WHERE u.level <> 'province'
             GROUP BY 1, 2, 3, 4
        """)  # noqa: S608
        step(2)
        cur.execute(f"""
            INSERT INTO {series} (key, unit_id, province_code, scheme)
            SELECT {concat % "d.unit_id"}, d.unit_id, MIN(d.province_code), d.scheme
              FROM rollup_month d GROUP BY d.unit_id, d.scheme
        """)  # noqa: S608
        step(3)
        cur.execute(f"""
            INSERT INTO {level} (series_id, month_end, level)
            SELECT s.id, m.month_end,
                   SUM(m.delta) OVER (PARTITION BY s.id ORDER BY m.month_end ROWS UNBOUNDED PRECEDING)
              FROM (SELECT unit_id, scheme, month_end, SUM(delta) AS delta FROM rollup_month
                     GROUP BY unit_id, scheme, month_end) m
              JOIN {series} s ON s.unit_id = m.unit_id AND s.scheme = m.scheme
        """)  # noqa: S608
        written = cur.rowcount
        cur.execute("DROP TABLE rollup_month")
    return written
