"""Bench: the dashboard of a national campaign with 10,000 staff, at 100k and 1M recruits.

ansinh builds the whole dashboard (targets, % of target, by day, by province, by team and staff,
ranking) from the campaign's roll-up `RecruitCount` (campaign × commune × scheme × day × collector). The
baseline is a hand-written SQL aggregate over the campaign's recruits (its `Recruitment` links joined to
the enrollments) computing the same three breakdowns (by province, by day, by collector). Rows are
generated with bulk SQL, not services.

Recruits follow a field-drive pattern: every staff member goes out on three days of the month (the
launch day and two more) in their own commune, so the roll-up holds at most 10,000 × 3 × 2 rows
whatever the number of recruits; its cost stays flat while the baseline grows with the recruits.
"""

import datetime as dt
import json
import statistics
import time

from django.db import connection, transaction

SLUG = "bench-campaign-dashboard"
STAFF = 10_000
SIZES = (100_000, 1_000_000)
CHUNK = 250_000
START, END = dt.date(2022, 5, 8), dt.date(2022, 5, 31)
DAYS = ("2022-05-08", "2022-05-15", "2022-05-22")


def _literal(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    return "'" + str(value).replace("'", "''") + "'"


def _columns(model, values: dict[str, str]) -> tuple[str, str]:
    """Column list and SQL expressions for an INSERT … SELECT: the given values, else NULL, else the field's
    default (so a field another app adds later does not break the bench)."""
    names, exprs = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.column in values:
            expr = values[f.column]
        elif f.null:
            expr = "NULL"
        elif f.has_default():
            expr = _literal(f.default() if callable(f.default) else f.default)
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            expr = "now()"
        else:
            expr = "''" if f.get_internal_type() in ("CharField", "TextField", "SlugField") else "0"
        names.append(connection.ops.quote_name(f.column))
        exprs.append(expr)
    return ", ".join(names), ", ".join(exprs)


def _cleanup(cursor) -> None:
    from ansinh.campaigns.models import Campaign

    campaign = Campaign.objects.filter(slug=SLUG).first()
    if campaign is not None:
        cursor.execute("DELETE FROM campaigns_recruitcount WHERE campaign_id = %s", [campaign.pk])
        cursor.execute("CREATE TEMP TABLE bench_gone AS SELECT enrollment_id AS id FROM campaigns_recruitment "
                       "WHERE campaign_id = %s", [campaign.pk])
        cursor.execute("DELETE FROM campaigns_recruitment WHERE campaign_id = %s", [campaign.pk])
        cursor.execute("DELETE FROM enrollment_enrollment WHERE id IN (SELECT id FROM bench_gone)")
        cursor.execute("DROP TABLE bench_gone")
        campaign.delete()
    cursor.execute("DELETE FROM registry_person WHERE name_folded LIKE %s", ["bench campaign %"])
    cursor.execute("DELETE FROM network_staff WHERE code LIKE %s", ["BENCH-C-%"])


def _setup(cursor):
    from ansinh.campaigns.models import Campaign, Target
    from ansinh.geo.models import Unit
    from ansinh.network.models import Staff

    nation = Unit.objects.get(level="nation")
    campaign = Campaign.objects.create(slug=SLUG, name="Bench: tháng vận động toàn quốc", start_date=START,
                                       end_date=END, area=nation)
    Target.objects.create(campaign=campaign, holder="unit", unit=nation, scheme="voluntary_si", count=10_000)
    Target.objects.create(campaign=campaign, holder="unit", unit=nation, scheme="household_hi", count=20_000)
    cols, exprs = _columns(Staff, {
        "code": "'BENCH-C-' || lpad(c.n::text, 5, '0')", "full_name": "'Cán bộ ' || c.n", "organisation": "'post'",
        "unit_id": "c.id", "province_code": "c.province_code"})
    cursor.execute(
        f"INSERT INTO network_staff ({cols}) SELECT {exprs} FROM ("  # noqa: S608 - built from the model
        "  SELECT g.n, u.id, u.province_code FROM generate_series(0, %s) g(n)"
        "  JOIN (SELECT id, province_code, row_number() OVER (ORDER BY code) - 1 AS k FROM geo_unit"
        "        WHERE era = 'pre2025' AND level = 'commune') u"
        "  ON u.k = mod(g.n, (SELECT count(*) FROM geo_unit WHERE era = 'pre2025' AND level = 'commune'))) c",
        [STAFF - 1])
    cursor.execute("DROP TABLE IF EXISTS bench_staff")
    cursor.execute("CREATE TEMP TABLE bench_staff AS SELECT substr(code, 9)::int AS j, id, unit_id AS commune_id, "
                   "province_code FROM network_staff WHERE code LIKE %s", ["BENCH-C-%"])
    cursor.execute("CREATE INDEX ON bench_staff (j)")
    return campaign


def _add_recruits(cursor, campaign, first: int, last: int) -> None:
    from ansinh.campaigns.models import Recruitment
    from ansinh.enrollment.models import Enrollment
    from ansinh.registry.models import Person

    person_cols, person_exprs = _columns(Person, {
        "full_name": "'Người thử ' || g.i", "name_folded": "'bench campaign ' || g.i", "date_of_birth": "'1980-01-01'",
        "sex": "'M'", "ethnicity": "'Kinh'", "phone": "''", "commune_id": "s.commune_id",
        "province_code": "s.province_code", "address": "''", "relation": "''", "created_at": "now()"})
    number = "split_part(p.name_folded, ' ', 3)::int"
    day = f"(ARRAY['{DAYS[0]}', '{DAYS[1]}', '{DAYS[2]}'])[mod({number} / {STAFF}, 3) + 1]"
    scheme = f"CASE WHEN mod({number} / {STAFF * 3}, 2) = 0 THEN 'voluntary_si' ELSE 'household_hi' END"
    enrollment_cols, enrollment_exprs = _columns(Enrollment, {
        "person_id": "p.id", "scheme": scheme, "hi_group_code": "''", "enrolled_on": f"{day}::date",
        "start_date": "'2022-05-01'", "end_date": "'2022-12-31'", "status": "'active'", "end_reason": "''",
        "payment_method": "''", "vsi_category": "''", "collector_id": "s.id",
        "commune_id": "p.commune_id", "province_code": "p.province_code", "is_new": "TRUE", "source": "'bench'",
        "created_at": "now()"})
    link_cols, link_exprs = _columns(Recruitment, {
        "campaign_id": str(campaign.pk), "enrollment_id": "e.id", "collector_id": "e.collector_id",
        "unit_id": "e.commune_id", "province_code": "e.province_code", "scheme": "e.scheme", "day": "e.enrolled_on",
        "created_at": "now()"})
    for start in range(first, last, CHUNK):
        stop = min(start + CHUNK, last) - 1
        cursor.execute(
            f"WITH p AS (INSERT INTO registry_person ({person_cols}) SELECT {person_exprs} "  # noqa: S608
            f"  FROM generate_series(%s, %s) g(i) JOIN bench_staff s ON s.j = mod(g.i, {STAFF}) "
            "  RETURNING id, name_folded, commune_id, province_code), "
            f"e AS (INSERT INTO enrollment_enrollment ({enrollment_cols}) SELECT {enrollment_exprs} FROM p "
            f"  JOIN bench_staff s ON s.j = mod({number}, {STAFF}) "
            "  RETURNING id, collector_id, commune_id, province_code, scheme, enrolled_on) "
            f"INSERT INTO campaigns_recruitment ({link_cols}) SELECT {link_exprs} FROM e",
            [start, stop])


def _rebuild_rollup(cursor, campaign) -> int:
    from ansinh.campaigns.models import RecruitCount

    cols, exprs = _columns(RecruitCount, {
        "key": "concat_ws(':', r.campaign_id, r.unit_id, r.scheme, r.day, coalesce(r.collector_id::text, ''))",
        "campaign_id": "r.campaign_id", "unit_id": "r.unit_id", "province_code": "min(r.province_code)",
        "scheme": "r.scheme", "day": "r.day", "collector_id": "r.collector_id", "count": "count(*)"})
    cursor.execute("DELETE FROM campaigns_recruitcount WHERE campaign_id = %s", [campaign.pk])
    cursor.execute(
        f"INSERT INTO campaigns_recruitcount ({cols}) SELECT {exprs} FROM campaigns_recruitment r "  # noqa: S608
        "JOIN enrollment_enrollment e ON e.id = r.enrollment_id WHERE r.campaign_id = %s AND e.is_new "
        "GROUP BY r.campaign_id, r.unit_id, r.scheme, r.day, r.collector_id", [campaign.pk])
    for table in ("campaigns_recruitcount", "campaigns_recruitment", "enrollment_enrollment"):
        cursor.execute(f"ANALYZE {table}")
    cursor.execute("SELECT count(*) FROM campaigns_recruitcount WHERE campaign_id = %s", [campaign.pk])
    return cursor.fetchone()[0]


_RECRUITS = ("FROM campaigns_recruitment r JOIN enrollment_enrollment e ON e.id = r.enrollment_id "
             "WHERE r.campaign_id = %s AND e.is_new AND r.day BETWEEN %s AND %s")
BASELINE = [
    f"SELECT r.province_code, r.scheme, count(*) {_RECRUITS} GROUP BY r.province_code, r.scheme",
    f"SELECT r.day, r.scheme, count(*) {_RECRUITS} GROUP BY r.day, r.scheme",
    f"SELECT r.collector_id, r.scheme, count(*) {_RECRUITS} GROUP BY r.collector_id, r.scheme",
]


def _median(call, repeat: int = 3) -> float:
    call()  # warm the caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run() -> list[str]:
    """Time the dashboard against the SQL baseline at each size; returns the bench lines."""
    from ansinh.campaigns.progress import campaign_progress

    lines = []
    with connection.cursor() as cursor:
        _cleanup(cursor)
        with transaction.atomic():
            campaign = _setup(cursor)
        done = 0
        try:
            for size in SIZES:
                with transaction.atomic():
                    _add_recruits(cursor, campaign, done, size)
                    done = size
                    rollup_rows = _rebuild_rollup(cursor, campaign)
                progress = None

                def dashboard():
                    nonlocal progress
                    progress = campaign_progress(campaign)

                def baseline():
                    for sql in BASELINE:
                        cursor.execute(sql, [campaign.pk, START, END])
                        cursor.fetchall()

                ansinh = _median(dashboard)
                base = _median(baseline)
                achieved = progress.summary["all"]["achieved"]
                assert achieved == size, (achieved, size)
                lines.append(f"bench campaign_dashboard: recruits={size:,} staff={STAFF:,} provinces="
                             f"{len(progress.units)} rollup_rows={rollup_rows:,} ansinh={ansinh * 1000:.0f}ms "
                             f"baseline_sql={base * 1000:.0f}ms ratio={base / ansinh:.2f}")
        finally:
            _cleanup(cursor)
    return lines
