"""bench coverage_dashboard: the national coverage dashboard vs a hand-written SQL aggregate over enrollments.

For each size (1M and 10M enrollments by default — 10M takes about 20 minutes to generate on a 2-CPU
machine; `ANSINH_BENCH_COVERAGE_SIZES=1000000,3000000` for a shorter run) the enrollments of every pre-2025
commune are generated with one INSERT … SELECT over generate_series, and their roll-up
(`ParticipationDelta`) with one INSERT … SELECT … GROUP BY — no services. Then, in the same run
and on the same PostgreSQL:

- ansinh: `coverage_report(nation, 30/6/2024)` — everything the national dashboard shows (63 provinces ×
  every indicator, same date last year, end of last year, the monthly trend), read from the roll-up;
- baseline: one hand-written SQL query counting the participants per province × scheme on the same 9
  dates straight from `enrollment_enrollment`.

Each is timed warm (best of 3). ratio = baseline time ÷ ansinh time. A second line times the default (*auto*)
dashboard once every commune, province and the nation has a reported baseline on 31/12/2023 (three indicators
each): the values are then baseline + movements, checked against the records' own difference.
"""

import datetime as dt
import os
import time

from django.db import connection

from ansinh.enrollment.counters import rebuild_levels

ON = dt.date(2024, 6, 30)
SIZES = [int(s) for s in os.environ.get("ANSINH_BENCH_COVERAGE_SIZES", "1000000,10000000").split(",") if s]
# Share of enrollments per scheme, roughly as in Vietnam (HI dominates; voluntary SI ~2.5% of the labour force).
SCHEME_CUTS = [("household_hi", 0.40), ("hi_group", 0.80), ("compulsory_si", 0.92), ("unemployment", 0.97),
               ("voluntary_si", 1.0)]


def _timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _scheme_case() -> str:
    parts = " ".join(f"WHEN r < {cut} THEN '{name}'" for name, cut in SCHEME_CUTS)
    return f"CASE {parts} END"


def _generate(n: int) -> tuple[int, int]:
    """n enrollments over every pre-2025 commune, started 2020–2024 for 12 months (some open), and their deltas."""
    with connection.cursor() as cur:
        cur.execute("TRUNCATE enrollment_participationdelta, enrollment_recruitmentcount, "
                    "enrollment_participationlevel, enrollment_participationseries RESTART IDENTITY")
        cur.execute("TRUNCATE enrollment_enrollment RESTART IDENTITY CASCADE")
        cur.execute("SET session_replication_role = replica")  # bulk load: no FK triggers (person rows not generated)
        cur.execute("DROP TABLE IF EXISTS bench_communes")
        cur.execute("CREATE TEMP TABLE bench_communes AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, "
                    "province_code FROM geo_unit WHERE era = 'pre2025' AND level = 'commune'")
        cur.execute("SELECT count(*) FROM bench_communes")
        communes = cur.fetchone()[0]
        cur.execute(f"""
            INSERT INTO enrollment_enrollment (person_id, scheme, hi_group_code, enrolled_on, start_date, end_date,
                status, end_reason, payment_method, vsi_category, commune_id, province_code, is_new, source,
                created_at, changed_at)
            SELECT g, {_scheme_case()}, '', s, s, CASE WHEN g % 10 = 0 THEN NULL ELSE s + 364 END,
                   'active', '', '', '', c.id, c.province_code, true, 'bench', now(), now()
            FROM (SELECT g, random() AS r, DATE '2020-01-01' + (random() * 1826)::int AS s,
                         (hashint4(g) & 2147483647) % {communes} AS ci
                  FROM generate_series(1, {n}) AS g) x
            JOIN bench_communes c ON c.i = x.ci
        """)  # noqa: S608 - numbers only
        cur.execute("""
            INSERT INTO enrollment_participationdelta (key, unit_id, province_code, scheme, day, delta)
            SELECT unit_id || ':' || scheme || ':' || day, unit_id, province_code, scheme, day, sum(d)
            FROM (SELECT commune_id AS unit_id, province_code, scheme, start_date AS day, 1 AS d
                    FROM enrollment_enrollment
                  UNION ALL
                  SELECT commune_id, province_code, scheme, end_date + 1, -1
                    FROM enrollment_enrollment WHERE end_date IS NOT NULL) e
            GROUP BY unit_id, province_code, scheme, day
        """)
        cur.execute("SET session_replication_role = DEFAULT")
        rebuild_levels()  # month-end levels from the deltas, as `ansinh rebuild-rollups` does after a bulk load
        cur.execute("ANALYZE")  # fresh statistics for every table, as autovacuum keeps them in production
        cur.execute("SELECT count(*) FROM enrollment_participationdelta")
        return communes, cur.fetchone()[0]


