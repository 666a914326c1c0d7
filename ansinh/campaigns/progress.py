"""A campaign's progress: target, achieved, % of target, still needed — whole campaign, units, teams, staff, days.

One definition of a result (docs/campaigns.md): a result is recorded for a campaign × day × scheme × unit and
optionally a staff member; it is the recruits enrolled in ansinh for the campaign (read from the roll-up
`RecruitCount`, never from the enrollments) + the figures reported for people enrolled elsewhere + the
corrections, each of which replaces the figure it corrected (it is stored as the difference). A unit's total =
Σ its staff's results + its results without a staff member; a team's = Σ its members'; a province's = Σ its
units'. Only days inside the campaign's dates and units inside its area count. The cost is O(roll-up rows
of the campaign) = O(units × days × collectors), whatever the number of recruits.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum

from ansinh.campaigns.choices import CAMPAIGN_SCHEMES, SCHEME_SHORT, TargetHolder
from ansinh.campaigns.models import Campaign, Correction, RecruitCount, ReportedResult, Target, Team, TeamMember
from ansinh.core.scoping import scope_q
from ansinh.geo.models import Unit
from ansinh.rules.indicators import percent

SCHEMES = [s.value for s in CAMPAIGN_SCHEMES]
ALL = "all"
RECORDED, REPORTED, CORRECTED = "recorded", "reported", "corrected"


def figures(target: int | None, achieved: int) -> dict:
    """{target, achieved, percent (half-up, 2 places; None without a target), remaining (≥ 0)}."""
    return {"target": target, "achieved": achieved, "percent": percent(achieved, target) if target else None,
            "remaining": max(target - achieved, 0) if target is not None else None}


def area_prefix(campaign: Campaign) -> str:
    """Path prefix of the units that count for a campaign (a national campaign: the units of its era)."""
    return campaign.area.path or f"{campaign.era}/"


@dataclass
class Tally:
    """Achieved counts of a campaign, grouped by unit path, day, staff member and source."""

    by_path: Counter = field(default_factory=Counter)  # (unit path, scheme) -> n
    by_path_staff: Counter = field(default_factory=Counter)  # (unit path, scheme) -> n of it by a staff member
    by_day: Counter = field(default_factory=Counter)  # (day, scheme) -> n
    by_staff: Counter = field(default_factory=Counter)  # (staff id, scheme) -> n
    by_source: Counter = field(default_factory=Counter)  # (source, scheme) -> n
    staff_info: dict = field(default_factory=dict)  # staff id -> {code, name, organisation, unit}

    def total(self, scheme: str) -> int:
        """Achieved for a scheme over the whole view."""
        return sum(n for (_, s), n in self.by_source.items() if s == scheme)

    def under(self, path: str, scheme: str, *, by_staff: bool = False) -> int:
        """Achieved in a unit's subtree (with `by_staff`: the part of it by staff members)."""
        counts = self.by_path_staff if by_staff else self.by_path
        return sum(n for (p, s), n in counts.items() if s == scheme and p.startswith(path))

    def rollup(self, units: list[Unit], *, by_staff: bool = False) -> Counter:
        """(unit id, scheme) -> achieved for each of `units` (disjoint subtrees), in one pass (with `by_staff`: the
        part by staff members)."""
        by_prefix = {u.path: u.pk for u in units}
        out: Counter = Counter()
        for (path, scheme), n in (self.by_path_staff if by_staff else self.by_path).items():
            parts = path.split("/")
            for i in range(1, len(parts)):
                pk = by_prefix.get("/".join(parts[:i]) + "/")
                if pk is not None:
                    out[(pk, scheme)] += n
                    break
        return out


def staff_info(ids) -> dict[int, dict]:
    """Code, name, organisation and unit of staff members, by id (`ids`: a subquery, or a short list)."""
    from ansinh.network.models import Staff

    rows = Staff.objects.filter(pk__in=ids).values_list("pk", "code", "full_name", "organisation", "unit__name")
    return {pk: {"code": code, "name": name, "organisation": organisation, "unit": unit}
            for pk, code, name, organisation, unit in rows}


