"""Provincial HI top-ups shipped from the resolutions read (docs/research/local-support.md): each on the day before and
the day of its entry into force (and after its end where it has one), with age bands and the province's own groups.

By hand, 12 months of household HI, 4.5 % of the base salary a month:
- base 1,490,000 (1/7/2019–30/6/2023): 67,050 a month, 804,600 a year;
- base 1,800,000 (1/7/2023–30/6/2024): 81,000 a month, 972,000 a year;
- base 2,340,000 (1/7/2024–30/6/2026): 105,300 a month, 1,263,600 a year; the second member's 70 % 73,710;
- base 2,530,000 (from 1/7/2026): 113,850 a month, 1,366,200 a year.
The state pays (Decree 146/2018, then 188/2025) 70 % for the near-poor and ethnic minorities of communes that left
the difficult areas, 30 % for agricultural households of average living standard, 30 % for pupils and students
(50 % from 1/7/2025); the province's percent is of the member's own contribution.
"""

from datetime import date

import pytest

from ansinh.rules import HouseholdHIInput, HouseholdMember, household_hi_quote
from ansinh.rules.quote import Status


def one(province: str, on: date, **member) -> int:
    """What one person pays for 12 months as the household's only (first) member, or in a group."""
    quote = household_hi_quote(HouseholdHIInput(on=on, members=(HouseholdMember(**member),), province=province))
    return quote.total


