"""The ledger's edits on text (core.editing: record, actions, canonical): record, apply, canonical, and the issue's reproducers."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, SAMPLE, assert_golden
from hanoi_cli.core.commands.transaction import require_valid_edit, unified_diff
from hanoi_cli.core.editing.actions import (
    AddParticipant,
    AddSource,
    RemoveParticipantField,
    SetParticipantField,
    SetTreatyField,
    apply,
)
from hanoi_cli.core.editing.canonical import canonical
from hanoi_cli.core.editing.record import country_name, record
from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import LedgerError
from hanoi_cli.core.reading.loader import compose, read_ledger


def parse_ledger(text: str, name: str):
    """The reading path's one entry point, from text."""
    return read_ledger(text=text, name=name, use_cache=False)


SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
MESSY_TEXT = (DATA / "messy.yaml").read_text(encoding="utf-8")
HEAD = "treaty:\n  id: T\n  title: T\n  entry_into_force: {threshold: 1, after: {days: 1}}\nparticipants:\n"


def changed(before: str, after: str) -> list[str]:
    return [line for line in unified_diff(before, after, "x").splitlines()[2:] if line[:1] in "+-"]


def codes(error: pytest.ExceptionInfo[LedgerError]) -> list[str]:
    return [problem.code for problem in error.value.problems]


# --- record -----------------------------------------------------------------------------------


def test_odd_scalars_elsewhere_are_left_as_they_are() -> None:
    text = HEAD + (
        "  - name: Norway\n    code: NOR\n    notes: +3\n"
        "  - name: Peru\n    code: PER\n    notes: True   \n    reservations: [.NaN, +12_3, 1e309, 0x1F, 1_000, '~']\n"
        "    declarations: 2001-12-14t21:59:43.10-05:00\n...\n"
    )
    edit = record(text, "x", who="NOR", action="signature", on=date(2020, 1, 1))
    assert changed(text, edit.text) == ["+    signature: 2020-01-01"]
    assert parse_ledger(edit.text, "x").ledger.participants[1].reservations == (
        ".NaN",
        "+12_3",
        "1e309",
        "0x1F",
        "1_000",
        "~",
    )


def test_a_flow_participant_gets_the_key_inside_its_braces() -> None:
    text = HEAD + "  - {name: Norway, code: NOR, notes: +3}\n"
    edit = record(text, "x", who="NOR", action="signature", on=date(2020, 1, 1))
    assert edit.text == HEAD + "  - {name: Norway, code: NOR, signature: 2020-01-01, notes: +3}\n"


def test_replacing_the_instrument_type_keeps_the_lines_comment_and_says_so() -> None:
    text = SAMPLE_TEXT.replace(
        "    ratification: 2020-03-10\n", "    ratification: 2020-03-10   # deposited in New York\n"
    )
    edit = record(text, "s", who="NOR", action="accession", on=date(2020, 4, 1), replace=True)
    assert changed(text, edit.text) == [
        "-    ratification: 2020-03-10   # deposited in New York",
        "+    accession: 2020-04-01   # deposited in New York",
    ]
    assert "removed ratification 2020-03-10" in edit.message


def test_a_source_is_added_to_the_sources() -> None:
    edit = record(SAMPLE_TEXT, "s", who="CHL", action="acceptance", on=date(2020, 5, 20), source="https://a.example/1")
    assert changed(SAMPLE_TEXT, edit.text) == ["+    source: https://a.example/1"]
    again = record(edit.text, "s", who="CHL", action="acceptance", on=date(2020, 5, 20), source="https://a.example/1")
    assert not again.changed
    second = record(edit.text, "s", who="CHL", action="acceptance", on=date(2020, 5, 20), source="https://b.example/2")
    assert changed(edit.text, second.text) == [
        "-    source: https://a.example/1",
        "+    source:",
        "+      - https://a.example/1",
        "+      - https://b.example/2",
    ]
    third = record(second.text, "s", who="CHL", action="acceptance", on=date(2020, 5, 20), source="https://c.example/3")
    assert changed(second.text, third.text) == ["+      - https://c.example/3"]
    chile = compose(third.text, "s")[1]["participants"][2]
    assert chile["source"] == ["https://a.example/1", "https://b.example/2", "https://c.example/3"]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("    ratification: 2020-02-30\n", "invalid-date"),
        ("    notes: !!float 2-\n", None),  # the loader reads it as text: a valid ledger, edited as one
        ("    notes: !!bool maybe\n", None),
        ("    notes: !!int three\n", None),
        ('    notes: "\\U00110000"\n', "yaml-syntax"),
        ("    notes: a\u2028b\n", "yaml-syntax"),
        ("    notes: !!python/name:os.system x\n", "yaml-tag"),
        ("    notes: " + "[" * 250 + "]" * 250 + "\n", "too-deep"),
        ("    notes: " + "[" * 999 + "]" * 999 + "\n", "yaml-syntax"),
        ("    notes:\n" + "".join("  " * (depth + 3) + "k:\n" for depth in range(300)), "too-deep"),
    ],
)
def test_an_input_the_loader_rejects_gives_its_located_problems(extra: str, code: str | None) -> None:
    text = HEAD + "  - name: Norway\n    code: NOR\n  - name: Peru\n    code: PER\n" + extra
    try:
        edit = record(text, "x", who="NOR", action="signature", on=date(2020, 1, 1))
        require_valid_edit(edit.text, "x", as_of=date(2026, 1, 1))
    except LedgerError as error:
        assert code is not None and code in [problem.code for problem in error.problems]
        assert all(problem.line for problem in error.problems if problem.code != "edit-refused")
    else:
        assert code is None
        assert changed(text, edit.text) == ["+    signature: 2020-01-01"]


