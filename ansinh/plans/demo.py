"""Demo plans and reported figures from the seed articles (cases A, B, D, E), each with its source.

Where an article printed a result but not its base (a plan, last year's figure), the base is derived
from the article's own numbers and marked `derived`, with the arithmetic in the note.
"""

import datetime as dt

from ansinh.geo.choices import Level
from ansinh.geo.models import Unit
from ansinh.geo.validity import valid_on
from ansinh.rules.indicators import split_counts

D = dt.date.fromisoformat

SOURCE_A = ("Tạp chí Nhân Đạo & Đời Sống: “BHXH tỉnh Trà Vinh — Phát huy tinh thần mỗi cán bộ là một tuyên "
            "truyền viên tích cực” (bài viết sau lễ ra quân 11–12/7/2020)")
SOURCE_B = "Bài “Ra quân hưởng ứng Ngày BHYT Việt Nam” (tin, ảnh: Dương Nương, Kon Tum)"
SOURCE_D = ("Bài “Thu hút 10 nghìn người tham gia bảo hiểm xã hội tự nguyện” (theo Nhân Dân), "
            "trang đăng ghi ngày 28/9/2022")
SOURCE_E = ("BHXH tỉnh Kon Tum: “Ban chỉ đạo thực hiện chính sách BHXH, BHYT tỉnh Kon Tum làm việc tại huyện Đăk "
            "Glei … 8 tháng đầu năm …” (Phương Trần)")