@pytest.mark.parametrize(("province", "on", "member", "payable"), [
    # Hồ Chí Minh City, NQ 56/2025/NQ-HĐND, in force 14/11/2025: pupils +50 % (pay nothing), 65 to under 75 100 %.
    pytest.param("79", date(2025, 11, 13), {"group": "student", "local_groups": ("pupil",)}, 631_800,
                 id="hcmc_nq56_2025_pupil_day_before"),
    pytest.param("79", date(2025, 11, 14), {"group": "student", "local_groups": ("pupil",)}, 0,
                 id="hcmc_nq56_2025_pupil_first_day"),
    pytest.param("79", date(2025, 11, 14), {"group": "student"}, 631_800,
                 id="hcmc_nq56_2025_university_student_not_a_pupil"),
    pytest.param("79", date(2025, 11, 13), {"age": 70}, 1_263_600, id="hcmc_nq56_2025_aged_70_day_before"),
    pytest.param("79", date(2025, 11, 14), {"age": 70}, 0, id="hcmc_nq56_2025_aged_70_first_day"),
    pytest.param("79", date(2025, 11, 14), {"age": 65}, 0, id="hcmc_nq56_2025_aged_65_in_the_band"),
    pytest.param("79", date(2025, 11, 14), {"age": 64}, 1_263_600, id="hcmc_nq56_2025_aged_64_below_the_band"),
    pytest.param("79", date(2025, 11, 14), {"age": 75}, 1_263_600, id="hcmc_nq56_2025_aged_75_above_the_band"),
    pytest.param("79", date(2025, 11, 14), {}, 1_263_600, id="hcmc_nq56_2025_age_unknown_no_top_up"),
    # Hà Nội, NQ 19/2025/NQ-HĐND, in force 1/1/2026 (adopted 9/7/2025).
    pytest.param("01", date(2025, 12, 31), {"age": 72}, 1_263_600, id="ha_noi_nq19_2025_aged_72_day_before"),
    pytest.param("01", date(2026, 1, 1), {"age": 72}, 0, id="ha_noi_nq19_2025_aged_72_first_day"),
    pytest.param("01", date(2026, 7, 1), {"age": 74}, 0, id="ha_noi_nq19_2025_aged_74_new_base"),
    pytest.param("01", date(2026, 7, 1), {"age": 75}, 1_366_200, id="ha_noi_nq19_2025_aged_75_new_base"),
    pytest.param("01", date(2026, 1, 1), {"local_groups": ("left_poverty",)}, 0, id="ha_noi_nq19_2025_left_poverty"),
    pytest.param("01", date(2026, 1, 1), {"local_groups": ("ethnic_minority_no_card",)}, 0,
                 id="ha_noi_nq19_2025_ethnic_minority_no_card"),
    # mildly disabled without a card, "không bao gồm trẻ em khuyết tật nhẹ dưới 16 tuổi": 15 pays in full, 16 nothing
    pytest.param("01", date(2026, 1, 1), {"local_groups": ("disabled_mild",), "age": 15}, 1_263_600,
                 id="ha_noi_nq19_2025_disabled_mild_aged_15_not_covered"),
    pytest.param("01", date(2026, 1, 1), {"local_groups": ("disabled_mild",), "age": 16}, 0,
                 id="ha_noi_nq19_2025_disabled_mild_aged_16"),
    # agricultural household: 30 % state (31,590) + 30 % city (31,590) → 42,120 a month
    pytest.param("01", date(2025, 12, 31), {"group": "agri_average"}, 884_520, id="ha_noi_nq19_2025_agri_day_before"),
    pytest.param("01", date(2026, 1, 1), {"group": "agri_average"}, 505_440, id="ha_noi_nq19_2025_agri_first_day"),
    # ethnic minority of a commune out of the difficult areas: 70 % state + 30 % city
    pytest.param("01", date(2025, 12, 31), {"group": "ethnic_minority_left_difficult_area"}, 379_080,
                 id="ha_noi_nq19_2025_ethnic_minority_left_day_before"),
    pytest.param("01", date(2026, 1, 1), {"group": "ethnic_minority_left_difficult_area"}, 0,
                 id="ha_noi_nq19_2025_ethnic_minority_left_first_day"),
    # Gia Lai (old, 64), NQ 129/2020/NQ-HĐND for 2021: near-poor +30 %, agricultural households +20 %.
    pytest.param("64", date(2020, 12, 31), {"group": "near_poor"}, 241_380, id="gia_lai_nq129_2020_near_poor_2020"),
    pytest.param("64", date(2021, 1, 1), {"group": "near_poor"}, 0, id="gia_lai_nq129_2020_near_poor_2021"),
    pytest.param("64", date(2021, 6, 1), {"group": "agri_average"}, 402_300, id="gia_lai_nq129_2020_agri_2021"),
    pytest.param("64", date(2022, 1, 1), {"group": "agri_average"}, 563_220, id="gia_lai_nq129_2020_agri_2022_none"),
    # NQ 48/2022/NQ-HĐND from 19/12/2022: agricultural households +10 % (6,705) → 40,230 a month
    pytest.param("64", date(2022, 12, 18), {"group": "agri_average"}, 563_220, id="gia_lai_nq48_2022_day_before"),
    pytest.param("64", date(2022, 12, 19), {"group": "agri_average"}, 482_760, id="gia_lai_nq48_2022_first_day"),
    # today's Gia Lai (52), NQ 35/2025/NQ-HĐND from 1/1/2026: ethnic-minority students pay 20 %, farmers 50 %.
    pytest.param("52", date(2025, 12, 31), {"group": "student", "local_groups": ("ethnic_minority_student",)},
                 631_800, id="gia_lai_nq35_2025_ethnic_minority_student_day_before"),
    pytest.param("52", date(2026, 1, 1), {"group": "student", "local_groups": ("ethnic_minority_student",)},
                 252_720, id="gia_lai_nq35_2025_ethnic_minority_student_pays_20_percent"),
    pytest.param("52", date(2026, 1, 1), {"group": "agri_average"}, 631_800,
                 id="gia_lai_nq35_2025_agri_pays_50_percent"),
    pytest.param("52", date(2026, 1, 1), {"group": "near_poor"}, 0, id="gia_lai_nq35_2025_near_poor_pays_nothing"),
    # Quảng Ninh, NQ 91/2025/NQ-HĐND from 1/1/2026 to 2030: 65 and over 100 %, ethnic minorities of mountain areas.
    pytest.param("22", date(2025, 12, 31), {"age": 80}, 1_263_600, id="quang_ninh_nq91_2025_aged_80_day_before"),
    pytest.param("22", date(2026, 1, 1), {"age": 80}, 0, id="quang_ninh_nq91_2025_aged_80_first_day"),
    pytest.param("22", date(2026, 1, 1), {"age": 64}, 1_263_600, id="quang_ninh_nq91_2025_aged_64"),
    pytest.param("22", date(2031, 1, 1), {"age": 80}, 1_366_200, id="quang_ninh_nq91_2025_after_2030"),
    pytest.param("22", date(2026, 1, 1), {"local_groups": ("ethnic_minority_mountain",)}, 0,
                 id="quang_ninh_nq91_2025_ethnic_minority_mountain"),
    # Hải Dương (old, 30), 70 % for 65 to under 70, 1/8/2023 to the merger: 81,000 − 56,700 = 24,300 a month.
    pytest.param("30", date(2023, 7, 31), {"age": 66}, 972_000, id="hai_duong_2023_unnumbered_aged_66_day_before"),
    pytest.param("30", date(2023, 8, 1), {"age": 66}, 291_600, id="hai_duong_2023_unnumbered_aged_66_first_day"),
    pytest.param("30", date(2024, 1, 1), {"age": 70}, 972_000, id="hai_duong_2023_unnumbered_aged_70_above_the_band"),
    pytest.param("30", date(2025, 6, 30), {"age": 66}, 379_080,
                 id="hai_duong_2023_unnumbered_last_day_of_the_old_province"),
    pytest.param("30", date(2025, 7, 1), {"age": 66}, 1_263_600, id="hai_duong_2023_unnumbered_after_the_merger"),
    # Cà Mau (old, 96), from 1/8/2020: near-poor 70 % + 30 %, pupils and students 30 % + 20 %.
    pytest.param("96", date(2020, 7, 31), {"group": "student"}, 563_220,
                 id="ca_mau_2020_unnumbered_student_day_before"),
    pytest.param("96", date(2020, 8, 1), {"group": "student"}, 402_300, id="ca_mau_2020_unnumbered_student_first_day"),
    pytest.param("96", date(2021, 1, 1), {"group": "near_poor"}, 0, id="ca_mau_2020_unnumbered_near_poor"),
    pytest.param("96", date(2025, 7, 1), {"group": "student"}, 631_800,
                 id="ca_mau_2020_unnumbered_old_province_after_merger"),
    # Đồng Nai, NQ 36/2025/NQ-HĐND from 1/1/2026 to 2030: 100 % for its groups, 70 to under 75 in area-I communes.
    pytest.param("75", date(2025, 12, 31), {"local_groups": ("serious_illness",)}, 1_263_600,
                 id="dong_nai_nq36_2025_serious_illness_day_before"),
    pytest.param("75", date(2026, 1, 1), {"local_groups": ("serious_illness",)}, 0,
                 id="dong_nai_nq36_2025_serious_illness_first_day"),
    pytest.param("75", date(2026, 1, 1), {"local_groups": ("area_i_resident",), "age": 72}, 0,
                 id="dong_nai_nq36_2025_aged_72_in_area_i"),
    pytest.param("75", date(2026, 1, 1), {"local_groups": ("area_i_resident",), "age": 69}, 1_263_600,
                 id="dong_nai_nq36_2025_aged_69_in_area_i"),
    pytest.param("75", date(2026, 1, 1), {"age": 72}, 1_263_600, id="dong_nai_nq36_2025_aged_72_elsewhere"),
    pytest.param("75", date(2030, 12, 31), {"local_groups": ("left_poverty",)}, 0,
                 id="dong_nai_nq36_2025_left_poverty_2030"),
    pytest.param("75", date(2031, 1, 1), {"local_groups": ("left_poverty",)}, 1_366_200,
                 id="dong_nai_nq36_2025_after_2030"),
])
def test_a_provinces_hi_top_up_from_the_day_its_resolution_came_into_force(province, on, member, payable):
    assert one(province, on, **member) == payable


