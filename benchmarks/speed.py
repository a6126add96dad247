"""Whole-process start-up of hanoi commands against the bare imports they need (run by hand).

    python benchmarks/startup.py [--runs 21]

Each command is timed as a whole process (interpreter start to exit), interleaved with its floor
so that machine noise hits both alike; the report gives wall-clock medians, their ratio to the
floor, and the ratio of median CPU time (user + system), which shared machines disturb less.
Targets: ``hanoi status`` <= 1.3x its floor, ``hanoi --version`` <= 1.2x. The cold row (no
cache: YAML composed and Pydantic validators built) is shown for information.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

PY = sys.executable

# (label, command, floor label, floor command, target ratio or None, extra environment)
COLD = {"HANOI_NO_CACHE": "1"}
CASES = [
    (
        "hanoi --version",
        [PY, "-m", "hanoi_cli", "--version"],
        "import typer",
        [PY, "-c", "import typer"],
        1.2,
        {},
    ),
    (
        "hanoi status",
        [PY, "-m", "hanoi_cli", "status"],
        "import typer, pydantic, yaml, rich.table",
        [PY, "-c", "import typer, pydantic, yaml, rich.table"],
        1.3,
        {},
    ),
    (
        "hanoi status --format json",
        [PY, "-m", "hanoi_cli", "status", "--format", "json"],
        "import typer, pydantic, yaml",
        [PY, "-c", "import typer, pydantic, yaml"],
        1.3,
        {},
    ),
    (
        "hanoi status (cold: no cache)",
        [PY, "-m", "hanoi_cli", "status"],
        "import typer, pydantic, yaml, rich.table",
        [PY, "-c", "import typer, pydantic, yaml, rich.table"],
        None,
        COLD,
    ),
]


def wall(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    base_env = dict(os.environ, HANOI_TODAY="2026-11-28", COLUMNS="120")
    base_env.pop("HANOI_LEDGER", None)
    base_env.pop("HANOI_NO_CACHE", None)

    print(f"{'command':<32} {'median':>9} {'floor':>9} {'ratio':>6} {'cpu':>6} {'target':>7}  floor command")
    worst = 0
    for label, command, floor_label, floor, target, extra in CASES:
        env = dict(base_env, **extra)
        for warm in (command, floor):  # fill the page cache and write bytecode first
            wall(warm, env)
        ours, base = [], []
        for _ in range(args.runs):
            ours.append(wall(command, env))
            base.append(wall(floor, env))
        median = statistics.median(run[0] for run in ours)
        floor_median = statistics.median(run[0] for run in base)
        ratio = median / floor_median
        cpu_ratio = statistics.median(run[1] for run in ours) / statistics.median(run[1] for run in base)
        verdict = "" if target is None else ("ok" if ratio <= target else "OVER")
        worst = max(worst, target is not None and ratio > target)
        shown = "-" if target is None else f"<={target}"
        print(
            f"{label:<32} {median * 1000:7.1f}ms {floor_median * 1000:7.1f}ms {ratio:6.2f} {cpu_ratio:6.2f} "
            f"{shown:>7}  {floor_label}  {verdict}"
        )
    return 1 if worst else 0


if __name__ == "__main__":
    raise SystemExit(main())
