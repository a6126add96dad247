"""``hanoi diff`` through the real Typer app: formats, --base with a real git repository, errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SAMPLE, assert_golden

EDITED = DATA / "sample-edited.yaml"
AS_OF = "2020-06-01"  # before it, Ghana's corrected accession makes the threshold


@pytest.fixture(autouse=True)
def no_machine_state(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A command run without --as-of reads a pinned day, not the clock; git, run by hanoi or by
    these tests, reads no user or system configuration (a developer's ~/.gitconfig, or GIT_DIR
    set by a hook, must not change an outcome)."""
    monkeypatch.setenv("HANOI_TODAY", AS_OF)
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def in_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from tests/data so file names in the output do not depend on where pytest runs."""
    monkeypatch.chdir(DATA)


@pytest.mark.parametrize(("output_format", "golden"), [("text", "diff.txt"), ("markdown", "diff.md")])
def test_text_and_markdown_golden(run, in_data, output_format: str, golden: str) -> None:
    result = run("diff", "sample.yaml", "sample-edited.yaml", "--as-of", AS_OF, "--format", output_format)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_golden(golden, result.stdout)


def test_json_golden_and_envelope(run, in_data) -> None:
    result = run("diff", "sample.yaml", "sample-edited.yaml", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert (payload["schema_version"], payload["as_of"], payload["changed"]) == (1, AS_OF, True)
    assert (payload["old"], payload["new"]) == ("sample.yaml", "sample-edited.yaml")
    assert set(payload["participants"]) == {"added", "removed", "changed"}
    assert payload["effect"]["before"]["status"] == "not_reached"
    assert payload["effect"]["after"]["status"] == "pending"
    payload["hanoi_version"] = "X"
    assert_golden("diff.json", json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def test_markdown_escapes_pipes_in_cells(run) -> None:
    result = run("diff", str(SAMPLE), str(EDITED), "--as-of", AS_OF, "--format", "markdown")
    row = next(line for line in result.stdout.splitlines() if "| CHL | reservations |" in line)
    assert "paragraph 3 \\| not applied" in row
    assert row.count(" | ") == 5  # six cells: the escaped pipes split nothing


def test_no_differences(run) -> None:
    result = run("diff", str(SAMPLE), str(SAMPLE), "--as-of", AS_OF)
    assert result.exit_code == 0
    assert "No differences in the ledger's data." in result.stdout
    payload = json.loads(run("diff", str(SAMPLE), str(SAMPLE), "--as-of", AS_OF, "-f", "json").stdout)
    assert payload["changed"] is False
    assert payload["treaty"] == [] and payload["effect"]["parties"] == []
    assert payload["effect"]["before"] == payload["effect"]["after"]


def test_exit_code_option_like_git_diff(run) -> None:
    assert run("diff", str(SAMPLE), str(EDITED), "--as-of", AS_OF).exit_code == 0
    assert run("diff", str(SAMPLE), str(EDITED), "--as-of", AS_OF, "--exit-code").exit_code == 1
    assert run("diff", str(SAMPLE), str(SAMPLE), "--as-of", AS_OF, "--exit-code").exit_code == 0


def test_one_side_from_standard_input(run) -> None:
    result = run("diff", "-", str(EDITED), "--as-of", AS_OF, "-f", "json", input=SAMPLE.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["old"] == "<stdin>"
    assert [p["code"] for p in payload["participants"]["added"]] == ["TUR"]


def test_as_of_defaults_to_hanoi_today(run) -> None:
    """The pinned day is the one the effect is computed for, not only the one printed."""
    early = json.loads(run("diff", str(SAMPLE), str(EDITED), "-f", "json", env={"HANOI_TODAY": "2020-05-01"}).stdout)
    assert early["as_of"] == "2020-05-01"
    assert early["effect"]["before"]["counted_instruments"] == early["effect"]["after"]["counted_instruments"] == 1
    assert early["effect"]["after"]["status"] == "not_reached"
    late = json.loads(run("diff", str(SAMPLE), str(EDITED), "-f", "json", env={"HANOI_TODAY": "2021-01-01"}).stdout)
    assert late["as_of"] == "2021-01-01"
    assert (late["effect"]["before"]["entry_into_force"], late["effect"]["after"]["entry_into_force"]) == (
        "2020-09-28",
        "2020-08-23",
    )
    assert late["effect"]["after"]["status"] == "in_force"


@pytest.mark.parametrize(
    "args",
    [
        ("diff", str(SAMPLE)),  # one ledger without --base
        ("diff", str(SAMPLE), str(EDITED), str(SAMPLE)),
        ("diff", str(SAMPLE), str(EDITED), "--base", "HEAD"),
        ("diff", "-", "-"),
        ("diff", "-", "--base", "HEAD"),
        ("diff", str(SAMPLE), str(EDITED), "--as-of", "2020-02-30"),
    ],
)
def test_usage_errors_exit_2(run, args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_an_invalid_side_reports_its_problems_and_exits_1(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("ratification: 2020-03-10", "ratifcation: 2020-03-10"))
    result = run("diff", str(SAMPLE), str(bad), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{bad}:20:5: error[unknown-key]" in result.stderr
    as_json = run("diff", str(bad), str(SAMPLE), "--as-of", AS_OF, "-f", "json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["status"] == "error"


def test_both_sides_are_reported_and_unreadable_wins(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n")
    result = run("diff", str(bad), str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "error[not-a-mapping]" in result.stderr
    assert "missing.yaml: error[file-not-found]" in result.stderr


# --- --base with a real git repository ------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    environ = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(folder)}
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args]
    subprocess.run(command, cwd=folder, check=True, capture_output=True, env=environ)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the sample ledger committed at data/signatories.yaml, then edited."""
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    git(root, "init", "-q")
    shutil.copy(SAMPLE, root / "data" / "signatories.yaml")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "ledger")
    shutil.copy(EDITED, root / "data" / "signatories.yaml")
    return root