def campaign_tally(campaign: Campaign, *, roots: list[Unit] | None = None, until: dt.date | None = None) -> Tally:
    """Everything achieved in the campaign up to `until` (default: its end), in the roots' subtrees (None = all)."""
    last = min(campaign.end_date, until) if until else campaign.end_date
    prefixes = [r.path or area_prefix(campaign) for r in roots] if roots else [area_prefix(campaign)]
    tally = Tally()
    if last < campaign.start_date:
        return tally
    recorded = RecruitCount.objects.filter(campaign=campaign, day__gte=campaign.start_date, day__lte=last,
                                               scheme__in=SCHEMES)
    # Group by commune id first (no join), then keep the communes inside the view: the later groupings
    # then filter by id, usually not at all (a whole campaign's rows are all inside its area).
    by_unit = list(recorded.values("unit_id", "scheme", "collector_id").annotate(n=Sum("count")).order_by())
    paths = dict(Unit.objects.filter(pk__in=recorded.values("unit_id")).values_list("pk", "path"))
    inside = {pk for pk, path in paths.items() if any(path.startswith(p) for p in prefixes)}
    outside = set(paths) - inside
    if outside:
        recorded = (recorded.filter(unit_id__in=sorted(inside)) if len(inside) <= len(outside)
                    else recorded.exclude(unit_id__in=sorted(outside)))
    for row in by_unit:
        if row["unit_id"] in inside:
            _count(tally, RECORDED, paths[row["unit_id"]], row["scheme"], row["n"], row["collector_id"])
    if not inside:
        return _add_reported(tally, campaign, prefixes, last)
    for row in recorded.values("day", "scheme").annotate(n=Sum("count")).order_by():
        tally.by_day[(row["day"], row["scheme"])] += row["n"]
    tally.staff_info.update(staff_info(recorded.filter(collector__isnull=False).values("collector_id")))
    return _add_reported(tally, campaign, prefixes, last)


def _count(tally: Tally, source: str, path: str, scheme: str, n: int, staff_id: int | None) -> None:
    tally.by_path[(path, scheme)] += n
    tally.by_source[(source, scheme)] += n
    if staff_id:
        tally.by_staff[(staff_id, scheme)] += n
        tally.by_path_staff[(path, scheme)] += n


def _add_reported(tally: Tally, campaign: Campaign, prefixes: list[str], last: dt.date) -> Tally:
    """Add the reported figures and the corrections of the view to a tally."""
    where = Q(campaign=campaign, day__gte=campaign.start_date, day__lte=last) & scope_q("unit__path", prefixes)
    extra = [(REPORTED, ReportedResult.objects.filter(where).values("unit__path", "day", "scheme", "staff_id",
                                                                    "count")),
             (CORRECTED, Correction.objects.filter(where).values("unit__path", "day", "scheme", "staff_id")
              .annotate(count=Sum("delta")).order_by())]
    named = set()
    for source, qs in extra:
        for row in qs:
            _count(tally, source, row["unit__path"], row["scheme"], row["count"], row["staff_id"])
            tally.by_day[(row["day"], row["scheme"])] += row["count"]
            named.add(row["staff_id"])
    named -= set(tally.staff_info) | {None}
    if named:
        tally.staff_info.update(staff_info(sorted(named)))
    return tally


