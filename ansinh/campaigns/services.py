"""The only writers of campaigns, targets, teams, activities, reported results and corrections.

Every write checks the user's area (`path_in_scope`; outside → NotFound, shown as 404), refuses bad
input with a Vietnamese message and a stable code, and leaves a change-log entry. Results are written
under a lock on the campaign row, so two people saving at once never count a figure twice.
"""

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.text import slugify

from ansinh.campaigns.choices import ACTIVITY_QUANTITY, CAMPAIGN_SCHEMES, SCHEME_SHORT, ActivityKind, CampaignStatus
from ansinh.campaigns.choices import TargetHolder as H
from ansinh.campaigns.errors import CampaignError
from ansinh.campaigns.models import (
    REFORM_DATE,
    Activity,
    Campaign,
    Correction,
    RecruitCount,
    Recruitment,
    ReportedResult,
    Target,
    Team,
    TeamMember,
)
from ansinh.campaigns.selectors import campaign_list
from ansinh.core.changelog import diff, log_change
from ansinh.core.counters import counters_add
from ansinh.core.errors import Code, DomainError, NotFound, PermissionDenied
from ansinh.core.formats import vn_date
from ansinh.core.scoping import Action, require, require_role
from ansinh.core.text import fold
from ansinh.enrollment import services as enrollment_services
from ansinh.enrollment.models import Enrollment
from ansinh.geo.models import Unit
from ansinh.geo.validity import check_valid_on, valid_on
from ansinh.network.models import CollectionPoint, Staff
from ansinh.rules.indicators import split_counts

SCHEMES = [s.value for s in CAMPAIGN_SCHEMES]
RESERVED_SLUGS = {"new"}  # page routes under /campaigns/
CAMPAIGN_FIELDS = ("name", "theme", "start_date", "end_date", "area", "organisers", "joint_plan", "target_groups",
                   "retention_date", "notes")


# ---------------------------------------------------------------- checks


def _require(user, path: str, action: str, what: str = "Đơn vị") -> None:
    require(user, action, path, what=what)


def _open(campaign: Campaign) -> None:
    if campaign.is_closed:
        raise DomainError(f"Chiến dịch “{campaign.name}” đã kết thúc; không thể thay đổi.",
                          code=CampaignError.CAMPAIGN_CLOSED)


def _scheme(scheme: str) -> str:
    if scheme not in SCHEMES:
        raise DomainError(f"Loại hình '{scheme}' không hợp lệ (voluntary_si hoặc household_hi).",
                          code=Code.INVALID_SCHEME, field="scheme")
    return scheme


def _in_area(campaign: Campaign, unit: Unit, field: str = "unit") -> Unit:
    if unit.level == "nation":
        inside = campaign.area.level == "nation"
    else:
        inside = unit.era == campaign.era and unit.path.startswith(campaign.area.path)
    if not inside:
        raise DomainError(f"{unit.name} (mã {unit.code}) nằm ngoài địa bàn của chiến dịch ({campaign.area.name}).",
                          code=CampaignError.UNIT_OUTSIDE_AREA, field=field)
    return unit


def _in_dates(campaign: Campaign, day: dt.date, field: str = "day") -> dt.date:
    if not campaign.start_date <= day <= campaign.end_date:
        raise DomainError(f"Ngày {vn_date(day)} nằm ngoài thời gian chiến dịch "
                          f"({vn_date(campaign.start_date)}–{vn_date(campaign.end_date)}).",
                          code=CampaignError.DATE_OUTSIDE_CAMPAIGN, field=field)
    return day


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().select_related("area").get(pk=campaign.pk)


# ---------------------------------------------------------------- campaigns


def _unique_slug(base: str) -> str:
    slug = base[:70] or "chien-dich"
    candidate, n = slug, 2
    while Campaign.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _check_campaign_fields(fields: dict) -> None:
    name = (fields.get("name") or "").strip()
    if not name:
        raise DomainError("Thiếu tên chiến dịch.", code=Code.NAME_REQUIRED, field="name")
    start, end, area = fields["start_date"], fields["end_date"], fields["area"]
    if end < start:
        raise DomainError(f"Ngày kết thúc {vn_date(end)} trước ngày bắt đầu {vn_date(start)}.",
                          code=CampaignError.DATES_REVERSED, field="end_date")
    if area.level == "district" and area.era != "pre2025":
        raise DomainError("Không có cấp huyện sau 1/7/2025.", code=CampaignError.INVALID_AREA, field="area")
    era = "2025" if start >= REFORM_DATE else "pre2025"
    if area.era and area.era != era:
        when = "từ 1/7/2025 (34 tỉnh)" if era == "2025" else "trước 1/7/2025 (63 tỉnh)"
        raise DomainError(f"Chiến dịch bắt đầu {vn_date(start)} phải dùng đơn vị hành chính {when}; "
                          f"{area.name} (mã {area.code}) thuộc cơ cấu khác.",
                          code=CampaignError.AREA_WRONG_ERA, field="area")
    if start < REFORM_DATE <= end:
        raise DomainError("Chiến dịch không được kéo dài qua ngày 1/7/2025 (đổi đơn vị hành chính); hãy tách làm hai.",
                          code=CampaignError.SPANS_REFORM, field="end_date")
    check_valid_on(area, start, field="area")
    check_valid_on(area, end, field="area")
    retention = fields.get("retention_date")
    if retention and retention < start:
        raise DomainError("Ngày duy trì tham gia phải sau ngày bắt đầu.", code=CampaignError.RETENTION_BEFORE_START,
                          field="retention_date")


