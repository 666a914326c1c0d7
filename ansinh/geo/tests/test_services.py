"""An officer adds or corrects a year's figure inside the area, with a change-log entry."""

import pytest

from ansinh.core.changelog import changes_for
from ansinh.core.errors import DomainError, NotFound
from ansinh.geo.choices import Era, Indicator
from ansinh.geo.importers import load_statistics
from ansinh.geo.services import statistic_record

pytestmark = pytest.mark.django_db


def test_officer_adds_then_corrects_a_year(unit, tra_vinh_officer):
    tra_vinh = unit("84", Era.PRE_2025)
    stat = statistic_record(user=tra_vinh_officer, unit=tra_vinh, indicator=Indicator.POPULATION,
                            year=2018, value=1_010_000, source="Niên giám thống kê Trà Vinh 2018")
    stat = statistic_record(user=tra_vinh_officer, unit=tra_vinh, indicator=Indicator.POPULATION,
                            year=2018, value=1_010_500, source="Niên giám thống kê Trà Vinh 2018 (sửa)")
    assert stat.value == 1_010_500
    log = list(changes_for(stat, tra_vinh_officer))
    assert [entry.action for entry in log] == ["update", "create"]
    assert log[0].changes["value"] == [1_010_000, 1_010_500]
    assert log[0].user == tra_vinh_officer


def test_reloading_the_census_keeps_an_officers_correction(unit, tra_vinh_officer):
    tra_vinh = unit("84", Era.PRE_2025)
    statistic_record(user=tra_vinh_officer, unit=tra_vinh, indicator=Indicator.POPULATION, year=2019,
                     value=1_009_200, source="Sửa theo số liệu tỉnh")
    load_statistics()
    assert tra_vinh.statistics.get(indicator=Indicator.POPULATION, year=2019).value == 1_009_200


def test_officer_cannot_change_another_province(unit, tra_vinh_officer):
    with pytest.raises(NotFound):
        statistic_record(user=tra_vinh_officer, unit=unit("62", Era.PRE_2025),
                         indicator=Indicator.POPULATION, year=2020, value=1, source="x")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        pytest.param({"year": 1800}, "invalid_year", id="year-out-of-range"),
        pytest.param({"value": -5}, "negative_value", id="negative"),
        pytest.param({"source": "  "}, "source_required", id="no-source"),
    ],
)
def test_bad_figures_are_refused(unit, tra_vinh_officer, kwargs, code):
    args = {"indicator": Indicator.POPULATION, "year": 2021, "value": 10, "source": "Cục Thống kê"} | kwargs
    with pytest.raises(DomainError) as err:
        statistic_record(user=tra_vinh_officer, unit=unit("84", Era.PRE_2025), **args)
    assert err.value.code == code