NATION_BASELINE = 90_000_000
BASELINE_DAY = dt.date(2023, 12, 31)


def _baselines(admin) -> int:
    """A reported count on 31/12/2023 for every pre-2025 commune, province and the nation (3 indicators each)."""
    from ansinh.geo.models import Unit
    from ansinh.plans.models import ReportedFigure

    ReportedFigure.objects.all().delete()
    units = list(Unit.objects.filter(era__in=["pre2025", ""]).exclude(level="district").only("pk", "level"))
    value = {"nation": NATION_BASELINE, "province": 1_000_000, "commune": 1_000}
    rows = [ReportedFigure(unit=u, on=BASELINE_DAY, indicator=indicator, value=value[u.level], source="bench",
                           created_by=admin)
            for u in units for indicator in ("hi_participants", "household_hi", "voluntary_si")]
    ReportedFigure.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _baseline_sql(dates: list[dt.date]) -> str:
    counts = ", ".join(f"count(*) FILTER (WHERE start_date <= DATE '{d}' AND (end_date IS NULL OR end_date >= "
                       f"DATE '{d}'))" for d in dates)
    return (f"SELECT province_code, scheme, {counts} FROM enrollment_enrollment "  # noqa: S608 - dates only
            f"WHERE start_date <= DATE '{max(dates)}' GROUP BY province_code, scheme")


def run() -> list[str]:
    """Time both at each size; one line per size."""
    from ansinh.accounts.models import User
    from ansinh.geo.selectors import unit_get
    from ansinh.reports.indicators import coverage_report, same_day_last_year, trend_dates_for

    admin = User.objects.filter(username="bench-admin").first() or User.objects.create(
        username="bench-admin", role="admin", is_superuser=True, is_staff=True)
    nation = unit_get("VN")
    dates = sorted({ON, same_day_last_year(ON), dt.date(ON.year - 1, 12, 31), *trend_dates_for(ON)})
    lines = []
    for n in SIZES:
        started = time.perf_counter()
        communes, deltas = _generate(n)
        generated = time.perf_counter() - started
        report = coverage_report(user=admin, unit=nation, on=ON, source="records")
        mine = _timed(lambda: coverage_report(user=admin, unit=nation, on=ON, source="records"))

        def baseline():
            with connection.cursor() as cur:
                cur.execute(_baseline_sql(dates))
                return cur.fetchall()

        rows = baseline()
        base = _timed(baseline)
        hi_base = sum(r[2 + dates.index(ON)] for r in rows if r[1] in ("household_hi", "hi_group"))
        hi_mine = int(report.own.row("hi_participants").value)
        assert hi_mine == hi_base, (hi_mine, hi_base)
        lines.append(f"bench coverage_dashboard: enrollments={n} communes={communes} delta_rows={deltas} "
                     f"generate={generated:.1f}s ansinh={mine * 1000:.0f}ms sql_over_enrollments={base * 1000:.0f}ms "
                     f"hi_participants={hi_mine} ratio={base / mine:.2f}")
        figures = _baselines(admin)
        carried = coverage_report(user=admin, unit=nation, on=ON)
        moved = hi_mine - int(report.own.row("hi_participants").year_end)
        assert carried.own.row("hi_participants").value == NATION_BASELINE + moved
        with_baselines = _timed(lambda: coverage_report(user=admin, unit=nation, on=ON))
        lines.append(f"bench coverage_dashboard_baselines: enrollments={n} baselines={figures} "
                     f"ansinh={with_baselines * 1000:.0f}ms sql_over_enrollments={base * 1000:.0f}ms "
                     f"hi_participants={NATION_BASELINE}+{moved} ratio={base / with_baselines:.2f}")
    with connection.cursor() as cur:
        cur.execute("TRUNCATE plans_reportedfigure RESTART IDENTITY")
        cur.execute("TRUNCATE enrollment_participationdelta, enrollment_recruitmentcount RESTART IDENTITY")
        cur.execute("TRUNCATE enrollment_enrollment RESTART IDENTITY CASCADE")
    return lines
