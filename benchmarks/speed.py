"""How fast hanoi answers: whole-process timings beside their floors, and loading cost per row.

    python benchmarks/speed.py [--runs 11] [--quick] [--only TEXT] [--keep]

``--quick`` is a rough pass in about a minute, even on a busy laptop: 3 runs of each command with
a ratio target, one run of those with a target in seconds (they take seconds, so one run is
already steady), none of those without a target, of the cold 500-file status or of the
50,000-participant ledger, and the per-row and per-participant costs up to 10,000 participants.

Run by hand, with the Python that has hanoi installed (not part of the test suite). It times what
a user runs: the ``hanoi`` script installed beside that Python (``python -m hanoi_cli`` where there
is none), and Python may write and use bytecode, whatever ``PYTHONDONTWRITEBYTECODE`` says where
the benchmark is started (with an editable install hanoi's own modules would otherwise be
compiled on every run). It writes synthetic ledgers into a temporary folder (500 files of 100
participants; single files of 100, 2,000, 10,000 and 50,000 participants, generated, never
committed) and prints:

* whole-process medians of each ``hanoi`` command, interleaved run by run with its floor (the
  bare imports it needs: ``python -c "import typer"`` for ``--version``): the median wall time,
  the floor's, the ratio of median CPU time (user + system of that process: judged against the
  target, as the steadiest figure on a shared machine), the ratio of wall medians, the ratio of
  the fastest runs ("best"), the spread (fastest and slowest run), the target and the process's
  peak memory; commands that the installed hanoi lacks (``hanoi validate``, say) are skipped
  with a note. "cold" runs find no ledger in the cache (its entries are removed before every
  run: the first run after a ledger changes) but the validator's schema kept there; "no cache"
  runs have no cache at all (``HANOI_NO_CACHE=1``);
* for 50,000 participants, absolute targets (seconds of CPU, MiB), and each command's cost per
  participant (its CPU time less that of the same command on 100 participants, divided by the
  participants added) at 2,000, 10,000 and 50,000, whose 50k/2k ratio stays near 1 only while
  the command is linear in the size of the ledger;
* the in-process cost per participant row of ``read_ledger`` of text (compose the YAML, build plain
  data, validate it into the models) at 2,000, 10,000 and 50,000 rows, and the 50k/2k ratio,
  which stays near 1 only while loading is linear in the size of the file.

Participant codes repeat in the big files (there are only 17,576 three-letter codes): the loader
accepts that, so the per-row figures measure loading and modelling; a semantic check that rejected
repeated codes would not change them. Exits 1 if a target with a verdict is missed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import string
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

PY = sys.executable


def hanoi_command() -> list[str]:
    """How a user starts hanoi: the ``hanoi`` script pip installed beside this Python (it imports
    ``hanoi_cli.cli.app`` and calls ``main``); ``python -m hanoi_cli`` (which also loads ``runpy``,
    about 2.5 ms a run) only where there is no such script (a Windows ``hanoi.exe``, a bare checkout)."""
    script = Path(sysconfig.get_path("scripts")) / "hanoi"
    return [PY, str(script)] if script.is_file() else [PY, "-m", "hanoi_cli"]


HANOI = hanoi_command()
TODAY = "2026-11-28"
MANY_FILES, MANY_ROWS = 500, 100
BIG_ROWS = (100, 2_000, 10_000, 50_000)
QUICK_BIG_ROWS = (100, 2_000, 10_000)  # --quick: still shows whether the cost is linear, in a fraction of the time
MEMORY_MIB = 300  # peak memory of a cold status of 50,000 participants

FLOOR_CLI = "import typer"
FLOOR_STATUS = "import typer, pydantic, yaml, rich.table"
FLOOR_JSON = "import typer, pydantic, yaml"
FLOOR_EDIT = "import typer, pydantic, yaml"
# Pictures: matplotlib with its Agg backend (hanoi itself draws without pyplot, so it can beat this).
FLOOR_CHARTS = "import typer, pydantic, yaml, matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot"


def whole_hanoi(*args: str) -> str:
    """A whole hanoi run as a floor: ``python -c`` that runs the app with these arguments."""
    return f"import sys; sys.argv = ['hanoi', *{list(args)!r}]; from hanoi_cli.cli.app import main; main()"


# A whole `hanoi status` run as the floor: issue 4's target is forecast <= 1.5x status.
FLOOR_HANOI_STATUS = whole_hanoi("status")

# ---------------------------------------------------------------------------------------------
# Synthetic ledgers

CODES = ["".join(letters) for letters in itertools.product(string.ascii_uppercase, repeat=3)]


def _iso_codes() -> list[str]:
    """Real ISO 3166-1 alpha-3 codes, so `hanoi validate` finds the small ledgers valid."""
    import pycountry

    return sorted(country.alpha_3 for country in pycountry.countries)


ISO_CODES = _iso_codes()
NON_ISO_CODES = [code for code in CODES if code not in set(ISO_CODES)]
KINDS = ("ratification", "acceptance", "approval", "accession")


def ledger_text(index: int, participants: int) -> str:
    """A ledger: a third of the participants needed, most signed, two thirds deposited.

    Up to 249 participants it passes `hanoi validate` (ISO codes, dates in order); beyond that,
    ISO codes repeat and validate reports duplicates, which the loading figures do not mind.
    """
    start = date(2000, 1, 1) + timedelta(days=index % 3000)
    lines = [
        f"# synthetic ledger {index} for benchmarks/speed.py",
        "treaty:",
        f"  id: SYN-{index}",
        f"  title: Synthetic Convention number {index} for measuring hanoi",
        f"  short_title: Synthetic {index}",
        f"  adopted: {start.isoformat()}",
        "  depositary: Secretary-General of the United Nations",
        "  entry_into_force:",
        f"    threshold: {min(1000, max(1, participants // 3))}",  # the schema allows at most 1000
        "    after: {days: 90}",
        "    later_parties: {days: 30}",
        "    count_reio: false",
        "participants:",
    ]
    for row in range(participants):
        signed = start + timedelta(days=30 + row % 400)
        lines.append(f"  - name: Participant {row} of ledger {index}")
        if row % 50 == 7:
            lines.append(f"    code: {NON_ISO_CODES[(row * 7919 + index) % len(NON_ISO_CODES)]}")
            lines.append("    kind: reio")
        else:
            lines.append(f"    code: {ISO_CODES[(row * 7 + index) % len(ISO_CODES)]}")  # 7 and 249 are coprime
        kind = KINDS[row % 4] if row % 3 != 2 else None
        if kind != "accession":  # States that have not signed accede
            lines.append(f"    signature: {signed.isoformat()}")
        if kind is not None:
            lines.append(f"    {kind}: {(signed + timedelta(days=60 + row % 700)).isoformat()}")
        if row % 10 == 3:
            lines.append('    reservations: "Article 4, paragraph 2"')
        if row % 20 == 11:
            lines.append("    source: https://treaties.un.org/")
    return "\n".join(lines) + "\n"


def write_ledgers(folder: Path, big_rows: tuple[int, ...] = BIG_ROWS) -> tuple[list[str], dict[int, Path]]:
    many = folder / "many"
    many.mkdir()
    paths = []
    for index in range(MANY_FILES):
        path = many / f"ledger-{index:03d}.yaml"
        path.write_text(ledger_text(index, MANY_ROWS), encoding="utf-8")
        paths.append(str(path))
    big = {}
    for rows in big_rows:
        big[rows] = folder / f"big-{rows}.yaml"
        big[rows].write_text(ledger_text(rows, rows), encoding="utf-8")
    return paths, big


# ---------------------------------------------------------------------------------------------
# Whole-process timings


@dataclass
class Case:
    label: str
    args: list[str]
    floor: str  # the imports the command needs
    target: Optional[float] = None  # ratio to the floor
    seconds: Optional[float] = None  # absolute target for the median, in seconds
    env: dict[str, str] = field(default_factory=dict)
    needs: Optional[str] = None  # the subcommand it needs; skipped if hanoi lacks it
    cold: bool = False  # remove the cached ledgers before every run (the schema stays)
    memory: Optional[float] = None  # a target for the peak memory of the median run, in MiB
    runs: Optional[int] = None  # fewer runs for the slow cases


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """(wall seconds, CPU seconds, exit code, peak MiB) of one whole process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    return elapsed, usage.ru_utime + usage.ru_stime, child.returncode, usage.ru_maxrss / 1024


