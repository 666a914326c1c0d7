"""Demo campaigns replaying the seed articles (docs/campaigns.md, /work/shared/domain/cases.md A, C, D).

- A. Trà Vinh, launch day 11/7/2020 (+12/7): targets 700 voluntary SI and 1,300 household HI; 76 teams;
  925 + 40 voluntary SI and 1,186 household HI recruited — generated as individual people (bulk path)
  so that teams, staff and retention mean something: 132.14% and 91.23% on 11/7, 137.86% after 12/7.
- The same article's Quảng Nam drive (11–12/7/2020): 403 and 1,391 reported as aggregates (no people).
- C. Lâm Đồng, 22–31/7/2023: 184 BHXH staff × quota 1 + 2 → targets 184 and 368; stay until 31/12/2023.
- D. National month of mobilisation, from the online launch of 8/5/2022: 10,000 new voluntary SI.

Idempotent: a campaign that exists is left as it is. Takes a couple of seconds.
"""

import datetime as dt
import random

from django.db import transaction

from ansinh.campaigns import services
from ansinh.campaigns.choices import ActivityKind
from ansinh.campaigns.demo_people import RecruitBatch, generate_recruits, person_name
from ansinh.campaigns.models import Campaign
from ansinh.geo.models import Unit
from ansinh.network.models import CollectionPoint, Staff, searchable
from ansinh.rules.indicators import split_counts

D = dt.date.fromisoformat
VSI, HH = "voluntary_si", "household_hi"
TRA_VINH, QUANG_NAM, LAM_DONG, NATIONAL = ("tra-vinh-ra-quan-2020", "quang-nam-ra-quan-2020",
                                           "lam-dong-ra-quan-2023", "thang-van-dong-bhxh-toan-dan-2022")
SEED_001 = ("Tạp chí Nhân Đạo & Đời sống: “BHXH tỉnh Trà Vinh — Phát huy tinh thần mỗi cán bộ là một tuyên truyền "
            "viên tích cực” (7/2020).")


def _unit(code: str, era: str = "pre2025") -> Unit:
    return Unit.objects.get(code=code, era=era)


def _system_user():
    from ansinh.accounts.models import User

    user = User.objects.filter(username="admin").first()
    if user is None:
        from ansinh.accounts.demo import load_demo_users

        load_demo_users()
        user = User.objects.get(username="admin")
    return user


def _staff(*, code: str, name: str, organisation: str, unit: Unit, point=None) -> Staff:
    return Staff.objects.create(code=code, full_name=name, organisation=organisation, unit=unit,
                                province_code=unit.province_code, collection_point=point)


def load_demo(stdout=None) -> None:
    """Create the demo campaigns of cases A, C and D (and Quảng Nam's drive) if they are missing."""
    user = _system_user()
    for slug, build in ((TRA_VINH, _tra_vinh), (QUANG_NAM, _quang_nam), (LAM_DONG, _lam_dong),
                        (NATIONAL, _national)):
        if Campaign.objects.filter(slug=slug).exists():
            continue
        with transaction.atomic():
            message = build(user)
        if stdout is not None:
            stdout.write(f"Chiến dịch: {message}\n")


# ---------------------------------------------------------------- A. Trà Vinh 2020


