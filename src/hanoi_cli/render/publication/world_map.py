"""A world map of the participants' standing on a date: SVG written by hand, PNG through matplotlib.

The geometry is shipped, already projected (``render/publication/world/countries.json``, made from Natural
Earth by ``scripts/build_world_map.py``), so drawing needs no geometry library: each country is
one SVG path, found by the ledger's ISO 3166-1 alpha-3 code, which the shipped file carries beside
the UN M49 code (written by ``pycountry`` when the file is built, so drawing never imports it). States too small to see are drawn as dots as well, so none is invisible;
a REIO (the EU) is shown apart, in a box of its own; a participant the map cannot place is
listed under it ("not on the map: ..."), never dropped. Classes differ in lightness (and
denunciation by hatching), so the map reads in grey scale; the SVG carries its own light and dark
colours (``prefers-color-scheme``), a ``<title>`` per country and the UN's standard disclaimer.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli.core.rules.map_status import MAP_CLASSES, MAP_LABELS, MapClass, MapStanding

if TYPE_CHECKING:
    from hanoi_cli.core.payloads.localized import Words

DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)
GEOMETRY_CREDIT = "Map: Natural Earth (public domain)"
SMALL_AREA = 12.0  # map units²: a participant smaller than this is also drawn as a dot
DOT_RADIUS = 3.2
# Codes the ledger may use that ISO 3166-1 has no number for: the Natural Earth feature's name.
CODES_BY_NAME = {"XKX": "Kosovo"}

# Fill colours: light to dark as a participant goes further, so grey scale keeps the order.
LIGHT = {
    "none": "#e4e4e4",
    "listed": "#e4e4e4",
    "signed": "#9ecae1",
    "deposited": "#3a82c0",
    "in_force": "#08306b",
    "denounced": "#ffffff",
    "stroke": "#ffffff",
    "ink": "#1a1a1a",
    "hatch": "#1a1a1a",
}
DARK = {
    "none": "#3a3a3a",
    "listed": "#3a3a3a",
    "signed": "#2c5d85",
    "deposited": "#6aaee0",
    "in_force": "#d4ebfb",
    "denounced": "#161616",
    "stroke": "#161616",
    "ink": "#e8e8e8",
    "hatch": "#e8e8e8",
}


@dataclass(frozen=True)
class Country:
    m49: Optional[str]
    name: str
    path: str
    point: tuple[float, float]
    area: float
    alpha3: str = ""  # "" for a feature ISO has no code for (Kosovo, Somaliland)

    @property
    def small(self) -> bool:
        return self.area < SMALL_AREA


@dataclass(frozen=True)
class Geometry:
    width: float
    height: float
    countries: tuple[Country, ...]
    source: str


@lru_cache(maxsize=1)
def geometry() -> Geometry:
    """The shipped map, read once."""
    text = resources.files("hanoi_cli.render.publication.world").joinpath("countries.json").read_text(encoding="utf-8")
    data = json.loads(text)
    countries = tuple(
        Country(item["m49"], item["name"], item["path"], (item["point"][0], item["point"][1]), item["area"], item["a3"])
        for item in data["countries"]
    )
    return Geometry(data["width"], data["height"], countries, data["source"])


@lru_cache(maxsize=1)
def _by_alpha3() -> dict[str, list[Country]]:
    found: dict[str, list[Country]] = {}
    for country in geometry().countries:
        if country.alpha3:
            found.setdefault(country.alpha3, []).append(country)
    return found


def features_of(code: str) -> list[Country]:
    """The map's features for a ledger code (a State may have several, like Australia's islets)."""
    if code.upper() in CODES_BY_NAME:
        return [country for country in geometry().countries if country.name == CODES_BY_NAME[code.upper()]]
    return list(_by_alpha3().get(code.upper(), ()))


@dataclass(frozen=True)
class MapPlan:
    """What the map draws: a class per feature, the REIOs apart, and who it cannot place."""

    classes: dict[int, MapClass]  # index into geometry().countries -> class
    names: dict[int, str]  # index -> the ledger's name, for the tooltip
    reios: tuple[MapStanding, ...]
    not_on_map: tuple[MapStanding, ...]
    present: tuple[MapClass, ...]  # classes that occur, in legend order


def plan(standings: Sequence[MapStanding]) -> MapPlan:
    shapes = geometry().countries
    index_of = {id(country): index for index, country in enumerate(shapes)}
    classes: dict[int, MapClass] = {}
    names: dict[int, str] = {}
    reios, missing = [], []
    for standing in standings:
        if standing.reio:
            reios.append(standing)
            continue
        found = features_of(standing.code)
        if not found:
            missing.append(standing)
            continue
        for country in found:
            classes[index_of[id(country)]] = standing.standing
            names[index_of[id(country)]] = standing.name
    used = set(classes.values()) | {standing.standing for standing in reios}
    present = tuple(name for name in MAP_CLASSES if name in used)
    return MapPlan(classes, names, tuple(reios), tuple(missing), present)


def _label(name: MapClass, words: Optional[Words] = None) -> str:
    """A class's label, in the language of ``words`` (the page's ``--lang``) when given."""
    return MAP_LABELS[name] if words is None else words.tr.context("map", MAP_LABELS[name])


def legend_classes(map_plan: MapPlan, words: Optional[Words] = None) -> list[tuple[str, str]]:
    """(class, label) for the legend: the classes that occur, then "not a participant"."""
    entries = [(name, _label(name, words)) for name in map_plan.present if name != "listed"]
    if words is not None:
        return entries + [("none", words.tr.context("map", "Not a participant"))]
    return entries + [("none", "Not a participant")]


def not_on_map_line(map_plan: MapPlan, words: Optional[Words] = None) -> Optional[str]:
    if not map_plan.not_on_map:
        return None
    if words is not None:
        listed = words.tr(", ").join(
            f"{words.tr.participant(item.name, item.code)} ({item.code}, {_label(item.standing, words).lower()})"
            for item in map_plan.not_on_map
        )
        return words.tr("Not on the map: {listed}.", listed=listed)
    listed = ", ".join(
        f"{item.name} ({item.code}, {MAP_LABELS[item.standing].lower()})" for item in map_plan.not_on_map
    )
    return f"Not on the map: {listed}."


def reio_line(item: MapStanding, words: Optional[Words] = None) -> str:
    if words is not None:
        return words.tr(
            "{name} (regional organization): {standing}",
            name=words.tr.participant(item.name, item.code),
            standing=_label(item.standing, words).lower(),
        )
    return f"{item.name} (regional organization): {MAP_LABELS[item.standing].lower()}"


def disclaimer(words: Optional[Words] = None) -> str:
    """The UN's standard map disclaimer and the geometry's credit, in the UN's own wording per language."""
    if words is None:
        return DISCLAIMER + " " + GEOMETRY_CREDIT + "."
    return (
        words.tr(
            "The boundaries and names shown and the designations used on this map do not imply official "
            "endorsement or acceptance by the United Nations."
        )
        + " "
        + words.tr("Map: Natural Earth (public domain).")
    )