def test_an_age_band_applies_to_the_member_inside_it_only():
    # Hồ Chí Minh City 2026: a couple of 40 and 68. The first pays in full; the second's 70 % (73,710 a month) is
    # paid by the city, and the line says why.
    quote = household_hi_quote(HouseholdHIInput(on=date(2026, 3, 1), province="79", members=(
        HouseholdMember(name="Chồng", age=40), HouseholdMember(name="Vợ", age=68))))
    assert [m.total for m in quote.members] == [1_263_600, 0]
    assert quote.local_support_total == 884_520
    local = [line for line in quote.lines if line.code == "local_support"]
    assert [line.reason for line in local] == [
        "Thành viên thứ 2 (Vợ): ngân sách địa phương (Thành phố Hồ Chí Minh) hỗ trợ thêm 100% (người từ đủ 65 tuổi "
        "đến dưới 75 tuổi) = 73.710 đ/tháng × 12 tháng"]
    assert local[0].legal_ref.startswith("Nghị quyết 56/2025/NQ-HĐND")


def test_a_reused_province_code_names_the_province_of_the_day():
    # 52 is Bình Định before 1/7/2025 and today's Gia Lai after: the local line names Gia Lai in 2026.
    quote = household_hi_quote(HouseholdHIInput(on=date(2026, 1, 1), province="52", members=(
        HouseholdMember(group="near_poor"),)))
    assert "ngân sách địa phương (Tỉnh Gia Lai)" in quote.lines[-1].reason


def test_a_row_whose_resolution_number_is_not_found_is_shipped_unconfirmed():
    quote = household_hi_quote(HouseholdHIInput(on=date(2024, 1, 1), province="30", members=(
        HouseholdMember(age=66),)))
    local = quote.lines[-1]
    assert (local.code, local.status) == ("local_support", Status.UNCONFIRMED)
    assert "số hiệu chưa tra được" in local.legal_ref
