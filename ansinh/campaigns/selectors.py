"""Reads of campaigns, always scoped to the user's area, and the retention of the people a campaign recruited.

A campaign is visible to a user whose area lies inside the campaign's area (a provincial officer sees
the national month, limited to the province's part) or contains it. Inside a campaign, each user sees
the units of their own area ("roots").
"""

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Count, Q, QuerySet

from ansinh.campaigns.choices import CampaignStatus
from ansinh.campaigns.models import (
    Activity,
    Campaign,
    Correction,
    RecruitCount,
    Recruitment,
    ReportedResult,
    ResultImport,
    Target,
    Team,
)
from ansinh.campaigns.progress import SCHEMES, area_prefix
from ansinh.core.errors import NotFound
from ansinh.core.scoping import Action, path_in_scope, scope_q
from ansinh.geo.models import Unit
from ansinh.rules.indicators import percent


def _ancestor_paths(prefix: str) -> list[str]:
    """'pre2025/84/842/' -> ['', 'pre2025/84/'] (the units above a path; the nation's path is '')."""
    segs = prefix.strip("/").split("/")
    return [""] + ["/".join(segs[:i]) + "/" for i in range(2, len(segs))]


def campaign_list(user, action: str = "view") -> QuerySet[Campaign]:
    """Campaigns whose area is in the user's area, or contains it (national and provincial drives)."""
    qs = Campaign.objects.select_related("area")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active or not user.may(action):
        return qs.none()
    prefixes = user.scope_paths()
    if prefixes is None:
        return qs
    above = sorted({p for prefix in prefixes for p in _ancestor_paths(prefix)})
    return qs.filter(scope_q("area__path", prefixes) | Q(area__path__in=above))


def campaign_covering(user, unit: Unit, on: dt.date) -> Campaign | None:
    """The campaign of the user's area, not closed, running on a day, whose area holds a commune — the most local
    one if several do (a commune's drive inside the province's)."""
    rows = (campaign_list(user).filter(start_date__lte=on, end_date__gte=on).exclude(status=CampaignStatus.CLOSED)
            .select_related("area"))
    inside = [c for c in rows if c.era == unit.era and unit.path.startswith(c.area.path or f"{c.era}/")]
    return max(inside, key=lambda c: len(c.area.path or ""), default=None)


def campaign_get(user, slug: str, action: str = "view") -> Campaign:
    """One campaign the user may see (NotFound otherwise, shown as 404)."""
    campaign = campaign_list(user, action).filter(slug=slug).first()
    if campaign is None:
        raise NotFound("Không tìm thấy chiến dịch.")
    return campaign


def view_roots(user, campaign: Campaign) -> list[Unit]:
    """The units of the campaign the user sees: its area, or the parts of it in the user's area."""
    prefixes = user.scope_paths() if user is not None else None
    if prefixes is None or any(campaign.area.path.startswith(p) for p in prefixes):
        return [campaign.area]
    inside = [p for p in prefixes if p.startswith(area_prefix(campaign))]
    return list(Unit.objects.filter(path__in=inside).order_by("path"))


def can_change(user, campaign: Campaign) -> bool:
    """Whether the user may change the campaign itself (its area is in the user's area)."""
    return path_in_scope(user, campaign.area.path, Action.SET_TARGETS)


def can_add_in(user, campaign: Campaign, action: str) -> bool:
    """Whether the user may add results, teams or activities somewhere in the campaign."""
    return any(path_in_scope(user, r.path, action) for r in view_roots(user, campaign))


def unit_in_view(user, campaign: Campaign, code: str) -> Unit:
    """A unit of the campaign's area and of the user's view, by code (NotFound otherwise)."""
    unit = Unit.objects.filter(code=code, era__in=[campaign.era, ""]).first()
    roots = view_roots(user, campaign)
    if unit is None or not unit.path.startswith(campaign.area.path) or \
            not any(unit.path.startswith(r.path) for r in roots):
        raise NotFound("Đơn vị không thuộc chiến dịch hoặc địa bàn của bạn.")
    return unit


def units_in_view(user, campaign: Campaign, levels: tuple[str, ...] = ("province", "district", "commune")
                  ) -> QuerySet[Unit]:
    """Units the user may pick in a campaign (for forms), by path."""
    roots = view_roots(user, campaign)
    q = Q(pk__in=[r.pk for r in roots])
    for r in roots:
        q |= Q(path__startswith=r.path or area_prefix(campaign), level__in=levels)
    return Unit.objects.filter(q, era__in=[campaign.era, ""]).order_by("path")


