"""The YAML node helpers (core.reading.nodes) on nodes composed as the loader composes them."""

from __future__ import annotations

import yaml

from hanoi_cli.core.reading import nodes


def compose(text: str) -> yaml.Node:
    return yaml.compose(text, Loader=yaml.BaseLoader)


def test_matchers_tell_the_node_kinds_apart_and_answer_false_for_none() -> None:
    root = compose("a: x\nb: [1, 2]\nc: {d: 1}\ne:\n  - 1\n")
    a, b, c, e = (nodes.value_of(root, key) for key in "abce")
    assert (nodes.is_scalar(a), nodes.is_sequence(b), nodes.is_mapping(c), nodes.is_sequence(e)) == (True,) * 4
    assert (nodes.is_flow(b), nodes.is_flow(c), nodes.is_flow(e)) == (True, True, False)
    assert not any(check(None) for check in (nodes.is_scalar, nodes.is_mapping, nodes.is_sequence, nodes.is_flow))


def test_getters_find_the_first_scalar_key_and_skip_the_others() -> None:
    root = compose("a: 1\n? [x]\n: 2\na: 3\nb: 4\n")
    assert nodes.key_texts(root)[0] == "a" and len(nodes.key_texts(root)) == 4
    assert [key.value for key, _ in nodes.pairs(root)] == ["a", "a", "b"]
    assert nodes.get(root, "a")[1].value == "1"
    assert nodes.get(root, "zzz") is None
    assert nodes.value_of(nodes.value_of(root, "b"), "a") is None  # not a mapping
    index = nodes.key_index(root)
    assert sorted(index) == ["a", "b"] and index["a"][1].value == "1"
    assert nodes.key_index(root) is index  # built once per node
