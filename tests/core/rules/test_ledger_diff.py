"""``core.ledger_diff`` on ledgers built in the test: what changed, and what it does."""

from __future__ import annotations

import dataclasses
from datetime import date

from hanoi_cli.core.ledger.dates import DateSpan
from hanoi_cli.core.ledger.models import EntryIntoForceRule, Ledger, Participant, Period, SignatureWindow, Treaty
from hanoi_cli.core.payloads.diff import describe_value, diff_payload, effect_rows
from hanoi_cli.core.rules.ledger_diff import diff_ledgers, empty_like

D = date.fromisoformat
AS_OF = D("2021-01-01")


def treaty(**changes) -> Treaty:
    rule = EntryIntoForceRule(threshold=3, after=Period(days=90), later_parties=Period(days=30))
    return dataclasses.replace(Treaty(id="T-1", title="Test Treaty", entry_into_force=rule), **changes)


def state(code: str, name: str | None = None, *, signed: str | None = "2020-01-10", **actions) -> Participant:
    signature = DateSpan(D(signed), D(signed)) if signed else None
    return Participant(
        name=name or code.title(), code=code, signature=signature, **{k: D(v) for k, v in actions.items()}
    )


BASE = (
    state("NOR", "Norway", ratification="2020-03-01"),
    state("CHL", "Chile", acceptance="2020-04-01"),
    state("GHA", "Ghana"),
)


def ledger(*participants: Participant, **treaty_changes) -> Ledger:
    return Ledger(treaty=treaty(**treaty_changes), participants=participants)


def test_identical_ledgers_have_no_changes_and_the_same_effect() -> None:
    diff = diff_ledgers(ledger(*BASE), ledger(*BASE), AS_OF)
    assert not diff.has_changes
    assert not diff.effect_changed
    assert diff.before == diff.after
    assert (diff.treaty, diff.added, diff.removed, diff.changed, diff.parties) == ((), (), (), (), ())


def test_order_of_participants_is_not_a_change() -> None:
    assert not diff_ledgers(ledger(*BASE), ledger(*reversed(BASE)), AS_OF).has_changes


def test_a_deposit_that_makes_the_threshold() -> None:
    new = ledger(BASE[0], BASE[1], state("GHA", "Ghana", ratification="2020-06-30"))
    diff = diff_ledgers(ledger(*BASE), new, AS_OF)
    assert diff.has_changes
    [change] = diff.changed
    assert (change.code, change.change) == ("GHA", "changed")
    [field] = change.fields
    assert (field.field, field.kind, field.old, field.new) == ("ratification", "added", None, "2020-06-30")

    assert (diff.before.status, diff.before.counted_instruments, diff.before.threshold_date) == ("not_reached", 2, None)
    assert diff.after.status == "in_force"
    assert diff.after.counted_instruments == 3
    assert diff.after.threshold_date == D("2020-06-30")
    assert diff.after.entry_into_force == D("2020-09-28")
    assert [(item.code, item.deposited) for item in diff.after.threshold_instruments] == [("GHA", D("2020-06-30"))]
    # Every party's date moves from "unknown" to the treaty's date.
    assert [(p.code, p.entry_into_force_before, p.entry_into_force_after) for p in diff.parties] == [
        ("NOR", None, D("2020-09-28")),
        ("CHL", None, D("2020-09-28")),
        ("GHA", None, D("2020-09-28")),
    ]
    assert (diff.parties[2].status_before, diff.parties[2].status_after) == ("signatory", "in_force")


def test_a_corrected_date_and_a_changed_instrument_type() -> None:
    new = ledger(
        state("NOR", "Norway", ratification="2020-03-02"), state("CHL", "Chile", approval="2020-04-01"), BASE[2]
    )
    diff = diff_ledgers(ledger(*BASE), new, AS_OF)
    by_code = {change.code: change for change in diff.changed}
    [corrected] = by_code["NOR"].fields
    assert (corrected.kind, corrected.old, corrected.new) == ("corrected", "2020-03-01", "2020-03-02")
    assert [(f.field, f.kind) for f in by_code["CHL"].fields] == [("acceptance", "removed"), ("approval", "added")]
    assert not diff.effect_changed  # same dates, still two counted instruments


def test_added_and_removed_participants_list_what_they_record() -> None:
    turkiye = Participant(name="Türkiye", code="TUR", kind="reio", groups=("x",), notes="n", reservations=("a", "b"))
    diff = diff_ledgers(ledger(*BASE), ledger(BASE[0], BASE[1], turkiye), AS_OF)
    [added], [removed] = diff.added, diff.removed
    assert (added.code, added.name, added.change) == ("TUR", "Türkiye", "added")
    assert [(f.field, f.new) for f in added.fields] == [
        ("kind", "reio"),
        ("groups", ["x"]),
        ("reservations", ["a", "b"]),
        ("notes", "n"),
    ]
    assert all(f.kind == "added" for f in added.fields)
    assert (removed.code, removed.change) == ("GHA", "removed")
    assert [(f.field, f.old, f.kind) for f in removed.fields] == [("signature", "2020-01-10", "removed")]
    assert [(p.code, p.status_before, p.status_after) for p in diff.parties] == [
        ("TUR", None, "listed"),
        ("GHA", "signatory", None),
    ]


