"""A participant's ``source`` is a URL or a list of URLs: read, checked, edited and kept as such."""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import ROOT
from hanoi_cli.core.commands.validate import validate_ledger
from hanoi_cli.core.editing.canonical import canonical
from hanoi_cli.core.editing.record import record

AS_OF = date(2021, 1, 1)
HEAD = """\
treaty:
  id: T-1
  title: Test Treaty
  entry_into_force: {threshold: 3, after: {days: 90}}
participants:
"""
LISTED = (
    HEAD
    + """\
  - name: Chile
    code: CHL
    signature: 2020-02-01
    source:
      - https://example.org/a
      - https://example.org/b
  - name: Norway
    code: NOR
    signature: 2020-02-01
    source: https://example.org/n
"""
)


def test_a_list_of_sources_is_read_as_a_tuple_and_a_single_one_as_text() -> None:
    report = validate_ledger(text=LISTED, name="l.yaml", as_of=AS_OF)
    assert report.problems == ()
    assert report.ledger is not None
    chile, norway = report.ledger.participants
    assert chile.source == ("https://example.org/a", "https://example.org/b")
    assert norway.source == "https://example.org/n"


def test_a_mapping_as_source_is_refused_with_what_is_expected() -> None:
    report = validate_ledger(text=HEAD + "  - {name: Chile, code: CHL, source: {url: x}}\n", name="l.yaml", as_of=AS_OF)
    assert [(p.code, p.line, p.message) for p in report.problems] == [
        ("invalid-type", 6, "'source' should be text or a list of texts, not a mapping")
    ]


def test_the_committed_schema_allows_text_or_a_list_of_texts() -> None:
    schema = json.loads((ROOT / "schema" / "ledger.schema.json").read_text(encoding="utf-8"))
    shapes = schema["definitions"]["Participant"]["properties"]["source"]["anyOf"]
    assert {"type": "string"} in shapes
    assert {"type": "array", "items": {"type": "string"}} in shapes


def test_record_adds_a_source_to_a_list_and_drops_none() -> None:
    """The same fact recorded again with a new source: the source joins the participant's list."""
    edit = record(LISTED, "l.yaml", who="CHL", action="signature", on=date(2020, 2, 1), source="https://example.org/c")
    assert edit.changed and edit.message.endswith("; source https://example.org/c added")
    assert (
        "    source:\n      - https://example.org/a\n      - https://example.org/b\n      - https://example.org/c\n"
        in edit.text
    )
    report = validate_ledger(text=edit.text, name="l.yaml", as_of=AS_OF)
    assert report.ledger is not None and report.ledger.participants[0].source == (
        "https://example.org/a",
        "https://example.org/b",
        "https://example.org/c",
    )


def test_a_new_fact_keeps_its_own_source_and_never_borrows_the_participants() -> None:
    """Issue 19: a ratification recorded on a participant with sources carries its own."""
    edit = record(
        LISTED, "l.yaml", who="CHL", action="ratification", on=date(2020, 6, 1), source="https://example.org/c"
    )
    assert "    ratification:\n      date: 2020-06-01\n      source: https://example.org/c\n" in edit.text
    assert "- https://example.org/c" not in edit.text  # the participant's list is unchanged
    bare = record(LISTED, "l.yaml", who="CHL", action="ratification", on=date(2020, 6, 1))
    assert "    ratification:\n      date: 2020-06-01\n" in bare.text
    assert bare.notes and "unsourced" in bare.notes[0]


def test_record_with_a_source_already_listed_changes_nothing_more() -> None:
    edit = record(LISTED, "l.yaml", who="CHL", action="signature", on=date(2020, 2, 1), source="https://example.org/b")
    assert not edit.changed and edit.text == LISTED


def test_record_adds_a_source_to_a_single_one_making_a_list() -> None:
    """``--source`` adds (issues 12 and 13): the source already recorded is never lost."""
    norway = LISTED.split("- name: Norway", 1)[1]
    signed = re.search(r"signature: (\S+)", norway)
    assert signed is not None
    edit = record(LISTED, "l.yaml", who="NOR", action="signature", on=signed.group(1), source="https://example.org/m")
    assert edit.message.endswith("; source https://example.org/m added")
    assert "    source:\n      - https://example.org/n\n      - https://example.org/m\n" in edit.text


def test_fmt_keeps_a_list_of_sources_and_its_indentation() -> None:
    text = LISTED.replace(
        "      - https://example.org/a\n      - https://example.org/b\n",
        "    - https://example.org/a\n    - https://example.org/b\n",
    )
    assert canonical(text, "l.yaml") == text  # fmt changes order, never a list's own layout
    flow = LISTED.replace(
        "    source:\n      - https://example.org/a\n      - https://example.org/b\n",
        "    source: [https://example.org/a, https://example.org/b]\n",
    )
    assert canonical(flow, "l.yaml") == flow  # flow style is kept, as for any list