def commands_of_installed_hanoi(env: dict[str, str]) -> set[str]:
    """Subcommand names listed by ``hanoi --help`` (Click's plain help or Rich's boxed help)."""
    text = subprocess.run([*HANOI, "--help"], env=env, capture_output=True, text=True).stdout
    names, in_commands = set(), False
    for line in text.splitlines():
        if line.startswith("Commands:") or line.startswith("╭─ Commands"):
            in_commands = True
        elif in_commands and (not line.strip() or line.startswith("╰")):
            in_commands = False
        elif in_commands and line[:2] in ("  ", "│ ") and line[2:3] not in (" ", ""):
            names.add(line[2:].split()[0])
    return names


def cases(shipped: str, many: list[str], big: dict[int, Path], scratch: Path) -> list[Case]:
    cold = {"HANOI_NO_CACHE": "1"}
    copy = scratch / "shipped-copy.yaml"  # commands that might write get a copy, never the shipped file
    shutil.copyfile(shipped, copy)
    record = ["record", "VNM", "ratification", "2026-11-01", "--ledger", str(copy), "--dry-run"]
    return [
        Case("hanoi --version", ["--version"], FLOOR_CLI, target=1.2),
        Case("hanoi --help", ["--help"], FLOOR_CLI, target=1.2),
        Case("hanoi status", ["status"], FLOOR_STATUS, target=1.3),
        Case("hanoi status (cold)", ["status"], FLOOR_STATUS, target=1.6, cold=True),
        Case("hanoi status (no cache)", ["status"], FLOOR_STATUS, env=cold),
        Case("hanoi status -f json", ["status", "-f", "json"], FLOOR_JSON, target=1.3),
        Case(f"hanoi status {MANY_FILES} files", ["status", *many], FLOOR_STATUS, seconds=3.0),
        Case(f"hanoi status {MANY_FILES} files (no cache)", ["status", *many], FLOOR_STATUS, seconds=3.0, env=cold),
        Case(f"hanoi status {MANY_FILES} files -f json", ["status", *many, "-f", "json"], FLOOR_JSON, seconds=3.0),
        Case("hanoi validate", ["validate", shipped], FLOOR_JSON, needs="validate"),
        Case(f"hanoi validate {MANY_FILES} files", ["validate", *many], FLOOR_JSON, seconds=3.0, needs="validate"),
        Case("hanoi validate 10k rows", ["validate", str(big[10_000])], FLOOR_JSON, needs="validate"),
        # Commands other helpers may add: the arguments are a best guess, and a case whose run
        # ends in a usage error (exit 2) is reported as skipped rather than timed.
        Case("hanoi project --pace 2/month", ["project", "--pace", "2/month"], FLOOR_STATUS, needs="project"),
        Case("hanoi forecast", ["forecast"], FLOOR_STATUS, needs="forecast"),
        Case("hanoi forecast vs hanoi status", ["forecast"], FLOOR_HANOI_STATUS, target=1.5, needs="forecast"),
        # Issue 26: a language costs at most a fifth of the English run (catalogues read, names looked up).
        Case("hanoi status --lang fr vs hanoi status", ["status", "--lang", "fr"], FLOOR_HANOI_STATUS, target=1.2),
        Case("hanoi status --lang ar vs hanoi status", ["status", "--lang", "ar"], FLOOR_HANOI_STATUS, target=1.2),
        Case("hanoi timeline", ["timeline"], FLOOR_STATUS, needs="timeline"),
        Case(
            "hanoi chart -o FILE.svg",
            ["chart", "-o", str(scratch / "chart.svg")],
            FLOOR_CHARTS,
            target=1.3,
            needs="chart",
        ),
        Case(
            "hanoi report -o FILE.html",
            ["report", "-o", str(scratch / "report.html")],
            FLOOR_CHARTS,
            target=1.3,
            needs="report",
        ),
        Case("hanoi diff", ["diff", shipped, str(copy)], FLOOR_STATUS, needs="diff"),
        Case("hanoi diff (cold)", ["diff", shipped, str(copy)], FLOOR_STATUS, target=1.6, cold=True, needs="diff"),
        Case("hanoi fmt --check", ["fmt", "--check", str(copy)], FLOOR_EDIT, needs="fmt"),
        Case("hanoi record --dry-run", record, FLOOR_EDIT, needs="record"),
        # An edit costs almost nothing beyond checking the result: both read, check and validate once.
        Case(
            "record --dry-run vs validate (cold)",
            record,
            whole_hanoi("validate", str(copy)),
            target=1.1,
            env=cold,
            needs="record",
        ),
        *sync_cases(scratch),
        *hostile_cases(scratch, cold),
        *(big_cases(big, scratch) if BIG in big else []),  # --quick writes no 50,000-participant ledger
    ]