def describe(map_plan: MapPlan, title: str) -> str:
    counts: dict[str, int] = {}
    for name in map_plan.classes.values():
        counts[name] = counts.get(name, 0) + 1
    parts = [f"World map: {title}."]
    states = {map_plan.names[index]: name for index, name in map_plan.classes.items()}
    by_class: dict[str, list[str]] = {}
    for state, name in states.items():
        by_class.setdefault(name, []).append(state)
    for name in MAP_CLASSES:
        if name in by_class:
            parts.append(f"{MAP_LABELS[name]}: {len(by_class[name])} ({', '.join(sorted(by_class[name]))}).")
    parts += [reio_line(item) + "." for item in map_plan.reios]
    line = not_on_map_line(map_plan)
    if line:
        parts.append(line)
    return " ".join(parts)


def legend_css(scope: str) -> str:
    """Colours of the page's HTML legend swatches (``.swatch.m-CLASS``), the map's own, light and dark."""

    def rules(colours: dict[str, str]) -> str:
        fills = " ".join(
            f"{scope} .swatch.m-{name}{{background:{colours[name]}}}"
            for name in ("none", "signed", "deposited", "in_force")
        )
        hatch = (
            f"{scope} .swatch.m-denounced{{background:repeating-linear-gradient(-45deg,{colours['hatch']} 0 1.5px,"
            f"{colours['denounced']} 1.5px 5px)}}"
        )
        return fills + " " + hatch

    return f"{rules(LIGHT)} @media (prefers-color-scheme: dark){{{rules(DARK)}}} @media print{{{rules(LIGHT)}}}"