# (era, unit code, date, indicator, value, source, source date, extra fields)
FIGURES = [
    # A. Trà Vinh, 30/6/2020
    ("pre2025", "84", "2020-06-30", "voluntary_si", 8463, SOURCE_A, None,
     {"printed_plan_pct": "67.25", "note": "Bài báo: 8.463 người, đạt 67,25% kế hoạch được giao, tăng 2.578 người "
      "so với cuối năm 2019."}),
    ("pre2025", "84", "2020-06-30", "hi_participants", 964867, SOURCE_A, None,
     {"printed_plan_pct": "100.16", "note": "Bài báo: 964.867 người, đạt 100,16% kế hoạch được giao (số kế hoạch "
      "không được nêu)."}),
    ("pre2025", "84", "2020-06-30", "hi_coverage", "95.61", SOURCE_A, None,
     {"printed_plan_pct": "98.92", "note": "Bài báo: bao phủ 95,61% dân số, đạt 98,92% chỉ tiêu UBND tỉnh giao, "
      "vượt 6,23% so với chỉ tiêu Chính phủ giao."}),
    ("pre2025", "84", "2019-12-31", "voluntary_si", 5885, SOURCE_A, None,
     {"derived": True, "note": "Suy ra: 8.463 − 2.578 = 5.885 (bài báo: tăng 2.578 người so với cuối năm 2019)."}),
    # B. Kon Tum, end of June 2020
    ("pre2025", "62", "2020-06-30", "hi_participants", 485900, SOURCE_B, D("2020-07-11"),
     {"note": "Bài báo ghi 485,9 ngàn người (đã làm tròn đến trăm người)."}),
    ("pre2025", "62", "2020-06-30", "hi_coverage", 91, SOURCE_B, D("2020-07-11"),
     {"note": "Bài báo ghi tỷ lệ bao phủ 91% mà không nêu mẫu số; theo dân số Tổng điều tra 2019 (540.438) "
      "thì 485.900 người là 89,91%."}),
    ("pre2025", "62", "2020-06-30", "household_hi", 67286, SOURCE_B, D("2020-07-11"), {}),
    ("pre2025", "62", "2020-06-30", "voluntary_si", 4294, SOURCE_B, D("2020-07-11"),
     {"printed_plan_pct": "106.3", "note": "Bài báo: 4.294 người, đạt 106,3% kế hoạch (làm tròn một chữ số), "
      "tăng 1.657 người so với năm 2019."}),
    ("pre2025", "62", "2019-12-31", "voluntary_si", 2637, SOURCE_B, D("2020-07-11"),
     {"derived": True, "note": "Suy ra: 4.294 − 1.657 = 2.637 (bài báo: tăng 1.657 người so với năm 2019)."}),
    # National, June 2020 (same article as B)
    ("", "VN", "2020-06-30", "hi_participants", 86_000_000, SOURCE_B, D("2020-07-11"),
     {"note": "Bài báo: 86 triệu người tham gia BHYT, chiếm gần 90% dân số (số đã làm tròn)."}),
    ("", "VN", "2020-06-30", "voluntary_si", 574_000, SOURCE_B, D("2020-07-11"),
     {"note": "Bài báo: 574 ngàn người tham gia bảo hiểm tự nguyện (số đã làm tròn)."}),
    # D. National, end of Q1/2022
    ("", "VN", "2022-03-31", "si_participants", 16_400_000, SOURCE_D, D("2022-09-28"),
     {"note": "Bài báo: hơn 16,4 triệu người, đạt 32,47% lực lượng lao động trong độ tuổi, tăng 2,77% so cùng kỳ "
      "năm 2021."}),
    ("", "VN", "2022-03-31", "si_coverage", "32.47", SOURCE_D, D("2022-09-28"),
     {"note": "Tỷ lệ theo lực lượng lao động trong độ tuổi mà BHXH Việt Nam dùng năm 2022 (bài báo không nêu số)."}),
    ("", "VN", "2022-03-31", "voluntary_si", 1_300_000, SOURCE_D, D("2022-09-28"),
     {"note": "Bài báo: gần 1,3 triệu người, tăng 16,09% so cùng kỳ năm 2021."}),
    ("", "VN", "2021-03-31", "si_participants", 15_957_964, SOURCE_D, D("2022-09-28"),
     {"derived": True, "note": "Suy ra: 16.400.000 ÷ 1,0277 ≈ 15.957.964 (bài báo: tăng 2,77% so cùng kỳ)."}),
    ("", "VN", "2021-03-31", "voluntary_si", 1_119_821, SOURCE_D, D("2022-09-28"),
     {"derived": True, "note": "Suy ra: 1.300.000 ÷ 1,1609 ≈ 1.119.821 (bài báo: tăng 16,09% so cùng kỳ)."}),
    # E. Đăk Glei district, end of August 2023
    ("pre2025", "610", "2023-08-31", "si_coverage", "15.79", SOURCE_E, D("2023-09-15"),
     {"printed_plan_pct": "99.91", "note": "Bài báo: tỷ lệ bao phủ BHXH so với LLLĐ trong độ tuổi 15,79%, đạt hơn "
      "99,91% chỉ tiêu UBND tỉnh giao."}),
    ("pre2025", "610", "2023-08-31", "ui_coverage", "6.75", SOURCE_E, D("2023-09-15"),
     {"note": "Bài báo: tỷ lệ bao phủ BHTN 6,75%, đạt hơn 100% chỉ tiêu UBND huyện giao (chỉ tiêu không nêu)."}),
    ("pre2025", "610", "2023-08-31", "hi_coverage", "94.13", SOURCE_E, D("2023-09-15"),
     {"printed_plan_pct": "99.05", "printed_needed": 2218,
      "note": "Bài báo: tỷ lệ bao phủ BHYT 94,13%, đạt hơn 99,05% kế hoạch UBND huyện giao; để hoàn thành 100% "
      "chỉ tiêu UBND tỉnh giao cần phát triển thêm 2.218 người tham gia BHYT."}),
]