BIG = 50_000


def big_commands(big: dict[int, Path], scratch: Path) -> dict[str, list[str]]:
    """The commands timed on every big ledger, by label (a participant's full name is unique
    where codes repeat; ``record`` and ``fmt`` get a copy)."""
    commands = {}
    for rows, path in big.items():
        copy = scratch / f"big-{rows}-copy.yaml"
        if not copy.exists():
            shutil.copyfile(path, copy)
        name = f"Participant 77 of ledger {rows}"
        commands[f"status {rows}"] = ["status", str(path)]
        commands[f"status -f json {rows}"] = ["status", str(path), "-f", "json"]
        commands[f"record --dry-run {rows}"] = [
            "record",
            name,
            "ratification",
            "2026-11-01",
            "-l",
            str(copy),
            "--dry-run",
        ]
        commands[f"fmt --check {rows}"] = ["fmt", "--check", str(copy)]
    return commands


def big_cases(big: dict[int, Path], scratch: Path) -> list[Case]:
    """50,000 participants: seconds of CPU for the commands, MiB for a cold status."""
    commands = big_commands(big, scratch)
    return [
        Case(f"{BIG // 1000}k: status", commands[f"status {BIG}"], FLOOR_STATUS, seconds=3.0, runs=5),
        Case(f"{BIG // 1000}k: status -f json", commands[f"status -f json {BIG}"], FLOOR_JSON, runs=5),
        Case(
            f"{BIG // 1000}k: status (cold)",
            commands[f"status {BIG}"],
            FLOOR_STATUS,
            memory=MEMORY_MIB,
            cold=True,
            runs=3,
        ),
        Case(
            f"{BIG // 1000}k: record --dry-run",
            commands[f"record --dry-run {BIG}"],
            FLOOR_EDIT,
            seconds=2.0,
            runs=5,
            needs="record",
        ),
        Case(
            f"{BIG // 1000}k: fmt --check", commands[f"fmt --check {BIG}"], FLOOR_EDIT, seconds=2.0, runs=5, needs="fmt"
        ),
    ]


