"""Text laid out for people: tables that never cut or split a date, a code, a path or a flag.

Every human table of hanoi goes through ``print_table``: columns are sized from the data, only
names and prose wrap (at spaces), lists such as flags wrap between their items, and when even
that cannot fit the terminal, each row is printed as a short block instead (the stacked layout).
Output that is not a terminal (a pipe, a file) gets no padding at line ends and sentences that
are never hard-wrapped, so a status sentence can be pasted whole.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Optional, TextIO, Union

from hanoi_cli.core.ledger.dates import MONTH_NAMES

Cell = Union[str, tuple[str, ...]]
GAP = 2  # spaces between two columns

# "28 September 2020" and "October 2020" are one token when prose is wrapped: a date is never
# split across lines.
_LONG_DATE = re.compile(r"\b(?:\d{1,2} )?(?:" + "|".join(MONTH_NAMES) + r") \d{4}\b")
_GLUE = "\x00"
_WRAP_WHITESPACE = frozenset("\t\n\x0b\x0c\r")  # what textwrap turns into spaces


@dataclass(frozen=True)
class Column:
    """A table column. ``fixed`` cells are never split; ``words`` wrap at spaces (names, prose);
    ``items`` cells are tuples (flags) that wrap between items, never inside one."""

    header: str
    kind: Literal["fixed", "words", "items"] = "fixed"
    justify: Literal["left", "right"] = "left"
    style: str = ""


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: its length for printable ASCII, else as Rich counts them."""
    if text.isascii() and text.isprintable():
        return len(text)
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def _items(cell: Cell) -> list[str]:
    """Items with the separating comma kept on all but the last, so a wrapped list still reads as one."""
    items = [cell] if isinstance(cell, str) else list(cell)
    items = [item for item in items if item]
    return [item + "," for item in items[:-1]] + items[-1:]


def _text(cell: Cell) -> str:
    return " ".join(_items(cell)) if isinstance(cell, tuple) else cell


def _natural(column: Column, cells: Sequence[Cell]) -> int:
    return max([cell_len(column.header), *(cell_len(_text(cell)) for cell in cells)])


def _minimum(column: Column, cells: Sequence[Cell]) -> int:
    """The narrowest the column may get: its longest word (or item), never less than a header word."""
    if column.kind == "fixed":
        return _natural(column, cells)
    pieces = column.header.split()
    for cell in cells:
        pieces += _items(cell) if column.kind == "items" else _text(cell).split()
    return max(cell_len(piece) for piece in pieces)


def plan_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int, gap: int = GAP
) -> Optional[list[int]]:
    """Column widths that fit ``width`` without splitting what must stay whole; None if none do."""
    per_column = [[row[index] for row in rows] for index in range(len(columns))]
    natural = [_natural(column, cells) for column, cells in zip(columns, per_column)]
    available = width - gap * (len(columns) - 1)
    if sum(natural) <= available:
        return natural
    widths = [_minimum(column, cells) for column, cells in zip(columns, per_column)]
    spare = available - sum(widths)
    if spare < 0:
        return None
    flexible = [index for index, column in enumerate(columns) if column.kind != "fixed"]
    lengths = {index: [cell_len(_text(cell)) for cell in per_column[index]] for index in flexible}
    while spare > 0:  # widen where it unwraps the most cells for each column given
        best: Optional[tuple[float, int, int]] = None
        for index in flexible:
            for target in sorted(set(lengths[index])):
                cost = target - widths[index]
                if cost <= 0 or cost > spare:
                    continue
                unwrapped = sum(1 for length in lengths[index] if widths[index] < length <= target)
                if best is None or unwrapped / cost > best[0]:
                    best = (unwrapped / cost, index, target)
        if best is None:
            break
        _, index, target = best
        spare -= target - widths[index]
        widths[index] = target
    return widths


def pack(pieces: Sequence[str], width: int, separator: str = " ") -> list[str]:
    """Whole pieces on as few lines as fit ``width``; a piece wider than that gets a line of its own."""
    lines: list[str] = []
    for piece in pieces:
        if lines and cell_len(lines[-1]) + len(separator) + cell_len(piece) <= width:
            lines[-1] += separator + piece
        else:
            lines.append(piece)
    return lines


def cell_lines(column: Column, cell: Cell, width: int) -> list[str]:
    if column.kind == "items":
        return pack(_items(cell), width) or [""]
    if column.kind == "words":
        text = _text(cell)
        if len(text) <= width and text.strip(" ") == text and not _WRAP_WHITESPACE.intersection(text):
            return [text]  # what textwrap gives for a line that fits, without its cost (50,000 names)
        return textwrap.wrap(_text(cell), width, break_long_words=False, break_on_hyphens=False) or [""]
    return [_text(cell)]


