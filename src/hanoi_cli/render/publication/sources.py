"""Sources as a reader sees them: a short label for a web address, and the credit line of a picture.

A page that prints full URLs as link text runs off a phone's screen; a label ("UN Treaty
Collection", "verdragen.nl") wraps and still links to the whole address.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Optional
from urllib.parse import urlsplit

from hanoi_cli import __version__

if TYPE_CHECKING:
    from hanoi_cli.core.payloads.localized import Words

WEB_SCHEMES = ("https://", "http://")
# Hosts whose owners readers know by name.
KNOWN_HOSTS = {
    "treaties.un.org": "UN Treaty Collection",
    "www.unodc.org": "UNODC",
    "unodc.org": "UNODC",
    "news.un.org": "UN News",
    "press.un.org": "UN press release",
    "www.un.org": "United Nations",
    "eur-lex.europa.eu": "EUR-Lex",
    "www.consilium.europa.eu": "Council of the EU",
}


def is_link(text: Optional[str]) -> bool:
    return bool(text and text.strip().startswith(WEB_SCHEMES))


def short_label(source: str) -> str:
    """A web address as its site's name (known hosts by their owner, others by host without www.);
    any other text as it is."""
    if not is_link(source):
        return source
    try:
        host = (urlsplit(source.strip()).hostname or "").lower()
    except ValueError:
        return source
    if not host:
        return source
    return KNOWN_HOSTS.get(host, host.removeprefix("www."))


def credit_line(ledger_name: str, treaty_source: Optional[str], as_of: date, words: Optional[Words] = None) -> str:
    """The line printed at the foot of a chart or map: where the data come from, as of when, made
    with what; in the language of ``words`` (English without)."""
    from hanoi_cli.render.chart_image import translator

    tr = translator(words)
    where = f"{ledger_name} ({short_label(treaty_source)})" if treaty_source else ledger_name
    return tr(
        "Source: {where} · as of {date} · made with hanoi {version}",
        where=where,
        date=as_of.isoformat(),
        version=__version__,
    )


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> Optional[int]:
    total = 0
    for index, letter in enumerate(text):
        value = _ROMAN.get(letter)
        if value is None:
            return None
        following = _ROMAN.get(text[index + 1]) if index + 1 < len(text) else 0
        total += -value if following and following > value else value
    return total or None


def readable_treaty_page(source: str, treaty_id: str) -> str:
    """The UN Treaty Collection's page for people when ``source`` is its raw status XML (the
    MTDSG ``…/XVIII-16.en.xml``); any other source as it is."""
    if not is_link(source) or "treaties.un.org" not in source or not source.lower().endswith(".xml"):
        return source
    chapter = _roman(treaty_id.split("-", 1)[0])
    if chapter is None:
        return source
    return f"https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={treaty_id}&chapter={chapter}&clang=_en"