class Targets:
    """A campaign's targets, with the rule for a unit: its own target, else the sum of its nearest targeted units."""

    def __init__(self, campaign: Campaign, units_only: bool = False):
        self.unit: dict[str, dict[str, int]] = {s: {} for s in SCHEMES}
        self.revenue: dict[str, dict[str, int]] = {s: {} for s in SCHEMES}
        self.staff: dict[tuple[int, str], int] = {}
        self.team: dict[tuple[int, str], int] = {}
        self.point: dict[tuple[int, str], int] = {}
        self.staff_quota: dict[str, dict[str, int]] = {s: {} for s in SCHEMES}  # scheme -> {unit path: Σ quotas}
        self.rows: list[Target] = []
        rows = Target.objects.filter(campaign=campaign)
        if units_only:
            rows = rows.filter(holder=TargetHolder.UNIT)
            for row in (Target.objects.filter(campaign=campaign, holder=TargetHolder.STAFF)
                        .values("unit__path", "scheme").annotate(n=Sum("count")).order_by()):
                self.staff_quota.setdefault(row["scheme"], {})[row["unit__path"]] = row["n"]
        for t in rows.select_related("unit", "staff", "team", "collection_point").order_by("holder", "unit__path"):
            self.rows.append(t)
            if t.holder == TargetHolder.UNIT:
                self.unit[t.scheme][t.unit.path] = t.count
                if t.revenue is not None:
                    self.revenue[t.scheme][t.unit.path] = t.revenue
            elif t.holder == TargetHolder.STAFF:
                self.staff[(t.staff_id, t.scheme)] = t.count
                quotas = self.staff_quota.setdefault(t.scheme, {})
                quotas[t.unit.path] = quotas.get(t.unit.path, 0) + t.count
            elif t.holder == TargetHolder.TEAM:
                self.team[(t.team_id, t.scheme)] = t.count
            else:
                self.point[(t.collection_point_id, t.scheme)] = t.count
        self._memo: dict = {}

    def for_unit(self, path: str, scheme: str) -> int | None:
        """The unit's own target, or else the sum of the targets of its nearest targeted descendants and of the
        quotas of the staff working in it outside those (None: none) — per-staff quotas roll up."""
        key = (path, scheme)
        if key not in self._memo:
            self._memo[key] = self._compute(path, scheme)
        return self._memo[key]

    def _compute(self, path: str, scheme: str) -> int | None:
        table = self.unit[scheme]
        if path in table:
            return table[path]
        found = [n for p, n in table.items() if p.startswith(path) and not self._covered(path, p, table)]
        found += [n for p, n in self.staff_quota.get(scheme, {}).items()
                  if p.startswith(path) and p not in table and not self._covered(path, p, table)]
        return sum(found) if found else None

    @staticmethod
    def _covered(top: str, path: str, table: dict) -> bool:
        """Whether a unit strictly between `top` and `path` has its own target (then `path` is inside it)."""
        acc = top
        for seg in path[len(top):].strip("/").split("/")[:-1]:
            acc += seg + "/"
            if acc in table:
                return True
        return False

    def for_team(self, team_id: int, member_ids: list[int], scheme: str) -> int | None:
        """The team's own target, else the sum of its members' targets (None: neither)."""
        if (team_id, scheme) in self.team:
            return self.team[(team_id, scheme)]
        own = [self.staff[(m, scheme)] for m in member_ids if (m, scheme) in self.staff]
        return sum(own) if own else None


def combined(per_scheme: dict) -> dict:
    """The figures of all schemes together, where a surplus in one scheme never hides a shortfall in another:
    % = Σ min(achieved, target) ÷ Σ target, still needed = Σ of each scheme's still needed; achieved is the
    plain sum. 0 of 1 voluntary SI and 3 of 2 household HI: 66,67 %, still 1 needed — not 100 %."""
    known = [f for f in per_scheme.values() if f["target"] is not None]
    achieved = sum(f["achieved"] for f in (known or per_scheme.values()))
    if not known:
        return figures(None, achieved)
    target = sum(f["target"] for f in known)
    met = sum(min(f["achieved"], f["target"]) for f in known)
    return {"target": target, "achieved": achieved, "percent": percent(met, target) if target else None,
            "remaining": sum(f["remaining"] for f in known)}


def _scheme_figures(targets_by_scheme: dict, achieved_by_scheme: dict) -> dict:
    out = {s: figures(targets_by_scheme.get(s), achieved_by_scheme.get(s, 0)) for s in SCHEMES}
    out[ALL] = combined(out)
    return out


@dataclass
class Progress:
    """What a dashboard shows: summary, days, units, teams, staff (each with figures per scheme and in all)."""

    campaign: Campaign
    roots: list[Unit]
    until: dt.date
    summary: dict
    daily: list[dict]
    units: list[dict]
    teams: list[dict]
    staff: list[dict]
    points: list[dict]
    sources: dict
    targets: Targets
    tally: Tally

    @property
    def full_view(self) -> bool:
        """Whether the view covers the whole campaign area."""
        return len(self.roots) == 1 and self.roots[0].pk == self.campaign.area_id