HOSTILE_SHAPES = {"keys": "80,000 top-level keys", "value": "a 2 MB value"}
HOSTILE_COMMANDS = {  # each command line, PATH standing for the hostile ledger
    "record": ("record", "NOR", "signature", "2020-01-01", "-l", "PATH", "--dry-run"),
    "validate": ("validate", "PATH"),
}
HOSTILE_RUNS = (("record", "keys"), ("validate", "keys"), ("record", "value"))  # (command, shape)


def hostile_cases(scratch: Path, env: dict[str, str]) -> list[Case]:
    """Hostile shapes answer at once (record was quadratic in top-level keys, validate in unknown ones)."""
    return [
        Case(
            f"{command}, {HOSTILE_SHAPES[shape]}",
            [str(hostile(scratch, shape)) if arg == "PATH" else arg for arg in HOSTILE_COMMANDS[command]],
            FLOOR_EDIT,
            seconds=1.0,
            env=env,
            needs=command,
        )
        for command, shape in HOSTILE_RUNS
    ]


HOSTILE_HEAD = "treaty:\n  id: T-1\n  title: T\n  entry_into_force:\n    threshold: 1\n    after: {days: 1}\n"


def hostile(scratch: Path, shape: str) -> Path:
    """Issue 11's slow shapes: 80,000 top-level ``key:`` lines, or one 2 MB plain value."""
    path = scratch / f"hostile-{shape}.yaml"
    if not path.exists():
        people = "participants:\n  - name: Norway\n    code: NOR\n"
        body = "".join(f"k{i}: v\n" for i in range(80_000)) if shape == "keys" else f"    notes: {'x' * 2_000_000}\n"
        path.write_text(HOSTILE_HEAD + people + body, encoding="utf-8")
    return path