def test_a_merge_key_is_an_alias_problem() -> None:
    text = HEAD + "  - &x {name: Norway, code: NOR}\n  - <<: *x\n    code: PER\n"
    with pytest.raises(LedgerError) as error:
        record(text, "x", who="NOR", action="signature", on=date(2020, 1, 1))
    assert codes(error) == ["yaml-alias"] and error.value.problems[0].line == 6


def test_refusals_keep_todays_codes_and_locations() -> None:
    with pytest.raises(LedgerError) as error:
        record(SAMPLE_TEXT, "s", who="NOR", action="ratification", on=date(2020, 3, 11))
    assert codes(error) == ["date-recorded"]
    assert (error.value.problems[0].line, error.value.problems[0].column) == (20, 19)
    with pytest.raises(LedgerError) as error:
        record(SAMPLE_TEXT, "s", who="NOR", action="accession", on=date(2020, 3, 11))
    assert codes(error) == ["instrument-recorded"] and error.value.problems[0].path == "participants[0].ratification"
    with pytest.raises(LedgerError) as error:
        record(SAMPLE_TEXT, "s", who="Vietnm", action="signature", on=date(2020, 3, 11))
    assert "did you mean 'Viet Nam'?" in error.value.problems[0].message


def test_byte_order_mark_and_line_endings_are_kept() -> None:
    iran = country_name("IRN")
    for newline in ("\r\n", "\r"):
        text = "\ufeff" + SAMPLE_TEXT.replace("\n", newline)
        edit = record(text, "s", who="IRN", action="signature", on=date(2020, 2, 1))
        assert edit.text.startswith("\ufeff# A small")
        assert edit.text.replace(newline, "") == (
            "\ufeff"
            + SAMPLE_TEXT.replace(
                "  - name: Norway\n", f"  - name: {iran}\n    code: IRN\n    signature: 2020-02-01\n  - name: Norway\n"
            )
        ).replace("\n", "")
        assert "\n" not in edit.text.replace("\r\n", "")


def test_a_dash_list_style_is_kept_for_a_new_participant() -> None:
    text = HEAD + "-   name: Norway\n    code: NOR\n"
    edit = record(text, "x", who="ZWE", action="signature", on=date(2020, 2, 1))
    assert changed(text, edit.text) == ["+-   name: Zimbabwe", "+    code: ZWE", "+    signature: 2020-02-01"]


# --- apply --------------------------------------------------------------------------------------


