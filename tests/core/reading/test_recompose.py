"""An edited ledger composed again only where it changed (issue 27) is the ledger a whole
composition gives: the same plain data, and every node at the same line and column."""

from __future__ import annotations

from datetime import date
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hanoi_cli.core.commands.transaction import edit_ledger
from hanoi_cli.core.commands.validate import validate_ledger
from hanoi_cli.core.editing.edit import Edit
from hanoi_cli.core.editing.session import EditSession
from hanoi_cli.core.ledger.problems import LedgerError
from hanoi_cli.core.reading import loader
from hanoi_cli.core.reading.loader import compose
from hanoi_cli.core.reading.positions import start_mark
from hanoi_cli.core.reading.recompose import recompose

LEDGER = """# a ledger to edit
treaty:
  id: T-1
  title: T
  entry_into_force:
    threshold: 2
    after: {days: 90}
participants:
  - name: Chile   # a comment
    code: CHL
    signature: 2020-01-01

  # a comment between items
  - name: Norway
    code: NOR
    signature: 2020-01-01
    source: https://treaties.un.org/a
  - name: Peru
    code: PER
    ratification:
      date: 2021-02-03
      source: https://treaties.un.org/b
  - name: Viet Nam
    code: VNM
    signature: 2020-01-02
"""
TRAILING = LEDGER + "notes: |\n  kept after the list\n"
INDENTLESS = LEDGER.replace("\n  - ", "\n- ").replace("\n    ", "\n  ").replace("\n      ", "\n    ")
CRLF = TRAILING.replace("\n", "\r\n")

EDITS = [  # (who, action, date, source)
    ("CHL", "ratification", date(2021, 5, 5), None),  # the first item
    ("NOR", "ratification", date(2021, 5, 5), "https://treaties.un.org/c"),  # a middle one, a source list
    ("PER", "signature", date(2020, 3, 3), None),
    ("VNM", "ratification", date(2021, 5, 5), None),  # the last
    ("FRA", "signature", date(2020, 4, 4), None),  # a new participant, between two
    ("ZWE", "signature", date(2020, 4, 4), None),  # a new participant, at the end
]


def pairs_of(full: Any, part: Any, root: Any) -> list[tuple[Any, Any]]:
    """Every node of the whole composition beside the recomposed tree's, in the same order."""
    found = [(full, part)]
    if full.id == "scalar":
        return found
    if full.id == "sequence":
        for one, other in zip(full.value, part.value, strict=True):
            found += pairs_of(one, other, root)
        return found
    for (key, value), (other_key, other_value) in zip(full.value, part.value, strict=True):
        found += pairs_of(key, other_key, root) + pairs_of(value, other_value, root)
    return found


def edited(text: str, who: str, action: str, on: date, source: Optional[str]) -> tuple[EditSession, str]:
    session = EditSession(text, "ledger.yaml")
    index = session.find(who)
    if index is None:
        session.add({"name": {"FRA": "France", "ZWE": "Zimbabwe"}[who], "code": who, action: on})
    else:
        session.set(index, action, on)
        if source:
            session.add_source(index, source)
    return session, session.render()


@pytest.mark.parametrize("text", [LEDGER, TRAILING, INDENTLESS, CRLF], ids=["plain", "trailing", "indentless", "crlf"])
@pytest.mark.parametrize("edit", EDITS, ids=[who for who, *_ in EDITS])
def test_a_recomposed_edit_is_the_whole_composition(text: str, edit: tuple[Any, ...]) -> None:
    session, after = edited(text, *edit)
    spans = [(splice.start, splice.end) for splice in session.doc.splices]
    found = recompose(session.doc.text, session.doc.root, session.doc.data, spans, after, "ledger.yaml")
    assert found is not None
    root, data = found
    whole_root, whole_data = compose(after, "ledger.yaml")
    assert data == whole_data
    for whole, part in pairs_of(whole_root, root, root):
        assert (part.tag, part.value if part.id == "scalar" else None) == (
            whole.tag,
            whole.value if whole.id == "scalar" else None,
        )
        mark, expected = start_mark(root, part), whole.start_mark
        assert (mark.line, mark.column, mark.index) == (expected.line, expected.column, expected.index)


def test_what_it_cannot_place_is_left_to_the_whole_composition() -> None:
    session = EditSession(LEDGER, "ledger.yaml")
    session.treaty_changes.values["status_url"] = "https://treaties.un.org/x"  # outside the list
    after = session.render()
    spans = [(splice.start, splice.end) for splice in session.doc.splices]
    assert recompose(session.doc.text, session.doc.root, session.doc.data, spans, after, "x") is None
    # Changes spread over most of the list: composed whole (as cheap, and simpler).
    session = EditSession(LEDGER, "ledger.yaml")
    session.set(0, "ratification", date(2021, 5, 5))
    session.set(3, "ratification", date(2021, 5, 5))
    after = session.render()
    spans = [(splice.start, splice.end) for splice in session.doc.splices]
    assert recompose(session.doc.text, session.doc.root, session.doc.data, spans, after, "x") is None
    # A change that does not compose on its own (an unclosed flow list) is never recomposed.
    broken = LEDGER.replace("    code: NOR\n", "    code: [NOR\n")
    start = LEDGER.index("    code: NOR")
    spans = [(start, start + len("    code: NOR\n"))]
    root, data = compose(LEDGER, "x")
    assert recompose(LEDGER, root, data, spans, broken, "x") is None