def _tra_vinh(user) -> str:
    province = _unit("84")
    campaign = services.campaign_create(
        user=user, slug=TRA_VINH, name="Lễ ra quân ngày BHYT Việt Nam 2020 — Trà Vinh",
        theme="Tuyên truyền vận động người dân tham gia BHXH tự nguyện, BHYT hộ gia đình",
        start_date=D("2020-07-11"), end_date=D("2020-07-12"), area=province,
        organisers="BHXH tỉnh Trà Vinh\nBưu điện tỉnh Trà Vinh\nBHXH và Bưu điện 9 huyện, thị xã, thành phố",
        joint_plan="2043/KHLT-BHXH-BĐVN ngày 24/6/2020 của BHXH Việt Nam và Bưu điện Việt Nam",
        target_groups="Người lao động tự do; Hộ gia đình chưa có thẻ BHYT",
        notes=f"Nguồn: {SEED_001} Kết quả theo bài báo: 11/7 — 925 người BHXH tự nguyện, 1.186 người BHYT hộ "
              "gia đình; 12/7 — thêm 40 người BHXH tự nguyện (bài báo in 137,85% do cắt số; đúng là 137,86%). "
              "Người tham gia, đội viên và cách chia chỉ tiêu theo huyện là dữ liệu sinh ra để trình diễn.")
    services.target_set(user=user, campaign=campaign, unit=province, scheme=VSI, count=700,
                        basis="Kế hoạch ngày ra quân (bài báo)")
    services.target_set(user=user, campaign=campaign, unit=province, scheme=HH, count=1300,
                        basis="Kế hoạch ngày ra quân (bài báo)")
    rng = random.Random(842020)
    districts = list(Unit.objects.filter(parent=province).order_by("code"))
    communes = {d.pk: list(Unit.objects.filter(parent=d).order_by("code")) for d in districts}
    team_counts = split_counts(76, [len(communes[d.pk]) for d in districts])
    plan, n = [], 0
    for district, k in zip(districts, team_counts, strict=True):
        point = CollectionPoint.objects.create(code=f"RQ84-BD-{district.code}", name=f"Bưu điện {district.short_name}",
                                               kind="post_office", unit=district, province_code="84")
        share = split_counts(len(communes[district.pk]), [1] * k)
        pos = 0
        for j in range(k):
            n += 1
            areas = communes[district.pk][pos:pos + share[j]]
            pos += share[j]
            bhxh = Staff(code=f"TV20-BH-{n:03d}", full_name=person_name(rng, rng.choice("MF")), organisation="bhxh",
                         unit=district, province_code="84")
            post = Staff(code=f"TV20-BD-{n:03d}", full_name=person_name(rng, rng.choice("MF")), organisation="post",
                         unit=district, province_code="84", collection_point=point)
            plan.append((n, district, areas, [bhxh, post], point))
    everyone = [staff for *_, members, _point in plan for staff in members]
    for staff in everyone:
        staff.search_text = searchable(staff.code, staff.full_name)  # bulk_create skips Staff.save()
    Staff.objects.bulk_create(everyone)
    teams = []
    for n, district, areas, members, point in plan:
        team = services.team_create(user=user, campaign=campaign, code=f"Đ{n:02d}",
                                    name=f"Đội {n:02d} — {district.short_name}", unit=district, areas=areas,
                                    leader=members[0], members=members[1:])
        teams.append((team, areas, members, point))
    for scheme in (VSI, HH):
        services.target_split(user=user, campaign=campaign, unit=province, scheme=scheme, into="units", by="teams")
    weights = [rng.randint(6, 18) for _ in teams]
    results = [(D("2020-07-11"), VSI, 925), (D("2020-07-12"), VSI, 40), (D("2020-07-11"), HH, 1186)]
    batches = []
    for day, scheme, total in results:
        day_weights = weights if total > 100 else [rng.random() for _ in teams]
        for (_team, areas, members, point), count in zip(teams, split_counts(total, day_weights), strict=True):
            for i, part in enumerate(split_counts(count, [3, 2])):
                if part:
                    batches.append(RecruitBatch(scheme=scheme, day=day, commune=areas[i % len(areas)],
                                                collector=members[i], point=point, count=part))
    recruits = generate_recruits(user=user, campaign=campaign, batches=batches, prefix="RQ84-2020", seed=842020)
    _activities(user, campaign, [
        ("2020-07-11", province, ActivityKind.LAUNCH, None, "BHXH tỉnh và Bưu điện tỉnh",
         "Lễ ra quân hưởng ứng ngày BHYT Việt Nam"),
        ("2020-07-11", province, ActivityKind.PARADE, None, "Các trục đường chính",
         "Đoàn xe diễu hành trên các trục đường chính (bài báo không nêu số xe)"),
        ("2020-07-11", _unit("849"), ActivityKind.LEAFLETS, None, "Các nhóm chợ huyện Trà Cú",
         "Cán bộ BHXH huyện Trà Cú phát tờ rơi và tuyên truyền cho người dân"),
    ])
    for team, areas, _members, _point in teams:
        services.activity_record(user=user, campaign=campaign, unit=areas[0], day=D("2020-07-11"),
                                 kind=ActivityKind.DOOR_TO_DOOR, team=team, participants=2,
                                 note="Đi từng ngõ, từng hộ dân tuyên truyền mức đóng, mức hưởng")
    services.campaign_close(user=user, campaign=campaign)
    return f"{campaign.name}: {len(teams)} đội, {recruits} người tham gia mới (sinh ra)."