def team_list(user, campaign: Campaign) -> QuerySet[Team]:
    """Teams of the campaign in the user's area."""
    return (Team.objects.restrict(user).filter(campaign=campaign).select_related("unit", "leader")
            .annotate(n_members=Count("members")).order_by("code"))


def team_get(user, campaign: Campaign, code: str, action: str = "view") -> Team:
    """One team by code (NotFound outside the user's area)."""
    team = Team.objects.restrict(user, action).filter(campaign=campaign, code=code).select_related("unit").first()
    if team is None:
        raise NotFound("Không tìm thấy đội.")
    return team


def target_list(user, campaign: Campaign) -> QuerySet[Target]:
    """Targets of the campaign in the user's area."""
    return (Target.objects.restrict(user).filter(campaign=campaign)
            .select_related("unit", "team", "staff", "collection_point").order_by("holder", "unit__path", "-scheme"))


def activity_list(user, campaign: Campaign) -> QuerySet[Activity]:
    """Activities of the campaign in the user's area, by day."""
    return (Activity.objects.restrict(user).filter(campaign=campaign).select_related("unit", "team")
            .order_by("day", "id"))


def reported_list(user, campaign: Campaign) -> QuerySet[ReportedResult]:
    """Reported figures of the campaign in the user's area."""
    return (ReportedResult.objects.restrict(user).filter(campaign=campaign).select_related("unit", "batch", "staff")
            .order_by("-day", "unit__path", "scheme"))


def correction_list(user, campaign: Campaign) -> QuerySet[Correction]:
    """Corrections of the campaign in the user's area, latest first."""
    return Correction.objects.restrict(user).filter(campaign=campaign).select_related("unit", "staff", "created_by")


def import_list(user, campaign: Campaign) -> QuerySet[ResultImport]:
    """Result files uploaded for the campaign in the user's area."""
    return ResultImport.objects.restrict(user).filter(campaign=campaign)


def import_get(user, campaign: Campaign, pk: int) -> ResultImport:
    """One uploaded file (NotFound outside the user's area)."""
    batch = import_list(user, campaign).filter(pk=pk).first()
    if batch is None:
        raise NotFound("Không tìm thấy tệp đã nhập.")
    return batch


def activity_summary(activities) -> list[dict]:
    """Per kind of activity: how many, and the sum of their quantities (vehicles, households, leaflets…)."""
    from ansinh.campaigns.choices import ACTIVITY_QUANTITY, ActivityKind

    counts, quantities = Counter(), Counter()
    for a in activities:
        counts[a.kind] += 1
        quantities[a.kind] += a.quantity or 0
    return [{"kind": k.value, "label": k.label, "count": counts[k.value], "quantity": quantities[k.value],
             "quantity_unit": ACTIVITY_QUANTITY[k]} for k in ActivityKind if counts[k.value]]


def default_retention_date(campaign: Campaign) -> dt.date:
    """The campaign's own "stay until" date, or else 31/12 of the year it ended."""
    return campaign.retention_date or dt.date(campaign.end_date.year, 12, 31)


