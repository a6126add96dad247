"""Gettext catalogues as files: read a ``.po``, write the ``.mo`` gettext loads (a small msgfmt).

Used by ``scripts/compile_catalogues.py`` and by the tests that check every catalogue is complete,
its placeholders match and its ``.mo`` is the compilation of its ``.po``; never at run time.
"""

from __future__ import annotations

import ast
import struct
from dataclasses import dataclass, field
from typing import Optional

AGREEING = "masculine"  # the context of a sentence's masculine form (language.MASCULINE)


@dataclass
class Entry:
    """One message: its context, id, plural id and translations (one per plural form)."""

    msgid: str
    context: Optional[str] = None
    plural: Optional[str] = None
    translations: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def key(self) -> str:
        """The ``.mo`` key: ``context\\x04msgid``, and ``\\x00plural`` for a plural message."""
        key = self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"
        return key if self.plural is None else f"{key}\x00{self.plural}"


def parse_po(text: str) -> list[Entry]:
    """The entries of a ``.po`` file, the header (``msgid ""``) first; comments are skipped."""
    entries: list[Entry] = []
    current: Optional[Entry] = None
    target: Optional[tuple[str, int]] = None  # (field, plural index)

    def finish() -> None:
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = "", line
        value = ast.literal_eval(rest) if rest.startswith('"') else ""
        if keyword == "msgctxt" or (keyword == "msgid" and (current is None or current.translations)):
            finish()
            current = Entry(msgid="", line=number)
        if current is None:
            raise ValueError(f"line {number}: {keyword or 'a string'} outside an entry")
        if keyword == "msgctxt":
            current.context, target = value, ("context", 0)
        elif keyword == "msgid":
            current.msgid, target = value, ("msgid", 0)
        elif keyword == "msgid_plural":
            current.plural, target = value, ("plural", 0)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            current.translations.append(value)
            target = ("msgstr", index)
        elif keyword == "" and target is not None:
            name, index = target
            if name == "context":
                current.context = (current.context or "") + value
            elif name == "msgid":
                current.msgid += value
            elif name == "plural":
                current.plural = (current.plural or "") + value
            else:
                current.translations[index] += value
        else:
            raise ValueError(f"line {number}: cannot read {line!r}")
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    """The header's ``Name: value`` lines (``Plural-Forms``, ``Language`` ...)."""
    header = next((entry for entry in entries if entry.msgid == "" and entry.context is None), None)
    if header is None or not header.translations:
        return {}
    fields = {}
    for line in header.translations[0].splitlines():
        name, _, value = line.partition(":")
        if value:
            fields[name.strip()] = value.strip()
    return fields


def compile_mo(entries: list[Entry]) -> bytes:
    """The GNU ``.mo`` bytes of ``entries`` (keys sorted, as msgfmt writes them; no hash table)."""
    pairs = sorted(
        (entry.key.encode("utf-8"), "\x00".join(entry.translations).encode("utf-8"))
        for entry in entries
        if (entry.translations and all(entry.translations)) or entry.msgid == ""
    )
    count = len(pairs)
    ids_start = 7 * 4
    strs_start = ids_start + count * 8
    data_start = strs_start + count * 8
    ids, strs = b"", b""
    id_table, str_table = [], []
    for key, _ in pairs:
        id_table.append((len(key), len(ids)))
        ids += key + b"\x00"
    for _, value in pairs:
        str_table.append((len(value), len(strs)))
        strs += value + b"\x00"
    out = struct.pack("<7I", 0x950412DE, 0, count, ids_start, strs_start, 0, 0)
    out += b"".join(struct.pack("<2I", length, data_start + offset) for length, offset in id_table)
    strs_data_start = data_start + len(ids)
    out += b"".join(struct.pack("<2I", length, strs_data_start + offset) for length, offset in str_table)
    return out + ids + strs


def messages_in(source: str) -> list[Entry]:
    """The messages a module asks for: ``tr("...")``, ``tr.plural("...", "...", n)``,
    ``tr.context("ctx", "...")`` (also through ``self.tr`` and, in the translator, ``self``);
    ``tr.agree(gender, "...")`` asks for the message and its ``masculine`` form."""
    found: list[Entry] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        literals = [
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None for arg in node.args
        ]
        if name in ("tr", "self") and literals[0] is not None:
            found.append(Entry(msgid=literals[0], line=node.lineno))
        elif name == "plural" and len(literals) >= 2 and literals[0] is not None and literals[1] is not None:
            owner = func.value if isinstance(func, ast.Attribute) else None
            if (isinstance(owner, ast.Name) and owner.id == "tr") or (
                isinstance(owner, ast.Attribute) and owner.attr == "tr"
            ):
                found.append(Entry(msgid=literals[0], plural=literals[1], line=node.lineno))
        elif name == "agree" and len(literals) >= 2 and literals[1] is not None:  # tr.agree(gender, "...")
            found.append(Entry(msgid=literals[1], line=node.lineno))
            found.append(Entry(msgid=literals[1], context=AGREEING, line=node.lineno))
        elif name == "agree_plural" and len(literals) >= 3 and literals[1] is not None and literals[2] is not None:
            found.append(Entry(msgid=literals[1], plural=literals[2], line=node.lineno))
            found.append(Entry(msgid=literals[1], plural=literals[2], context=AGREEING, line=node.lineno))
        elif name == "context" and len(literals) >= 2 and literals[0] is not None and literals[1] is not None:
            found.append(Entry(msgid=literals[1], context=literals[0], line=node.lineno))
    return found


def po_text(entries: list[Entry], header: str, nplurals: int) -> str:
    """A ``.po`` file of ``entries`` (translations kept where given, else empty) after ``header``."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    blocks = [header.rstrip("\n")]
    for entry in entries:
        lines = []
        if entry.context is not None:
            lines.append(f"msgctxt {quoted(entry.context)}")
        lines.append(f"msgid {quoted(entry.msgid)}")
        if entry.plural is not None:
            lines.append(f"msgid_plural {quoted(entry.plural)}")
            forms = entry.translations or [""] * nplurals
            lines += [f"msgstr[{index}] {quoted(form)}" for index, form in enumerate(forms)]
        else:
            lines.append(f"msgstr {quoted(entry.translations[0] if entry.translations else '')}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
