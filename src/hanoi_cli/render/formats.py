"""Small text builders the renderers share: JSON, CSV, Markdown table rows and plurals.

One place for each rule, so every command writes the same JSON layout, the same CSV cells and
the same Markdown escaping. Light on purpose (``guard`` imports it at start-up): ``json`` and
``csv`` are imported only when a payload is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Optional, TextIO, TypeVar

Result = TypeVar("Result")


def dump_json(payload: Any) -> str:
    """A machine payload as printed on stdout: indented, UTF-8 as is, one final newline."""
    import json

    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def csv_cell(value: Any) -> str:
    """An empty cell for what is not recorded, ``true``/``false`` for flags, else the text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_text(columns: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    """A CSV document: the header, then one line per row (``\\n`` line ends, cells by ``csv_cell``)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def md_cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes and backslashes escaped, one line."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def md_row(cells: Iterable[str]) -> str:
    """One Markdown table row, every cell escaped by ``md_cell``."""
    return "| " + " | ".join(md_cell(cell) for cell in cells) + " |"


def writing(text_of: Callable[[Result], str]) -> Callable[[Result, TextIO], None]:
    """A renderer (``result, stream``) from a function that says a result as text (JSON, CSV, Markdown)."""

    def render(result: Result, stream: TextIO) -> None:
        stream.write(text_of(result))

    return render


def for_excel(text_of: Callable[[Result], str]) -> Callable[[Result, TextIO], None]:
    """A renderer of the CSV ``text_of`` says, as Excel opens it right (``--format csv-excel``):
    UTF-8 with a byte-order mark, without which Excel on Windows reads the file in the ANSI code
    page and garbles Türkiye and Côte d'Ivoire, and CRLF line ends (RFC 4180). Written as bytes
    where the stream has them, so the console's own encoding never matters."""

    def render(result: Result, stream: TextIO) -> None:
        text = "\ufeff" + text_of(result).replace("\n", "\r\n")
        binary = getattr(stream, "buffer", None)
        if binary is None:
            stream.write(text)
            return
        stream.flush()
        binary.write(text.encode("utf-8"))
        binary.flush()

    return render


def terminal_width(stream: TextIO) -> Optional[int]:
    """The width of the terminal ``stream`` writes to, or None if it is not one (a pipe, a file).

    For the views written without Rich (validate, sync): the same conventions as Rich's, so a test
    or a CI log can say ``TTY_COMPATIBLE=1`` and ``COLUMNS``."""
    import os

    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible == "0" or (compatible != "1" and not (hasattr(stream, "isatty") and stream.isatty())):
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    import shutil

    return shutil.get_terminal_size().columns
