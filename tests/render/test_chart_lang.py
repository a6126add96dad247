"""``hanoi chart --lang`` and ``hanoi report --lang``: the pictures' words in the language where
matplotlib can letter it, English with a note where it cannot (Arabic; Chinese without a CJK font)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA
from hanoi_cli.render import chart_image

SAMPLE = DATA / "sample.yaml"
SVG = "{http://www.w3.org/2000/svg}"
FRENCH_MONTH = r"(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}"


def picture(run, tmp_path: Path, *args: str, name: str = "chart.svg") -> tuple[ET.Element, str]:
    """The SVG written by ``hanoi chart ARGS`` and what the command said on stderr."""
    out = tmp_path / name
    result = run("chart", str(SAMPLE), *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return ET.fromstring(out.read_text(encoding="utf-8")), result.stderr


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def heading(root: ET.Element) -> str:
    title = root.find(f"{SVG}title")
    assert title is not None
    return title.text or ""


def test_the_chart_in_french(run, tmp_path: Path) -> None:
    root, stderr = picture(run, tmp_path, "--as-of", "2023-06-01", "--lang", "fr")
    labels = texts(root)
    for label in (
        "Seuil : 3",
        "Au 2023-06-01",
        "Seuil atteint : 2020-06-30",
        "Entrée en vigueur : 2020-09-28",
        "4 sur 3 pris en compte",
        "Date",
    ):
        assert label in labels
    assert heading(root) == "Test Convention (TEST-1) : signatures et instruments pris en compte au 2023-06-01"
    assert any(label.startswith("Source : sample.yaml") and "réalisé avec hanoi" in label for label in labels)
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", label) for label in labels)  # dates stay ISO 8601
    assert not [label for label in labels if re.search(r"Threshold|counted|As of|Source:", label)]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "graphique en escalier" in (desc.text or "")
    assert "note:" not in stderr


def test_the_fan_in_french_says_its_months_in_french(run, tmp_path: Path) -> None:
    root, _ = picture(run, tmp_path, "--as-of", "2020-04-15", "--forecast", "--seed", "3", "--lang", "fr")
    labels = texts(root)
    assert heading(root) == "Test Convention (TEST-1) : prévision au 2020-04-15"
    for label in ("Instruments pris en compte (données)", "Prévision : trajectoire médiane", "Seuil : 3"):
        assert label in labels
    assert "Prévision : de 10 % à 90 % des trajectoires" in labels
    eif = next(label for label in labels if label.startswith("Entrée en vigueur : très probablement en "))
    assert re.fullmatch(rf"Entrée en vigueur : très probablement en {FRENCH_MONTH}", eif), eif
    # the French line is longer than the corner holds: its interval goes on the next line
    assert any(re.fullmatch(rf"\(intervalle à 80 % : entre {FRENCH_MONTH} et .+\)", label) for label in labels)
    assert not [label for label in labels if re.search(r"Forecast|Counted|most likely", label)]


def test_english_is_the_same_with_or_without_lang_en(run, tmp_path: Path) -> None:
    for args in (("--as-of", "2023-06-01"), ("--as-of", "2020-04-15", "--forecast", "--seed", "3")):
        plain = (tmp_path / "plain.svg", tmp_path / "en.svg")
        assert run("chart", str(SAMPLE), *args, "-o", str(plain[0])).exit_code == 0
        assert run("chart", str(SAMPLE), *args, "--lang", "en", "-o", str(plain[1])).exit_code == 0
        assert plain[0].read_bytes() == plain[1].read_bytes()


def test_arabic_keeps_english_in_the_picture_and_says_so(run, tmp_path: Path) -> None:
    root, stderr = picture(run, tmp_path, "--as-of", "2023-06-01", "--lang", "ar")
    assert "Threshold: 3" in texts(root) and heading(root).startswith("Test Convention (TEST-1): signatures")
    notes = [line for line in stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "English" in notes[0] and "Arabic" in notes[0]


def test_chinese_without_a_cjk_font_keeps_english_and_says_so(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(chart_image, "cjk_font", lambda: None)
    root, stderr = picture(run, tmp_path, "--as-of", "2023-06-01", "--lang", "zh")
    assert "Threshold: 3" in texts(root)
    assert [line for line in stderr.splitlines() if line.startswith("note:")] == [
        "note: the charts' text is in English: no font with Chinese characters is installed "
        "(install Noto Sans CJK or WenQuanYi Zen Hei)"
    ]


def test_chinese_with_a_cjk_font_is_lettered_in_chinese(monkeypatch) -> None:
    from hanoi_cli.core.payloads.localized import words_for

    monkeypatch.setattr(chart_image, "cjk_font", lambda: "Noto Sans CJK SC")
    letters = chart_image.lettering(words_for("zh"))
    assert letters.words is not None and letters.words.lang == "zh" and letters.note is None
    assert chart_image.font_settings(letters)["font.family"][:2] == ["DejaVu Sans", "Noto Sans CJK SC"]
    for lang in ("fr", "es", "ru", "vi", "id", "en"):
        assert chart_image.lettering(words_for(lang)).note is None
    assert chart_image.font_settings(chart_image.lettering(words_for("ru"))) == {}


def test_the_page_in_french_has_french_pictures(run, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    args = ("report", str(SAMPLE), "--as-of", "2020-04-15", "--forecast", "--seed", "3", "--no-map")
    result = run(*args, "--lang", "fr", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Instruments pris en compte (données)" in page and "Prévision : trajectoire médiane" in page
    assert "Source : sample.yaml" in page and "Counted instruments (record)" not in page
    arabic = tmp_path / "ar.html"
    result = run(*args, "--lang", "ar", "-o", str(arabic))
    assert result.exit_code == 0 and "note: the charts' text is in English" in result.stderr
    assert "Counted instruments (record)" in arabic.read_text(encoding="utf-8")  # the page's own text is Arabic


@pytest.mark.parametrize("room", [1.5, 3.0])
def test_fitted_lines_fit_their_room(room: float) -> None:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    short = ["Seuil : 40"]
    assert chart_image.fitted(short, room, 10) == short  # what fits stays as it is
    long = ["Засчитываемые документы: наиболее вероятно сентябрь 2027 года (интервал 80 %: декабрь 2026 года)"]
    lines = chart_image.fitted(long, room, 10)
    font = FontProperties(size=10)
    assert len(lines) > 1 and " ".join(lines) == long[0]
    assert all(text_to_path.get_text_width_height_descent(line, font, ismath=False)[0] / 72 <= room for line in lines)
