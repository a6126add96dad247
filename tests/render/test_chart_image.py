"""``chart_data()`` (what a chart shows, decided in the core) and ``hanoi chart`` (SVG and PNG)."""

from __future__ import annotations

import builtins
import re
import struct
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from conftest import forecast_on_the_set as forecast
from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger, Participant, Period, SignatureWindow, Treaty
from hanoi_cli.core.reading.loader import read_ledger
from hanoi_cli.core.rules.chart_data import chart_data
from hanoi_cli.core.rules.engine import evaluate
from hanoi_cli.core.rules.timeline import window_start
from hanoi_cli.render.chart_image import render_chart

SAMPLE = DATA / "sample.yaml"
PENDING = DATA / "pending.yaml"
SVG = "{http://www.w3.org/2000/svg}"
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def sample_chart(as_of: date = date(2023, 6, 1), **kwargs):
    return chart_data(evaluate(read_ledger(SAMPLE).ledger, as_of), **kwargs)


# --- chart_data ---------------------------------------------------------------------------------


def test_chart_data_of_the_sample() -> None:
    data = sample_chart()
    # Norway, Chile, Ghana, Peru counted (the EU's formal confirmation is not); Peru's denunciation
    # of 2023-01-10 takes effect after twelve months, so on 2023-06-01 it still counts.
    assert data.steps == (
        (date(2020, 3, 10), 1),
        (date(2020, 5, 20), 2),
        (date(2020, 6, 30), 3),
        (date(2020, 11, 2), 4),
    )
    assert (data.threshold, data.counted_instruments) == (3, 4)
    assert (data.threshold_date, data.entry_into_force) == (date(2020, 6, 30), date(2020, 9, 28))
    assert data.opening == data.window_start == data.start == date(2020, 2, 1)
    assert data.end == data.as_of == date(2023, 6, 1)
    assert data.band is None
    assert data.series()[0] == (date(2020, 2, 1), 0) and data.series()[-1] == (date(2023, 6, 1), 4)
    assert [data.count_on(day) for day in (date(2020, 3, 9), date(2020, 3, 10), date(2030, 1, 1))] == [0, 1, 4]


def test_the_withdrawal_lowers_the_series() -> None:
    data = sample_chart(date(2024, 6, 1))  # Peru's denunciation took effect on 2024-01-10
    assert data.steps[-1] == (date(2024, 1, 10), 3)
    assert data.counted_instruments == 3


def test_chart_data_with_a_forecast_has_the_band_of_hanoi_forecast() -> None:
    result = forecast(read_ledger(SAMPLE).ledger, date(2020, 4, 15), seed=3)
    data = chart_data(result.evaluation, forecast=result)
    assert result.threshold is not None and data.band is not None
    assert (data.band.low, data.band.median, data.band.high) == (
        result.threshold.low,
        result.threshold.median,
        result.threshold.high,
    )
    assert data.band.low <= data.band.median <= data.band.high and data.end == data.band.high
    assert data.forecast_notes == result.notes


def test_one_window_start_for_the_forecast_and_the_chart() -> None:
    result = forecast(read_ledger(SAMPLE).ledger, date(2020, 4, 15), seed=1)
    assert result.window_start == chart_data(result.evaluation).window_start == date(2020, 2, 1)


def test_window_start_without_opening_or_adoption_is_the_first_event() -> None:
    treaty = Treaty(id="T", title="T", entry_into_force=EntryIntoForceRule(threshold=2, after=Period(days=30)))
    signed = Participant(name="A", code="AAA", signature=DateSpan(date(2001, 3, 1), date(2001, 3, 5)))
    deposited = Participant(name="B", code="BBB", ratification=date(2002, 1, 1))
    evaluation = evaluate(Ledger(treaty=treaty, participants=(signed, deposited)), date(2003, 1, 1))
    assert window_start(evaluation) == date(2001, 3, 1)
    assert window_start(evaluate(Ledger(treaty=treaty), date(2003, 1, 1))) == date(2003, 1, 1)


def test_aligned_positions() -> None:
    data = sample_chart()
    assert data.x(date(2020, 2, 11), "opening") == 10.0
    assert data.x(date(2020, 2, 11), "calendar") == date(2020, 2, 11)
    assert data.share(4) == pytest.approx(4 / 3)


DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def ledgers(draw: st.DrawFn, denunciations: bool) -> Ledger:
    participants = []
    for index in range(draw(st.integers(0, 12))):
        deposit: Optional[date] = draw(st.none() | DAYS)
        fields: dict = {"name": f"P{index}", "code": f"Q{chr(65 + index // 26)}{chr(65 + index % 26)}"}
        fields["kind"] = draw(st.sampled_from(["state", "state", "reio"]))
        if deposit is not None:
            fields[draw(st.sampled_from(["ratification", "accession", "formal_confirmation"]))] = deposit
            if denunciations and draw(st.booleans()):
                fields["denunciation"] = deposit + timedelta(days=draw(st.integers(0, 3000)))
        participants.append(Participant(**fields))
    opens = draw(st.none() | DAYS)
    rule = EntryIntoForceRule(threshold=draw(st.integers(1, 6)), after=Period(days=90), count_reio=draw(st.booleans()))
    treaty = Treaty(
        id="T-1",
        title="Property Convention",
        entry_into_force=rule,
        signature=SignatureWindow(opens=opens) if opens else None,
        denunciation_takes_effect=Period(months=draw(st.integers(0, 12))) if denunciations else None,
    )
    return Ledger(treaty=treaty, participants=tuple(participants))


