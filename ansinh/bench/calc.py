"""Benchmark: quotes through `current_parameters()` (database rows, fingerprint check) vs the pure rules engine.

The baseline quotes with the shipped tables only (no database at all); ansinh quotes the way every
page, API call and enrollment does: read the officer-added rows' fingerprint (one query), reuse the
combined tables, quote. With 50 officer-added rows in the database, the ratio shows what the "no
restart after a new decree" guarantee costs per quote.
"""

import datetime as dt
import time
from decimal import Decimal


def _time(fn, n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        fn()
    return time.perf_counter() - started


def run() -> list[str]:
    """Time N household and voluntary-SI quotes both ways; print quotes per second and the ratio."""
    from django.db import transaction

    from ansinh.calc import quotes
    from ansinh.calc.models import ParameterRow
    from ansinh.rules import HouseholdHIInput, VoluntarySIInput, household_hi_quote, load_parameters, voluntary_si_quote

    lines = []
    with transaction.atomic():
        ParameterRow.objects.bulk_create([
            ParameterRow(name="vsi_investment_rate_monthly_pct", value=Decimal("0.3") + Decimal(i) / 1000,
                         valid_from=dt.date(2030 + i, 1, 1), legal_ref="bench", status="UNCONFIRMED")
            for i in range(50)])
        shipped = load_parameters()
        on = dt.date(2026, 3, 1)
        hh = HouseholdHIInput.of_size(on=on, count=4, months=12)
        vsi = VoluntarySIInput(on=on, income=3_000_000, category="near_poor", method="advance", months=60)
        for n in (1_000, 5_000):
            base = _time(lambda: (household_hi_quote(hh, shipped), voluntary_si_quote(vsi, shipped)), n)
            ours = _time(lambda: (quotes.household_hi(on=on, members=4, months=12),
                                  quotes.voluntary_si(on=on, income=3_000_000, category="near_poor",
                                                      method="advance", months=60)), n)
            lines.append(f"bench calc: {n} household+vsi quote pairs, current_parameters {n / ours:,.0f}/s, "
                         f"pure rules {n / base:,.0f}/s ratio={base / ours:.2f}")
        transaction.set_rollback(True)
    return lines
