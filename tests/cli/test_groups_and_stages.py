"""``hanoi validate``: group-name typos (issue 13, item 2), treaties without a signature stage and
``--ignore`` (item 9), through the real app."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import DATA, ROOT

AS_OF = "2023-06-01"

GROUPS_LEDGER = """\
treaty:
  id: ETS-1
  title: Convention of a Council
  entry_into_force:
    threshold: 3
    after: {months: 3, first_of_next_month: true}
    requires: [{group: coe-member, at_least: 2}]
participants:
  - {name: Austria, code: AUT, accession: 2020-03-01, groups: [coe-membre]}
  - {name: Belgium, code: BEL, accession: 2020-04-01, groups: [coe-membre]}
  - {name: Croatia, code: HRV, accession: 2020-05-01, groups: [coe-membre]}
  - {name: Japan, code: JPN, accession: 2020-06-01}
"""

AMENDMENT = """\
treaty:
  id: XXVII-2-f
  title: Amendment to a Protocol
  short_title: Test Amendment
  adopted: 2016-10-15
  signature_stage: false
  entry_into_force: {threshold: 2, after: {days: 0}, not_before: 2019-01-01}
participants:
  - {name: Rwanda, code: RWA, acceptance: 2017-05-23}
  - {name: Mali, code: MLI, ratification: 2017-03-31}
  - {name: Chile, code: CHL, approval: 2017-09-19}
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def _problems(run, *args: str) -> tuple[int, list[dict]]:
    result = run("validate", *args, "--as-of", AS_OF, "-f", "json")
    return result.exit_code, json.loads(result.stdout)["files"][0]["problems"]


# --- 13.2 ----------------------------------------------------------------------------------------


def test_a_group_typo_is_an_error_with_one_message_per_group(run, tmp_path) -> None:
    code, problems = _problems(run, _write(tmp_path, "g.yaml", GROUPS_LEDGER))
    assert code == 1
    assert [(p["code"], p["severity"], p["line"]) for p in problems] == [
        ("unknown-group", "error", 7),
        ("unused-group", "warning", 9),  # once, at its first use, not once per participant
    ]
    unknown, unused = (p["message"] for p in problems)
    assert "can never be met; did you mean 'coe-membre'?" in unknown
    assert "listed by 3 participants (Austria, Belgium, Croatia)" in unused
    assert unused.endswith("did you mean 'coe-member'?")


def test_the_status_of_that_typo_is_not_reached_and_validate_now_fails(run, tmp_path) -> None:
    path = _write(tmp_path, "g.yaml", GROUPS_LEDGER)
    assert run("validate", path, "--as-of", AS_OF).exit_code == 1
    fixed = _write(tmp_path, "fixed.yaml", GROUPS_LEDGER.replace("coe-membre", "coe-member"))
    assert run("validate", fixed, "--as-of", AS_OF).exit_code == 0
    assert json.loads(run("status", fixed, "--as-of", AS_OF, "-f", "json").stdout)["status"] == "in_force"


def test_a_condition_before_any_participant_lists_a_group_is_only_a_warning(run, tmp_path) -> None:
    text = re.sub(r", groups: \[coe-membre\]", "", GROUPS_LEDGER)
    code, problems = _problems(run, _write(tmp_path, "g.yaml", text))
    assert code == 0
    assert [(p["code"], p["severity"]) for p in problems] == [("unknown-group", "warning")]


# --- 13.9 ----------------------------------------------------------------------------------------


def test_an_amendment_without_signature_stage_validates(run, tmp_path) -> None:
    path = _write(tmp_path, "a.yaml", AMENDMENT)
    code, problems = _problems(run, path)
    assert (code, problems) == (0, [])
    with_stage = _write(tmp_path, "b.yaml", AMENDMENT.replace("  signature_stage: false\n", ""))
    code, problems = _problems(run, with_stage)
    assert code == 1 and {p["code"] for p in problems} == {"ratification-without-signature"}


def test_record_works_on_an_amendment_without_signatures(run, tmp_path) -> None:
    path = _write(tmp_path, "a.yaml", AMENDMENT)
    result = run("record", "GHA", "acceptance", "2018-01-10", "--ledger", path, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "code: GHA" in Path(path).read_text()


def test_a_signature_in_a_treaty_without_signature_stage_is_flagged(run, tmp_path) -> None:
    text = AMENDMENT.replace("{name: Mali, code: MLI,", "{name: Mali, code: MLI, signature: 2017-01-01,")
    code, problems = _problems(run, _write(tmp_path, "a.yaml", text))
    assert code == 0 and [(p["code"], p["severity"]) for p in problems] == [
        ("signature-without-signature-stage", "warning")
    ]


def test_ignore_leaves_out_the_named_checks(run) -> None:
    invalid = str(DATA / "invalid.yaml")
    code, problems = _problems(
        run, invalid, "--ignore", "ratification-without-signature", "--ignore", "Deposit-Before-Signature"
    )
    found = {p["code"] for p in problems}
    assert code == 1  # the others remain
    assert found == {"unknown-country-code", "accession-by-signatory", "duplicate-participant"}


def test_ignore_refuses_what_is_not_a_check(run) -> None:
    invalid = str(DATA / "invalid.yaml")
    result = run("validate", invalid, "--ignore", "ratification-without-signatur")
    assert result.exit_code == 2
    assert "did you mean 'ratification-without-signature'?" in result.stderr
    result = run("validate", invalid, "--ignore", "unknown-key", "-f", "json")
    assert result.exit_code == 2
    problem = json.loads(result.stdout)["problems"][0]
    assert problem["file"] == "--ignore" and "cannot be ignored" in problem["message"]


def test_every_check_code_can_be_ignored_and_is_documented() -> None:
    from hanoi_cli.core.rules import checks

    source = Path(checks.__file__).read_text(encoding="utf-8")
    given = set(re.findall(r'checker\.add\(\s*"([a-z-]+)"', source))
    given |= set(re.findall(r'return \(\s*"([a-z-]+)"', source))  # code_finding's
    assert given == set(checks.CHECK_CODES)
    page = (ROOT / "docs" / "reference" / "problems.md").read_text(encoding="utf-8")
    assert all(f"| `{code}` |" in page for code in checks.CHECK_CODES)