def test_many_actions_in_one_pass() -> None:
    actions = [
        SetParticipantField("NOR", "domestic_approval", date(2020, 1, 5)),
        SetParticipantField("GHA", "signature", date(2020, 5, 1)),
        RemoveParticipantField("PER", "denunciation"),
        AddParticipant("Kazakhstan", "KAZ", fields={"signature": date(2020, 2, 1)}),
        AddParticipant("Bhutan", "BTN", fields={"accession": date(2020, 3, 1)}),
        AddSource("KAZ", "https://k.example"),
        AddSource("NOR", "https://n.example"),
        SetTreatyField("reported", {"signatories": "72", "parties": "3", "as_of": date(2026, 1, 1)}),
        SetParticipantField("VNM", "domestic_approval", date(2021, 5, 5)),  # already so: no message
    ]
    text, messages = apply(SAMPLE_TEXT, actions, "s")
    assert len(messages) == 8
    assert "Peru (PER): removed denunciation 2023-01-10" in messages
    ledger = parse_ledger(text, "s").ledger
    by_code = {participant.code: participant for participant in ledger.participants}
    assert by_code["NOR"].domestic_approval == date(2020, 1, 5) and by_code["NOR"].source == "https://n.example"
    assert by_code["GHA"].signature is not None and by_code["PER"].denunciation is None
    assert by_code["KAZ"].source == "https://k.example" and by_code["BTN"].accession == date(2020, 3, 1)
    assert ledger.treaty.reported is not None and ledger.treaty.reported.signatories == 72
    assert "  - name: Bhutan\n    code: BTN\n    accession: 2020-03-01\n  - name: Kazakhstan\n" in text
    assert "  denunciation_takes_effect: {months: 12}\n  reported:\n    signatories: 72\n" in text
    again, more = apply(text, [SetTreatyField("reported", {"parties": "4"})], "s")
    assert more and changed(text, again) == ["-    parties: 3", "+    parties: 4"]


def test_an_unknown_code_in_apply_is_refused() -> None:
    with pytest.raises(LedgerError) as error:
        apply(SAMPLE_TEXT, [SetParticipantField("XXX", "notes", "a")], "s")
    assert codes(error) == ["unknown-participant"]


# --- canonical ----------------------------------------------------------------------------------


def test_canonical_gives_the_golden_file() -> None:
    assert_golden("messy.fmt.yaml", canonical(MESSY_TEXT, "messy.yaml"))


def test_comments_on_moving_items_stay_with_them() -> None:
    text = HEAD.replace("participants:\n", "participants:  # list\n") + (
        "  - code: NOR\n    name: Norway\n  - name: Finland\n    code: FIN  # c1\n    groups: [eu]\n"
        "  # about Ghana\n  - groups: [au]  # c2\n    code: GHA  # c3\n    # c4\n    name: Ghana  # c5\n"
    )
    once = canonical(text, "g")
    assert canonical(once, "g") == once
    assert (
        "  # about Ghana\n    # c4\n  - name: Ghana  # c5\n    code: GHA  # c3\n"
        "    groups: [au]  # c2\n  - name: Norway\n" in once
    )
    assert sorted(re.findall(r"#.*", once)) == sorted(re.findall(r"#.*", text))


def test_a_comment_between_keys_of_an_item_is_stable() -> None:
    text = HEAD + "  - code: NOR\n    groups: [eu]\n    # the name\n    name: Norway\n"
    once = canonical(text, "g")
    assert canonical(once, "g") == once and "# the name" in once


def test_the_shipped_ledger_is_canonical() -> None:
    from hanoi_cli.core.reading.ledger_paths import shipped_ledger

    text = shipped_ledger().read_text(encoding="utf-8")
    assert canonical(text, "signatories.yaml") == text


# --- properties over generated ledgers -------------------------------------------------------

ODD = [
    "+3",
    "True",
    ".NaN",
    "0x1F",
    "1_000",
    "2001-12-14t21:59:43.10-05:00",
    "'quoted text'",
    '"tab\there"',
    "plain text  ",
]
NAMES = ["Chile", "Zambia", "Österreich", "ghana", "Peru", "Belize", "Nauru"]
CODES = ["CHL", "ZMB", "AUT", "GHA", "PER", "BLZ", "NRU"]