def test_a_recomposed_edit_is_still_refused_at_the_edited_lines(tmp_path: Any) -> None:
    """A result that does not validate is refused, its problem at the edited text's line, and a
    problem after the change is found where the edit moved it."""
    rows = "".join(f"  - name: Participant {n}\n    code: VNM\n    signature: 2020-01-02\n" for n in range(300))
    path = tmp_path / "big.yaml"
    path.write_text(LEDGER.split("participants:\n", maxsplit=1)[0] + "participants:\n" + rows, encoding="utf-8")

    def edit(text: str) -> Edit:  # a date that does not exist, through the session (so it is recomposed)
        session = EditSession(text, "big.yaml")
        session.set(3, "ratification", "2021-05-55")
        return Edit(session.render(), "x", True)

    after = edit(path.read_text(encoding="utf-8")).text
    with pytest.raises(LedgerError) as refused:
        edit_ledger(path, edit, as_of=date(2024, 1, 1), write=False)
    problems = [problem for problem in refused.value.problems if problem.code == "invalid-date"]
    line = after[: after.index("2021-05-55")].count("\n") + 1
    assert [(problem.line, problem.column, problem.path) for problem in problems] == [
        (line, 19, "participants[3].ratification")
    ]
    assert not loader._recomposed  # taken by the read that validated it


@pytest.mark.parametrize("edit", EDITS[:3] + EDITS[4:], ids=[who for who, *_ in EDITS[:3] + EDITS[4:]])
def test_problems_after_the_change_are_at_the_edited_lines(edit: tuple[Any, ...]) -> None:
    """``validate`` of a recomposed edit reports what it reports of the whole composition: the
    same problems (a duplicate, a date after the as-of date) at the same lines and columns."""
    text = LEDGER + "  - name: Viet Nam again\n    code: VNM\n    signature: 2030-01-01\n"
    _, after = edited(text, *edit)
    assert after in loader._recomposed
    recomposed = validate_ledger(text=after, name="x.yaml", as_of=date(2024, 1, 1)).problems
    assert after not in loader._recomposed
    whole = validate_ledger(text=after, name="x.yaml", as_of=date(2024, 1, 1)).problems
    assert recomposed == whole
    assert {problem.code for problem in whole} >= {"duplicate-participant", "date-after-as-of"}


CODES = ("CHL", "NOR", "PER", "VNM", "FRA", "ZWE", "GHA", "KEN")
NAMES = {"CHL": "Chile", "NOR": "Norway", "PER": "Peru", "VNM": "Viet Nam", "FRA": "France", "ZWE": "Zimbabwe"}
NAMES |= {"GHA": "Ghana", "KEN": "Kenya"}


def random_ledger(present: list[str], crlf: bool, comments: bool) -> str:
    rows = []
    for code in present:
        note = "   # checked" if comments else ""
        rows.append(f"  - name: {NAMES[code]}{note}\n    code: {code}\n    signature: 2020-01-0{len(rows) % 9 + 1}\n")
        if comments:
            rows.append("\n  # between\n")
    text = LEDGER.split("participants:\n", maxsplit=1)[0] + "participants:\n" + "".join(rows)
    return text.replace("\n", "\r\n") if crlf else text


@given(
    present=st.lists(st.sampled_from(CODES[:6]), min_size=2, max_size=6, unique=True).map(sorted),
    edits=st.lists(
        st.tuples(
            st.sampled_from(CODES),
            st.sampled_from(["ratification", "accession", "domestic_approval"]),
            st.dates(date(2020, 6, 1), date(2023, 12, 31)),
            st.sampled_from([None, "https://treaties.un.org/z"]),
        ),
        min_size=1,
        max_size=3,
    ),
    crlf=st.booleans(),
    comments=st.booleans(),
)
@settings(max_examples=120, deadline=None)
def test_any_recomposed_edit_is_the_whole_composition(present, edits, crlf, comments) -> None:
    """Whatever the edits, where the recomposition takes them its data and every node's place are
    the whole composition's (it may always decline: None)."""
    session = EditSession(random_ledger(present, crlf, comments), "ledger.yaml")
    for who, action, on, source in edits:
        index = session.find(who)
        if index is None:
            session.add({"name": NAMES[who], "code": who, action: on})
            continue
        session.set(index, action, on)
        if source:
            session.add_source(index, source)
    after = session.render()
    spans = [(splice.start, splice.end) for splice in session.doc.splices]
    found = recompose(session.doc.text, session.doc.root, session.doc.data, spans, after, "ledger.yaml")
    if found is None:
        return
    root, data = found
    whole_root, whole_data = compose(after, "ledger.yaml")
    assert data == whole_data
    for whole, part in pairs_of(whole_root, root, root):
        mark, expected = start_mark(root, part), whole.start_mark
        assert (mark.line, mark.column, mark.index) == (expected.line, expected.column, expected.index)