@transaction.atomic
def campaign_create(*, user, name: str, start_date: dt.date, end_date: dt.date, area: Unit, theme: str = "",
                    organisers: str = "", joint_plan: str = "", target_groups: str = "",
                    retention_date: dt.date | None = None, notes: str = "", slug: str = "") -> Campaign:
    """Create a campaign over dates and an area of the user's (units of the campaign's time)."""
    _require(user, area.path, Action.SET_TARGETS, "Địa bàn chiến dịch")
    fields = {"name": name, "theme": theme, "start_date": start_date, "end_date": end_date, "area": area,
              "organisers": organisers, "joint_plan": joint_plan, "target_groups": target_groups,
              "retention_date": retention_date, "notes": notes}
    _check_campaign_fields(fields)
    fields["name"] = name.strip()
    year = str(start_date.year)
    slug = slugify(slug) if slug else _unique_slug(slugify(fold(name if year in name else f"{name} {year}")))
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-{year}"
    if Campaign.objects.filter(slug=slug).exists():
        raise DomainError(f"Mã chiến dịch '{slug}' đã có.", code=CampaignError.SLUG_TAKEN, field="slug")
    campaign = Campaign.objects.create(slug=slug, created_by=user if user.is_authenticated else None, **fields)
    log_change(user=user, obj=campaign, action="create", scope_path=area.path,
               changes={k: fields[k] for k in CAMPAIGN_FIELDS})
    return campaign


@transaction.atomic
def campaign_update(*, user, campaign: Campaign, **changes) -> Campaign:
    """Change a campaign's description, dates or area; recorded results must stay inside them."""
    campaign = _locked(campaign)
    _require(user, campaign.area.path, Action.SET_TARGETS, "Chiến dịch")
    _open(campaign)
    unknown = set(changes) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise DomainError(f"Không sửa được: {', '.join(sorted(unknown))}.", code=CampaignError.INVALID_FIELD)
    before = {k: getattr(campaign, k) for k in CAMPAIGN_FIELDS}
    after = {**before, **changes}
    if "area" in changes:
        _require(user, changes["area"].path, Action.SET_TARGETS, "Địa bàn chiến dịch")
    _check_campaign_fields(after)
    for k, v in changes.items():
        setattr(campaign, k, v.strip() if isinstance(v, str) else v)
    _check_results_fit(campaign)
    campaign.changed_by = user if user.is_authenticated else None
    campaign.save()
    log_change(user=user, obj=campaign, action="update", scope_path=campaign.area.path, changes=diff(before, after))
    return campaign


def _check_results_fit(campaign: Campaign) -> None:
    prefix = campaign.area.path or f"{campaign.era}/"
    for model, label in ((ReportedResult, "số báo cáo"), (Correction, "điều chỉnh"), (Activity, "hoạt động")):
        rows = model.objects.filter(campaign=campaign)
        outside = rows.exclude(day__gte=campaign.start_date, day__lte=campaign.end_date).first() or \
            rows.exclude(unit__path__startswith=prefix).first()
        if outside:
            raise DomainError(f"Đã có {label} ngày {vn_date(outside.day)} tại {outside.unit.name} nằm ngoài thời gian "
                              "hoặc địa bàn mới.", code=CampaignError.RESULTS_OUTSIDE, field="end_date")


@transaction.atomic
def campaign_close(*, user, campaign: Campaign) -> Campaign:
    """Close a campaign: no more targets, teams, activities or results; its report is final."""
    campaign = _locked(campaign)
    _require(user, campaign.area.path, Action.SET_TARGETS, "Chiến dịch")
    _open(campaign)
    today = timezone.localdate()
    if today < campaign.start_date:
        raise DomainError("Chiến dịch chưa bắt đầu; không thể kết thúc.", code=CampaignError.NOT_STARTED)
    campaign.status, campaign.closed_at, campaign.closed_by = CampaignStatus.CLOSED, timezone.now(), user
    campaign.save(update_fields=["status", "closed_at", "closed_by"])
    log_change(user=user, obj=campaign, action="update", scope_path=campaign.area.path,
               changes={"status": ["open", "closed"]})
    return campaign


@transaction.atomic
def campaign_reopen(*, user, campaign: Campaign, reason: str) -> Campaign:
    """Reopen a closed campaign to correct it (the reason is logged)."""
    campaign = _locked(campaign)
    _require(user, campaign.area.path, Action.SET_TARGETS, "Chiến dịch")
    if not campaign.is_closed:
        raise DomainError("Chiến dịch chưa kết thúc.", code=CampaignError.NOT_CLOSED)
    if not (reason or "").strip():
        raise DomainError("Cần ghi lý do mở lại.", code=CampaignError.REASON_REQUIRED, field="reason")
    campaign.status, campaign.closed_at, campaign.closed_by = CampaignStatus.RUNNING, None, None
    campaign.save(update_fields=["status", "closed_at", "closed_by"])
    log_change(user=user, obj=campaign, action="update", scope_path=campaign.area.path,
               changes={"status": ["closed", "open"], "reason": reason.strip()})
    return campaign


