"""Text edits at the composed nodes' marks (core.editing.yaml_text): each operation alone."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hanoi_cli.core.editing.yaml_text import Splice, YamlText, apply_splices, plain_ok, scalar_text
from hanoi_cli.core.reading.loader import _fast_loader
from hanoi_cli.core.reading.nodes import get


def compose(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=_fast_loader())


def test_marks_count_characters_not_bytes_and_not_the_byte_order_mark() -> None:
    text = "a: é😀x\nbé: y\n"
    root = compose(text)
    (_, first), (second_key, _second) = root.value
    assert text[first.start_mark.index : first.end_mark.index] == "é😀x"  # an astral character counts one
    assert text[second_key.start_mark.index : second_key.end_mark.index] == "bé"
    with_bom = compose("\ufeff" + text)
    assert with_bom.value[0][1].start_mark.index == first.start_mark.index  # the BOM is not counted
    doc = YamlText("\ufeff" + text)
    doc.replace_scalar(get(doc.root, "bé")[1], "z")
    assert doc.render() == "\ufeffa: é😀x\nbé: z\n"


def test_splices_apply_in_order_and_refuse_overlaps() -> None:
    assert (
        apply_splices("abcdef", [Splice(4, 5, "E"), Splice(1, 1, "+", (2,)), Splice(1, 1, "*", (1,)), Splice(1, 3, "")])
        == "a*+dEf"
    )
    with pytest.raises(ValueError):
        apply_splices("abcdef", [Splice(1, 4, ""), Splice(2, 3, "x")])


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("Iran (Islamic Republic of)", "Iran (Islamic Republic of)"),
        ("Côte d'Ivoire", "Côte d'Ivoire"),
        ("2020-01-01", "2020-01-01"),
        ("", "''"),
        ("~", "'~'"),
        ("null", "'null'"),
        ("a: b", "'a: b'"),
        ("a #b", "'a #b'"),
        ("- x", "'- x'"),
        ("#x", "'#x'"),
        ("line\nbreak", '"line\\nbreak"'),
        ("tab\there", '"tab\\there"'),
    ],
)
def test_a_value_is_quoted_only_when_yaml_needs_it(value: str, written: str) -> None:
    assert scalar_text(value) == written


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), max_size=12), st.booleans())
def test_every_value_reads_back_as_the_same_text(value: str, flow: bool) -> None:
    written = scalar_text(value, flow=flow)
    document = f"k: [{written}]\n" if flow else f"k: {written}\n"
    try:
        node = compose(document).value[0][1]
    except yaml.reader.ReaderError:
        return  # a character YAML refuses anywhere (the loader reports it): nothing to write
    node = node.value[0] if flow else node
    assert node.value == value
    assert node.style or plain_ok(value, flow=flow)
    assert not (not node.style and node.value in ("", "~", "null", "Null", "NULL"))


def test_setting_a_scalar_keeps_quoting_elsewhere_and_the_comment_column() -> None:
    text = "a: \"2020-01-01\"     # c\nb: 'x'\t\n"
    doc = YamlText(text)
    doc.replace_scalar(get(doc.root, "a")[1], "2020-01-01")
    assert doc.render() == "a: 2020-01-01       # c\nb: 'x'\t\n"


def test_an_empty_value_gets_a_space() -> None:
    doc = YamlText("a:\nb: 1\n")
    key, value = get(doc.root, "a")
    doc.set_value(key, value, "2020-01-01")
    assert doc.render() == "a: 2020-01-01\nb: 1\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_new_lines_use_the_files_line_ending(newline: str) -> None:
    text = "m:\n  a: 1   \n  # about c\n  c: 3\n...\n".replace("\n", newline)
    doc = YamlText(text)
    mapping = get(doc.root, "m")[1]
    doc.insert_key(mapping, "b", "2", "c")
    doc.insert_key(mapping, "d", "4", None)
    assert doc.render() == "m:\n  a: 1   \n  b: 2\n  # about c\n  c: 3\n  d: 4\n...\n".replace("\n", newline)


def test_a_key_before_the_first_of_a_list_item_takes_its_place_on_the_dash_line() -> None:
    doc = YamlText("l:\n-   notes: x\n    code: Y\n")
    item = get(doc.root, "l")[1].value[0]
    doc.insert_key(item, "name", "N", "notes")
    assert doc.render() == "l:\n-   name: N\n    notes: x\n    code: Y\n"


def test_a_key_in_a_flow_mapping() -> None:
    doc = YamlText("l:\n- {name: N, notes: +3}   # c\n- {}\n")
    first, empty = get(doc.root, "l")[1].value
    doc.insert_key(first, "code", "NOR", "notes")
    doc.insert_key(empty, "name", "X", None)
    assert doc.render() == "l:\n- {name: N, code: NOR, notes: +3}   # c\n- {name: X}\n"


def test_removing_keys_reports_what_was_removed() -> None:
    doc = YamlText("l:\n- a: 1\n  # about b\n  b: [x,\n     y]  # eol\n  c: 3\n- {a: 1, b: 2, c: 3}\n")
    block, flow = get(doc.root, "l")[1].value
    assert doc.remove_key(block, "b") == "b: [x,\n     y]  # eol"
    assert doc.remove_key(flow, "b") == "b: 2"
    assert doc.render() == "l:\n- a: 1\n  # about b\n  c: 3\n- {a: 1, c: 3}\n"
    doc = YamlText("l:\n- a: 1\n  b: 2\n")
    assert doc.remove_key(get(doc.root, "l")[1].value[0], "a") == "a: 1"
    assert doc.render() == "l:\n- b: 2\n"


def test_an_item_goes_in_the_lists_own_style_above_the_next_items_comments() -> None:
    text = "l:\n  # head\n  -   name: A\n  # about C\n  -   name: C\n# end\n"
    doc = YamlText(text)
    sequence = get(doc.root, "l")[1]
    assert doc.list_style(sequence) == (2, 3)
    doc.insert_item(sequence, 1, "  -   name: B\n")
    doc.insert_item(sequence, 2, "  -   name: D\n")
    doc.insert_item(sequence, 0, "  -   name: 0\n")
    assert (
        doc.render() == "l:\n  # head\n  -   name: 0\n  -   name: A\n  -   name: B\n"
        "  # about C\n  -   name: C\n  -   name: D\n# end\n"
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_blocks_move_with_the_comments_above_them(newline: str) -> None:
    text = (
        "---\nl:  # list\n  # head\n  - b: 1  \n    # about a\n    a: |\n      text\t here\n\n  # about the second\n"
        "  - x: 2\n# end\n...\n"
    ).replace("\n", newline)
    doc = YamlText(text)
    sequence = get(doc.root, "l")[1]
    doc.reorder_block(sequence, [1, 0])
    moved = doc.render()
    assert moved == (
        "---\nl:  # list\n  # head\n  # about the second\n  - x: 2\n"
        "  - b: 1  \n    # about a\n    a: |\n      text\t here\n\n"
        "# end\n...\n"
    ).replace("\n", newline)
    doc = YamlText(moved)
    item = get(doc.root, "l")[1].value[1]
    doc.reorder_block(item, [1, 0])
    assert doc.render() == (
        "---\nl:  # list\n  # head\n  # about the second\n  - x: 2\n"
        "    # about a\n  - a: |\n      text\t here\n\n    b: 1  \n"
        "# end\n...\n"
    ).replace("\n", newline)


def test_a_last_line_without_a_line_break_stays_without_one() -> None:
    doc = YamlText("m:\n  b: 2\n  a: 1")
    doc.reorder_block(get(doc.root, "m")[1], [1, 0])
    assert doc.render() == "m:\n  a: 1\n  b: 2"
    doc = YamlText("m:\n  a: 1")
    doc.insert_key(get(doc.root, "m")[1], "b", "2", None)
    assert doc.render() == "m:\n  a: 1\n  b: 2\n"


def test_a_flow_mapping_is_rewritten_keeping_its_comment_column() -> None:
    doc = YamlText('w: {closes: "2021-12-31", opens: 2020-02-01}  # window\n')
    doc.rewrite_flow_mapping(get(doc.root, "w")[1], [("opens", "2020-02-01"), ("closes", "2021-12-31")])
    assert doc.render() == "w: {opens: 2020-02-01, closes: 2021-12-31}    # window\n"
    assert not YamlText("w: {a: 1}\n").flow_entries_have_comments(get(YamlText("w: {a: 1}\n").root, "w")[1])
    commented = YamlText("w: {a: 1,  # one\n  b: '#2'}\n")
    assert commented.flow_entries_have_comments(get(commented.root, "w")[1])


def test_line_lookups_are_linear_on_a_long_file() -> None:
    import time

    text = "m:\n" + "".join(f"  k{number}: v\r" for number in range(80_000)).replace("\r", "\n")
    started = time.perf_counter()
    doc = YamlText(text)
    mapping = get(doc.root, "m")[1]
    for key_node, value_node in mapping.value[::100]:
        doc.content_end(value_node)
        doc.line_start(key_node.start_mark.index)
    doc.insert_key(mapping, "a", "1", "k1")
    assert doc.render().startswith("m:\n  k0: v\n  a: 1\n  k1: v\n")
    assert time.perf_counter() - started < 5  # composing dominates (about 1 s); the lookups add little


def test_removing_the_first_keys_together() -> None:
    doc = YamlText("l:\n- a: 1\n  # about b\n  b: 2\n  c: 3\n- {a: 1, b: 2, c: 3}\n")
    block, flow = get(doc.root, "l")[1].value
    assert doc.remove_keys(block, ["a", "b"]) == {"a": "a: 1", "b": "b: 2"}
    assert doc.remove_keys(flow, ["a", "b"]) == {"a": "a: 1", "b": "b: 2"}
    assert doc.render() == "l:\n- c: 3\n- {c: 3}\n"