def _children(campaign: Campaign, roots: list[Unit]) -> list[Unit]:
    if len(roots) != 1:
        return roots
    qs = Unit.objects.filter(parent=roots[0]).order_by("code")
    if roots[0].level == "nation":
        qs = qs.filter(era=campaign.era)
    return list(qs)


def campaign_progress(campaign: Campaign, *, roots: list[Unit] | None = None, until: dt.date | None = None,
                      with_staff: bool = True) -> Progress:
    """The campaign seen from `roots` (default: its area) on `until` (default: its last day)."""
    roots = roots or [campaign.area]
    last = min(campaign.end_date, until) if until else campaign.end_date
    tally = campaign_tally(campaign, roots=None if roots == [campaign.area] else roots, until=last)
    targets = Targets(campaign)
    summary = _scheme_figures(
        {s: _sum_or_none(targets.for_unit(r.path, s) for r in roots) for s in SCHEMES},
        {s: tally.total(s) for s in SCHEMES})
    for s in SCHEMES:
        summary[s]["label"], summary[s]["scheme"] = SCHEME_SHORT[s], s
        summary[s]["revenue_target"] = _sum_or_none(targets.revenue[s].get(r.path) for r in roots)
    daily = _daily(campaign, tally, summary, last)
    units = _unit_rows(campaign, roots, tally, targets)
    root_paths = [r.path for r in roots]
    teams, member_of = _team_rows(campaign, root_paths, tally, targets)
    staff = _staff_rows(campaign, root_paths, tally, targets, member_of) if with_staff else []
    points = _point_rows(campaign, root_paths, tally, targets)
    sources = {src: {s: tally.by_source.get((src, s), 0) for s in SCHEMES} for src in (RECORDED, REPORTED, CORRECTED)}
    return Progress(campaign=campaign, roots=roots, until=last, summary=summary, daily=daily, units=units,
                    teams=teams, staff=staff, points=points, sources=sources, targets=targets,
                    tally=tally)


def _sum_or_none(values) -> int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _daily(campaign: Campaign, tally: Tally, summary: dict, last: dt.date) -> list[dict]:
    rows, running = [], Counter()
    for day in campaign.days:
        if day > last:
            break
        row = {"day": day}
        for s in SCHEMES:
            running[s] += tally.by_day.get((day, s), 0)
            row[s] = {"count": tally.by_day.get((day, s), 0), **figures(summary[s]["target"], running[s])}
        rows.append(row)
    return rows


def _unit_rows(campaign: Campaign, roots: list[Unit], tally: Tally, targets: Targets) -> list[dict]:
    children = _children(campaign, roots)
    achieved, by_staff = tally.rollup(children), tally.rollup(children, by_staff=True)
    rows = []
    for unit in children:
        row = {"unit": unit, "code": unit.code, "name": unit.name, "latitude": unit.latitude,
               "longitude": unit.longitude}
        row.update(_scheme_figures({s: targets.for_unit(unit.path, s) for s in SCHEMES},
                                   {s: achieved.get((unit.pk, s), 0) for s in SCHEMES}))
        for s in SCHEMES:
            row[s]["by_staff"] = by_staff.get((unit.pk, s), 0)
            row[s]["unattributed"] = row[s]["achieved"] - row[s]["by_staff"]
        rows.append(row)
    if len(roots) == 1 and children != roots:
        rows.extend(_own_row(roots[0], tally, targets))
    return rows