def map_title(evaluation: Any, words: Optional[Words] = None) -> str:
    """The map's default title: the treaty and the date."""
    treaty = evaluation.treaty
    if words is not None:
        return words.tr(
            "{title} ({id}): participants as of {date}",
            title=words.title(treaty),
            id=treaty.id,
            date=evaluation.as_of.isoformat(),
        )
    return f"{treaty.display_title} ({treaty.id}): participants as of {evaluation.as_of.isoformat()}"


# Languages a PNG can be written in: matplotlib draws Latin, Cyrillic and Vietnamese with DejaVu
# Sans, but has no Arabic shaping (letters would stand apart, left to right) and DejaVu no Chinese
# glyphs; those pictures keep English text rather than print broken glyphs (an SVG is drawn by the
# browser, which shapes every language).
PNG_LANGUAGES = frozenset({"en", "fr", "ru", "es", "vi", "id"})


def png_words(words: Optional[Words]) -> Optional[Words]:
    """``words`` if a PNG can be written in its language, else None (English)."""
    return words if words is not None and words.lang in PNG_LANGUAGES else None


def _style(svg_id: str) -> str:
    """Colours by class, light and dark; the page's own colour scheme decides which apply."""

    def rules(colours: dict[str, str]) -> str:
        fills = " ".join(
            f"#{svg_id} .m-{name}{{fill:{colours[name]}}}"
            for name in ("none", "listed", "signed", "deposited", "in_force")
        )
        return (
            f"{fills} #{svg_id} .m-denounced{{fill:url(#{svg_id}-hatch)}} "
            f"#{svg_id} .m-hatch-bg{{fill:{colours['denounced']}}} #{svg_id} .m-hatch-line{{stroke:{colours['hatch']}}} "
            f"#{svg_id} path{{stroke:{colours['stroke']};stroke-width:.4}} "
            f"#{svg_id} circle{{stroke:{colours['ink']};stroke-width:.8}} "
            f"#{svg_id} text{{fill:{colours['ink']}}} #{svg_id} .m-box{{fill:none;stroke:{colours['ink']};stroke-width:.8}}"
        )

    return (
        f"<style>#{svg_id} text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}} {rules(LIGHT)} "
        f"@media (prefers-color-scheme: dark){{{rules(DARK)}}} @media print{{{rules(LIGHT)}}}</style>"
    )


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


