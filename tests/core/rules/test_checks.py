"""The semantic checks of ``hanoi validate``, on the core directly: one test per rule."""

from __future__ import annotations

from datetime import date

import pytest

from hanoi_cli.core.commands.validate import validate_ledger

AS_OF = date(2024, 1, 1)

HEAD = """\
treaty:
  id: T-1
  title: Test Treaty
  adopted: 2020-01-15
  signature: {opens: 2020-02-01, closes: 2021-12-31}
  entry_into_force: {threshold: 3, after: {days: 90}}
participants:
"""


def check(participants: str, *, head: str = HEAD, as_of: date = AS_OF):
    report = validate_ledger(text=head + participants, name="ledger.yaml", as_of=as_of)
    assert report.ledger is not None, report.problems
    return report


def codes(report) -> list[tuple[str, str, int | None, int | None]]:
    return [(p.code, p.severity, p.line, p.column) for p in report.problems]


def test_a_sound_ledger_has_no_problems() -> None:
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-02-01, ratification: 2020-03-10}\n"
        "  - {name: Ghana, code: GHA, accession: 2020-06-30}\n"
        "  - {name: European Union, code: EUU, kind: reio, signature: 2020-02-01, formal_confirmation: 2020-04-01}\n"
    )
    assert report.problems == ()
    assert report.exit_code() == 0


def test_duplicate_code_points_at_the_second_entry() -> None:
    report = check("  - name: Norway\n    code: NOR\n  - name: Norge\n    code: NOR\n")
    assert codes(report) == [("duplicate-participant", "error", 11, 11)]
    assert "participant 1 (Norway)" in report.problems[0].message
    assert report.problems[0].path == "participants[1].code"


def test_duplicate_name_ignores_case_and_accents() -> None:
    report = check("  - {name: Côte d'Ivoire, code: CIV}\n  - {name: cote d’ivoire, code: CIX}\n")
    assert [p.code for p in report.problems][0] == "duplicate-participant"
    assert any(p.path == "participants[1].name" for p in report.problems)


def test_unknown_iso_code_suggests_the_right_one() -> None:
    report = check("  - {name: Germany, code: GER}\n")
    assert codes(report) == [("unknown-country-code", "error", 8, 27)]
    assert "did you mean DEU" in report.problems[0].message


def test_user_assigned_code_is_a_warning() -> None:
    report = check("  - {name: Kosovo, code: XKX}\n")
    assert codes(report) == [("user-assigned-code", "warning", 8, 26)]
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_reio_with_a_state_code_and_state_with_the_eu_code() -> None:
    report = check("  - {name: European Union, code: BEL, kind: reio}\n  - {name: European Union 2, code: EUU}\n")
    assert [p.code for p in report.problems] == ["reio-code", "reio-code"]
    assert "kind: reio" in report.problems[1].message


def test_signature_before_the_window_opens_and_after_it_closes() -> None:
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-01-31}\n  - {name: Chile, code: CHL, signature: 2022-01-01}\n"
    )
    assert [p.code for p in report.problems] == ["signature-outside-window", "signature-outside-window"]
    assert "opened for signature on 2020-02-01" in report.problems[0].message
    assert "closed on 2021-12-31" in report.problems[1].message


def test_a_signature_interval_must_lie_inside_the_window() -> None:
    report = check("  - {name: Chile, code: CHL, signature: 2021-12-31/2022-01-01}\n")
    assert [p.code for p in report.problems] == ["signature-outside-window"]


def test_signature_before_adoption_without_a_window() -> None:
    head = HEAD.replace("  signature: {opens: 2020-02-01, closes: 2021-12-31}\n", "")
    report = check("  - {name: Norway, code: NOR, signature: 2020-01-01}\n", head=head)
    assert [p.code for p in report.problems] == ["signature-before-adoption"]


def test_window_opening_before_adoption_and_closing_before_opening() -> None:
    head = HEAD.replace("{opens: 2020-02-01, closes: 2021-12-31}", "{opens: 2020-01-01, closes: 2019-12-31}")
    report = check("  []\n", head=head)
    assert sorted(p.code for p in report.problems) == ["invalid-signature-window", "signature-before-adoption"]


def test_deposit_before_adoption() -> None:
    report = check("  - {name: Ghana, code: GHA, accession: 2020-01-14}\n")
    assert codes(report) == [("deposit-before-adoption", "error", 8, 41)]


@pytest.mark.parametrize("kind", ["ratification", "acceptance", "approval"])
def test_deposit_before_signature(kind: str) -> None:
    report = check(f"  - {{name: Norway, code: NOR, signature: 2020-05-01, {kind}: 2020-04-30}}\n")
    assert [p.code for p in report.problems] == ["deposit-before-signature"]
    assert report.problems[0].path == f"participants[0].{kind}"


def test_deposit_within_a_signature_interval_is_accepted() -> None:
    report = check("  - {name: Norway, code: NOR, signature: 2020-05-01/2020-05-03, ratification: 2020-05-02}\n")
    assert report.problems == ()


def test_ratification_without_signature() -> None:
    report = check("  - {name: Norway, code: NOR, ratification: 2020-04-30}\n")
    assert [p.code for p in report.problems] == ["ratification-without-signature"]
    assert "accession" in report.problems[0].message


def test_accession_by_a_signatory_is_a_warning() -> None:
    report = check("  - {name: Norway, code: NOR, signature: 2020-02-01, accession: 2020-04-30}\n")
    assert codes(report) == [("accession-by-signatory", "warning", 8, 65)]
    assert report.exit_code() == 0


