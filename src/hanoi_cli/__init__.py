"""hanoi: ratification tracker and entry-into-force calculator for multilateral treaties.

Layers, lowest first (``tests/test_architecture.py`` checks that imports only point down):
``core.ledger`` (the format), ``core.reading``, ``core.rules``, ``core.payloads``,
``core.editing``, ``core.depositary``, then ``render`` (Typer-free output) and ``cli`` (the
Typer commands). The core never imports Typer or Rich.

Imports stand at the top of each module, except the deliberate lazy ones, imported inside the
function that needs them so that ``hanoi --help`` and every command start fast: the heavy
libraries (pydantic, PyYAML, Rich, pycountry, dateutil, httpx, defusedxml, matplotlib, Jinja2)
and, in ``cli``, the modules only one command needs.

The version comes from the git tag through hatch-vcs, which writes ``_version.py`` whenever hanoi
is built or installed (it is not in git); a bare source tree on ``sys.path`` says ``0.0.0+unknown``.
"""

try:
    from hanoi_cli._version import __version__
except ImportError:  # never built or installed: run from a bare source tree
    __version__ = "0.0.0+unknown"