def test_a_renamed_participant_is_a_change_of_name() -> None:
    diff = diff_ledgers(ledger(*BASE), ledger(BASE[0], BASE[1], state("GHA", "Republic of Ghana")), AS_OF)
    assert not diff.added and not diff.removed
    [change] = diff.changed
    assert change.name == "Republic of Ghana"
    assert [(f.field, f.old, f.new) for f in change.fields] == [("name", "Ghana", "Republic of Ghana")]


def test_a_repeated_code_is_matched_occurrence_by_occurrence() -> None:
    old = ledger(state("NOR", "Norway"), state("NOR", "Norway again"))
    new = ledger(state("NOR", "Norway"), state("NOR", "Norway again", ratification="2020-05-05"))
    [change] = diff_ledgers(old, new, AS_OF).changed
    assert change.name == "Norway again" and change.fields[0].field == "ratification"


def test_treaty_fields_including_the_entry_into_force_rule() -> None:
    rule = EntryIntoForceRule(
        threshold=2, after=Period(months=3, first_of_next_month=True), later_parties=Period(days=30)
    )
    new = ledger(*BASE, entry_into_force=rule, signature=SignatureWindow(opens=D("2020-01-01")), short_title="TT")
    diff = diff_ledgers(ledger(*BASE), new, AS_OF)
    changes = {(c.field, c.kind): (c.old, c.new) for c in diff.treaty}
    assert changes == {
        ("short_title", "added"): (None, "TT"),
        ("entry_into_force.threshold", "corrected"): (3, 2),
        ("entry_into_force.after", "corrected"): (
            {"months": 0, "days": 90, "first_of_next_month": False},
            {"months": 3, "days": 0, "first_of_next_month": True},
        ),
        ("signature.opens", "added"): (None, "2020-01-01"),
    }
    assert diff.treaty_title == "TT"
    # Lowering the threshold to two makes Chile's deposit the threshold instrument.
    assert (diff.before.status, diff.after.status) == ("not_reached", "in_force")
    assert [item.code for item in diff.after.threshold_instruments] == ["CHL"]
    assert diff.after.entry_into_force == D("2020-08-01")


def test_an_empty_before_shows_every_participant_added() -> None:
    new = ledger(*BASE)
    diff = diff_ledgers(empty_like(new), new, AS_OF)
    assert [change.code for change in diff.added] == ["NOR", "CHL", "GHA"]
    assert not diff.treaty
    assert diff.before.counted_instruments == 0 and diff.after.counted_instruments == 2


def test_the_as_of_date_decides_the_effect() -> None:
    new = ledger(BASE[0], BASE[1], state("GHA", "Ghana", ratification="2020-06-30"))
    early = diff_ledgers(ledger(*BASE), new, D("2020-06-01"))
    assert early.has_changes and not early.effect_changed  # the deposit is after the as-of date


def test_values_are_described_for_people() -> None:
    assert describe_value(None) == "—"
    assert (
        describe_value({"months": 3, "days": 0, "first_of_next_month": True})
        == "3 months, then the 1st of the next month"
    )
    assert describe_value({"months": 1, "days": 10, "first_of_next_month": False}) == "1 month and 10 days"
    assert describe_value([{"group": "coe", "at_least": 3}]) == "at least 3 from coe"
    assert describe_value(["a", "b"]) == "a; b"
    assert describe_value([]) == "none"
    assert describe_value(False) == "false"


def test_effect_rows_and_payload() -> None:
    new = ledger(BASE[0], BASE[1], state("GHA", "Ghana", ratification="2020-06-30"))
    diff = diff_ledgers(ledger(*BASE), new, AS_OF)
    rows = {label: (before, after) for label, before, after in effect_rows(diff)}
    assert rows["Counted instruments"] == ("2 / 3", "3 / 3")
    assert rows["Threshold instrument"] == ("—", "Ghana (GHA), 2020-06-30")
    payload = diff_payload(diff, "a.yaml", "b.yaml")
    assert payload["changed"] is True and payload["new_file"] is False
    assert payload["effect"]["after"]["threshold_instruments"] == [
        {"name": "Ghana", "code": "GHA", "deposited": "2020-06-30"}
    ]
    assert payload["participants"]["changed"][0]["fields"] == [
        {"field": "ratification", "change": "added", "label": "added", "old": None, "new": "2020-06-30"}
    ]