# ---------------------------------------------------------------- targets


def _holder(campaign: Campaign, *, unit, collection_point, team, staff) -> tuple[str, Unit, dict]:
    given = [x for x in (unit, collection_point, team, staff) if x is not None]
    if len(given) != 1:
        raise DomainError("Chỉ tiêu giao cho đúng một: đơn vị, điểm thu, đội hoặc cán bộ.",
                          code=CampaignError.INVALID_HOLDER)
    if collection_point is not None:
        return H.POINT, collection_point.unit, {"collection_point": collection_point}
    if team is not None:
        if team.campaign_id != campaign.pk:
            raise NotFound("Đội không thuộc chiến dịch.")
        return H.TEAM, team.unit, {"team": team}
    if staff is not None:
        return H.STAFF, staff.unit, {"staff": staff}
    return H.UNIT, unit, {}


@transaction.atomic
def target_set(*, user, campaign: Campaign, scheme: str, count: int, unit: Unit | None = None,
               collection_point: CollectionPoint | None = None, team: Team | None = None, staff: Staff | None = None,
               revenue: int | None = None, basis: str = "") -> Target:
    """Set (or change) the target of new participants of one scheme for a unit, point, team or staff member."""
    _open(campaign)
    _scheme(scheme)
    holder, where, extra = _holder(campaign, unit=unit, collection_point=collection_point, team=team, staff=staff)
    _require(user, where.path, Action.SET_TARGETS)
    _in_area(campaign, where)
    if count is None or count < 0:
        raise DomainError("Chỉ tiêu phải là số không âm.", code=CampaignError.NEGATIVE_TARGET, field="count")
    if revenue is not None and revenue < 0:
        raise DomainError("Chỉ tiêu doanh thu phải là số không âm.",
                          code=CampaignError.NEGATIVE_TARGET, field="revenue")
    lookup = {"campaign": campaign, "holder": holder, "scheme": scheme, **extra}
    if holder == H.UNIT:
        lookup["unit"] = where
    target = Target.objects.select_for_update().filter(**lookup).first()
    before = {"count": target.count, "revenue": target.revenue} if target else {}
    who = user if user.is_authenticated else None
    if target is None:
        target = Target(**lookup, unit=where) if holder != H.UNIT else Target(**lookup)
        target.created_by = who
    target.count, target.revenue, target.basis = count, revenue, (basis or "Giao trực tiếp")[:200]
    target.changed_by = who
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as exc:
        raise DomainError("Chỉ tiêu này vừa được người khác giao; hãy tải lại trang.",
                          code=CampaignError.TARGET_CONFLICT) from exc
    log_change(user=user, obj=target, action="update" if before else "create", scope_path=where.path,
               changes=diff(before, {"count": count, "revenue": revenue}))
    return target


@transaction.atomic
def target_delete(*, user, target: Target) -> None:
    """Remove a target."""
    _open(target.campaign)
    _require(user, target.unit.path, Action.SET_TARGETS)
    log_change(user=user, obj=target, action="delete", scope_path=target.unit.path,
               changes={"count": target.count, "scheme": target.scheme})
    target.delete()


WEIGHTS = {"equal": "đều", "population": "theo dân số", "staff": "theo số cán bộ", "teams": "theo số đội"}


def _weights(campaign: Campaign, holders: list, by: str, kind: str) -> list[int]:
    if by == "equal":
        return [1] * len(holders)
    if kind == "points":
        if by == "staff":
            counts = dict(Staff.objects.filter(collection_point__in=holders).values("collection_point_id")
                          .annotate(n=Count("id")).values_list("collection_point_id", "n"))
            return [counts.get(p.pk, 0) for p in holders]
        raise DomainError("Điểm thu chỉ chia đều hoặc theo số cán bộ.", code=CampaignError.INVALID_WEIGHTS, field="by")
    if by == "population":
        from ansinh.geo.selectors import statistic_in_use

        values = [statistic_in_use(u, "population", campaign.start_date.year) for u in holders]
        if any(v is None for v in values):
            missing = next(u for u, v in zip(holders, values, strict=True) if v is None)
            raise DomainError(f"Chưa có số dân của {missing.name}; hãy chia đều hoặc theo số đội.",
                              code=CampaignError.MISSING_POPULATION, field="by")
        return [v.value for v in values]
    if by == "staff":
        return [Staff.objects.filter(unit__path__startswith=u.path).count() for u in holders]
    if by == "teams":
        teams = Team.objects.filter(campaign=campaign)
        return [teams.filter(unit__path__startswith=u.path).count() for u in holders]
    raise DomainError(f"Cách chia '{by}' không hợp lệ.", code=CampaignError.INVALID_WEIGHTS, field="by")