@st.composite
def ledgers(draw: st.DrawFn) -> str:
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    gap = draw(st.sampled_from([1, 3]))
    comment = lambda: draw(st.sampled_from(["", "  # c", "   # note"]))  # noqa: E731
    lines = [
        "# head",
        "treaty:" + comment(),
        "  id: T",
        "  title: T",
        "  entry_into_force:",
        "    threshold: 2",
        "    after: {days: 90}",
    ]
    lines.append("participants:" + comment())
    count = draw(st.integers(1, 5))
    for number in draw(st.permutations(range(len(NAMES))))[:count]:
        keys = [("name", NAMES[number]), ("code", CODES[number])]
        if draw(st.booleans()):
            keys.append(("signature", draw(st.sampled_from(["2020-02-01", "'2020-02-01'", '"2020-02-01/2020-02-03"']))))
        if draw(st.booleans()):
            keys.append(("notes", draw(st.sampled_from(ODD))))
        if draw(st.booleans()):
            keys.append(
                (
                    "groups",
                    draw(st.sampled_from(["[eu]", "\n      - au\n      - eu", "\n      -   au  # c\n\n      - eu"])),
                )
            )
        if draw(st.integers(0, 3)) == 0:
            keys.append(
                (
                    "declarations",
                    draw(st.sampled_from(["|\n      two\n        lines\n", ">-\n      folded\n\n", "'a  ''b''  '"])),
                )
            )
        keys = draw(st.permutations(keys))
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["  # about the next", "", "    # indented"])))
        if draw(st.integers(0, 4)) == 0:
            flow = [(key, "[au, eu]" if value.startswith(("\n", "|", ">")) else value.strip()) for key, value in keys]
            lines.append("  - {" + ", ".join(f"{key}: {value}" for key, value in flow) + "}" + comment())
            continue
        for place, (key, value) in enumerate(keys):
            if place and draw(st.integers(0, 3)) == 0:
                lines.append(" " * (3 + gap) + "# above " + key)
            head = "  -" + " " * gap if place == 0 else " " * (3 + gap)
            if value.startswith(("|", ">")):
                value = value.replace("\n      ", "\n" + " " * (5 + gap)).rstrip("\n").replace("\n", newline)
                lines.append(f"{head}{key}: {value}")
            elif value.startswith("\n"):
                value = value.replace("\n      ", "\n" + " " * (5 + gap)).replace("\n", newline)
                lines.append(f"{head}{key}:{comment()}{value}")
            else:
                lines.append(f"{head}{key}: {value}{comment()}")
    lines.append(draw(st.sampled_from(["", "# end", "..."])))
    return newline.join(lines) + newline


def _participant_span(text: str, code: str) -> tuple[int, int]:
    from hanoi_cli.core.editing.yaml_text import YamlText
    from hanoi_cli.core.reading.nodes import get

    doc = YamlText(text)
    for item in get(doc.root, "participants")[1].value:
        if get(item, "code")[1].value == code:
            start = doc.line_start(doc.dash_index(item)) if not item.flow_style else item.start_mark.index
            return start, doc.content_end(item)
    raise AssertionError(code)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.data())
def test_record_touches_only_the_edited_participant(text: str, data: st.DataObject) -> None:
    before = parse_ledger(text, "g").ledger
    code = data.draw(st.sampled_from([participant.code for participant in before.participants]))
    edit = record(text, "g", who=code, action="domestic_approval", on=date(2021, 1, 2))
    start, end = _participant_span(text, code)
    assert edit.text.startswith(text[:start]) and edit.text.endswith(text[end:])
    after = parse_ledger(edit.text, "g").ledger
    for old, new in zip(before.participants, after.participants, strict=True):
        assert new == (
            old if old.code != code else type(old)(**{**old.__dict__, "domestic_approval": date(2021, 1, 2)})
        )
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    assert edit.text.replace(newline, "").count("\n") + edit.text.replace(newline, "").count("\r") == 0


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers())
def test_fmt_keeps_comments_and_values_and_is_idempotent(text: str) -> None:
    once = canonical(text, "g")
    assert canonical(once, "g") == once
    assert sorted(re.findall(r"#[^\r\n]*", once)) == sorted(re.findall(r"#[^\r\n]*", text))
    for value in ODD:
        assert once.count(value.strip()) == text.count(value.strip())
    before, after = parse_ledger(text, "g").ledger, parse_ledger(once, "g").ledger
    assert after.treaty == before.treaty
    assert sorted(after.participants, key=lambda p: p.code) == sorted(before.participants, key=lambda p: p.code)
    assert [p.code for p in after.participants] == [
        p.code for p in sorted(before.participants, key=lambda p: (name_key(p.name), p.code))
    ]


# --- through the CLI (the package ``core.editing`` re-exports these edits for record and fmt) ----

TODAY = {"HANOI_TODAY": "2026-06-01"}


VALID_HEAD = HEAD.replace("threshold: 1", "threshold: 2")