def sync_cases(scratch: Path) -> list[Case]:
    """``hanoi sync --from FILE`` on a 200-participant status file with 40 changes: one transaction,
    so it costs less than 1.5x one ``hanoi record --dry-run`` of the same ledger."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    try:
        from untc_factory import benchmark_pair
    except ImportError:  # an installed hanoi without the tests beside it
        return []
    status, ledger = benchmark_pair(200, 40)
    (scratch / "status-200.xml").write_bytes(status)
    (scratch / "ledger-200.yaml").write_text(ledger, encoding="utf-8")
    path = str(scratch / "ledger-200.yaml")
    first = ledger.split("    code: ", 1)[1].split("\n", 1)[0]
    record = whole_hanoi("record", first, "domestic_approval", "2026-01-05", "--ledger", path, "--dry-run")
    sync = ["sync", path, "--from", str(scratch / "status-200.xml"), "--dry-run"]
    new = ["new", "XVIII-16", "--from", str(scratch / "status-200.xml")]
    return [
        Case("sync 200 rows, 40 changes vs record", sync, record, target=1.5, needs="sync"),
        Case("hanoi sync 200 rows (cold)", sync, FLOOR_STATUS, target=1.6, cold=True, needs="sync"),
        Case("hanoi new 200 rows (cold)", new, FLOOR_STATUS, target=1.6, cold=True, needs="new"),
    ]


def forget_ledgers(env: dict[str, str]) -> None:
    """Remove the cached ledgers (the next run is the first after they changed); the schema stays."""
    for entry in Path(env["HANOI_CACHE_DIR"]).glob("*.pickle"):
        entry.unlink()


def run_case(case: Case, base_env: dict[str, str], runs: int) -> Optional[str]:
    """Print one row; return a verdict ("ok", "OVER") or None when there is no target."""
    env = dict(base_env, **case.env)
    command, floor = [*HANOI, *case.args], [PY, "-c", case.floor]
    code = timed(command, env)[2]  # also fills the caches, the page cache and the bytecode
    if code == 2:
        print(f"{case.label:<34} skipped: exit code 2 (usage error: the benchmark's arguments do not fit)")
        return None
    timed(floor, env)
    ours, base = [], []
    for _ in range(min(runs, case.runs or runs)):  # interleaved: whatever slows the machine hits both alike
        if case.cold:
            forget_ledgers(env)
        ours.append(timed(command, env))
        base.append(timed(floor, env))
    median = statistics.median(run[0] for run in ours)
    floor_median = statistics.median(run[0] for run in base)
    ratio = median / floor_median
    cpu = statistics.median(run[1] for run in ours)
    cpu_ratio = cpu / statistics.median(run[1] for run in base)
    memory = statistics.median(run[3] for run in ours)
    fastest, slowest = min(run[0] for run in ours), max(run[0] for run in ours)
    best_ratio = fastest / min(run[0] for run in base)  # fastest against fastest: steadier when busy
    verdicts = []
    shown = []
    if case.target is not None:
        shown.append(f"<={case.target}x")
        verdicts.append(cpu_ratio <= case.target)
    if case.seconds is not None:
        shown.append(f"<{case.seconds:g} s")
        verdicts.append(cpu < case.seconds)
    if case.memory is not None:
        shown.append(f"<{case.memory:g} MiB")
        verdicts.append(memory <= case.memory)
    verdict = None if not verdicts else "ok" if all(verdicts) else "OVER"
    print(
        f"{case.label:<34} {median * 1000:8.1f} {floor_median * 1000:7.1f} {cpu_ratio:5.2f} {ratio:6.2f} "
        f"{best_ratio:5.2f} {fastest * 1000:8.1f}-{slowest * 1000:<8.1f} {cpu * 1000:8.1f} {memory:5.0f} "
        f"{' '.join(shown) or '-':>9} {verdict or '':<4}  {case.floor}" + (f"  [exit {code}]" if code else "")
    )
    return verdict


def per_participant(big: dict[int, Path], scratch: Path, base_env: dict[str, str], runs: int) -> Optional[str]:
    """Each command's CPU time per participant beyond the smallest ledger, interleaved across sizes."""
    commands = big_commands(big, scratch)
    sizes = sorted(big)
    smallest, compared = sizes[0], sizes[1:]
    print(f"\nWhole-process CPU per participant beyond {smallest} participants (median of {runs}):")
    print(
        f"{'command':<18}"
        + "".join(f"{rows:>12}" for rows in compared)
        + f"  {max(compared) // 1000}k/{compared[0] // 1000}k"
    )
    verdict = "ok"
    for label in ("status", "status -f json", "record --dry-run", "fmt --check"):
        for rows in sizes:
            timed([*HANOI, *commands[f"{label} {rows}"]], base_env)  # warm the cache and the bytecode
        times: dict[int, list[float]] = {rows: [] for rows in sizes}
        for _ in range(runs):
            for rows in sizes:
                times[rows].append(timed([*HANOI, *commands[f"{label} {rows}"]], base_env)[1])
        base = statistics.median(times[smallest])
        cost = {rows: (statistics.median(times[rows]) - base) / (rows - smallest) for rows in compared}
        ratio = cost[max(compared)] / cost[compared[0]]
        verdict = verdict if ratio <= 1.3 else "OVER"
        print(
            f"{label:<18}" + "".join(f"{cost[rows] * 1e6:9.1f} us" for rows in compared) + f"  {ratio:5.2f}"
            f" {'ok' if ratio <= 1.3 else 'OVER'}"
        )
    print(f"(target: each {max(compared) // 1000}k/{compared[0] // 1000}k ratio <=1.3)")
    return verdict


