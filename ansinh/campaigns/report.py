"""A campaign's report as plain data: the same figures for `ansinh report campaign SLUG --json`, the API,
the one-page PDF and the Excel workbook (percentages half-up to 2 places; 132.14 in JSON, 132,14% on paper)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ansinh.campaigns import selectors
from ansinh.campaigns.choices import SCHEME_SHORT
from ansinh.campaigns.models import Campaign
from ansinh.campaigns.progress import ALL, SCHEMES, Progress, campaign_progress, ranking


def _num(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _fig(f: dict) -> dict:
    return {"target": f["target"], "achieved": f["achieved"], "percent": _num(f["percent"]),
            "remaining": f["remaining"]}


def _by_scheme(row: dict) -> dict:
    return {s: _fig(row[s]) for s in (*SCHEMES, ALL)}


def _ret(block: dict) -> dict:
    return {k: {"recruited": v["recruited"], "kept": v["kept"], "lost": v["lost"], "percent": _num(v["percent"])}
            for k, v in block.items()}


def campaign_summary(campaign: Campaign) -> dict:
    """The campaign's description."""
    return {"slug": campaign.slug, "name": campaign.name, "theme": campaign.theme,
            "area": {"code": campaign.area.code, "name": campaign.area.name, "era": campaign.era,
                     "level": campaign.area.level},
            "start_date": campaign.start_date.isoformat(), "end_date": campaign.end_date.isoformat(),
            "organisers": campaign.organisers, "joint_plan": campaign.joint_plan,
            "target_groups": campaign.target_groups,
            "retention_date": campaign.retention_date.isoformat() if campaign.retention_date else None,
            "status": campaign.phase(timezone.localdate()),
            "closed_at": campaign.closed_at.isoformat() if campaign.closed_at else None}


def campaign_report(campaign: Campaign, *, user=None, on: dt.date | None = None,
                    retention_on: dt.date | None = None) -> dict:
    """Every figure of the campaign's report, as JSON-ready data (up to `on`, default its last day).

    With a user, the figures are those of the user's part of the campaign.
    """
    roots = selectors.view_roots(user, campaign) if user is not None else [campaign.area]
    progress = campaign_progress(campaign, roots=roots, until=on)
    retention_on = retention_on or selectors.default_retention_date(campaign)
    return report_from_progress(progress, retention=selectors.retention(campaign, on=retention_on, roots=roots),
                                activities=_activities(campaign, roots))


def _activities(campaign: Campaign, roots) -> list:
    from ansinh.campaigns.models import Activity
    from ansinh.core.scoping import scope_q

    prefixes = [r.path for r in roots]
    return list(Activity.objects.filter(campaign=campaign).filter(scope_q("unit__path", prefixes))
                .select_related("unit", "team").order_by("day", "id"))


def progress_json(progress: Progress) -> dict:
    """A Progress as JSON-ready data: summary, targets, sources, days, units, teams, staff, points, ranking; and the
    results one row per unit × scheme (total = by_staff + unattributed) and per staff member × scheme."""
    targets = []
    order = {s: i for i, s in enumerate(SCHEMES)}
    for t in sorted(progress.targets.rows, key=lambda t: (t.unit.path, order.get(t.scheme, 9))):
        if t.holder != "unit" or not any(t.unit.path.startswith(r.path) for r in progress.roots):
            continue
        targets.append({"unit": t.unit.code, "unit_name": t.unit.name, "scheme": t.scheme,
                        **_fig(_figures(t.count, _achieved_under(progress, t.unit, t.scheme))),
                        "revenue_target": t.revenue, "basis": t.basis})
    return {
        "as_of": progress.until.isoformat(),
        "view": [r.code for r in progress.roots],
        "summary": {s: {**_fig(progress.summary[s]), "label": SCHEME_SHORT.get(s, "Tổng")} for s in (*SCHEMES, ALL)},
        "targets": targets,
        "sources": progress.sources,
        "daily": [{"day": d["day"].isoformat(), **{s: {"count": d[s]["count"], "achieved": d[s]["achieved"],
                                                        "percent": _num(d[s]["percent"])} for s in SCHEMES}}
                  for d in progress.daily],
        "units": [{"unit": r["code"], "name": r["name"], **_by_scheme(r)} for r in progress.units],
        "teams": [{"team": r["code"], "name": r["name"], "unit": r["unit"], "members": r["members"],
                   **_by_scheme(r)} for r in progress.teams],
        "staff": [{"staff": r["code"], "name": r["name"], "team": r["team"], "unit": r["unit"], **_by_scheme(r)}
                  for r in progress.staff],
        "points": [{"point": r["code"], "name": r["name"], "unit": r["unit"], **_by_scheme(r)}
                   for r in progress.points],
        "ranking": {"units": ranked_json(progress.units, "unit"), "teams": ranked_json(progress.teams, "team"),
                    "staff": ranked_json(progress.staff, "staff")},
        "results_by_unit": [{"unit": r["code"], "scheme": s, "total": r[s]["achieved"], "by_staff": r[s]["by_staff"],
                             "unattributed": r[s]["unattributed"]} for r in progress.units for s in SCHEMES],
        "results_by_staff": [{"staff": r["code"], "team": r["team_code"] or None, "scheme": s,
                              "result": r[s]["achieved"], "target": r[s]["target"]}
                             for r in progress.staff for s in SCHEMES],
    }


def retention_json(retention: dict) -> dict:
    """A retention block as JSON-ready data."""
    def rows(items, key):
        return [{key: r["code"], "name": r["name"], **_ret({k: r[k] for k in (*SCHEMES, ALL)})} for r in items]

    return {"on": retention["on"].isoformat(), "summary": _ret(retention["summary"]),
            "units": rows(retention["units"], "unit"), "teams": rows(retention["teams"], "team"),
            "collectors": rows(retention["collectors"], "staff")}


def report_from_progress(progress: Progress, *, retention: dict, activities: list) -> dict:
    """Shape a Progress, a retention block and activities into the report."""
    from ansinh.campaigns.selectors import activity_summary

    return {
        "campaign": campaign_summary(progress.campaign),
        **progress_json(progress),
        "retention": retention_json(retention),
        "activities": {"by_kind": activity_summary(activities),
                       "items": [{"day": a.day.isoformat(), "kind": a.kind, "label": a.get_kind_display(),
                                  "unit": a.unit.code, "unit_name": a.unit.name,
                                  "team": a.team.code if a.team else None,
                                  "quantity": a.quantity, "participants": a.participants, "place": a.place,
                                  "note": a.note} for a in activities]},
    }


def ranked_json(rows: list[dict], key: str, scheme: str = ALL) -> list[dict]:
    """Rows ranked by `scheme` (default both), as JSON-ready data."""
    return [{"rank": r["rank"], key: r["code"], "name": r["name"], **_fig(r[scheme])} for r in ranking(rows, scheme)]


def _figures(target, achieved):
    from ansinh.campaigns.progress import figures

    return figures(target, achieved)


def _achieved_under(progress: Progress, unit, scheme: str) -> int:
    """Achieved in a unit's subtree (from the progress's tally: no further query)."""
    return progress.tally.under(unit.path, scheme)


def campaign_list_report(campaigns) -> list[dict]:
    """The campaigns and their slugs (for `ansinh report campaign --list`)."""
    today = timezone.localdate()
    return [{"slug": c.slug, "name": c.name, "area": c.area.code, "area_name": c.area.name,
             "start_date": c.start_date.isoformat(), "end_date": c.end_date.isoformat(),
             "status": c.phase(today)} for c in campaigns]