def test_record_through_the_cli_changes_only_the_edit(run, tmp_path) -> None:
    path = tmp_path / "l.yaml"
    text = (
        "\ufeff---\r"
        + VALID_HEAD.replace("\n", "\r")
        + (
            "-   name: Norway\r    code: NOR\r    notes: +3   \r"
            "-   name: Peru\r    code: PER\r    notes: '\tTrue'\r...\r"
        )
    )
    path.write_bytes(text.encode("utf-8"))
    result = run("record", "NOR", "signature", "2020-01-01", "-l", str(path), env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes().decode("utf-8") == text.replace(
        "    notes: +3   \r", "    signature: 2020-01-01\r    notes: +3   \r"
    )


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("    ratification: 2020-02-30\n", "invalid-date"),
        ('    notes: "\\U00110000"\n', "yaml-syntax"),
        ("    notes: a\u2028b\n", "yaml-syntax"),
        ("    notes: " + "[" * 600 + "]" * 600 + "\n", "too-deep"),
        ("    notes:\n      <<: *x\n", "yaml-syntax"),
    ],
)
def test_record_and_fmt_of_a_rejected_input_give_the_located_problem(run, tmp_path, extra: str, code: str) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(
        VALID_HEAD + "  - name: Peru\n    code: PER\n" + extra + "  - name: Norway\n    code: NOR\n", encoding="utf-8"
    )
    before = path.read_bytes()
    validated = run("validate", str(path), env=TODAY)
    errors = [line for line in validated.stderr.splitlines() + validated.stdout.splitlines() if "error[" in line]
    assert validated.exit_code == 1 and errors
    for args in (["record", "NOR", "signature", "2020-01-01", "-l", str(path)], ["fmt", str(path)]):
        result = run(*args, env=TODAY)
        assert result.exit_code == 1, result.stderr
        assert f"error[{code}]" in result.stderr and "Traceback" not in result.stderr
        assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error\[{code}\]", result.stderr)
        assert all(line.strip() in result.stderr for line in errors)  # the problems validate gives
    assert path.read_bytes() == before


def test_replace_through_the_cli_says_the_previous_instrument_was_removed(run, tmp_path) -> None:
    path = tmp_path / "l.yaml"
    path.write_text(
        SAMPLE_TEXT.replace("    ratification: 2020-11-02\n", "    ratification: 2020-11-02  # NY\n"), encoding="utf-8"
    )
    result = run("record", "PER", "accession", "2020-11-03", "--replace", "-l", str(path), env=TODAY)
    assert result.exit_code == 0, result.stderr
    assert "Peru (PER): accession 2020-11-03 (removed ratification 2020-11-02)" in result.stderr
    assert "    accession: 2020-11-03  # NY\n" in path.read_text(encoding="utf-8")


def test_long_hostile_shapes_answer_quickly() -> None:
    import time

    many = VALID_HEAD + "  - name: Norway\n    code: NOR\n" + "".join(f"k{number}: v\n" for number in range(80_000))
    long_value = VALID_HEAD + "  - name: Norway\n    code: NOR\n    notes: " + "x" * 2_000_000 + "\n"
    started = time.perf_counter()
    with pytest.raises(LedgerError) as refused:  # 80,000 unknown keys: refused at once, at the file's lines
        record(many, "x", who="NOR", action="signature", on=date(2020, 1, 1))
    assert refused.value.problems[0].code == "unknown-key" and refused.value.problems[-1].code == "edit-refused"
    assert time.perf_counter() - started < 5  # composing the 80,000 keys (the reader's own cost) dominates
    started = time.perf_counter()
    edit = record(long_value, "x", who="NOR", action="signature", on=date(2020, 1, 1))
    assert edit.changed and edit.text.count("\n") == long_value.count("\n") + 1
    assert time.perf_counter() - started < 5
    started = time.perf_counter()
    assert canonical(long_value, "x") == long_value
    assert time.perf_counter() - started < 2


def test_the_text_edits_never_import_ruamel(tmp_path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom datetime import date\nfrom hanoi_cli.core.editing.canonical import canonical\nfrom hanoi_cli.core.editing.record import record\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "record(text, 'm', who='ZMB', action='domestic_approval', on=date(2020, 1, 2))\n"
        "canonical(text, 'm')\n"
        "print(sorted(name for name in sys.modules if name.startswith('ruamel')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(DATA / "messy.yaml")], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


TEXTS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85"),
    min_size=1,
    max_size=10,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers(), st.data())