def retention(campaign: Campaign, *, on: dt.date, roots: list[Unit] | None = None) -> dict:
    """Of the people the campaign recruited (recorded individually), how many are still enrolled and paid up on `on`.

    Reads the enrollments the campaign recruited (its `Recruitment` links), grouped by commune and by collector.
    """
    from ansinh.campaigns.models import TeamMember
    from ansinh.enrollment.models import Enrollment

    roots = roots or [campaign.area]
    prefixes = [r.path or area_prefix(campaign) for r in roots]
    kept = Q(end_date__isnull=True) | Q(end_date__gte=on)
    recruited = Recruitment.objects.filter(campaign=campaign).values("enrollment_id")
    qs = Enrollment.objects.filter(pk__in=recruited, is_new=True, scheme__in=SCHEMES,
                                   enrolled_on__gte=campaign.start_date, enrolled_on__lte=min(campaign.end_date, on))
    qs = qs.filter(scope_q("commune__path", prefixes))
    by_path, by_staff, info = Counter(), Counter(), {}
    for row in qs.values("commune__path", "scheme").annotate(n=Count("id"), k=Count("id", filter=kept)).order_by():
        by_path[(row["commune__path"], row["scheme"], "recruited")] += row["n"]
        by_path[(row["commune__path"], row["scheme"], "kept")] += row["k"]
    staff_rows = (qs.values("collector_id", "collector__code", "collector__full_name", "scheme")
                  .annotate(n=Count("id"), k=Count("id", filter=kept)).order_by())
    for row in staff_rows:
        sid = row["collector_id"]
        by_staff[(sid, row["scheme"], "recruited")] += row["n"]
        by_staff[(sid, row["scheme"], "kept")] += row["k"]
        info[sid] = {"code": row["collector__code"] or "—", "name": row["collector__full_name"] or "(không ghi)"}

    def block(counter, key) -> dict:
        out = {}
        for s in SCHEMES:
            n, k = counter.get((*key, s, "recruited"), 0), counter.get((*key, s, "kept"), 0)
            out[s] = {"recruited": n, "kept": k, "lost": n - k, "percent": percent(k, n)}
        n = sum(out[s]["recruited"] for s in SCHEMES)
        k = sum(out[s]["kept"] for s in SCHEMES)
        out["all"] = {"recruited": n, "kept": k, "lost": n - k, "percent": percent(k, n)}
        return out

    children = _retention_children(campaign, roots)
    by_child = Counter()
    child_of = {u.path: u for u in children}
    for (path, s, what), n in by_path.items():
        parts = path.split("/")
        for i in range(1, len(parts)):
            unit = child_of.get("/".join(parts[:i]) + "/")
            if unit is not None:
                by_child[(unit.pk, s, what)] += n
                break
    total = Counter()
    for (_, s, what), n in by_path.items():
        total[(s, what)] += n
    units = [{"code": u.code, "name": u.name, **block(by_child, (u.pk,))} for u in children]
    collectors = sorted(({"staff_id": sid, **info[sid], **block(by_staff, (sid,))} for sid in info),
                        key=lambda r: r["code"])
    members = defaultdict(list)
    for team_id, sid in TeamMember.objects.filter(campaign=campaign).values_list("team_id", "staff_id"):
        members[team_id].append(sid)
    by_team = Counter()
    teams = []
    for team in Team.objects.filter(campaign=campaign).select_related("unit").order_by("code"):
        if not any(team.unit.path.startswith(p) for p in prefixes):
            continue
        for sid in members[team.pk]:
            for s in SCHEMES:
                for what in ("recruited", "kept"):
                    by_team[(team.pk, s, what)] += by_staff.get((sid, s, what), 0)
        teams.append({"code": team.code, "name": team.name, **block(by_team, (team.pk,))})
    return {"on": on, "summary": block(total, ()), "units": units, "teams": teams, "collectors": collectors}


def recruits_at_risk(campaign: Campaign, *, user, until: dt.date) -> QuerySet:
    """The campaign's recruits of the user's area still enrolled but paid up (or covered) only to a day before `until`
    — the date recruits should stay to (the campaign's retention date): whom to see before they lapse, the
    soonest first."""
    from ansinh.enrollment.models import Enrollment

    recruited = Recruitment.objects.filter(campaign=campaign).values("enrollment_id")
    return (Enrollment.objects.restrict(user).filter(pk__in=recruited, scheme__in=SCHEMES, status="active",
                                                     end_date__lt=until)
            .select_related("person", "household", "collector", "commune").order_by("end_date", "id"))


def _retention_children(campaign: Campaign, roots: list[Unit]) -> list[Unit]:
    if len(roots) != 1:
        return roots
    qs = Unit.objects.filter(parent=roots[0]).order_by("code")
    if roots[0].level == "nation":
        qs = qs.filter(era=campaign.era)
    return list(qs) or roots


def revenue_achieved(campaign: Campaign, roots: list[Unit] | None = None) -> dict[str, int]:
    """Money collected from the campaign's recruits (their first contributions) plus reported amounts, per scheme."""
    from django.db.models import Sum

    from ansinh.enrollment.models import Contribution

    roots = roots or [campaign.area]
    prefixes = [r.path or area_prefix(campaign) for r in roots]
    out = {s: 0 for s in SCHEMES}
    recruited = Recruitment.objects.filter(campaign=campaign).values("enrollment_id")
    paid = (Contribution.objects.filter(enrollment_id__in=recruited, enrollment__is_new=True,
                                        receipt__receipt_date__gte=campaign.start_date,
                                        receipt__receipt_date__lte=campaign.end_date)
            .filter(scope_q("commune__path", prefixes)).values("enrollment__scheme").annotate(n=Sum("amount_paid")))
    for row in paid:
        if row["enrollment__scheme"] in out:
            out[row["enrollment__scheme"]] += row["n"] or 0
    reported = (ReportedResult.objects.filter(campaign=campaign).filter(scope_q("unit__path", prefixes))
                .values("scheme").annotate(n=Sum("amount")))
    for row in reported:
        out[row["scheme"]] += row["n"] or 0
    return out