@transaction.atomic
def target_split(*, user, campaign: Campaign, unit: Unit, scheme: str, into: str = "units", by: str = "equal",
                 weights: dict[str, int] | None = None) -> list[Target]:
    """Split a unit's target among its child units, all its communes or its collection points (parts add up).

    Units are those that exist on the campaign's first day (a commune merged away before it gets no share).

    `by` is equal, population, staff or teams; `weights` ({code: weight}) overrides it.
    """
    _open(campaign)
    _scheme(scheme)
    _require(user, unit.path, Action.SET_TARGETS)
    parent = Target.objects.filter(campaign=campaign, holder=H.UNIT, unit=unit, scheme=scheme).first()
    if parent is None:
        raise DomainError(f"{unit.name} chưa có chỉ tiêu {SCHEME_SHORT[scheme]} để chia.", code=CampaignError.NO_TARGET,
                          field="unit")
    if into == "points":
        holders = list(CollectionPoint.objects.filter(unit__path__startswith=unit.path).order_by("code"))
    elif into == "units":
        holders = list(valid_on(Unit.objects.filter(parent=unit), campaign.start_date).order_by("code"))
        if unit.level == "nation":
            holders = [u for u in holders if u.era == campaign.era]
    elif into == "communes":
        holders = list(valid_on(Unit.objects.filter(path__startswith=unit.path or f"{campaign.era}/", level="commune",
                                                    era=campaign.era), campaign.start_date).order_by("code"))
    else:
        raise DomainError(f"Không chia được vào '{into}'.", code=CampaignError.INVALID_SPLIT, field="into")
    if not holders:
        raise DomainError(f"{unit.name} không có {'điểm thu' if into == 'points' else 'đơn vị cấp dưới'} để chia.",
                          code=CampaignError.NOTHING_TO_SPLIT, field="into")
    if weights:
        w = [int(weights.get(h.code, 0)) for h in holders]
        if any(x < 0 for x in w) or sum(w) == 0:
            raise DomainError("Trọng số phải không âm và có ít nhất một số dương.", code=CampaignError.INVALID_WEIGHTS,
                              field="weights")
        how = "theo trọng số"
    else:
        w, how = _weights(campaign, holders, by, into), WEIGHTS.get(by, by)
    parts = split_counts(parent.count, w)
    basis = f"Chia {how} từ chỉ tiêu {unit.name} ({parent.count})"
    made = []
    for holder, count in zip(holders, parts, strict=True):
        if into == "points":
            made.append(target_set(user=user, campaign=campaign, scheme=scheme, count=count,
                                   collection_point=holder, basis=basis))
        else:
            made.append(target_set(user=user, campaign=campaign, scheme=scheme, count=count, unit=holder,
                                   basis=basis))
    return made


@transaction.atomic
def targets_from_quota(*, user, campaign: Campaign, per_staff: dict[str, int], staff: Iterable[Staff],
                       unit: Unit | None = None, label: str = "cán bộ") -> dict[str, Target]:
    """Targets from a per-staff quota: each listed staff member gets the quota, and the unit (default: the
    campaign's area) gets quota × staff ("each BHXH staff member recruits 1 VSI and 2 household HI")."""
    _open(campaign)
    unit = unit or campaign.area
    staff = list(staff)
    if not staff:
        raise DomainError("Chưa có cán bộ nào trong danh sách để giao định mức.",
                          code=CampaignError.NO_STAFF, field="staff")
    codes = [s.code for s in staff]
    if len(set(codes)) != len(codes):
        raise DomainError("Danh sách cán bộ có người bị trùng.", code=CampaignError.DUPLICATE_STAFF, field="staff")
    for s in staff:
        if not s.unit.path.startswith(unit.path or f"{campaign.era}/"):
            raise DomainError(f"{s} không làm việc trong {unit.name}.",
                              code=CampaignError.STAFF_OUTSIDE_UNIT, field="staff")
    for s in staff:
        _require(user, s.unit.path, Action.SET_TARGETS, "Cán bộ")
    made = {}
    for scheme, quota in per_staff.items():
        _scheme(scheme)
        if quota is None or quota < 0:
            raise DomainError("Định mức phải là số không âm.", code=CampaignError.NEGATIVE_TARGET, field="per_staff")
        basis = f"Định mức {quota} người/{label}"
        _staff_targets(user=user, campaign=campaign, scheme=scheme, quota=quota, staff=staff, basis=basis)
        made[scheme] = target_set(user=user, campaign=campaign, scheme=scheme, count=quota * len(staff), unit=unit,
                                  basis=f"{basis} × {len(staff)} {label}")
    return made


def _staff_targets(*, user, campaign: Campaign, scheme: str, quota: int, staff: list[Staff], basis: str) -> None:
    """The same target for many staff members in a few statements (a national quota may list 10,000 staff)."""
    existing = {t.staff_id: t for t in Target.objects.select_for_update().filter(
        campaign=campaign, holder=H.STAFF, scheme=scheme, staff__in=[s.pk for s in staff])}
    who = user if user.is_authenticated else None
    fresh = [Target(campaign=campaign, holder=H.STAFF, staff=s, unit=s.unit, scheme=scheme, count=quota,
                    basis=basis, changed_by=who) for s in staff if s.pk not in existing]
    for t in existing.values():
        t.count, t.basis, t.changed_by = quota, basis, who
    try:
        with transaction.atomic():
            Target.objects.bulk_create(fresh, batch_size=2000)
            Target.objects.bulk_update(list(existing.values()), ["count", "basis", "changed_by"], batch_size=2000)
    except IntegrityError as exc:
        raise DomainError("Chỉ tiêu vừa được người khác giao; hãy thử lại.",
                          code=CampaignError.TARGET_CONFLICT) from exc
    log_change(user=user, obj=campaign, action="update", scope_path=campaign.area.path,
               changes={"staff_targets": scheme, "quota": quota, "staff": len(staff)})