def prose_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where to cut ``text`` into lines of at most ``width`` cells: at spaces (kept as written
    inside a line), never inside a word or a long date (``30 June 2020``)."""
    glued = _LONG_DATE.sub(lambda match: match.group(0).replace(" ", _GLUE), text)
    spans: list[tuple[int, int]] = []
    for token in re.finditer(r"\S+", glued):
        if spans and cell_len(text[spans[-1][0] : token.end()]) <= width:
            spans[-1] = (spans[-1][0], token.end())
        else:
            spans.append((token.start(), token.end()))
    return spans or [(0, 0)]


def prose_lines(text: str, width: int) -> list[str]:
    """``text`` wrapped at spaces to ``width``, a long date never split."""
    return [text[start:end] for start, end in prose_spans(text, width)]


def hanging_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where to cut a line of ``text`` to fit ``width``: at spaces as ``prose_spans`` does, the
    lines after the first indented two more than the line itself (so they read as its sequel)."""
    if cell_len(text) <= width:
        return [(0, len(text))]
    indent = len(text) - len(text.lstrip(" "))
    first = prose_spans(text[indent:], max(width - indent, 1))[0]
    spans = [(0, indent + first[1])]
    rest = indent + first[1]
    rest += len(text[rest:]) - len(text[rest:].lstrip(" "))
    if rest < len(text):
        spans += [(rest + start, rest + end) for start, end in prose_spans(text[rest:], max(width - indent - 2, 1))]
    return spans


def hanging_lines(text: str, width: int) -> list[str]:
    """Each line of ``text`` wrapped to ``width`` at spaces (``hanging_spans``); nothing is cut: a
    word wider than the line (a URL) keeps a line of its own."""
    lines = []
    for line in text.split("\n"):
        spans = hanging_spans(line, width)
        indent = " " * (len(line) - len(line.lstrip(" ")) + 2)
        lines += [
            line[start:end] if number == 0 else indent + line[start:end] for number, (start, end) in enumerate(spans)
        ]
    return lines


def _broken_pipe() -> None:
    """Hand a closed pipe to the command's guard (``cli.guard``), which ends quietly with 0."""
    raise BrokenPipeError


class Output:
    """Where a human view is printed: a Rich console, plain and unpadded when not a terminal."""

    def __init__(self, *, soft_wrap: bool = False, stream: Optional[TextIO] = None) -> None:
        from rich.console import Console

        self.soft_wrap = soft_wrap  # leave long lines to the terminal (diff's values), never fold them
        self.console = Console(highlight=False, file=stream)  # None: standard output
        self.console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]  # Rich would exit 1
        self.piped = not self.console.is_terminal
        self.width = self.console.width

    def print(self, renderable: Any = "", *, soft_wrap: bool = False) -> None:
        """Print as Rich does on a terminal; elsewhere unwrapped, with no padding at line ends.
        ``soft_wrap`` leaves a long line to the terminal rather than folding it (a path)."""
        if not self.piped:
            self.console.print(renderable, soft_wrap=soft_wrap or self.soft_wrap or isinstance(renderable, str))
            return
        with self.console.capture() as captured:
            self.console.print(renderable, soft_wrap=True)
        lines = captured.get().split("\n")
        self.console.file.write("\n".join(line.rstrip() for line in lines))

    def hanging(self, text: Any, style: str = "") -> None:
        """A line that may be long (a change, a path and its value): whole in a pipe or file; on
        a terminal wrapped at spaces with its sequel indented (``hanging_spans``), nothing cut."""
        from rich.text import Text

        line = text if isinstance(text, Text) else Text(text, style=style)
        if self.piped:
            self.print(line)
            return
        spans = hanging_spans(line.plain, self.width)
        indent = " " * (len(line.plain) - len(line.plain.lstrip(" ")) + 2)
        for number, (start, end) in enumerate(spans):
            piece = line[start:end]
            self.console.print(piece if number == 0 else Text(indent) + piece, soft_wrap=True)

    def prose(self, text: Any, style: str = "") -> None:
        """A sentence (or a ``Text``): wrapped at spaces on a terminal, whole in a pipe or file."""
        from rich.text import Text

        line = text if isinstance(text, Text) else Text(text, style=style)
        if self.piped:
            self.print(line)
            return
        for start, end in prose_spans(line.plain, self.width):
            self.console.print(line[start:end], soft_wrap=True)


