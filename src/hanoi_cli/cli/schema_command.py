"""``hanoi schema``: the ledger format as a JSON Schema, for editors and other validators."""

from __future__ import annotations

import sys

from hanoi_cli.cli.guard import guarded


def schema() -> None:
    """Print the JSON Schema (draft-07) of a ledger file.

    The repository keeps a copy in schema/ledger.schema.json; point an editor at it with
    '# yaml-language-server: $schema=...' on the ledger's first line. The schema checks shape
    and types; `hanoi validate` also checks dates, codes and the order of events.
    """
    with guarded():
        from hanoi_cli.core.reading.json_schema import render

        sys.stdout.write(render())