def quota_staff(user, campaign: Campaign, who: str) -> QuerySet:
    """The staff a per-staff quota applies to: BHXH, post office or all staff in the area, or the team members,
    among those working during the drive (a staff member who left before it, or joins after it, has no quota)."""
    from ansinh.campaigns.models import TeamMember
    from ansinh.network.models import Staff

    qs = (Staff.objects.restrict(user).filter(unit__path__startswith=area_prefix(campaign))
          .filter(valid_from__lte=campaign.end_date)
          .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=campaign.start_date)).select_related("unit"))
    if who == "members":
        return qs.filter(pk__in=TeamMember.objects.filter(campaign=campaign).values("staff_id")).order_by("code")
    if who in ("bhxh", "post"):
        qs = qs.filter(organisation=who)
    return qs.order_by("code")


def result_warnings(campaign: Campaign, *, roots: list[Unit]) -> list[str]:
    """What does not count or may count twice: recruits attributed outside the dates or area, and a unit's
    unattributed figure for a day that also has individual records (added together, by definition)."""
    from django.db.models import Sum

    from ansinh.campaigns.choices import SCHEME_SHORT
    from ansinh.core.formats import vn_date, vn_int

    prefixes = [r.path or area_prefix(campaign) for r in roots]
    rows = RecruitCount.objects.filter(campaign=campaign).filter(scope_q("unit__path", prefixes))
    out = []
    outside_dates = rows.exclude(day__gte=campaign.start_date, day__lte=campaign.end_date).aggregate(n=Sum("count"))
    if outside_dates["n"]:
        out.append(f"{vn_int(outside_dates['n'])} người được ghi cho chiến dịch nhưng đăng ký ngoài thời gian "
                   f"{vn_date(campaign.start_date)}–{vn_date(campaign.end_date)}: không được tính.")
    if roots == [campaign.area]:
        outside = (RecruitCount.objects.filter(campaign=campaign)
                   .exclude(unit__path__startswith=area_prefix(campaign)).aggregate(n=Sum("count")))
        if outside["n"]:
            out.append(f"{vn_int(outside['n'])} người được ghi cho chiến dịch nhưng cư trú ngoài địa bàn "
                       f"{campaign.area.name}: không được tính.")
    reported = ReportedResult.objects.filter(campaign=campaign, staff__isnull=True).filter(scope_q("unit__path",
                                                                                                  prefixes))
    for row in reported.select_related("unit")[:300]:
        recorded = RecruitCount.objects.filter(campaign=campaign, day=row.day, scheme=row.scheme,
                                                   unit__path__startswith=row.unit.path).aggregate(n=Sum("count"))
        if recorded["n"]:
            out.append(f"{row.unit.name} ngày {vn_date(row.day)}: đã báo {vn_int(row.count)} người "
                       f"{SCHEME_SHORT[row.scheme]} ghi ở nơi khác, và ansinh có {vn_int(recorded['n'])} hồ sơ từng "
                       "người cùng ngày — hai số được cộng; nếu số báo cáo đã gồm những người này, hãy điều chỉnh "
                       "về số đúng.")
    return out


def team_day(campaign: Campaign, team, day, staff: list) -> list[dict]:
    """A team's day, member by member: the recruits enrolled in ansinh that day (counted by themselves) and the
    figures reported for people enrolled elsewhere, per scheme."""
    from django.db.models import Sum

    ids = [m.pk for m in staff]
    recruited, reported = {}, {}
    for row in (RecruitCount.objects.filter(campaign=campaign, day=day, collector_id__in=ids)
                .values("collector_id", "scheme").annotate(n=Sum("count")).order_by()):
        recruited[(row["collector_id"], row["scheme"])] = row["n"]
    for row in (ReportedResult.objects.filter(campaign=campaign, day=day, staff_id__in=ids)
                .values("staff_id", "scheme").annotate(n=Sum("count")).order_by()):
        reported[(row["staff_id"], row["scheme"])] = row["n"]
    return [{"staff": m, "recruited": {s: recruited.get((m.pk, s), 0) for s in SCHEMES},
             "reported": {s: reported.get((m.pk, s), 0) for s in SCHEMES}} for m in staff]