def _activities(user, campaign, rows) -> None:
    for day, unit, kind, quantity, place, note in rows:
        services.activity_record(user=user, campaign=campaign, unit=unit, day=D(day), kind=kind, quantity=quantity,
                                 place=place, note=note)


# ---------------------------------------------------------------- Quảng Nam 2020 (same article)


def _quang_nam(user) -> str:
    province = _unit("49")
    campaign = services.campaign_create(
        user=user, slug=QUANG_NAM, name="Lễ ra quân ngày BHYT Việt Nam 2020 — Quảng Nam",
        theme="Tuyên truyền vận động người dân tham gia BHXH tự nguyện, BHYT hộ gia đình",
        start_date=D("2020-07-11"), end_date=D("2020-07-12"), area=province,
        organisers="BHXH tỉnh Quảng Nam\nBưu điện tỉnh Quảng Nam\nBHXH và Bưu điện 17 huyện, thị xã, thành phố",
        joint_plan="2043/KHLT-BHXH-BĐVN ngày 24/6/2020 của BHXH Việt Nam và Bưu điện Việt Nam",
        notes=f"Nguồn: {SEED_001} Bài báo chỉ nêu tổng 2 ngày 11–12/7 (403 BHXH tự nguyện, 1.391 BHYT hộ gia đình), "
              "ghi vào ngày 12/7 dưới dạng số báo cáo tổng hợp; không nêu chỉ tiêu.")
    for scheme, count in ((VSI, 403), (HH, 1391)):
        services.result_report(user=user, campaign=campaign, unit=province, day=D("2020-07-12"), scheme=scheme,
                               count=count, source="demo", note="Tổng 2 ngày 11–12/7 (bài báo không tách theo ngày)")
    _activities(user, campaign, [
        ("2020-07-11", _unit("502"), ActivityKind.PARADE, 30, "Thành phố Tam Kỳ",
         "Đoàn diễu hành 30 xe máy và ô tô, phát thanh lưu động"),
        ("2020-07-11", province, ActivityKind.PARADE, None, "17 huyện, thị xã, thành phố",
         "Mỗi huyện một đoàn 10–15 xe máy, ô tô trên các tuyến liên thôn, liên xã"),
        ("2020-07-11", province, ActivityKind.LEAFLETS, None, "Khu dân cư, chợ",
         "Nhóm nhỏ viên chức BHXH và nhân viên Bưu điện cấp phát tờ gấp"),
    ])
    services.campaign_close(user=user, campaign=campaign)
    return f"{campaign.name}: số báo cáo tổng hợp 403 và 1.391."


# ---------------------------------------------------------------- C. Lâm Đồng 2023