def test_dates_after_the_as_of_date_are_errors() -> None:
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-02-01, ratification: 2024-01-02, denunciation: 2024-02-01}\n"
        "  - {name: Chile, code: CHL, signature: 2020-02-01, domestic_approval: 2025-01-01}\n"
    )
    assert [p.code for p in report.problems] == ["date-after-as-of"] * 3
    assert "after the as-of date 2024-01-01" in report.problems[0].message


def test_the_as_of_date_itself_is_allowed() -> None:
    report = check("  - {name: Norway, code: NOR, signature: 2020-02-01, ratification: 2024-01-01}\n")
    assert report.problems == ()


def test_denunciation_before_deposit_and_without_instrument() -> None:
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-02-01, ratification: 2021-01-01, denunciation: 2020-12-31}\n"
        "  - {name: Chile, code: CHL, signature: 2020-02-01, denunciation: 2021-01-01}\n"
    )
    assert [p.code for p in report.problems] == ["denunciation-before-deposit", "denunciation-without-instrument"]


def test_domestic_approval_after_the_deposit_is_a_warning() -> None:
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-02-01, ratification: 2021-01-01, domestic_approval: 2021-02-01}\n"
    )
    assert [(p.code, p.severity) for p in report.problems] == [("domestic-approval-after-deposit", "warning")]


def test_definitive_signature_beside_a_signature_is_a_warning() -> None:
    report = check("  - {name: Norway, code: NOR, signature: 2020-02-01, definitive_signature: 2020-02-01}\n")
    assert [(p.code, p.severity) for p in report.problems] == [("definitive-signature-with-signature", "warning")]


def test_groups_that_no_condition_names_and_conditions_no_one_can_meet() -> None:
    head = HEAD.replace(
        "{threshold: 3, after: {days: 90}}",
        "{threshold: 3, after: {days: 90}, requires: [{group: members, at_least: 2}]}",
    )
    report = check("  - {name: Norway, code: NOR, groups: [member]}\n", head=head)
    assert sorted(p.code for p in report.problems) == ["unknown-group", "unused-group"]


def test_reported_figures_lower_than_the_ledger_are_flagged() -> None:
    head = HEAD.replace(
        "  adopted: 2020-01-15\n",
        "  adopted: 2020-01-15\n  reported: {signatories: 1, parties: 0, as_of: 2020-03-01}\n",
    )
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-02-01}\n  - {name: Chile, code: CHL, signature: 2020-02-01}\n",
        head=head,
    )
    assert [(p.code, p.severity) for p in report.problems] == [("reported-count-exceeded", "warning")]


def test_reservations_without_signature_or_instrument_are_a_warning() -> None:
    report = check("  - {name: Norway, code: NOR, reservations: Article 5}\n")
    assert [(p.code, p.severity, p.path) for p in report.problems] == [
        ("reservation-without-action", "warning", "participants[0].reservations")
    ]


def test_reported_figures_from_after_the_as_of_date() -> None:
    head = HEAD.replace(
        "  adopted: 2020-01-15\n", "  adopted: 2020-01-15\n  reported: {signatories: 5, as_of: 2024-06-01}\n"
    )
    report = check("  []\n", head=head)
    assert [(p.code, p.path) for p in report.problems] == [("date-after-as-of", "treaty.reported.as_of")]


def test_problems_come_in_file_order() -> None:
    report = check(
        "  - {name: Norway, code: NOR, ratification: 2020-04-30}\n"
        "  - {name: Germany, code: GER}\n"
        "  - {name: Ghana, code: GHA, accession: 2020-01-01}\n"
    )
    assert [p.line for p in report.problems] == sorted(p.line for p in report.problems)
    assert len(report.problems) == 3


def test_the_shipped_ledger_passes_every_check() -> None:
    """No errors; the only warning allowed is the one the file's own figures call for: more
    signatories listed than ``treaty.reported`` counted (a signature after the report's date)."""
    import yaml

    from hanoi_cli.core.commands.validate import validate_ledger
    from hanoi_cli.core.reading.ledger_paths import shipped_ledger

    report = validate_ledger(shipped_ledger(), as_of=date(2026, 11, 28))
    assert report.ledger is not None and report.ledger.treaty.reported is not None
    # The figures as the file states them (plain PyYAML): a data update keeps this true.
    data = yaml.safe_load(shipped_ledger().read_text(encoding="utf-8"))
    reported = data["treaty"]["reported"]["signatories"]
    assert isinstance(reported, int) and reported > 0
    assert report.ledger.treaty.reported.signatories == reported
    listed = sum(1 for participant in data["participants"] if "signature" in participant)
    expected = ["reported-count-exceeded"] if listed > reported else []
    assert [(p.severity, p.code) for p in report.problems] == [("warning", code) for code in expected]


def test_an_impossible_window_is_reported_once_not_per_signature() -> None:
    head = HEAD.replace("{opens: 2020-02-01, closes: 2021-12-31}", "{opens: 2021-12-31, closes: 2020-02-01}")
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-03-01}\n  - {name: Chile, code: CHL, signature: 2020-04-01}\n",
        head=head,
    )
    assert [p.code for p in report.problems] == ["invalid-signature-window"]


def test_reported_counts_signatories_as_status_does() -> None:
    head = HEAD.replace("  adopted: 2020-01-15\n", "  adopted: 2020-01-15\n  reported: {signatories: 1}\n")
    report = check(
        "  - {name: Norway, code: NOR, signature: 2020-02-01}\n  - {name: Chile, code: CHL, definitive_signature: 2020-02-01}\n",
        head=head,
    )
    assert report.problems == ()  # one signatory, as `hanoi status` counts them
