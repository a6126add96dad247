"""The editing wing calls down only: each module of ``core/editing`` imports only the floors below it,
the edits leave every text offset to ``YamlText``, and the node helpers depend on nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "hanoi_cli"
EDITING = PACKAGE / "core" / "editing"
PREFIX = "hanoi_cli.core.editing."

# Lowest first. A module imports editing modules of lower floors only (not its own floor, so the
# three edits never import each other). A module that is listed need not exist; one that exists
# must be listed, so that a new module is placed on purpose.
FLOORS = (
    # writes; the Edit value; the models' key order; text surgery; which form a recorded fact takes;
    # unified diffs of the result
    ("atomic", "edit", "key_order", "yaml_text", "fact_forms", "text_diff"),
    ("session",),  # the ledger being edited (the edit transaction is core/commands/transaction.py)
    ("record", "actions", "canonical"),  # hanoi record; apply (sync); hanoi fmt
)
# What only YamlText may do with the text: splice it, and compute offsets in it.
TEXT_SURGERY = {"splice", "line_starts", "line_start", "next_line", "dash_index", "column"}


def floor_of(module: str) -> int:
    for number, names in enumerate(FLOORS):
        if module in names:
            return number
    raise AssertionError(f"core/editing/{module}.py is on no floor of FLOORS in {Path(__file__).name}")


def editing_imports(path: Path) -> list[tuple[str, int]]:
    """The editing modules ``path`` imports (lazy imports included), with their lines."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name.startswith(PREFIX):
                found.append((name[len(PREFIX) :].split(".")[0], node.lineno))
    return found


def upward_imports(directory: Path) -> list[str]:
    wrong = []
    for path in sorted(directory.glob("*.py")):
        if path.stem == "__init__":
            continue
        own = floor_of(path.stem)
        for imported, line in editing_imports(path):
            if imported in {item for floor in FLOORS for item in floor} and floor_of(imported) >= own:
                wrong.append(f"{path.name}:{line}: {path.stem} imports {imported}")
    return wrong


def text_surgery(path: Path) -> list[str]:
    """Places where a module splices the text or does arithmetic on it itself."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in TEXT_SURGERY:
            found.append(f"{path.name}:{node.lineno}: .{node.attr}")
        elif isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.value, ast.Attribute):
            if node.value.attr == "text":  # doc.text.index(...), doc.text[a:b]
                found.append(
                    f"{path.name}:{node.lineno}: .text{'[...]' if isinstance(node, ast.Subscript) else '.' + node.attr}"
                )
    return found


def test_every_editing_module_is_on_a_floor_and_imports_only_floors_below() -> None:
    assert upward_imports(EDITING) == []


def test_the_edits_leave_text_offsets_to_yaml_text() -> None:
    above = [path for path in sorted(EDITING.glob("*.py")) if path.stem in FLOORS[1] + FLOORS[2]]
    assert len(above) >= 4  # session and the three edits were found
    assert [place for path in above for place in text_surgery(path)] == []


def test_the_node_helpers_and_the_text_type_import_nothing_above_them() -> None:
    nodes = PACKAGE / "core" / "reading" / "nodes.py"
    tree = ast.parse(nodes.read_text(encoding="utf-8"))
    imported = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [getattr(node, "module", None) for node in imported] == ["__future__", "typing"]
    assert {name for name, _ in editing_imports(EDITING / "yaml_text.py")} == set()


@pytest.mark.parametrize(
    ("module", "code", "caught"),
    [
        ("yaml_text", "from hanoi_cli.core.editing.session import EditSession\n", "yaml_text imports session"),
        ("record", "def f():\n    from hanoi_cli.core.editing import canonical\n", "record imports canonical"),
        ("brand_new", "x = 1\n", "brand_new.py is on no floor"),
    ],
)
def test_the_floor_check_would_catch_a_call_back_up(tmp_path: Path, module: str, code: str, caught: str) -> None:
    (tmp_path / f"{module}.py").write_text(code, encoding="utf-8")
    try:
        wrong = upward_imports(tmp_path)
    except AssertionError as exc:
        wrong = [str(exc)]
    assert any(caught in line for line in wrong), wrong


def test_the_offset_check_would_catch_a_splice_in_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "session.py"
    path.write_text("def f(doc, key):\n    colon = doc.text.index(':', 3)\n    doc.splice(colon + 1, 9, '')\n")
    assert text_surgery(path) == ["session.py:2: .text.index", "session.py:3: .splice"]
