"""Rewrite the generated parts of the documentation from the code itself, so they cannot drift.

    python docs/generate.py          # rewrite them
    python docs/generate.py --check  # exit 1 if any is stale (tests/test_docs.py does the same)

A generated part sits between ``<!-- BEGIN GENERATED: NAME -->`` and ``<!-- END GENERATED: NAME -->``
in a Markdown file; everything outside the markers is written by hand. The parts:

- ``commands`` (docs/reference/commands.md): ``hanoi --help`` and each command's ``--help``, as
  Typer builds them from the app (the same text a user sees in an 80-column terminal);
- ``ledger-fields`` (docs/reference/ledger-format.md): one table of keys per object of the
  ledger's JSON Schema (``hanoi schema``), with types, defaults and descriptions.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
MARKER = re.compile(
    r"(<!-- BEGIN GENERATED: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- END GENERATED: (?P=name) -->)", re.S
)


def help_text(*args: str) -> str:
    """``hanoi ARGS --help`` through the real app, at a fixed width."""
    from typer.testing import CliRunner

    from hanoi_cli.cli.app import app

    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "80", "TERM": "dumb"})
    assert result.exit_code == 0, result.output
    return result.stdout


def commands_part() -> str:
    from hanoi_cli.cli.app import COMMANDS

    out = ["```text\n$ hanoi --help\n", help_text(), "```\n"]
    for name, (_, _, line) in COMMANDS.items():
        out += [f"\n## hanoi {name}\n\n{line}\n\n```text\n$ hanoi {name} --help\n", help_text(name), "```\n"]
    return "".join(out)


def _type(spec: dict[str, Any], definitions: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in spec:
        kinds = [_type(option, definitions) for option in spec["anyOf"] if option.get("type") != "null"]
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in spec:
        return " \\| ".join(f"`{value}`" for value in spec["enum"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"list of {_type(spec.get('items', {}), definitions)}"
    if kind == "string" and (spec.get("format") == "date" or spec.get("pattern", "").startswith("^\\d{4}")):
        return "date" if "/" not in spec.get("pattern", "") else "date or date/date"
    if isinstance(kind, list):
        return " or ".join(kind)
    return {"string": "text", "integer": "whole number", "boolean": "true/false", "object": "mapping"}.get(kind, kind)


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").replace("``", "`").split())


def _table(title: str, schema: dict[str, Any], definitions: dict[str, Any]) -> str:
    required = set(schema.get("required", []))
    rows = ["| key | type | required | default | meaning |", "|---|---|---|---|---|"]
    for key, spec in schema.get("properties", {}).items():
        default = spec.get("default", "")
        shown = "" if key in required or default in ("", None, []) else f"`{json.dumps(default)}`"
        rows.append(
            f"| `{key}` | {_type(spec, definitions)} | {'yes' if key in required else ''} | {shown} | "
            f"{_cell(spec.get('description', ''))} |"
        )
    description = _cell(schema.get("description", ""))
    return f"### {title}\n\n{description}\n\n" + "\n".join(rows) + "\n"


def ledger_fields_part() -> str:
    from hanoi_cli.core.reading.json_schema import render

    schema = json.loads(render())
    definitions = schema.get("definitions", schema.get("$defs", {}))
    parts = [_table("Ledger", schema, definitions)]
    parts += [_table(name, definitions[name], definitions) for name in _in_reading_order(schema, definitions)]
    return "\n".join(parts)


def _in_reading_order(schema: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    """The definitions as a reader meets them from the top of a ledger: each after the first key naming it."""
    order: list[str] = []
    queue = [schema]
    while queue:
        for match in re.finditer(r'"\$ref": "[^"]*/([^"/]+)"', json.dumps(queue.pop(0).get("properties", {}))):
            if match[1] not in order:
                order.append(match[1])
                queue.append(definitions[match[1]])
    return order + [name for name in definitions if name not in order]


PARTS: dict[str, tuple[str, Callable[[], str]]] = {
    "commands": ("reference/commands.md", commands_part),
    "ledger-fields": ("reference/ledger-format.md", ledger_fields_part),
}


def regenerated(text: str, name: str, body: str) -> str:
    """``text`` with the part ``name`` replaced by ``body``; ValueError if its markers are missing."""
    found = [match for match in MARKER.finditer(text) if match["name"] == name]
    if len(found) != 1:
        raise ValueError(f"expected one generated part {name!r}, found {len(found)}")
    match = found[0]
    return text[: match.start("body")] + body + text[match.end("body") :]


def stale_files() -> dict[Path, str]:
    """Each file whose generated parts differ from the code's, with its new text."""
    texts: dict[Path, str] = {}
    for name, (relative, make) in PARTS.items():
        path = DOCS / relative
        text = texts.get(path, path.read_text(encoding="utf-8"))
        texts[path] = regenerated(text, name, make())
    return {path: text for path, text in texts.items() if path.read_text(encoding="utf-8") != text}


def main(argv: list[str]) -> int:
    stale = stale_files()
    if "--check" in argv:
        for path in stale:
            print(f"{path.relative_to(DOCS.parent)} is stale: run python docs/generate.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in stale.items():
        path.write_text(text, encoding="utf-8")
        print(f"rewrote {path.relative_to(DOCS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
