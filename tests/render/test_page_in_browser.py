"""The page as a reader sees it: Debian's headless Chromium, driven by Selenium, at 390 and 1280 px.

One browser for the whole module; each test sets the viewport and the emulated media through the
DevTools protocol. Skipped, with the reason, only where Chromium, its driver or Selenium is absent
(``.ci/run`` installs them: apt-get install chromium chromium-driver; pip install '.[test]').
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA
from hanoi_cli.core.payloads.status import sources
from hanoi_cli.core.reading.ledger_paths import resolve_ledger
from hanoi_cli.core.reading.loader import read_ledger

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install '.[test]'")
if CHROMIUM is None or DRIVER is None:
    pytest.skip(
        "Chromium or its driver is not installed: apt-get install chromium chromium-driver", allow_module_level=True
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="hanoi-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped ledger's page (no deposit yet) and the sample's (deposits, a denunciation, in force)."""
    from typer.testing import CliRunner

    from hanoi_cli.cli.app import app

    folder = tmp_path_factory.mktemp("pages")
    made = {}
    for name, args in {
        "shipped": ["--as-of", "2026-12-04"],
        "sample": [str(DATA / "sample.yaml"), "--as-of", "2023-06-01"],
    }.items():
        made[name] = folder / f"{name}.html"
        result = CliRunner().invoke(app, ["report", *args, "-o", str(made[name])], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    return made


def show(browser: Any, page: Path, width: int, *, media: str = "", dark: bool = False) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"media": media, "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]},
    )
    browser.get(page.as_uri())


def overflow(browser: Any) -> int:
    """How far the page is wider than the viewport (0: no horizontal scroll)."""
    return browser.execute_script(
        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_no_horizontal_scroll_and_the_pictures_are_shown_and_labelled(browser, pages, width: int) -> None:
    for page in pages.values():
        show(browser, page, width)
        assert overflow(browser) <= 0, (page.name, width)
        pictures = browser.execute_script(
            """
            return [...document.querySelectorAll('figure svg')].map(svg => {
              const box = svg.getBoundingClientRect();
              const labels = (svg.getAttribute('aria-labelledby') || '').split(' ')
                .map(id => document.getElementById(id)).filter(Boolean).map(el => el.textContent.trim());
              return {id: svg.id, role: svg.getAttribute('role'), width: box.width, height: box.height,
                      shown: svg.checkVisibility(), labels: labels};
            });
            """
        )
        shown = {picture["id"]: picture for picture in pictures if picture["shown"]}
        chart = "chart-1-narrow" if width < 700 else "chart-1"
        assert set(shown) == {chart, "map-1"}, (page.name, width)
        for picture in shown.values():
            assert picture["role"] == "img" and len(picture["labels"]) == 2 and all(picture["labels"])
            assert picture["width"] >= width * 0.8 - 40 and picture["height"] > 150
        if width < 700:  # the phone's chart keeps its text legible: no text under 8 px once scaled
            smallest = browser.execute_script(
                """
                const svg = document.getElementById('chart-1-narrow');
                return Math.min(...[...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect().height)
                                .filter(h => h > 0));
                """
            )
            assert smallest >= 8, smallest


def test_participants_become_cards_on_a_phone(browser, pages) -> None:
    show(browser, pages["shipped"], 390)
    display = browser.execute_script(
        "return getComputedStyle(document.querySelector('table.participants tbody tr')).display"
    )
    assert display == "block"
    show(browser, pages["shipped"], 1280)
    display = browser.execute_script(
        "return getComputedStyle(document.querySelector('table.participants tbody tr')).display"
    )
    assert display == "table-row"


def test_every_source_is_a_link(browser, pages) -> None:
    show(browser, pages["shipped"], 1280)
    hrefs = set(browser.execute_script("return [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))"))
    assert None not in hrefs and "" not in hrefs
    ledger = read_ledger(resolve_ledger(None)).ledger
    cited = {
        url
        for participant in ledger.participants
        for url in [*sources(participant), *(url for fact in participant.facts for url in fact.sources)]
        if url.startswith("https://")
    }
    assert cited and cited <= hrefs
    # no address printed as bare text: each is a link (sources as short labels, notes quote theirs)
    texts = browser.execute_script(
        """
        return [...document.querySelectorAll('table.participants td, .about p')].map(cell => {
          const copy = cell.cloneNode(true);
          copy.querySelectorAll('a').forEach(a => a.remove());
          return copy.textContent;
        });
        """
    )
    assert not [text for text in texts if "https://" in text]


def test_dark_mode_applies_to_page_and_map(browser, pages) -> None:
    show(browser, pages["sample"], 1280, dark=True)
    colours = browser.execute_script(
        """
        return {paper: getComputedStyle(document.querySelector('.hanoi-report')).backgroundColor,
                ink: getComputedStyle(document.querySelector('.hanoi-report')).color,
                none: getComputedStyle(document.querySelector('#map-1 path.m-none')).fill,
                chart: getComputedStyle(document.querySelector('.chart .picture')).filter};
        """
    )
    assert colours["paper"] == "rgb(22, 22, 22)" and colours["ink"] == "rgb(232, 232, 232)"
    assert colours["none"] == "rgb(58, 58, 58)" and colours["chart"].startswith("invert")
    show(browser, pages["sample"], 1280)
    paper = browser.execute_script("return getComputedStyle(document.querySelector('.hanoi-report')).backgroundColor")
    assert paper == "rgb(255, 255, 255)"


def test_print_styles_apply_and_nothing_is_clipped(browser, pages) -> None:
    show(browser, pages["shipped"], 720, media="print", dark=True)  # about an A4 page's width
    state = browser.execute_script(
        """
        const report = document.querySelector('.hanoi-report');
        return {ink: getComputedStyle(report).color, paper: getComputedStyle(report).backgroundColor,
                wide: getComputedStyle(document.querySelector('.chart .picture.wide')).display,
                narrow: getComputedStyle(document.querySelector('.chart .picture.narrow')).display,
                notes: document.querySelectorAll('.footnotes li').length,
                table: document.querySelector('table.participants').getBoundingClientRect().right,
                page: document.documentElement.clientWidth};
        """
    )
    assert state["ink"] == "rgb(0, 0, 0)" and state["paper"] == "rgb(255, 255, 255)"  # print wins over dark
    assert state["wide"] == "block" and state["narrow"] == "none"
    assert state["notes"] > 1  # sources as numbered footnotes
    assert state["table"] <= state["page"] and overflow(browser) <= 0
