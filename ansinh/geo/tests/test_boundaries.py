"""The coverage map's province boundaries: the shipped GeoJSON is what the build gives from its licensed source,
one shape per province of each structure, each with its code and name, and both archipelagos."""

import json

import pytest
from shapely.geometry import Point, shape

from ansinh.geo import boundaries
from ansinh.geo.choices import Era, Level
from ansinh.geo.models import Unit

pytestmark = pytest.mark.django_db


def _shipped(era: str) -> dict:
    return json.loads(boundaries.output_path(era).read_text(encoding="utf-8"))


def test_the_shipped_files_are_what_the_build_gives(units):
    built = boundaries.build()
    for era in (Era.PRE_2025, Era.FROM_2025):
        assert boundaries.output_path(era).read_text(encoding="utf-8") == boundaries.dumps(built[era]), era


@pytest.mark.parametrize(("era", "provinces"), [(Era.PRE_2025, 63), (Era.FROM_2025, 34)])
def test_one_shape_per_province_and_the_two_archipelagos(units, era, provinces):
    data = _shipped(era)
    shapes = [f for f in data["features"] if not f["properties"].get("island")]
    codes = {u.code: u.name for u in Unit.objects.filter(era=era, level=Level.PROVINCE)}
    assert {f["properties"]["code"]: f["properties"]["name"] for f in shapes} == codes
    assert len(shapes) == provinces
    islands = {f["properties"]["name"]: f["properties"]["code"] for f in data["features"]
               if f["properties"].get("island")}
    assert islands == {"Quần đảo Hoàng Sa": "48", "Quần đảo Trường Sa": "56"}  # Đà Nẵng, Khánh Hòa
    assert "ODbL" in data["licence"]


def test_tra_vinh_and_todays_vinh_long_hold_their_centres(units, unit):
    """Old Trà Vinh's shape holds its centre; today's Vĩnh Long is one shape holding old Bến Tre, Trà Vinh and Vĩnh
    Long's centres, and Cần Thơ's is outside it."""
    old = {f["properties"]["code"]: shape(f["geometry"]) for f in _shipped(Era.PRE_2025)["features"]}
    new = {f["properties"]["code"]: shape(f["geometry"]) for f in _shipped(Era.FROM_2025)["features"]}

    def centre(code, era):
        u = unit(code, era)
        return Point(float(u.longitude), float(u.latitude))

    assert old["84"].contains(centre("84", Era.PRE_2025))
    assert all(new["86"].contains(centre(c, Era.PRE_2025)) for c in ("83", "84", "86"))
    assert not new["86"].contains(centre("92", Era.PRE_2025))
    parts = [old[c] for c in ("83", "84", "86")]
    assert abs(new["86"].area - sum(p.area for p in parts)) < 0.01 * new["86"].area
    # one shape, not three side by side: the borders between the old provinces are gone
    assert new["86"].boundary.length < 0.8 * sum(p.boundary.length for p in parts)