# ---------------------------------------------------------------- teams


def _team_units(campaign: Campaign, unit: Unit, areas: Iterable[Unit]) -> list[Unit]:
    areas = list(areas)
    for a in areas:
        _in_area(campaign, a, "areas")
        if not a.path.startswith(unit.path):
            raise DomainError(f"{a.name} không thuộc {unit.name}.",
                              code=CampaignError.AREA_OUTSIDE_TEAM_UNIT, field="areas")
    return areas


@transaction.atomic
def team_create(*, user, campaign: Campaign, code: str, name: str, unit: Unit, areas: Iterable[Unit] = (),
                leader: Staff | None = None, members: Iterable[Staff] = (), note: str = "") -> Team:
    """Create a field team answering to a unit, with the units it works and its members."""
    _open(campaign)
    _require(user, unit.path, Action.SET_TARGETS)
    _in_area(campaign, unit)
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name:
        raise DomainError("Đội cần mã và tên.", code=CampaignError.TEAM_NAME_REQUIRED, field="name" if code else "code")
    if Team.objects.filter(campaign=campaign, code=code).exists():
        raise DomainError(f"Đã có đội mã {code} trong chiến dịch.", code=CampaignError.TEAM_CODE_TAKEN, field="code")
    area_units = _team_units(campaign, unit, areas)
    team = Team.objects.create(campaign=campaign, code=code, name=name, unit=unit, leader=leader, note=note,
                               created_by=user if user.is_authenticated else None)
    team.areas.set(area_units)
    people = list(members)
    if leader is not None and all(m.pk != leader.pk for m in people):
        people.insert(0, leader)
    _members_add(user=user, team=team, staff=people)
    log_change(user=user, obj=team, action="create", scope_path=unit.path,
               changes={"code": code, "name": name, "areas": [a.code for a in area_units],
                        "members": [m.code for m in people]})
    return team


def _members_add(*, user, team: Team, staff: list[Staff]) -> None:
    for person in staff:
        _require(user, person.unit.path, Action.VIEW, "Cán bộ")
    if len({p.pk for p in staff}) != len(staff):
        raise DomainError("Danh sách thành viên có người bị trùng.",
                          code=CampaignError.DUPLICATE_STAFF, field="members")
    taken = TeamMember.objects.filter(campaign=team.campaign, staff__in=[p.pk for p in staff]).select_related(
        "team", "staff").first()
    if taken is not None:
        raise DomainError(f"{taken.staff} đã ở {taken.team.name}.", code=CampaignError.ALREADY_IN_TEAM, field="staff")
    try:
        with transaction.atomic():
            TeamMember.objects.bulk_create([TeamMember(campaign=team.campaign, team=team, staff=p) for p in staff])
    except IntegrityError as exc:
        raise DomainError("Có người vừa được xếp vào đội khác; hãy thử lại.", code=CampaignError.ALREADY_IN_TEAM,
                          field="staff") from exc


@transaction.atomic
def team_update(*, user, team: Team, name: str | None = None, areas: Iterable[Unit] | None = None,
                leader: Staff | None = None, note: str | None = None) -> Team:
    """Rename a team, change its areas, leader or note."""
    _open(team.campaign)
    _require(user, team.unit.path, Action.SET_TARGETS, "Đội")
    before = {"name": team.name, "leader": team.leader_id, "note": team.note}
    if name is not None:
        if not name.strip():
            raise DomainError("Đội cần tên.", code=CampaignError.TEAM_NAME_REQUIRED, field="name")
        team.name = name.strip()
    if note is not None:
        team.note = note
    if leader is not None:
        team.leader = leader
    team.changed_by = user if user.is_authenticated else None
    team.save()
    if areas is not None:
        team.areas.set(_team_units(team.campaign, team.unit, areas))
    if leader is not None and not TeamMember.objects.filter(team=team, staff=leader).exists():
        team_member_add(user=user, team=team, staff=leader)
    log_change(user=user, obj=team, action="update", scope_path=team.unit.path,
               changes=diff(before, {"name": team.name, "leader": team.leader_id, "note": team.note}))
    return team