def _lam_dong(user) -> str:
    province = _unit("68")
    campaign = services.campaign_create(
        user=user, slug=LAM_DONG, name="Đợt ra quân vận động BHXH tự nguyện, BHYT hộ gia đình 2023 — Lâm Đồng",
        theme="Tuyên truyền rộng rãi ý nghĩa nhân văn của chính sách BHXH tự nguyện, BHYT hộ gia đình",
        start_date=D("2023-07-22"), end_date=D("2023-07-31"), area=province, retention_date=D("2023-12-31"),
        organisers="BHXH tỉnh Lâm Đồng\nBưu điện tỉnh Lâm Đồng\nBHXH và Bưu điện các huyện, thành phố",
        target_groups="Nông dân; Lao động phi chính thức; Người được hỗ trợ mức đóng BHYT theo Nghị quyết "
                      "143/NQ-HĐND ngày 9/12/2022 của HĐND tỉnh",
        notes="Nguồn: Báo Lâm Đồng online, 22/7/2023. Mỗi viên chức, người lao động BHXH vận động tối thiểu 1 người "
              "BHXH tự nguyện và 2 người BHYT hộ gia đình, tham gia bền vững ít nhất đến hết năm 2023. Bài báo không "
              "nêu kết quả. Danh sách 184 cán bộ là dữ liệu sinh ra để trình diễn.")
    rng = random.Random(682023)
    offices = [province, *Unit.objects.filter(parent=province).order_by("code")]
    sizes = split_counts(184, [40] + [14] * (len(offices) - 1))
    staff, n = [], 0
    for i, (office, size) in enumerate(zip(offices, sizes, strict=True)):
        members = []
        for _ in range(size):
            n += 1
            members.append(_staff(code=f"LD23-{n:03d}", name=person_name(rng, rng.choice("MF")), organisation="bhxh",
                                  unit=office))
        label = "Văn phòng BHXH tỉnh" if office == province else f"BHXH {office.short_name}"
        services.team_create(user=user, campaign=campaign, code=f"T{i:02d}",
                             name=label, unit=office, leader=members[0], members=members[1:])
        staff += members
    services.targets_from_quota(user=user, campaign=campaign, per_staff={VSI: 1, HH: 2}, staff=staff,
                                label="viên chức BHXH")
    _activities(user, campaign, [
        ("2023-07-22", province, ActivityKind.LAUNCH, None, "BHXH tỉnh Lâm Đồng, 8 giờ sáng",
         "Phó Giám đốc BHXH tỉnh Trần Văn Sơn phát động xuất quân"),
        ("2023-07-22", _unit("672"), ActivityKind.PARADE, None, "Thành phố Đà Lạt", "Đoàn diễu hành cổ động"),
        ("2023-07-22", province, ActivityKind.VSSID, None, "Toàn tỉnh",
         "Hướng dẫn người dân cài đặt, sử dụng ứng dụng VssID (bài báo không nêu số lượng)"),
    ])
    return f"{campaign.name}: 184 viên chức → chỉ tiêu 184 và 368."


# ---------------------------------------------------------------- D. National month 2022


def _national(user) -> str:
    nation = Unit.objects.get(level="nation")
    campaign = services.campaign_create(
        user=user, slug=NATIONAL,
        name="Tháng vận động triển khai BHXH toàn dân 2022 — Lễ ra quân trực tuyến",
        theme="Bảo hiểm xã hội – điểm tựa của bạn và gia đình",
        start_date=D("2022-05-08"), end_date=D("2022-05-31"), area=nation,
        organisers="BHXH Việt Nam\nBưu điện Việt Nam\nBHXH và Bưu điện các tỉnh, thành phố, quận, huyện",
        target_groups="Người lao động tự do, khu vực phi chính thức",
        notes="Nguồn: Nhân Dân, “Thu hút 10 nghìn người tham gia bảo hiểm xã hội tự nguyện” (2022). Mục tiêu 10 "
              "nghìn người tham gia BHXH tự nguyện trong và sau lễ ra quân 8/5/2022; thời gian đến 31/5/2022 là giả "
              "định của dữ liệu trình diễn. Chỉ tiêu từng tỉnh là chỉ tiêu chia theo dân số (minh hoạ); bài báo "
              "không nêu kết quả.")
    services.target_set(user=user, campaign=campaign, unit=nation, scheme=VSI, count=10_000,
                        basis="Mục tiêu của BHXH Việt Nam và Bưu điện Việt Nam (bài báo)")
    services.target_split(user=user, campaign=campaign, unit=nation, scheme=VSI, into="units", by="population")
    _activities(user, campaign, [
        ("2022-05-08", nation, ActivityKind.LAUNCH, None, "Điểm cầu Trung ương, trực tuyến tới các tỉnh, huyện",
         "Lễ ra quân trực tuyến, tiếp sóng tại điểm cầu BHXH các tỉnh, huyện"),
        ("2022-05-08", nation, ActivityKind.BROADCAST, None, "Các điểm cầu Trung ương và tỉnh",
         "Truyền thông lưu động bằng ô tô và xe máy"),
    ])
    return f"{campaign.name}: mục tiêu 10.000 người."