@PROPERTY
@given(ledger=ledgers(denunciations=False), as_of=DAYS)
def test_without_denunciations_the_series_never_falls_and_ends_at_the_count(ledger: Ledger, as_of: date) -> None:
    evaluation = evaluate(ledger, as_of)
    data = chart_data(evaluation)
    counts = [count for _, count in data.series()]
    assert counts == sorted(counts)
    assert counts[-1] == evaluation.counted_instruments == data.count_on(as_of)
    assert all(step <= as_of for step, _ in data.steps)


@PROPERTY
@given(ledger=ledgers(denunciations=True), as_of=DAYS)
def test_the_series_ends_at_the_count_and_stays_in_the_window(ledger: Ledger, as_of: date) -> None:
    evaluation = evaluate(ledger, as_of)
    data = chart_data(evaluation)
    series = data.series()
    assert series[-1] == (as_of, evaluation.counted_instruments)
    assert [day for day, _ in series] == sorted(day for day, _ in series)
    assert data.start <= data.window_start <= as_of <= data.end
    assert all(count >= 0 for _, count in series)


# --- hanoi chart --------------------------------------------------------------------------------


def svg_of(run, tmp_path: Path, *args: str) -> tuple[str, ET.Element]:
    out = tmp_path / "chart.svg"
    result = run("chart", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    return text, ET.fromstring(text)


def group(root: ET.Element, gid: str) -> ET.Element:
    found = [element for element in root.iter() if element.get("id", "").endswith(gid)]
    assert found, f"no element with id ending in {gid}"
    return found[0]


def path_points(element: ET.Element) -> list[tuple[float, float]]:
    d = next(child for child in element.iter(f"{SVG}path")).get("d", "")
    return [(float(x), float(y)) for x, y in re.findall(r"[ML]\s*(-?[\d.]+)\s+(-?[\d.]+)", d)]


def test_svg_parses_and_carries_the_curve_the_threshold_and_the_labels(run, tmp_path: Path) -> None:
    text, root = svg_of(run, tmp_path, str(SAMPLE), "--as-of", "2023-06-01")
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (
        title is not None
        and title.text == "Test Convention (TEST-1): signatures and counted instruments as of 2023-06-01"
    )
    assert desc is not None and "4 counted as of 2023-06-01" in (desc.text or "")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # The step line: from the opening at 0 through four rises to the as-of date; drawn as steps,
    # each change is a vertical segment (two vertices with the same x).
    points = path_points(group(root, "counted-instruments"))
    rises = [b for a, b in zip(points, points[1:]) if a[0] == b[0] and b[1] < a[1]]
    assert len(rises) == 4
    assert len(group(root, "count-changes").findall(f".//{SVG}use")) == 4  # a marker on each change
    threshold = path_points(group(root, "threshold"))
    assert len({y for _, y in threshold}) == 1  # horizontal
    assert abs(threshold[0][1] - rises[2][1]) < 0.01  # at the height of the third instrument
    labels = [element.text for element in root.iter(f"{SVG}text")]
    for label in ("Threshold: 3", "As of 2023-06-01", "Threshold reached: 2020-06-30", "Entry into force: 2020-09-28"):
        assert label in labels
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", label or "") for label in labels)  # ISO dates on the axis
    assert "<dc:date>" not in text and "Matplotlib v" not in text  # no date, no version stamp


def test_svg_with_forecast_and_compare(run, tmp_path: Path) -> None:
    _, root = svg_of(run, tmp_path, str(SAMPLE), "--as-of", "2020-04-15", "--forecast", "--seed", "3")
    labels = [element.text or "" for element in root.iter(f"{SVG}text")]
    eif = next(label for label in labels if label.startswith("Entry into force: most likely "))
    assert any(label.startswith("3rd counted instrument: most likely ") for label in labels)
    sentence = run("forecast", str(SAMPLE), "--as-of", "2020-04-15", "--seed", "3").stdout
    months = re.search(r"most likely enter into force in (\w+ \d{4}) \(80% interval: (.+?) to (.+?)\)", sentence)
    assert months is not None  # the picture gives the sentence's months, not other figures
    assert eif == f"Entry into force: most likely {months[1]} (80% interval: {months[2]} to {months[3]})"
    _, root = svg_of(run, tmp_path, str(SAMPLE), "--as-of", "2023-06-01", "--compare", str(PENDING))
    labels = [element.text or "" for element in root.iter(f"{SVG}text")]
    assert "Days since opening for signature" in labels and "Share of the threshold (%)" in labels
    assert "Test Protocol (TEST-2), threshold 2" in labels and "Test Convention (TEST-1), threshold 3" in labels
    assert "Compared with 1 other treaty" in (root.find(f"{SVG}desc").text or "")
    _, root = svg_of(
        run, tmp_path, str(SAMPLE), "--as-of", "2023-06-01", "--compare", str(PENDING), "--align", "calendar"
    )
    assert "Date" in [element.text for element in root.iter(f"{SVG}text")]


def test_two_runs_give_the_same_bytes(run, tmp_path: Path) -> None:
    for suffix in ("svg", "png"):
        outputs = []
        for attempt in range(2):
            out = tmp_path / f"{attempt}.{suffix}"
            args = ("chart", str(SAMPLE), "--as-of", "2020-05-01", "--forecast", "--seed", "1", "-o", str(out))
            assert run(*args).exit_code == 0
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], suffix


