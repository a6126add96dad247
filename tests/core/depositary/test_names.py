"""Depositary names to codes: the ledger first, then the shipped table, then pycountry; never fuzzy."""

from __future__ import annotations

import re

import pytest

from hanoi_cli.core.depositary.names import resolve_code
from hanoi_cli.core.ledger.models import Participant
from hanoi_cli.core.ledger.un_names import depositary_name, name_table


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bahamas (The)", "BHS"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Democratic Republic of the Congo", "COD"),
        ("Holy See", "VAT"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Republic of Korea", "KOR"),  # pycountry's fuzzy search says PRK
        ("St. Kitts and Nevis", "KNA"),
        ("St. Lucia", "LCA"),
        ("St. Vincent and the Grenadines", "VCT"),
        ("State of Palestine", "PSE"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Naoero", "NRU"),
        ("Swaziland", "SWZ"),
        ("The former Yugoslav Republic of Macedonia", "MKD"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Czech Republic", "CZE"),
        ("Côte d'Ivoire", "CIV"),
        ("Cook Islands", "COK"),
        ("Niue", "NIU"),
        ("Viet Nam", "VNM"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ],
)
def test_un_spellings_resolve_to_their_code(name: str, code: str) -> None:
    assert resolve_code(name) == (code, "state")


def test_the_european_union_is_a_reio() -> None:
    assert resolve_code("European Union") == ("EUU", "reio")
    assert resolve_code("European Union<superscript>2</superscript>") == ("EUU", "reio")


def test_footnotes_spacing_and_normalisation_are_stripped() -> None:
    assert resolve_code("China<superscript>4,5,6</superscript>") == ("CHN", "state")
    assert resolve_code("  Republic  of\tKorea ") == ("KOR", "state")
    assert resolve_code("Co\u0302te d\u2019Ivoire") == ("CIV", "state")  # decomposed ô, curly apostrophe
    assert resolve_code("United Kingdom of Great Britain and Northern Ireland 6 , 18 ,") == ("GBR", "state")


@pytest.mark.parametrize(
    "name",
    [
        "Korea",
        "Republic of Korae",
        "Congo (Democratic Republic)",
        "World Health Organisation of the Americas",
        "",
        "C\u00c3\u00b4te d'Ivoire",
    ],
)
def test_nothing_fuzzy_matches(name: str) -> None:
    assert resolve_code(name) is None


def test_the_ledgers_own_participants_come_first() -> None:
    ledger = [
        Participant(name="Kosovo", code="XKX"),  # a code of the ledger's own
        Participant(name="Netherlands", code="NLD"),
        Participant(name="Andean Community", code="ANC", kind="reio"),
    ]
    assert resolve_code("Kosovo", ledger) == ("XKX", "state")
    assert resolve_code("ANDEAN COMMUNITY", ledger) == ("ANC", "reio")
    assert resolve_code("Netherlands (Kingdom of the)", ledger) == ("NLD", "state")  # through the table, same code
    assert resolve_code("Kosovo") is None


def test_the_table_is_well_formed() -> None:
    table = name_table()
    assert len({entry.name for entry in table}) == len(table)
    kinds = ("state", "reio", "organization")
    assert all(re.fullmatch(r"[A-Z]{3}", entry.code) and entry.kind in kinds for entry in table)
    current = [entry.code for entry in table if entry.current]
    assert len(current) == len(set(current)), "one current name per code"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("EUU", "European Union"),
        ("NLD", "Netherlands (Kingdom of the)"),
        ("KOR", "Republic of Korea"),
        ("TZA", "United Republic of Tanzania"),
        ("MDA", "Republic of Moldova"),
        ("GBR", "United Kingdom of Great Britain and Northern Ireland"),
        ("USA", "United States of America"),
        ("VNM", "Viet Nam"),
        ("dza", "Algeria"),
    ],
)
def test_depositary_names_for_codes(code: str, name: str) -> None:
    assert depositary_name(code) == name
    assert resolve_code(name) == (code.upper(), "reio" if code == "EUU" else "state")


def test_an_unknown_code_has_no_name() -> None:
    assert depositary_name("QQQ") is None


def test_international_organizations_have_stable_codes_that_are_no_iso_code() -> None:
    import pycountry

    iso = {c.alpha_3 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.historic_countries}
    organizations = [entry for entry in name_table() if entry.kind == "organization"]
    assert len({entry.code for entry in organizations}) >= 25
    assert not [entry.code for entry in organizations if entry.code in iso]
    assert resolve_code("World Health Organization") == ("WHO", "organization")
    assert resolve_code("United Nations Educational, Scientific and Cultural Organization") == ("UNE", "organization")
    assert resolve_code("ICPO-INTERPOL") == resolve_code("International Criminal Police Organization")
    assert resolve_code("International Labour Organisation") == ("ILO", "organization")