def print_table(
    out: Output,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    head: Sequence[int] = (0,),
    row_styles: Optional[Sequence[Sequence[str]]] = None,
    gap: int = GAP,
) -> None:
    """A table of ``rows`` fitting the output's width, else the stacked layout.

    ``row_styles`` gives a style per cell (or ""); ``head`` names the columns that open a row's
    block in the stacked layout (the others follow as ``Header value`` pieces); ``gap`` is the
    spaces between two columns (3 keeps the look that forecast and project always had; where that
    does not fit, the usual 2 before the stacked layout).
    """
    widths = plan_widths(columns, rows, out.width, gap)
    if widths is None and gap > GAP:  # a wider gap is a look, never worth a table: try the usual one
        gap = GAP
        widths = plan_widths(columns, rows, out.width, gap)
    if widths is None:
        _print_stacked(out, columns, rows, head)
        return
    from hanoi_cli.core.reading.loader import collector_paused

    with collector_paused():  # an object or two per cell: the collector's passes would make it superlinear
        if out.piped and out.console.color_system is None:  # no style is drawn: the text alone
            text = _table_text(columns, rows, widths, row_styles, gap)
            if text is not None:
                out.console.file.write(text)
                return
        segments = _table_segments(columns, rows, widths, row_styles, gap)
        if segments is None:
            out.print(_rich_table(columns, rows, widths, row_styles, gap))
            return
        from rich.segment import Segments

        out.print(Segments(segments))


def _styled_lines(
    columns: Sequence[Column], row: Sequence[Cell], widths: Sequence[int], styles: Optional[Sequence[str]]
) -> list[tuple[list[str], str]]:
    """Each cell of a row as its lines (right-justified where the column is) and its style."""
    cells = []
    for index, (column, cell, width) in enumerate(zip(columns, row, widths)):
        style = column.style
        if styles is not None and styles[index]:
            style = styles[index]
        lines = cell_lines(column, cell, width)
        if column.justify == "right":
            lines = [" " * (width - cell_len(line)) + line for line in lines]
        cells.append((lines, style))
    return cells