@transaction.atomic
def team_member_add(*, user, team: Team, staff: Staff) -> TeamMember:
    """Put a staff member in a team (one team per staff member in a campaign)."""
    _open(team.campaign)
    _require(user, team.unit.path, Action.SET_TARGETS, "Đội")
    _require(user, staff.unit.path, Action.VIEW, "Cán bộ")
    current = TeamMember.objects.filter(campaign=team.campaign, staff=staff).select_related("team").first()
    if current is not None:
        raise DomainError(f"{staff} đã ở {current.team.name}.", code=CampaignError.ALREADY_IN_TEAM, field="staff")
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(campaign=team.campaign, team=team, staff=staff)
    except IntegrityError as exc:
        raise DomainError(f"{staff} đã ở một đội khác.", code=CampaignError.ALREADY_IN_TEAM, field="staff") from exc
    log_change(user=user, obj=team, action="update", scope_path=team.unit.path, changes={"member_added": staff.code})
    return member


@transaction.atomic
def team_member_remove(*, user, team: Team, staff: Staff) -> None:
    """Take a staff member out of a team (the results already counted stay with the staff member)."""
    _open(team.campaign)
    _require(user, team.unit.path, Action.SET_TARGETS, "Đội")
    deleted, _ = TeamMember.objects.filter(team=team, staff=staff).delete()
    if not deleted:
        raise DomainError(f"{staff} không ở {team.name}.", code=CampaignError.NOT_IN_TEAM, field="staff")
    log_change(user=user, obj=team, action="update", scope_path=team.unit.path, changes={"member_removed": staff.code})


# ---------------------------------------------------------------- activities


@transaction.atomic
def activity_record(*, user, campaign: Campaign, unit: Unit, day: dt.date, kind: str, quantity: int | None = None,
                    participants: int | None = None, team: Team | None = None, place: str = "",
                    note: str = "") -> Activity:
    """Log a field activity: a parade (vehicles), door-to-door (households), a stall, leaflets, VssID help…"""
    _open(campaign)
    _require(user, unit.path, Action.ENTER_RESULTS)
    _in_area(campaign, unit)
    _in_dates(campaign, day)
    if kind not in ActivityKind.values:
        raise DomainError(f"Loại hoạt động '{kind}' không hợp lệ.", code=Code.INVALID_KIND, field="kind")
    for value, name in ((quantity, "quantity"), (participants, "participants")):
        if value is not None and value < 0:
            raise DomainError("Số lượng không được âm.", code=CampaignError.NEGATIVE_COUNT, field=name)
    if team is not None and team.campaign_id != campaign.pk:
        raise NotFound("Đội không thuộc chiến dịch.")
    activity = Activity.objects.create(campaign=campaign, unit=unit, day=day, kind=kind, quantity=quantity,
                                       participants=participants, team=team, place=place.strip(), note=note.strip(),
                                       created_by=user if user.is_authenticated else None)
    log_change(user=user, obj=activity, action="create", scope_path=unit.path,
               changes={"kind": kind, "day": day, "quantity": quantity,
                        "quantity_unit": ACTIVITY_QUANTITY[ActivityKind(kind)]})
    return activity


# ---------------------------------------------------------------- recruits


def recruitments_record(*, user, campaign: Campaign, enrollments: list, day: dt.date | None = None
                        ) -> list[Recruitment]:
    """Link enrollments just written by the enrollment services to the campaign that recruited them.

    Every enrollment gets a `Recruitment` row; the new participants among them (`is_new`) are added to the
    campaign's roll-up `RecruitCount`, which the progress pages read. Recruits outside the campaign's dates
    or area are linked but do not count (the results page says so). They count on their registration day, or on
    `day` when the recruiting was done before the payment (a sponsored card pledged during the campaign).
    """
    if not enrollments:
        return []
    require_role(user, Action.PAY)
    if not campaign_list(user).filter(pk=campaign.pk).exists():
        raise NotFound("Chiến dịch không thuộc địa bàn của bạn.")
    _open(campaign)
    links = [Recruitment(campaign=campaign, enrollment_id=e.pk, collector_id=e.collector_id, unit_id=e.commune_id,
                         province_code=e.province_code, scheme=e.scheme, day=day or e.enrolled_on) for e in enrollments]
    Recruitment.objects.bulk_create(links, batch_size=2000)
    counts: dict[str, tuple[int, dict]] = {}
    for e in enrollments:
        if e.is_new:
            key, row = recruit_count_key(campaign=campaign, unit=e.commune_id, province_code=e.province_code,
                                         scheme=e.scheme, day=day or e.enrolled_on, collector=e.collector_id)
            counts[key] = (counts.get(key, (0, None))[0] + 1, row)
    counters_add(RecruitCount, "count", counts)
    log_change(user=user, obj=campaign, action="update", scope_path=campaign.area.path,
               changes={"recruits": len(links)})
    return links


def recruit_count_key(*, campaign, unit, province_code: str, scheme: str, day: dt.date, collector=None
                      ) -> tuple[str, dict]:
    """The `RecruitCount` key of a campaign × commune × scheme × day × collector, and the columns of a new row."""
    ids = [getattr(x, "pk", x) for x in (campaign, unit, collector)]
    key = f"{ids[0]}:{ids[1]}:{scheme}:{day.isoformat()}:{ids[2] or ''}"
    return key, {"campaign": ids[0], "unit": ids[1], "province_code": province_code, "scheme": scheme, "day": day,
                 "collector": ids[2]}