def test_png_signature_size_and_no_software_stamp(run, tmp_path: Path) -> None:
    out = tmp_path / "chart.png"
    assert run("chart", str(SAMPLE), "--as-of", "2023-06-01", "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    assert (width, height) == (1000, 560)
    assert b"Software" not in data and b"matplotlib" not in data.lower()


def test_a_forecast_without_seed_is_reproducible_and_says_nothing_of_a_seed(run, tmp_path: Path) -> None:
    """The seed is derived from the ledger and the as-of date: no seed to tell, the same picture twice."""
    pictures = []
    for name in ("chart.svg", "again.svg"):
        out = tmp_path / name
        result = run("chart", str(SAMPLE), "--as-of", "2020-05-01", "--forecast", "-o", str(out))
        assert result.exit_code == 0
        assert "Forecast seed" not in result.stderr and "--seed" not in result.stderr
        pictures.append(out.read_bytes())
    assert pictures[0] == pictures[1]


def test_report_forecast_without_seed_is_the_same_page_twice(run, tmp_path: Path) -> None:
    pages = []
    for name in ("a.html", "b.html"):
        out = tmp_path / name
        result = run("report", str(SAMPLE), "--as-of", "2020-05-01", "--forecast", "-o", str(out))
        assert result.exit_code == 0
        assert "Forecast seed" not in result.stderr and "--seed" not in result.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "chart.gif"], "--output must end in .svg or .png"),
        (["-o", "chart.svg", "--align", "sideways"], "sideways"),
        (["missing.yaml", "-o", "chart.svg"], "file-not-found"),
        (["-", "-o", "chart.svg", "--compare", "-"], "standard input"),
    ],
)
def test_usage_errors_exit_2(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("chart", *args, input="")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "chart.svg").exists()


def test_without_matplotlib_it_says_how_to_install_it(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_matplotlib(name: str, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    out = tmp_path / "chart.svg"
    result = run("chart", str(SAMPLE), "--as-of", "2023-06-01", "-o", str(out))
    assert result.exit_code == 2
    assert "pip install 'hanoi-cli[charts]'" in result.stderr and "matplotlib" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_render_chart_in_the_core_order(tmp_path: Path) -> None:
    """The renderer draws what chart_data gives: a point of the series for each change and both ends."""
    data = sample_chart()
    root = ET.fromstring(render_chart([data], "svg", svg_id="one"))
    assert root.get("id") == "one"
    assert all(element.get("id", "one").startswith("one") for element in root.iter() if element.get("id"))
    points = path_points(group(root, "counted-instruments"))
    assert len(points) == 2 * len(data.series()) - 1  # steps-post: a corner between each pair of points


def test_no_band_once_the_threshold_is_reached(run, tmp_path: Path) -> None:
    result = forecast(read_ledger(SAMPLE).ledger, date(2023, 6, 1), seed=1)
    data = chart_data(result.evaluation, forecast=result)
    assert data.band is not None and not data.forecasts  # the text chart still marks the known date
    root = ET.fromstring(render_chart([data], "svg"))
    assert not [element for element in root.iter() if "forecast" in element.get("id", "")]


def test_status_never_imports_the_charts_and_chart_never_imports_pyplot(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from hanoi_cli.cli.app import app\n"
        "sys.argv = ['hanoi', *sys.argv[1:]]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: app()\n"
        "    except SystemExit: pass\n"
        "print(__import__('json').dumps(sorted(sys.modules)))\n"
    )
    env = {"HANOI_NO_CACHE": "1", "HANOI_TODAY": "2023-06-01"}

    def modules(*args: str) -> set[str]:
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=env)
        return set(json.loads(out.stdout.splitlines()[-1]))

    status = modules("status", str(SAMPLE))
    assert "hanoi_cli.core.rules.engine" in status
    assert not {name for name in status if name.split(".")[0] in ("matplotlib", "jinja2", "numpy")}
    with_chart = modules("chart", str(SAMPLE), "-o", str(tmp_path / "c.svg"))
    assert "matplotlib.figure" in with_chart and "matplotlib.pyplot" not in with_chart