def _own_row(root: Unit, tally: Tally, targets: Targets) -> list[dict]:
    """The results recorded for the viewed unit itself (a province office's staff, a province-wide figure) and the
    quotas of the staff working there, as one more row, so that the rows add up to the whole; none without."""
    own = {s: tally.by_path.get((root.path, s), 0) for s in SCHEMES}
    quotas = {s: targets.staff_quota.get(s, {}).get(root.path) for s in SCHEMES}
    if not any(own.values()) and all(q is None for q in quotas.values()):
        return []
    row = {"unit": root, "code": root.code, "name": f"{root.name} (trực tiếp)", "latitude": None, "longitude": None}
    row.update(_scheme_figures(quotas, own))
    for s in SCHEMES:
        row[s]["by_staff"] = tally.by_path_staff.get((root.path, s), 0)
        row[s]["unattributed"] = own[s] - row[s]["by_staff"]
    return [row]


def _in_roots(path: str, root_paths: list[str]) -> bool:
    return any(path.startswith(p) for p in root_paths)


def _team_rows(campaign: Campaign, root_paths: list[str], tally: Tally, targets: Targets):
    members: dict[int, list[int]] = defaultdict(list)
    member_of: dict[int, Team] = {}
    teams = [t for t in Team.objects.filter(campaign=campaign).select_related("unit", "leader").order_by("code")
             if _in_roots(t.unit.path, root_paths)]
    by_id = {t.pk: t for t in teams}
    for team_id, staff_id in TeamMember.objects.filter(campaign=campaign).values_list("team_id", "staff_id"):
        if team_id in by_id:
            members[team_id].append(staff_id)
            member_of[staff_id] = by_id[team_id]
    rows = []
    for team in teams:
        ids = members[team.pk]
        row = {"team": team, "code": team.code, "name": team.name, "unit": team.unit.name, "members": len(ids)}
        row.update(_scheme_figures({s: targets.for_team(team.pk, ids, s) for s in SCHEMES},
                                   {s: sum(tally.by_staff.get((m, s), 0) for m in ids) for s in SCHEMES}))
        rows.append(row)
    return rows, member_of


def _staff_rows(campaign: Campaign, root_paths: list[str], tally: Tally, targets: Targets,
                member_of: dict) -> list[dict]:
    from ansinh.network.models import Staff

    info = dict(tally.staff_info)
    wanted = {sid for sid, _ in targets.staff} | set(member_of)
    missing = wanted - set(info)
    if missing:
        for st in Staff.objects.filter(pk__in=list(missing)).select_related("unit"):
            if _in_roots(st.unit.path, root_paths) or st.pk in member_of:  # a team's members, wherever they work
                info[st.pk] = {"code": st.code, "name": st.full_name, "organisation": st.organisation,
                               "unit": st.unit.name}
    ids = {sid for sid, _ in tally.by_staff} | set(info)
    rows = []
    for sid in ids:
        if sid not in info:
            continue  # a correction naming a staff member outside the view
        team = member_of.get(sid)
        row = {"staff_id": sid, **info[sid], "team": team.name if team else "", "team_code": team.code if team else ""}
        row.update(_scheme_figures({s: targets.staff.get((sid, s)) for s in SCHEMES},
                                   {s: tally.by_staff.get((sid, s), 0) for s in SCHEMES}))
        rows.append(row)
    rows.sort(key=lambda r: r["code"])
    return rows


def _point_rows(campaign: Campaign, root_paths: list[str], tally: Tally, targets: Targets) -> list[dict]:
    if not targets.point:
        return []
    from ansinh.network.models import CollectionPoint, Staff

    point_ids = {pid for pid, _ in targets.point}
    staff_point = dict(Staff.objects.filter(collection_point_id__in=point_ids).values_list("pk", "collection_point_id"))
    achieved: Counter = Counter()
    for (sid, s), n in tally.by_staff.items():
        if sid in staff_point:
            achieved[(staff_point[sid], s)] += n
    rows = []
    for point in CollectionPoint.objects.filter(pk__in=point_ids).select_related("unit").order_by("code"):
        if not _in_roots(point.unit.path, root_paths):
            continue
        row = {"point": point, "code": point.code, "name": point.name, "unit": point.unit.name}
        row.update(_scheme_figures({s: targets.point.get((point.pk, s)) for s in SCHEMES},
                                   {s: achieved.get((point.pk, s), 0) for s in SCHEMES}))
        rows.append(row)
    return rows


