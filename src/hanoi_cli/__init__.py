"""hanoi: ratification tracker and entry-into-force calculator for multilateral treaties.

Layers, lowest first (``tests/test_architecture.py`` checks that imports only point down):
``core.ledger`` (the format), ``core.reading``, ``core.rules``, ``core.editing``, ``core.depositary``,
``core.commands``, ``core.payloads``, then ``api`` (the Python API), ``render`` (Typer-free output)
and ``cli`` (the Typer commands). The core never imports Typer or Rich.

The Python API (``import hanoi_cli as hanoi; hanoi.status(hanoi.load())``, docs/python-api.md) is
reached through this package's ``__getattr__``: ``hanoi_cli.api`` is imported on first use, so a
command's start-up never pays for it.

Imports stand at the top of each module, except the deliberate lazy ones, imported inside the
function that needs them so that ``hanoi --help`` and every command start fast: the heavy
libraries (pydantic, PyYAML, Rich, pycountry, dateutil, httpx, defusedxml, matplotlib, Jinja2)
and, in ``cli``, the modules only one command needs.

The version comes from the git tag through hatch-vcs, which writes ``_version.py`` whenever hanoi
is built or installed (it is not in git); a bare source tree on ``sys.path`` says ``0.0.0+unknown``.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `import hanoi_cli` stays free

try:
    from hanoi_cli._version import __version__
except ImportError:  # never built or installed: run from a bare source tree
    __version__ = "0.0.0+unknown"

# The public API, re-exported lazily from ``hanoi_cli.api`` (a contract: names are only ever added).
__all__ = [
    "Forecast",
    "Ledger",
    "LedgerError",
    "ParticipantStatus",
    "Quantiles",
    "Status",
    "Table",
    "forecast",
    "load",
    "status",
    "timeline",
]

if TYPE_CHECKING:
    from typing import Any

    from hanoi_cli.api import (
        Forecast,
        Ledger,
        LedgerError,
        ParticipantStatus,
        Quantiles,
        Status,
        Table,
        forecast,
        load,
        status,
        timeline,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        import importlib

        return getattr(importlib.import_module("hanoi_cli.api"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