def test_apply_gives_the_intended_data_and_a_second_apply_changes_nothing(text: str, data: st.DataObject) -> None:
    before = compose(text, "g")[1]["participants"]
    present = [participant["code"] for participant in before]
    absent = [code for code in CODES if code not in present]
    action = st.one_of(
        st.builds(
            SetParticipantField, st.sampled_from(present), st.just("domestic_approval"), st.just(date(2021, 1, 2))
        ),
        st.builds(RemoveParticipantField, st.sampled_from(present), st.sampled_from(["notes", "groups", "signature"])),
        st.builds(
            AddSource,
            st.sampled_from(present),
            st.sampled_from(["https://a.example/x", "https://b.example/y?a=1"]),
        ),
        st.builds(SetParticipantField, st.sampled_from(present), st.just("notes"), TEXTS),
    )
    actions = data.draw(st.lists(action, max_size=8))
    if absent and data.draw(st.booleans()):
        actions.insert(
            0, AddParticipant(NAMES[CODES.index(absent[0])], absent[0], fields={"signature": date(2020, 2, 1)})
        )
        actions.append(AddSource(absent[0], "https://a.example/x"))
    expected = {participant["code"]: dict(participant) for participant in before}
    for step in actions:
        if isinstance(step, AddParticipant):
            expected[step.code] = {"name": step.name, "code": step.code, "signature": "2020-02-01"}
        elif isinstance(step, SetParticipantField):
            expected[step.code][step.field] = step.value.isoformat() if isinstance(step.value, date) else step.value
        elif isinstance(step, RemoveParticipantField):
            expected[step.code].pop(step.field, None)
        else:
            sources = expected[step.code].get("source")
            listed = [] if sources is None else [sources] if isinstance(sources, str) else sources
            if step.url not in listed:
                expected[step.code]["source"] = step.url if not listed else [*listed, step.url]
    result, _ = apply(text, actions, "g")
    after = compose(result, "g")[1]["participants"]
    assert {participant["code"]: participant for participant in after} == expected
    replayed = [step for step in actions if not isinstance(step, AddParticipant)]
    again, messages = apply(result, replayed, "g")
    assert again == result  # a second sync changes no byte
    fields = [(step.code, step.field) for step in replayed if not isinstance(step, AddSource)]
    if len(fields) == len(set(fields)):  # each field changed once: nothing left to change
        assert messages == []


def test_a_list_set_over_a_scalar_or_a_block_list_goes_in_place() -> None:
    text = (
        HEAD
        + "  - name: Norway\n    code: NOR\n    groups:  # g\n      - eu\n    notes: x  # n\n    source: https://a.example\n"
    )
    result, _ = apply(
        text,
        [
            SetParticipantField("NOR", "groups", ["au", "eu"]),
            SetParticipantField("NOR", "notes", ["a, b", "c"]),
            SetParticipantField("NOR", "declarations", ["d"]),
        ],
        "x",
    )
    assert result == HEAD + (
        "  - name: Norway\n    code: NOR\n    groups: [au, eu]  # g\n    declarations:\n      - d\n"
        "    notes: ['a, b', c]  # n\n    source: https://a.example\n"
    )
    norway = compose(result, "x")[1]["participants"][0]
    assert (norway["groups"], norway["notes"], norway["declarations"]) == (["au", "eu"], ["a, b", "c"], ["d"])


def test_a_flow_list_of_participants_gets_a_flow_item_in_name_order() -> None:
    text = HEAD.replace("participants:\n", "participants: [{name: Chile, code: CHL}, {name: Peru, code: PER}]  # all\n")
    edit = record(text, "x", who="NOR", action="signature", on=date(2020, 1, 1))
    assert edit.text == HEAD.replace(
        "participants:\n",
        "participants: [{name: Chile, code: CHL}, {name: Norway, code: NOR, signature: 2020-01-01}, "
        "{name: Peru, code: PER}]  # all\n",
    )
    assert canonical(edit.text, "x") == edit.text


@st.composite
def shuffled_sample(draw: st.DrawFn) -> str:
    """The sample ledger with its participants, and the keys of each, in a random order (text edits, no ruamel)."""
    from hanoi_cli.core.editing.yaml_text import YamlText
    from hanoi_cli.core.reading.nodes import get

    doc = YamlText(SAMPLE_TEXT)
    for item in get(doc.root, "participants")[1].value:
        doc.reorder_block(item, draw(st.permutations(range(len(item.value)))))
    doc = YamlText(doc.render())
    items = get(doc.root, "participants")[1]
    doc.reorder_block(items, draw(st.permutations(range(len(items.value)))))
    return doc.render()


@settings(max_examples=60, deadline=None)
@given(shuffled_sample())
def test_fmt_is_independent_of_order(text: str) -> None:
    assert canonical(text, "s") == canonical(SAMPLE_TEXT, "s")
