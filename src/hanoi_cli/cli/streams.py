"""Standard output in any encoding: never a crash because the console lacks a character.

Windows writes a piped or redirected stdout in the ANSI code page (cp1252), and
``PYTHONIOENCODING=ascii`` or an old locale does the same elsewhere; a participant's name, the
progress bar's blocks or an arrow then raised ``UnicodeEncodeError``. Chosen before any output:

- machine output (``--format json/csv/markdown/github``, ``hanoi new``'s ledger, ``hanoi schema``)
  is written in UTF-8 whatever the console's encoding, so it stays exact: JSON is UTF-8 by its
  RFC, and pandas, jq and GitHub's job summary read UTF-8;
- human views keep the console's encoding, and a character it lacks becomes its nearest ASCII
  (``█`` ``#``, ``→`` ``->``, ``Côte`` ``Cote``) or ``?``. Rich already draws ASCII table rules
  for such a console.
"""

from __future__ import annotations

import codecs
import sys
from typing import Any

FALLBACK_ERRORS = "hanoi-ascii-fallback"

# Commands whose standard output is a file's content, whatever --format says.
_FILE_COMMANDS = frozenset({"new", "schema"})
_HUMAN_FORMATS = frozenset({"table", "text"})

# The glyphs hanoi's own views use, in ASCII; other characters lose their accents or become "?".
_ASCII = {
    "█": "#",
    "░": ".",
    "┃": "|",
    "│": "|",
    "┤": "|",
    "├": "|",
    "─": "-",
    "→": "->",
    "←": "<-",
    "·": "-",
    "…": "...",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "✓": "v",
    "✗": "x",
    "\u00a0": " ",
}


def requested_format(args: list[str]) -> str | None:
    """The value of ``--format`` on a command line (``-f json``, ``--format=json``, ``-fjson``), lower case."""
    for position, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--format", "-f") and position + 1 < len(args):
            return args[position + 1].lower()
        if arg.startswith("--format="):
            return arg.partition("=")[2].lower()
        if arg.startswith("-f") and not arg.startswith("--") and len(arg) > 2:
            return arg[2:].lower()
    return None


def _nearest_ascii(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: what the console cannot show, as the closest text it can."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    out = []
    for char in error.object[error.start : error.end]:
        stand_in = _ASCII.get(char)
        if stand_in is None:
            stand_in = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?"
        out.append(stand_in)
    return "".join(out), error.end


def _is_unicode(encoding: str | None) -> bool:
    try:
        return codecs.lookup(encoding or "").name.startswith("utf")
    except LookupError:
        return False


def prepare_stdout(args: list[str], stream: Any = None) -> None:
    """Make ``stream`` (stdout) able to take any text, before the command writes to it."""
    stream = sys.stdout if stream is None else stream
    if _is_unicode(getattr(stream, "encoding", None)) or not hasattr(stream, "reconfigure"):
        return
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command in _FILE_COMMANDS or requested_format(args) not in (None, *_HUMAN_FORMATS):
        stream.reconfigure(encoding="utf-8")
        return
    try:
        codecs.lookup_error(FALLBACK_ERRORS)
    except LookupError:
        codecs.register_error(FALLBACK_ERRORS, _nearest_ascii)
    stream.reconfigure(errors=FALLBACK_ERRORS)