def render_map_svg(
    standings: Sequence[MapStanding],
    *,
    title: str,
    svg_id: str = "hanoi-map",
    legend: bool = True,
    source_line: Optional[str] = None,
    words: Optional[Words] = None,
) -> str:
    """The map as an SVG document (``legend=False``: the bare map, for a page that writes its legend in HTML)."""
    world = geometry()
    map_plan = plan(standings)
    top = 44.0 if legend else 0.0
    footer, total_height = (
        _svg_footer(map_plan, top + world.height, source_line, words) if legend else ([], world.height)
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{svg_id}" class="hanoi-map" '
        f'viewBox="0 0 {world.width:g} {total_height:g}" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
        f'<desc id="{svg_id}-desc">{escape(describe(map_plan, title))}</desc>',
        _style(svg_id),
        f'<defs><pattern id="{svg_id}-hatch" patternUnits="userSpaceOnUse" width="5" height="5">'
        f'<rect class="m-hatch-bg" width="5" height="5"/>'
        f'<path class="m-hatch-line" d="M0 5L5 0M-1 1L1 -1M4 6L6 4" stroke-width="1.2"/></pattern></defs>',
    ]
    if legend:
        out.append(f'<text x="10" y="26" font-size="18" font-weight="600">{escape(title)}</text>')
    out.append(f'<g transform="translate(0 {top:g})">')
    out += _svg_shapes(world, map_plan)
    out.append("</g>")
    out.extend(footer)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_shapes(world: Geometry, map_plan: MapPlan) -> list[str]:
    """Every country's path, then the dots of small participants (on top), then the REIOs' boxes."""
    out, dots = [], []
    for index, country in enumerate(world.countries):
        standing = map_plan.classes.get(index)
        name = standing or "none"
        label = map_plan.names.get(index, country.name)
        tooltip = f"{label}: {MAP_LABELS[standing].lower()}" if standing else label
        if country.path:
            out.append(f'<path class="m-{name}" d="{country.path}"><title>{escape(tooltip)}</title></path>')
        if country.small and index in map_plan.classes:
            x, y = country.point
            dots.append(
                f'<circle class="m-{name}" cx="{x:g}" cy="{y:g}" r="{DOT_RADIUS:g}"><title>{escape(tooltip)}</title></circle>'
            )
    out.extend(dots)
    y = world.height - 14 - 22 * len(map_plan.reios)  # apart, in the empty South Pacific at the lower left
    for item in map_plan.reios:
        out.append(
            f'<g class="reio"><rect class="m-box" x="8" y="{y - 4:g}" width="210" height="22"/>'
            f'<rect class="m-{item.standing}" x="14" y="{y:g}" width="14" height="14"/>'
            f'<text x="34" y="{y + 12:g}" font-size="12">{escape(item.name)}</text>'
            f"<title>{escape(reio_line(item))}</title></g>"
        )
        y += 22
    return out


def _notes(map_plan: MapPlan, width: int, source_line: Optional[str], words: Optional[Words] = None) -> list[str]:
    """The lines under a map: REIOs, who is not on it, the disclaimer and credit, the source."""
    lines = [reio_line(item, words) for item in map_plan.reios]
    missing = not_on_map_line(map_plan, words)
    if missing:
        lines += _wrap(missing, width)
    if words is None:
        lines += _wrap(DISCLAIMER, width) + [GEOMETRY_CREDIT + "."]
    else:
        lines += _wrap(disclaimer(words), width)
    if source_line:
        lines.append(source_line)
    return lines


def _svg_footer(
    map_plan: MapPlan, below: float, source_line: Optional[str], words: Optional[Words] = None
) -> tuple[list[str], float]:
    """The legend and the notes under the map, and the picture's total height."""
    footer = []
    y, x = below + 24, 10.0
    for name, label in legend_classes(map_plan, words):
        footer.append(
            f'<rect class="m-{name}" x="{x:g}" y="{y - 12:g}" width="16" height="16" stroke-width=".8" '
            f'style="stroke:currentColor"/><text x="{x + 22:g}" y="{y + 1:g}" font-size="14">{escape(label)}</text>'
        )
        x += 22 + 7.6 * len(label) + 24
    y += 26
    for line in _notes(map_plan, 150, source_line, words):
        footer.append(f'<text x="10" y="{y:g}" font-size="11.5">{escape(line)}</text>')
        y += 17
    return footer, y


_PATH_TOKEN = re.compile(r"([MlzZ])|(-?[\d.]+(?:e-?\d+)?)")