def recruit_count_add(*, campaign, unit, scheme: str, day: dt.date, collector=None, amount: int = 1) -> None:
    """Count `amount` recruits of a campaign in a commune on a day (bulk loads; `recruitments_record` does it for
    enrollments it links)."""
    key, row = recruit_count_key(campaign=campaign, unit=unit, province_code=unit.province_code, scheme=scheme,
                                 day=day, collector=collector)
    counters_add(RecruitCount, "count", {key: (amount, row)})


@transaction.atomic
def recruit_voluntary_si(*, user, campaign: Campaign, **enroll) -> Enrollment:
    """Enroll a person in voluntary SI for the campaign (`enrollment.services.person_enroll_voluntary_si`)."""
    _open(campaign)
    recruited = enrollment_services.person_enroll_voluntary_si(user=user, **enroll)
    recruitments_record(user=user, campaign=campaign, enrollments=[recruited])
    return recruited


@transaction.atomic
def recruit_household(*, user, campaign: Campaign, **enroll) -> list[Enrollment]:
    """Enroll household members in household HI for the campaign (`enrollment.services.household_enroll`)."""
    _open(campaign)
    recruited = enrollment_services.household_enroll(user=user, **enroll)
    recruitments_record(user=user, campaign=campaign, enrollments=recruited)
    return recruited


# ---------------------------------------------------------------- results


def _check_overlap(campaign: Campaign, unit: Unit, day: dt.date, scheme: str, staff: Staff | None) -> None:
    """A result is reported once per unit × day × scheme × staff member; a unit's unattributed figure may not
    overlap a unit above or below it that reported the same day (the same people, counted twice)."""
    same_day = (ReportedResult.objects.filter(campaign=campaign, day=day, scheme=scheme, staff=staff)
                .select_related("unit"))
    exact = same_day.filter(unit=unit).first()
    if exact is not None:
        who = f"{staff.full_name} ({unit.name})" if staff else unit.name
        raise DomainError(f"{who} đã báo {exact.count} người {SCHEME_SHORT[scheme]} ngày {vn_date(day)}; "
                          "muốn sửa, hãy nhập điều chỉnh có lý do.", code=CampaignError.ALREADY_REPORTED, field="unit")
    if staff is not None:
        return
    for row in same_day:
        if row.unit.path.startswith(unit.path) or unit.path.startswith(row.unit.path):
            raise DomainError(f"{row.unit.name} đã báo số {SCHEME_SHORT[scheme]} ngày {vn_date(day)}; số của "
                              f"{unit.name} chồng lên số đó, sẽ bị đếm hai lần.", code=CampaignError.OVERLAPPING_REPORT,
                              field="unit")


def _team_led_by(user, campaign: Campaign) -> list[int]:
    """Ids of the staff in the campaign's teams that the user's staff record leads."""
    own = Staff.objects.filter(user=user).values_list("pk", flat=True)
    teams = Team.objects.filter(campaign=campaign, leader__in=own)
    return list(TeamMember.objects.filter(team__in=teams).values_list("staff_id", flat=True))


def may_enter_for(user, campaign: Campaign, staff: Staff) -> bool:
    """Whether the user may enter a staff member's results: an officer (who may correct figures) anyone's in the
    area; anyone else their own (the staff record linked to their account) and their team's when they lead it."""
    if user.may(Action.ENTER_FIGURES):
        return True
    return staff.user_id == user.pk or staff.pk in _team_led_by(user, campaign)


def _staff_in(campaign: Campaign, user, staff: Staff | None) -> None:
    if staff is not None and not may_enter_for(user, campaign, staff):
        raise PermissionDenied(f"Bạn chỉ nhập được kết quả của chính mình và của đội mình làm đội trưởng, không "
                               f"nhập cho {staff.full_name}.")


@transaction.atomic
def result_report(*, user, campaign: Campaign, unit: Unit, day: dt.date, scheme: str, count: int,
                  amount: int | None = None, note: str = "", source: str = "page", batch=None,
                  staff: Staff | None = None) -> ReportedResult:
    """Record new participants enrolled outside ansinh, reported for a unit on a day — a staff member's, or the
    unit's own without one. A unit's total is the sum of its staff's results and its unattributed ones; the
    recruits enrolled in ansinh are counted apart, so a report never repeats them."""
    campaign = _locked(campaign)
    _require(user, unit.path, Action.ENTER_RESULTS)
    _open(campaign)
    _scheme(scheme)
    _in_area(campaign, unit)
    _in_dates(campaign, day)
    _staff_in(campaign, user, staff)
    if count is None or count < 0:
        raise DomainError(f"Số người {count} không hợp lệ: không được âm (muốn giảm, hãy nhập điều chỉnh có lý do).",
                          code=CampaignError.NEGATIVE_COUNT, field="count")
    if amount is not None and amount < 0:
        raise DomainError("Số tiền không được âm.", code=CampaignError.NEGATIVE_AMOUNT, field="amount")
    _check_overlap(campaign, unit, day, scheme, staff)
    row = ReportedResult.objects.create(campaign=campaign, unit=unit, day=day, scheme=scheme, count=count,
                                        amount=amount, note=note.strip()[:255], source=source, batch=batch,
                                        staff=staff, created_by=user if user.is_authenticated else None)
    log_change(user=user, obj=row, action="import" if batch else "create", scope_path=unit.path,
               changes={"day": day, "scheme": scheme, "count": count, "source": source,
                        "staff": staff.code if staff else None})
    return row