# ---------------------------------------------------------------------------------------------
# In-process cost per participant row

PER_ROW_SCRIPT = """
import gc, json, statistics, sys, time
from hanoi_cli.core.rules.engine import evaluate
from hanoi_cli.core.reading.loader import read_ledger
import datetime
path, repeats = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
read_ledger(text="\\n  - name:".join(text.split("\\n  - name:")[:3]) + "\\n", name="warm-up")  # build validators
loads, evaluations, rows = [], [], 0
for _ in range(repeats):
    gc.collect()
    start = time.perf_counter()
    ledger = read_ledger(text=text, name=path).ledger
    middle = time.perf_counter()
    evaluate(ledger, datetime.date(2026, 11, 28))
    loads.append(middle - start)
    evaluations.append(time.perf_counter() - middle)
    rows = len(ledger.participants)
    del ledger
print(json.dumps({"rows": rows, "load": statistics.median(loads), "evaluate": statistics.median(evaluations)}))
"""


def per_row(big: dict[int, Path], repeats: int) -> Optional[str]:
    import json

    print(f"\nIn-process cost per participant row (median of {repeats}; read_ledger = compose + validate):")
    print(f"{'rows':>8} {'read_ledger':>14} {'evaluate':>10}")
    costs = {}
    for rows, path in big.items():
        output = subprocess.run(
            [PY, "-c", PER_ROW_SCRIPT, str(path), str(repeats)], capture_output=True, text=True, check=True
        ).stdout
        measured = json.loads(output)
        assert measured["rows"] == rows
        costs[rows] = measured["load"] / rows
        print(f"{rows:>8} {costs[rows] * 1e6:11.1f} us {measured['evaluate'] / rows * 1e6:7.1f} us")
    ratio = costs[max(costs)] / costs[min(costs)]
    verdict = "ok" if ratio <= 1.3 else "OVER"
    print(f"per-row cost {max(costs) // 1000}k / {min(costs) // 1000}k: {ratio:.2f}  (target <=1.3) {verdict}")
    return verdict