def _mpl_path(data: str, offset: float) -> Any:
    """An SVG path of M, l and z commands (what the build script writes) as a matplotlib Path."""
    from matplotlib.path import Path as MplPath

    vertices: list[tuple[float, float]] = []
    codes: list[Any] = []  # matplotlib's path codes (numpy uint8)
    numbers: list[float] = []
    command = ""
    x = y = 0.0
    start = (0.0, 0.0)
    for letter, number in _PATH_TOKEN.findall(data):
        if letter:
            if letter in "zZ":
                vertices.append(start)
                codes.append(MplPath.CLOSEPOLY)
            command = letter
            continue
        numbers.append(float(number))
        if len(numbers) == 2:
            if command == "M":
                x, y = numbers
                start = (x, -(y + offset))
                vertices.append(start)
                codes.append(MplPath.MOVETO)
                command = "l"  # implicit line-tos after a move would be absolute; ours are never written
            else:
                x, y = x + numbers[0], y + numbers[1]
                vertices.append((x, -(y + offset)))
                codes.append(MplPath.LINETO)
            numbers = []
    return MplPath(vertices, codes)


def render_map_png(
    standings: Sequence[MapStanding],
    *,
    title: str,
    width: float = 10.0,
    height: Optional[float] = None,
    dpi: int = 100,
    source_line: Optional[str] = None,
    words: Optional[Words] = None,
) -> bytes:
    """The same map as a PNG (light colours, legend, disclaimer), drawn with matplotlib; in the
    language of ``words`` only where its font has the glyphs and no shaping is needed (see
    ``png_words``)."""
    from hanoi_cli.render.chart_image import _matplotlib

    matplotlib = _matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    world = geometry()
    map_plan = plan(standings)
    height = height or width * 0.62
    with matplotlib.rc_context({"font.family": ["DejaVu Sans", "sans-serif"], "hatch.linewidth": 0.8}):
        figure = Figure(figsize=(width, height), dpi=dpi)
        axes = figure.add_axes((0.01, 0.2, 0.98, 0.72))
        axes.set_axis_off()
        axes.set_aspect("equal")
        _png_shapes(axes, world, map_plan)
        figure.text(0.01, 0.96, title, fontsize=12, fontweight="bold", va="top")
        handles = [
            Patch(
                facecolor=LIGHT[name],
                edgecolor=LIGHT["ink"],
                linewidth=0.5,
                hatch="////" if name == "denounced" else None,
                label=label,
            )
            for name, label in legend_classes(map_plan, words)
        ]
        figure.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.01, 0.12),
            ncols=len(handles),
            frameon=False,
            fontsize=9,
        )
        per_inch = 19 if words is None or words.tr.english else 16  # Cyrillic and accents run wider
        lines = _notes(map_plan, int(width * per_inch), source_line, words)
        figure.text(0.01, 0.11, "\n".join(lines), fontsize=7.5, va="top", color="#333333", linespacing=1.4)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()


def _png_shapes(axes: Any, world: Geometry, map_plan: MapPlan) -> None:
    from matplotlib.patches import Circle, PathPatch

    for index, country in enumerate(world.countries):
        name = map_plan.classes.get(index, "none")
        fill = LIGHT[name]
        hatch = "////" if name == "denounced" else None
        if country.path:
            edge = LIGHT["hatch"] if hatch else "#ffffff"  # matplotlib draws a hatch in the edge's colour
            axes.add_patch(
                PathPatch(_mpl_path(country.path, 0.0), facecolor=fill, edgecolor=edge, linewidth=0.3, hatch=hatch)
            )
        if country.small and index in map_plan.classes:
            x, y = country.point
            axes.add_patch(
                Circle((x, -y), DOT_RADIUS, facecolor=fill, edgecolor=LIGHT["ink"], linewidth=0.5, hatch=hatch)
            )
    axes.set_xlim(0, world.width)
    axes.set_ylim(-world.height, 0)
    for number, item in enumerate(map_plan.reios):
        axes.text(
            10,
            -world.height + 20 + 26 * number,
            f"  {item.name}  ",
            fontsize=9,
            color="#ffffff" if item.standing in ("deposited", "in_force") else LIGHT["ink"],
            bbox={"facecolor": LIGHT[item.standing], "edgecolor": LIGHT["ink"], "linewidth": 0.6},
        )