def staff_unit(campaign: Campaign, staff: Staff, fallback: Unit) -> Unit:
    """The unit a staff member's reported results go in: their home unit when it lies in the campaign's area,
    else the unit of their team (`fallback`)."""
    home = staff.unit
    inside = home.era == campaign.era and home.path.startswith(campaign.area.path or f"{campaign.era}/")
    return home if inside else fallback


@transaction.atomic
def team_day_record(*, user, team: Team, day: dt.date, figures: dict[tuple[int, str], int]) -> int:
    """The day's results of a team's members, as the team leader types them: {(staff id, scheme): count} of people
    enrolled outside ansinh. A member's figure already entered that day is replaced (the change log keeps the
    old one); returns how many figures changed. Recruits enrolled in ansinh are counted apart, not typed."""
    campaign = _locked(team.campaign)
    _open(campaign)
    _in_dates(campaign, day)
    members = {m.staff_id: m.staff for m in TeamMember.objects.filter(team=team).select_related("staff__unit")}
    changed = 0
    for (staff_id, scheme), count in sorted(figures.items()):
        _scheme(scheme)
        staff = members.get(staff_id)
        if staff is None:
            raise DomainError(f"Nhân viên (id {staff_id}) không thuộc đội {team.code}.",
                              code=CampaignError.NOT_IN_TEAM, field="figures")
        if count is None or count < 0:
            raise DomainError(f"{staff.full_name}: số người {count} không hợp lệ (không được âm).",
                              code=CampaignError.NEGATIVE_COUNT, field="figures")
        unit = staff_unit(campaign, staff, team.unit)
        _require(user, unit.path, Action.ENTER_RESULTS)
        _staff_in(campaign, user, staff)
        row = ReportedResult.objects.filter(campaign=campaign, unit=unit, day=day, scheme=scheme, staff=staff).first()
        if row is None:
            if count:
                result_report(user=user, campaign=campaign, unit=unit, day=day, scheme=scheme, count=count,
                              staff=staff, note=f"Đội {team.code}")
                changed += 1
        elif row.count != count:
            log_change(user=user, obj=row, action="update", scope_path=unit.path,
                       changes={"count": [row.count, count], "staff": staff.code, "team": team.code})
            row.count = count
            row.save(update_fields=["count"])
            changed += 1
    return changed


def cell_figure(campaign: Campaign, *, unit: Unit, day: dt.date, scheme: str, staff: Staff | None = None) -> int:
    """The result of one unit × day × scheme, a staff member's (or the unit's unattributed one without `staff`):
    recruited in ansinh + reported + corrections."""
    where = {"campaign": campaign, "unit": unit, "day": day, "scheme": scheme}
    recruited = RecruitCount.objects.filter(**where, collector=staff).aggregate(n=Sum("count"))["n"] or 0
    reported = ReportedResult.objects.filter(**where, staff=staff).aggregate(n=Sum("count"))["n"] or 0
    corrected = Correction.objects.filter(**where, staff=staff).aggregate(n=Sum("delta"))["n"] or 0
    return recruited + reported + corrected


@transaction.atomic
def result_correct(*, user, campaign: Campaign, unit: Unit, day: dt.date, scheme: str, count: int, reason: str,
                   staff: Staff | None = None) -> Correction:
    """Correct a result: the figure of a unit × day × scheme (a staff member's, or the unit's unattributed one)
    becomes `count`, with a reason. The correction replaces the figure it corrects (it keeps both), so later
    recruits still add up, and a figure is never counted twice."""
    campaign = _locked(campaign)
    _require(user, unit.path, Action.ENTER_FIGURES)
    _open(campaign)
    _scheme(scheme)
    _in_area(campaign, unit)
    _in_dates(campaign, day)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Điều chỉnh phải có lý do.", code=CampaignError.REASON_REQUIRED, field="reason")
    if count is None or count < 0:
        raise DomainError(f"Số đúng {count} không hợp lệ: không được âm.", code=CampaignError.NEGATIVE_COUNT,
                          field="count")
    previous = cell_figure(campaign, unit=unit, day=day, scheme=scheme, staff=staff)
    who = f"{staff.full_name} tại {unit.name}" if staff else unit.name
    if previous < 0:
        previous = 0
    if count == previous:
        raise DomainError(f"{who} ngày {vn_date(day)} đã là {count} người {SCHEME_SHORT[scheme]}; không có gì để sửa.",
                          code=CampaignError.ZERO_CORRECTION, field="count")
    correction = Correction.objects.create(campaign=campaign, unit=unit, day=day, scheme=scheme, previous=previous,
                                           count=count, delta=count - previous, staff=staff, reason=reason[:300],
                                           created_by=user if user.is_authenticated else None)
    log_change(user=user, obj=correction, action="create", scope_path=unit.path,
               changes={"day": day, "scheme": scheme, "count": [previous, count], "reason": reason,
                        "staff": staff.code if staff else None})
    return correction
