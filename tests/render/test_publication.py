"""The world map, the pictures' new options, the page's fragment and empty case, and the Atom feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from conftest import DATA
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.rules.engine import evaluate
from hanoi_cli.core.rules.map_status import MapStanding, map_standings
from hanoi_cli.render.publication import world_map

SAMPLE = DATA / "sample.yaml"
HOSTILE = "<img src=x onerror=alert(1)>"
SVG = "{http://www.w3.org/2000/svg}"
ATOM = "{http://www.w3.org/2005/Atom}"

# The 193 member States of the United Nations (ISO 3166-1 alpha-3).
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI
EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA
JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM
MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()


def standing(code: str, name: str = "", kind: str = "signed", reio: bool = False) -> MapStanding:
    return MapStanding(name=name or code, code=code, reio=reio, standing=kind, counted=False)  # type: ignore[arg-type]


# --- the map ----------------------------------------------------------------------------------------


def test_every_un_member_and_the_eu_are_placed() -> None:
    assert len(set(UN_MEMBERS)) == 193
    everyone = [standing(code) for code in UN_MEMBERS] + [standing("EUU", "European Union", reio=True)]
    plan = world_map.plan(everyone)
    assert plan.not_on_map == ()
    assert [item.code for item in plan.reios] == ["EUU"]
    countries = world_map.geometry().countries
    for code in UN_MEMBERS:
        found = world_map.features_of(code)
        assert found, code
        # visible: a shape of some size, or a dot (small participants are drawn as dots too)
        assert any(country.path for country in found) or all(country.small for country in found), code
    assert len({index for index in plan.classes}) >= 193
    assert all(countries[index].m49 for index in plan.classes)


def test_unknown_codes_are_listed_under_the_map_never_dropped() -> None:
    plan = world_map.plan([standing("FRA", "France"), standing("QQQ", "Atlantis", "deposited")])
    assert [item.name for item in plan.not_on_map] == ["Atlantis"]
    assert world_map.not_on_map_line(plan) == "Not on the map: Atlantis (QQQ, instrument deposited)."
    svg = world_map.render_map_svg([standing("QQQ", "Atlantis")], title="t")
    assert "Not on the map: Atlantis" in svg


def test_the_map_svg_is_accessible_grey_scale_legible_and_escaped() -> None:
    standings = [
        standing("FRA", HOSTILE, "in_force"),
        standing("DEU", "Germany", "deposited"),
        standing("MCO", "Monaco", "signed"),  # too small for a shape: a dot
        standing("PER", "Peru", "denounced"),
        standing("EUU", "European Union", "signed", reio=True),
    ]
    svg = world_map.render_map_svg(standings, title=f"Map of {HOSTILE}", source_line="Source: x")
    assert HOSTILE not in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == f"Map of {HOSTILE}"
    assert "Germany" in root.find(f"{SVG}desc").text
    assert world_map.DISCLAIMER in svg and "European Union (regional organization): signed" in svg
    classes = {element.get("class") for element in root.iter() if element.get("class", "").startswith("m-")}
    assert {"m-in_force", "m-deposited", "m-signed", "m-denounced", "m-none"} <= classes
    assert root.findall(f".//{SVG}circle")  # Monaco's dot
    assert "url(#hanoi-map-hatch)" in svg and "prefers-color-scheme: dark" in svg
    # grey scale: each step further is darker (relative luminance falls)
    luminance = [_luminance(world_map.LIGHT[name]) for name in ("none", "signed", "deposited", "in_force")]
    assert luminance == sorted(luminance, reverse=True) and min(b - a for a, b in zip(luminance[1:], luminance)) > 0.1


def _luminance(colour: str) -> float:
    red, green, blue = (int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_map_classes_follow_the_engine() -> None:
    evaluation = evaluate(read_ledger(SAMPLE).ledger, date(2023, 6, 1))
    found = {item.name: item.standing for item in map_standings(evaluation)}
    assert found["Peru"] == "denounced" and found["Norway"] == "in_force"
    assert next(item for item in map_standings(evaluation) if item.name == "European Union").reio


def test_chart_map_svg_and_png(run, tmp_path: Path) -> None:
    svg, png = tmp_path / "map.svg", tmp_path / "map.png"
    result = run("chart", str(SAMPLE), "--as-of", "2023-06-01", "--map", "-o", str(svg))
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {svg} (1000×620 px)." in result.stderr
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert root.find(f"{SVG}title").text == "Test Convention (TEST-1): participants as of 2023-06-01"
    result = run(
        "chart", str(SAMPLE), "--as-of", "2023-06-01", "--map", "-o", str(png), "--width", "600", "--dpi", "50"
    )
    assert result.exit_code == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _png_size(png.read_bytes()) == (300, 186)


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# --- the chart --------------------------------------------------------------------------------------


def test_the_shipped_chart_shows_its_signatures_and_a_source_line(run, tmp_path: Path) -> None:
    from hanoi_cli.core.reading.ledger_paths import resolve_ledger

    signed = evaluate(read_ledger(resolve_ledger(None)).ledger, date(2026, 12, 4)).signatories
    assert signed >= 73  # the 73 of the issue, and any established since
    out = tmp_path / "chart.svg"
    result = run("chart", "--as-of", "2026-12-04", "-o", str(out), "--title", "Who signed?")
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.find(f"{SVG}title").text == "Who signed?"
    assert f"Signatures, drawn as a second line: {signed}" in root.find(f"{SVG}desc").text
    assert 'id="hanoi-chart-signatures"' in text and f"{signed} signed" in text and "0 of 40 counted" in text
    assert "Source: signatories.yaml (UN Treaty Collection) · as of 2026-12-04 · made with hanoi" in text


def test_size_options_and_standard_output(run, tmp_path: Path) -> None:
    out = tmp_path / "c.png"
    result = run(
        "chart",
        str(SAMPLE),
        "--as-of",
        "2023-06-01",
        "-o",
        str(out),
        "--width",
        "600",
        "--height",
        "500",
        "--dpi",
        "200",
    )
    assert result.exit_code == 0, result.stderr
    assert _png_size(out.read_bytes()) == (1200, 1000)
    result = run("chart", str(SAMPLE), "--as-of", "2023-06-01", "-o", "-")
    assert result.exit_code == 0 and result.stdout.lstrip().startswith("<?xml") and "<svg" in result.stdout
    assert result.stderr == ""
    result = run("chart", str(SAMPLE), "--map", "--compare", str(SAMPLE), "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 2 and "--map" in result.stderr


# --- the page ---------------------------------------------------------------------------------------


def test_fragment_is_the_block_alone(run, tmp_path: Path) -> None:
    result = run("report", str(SAMPLE), "--as-of", "2023-06-01", "--fragment", "-o", "-")
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert html.startswith('<div class="hanoi-report">') and html.rstrip().endswith("</div>")
    assert not re.search(r"<(html|head|body)[\s>]|<!DOCTYPE", html, re.IGNORECASE)
    style = re.sub(r"/\*.*?\*/", "", re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1), flags=re.DOTALL)
    # every rule of the block's own style is scoped to it (or is an at-rule or a picture's own id)
    selectors = re.findall(r"(?:^|})\s*([^{}@]+?)\s*{", style)
    assert selectors and all(sel.strip().startswith((".hanoi-report", "from", "to")) for sel in selectors), [
        sel for sel in selectors if not sel.strip().startswith(".hanoi-report")
    ][:3]


def test_an_empty_ledger_gives_an_honest_page(run, tmp_path: Path) -> None:
    ledger = tmp_path / "empty.yaml"
    ledger.write_text(
        "treaty:\n  id: EMPTY-1\n  title: Convention on Nothing Yet\n  entry_into_force:\n    threshold: 20\n"
        "    after: {days: 30}\nparticipants: []\n",
        encoding="utf-8",
    )
    result = run("report", str(ledger), "--as-of", "2024-01-01", "-o", "-")
    assert result.exit_code == 0, result.stderr
    text = " ".join(re.sub(r"<[^>]+>", " ", result.stdout).split())
    assert "0 of 20 counted instruments" in text
    assert "lists no participants yet" in text
    assert "not yet in force: 20 more counted instruments needed" in text


def test_names_with_markup_are_escaped_in_page_map_and_feed(run, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("name: Ghana", f"name: '{HOSTILE}'")
    ledger = tmp_path / "hostile.yaml"
    ledger.write_text(text, encoding="utf-8")
    for args in (["report", "-o", "-"], ["chart", "--map", "-o", "-"], ["feed", "-o", "-"]):
        result = run(*args, str(ledger), "--as-of", "2023-06-01")
        assert result.exit_code == 0, (args, result.stderr)
        assert HOSTILE not in result.stdout, args
        assert "&lt;img src=x onerror=alert(1)&gt;" in result.stdout, args


# --- the feed ---------------------------------------------------------------------------------------


def feed_of(run, *args: str) -> ET.Element:
    result = run("feed", *args, "-o", "-")
    assert result.exit_code == 0, result.stderr
    return ET.fromstring(result.stdout.encode("utf-8"))


def test_the_feed_is_valid_atom(run) -> None:
    root = feed_of(
        run,
        str(SAMPLE),
        "--as-of",
        "2023-06-01",
        "--link",
        "https://example.org/",
        "--self",
        "https://example.org/feed.xml",
    )
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{required}")) == 1, required
    assert root.find(f"{ATOM}author/{ATOM}name").text == "hanoi"
    stamp = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    assert stamp.match(root.find(f"{ATOM}updated").text)
    assert {link.get("rel") for link in root.findall(f"{ATOM}link")} == {"alternate", "self"}
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        assert stamp.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        assert entry.find(f"{ATOM}summary").text or entry.find(f"{ATOM}link") is not None
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(ids) == len(set(ids))
    updated = [entry.find(f"{ATOM}updated").text for entry in entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    kinds = {entry.find(f"{ATOM}category").get("term") for entry in entries}
    assert {"signature", "deposit", "denunciation", "entry_into_force", "threshold_reached"} <= kinds
    threshold = next(entry for entry in entries if entry.find(f"{ATOM}category").get("term") == "threshold_reached")
    assert "enters into force on 28 September 2020" in threshold.find(f"{ATOM}summary").text
    deposit = next(entry for entry in entries if entry.find(f"{ATOM}category").get("term") == "deposit")
    assert "Running count:" in deposit.find(f"{ATOM}summary").text


def test_feed_ids_are_stable_as_the_ledger_grows(run) -> None:
    early = feed_of(run, str(SAMPLE), "--as-of", "2020-06-01")
    later = feed_of(run, str(SAMPLE), "--as-of", "2023-06-01")
    ids_early = {entry.find(f"{ATOM}id").text for entry in early.findall(f"{ATOM}entry")}
    ids_later = {entry.find(f"{ATOM}id").text for entry in later.findall(f"{ATOM}entry")}
    assert ids_early and ids_early <= ids_later
    assert early.find(f"{ATOM}id").text == later.find(f"{ATOM}id").text


def test_signature_window_closing_and_badge(run, tmp_path: Path) -> None:
    root = feed_of(run, "--as-of", "2026-12-04")
    first = root.find(f"{ATOM}entry")
    assert first.find(f"{ATOM}category").get("term") == "signature_window_closing"
    assert "27 days left" in first.find(f"{ATOM}summary").text
    feed, badge = tmp_path / "feed.xml", tmp_path / "badge.json"
    result = run("feed", "--as-of", "2026-12-04", "-o", str(feed), "--badge", str(badge))
    assert result.exit_code == 0, result.stderr
    assert json.loads(badge.read_text(encoding="utf-8")) == {
        "schemaVersion": 1,
        "label": "ratifications",
        "message": "0/40",
        "color": "lightgrey",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "feed.txt"], "--output must end in .xml"),
        (["-o", "feed.xml", "--badge", "b.txt"], "--badge must end in .json"),
        (["-o", "feed.xml", "--link", "javascript:x"], "http(s) address"),
    ],
)
def test_feed_usage_errors(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("feed", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_notes_link_their_addresses_and_stay_escaped() -> None:
    from hanoi_cli.render.html_page import linked

    text = f"{HOSTILE} said so (https://example.org/a?b=1&c=2), see https://example.org/x."
    html = str(linked(text))
    assert HOSTILE not in html and "&lt;img" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">' in html
    assert '<a href="https://example.org/x" rel="noopener noreferrer">https://example.org/x</a>.' in html
    assert str(linked("javascript:alert(1)")) == "javascript:alert(1)"


def test_source_labels_and_the_readable_treaty_page() -> None:
    from hanoi_cli.render.publication.sources import readable_treaty_page, short_label

    xml = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml"
    assert short_label(xml) == "UN Treaty Collection"
    assert short_label("https://www.verdragen.nl/nl/x") == "verdragen.nl"
    assert short_label("a press report") == "a press report"
    assert readable_treaty_page(xml, "XVIII-16") == (
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-16&chapter=18&clang=_en"
    )
    assert readable_treaty_page("https://example.org/t.xml", "XVIII-16") == "https://example.org/t.xml"


def test_a_forecast_page_gives_the_months_and_the_fan(run) -> None:
    result = run("report", "--as-of", "2026-12-04", "--forecast", "--seed", "1", "-o", "-")
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert re.search(r"<dd>not yet in force; forecast: in about \d+ months \(80% band: \d+ to \d+ months", html)
    ids = re.findall(r'<svg[^>]* id="([^"]+)"', html)
    assert ids == ["chart-1", "chart-1-narrow", "fan-1", "fan-1-narrow", "map-1"]


def test_placing_states_on_the_map_does_not_import_pycountry() -> None:
    """The shipped map carries each feature's alpha-3 code: pycountry (30 ms to load) is for
    building the file, never for drawing it."""
    import subprocess
    import sys

    code = (
        "import sys; from hanoi_cli.render.publication.world_map import features_of; "
        "print(len(features_of('FRA')) > 0, len(features_of('XKX')) > 0, 'pycountry' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "False"]
