"""Administrative units of both eras, the crosswalk, statistics and search."""

import datetime as dt

import pytest

from ansinh.geo import selectors
from ansinh.geo.choices import Era, Indicator, Level
from ansinh.geo.importers import load_statistics, load_units
from ansinh.geo.models import Unit, UnitSuccession
from ansinh.geo.validity import is_valid_on, successor, valid_on

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("era", "level", "count"),
    [
        pytest.param(Era.PRE_2025, Level.PROVINCE, 63, id="63-provinces-before-2025"),
        pytest.param(Era.PRE_2025, Level.DISTRICT, 696, id="696-districts-before-2025"),
        pytest.param(Era.PRE_2025, Level.COMMUNE, 10_035, id="10035-communes-before-2025"),
        pytest.param(Era.FROM_2025, Level.PROVINCE, 34, id="34-provinces-from-2025"),
        pytest.param(Era.FROM_2025, Level.DISTRICT, 0, id="no-districts-from-2025"),
        pytest.param(Era.FROM_2025, Level.COMMUNE, 3_321, id="3321-communes-from-2025"),
    ],
)
def test_unit_counts_per_era_and_level(units, era, level, count):
    on = dt.date(2025, 6, 30) if era == Era.PRE_2025 else dt.date(2025, 7, 1)
    assert valid_on(Unit.objects.filter(era=era, level=level), on).count() == count


@pytest.mark.parametrize(("code", "last_day", "on", "absorbed_by"), [
    pytest.param("25120", "2024-11-30", "2024-12-15", ("pre2025", "Xã Bà Gia"), id="doan-ket-into-ba-gia-1-12-2024"),
    pytest.param("25120", "2024-11-30", "2026-01-01", ("2025", "Xã Đạ Huoai 3"), id="doan-ket-today"),
    pytest.param("681", "2024-11-30", "2024-12-01", ("pre2025", "Huyện Đạ Huoai"), id="district-681-into-682"),
    pytest.param("25150", "2019-12-31", "2020-01-01", ("pre2025", "Xã Mỹ Đức"), id="ha-dong-into-my-duc-2020"),
    pytest.param("29251", "2024-12-31", "2025-01-01", ("pre2025", "Phường 3"), id="phuong-6-tra-vinh-2025"),
])
def test_units_ended_by_the_2019_2025_mergers(units, code, last_day, on, absorbed_by):
    ended = Unit.objects.get(era=Era.PRE_2025, code=code)
    assert ended.valid_until == dt.date.fromisoformat(last_day)
    assert is_valid_on(ended, ended.valid_until) and not is_valid_on(ended, dt.date.fromisoformat(on))
    later = successor(ended, dt.date.fromisoformat(on))
    assert (later.era, later.name) == absorbed_by


def test_the_old_structure_had_12_districts_in_lam_dong_in_2023(unit):
    lam_dong = unit("68", Era.PRE_2025)
    districts = Unit.objects.filter(parent=lam_dong)
    assert valid_on(districts, dt.date(2023, 6, 1)).count() == 12  # 2 cities + 10 huyện
    assert valid_on(districts, dt.date(2025, 6, 30)).count() == 10  # after 1245/NQ-UBTVQH15 (1/12/2024)
    row = UnitSuccession.objects.get(old__code="683", old__era=Era.PRE_2025)
    assert (row.new.code, row.effective, row.legal_ref, row.is_default) == (
        "682", dt.date(2024, 12, 1), "1245/NQ-UBTVQH15", False)


def test_unit_fields_are_as_officials_write_them(unit):
    tra_vinh = unit("84", Era.PRE_2025)
    assert (tra_vinh.name, tra_vinh.short_name, tra_vinh.unit_type) == ("Tỉnh Trà Vinh", "Trà Vinh", "Tỉnh")
    assert tra_vinh.ascii_key == "tinh tra vinh"
    assert tra_vinh.valid_until.isoformat() == "2025-06-30"
    assert tra_vinh.valid_from is None
    assert tra_vinh.parent.code == "VN"
    dak_glei = unit("610", Era.PRE_2025)
    assert (dak_glei.name, dak_glei.level, dak_glei.parent.code) == ("Huyện Đắk Glei", Level.DISTRICT, "62")
    assert dak_glei.path == "pre2025/62/610/"
    hanoi_ward = unit("00004", Era.FROM_2025)
    assert hanoi_ward.name == "Phường Ba Đình"
    assert hanoi_ward.parent.code == "01"
    assert hanoi_ward.valid_from.isoformat() == "2025-07-01"
    assert round(hanoi_ward.latitude, 4) == 21.0386


