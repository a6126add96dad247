"""Build the world map's geometry shipped with hanoi (``src/hanoi_cli/render/publication/world/countries.json``).

Run by hand when the geometry should change, never at install time:

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/build_world_map.py package/countries-50m.json

It reads Natural Earth's 1:50m admin-0 countries (public domain) as the npm package
``world-atlas`` ships them (TopoJSON, ISC licence, by Mike Bostock), decodes the TopoJSON with
the few lines below, projects every ring with the Equal Earth projection (equal areas, so no
country looks bigger than it is) onto a 1000-unit-wide plane, drops Antarctica, rounds to a
tenth of a unit and removes the points that rounding makes redundant. The result maps each UN
M49 code to its name, its SVG path, the point where a dot or label goes, and its area, so
drawing the map needs no geometry at all. Natural Earth's features without an M49 code
(Kosovo, Somaliland, Northern Cyprus ...) keep their shape but get no code.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

WIDTH = 1000.0
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
# Equal Earth's extent at WIDTH: x in [-2.7066, 2.7066] and y in [-1.3173, 1.3173] for unit radius.
X_MAX = 2 * math.sqrt(3) * math.pi / (3 * A1)
SCALE = WIDTH / (2 * X_MAX)
Y_TOP = 1.3173627 * SCALE  # the pole line
TOLERANCE = 0.35  # map units (a thousandth of the width is 1): finer than any screen shows
Y_CUT = 60.0  # latitude south of which nothing is drawn (Antarctica)
# UN members too small for Natural Earth's 1:50m layer: their place only (longitude, latitude of
# the capital), drawn as a dot.
POINTS_ONLY = {"798": ("Tuvalu", 179.19, -8.52)}


def _alpha3_by_m49() -> dict[str, str]:
    import pycountry  # at build time only

    return {country.numeric: country.alpha_3 for country in pycountry.countries}


ALPHA3 = _alpha3_by_m49()
OUT = (
    Path(__file__).resolve().parent.parent / "src" / "hanoi_cli" / "render" / "publication" / "world" / "countries.json"
)


def project(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return WIDTH / 2 + x * SCALE, Y_TOP - y * SCALE


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's delta-encoded, quantized arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed); shared ends once.

    A ring that crosses the antimeridian (Chukotka, Fiji's islands) is made continuous on the side
    where most of its points lie; the part beyond the map's edge is clipped when drawn."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    if any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:])):
        east = sum(lon > 0 for lon, _ in points) * 2 >= len(points)
        points = [
            ((lon + 360 if lon < 0 else lon) if east else (lon - 360 if lon > 0 else lon), lat) for lon, lat in points
        ]
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: drop the points closer than ``tolerance`` to the line their neighbours keep."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        worst, where = 0.0, -1
        for index in range(first + 1, last):
            x, y = points[index]
            if length:
                distance = abs(dy * (x - x0) - dx * (y - y0)) / length
            else:
                distance = math.hypot(x - x0, y - y0)
            if distance > worst:
                worst, where = distance, index
        if worst > tolerance and where > 0:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [point for point, kept in zip(points, keep) if kept]


def ring_path(points: list[tuple[float, float]]) -> tuple[str, float, float, float]:
    """The ring as SVG path data (absolute first point, then relative moves) with its signed area
    and area-weighted centre (shoelace), in projected units."""
    projected = [project(lon, lat) for lon, lat in points]
    rounded: list[tuple[int, int]] = []
    for x, y in simplify(projected, TOLERANCE):
        point = (round(x * 10), round(y * 10))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if len(rounded) < 3:  # an islet smaller than the tolerance: no shape, but its place
        xs, ys = [x for x, _ in projected], [y for _, y in projected]
        return "", 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(projected, projected[1:] + projected[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area:
        cx, cy = cx / (6 * area), cy / (6 * area)
    parts = [f"M{rounded[0][0] / 10:g} {rounded[0][1] / 10:g}"]
    for (x0, y0), (x1, y1) in zip(rounded, rounded[1:]):
        parts.append(f"l{(x1 - x0) / 10:g} {(y1 - y0) / 10:g}")
    return "".join(parts) + "z", area, cx, cy


def build(source: Path) -> dict:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if code == "010":  # Antarctica: no State, and a third of the picture
            continue
        paths, total, best = [], 0.0, (0.0, 0.0, 0.0)
        for polygon in polygons(geometry):
            for number, indexes in enumerate(polygon):
                data, area, cx, cy = ring_path(ring(indexes, arcs))
                if data:
                    paths.append(data)
                if number == 0:  # the outer ring: holes do not move the label
                    total += abs(area)
                    if abs(area) > best[0] or (not best[0] and not best[1]):
                        best = (abs(area), cx, cy)
        countries.append(
            {
                "m49": code,
                "a3": ALPHA3.get(code or "", ""),  # the ledger's code: drawing then needs no pycountry
                "name": geometry["properties"]["name"],
                "path": "".join(paths),
                "point": [round(best[1], 1), round(best[2], 1)],
                "area": round(total, 2),
            }
        )
    for code, (name, lon, lat) in POINTS_ONLY.items():
        x, y = project(lon, lat)
        point = [round(x, 1), round(y, 1)]
        countries.append(
            {"m49": code, "a3": ALPHA3.get(code, ""), "name": name, "path": "", "point": point, "area": 0.0}
        )
    height = round(project(0, -Y_CUT)[1], 1)
    return {
        "source": "Natural Earth 1:50m admin 0 countries (public domain), via world-atlas 2.0.2 (ISC licence)",
        "projection": "Equal Earth",
        "width": WIDTH,
        "height": height,
        "countries": countries,
    }


def main() -> None:
    result = build(Path(sys.argv[1]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(result['countries'])} features, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