def ranking(rows: list[dict], scheme: str = ALL, *, lowest_first: bool = False) -> list[dict]:
    """Rows ranked for the emulation movement: % of target (desc), then achieved; ties share a rank (1, 2, 2, 4).

    Rows without a target come after, by achieved. With `lowest_first` the same ranks are listed from the
    bottom (the units, teams or staff to help first); rows without a target still come last.
    """
    def key(row):
        f = row[scheme]
        return (f["percent"] is None, -(f["percent"] or Decimal(0)), -f["achieved"])

    ordered = sorted(rows, key=lambda r: (*key(r), str(r.get("code", ""))))
    ranked, previous, rank = [], None, 0
    for i, row in enumerate(ordered, start=1):
        k = key(row)
        if k != previous:
            rank, previous = i, k
        ranked.append({**row, "rank": rank})
    if lowest_first:
        with_target = [r for r in ranked if r[scheme]["percent"] is not None]
        ranked = with_target[::-1] + [r for r in ranked if r[scheme]["percent"] is None]
    return ranked


def campaign_totals(campaign: Campaign, *, roots: list[Unit] | None = None, until: dt.date | None = None) -> dict:
    """Target, achieved, % and still needed per scheme, and achieved by source — a handful of queries (lists)."""
    roots = roots or [campaign.area]
    last = min(campaign.end_date, until) if until else campaign.end_date
    prefixes = [r.path or area_prefix(campaign) for r in roots]
    where = Q(campaign=campaign, day__gte=campaign.start_date, day__lte=last) & scope_q("unit__path", prefixes)
    sources = {src: {s: 0 for s in SCHEMES} for src in (RECORDED, REPORTED, CORRECTED)}
    queries = ((RECORDED, RecruitCount.objects.filter(where, scheme__in=SCHEMES), "count"),
               (REPORTED, ReportedResult.objects.filter(where), "count"),
               (CORRECTED, Correction.objects.filter(where), "delta"))
    for source, qs, column in queries:
        for row in qs.values("scheme").annotate(n=Sum(column)).order_by():
            sources[source][row["scheme"]] += row["n"] or 0
    targets = Targets(campaign, units_only=True)
    summary = _scheme_figures({s: _sum_or_none(targets.for_unit(r.path, s) for r in roots) for s in SCHEMES},
                              {s: sum(sources[src][s] for src in sources) for s in SCHEMES})
    return {"summary": summary, "sources": sources}


def staff_progress(campaign: Campaign, staff, *, until: dt.date | None = None) -> dict:
    """One staff member's target, achieved, % and still needed, by day (recruited + reported + corrections)."""
    last = min(campaign.end_date, until) if until else campaign.end_date
    where = Q(campaign=campaign, day__gte=campaign.start_date, day__lte=last,
              unit__path__startswith=area_prefix(campaign))
    by_day: Counter = Counter()
    for row in (RecruitCount.objects.filter(where, collector=staff, scheme__in=SCHEMES)
                .values("day", "scheme").annotate(n=Sum("count")).order_by()):
        by_day[(row["day"], row["scheme"])] += row["n"]
    for model, column in ((ReportedResult, "count"), (Correction, "delta")):
        for row in (model.objects.filter(where, staff=staff).values("day", "scheme").annotate(n=Sum(column))
                    .order_by()):
            by_day[(row["day"], row["scheme"])] += row["n"]
    own = dict(Target.objects.filter(campaign=campaign, holder=TargetHolder.STAFF, staff=staff)
               .values_list("scheme", "count"))
    summary = _scheme_figures(own, {s: sum(n for (d, sc), n in by_day.items() if sc == s) for s in SCHEMES})
    for s in SCHEMES:
        summary[s]["label"], summary[s]["scheme"] = SCHEME_SHORT[s], s
    tally = Tally(by_day=by_day)
    member = TeamMember.objects.filter(campaign=campaign, staff=staff).select_related("team").first()
    return {"summary": [summary[s] for s in SCHEMES], "total": summary[ALL],
            "daily": _daily(campaign, tally, summary, last), "team": member.team if member else None}