@needs_git
def test_base_compares_with_the_committed_file(run, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "data")  # the path is resolved in the file's folder, from anywhere
    result = run("diff", "signatories.yaml", "--base", "HEAD", "--as-of", AS_OF, "-f", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["old"] == "HEAD:data/signatories.yaml"
    assert payload["new"] == "signatories.yaml"
    assert payload["changed"] is True and payload["new_file"] is False
    assert payload["effect"]["after"]["threshold_date"] == "2020-05-25"

    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached ledger must not be parsed again")

    monkeypatch.setattr("hanoi_cli.core.reading.loader._compose_and_validate", no_parsing)
    again = run("diff", "signatories.yaml", "--base", "HEAD", "--as-of", AS_OF, "-f", "json")
    assert again.exit_code == 0, again.stderr
    assert again.stdout == result.stdout  # both sides, the base one too, now come from the cache


@needs_git
def test_base_from_outside_the_repository(run, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("diff", str(repo / "data" / "signatories.yaml"), "--base", "HEAD", "--as-of", AS_OF, "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "`HEAD:data/signatories.yaml` → " in result.stdout


@needs_git
def test_base_unchanged_file(run, repo: Path) -> None:
    git(repo, "commit", "-q", "-am", "edit")
    result = run("diff", str(repo / "data" / "signatories.yaml"), "--base", "HEAD", "--exit-code")
    assert result.exit_code == 0
    assert "No differences" in result.stdout


@needs_git
def test_a_file_the_revision_does_not_have_is_all_added(run, repo: Path) -> None:
    new = repo / "data" / "other.yaml"
    shutil.copy(SAMPLE, new)
    result = run("diff", str(new), "--base", "HEAD", "--as-of", AS_OF, "-f", "json")
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["new_file"] is True
    assert len(payload["participants"]["added"]) == 6
    assert payload["effect"]["before"]["counted_instruments"] == 0
    assert "HEAD:data/other.yaml does not exist" in result.stderr


@needs_git
def test_unknown_revision_exits_2(run, repo: Path) -> None:
    path = repo / "data" / "signatories.yaml"
    result = run("diff", str(path), "--base", "origin/no-such-branch")
    assert result.exit_code == 2
    assert f"{path}: error[unknown-revision] unknown git revision 'origin/no-such-branch'" in result.stderr


@needs_git
def test_an_option_as_revision_is_refused(run, repo: Path) -> None:
    result = run("diff", str(repo / "data" / "signatories.yaml"), "--base=--output=x")
    assert result.exit_code == 2
    assert "error[unknown-revision]" in result.stderr
    assert not (repo / "data" / "x").exists()


@needs_git
def test_not_a_repository_exits_2(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find an enclosing repository
    ledger = tmp_path / "alone" / "ledger.yaml"
    ledger.parent.mkdir()
    shutil.copy(SAMPLE, ledger)
    result = run("diff", str(ledger), "--base", "HEAD")
    assert result.exit_code == 2
    assert f"{ledger}: error[not-a-git-repository]" in result.stderr


def test_git_missing_exits_2(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("diff", str(SAMPLE), "--base", "HEAD")
    assert result.exit_code == 2
    assert "error[git-not-found]" in result.stderr


@needs_git
def test_an_invalid_ledger_at_the_base_exits_1(run, repo: Path) -> None:
    ledger = repo / "data" / "signatories.yaml"
    ledger.write_text("treaty: {}\n")
    git(repo, "commit", "-q", "-am", "break it")
    shutil.copy(SAMPLE, ledger)
    result = run("diff", str(ledger), "--base", "HEAD")
    assert result.exit_code == 1
    assert "HEAD:data/signatories.yaml:1:" in result.stderr


def test_the_ledger_workflow_validates_and_diffs_against_the_base_through_the_action() -> None:
    """ledger.yml runs the repository's own action (action.yml), as other repositories do."""
    import yaml

    root = ROOT
    workflow = yaml.safe_load((root / ".github" / "workflows" / "ledger.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["ledger"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there for --base
    action_step = next(step for step in steps if step.get("uses") == "./")
    assert action_step["with"]["ledgers"] == "data/signatories.yaml"
    action = (root / "action.yml").read_text(encoding="utf-8")
    assert 'hanoi validate "${args[@]}" "${files[@]}"' in action and "--format github" in action
    assert 'BASE="origin/$GITHUB_BASE_REF"' in action
    assert 'hanoi diff "$file" --base "$BASE" --format markdown >> "$GITHUB_STEP_SUMMARY"' in action
    assert "HANOI_TODAY" not in action + str(workflow)


def test_only_a_later_party_date_moves(run, tmp_path: Path) -> None:
    """The treaty's figures stay; Peru, a later party, enters into force 30 days later."""
    edited = tmp_path / "later.yaml"
    edited.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("later_parties: {days: 30}", "later_parties: {days: 60}")
    )
    result = run("diff", str(SAMPLE), str(edited), "--as-of", "2023-06-01")
    assert result.exit_code == 0, result.stderr
    assert "Peru (PER): 2020-12-02 (denounced) → 2021-01-01 (denounced)" in result.stdout
    assert "  Entry into force      2020-09-28\n" in result.stdout
    markdown = run("diff", str(SAMPLE), str(edited), "--as-of", "2023-06-01", "-f", "markdown").stdout
    assert "| Peru | PER | 2020-12-02 (denounced) | 2021-01-01 (denounced) |" in markdown
    assert "**" not in markdown


def test_a_participant_with_only_a_name_still_has_a_row(run, tmp_path: Path) -> None:
    edited = tmp_path / "listed.yaml"
    edited.write_text(SAMPLE.read_text(encoding="utf-8") + "  - name: Peru | Lima\n    code: PEL\n")
    markdown = run("diff", str(SAMPLE), str(edited), "--as-of", AS_OF, "-f", "markdown").stdout
    assert "| added | Peru \\| Lima | PEL |  |  |  |" in markdown


def test_markdown_has_no_empty_participant_table_when_only_the_treaty_changed(run, tmp_path: Path) -> None:
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        SAMPLE.read_text(encoding="utf-8").replace("short_title: Test Convention", "short_title: Testing Convention"),
        encoding="utf-8",
    )
    text = run("diff", str(SAMPLE), str(edited), "--as-of", AS_OF, "-f", "markdown").stdout
    assert "### Participants: 0 added, 0 removed, 0 changed\n\n### Treaty" in text
    assert "| Change | Participant |" not in text
    assert "| corrected | short_title | Test Convention | Testing Convention |" in text


def test_a_freshness_date_moving_later_is_updated_not_corrected(run, tmp_path: Path) -> None:
    """``checked`` and ``reported.as_of`` moving later are a newer reading: "updated" in the text,
    the Markdown and the JSON ``label``; the JSON ``change`` keeps its contract value."""
    text = SAMPLE.read_text(encoding="utf-8")
    head = "treaty:\n"
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text.replace(head, head + "  checked: 2026-01-01\n", 1), encoding="utf-8")
    new.write_text(text.replace(head, head + "  checked: 2026-02-01\n", 1), encoding="utf-8")
    shown = run("diff", str(old), str(new), "--as-of", AS_OF)
    assert "checked: 2026-01-01 → 2026-02-01 (updated)" in shown.stdout
    assert "(corrected)" not in shown.stdout
    assert (
        "| updated | checked | 2026-01-01 | 2026-02-01 |"
        in run("diff", str(old), str(new), "--as-of", AS_OF, "--format", "markdown").stdout
    )
    payload = json.loads(run("diff", str(old), str(new), "--as-of", AS_OF, "--format", "json").stdout)
    assert payload["treaty"] == [
        {"field": "checked", "change": "corrected", "label": "updated", "old": "2026-01-01", "new": "2026-02-01"}
    ]
    backwards = run("diff", str(new), str(old), "--as-of", AS_OF)
    assert "checked: 2026-02-01 → 2026-01-01 (corrected)" in backwards.stdout  # moving back is a correction


def test_reported_counts_read_at_a_later_date_are_updated(run, tmp_path: Path) -> None:
    """A sync brings the depositary's newer counts with a later ``reported.as_of``: the counts are
    "updated" too; the same counts changed under the same date are a correction."""
    text = SAMPLE.read_text(encoding="utf-8")
    head = "treaty:\n"

    def ledger(name: str, as_of: str, signatories: int) -> Path:
        reported = f"  reported:\n    signatories: {signatories}\n    parties: 1\n    as_of: {as_of}\n"
        path = tmp_path / name
        path.write_text(text.replace(head, head + reported, 1), encoding="utf-8")
        return path

    old = ledger("old.yaml", "2026-01-01", 70)
    shown = run("diff", str(old), str(ledger("new.yaml", "2026-05-06", 76)), "--as-of", AS_OF).stdout
    assert "reported.signatories: 70 → 76 (updated)" in shown
    assert "reported.as_of: 2026-01-01 → 2026-05-06 (updated)" in shown
    fixed = run("diff", str(old), str(ledger("fixed.yaml", "2026-01-01", 71)), "--as-of", AS_OF).stdout
    assert "reported.signatories: 70 → 71 (corrected)" in fixed