def test_same_code_in_both_eras_defaults_to_today(unit):
    assert unit("79").era == Era.FROM_2025
    assert unit("79", Era.PRE_2025).name == "Thành phố Hồ Chí Minh"


@pytest.mark.parametrize(
    ("old_code", "new_names"),
    [
        pytest.param("84", ["Tỉnh Vĩnh Long"], id="tra-vinh-into-vinh-long"),
        pytest.param("62", ["Tỉnh Quảng Ngãi"], id="kon-tum-into-quang-ngai"),
        pytest.param("68", ["Tỉnh Lâm Đồng"], id="lam-dong-stays-lam-dong"),
    ],
)
def test_province_crosswalk(unit, old_code, new_names):
    successors = selectors.unit_successors(unit(old_code, Era.PRE_2025))
    assert [s.new.name for s in successors] == new_names


def test_new_vinh_long_is_formed_from_three_old_provinces(unit):
    olds = [p.old.name for p in selectors.unit_predecessors(unit("86", Era.FROM_2025))]
    assert sorted(olds) == ["Tỉnh Bến Tre", "Tỉnh Trà Vinh", "Tỉnh Vĩnh Long"]


def test_dak_glei_district_goes_into_its_new_communes(unit):
    successors = selectors.unit_successors(unit("610", Era.PRE_2025))
    assert sorted(s.new.name for s in successors) == [
        "Xã Ngọc Linh", "Xã Xốp", "Xã Đăk Long", "Xã Đăk Môn", "Xã Đăk Plô", "Xã Đăk Pék",
    ]
    assert {s.new.parent.name for s in successors} == {"Tỉnh Quảng Ngãi"}


def test_partly_merged_communes_are_marked(units):
    split_olds = set(UnitSuccession.objects.filter(partly=True).values_list("old", flat=True))
    assert len(split_olds) == 471
    # every split old commune names exactly one default new commune
    defaults = UnitSuccession.objects.filter(old__in=split_olds, is_default=True)
    assert defaults.count() == 471
    assert len(set(defaults.values_list("old", flat=True))) == 471


def test_island_district_becomes_special_zone(unit):
    successors = selectors.unit_successors(unit("498", Era.PRE_2025))  # Huyện Hoàng Sa
    assert [s.new.name for s in successors] == ["Đặc khu Hoàng Sa"]


def test_every_old_commune_has_a_successor(units):
    orphans = Unit.objects.filter(era=Era.PRE_2025, level=Level.COMMUNE, successions__isnull=True)
    assert orphans.count() == 0


def test_load_units_twice_changes_nothing(units):
    before = (Unit.objects.count(), UnitSuccession.objects.count())
    report = load_units()
    assert report.changed is False
    assert report.created == {}
    assert report.updated == {}
    assert (Unit.objects.count(), UnitSuccession.objects.count()) == before
    assert load_statistics().changed is False


@pytest.mark.parametrize("query", ["tra vinh", "TRÀ VINH", "Tra Vinh", "trà vinh"])
def test_search_ignores_diacritics_and_case(units, query):
    assert selectors.unit_search(query)[0].name == "Tỉnh Trà Vinh"


def test_search_finds_dak_glei_district(units):
    assert selectors.unit_search("dak glei")[0].name == "Huyện Đắk Glei"


@pytest.mark.parametrize(
    ("era", "code", "indicator", "year", "value"),
    [
        pytest.param(Era.PRE_2025, "84", Indicator.POPULATION, 2019, 1_009_168, id="tra-vinh-census-2019"),
        pytest.param(Era.PRE_2025, "62", Indicator.POPULATION, 2019, 540_438, id="kon-tum-census-2019"),
        pytest.param(Era.PRE_2025, "01", Indicator.LABOUR_FORCE, 2016, 3_822_500, id="hanoi-labour-2016"),
    ],
)
def test_statistics_loaded_from_the_census_file(unit, era, code, indicator, year, value):
    stat = selectors.statistic_for(unit(code, era), indicator, year)
    assert (stat.year, stat.value) == (year, value)
    assert "Tổng cục Thống kê" in stat.source