def _rich_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    row_styles: Optional[Sequence[Sequence[str]]],
    gap: int = GAP,
) -> Any:
    """The table as a Rich ``Table``: what ``_table_segments`` writes faster, and the fallback."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", padding=(0, gap - 1, 0, 0), pad_edge=False)
    table.show_edge = False
    for column, width in zip(columns, widths):
        header = column.header.rjust(width) if column.justify == "right" else column.header
        table.add_column(header, width=width, no_wrap=True, overflow="ignore")
    for number, row in enumerate(rows):
        cells = _styled_lines(columns, row, widths, None if row_styles is None else row_styles[number])
        table.add_row(*(Text("\n".join(lines), style=style) for lines, style in cells))
    return table


def _table_segments(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    row_styles: Optional[Sequence[Sequence[str]]],
    gap: int = GAP,
) -> Optional[list[Any]]:
    """The segments Rich's ``Table`` renders for ``_rich_table``, written directly: Rich lays out
    each cell through several renderables (0.35 ms a row, 17 s for 50,000 participants), while
    every width is already known here. None where Rich might do more than pad and join (see
    ``_table_pieces``): Rich draws those."""
    from rich.segment import Segment
    from rich.style import Style

    parsed: dict[str, Optional[Style]] = {"": None}
    segments: list[Any] = []
    append = segments.append
    for piece in _table_pieces(columns, rows, widths, row_styles, gap):
        if piece is None:
            return None
        text, style = piece
        if style not in parsed:
            parsed[style] = Style.parse(style)
        append(Segment(text, parsed[style]))
    return segments


def _table_text(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    row_styles: Optional[Sequence[Sequence[str]]],
    gap: int = GAP,
) -> Optional[str]:
    """What ``Output.print`` writes of ``_table_segments`` where no style is drawn (a pipe or a
    file, no colour): the pieces' text, each line without trailing spaces. Written without Rich's
    segments and capture, which held three copies of a big table at once (140 MiB for 50,000
    participants). None where Rich must draw the table."""
    lines: list[str] = []
    line: list[str] = []
    for piece in _table_pieces(columns, rows, widths, row_styles, gap):
        if piece is None:
            return None
        text = piece[0]
        if text.endswith("\n"):  # a line ends with its padding and the line break, never inside a piece
            line.append(text[:-1])
            lines.append("".join(line).rstrip())
            line = []
        else:
            line.append(text)
    return "".join(f"{text}\n" for text in lines)


def _table_pieces(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[int],
    row_styles: Optional[Sequence[Sequence[str]]],
    gap: int = GAP,
) -> Iterator[Optional[tuple[str, str]]]:
    """The table as Rich's ``Table`` would print it, as ``(text, style)`` pieces ("": unstyled), a
    line ending with a piece that ends in ``\\n``; a None (the last piece) where Rich might do more
    than pad and join (a header or line wider than its column, text that is not plain printable
    characters).

    Rich writes a cell line as its text (in the cell's style), padding to the column width, then
    one space of cell padding and one of column divider (unstyled; the header's padding is bold);
    the header is followed by a rule across the whole table. Unstyled pieces of one line are
    joined, which prints the same; styled ones stay apart, as each is printed with its own codes.
    """
    last = len(columns) - 1
    for index, (column, width) in enumerate(zip(columns, widths)):
        text = column.header.rjust(width) if column.justify == "right" else column.header
        size = cell_len(text)
        if size > width or not _plain(text):
            yield None
            return
        if text:
            yield text, "bold"
        if size < width:
            yield " " * (width - size), "bold"
        if index < last:
            yield " " * (gap - 1), "bold"
            yield " ", ""
        else:
            yield "\n", ""
    yield "─" * (sum(widths) + gap * last), ""
    yield "\n", ""
    for number, row in enumerate(rows):
        cells = _styled_lines(columns, row, widths, None if row_styles is None else row_styles[number])
        for line_number in range(max(len(lines) for lines, _ in cells)):
            spaces = 0  # unstyled space owed since the last text
            for index, ((lines, style), width) in enumerate(zip(cells, widths)):
                text = lines[line_number] if line_number < len(lines) else ""
                size = cell_len(text)
                if size > width or not _plain(text):
                    yield None
                    return
                if text:
                    if not style:
                        yield " " * spaces + text, ""
                    else:
                        if spaces:
                            yield " " * spaces, ""
                        yield text, style
                    spaces = 0
                spaces += width - size + (gap if index < last else 0)
            yield " " * spaces + "\n", ""


def _plain(text: str) -> bool:
    """Printable text that Rich writes as it is (no tabs to expand, no control codes to strip)."""
    return text.isprintable()


def _print_stacked(out: Output, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], head: Sequence[int]) -> None:
    """One block per row: its ``head`` cells on the first line(s), then ``Header value`` pieces."""
    from rich.text import Text

    width = max(out.width, 20)
    for row in rows:
        opens = head
        if not any(_text(row[index]) for index in head):  # nothing to open with: the last cell (a path)
            opens = [index for index, cell in enumerate(row) if _text(cell)][-1:]
        opening = [_text(row[index]) for index in opens if _text(row[index])]
        words = [column.kind == "words" for index, column in enumerate(columns) if index in opens]
        if any(words):
            first = "  ".join(opening)
            lines = textwrap.wrap(first, width, break_long_words=False, break_on_hyphens=False) or [""]
        else:
            lines = pack(opening, width, "  ") or [""]
        out.print(Text("\n".join(lines), style="bold"), soft_wrap=True)
        pieces: list[str] = []
        for index, (column, cell) in enumerate(zip(columns, row)):
            if index in opens or not _text(cell):
                continue
            if column.kind == "items":
                pieces += [item for item in (cell if isinstance(cell, tuple) else (cell,)) if item]
            else:
                pieces.append(f"{column.header} {_text(cell)}" if column.header else _text(cell))
        for line in _piece_lines(pieces, columns, width - 2):
            out.print(Text("  " + line), soft_wrap=True)


def _piece_lines(pieces: Sequence[str], columns: Sequence[Column], width: int) -> list[str]:
    """Pieces packed as ``pack`` does; a ``Header value`` piece too wide for a line is its header on
    one line and its value on the next, a value wider still wrapped at spaces (never in a word)."""
    headers = tuple(column.header + " " for column in columns if column.header)
    lines: list[str] = []
    open_line = False  # whether the last line may take another piece
    for piece in pieces:
        if cell_len(piece) <= width:
            if open_line and cell_len(lines[-1]) + GAP + cell_len(piece) <= width:
                lines[-1] += " " * GAP + piece
            else:
                lines.append(piece)
            open_line = True
            continue
        header = next((header for header in headers if piece.startswith(header)), None)
        value = piece if header is None else piece[len(header) :]
        lines += [] if header is None else [header.rstrip()]
        lines += prose_lines(value, width)  # at spaces (a flag of several words), never inside a word
        open_line = False
    return lines
