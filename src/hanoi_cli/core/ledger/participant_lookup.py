"""Which participant a person means: one resolution for ``hanoi record`` and ``hanoi project --assume``.

People type "Iran", "UK", "russia", "vnm" or "Saint Vincent"; ledgers write the depositary's names
("Iran (Islamic Republic of)", "United Kingdom of Great Britain and Northern Ireland"). A query is
tried, case- and accent-insensitively, against, in order:

1. the ledger's codes;
2. the ledger's names, whole, then the part before " (" ("Iran" for "Iran (Islamic Republic of)");
3. an ISO 3166-1 country: the shipped alias table below and the UN's names (``un_names``), then
   pycountry's alpha-2 and alpha-3 codes,
   name, official name and common name (and ISO's inverted names turned round: "Korea, Republic of"
   is "Republic of Korea"), exact matches only. A country found this way is the ledger's
   participant with that code, or else a participant not in the ledger (``code`` is set);
4. word prefixes of the ledger's names ("Bosnia", "Saint Vin"), anchored at the first word.

The first step that finds anything decides: one participant is found; several are ``candidates``
and the caller lists them and changes nothing. Nothing is ever a fuzzy match (pycountry's
``search_fuzzy`` maps "Republic of Korea" to the DPRK): close names are only ``suggestions``.
pycountry is imported at step 3, so a code or a name as the ledger writes it costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from hanoi_cli.core.ledger.names import name_key
from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem
from hanoi_cli.core.ledger.un_names import depositary_name, table_by_key

# What people call countries that neither ISO's names nor the UN's (``un_names``) cover. Keys are
# ``name_key`` forms; the UN's own spellings, current and former, come from the shared table.
ALIASES: dict[str, str] = {
    "russia": "RUS",
    "uk": "GBR",
    "great britain": "GBR",
    "britain": "GBR",
    "us": "USA",
    "usa": "USA",
    "america": "USA",
    "north korea": "PRK",
    "dprk": "PRK",
    "south korea": "KOR",
    "laos": "LAO",
    "lao pdr": "LAO",
    "vietnam": "VNM",
    "ivory coast": "CIV",
    "burma": "MMR",
    "macedonia": "MKD",
    "east timor": "TLS",
    "vatican": "VAT",
    "drc": "COD",
    "dr congo": "COD",
    "congo-kinshasa": "COD",
    "congo-brazzaville": "COG",
    "republic of the congo": "COG",
    "micronesia": "FSM",
    "brunei": "BRN",
    "uae": "ARE",
    "emirates": "ARE",
    "holland": "NLD",
    "the netherlands": "NLD",
    "the bahamas": "BHS",
    "the gambia": "GMB",
    "st kitts and nevis": "KNA",
    "st lucia": "LCA",
    "st vincent and the grenadines": "VCT",
    "palestine": "PSE",
}


@dataclass(frozen=True)
class Resolution:
    """What a query names: one participant (``index``), several (``candidates``), or none."""

    query: str
    index: Optional[int] = None  # position of the participant found in the ledger
    candidates: tuple[int, ...] = ()  # positions of the participants it could be (more than one)
    code: Optional[str] = None  # the ISO alpha-3 code it names, when that participant is not in the ledger
    suggestions: tuple[str, ...] = ()  # close names in the ledger, for "did you mean"

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def _name_and_code(participant: Any) -> tuple[str, str]:
    """A ``Participant`` or a mapping (the editing commands' YAML) as ``(name, code)``."""
    if isinstance(participant, Mapping):
        return str(participant.get("name", "") or ""), str(participant.get("code", "") or "")
    return str(participant.name), str(participant.code)


def short_name(name: str) -> str:
    """The part before " (": "Iran" for "Iran (Islamic Republic of)"."""
    return name.split(" (", 1)[0]


def _decided(query: str, positions: list[int]) -> Optional[Resolution]:
    """What one step found: nothing (None, so the next step is tried), one participant, or several."""
    unique = tuple(dict.fromkeys(positions))
    if not unique:
        return None
    if len(unique) == 1:
        return Resolution(query, index=unique[0])
    return Resolution(query, candidates=unique)


def resolve(query: str, participants: Sequence[Any]) -> Resolution:
    """Which of ``participants`` (``Participant`` objects or mappings) ``query`` names."""
    text = " ".join(query.split())
    if not text:
        return Resolution(query)
    entries = [_name_and_code(participant) for participant in participants]
    wanted = name_key(text)

    by_code = [index for index, (_, code) in enumerate(entries) if code.upper() == text.upper()]
    found = _decided(query, by_code)
    if found is None:
        found = _decided(query, [i for i, (name, _) in enumerate(entries) if name_key(name) == wanted])
    if found is None:
        found = _decided(query, [i for i, (name, _) in enumerate(entries) if name_key(short_name(name)) == wanted])
    if found is not None:
        return found

    country = country_code(text)
    if country is not None:
        in_ledger = [index for index, (_, code) in enumerate(entries) if code.upper() == country]
        return _decided(query, in_ledger) or Resolution(query, code=country)

    words = wanted.split()
    prefixed = [
        index
        for index, (name, _) in enumerate(entries)
        if _words_start(name_key(name).split(), words) or _words_start(name_key(short_name(name)).split(), words)
    ]
    found = _decided(query, prefixed)
    if found is not None:
        return found
    return Resolution(query, suggestions=_suggestions(text, [name for name, _ in entries]))


def _words_start(name_words: list[str], query_words: list[str]) -> bool:
    """Each query word begins the name's word at the same place: "saint vin" fits "saint vincent and ..."."""
    if not query_words or len(query_words) > len(name_words):
        return False
    return all(name_word.startswith(query_word) for name_word, query_word in zip(name_words, query_words))


def _suggestions(text: str, names: list[str]) -> tuple[str, ...]:
    import difflib

    keyed: dict[str, str] = {}
    for name in names:
        keyed.setdefault(name_key(name), name)
        keyed.setdefault(name_key(short_name(name)), name)
    close = difflib.get_close_matches(name_key(text), list(keyed), n=3, cutoff=0.6)
    return tuple(dict.fromkeys(keyed[key] for key in close))


def country_code(text: str) -> Optional[str]:
    """The ISO 3166-1 alpha-3 code ``text`` names exactly (alias, code, name, official or common
    name, any case and accents), or None. Never a fuzzy match."""
    key = name_key(text)
    if key in ALIASES:
        return ALIASES[key]
    known = table_by_key().get(key)  # the UN's spellings, current and former
    if known is not None and known[1] == "state":
        return known[0]
    import pycountry

    if len(key) in (2, 3) and key.isalpha() and key.isascii():
        if len(key) == 2:
            country = pycountry.countries.get(alpha_2=key.upper())
        else:
            country = pycountry.countries.get(alpha_3=key.upper())
        return country.alpha_3 if country is not None else None
    return iso_name_code(key)


def iso_name_code(key: str) -> Optional[str]:
    """The alpha-3 code of the country whose ISO name, official name or common name has this
    ``name_key`` (a leading "the" aside; ISO's inverted names also turned round), or None."""
    return _iso_names().get(key.removeprefix("the "))


def _iso_names() -> dict[str, str]:
    """Every ISO name of every country (``name_key`` form, without a leading "the") to its alpha-3
    code: written out as data (``iso_names``), so matching a name never imports pycountry."""
    from hanoi_cli.core.ledger.iso_names import ISO_NAMES

    return ISO_NAMES


def iso_names_from_pycountry() -> dict[str, str]:
    """``iso_names.ISO_NAMES`` as pycountry gives it: what a test compares the data with."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if not value:
                continue
            names.setdefault(name_key(value).removeprefix("the "), country.alpha_3)
            head, comma, tail = value.partition(", ")
            if comma:  # "Korea, Republic of" is also "Republic of Korea"
                names.setdefault(name_key(f"{tail} {head}").removeprefix("the "), country.alpha_3)
    return names


# The name a new participant gets: the UN's current short name, else ISO's (``un_names``).
un_short_name = depositary_name


def unknown(resolution: Resolution) -> str:
    """Why a query names nobody: neither a participant nor a country, with "did you mean"."""
    close = resolution.suggestions
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
    return f"no participant is named or coded {resolution.query!r}, and no country has that name{hint}"


def ambiguity(resolution: Resolution, participants: Sequence[Any], limit: int = 8) -> str:
    """``'Niger' could be Niger (NER), Nigeria (NGA): ...``: what is said of an ambiguous query."""
    shown = ["{} ({})".format(*_name_and_code(participants[index])) for index in resolution.candidates[:limit]]
    more = len(resolution.candidates) - limit
    listed = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
    return f"{resolution.query!r} could be {listed}: give the code or the full name"


def refuse_if_ambiguous(resolution: Resolution, participants: Sequence[Any], file: str) -> None:
    """An ambiguous query is a usage error (exit 2) listing the candidates: nothing is changed."""
    if resolution.ambiguous:
        problem = Problem("ambiguous-participant", ambiguity(resolution, participants), file)
        raise LedgerError([problem], ExitCode.USAGE)