# (era, unit code, year, indicator, value, authority, source, note)
PLANS = [
    ("pre2025", "84", 2020, "voluntary_si", 12584, "bhxh", SOURCE_A,
     "Kế hoạch được giao năm 2020 (bài báo: 8.463 người đạt 67,25%)."),
    ("pre2025", "84", 2020, "hi_coverage", "96.65", "province", SOURCE_A, "Chỉ tiêu UBND tỉnh giao."),
    ("pre2025", "84", 2020, "hi_participants", 963326, "bhxh", SOURCE_A,
     "Suy ra: 964.867 ÷ 100,16% ≈ 963.326 (bài báo: 964.867 người, đạt 100,16% kế hoạch được giao; số kế hoạch "
     "không được nêu)."),
    ("pre2025", "84", 2020, "hi_coverage", "89.38", "government", SOURCE_A,
     "Suy ra: 95,61 − 6,23 = 89,38 (bài báo: vượt 6,23% so với chỉ tiêu Chính phủ giao)."),
    ("pre2025", "62", 2020, "voluntary_si", 4040, "bhxh", SOURCE_B,
     "Suy ra: 4.294 ÷ 106,3% ≈ 4.040 (bài báo không nêu số kế hoạch)."),
    ("pre2025", "610", 2023, "si_coverage", "15.80", "province", SOURCE_E,
     "Suy ra: 15,79% ÷ 99,91% ≈ 15,80% (bài báo không nêu chỉ tiêu). Với số đã làm tròn 15,79% ansinh tính được "
     "99,94%; bài báo ra 99,91% vì tính từ tỷ lệ chưa làm tròn (khoảng 15,786%)."),
    ("pre2025", "610", 2023, "hi_coverage", "95.03", "district", SOURCE_E,
     "Suy ra: 94,13% ÷ 99,05% ≈ 95,03% (bài báo không nêu chỉ tiêu)."),
]


# Trà Vinh's districts on 30/6/2020 get an ILLUSTRATIVE baseline so that the drill-down shows something: the
# province's reported counts split over its districts by their number of communes (largest remainder, so the
# parts add up to the province's figure exactly). Not BHXH's figures: each row says so.
ILLUSTRATIVE_DAY = D("2020-06-30")
ILLUSTRATIVE = {"voluntary_si": 8463, "hi_participants": 964867}
ILLUSTRATIVE_SOURCE = ("Minh hoạ của bản demo: số của tỉnh ngày 30/6/2020 (bài báo) chia cho các huyện theo số xã — "
                       "không phải số báo cáo của BHXH")


def illustrative_district_figures() -> list[tuple[Unit, str, int]]:
    """(district, indicator, value) of old Trà Vinh on 30/6/2020, split by the districts' numbers of communes."""
    province = Unit.objects.get(era="pre2025", code="84")
    districts = list(valid_on(Unit.objects.filter(parent=province, level=Level.DISTRICT), ILLUSTRATIVE_DAY)
                     .order_by("code"))
    communes = [valid_on(Unit.objects.filter(parent=d), ILLUSTRATIVE_DAY).count() for d in districts]
    return [(district, indicator, part) for indicator, total in ILLUSTRATIVE.items()
            for district, part in zip(districts, split_counts(total, communes), strict=True)]


def load_demo(stdout=None) -> dict[str, int]:
    """Record the demo plans and figures (idempotent: a second run changes nothing)."""
    from ansinh.accounts.models import User
    from ansinh.plans.services import figure_record, plan_record

    admin = User.objects.filter(username="admin").first() or User.objects.filter(is_superuser=True).first()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    units = {}

    def unit(era: str, code: str) -> Unit:
        if (era, code) not in units:
            units[(era, code)] = Unit.objects.get(era=era, code=code)
        return units[(era, code)]

    for era, code, on, indicator, value, source, source_date, extra in FIGURES:
        _, what = figure_record(user=admin, unit=unit(era, code), on=D(on), indicator=indicator, value=value,
                                source=source, source_date=source_date, **extra)
        counts[what] += 1
    for district, indicator, value in illustrative_district_figures():
        _, what = figure_record(user=admin, unit=district, on=ILLUSTRATIVE_DAY, indicator=indicator, value=value,
                                source=ILLUSTRATIVE_SOURCE, derived=True,
                                note="Minh hoạ để trang chi tiết theo huyện có số liệu; thay bằng báo cáo tháng của "
                                     "BHXH (ansinh import figures, một dòng một đơn vị).")
        counts[what] += 1
    for era, code, year, indicator, value, authority, source, note in PLANS:
        _, what = plan_record(user=admin, unit=unit(era, code), year=year, indicator=indicator, value=value,
                              authority=authority, source=source, note=note)
        counts[what] += 1
    if stdout is not None:
        stdout.write(f"Kế hoạch, số liệu báo cáo (bài báo mẫu): {counts['created']} thêm mới, "
                     f"{counts['updated']} cập nhật, {counts['unchanged']} giữ nguyên.")
    return counts