def skipped_when_quick(case: Case) -> bool:
    """What ``--quick`` leaves to the full run: cases without a target, the uncached 500-file status
    (seconds a run, all of it parsing) and the 50,000-participant ledger (not written)."""
    no_target = case.target is None and case.seconds is None and case.memory is None
    many_files_uncached = f"{MANY_FILES} files (" in case.label  # cold or no cache: all of it parsing
    return no_target or many_files_uncached or case.label.startswith(f"{BIG // 1000}k:")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs per command (default 11)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="about a minute: 3 runs (1 of the slow cases), only the targets, up to 10,000 participants",
    )
    parser.add_argument(
        "--only",
        default="",
        help="time only the commands whose label contains this ('per-row': only the in-process part)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the folder of synthetic ledgers")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    repeats = 3 if args.quick else 7
    started = time.perf_counter()

    from hanoi_cli import __version__
    from hanoi_cli.core.reading.ledger_paths import shipped_ledger

    scratch = Path(tempfile.mkdtemp(prefix="hanoi-speed-"))
    try:
        many, big = write_ledgers(scratch, QUICK_BIG_ROWS if args.quick else BIG_ROWS)
        os.sync()  # flush the new files now rather than during the first timed runs
        base_env = dict(os.environ, HANOI_TODAY=TODAY, COLUMNS="120", HANOI_CACHE_DIR=str(scratch / "cache"))
        for name in ("HANOI_LEDGER", "HANOI_NO_CACHE", "NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE"):
            base_env.pop(name, None)  # bytecode allowed: a user's Python writes and uses it
        available = commands_of_installed_hanoi(base_env)
        load = os.getloadavg()[0]
        print(
            f"hanoi {__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load:.2f}; "
            f"{runs} runs each; bytecode allowed (as a user runs hanoi); commands: {', '.join(sorted(available))}"
        )
        print(
            f"{'command':<34} {'median':>8} {'floor':>7} {'cpu':>5} {'wall':>6} {'best':>5} {'fastest-slowest':>17} "
            f"{'cpu ms':>8} {'MiB':>5} {'target':>9} {'':<4}  floor (imports)   [times in ms; cpu, wall: ratios]"
        )
        verdicts = []
        for case in cases(str(shipped_ledger()), many, big, scratch):
            if args.only and args.only not in case.label:
                continue
            if args.quick and skipped_when_quick(case):
                continue  # --quick times what has a verdict and fits in a minute; the full run shows the rest
            if case.needs and case.needs not in available:
                print(f"{case.label:<34} skipped: this hanoi has no '{case.needs}' command")
                continue
            verdicts.append(run_case(case, base_env, 1 if args.quick and case.seconds is not None else runs))
        if not args.only or args.only == "per-row":
            verdicts.append(per_row({rows: path for rows, path in big.items() if rows > 100}, repeats))
        if not args.only or args.only == "per-participant":
            verdicts.append(per_participant(big, scratch, base_env, 1 if args.quick else 5))
        print(f"load average at the end: {os.getloadavg()[0]:.2f} (at the start: {load:.2f})")
        print(f"took {time.perf_counter() - started:.0f} s")
    finally:
        if args.keep:
            print(f"synthetic ledgers kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 1 if "OVER" in verdicts else 0


if __name__ == "__main__":
    raise SystemExit(main())
