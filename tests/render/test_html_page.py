"""``hanoi report``: one self-contained, escaped, deterministic HTML page."""

from __future__ import annotations

import builtins
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import DATA
from hanoi_cli.core.ledger.models import Participant
from hanoi_cli.core.payloads.status import status_sentence
from hanoi_cli.core.reading.header_comment import header_comment
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.rules.engine import evaluate
from hanoi_cli.render.html_page import sources_of

SAMPLE = DATA / "sample.yaml"
PENDING = DATA / "pending.yaml"
HOSTILE = "<img src=x onerror=alert(1)>"


class Page(HTMLParser):
    """Every start tag with its attributes, the text of table headers, and whether tags balance."""

    VOID = frozenset(
        {"meta", "br", "img", "link", "input", "hr", "col", "use", "path", "rect", "stop", "circle", "line"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self.mismatched: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.mismatched.append(tag)
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.mismatched == [] and page.open == []
    return page


def report(run, tmp_path: Path, *args: str, name: str = "report.html") -> str:
    out = tmp_path / name
    result = run("report", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def hostile_ledger(tmp_path: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8").replace("name: Ghana", f"name: '{HOSTILE}'")
    text = text.replace("    code: GHA\n", "    code: GHA\n    source: 'javascript:alert(2)'\n")
    text = text.replace("    code: NOR\n", "    code: NOR\n    source: https://example.org/norway?a=1&b=<2>\n")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_page_says_what_hanoi_status_says(run, tmp_path: Path) -> None:
    html = report(run, tmp_path, str(SAMPLE), "--as-of", "2023-06-01")
    page = parsed(html)
    text = " ".join(" ".join(page.text).split())
    evaluation = evaluate(read_ledger(SAMPLE).ledger, __import__("datetime").date(2023, 6, 1))
    assert status_sentence(evaluation) in text
    assert "4 of 3 counted instruments" in text and "in force since" in text
    assert html.index('class="answer"') < html.index("<figure") < html.index("Participants</h3>")  # answer first
    assert "A small treaty for the tests: three counted instruments, 90 days, later parties 30 days." in text
    assert "day not established" in text  # Chile's signature lies in a span of two days
    for name in ("Norway", "European Union", "Chile", "Ghana", "Peru", "Viet Nam"):
        assert name in text
    assert ("html", {"lang": "en"}) in page.tags
    svg = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert [attrs["id"] for attrs in svg] == ["chart-1", "chart-1-narrow", "map-1"]  # wide and phone charts, map
    assert all(attrs["role"] == "img" for attrs in svg)
    headers = [attrs.get("scope") for tag, attrs in page.tags if tag == "th"]
    assert headers and set(headers) <= {"col", "row"} and "row" in headers
    assert "<script" not in html.lower()
    assert "prefers-color-scheme: dark" in html and "@media print" in html


def test_the_inline_chart_is_well_formed_svg(run, tmp_path: Path) -> None:
    html = report(run, tmp_path, str(SAMPLE), "--as-of", "2023-06-01")
    svg = re.search(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert "<metadata>" not in svg.group(0)


def test_no_external_resource(run, tmp_path: Path) -> None:
    html = report(run, tmp_path, str(hostile_ledger(tmp_path)), str(PENDING), "--as-of", "2023-06-01")
    page = parsed(html)
    external = []
    for tag, attrs in page.tags:
        for key in ("src", "href", "xlink:href", "data", "poster", "action"):
            value = attrs.get(key) or ""
            if (
                value
                and not value.startswith("#")
                and not (tag == "a" and key == "href" and value.startswith("https://"))
            ):
                external.append((tag, key, value))
    assert external == []
    assert [tag for tag, _ in page.tags if tag in ("script", "link", "iframe", "img", "object", "embed")] == []
    assert not re.search(r"@import|url\((?!#)", html)  # no style fetched from anywhere
    links = {attrs["href"] for tag, attrs in page.tags if tag == "a" and not attrs["href"].startswith("#")}
    assert links == {"https://example.org/norway?a=1&b=<2>"}  # an unsafe scheme is shown, not linked


def test_a_hostile_name_is_text(run, tmp_path: Path) -> None:
    html = report(run, tmp_path, str(hostile_ledger(tmp_path)), "--as-of", "2023-06-01")
    assert HOSTILE not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    page = parsed(html)
    assert "img" not in [tag for tag, _ in page.tags]
    assert HOSTILE in "".join(page.text)
    assert "javascript:alert(2)" in "".join(page.text)


def test_several_ledgers_a_summary_and_one_section_each(run, tmp_path: Path) -> None:
    html = report(run, tmp_path, str(SAMPLE), str(PENDING), "--as-of", "2023-06-01")
    page = parsed(html)
    sections = [attrs.get("id") for tag, attrs in page.tags if tag == "section"]
    assert sections[:3] == [None, "treaty-1", "treaty-2"]
    assert len([1 for tag, _ in page.tags if tag == "svg"]) == 6  # per treaty: wide chart, phone chart, map
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))  # two charts, no id twice
    text = " ".join(" ".join(page.text).split())
    assert "Summary" in text and "Test Protocol" in text and "pending" in text


def test_two_runs_give_the_same_bytes(run, tmp_path: Path) -> None:
    args = (str(SAMPLE), str(PENDING), "--as-of", "2020-05-01", "--forecast", "--seed", "4")
    one = report(run, tmp_path, *args, name="one.html")
    two = report(run, tmp_path, *args, name="two.html")
    assert one == two
    assert "Forecast:" in one


def test_the_shipped_ledger_and_its_header(run, tmp_path: Path) -> None:
    html = report(run, tmp_path, "--as-of", "2026-11-28")
    text = " ".join(" ".join(parsed(html).text).split())
    assert "Hanoi Convention" in text and "The ledger editors' notes" in text
    assert "yaml-language-server" not in html
    links = [attrs["href"] for tag, attrs in parsed(html).tags if tag == "a" and attrs["href"].startswith("https://")]
    assert links  # the shipped record's sources (some participants have several) are links


@pytest.mark.parametrize(
    ("args", "message"),
    [(["-o", "page.txt"], "--output must end in .html"), (["missing.yaml", "-o", "page.html"], "file-not-found")],
)
def test_usage_errors_exit_2(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("report", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_without_jinja2_it_says_how_to_install_it(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_jinja(name: str, *args, **kwargs):
        if name == "jinja2" or name.startswith("jinja2."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_jinja)
    out = tmp_path / "page.html"
    result = run("report", str(SAMPLE), "--as-of", "2023-06-01", "-o", str(out))
    assert result.exit_code == 2 and "pip install 'hanoi-cli[charts]'" in result.stderr and not out.exists()


def test_a_source_may_be_one_text_or_a_list() -> None:
    one = Participant(name="A", code="AAA", source="https://example.org/a")
    assert sources_of(one) == [{"text": "example.org", "href": "https://example.org/a", "number": None}]
    several = Participant(name="B", code="BBB", source=("https://treaties.un.org/b", "a press report"))
    assert sources_of(several) == [
        {"text": "UN Treaty Collection", "href": "https://treaties.un.org/b", "number": None},
        {"text": "a press report", "href": None, "number": None},
    ]
    assert sources_of(Participant(name="C", code="CCC")) == []


def test_header_comment() -> None:
    text = "# yaml-language-server: $schema=x\n# First line\n# goes on.\n#\n# - an item\n# - another\n\ntreaty:\n# not this\n"
    assert header_comment(text) == ("First line goes on.", "- an item", "- another")
    assert header_comment("treaty: {}\n") == ()


def test_compiled_templates_are_kept_and_a_broken_entry_is_only_a_miss(run, tmp_path: Path) -> None:
    import jinja2.bccache

    args = (str(SAMPLE), "--as-of", "2020-05-01")
    first = report(run, tmp_path, *args, name="one.html")
    kept = sorted((tmp_path / "cache" / "templates").glob("*.cache"))
    assert kept  # compiled once, read by the next run
    for entry in kept:  # the right header, then garbage: Jinja2's own reader would raise
        entry.write_bytes(jinja2.bccache.bc_magic + b"\x80garbage")
    assert report(run, tmp_path, *args, name="two.html") == first
    (tmp_path / "cache" / "templates").chmod(0o500)  # nothing can be written there (root writes anyway)
    try:
        assert report(run, tmp_path, *args, name="three.html") == first
    finally:
        (tmp_path / "cache" / "templates").chmod(0o700)