def test_new_province_population_is_the_sum_of_its_old_provinces(unit):
    new = selectors.statistic_for(unit("86", Era.FROM_2025), Indicator.POPULATION, 2019).value
    olds = sum(selectors.statistic_for(unit(c, Era.PRE_2025), Indicator.POPULATION, 2019).value
               for c in ("83", "84", "86"))
    assert new == olds


def test_national_population_2019_adds_up(units):
    from ansinh.geo.models import UnitStatistic

    total = sum(UnitStatistic.objects.filter(unit__era=Era.PRE_2025, indicator=Indicator.POPULATION,
                                             year=2019).values_list("value", flat=True))
    assert total == 96_208_984


def test_every_unit_is_named_as_officials_write_it(units):
    from ansinh.geo.importers import UNIT_TYPES

    below_nation = units.objects.exclude(level="nation")
    assert below_nation.exclude(unit_type__in=UNIT_TYPES).count() == 0
    assert [u for u in below_nation.values_list("name", "unit_type", "short_name")
            if u[0] != f"{u[1]} {u[2]}"] == []
    # the package disambiguates "Yên Viên (Thị trấn)" and writes "Thị Trấn Ái Tử": neither reaches the units
    assert set(units.objects.filter(short_name="Yên Viên").values_list("name", flat=True)) == {
        "Thị trấn Yên Viên", "Xã Yên Viên"}
    assert units.objects.get(era="pre2025", code="19624").name == "Thị trấn Ái Tử"
    assert units.objects.filter(short_name__contains="(").count() == 0


@pytest.mark.parametrize(
    ("era", "code", "indicator", "year", "value"),
    [
        # GSO E02.37 "Tra Vinh" 578.7 / 561.3 / 535.8 thousand in 2019 / 2020 / 2021; E02.01 1,009.94 in 2020
        pytest.param(Era.PRE_2025, "84", Indicator.LABOUR_FORCE, 2019, 578_700, id="tra-vinh-labour-2019"),
        pytest.param(Era.PRE_2025, "84", Indicator.LABOUR_FORCE, 2021, 535_800, id="tra-vinh-labour-2021"),
        pytest.param(Era.PRE_2025, "84", Indicator.POPULATION, 2020, 1_009_940, id="tra-vinh-population-2020"),
        # E02.01 "Ha Noi" 8,717.63 thousand in 2024; Kon Tum E02.37 316.1 thousand in 2019 (its yearbook: 289,057)
        pytest.param(Era.PRE_2025, "01", Indicator.POPULATION, 2024, 8_717_630, id="hanoi-population-2024"),
        pytest.param(Era.PRE_2025, "62", Indicator.LABOUR_FORCE, 2019, 316_100, id="kon-tum-labour-2019"),
    ],
)
def test_statistics_loaded_from_gsos_yearly_tables(unit, era, code, indicator, year, value):
    stat = selectors.statistic_for(unit(code, era), indicator, year)
    assert (stat.year, stat.value) == (year, value)
    assert "Tổng cục Thống kê" in stat.source and ("E02.01" in stat.source or "E02.37" in stat.source)


def test_the_provinces_yearly_figures_add_up_to_gsos_national_row(unit):
    """GSO's WHOLE COUNTRY row: labour force 55,767.4 thousand in 2019 (the 63 provinces sum exactly), population
    101,343.75 thousand in 2024; today's 34 provinces hold the same totals as the 63."""
    from ansinh.geo.models import UnitStatistic

    def total(era, indicator, year):
        return sum(UnitStatistic.objects.filter(unit__era=era, unit__level=Level.PROVINCE, indicator=indicator,
                                                year=year).values_list("value", flat=True))

    assert total(Era.PRE_2025, Indicator.LABOUR_FORCE, 2019) == 55_767_400
    assert total(Era.PRE_2025, Indicator.POPULATION, 2024) == 101_343_750
    for indicator, year in ((Indicator.LABOUR_FORCE, 2019), (Indicator.POPULATION, 2024),
                            (Indicator.LABOUR_FORCE, 2025)):
        assert total(Era.FROM_2025, indicator, year) == total(Era.PRE_2025, indicator, year), (indicator, year)
