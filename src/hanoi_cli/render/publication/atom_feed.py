"""The feed of a treaty's changes as Atom (RFC 4287), written with the standard library.

Ids are ``urn:uuid:`` names derived (UUID 5) from each item's stable key, so a feed reader sees an
event once however often the feed is rebuilt; times are the event's day at midnight UTC; text is
escaped by ElementTree, so a participant's name is never markup.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Optional

from hanoi_cli import __version__
from hanoi_cli.core.payloads.feed import FeedItem, badge, feed_items
from hanoi_cli.core.rules.engine import Evaluation
from hanoi_cli.render.publication.sources import is_link, readable_treaty_page

if TYPE_CHECKING:
    from hanoi_cli.core.payloads.localized import Words

ATOM = "http://www.w3.org/2005/Atom"
HANOI_URL = "https://pypi.org/project/hanoi-cli/"


def stable_id(key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"hanoi:{key}").urn


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: Optional[str] = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def render_feed(
    evaluation: Evaluation,
    *,
    page_url: Optional[str] = None,
    feed_url: Optional[str] = None,
    words: Optional[Words] = None,
) -> tuple[bytes, int]:
    """The Atom document of the evaluation's feed items, and how many entries it has (``words``:
    in the language of ``--lang``; ids, dates and categories never change)."""
    items = feed_items(evaluation, words)
    return atom_document(evaluation, items, page_url=page_url, feed_url=feed_url, words=words), len(items)


def render_badge(evaluation: Evaluation) -> tuple[bytes, str]:
    """The shields.io endpoint JSON, and its message ("3/40")."""
    import json

    numbers = badge(evaluation)
    return (json.dumps(numbers) + "\n").encode("utf-8"), str(numbers["message"])


def _add_heading(feed: ET.Element, evaluation: Evaluation, words: Optional[Words]) -> None:
    """The feed's title and subtitle, in the language of ``words`` (with its ``xml:lang``)."""
    treaty = evaluation.treaty
    if words is None:
        _add(feed, "title", f"{treaty.display_title} ({treaty.id}): signatures, ratifications and entry into force")
        _add(
            feed,
            "subtitle",
            f"{evaluation.counted_instruments} of {evaluation.threshold} counted instruments as of "
            f"{evaluation.as_of.isoformat()}; one entry per event in the ledger.",
        )
    else:
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", words.lang)
        _add(
            feed,
            "title",
            words.tr(
                "{title} ({id}): signatures, ratifications and entry into force",
                title=words.title(treaty),
                id=treaty.id,
            ),
        )
        _add(
            feed,
            "subtitle",
            words.tr(
                "{count} as of {date}; one entry per event in the ledger.",
                count=words.feed_running(evaluation.counted_instruments, evaluation.threshold),
                date=evaluation.as_of.isoformat(),
            ),
        )


def atom_document(
    evaluation: Evaluation,
    items: Sequence[FeedItem],
    *,
    page_url: Optional[str] = None,
    feed_url: Optional[str] = None,
    words: Optional[Words] = None,
) -> bytes:
    """The Atom document: the feed's id, title, updated, author and links, then one entry per item."""
    ET.register_namespace("", ATOM)
    treaty = evaluation.treaty
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", stable_id(f"{treaty.id}/feed"))
    _add_heading(feed, evaluation, words)
    _add(feed, "updated", _stamp(max([item.day for item in items], default=evaluation.as_of)))
    author = _add(feed, "author")
    _add(author, "name", "hanoi")
    _add(feed, "generator", "hanoi", uri=HANOI_URL, version=__version__)
    if page_url:
        _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    if feed_url:
        _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    for item in items:
        entry = _add(feed, "entry")
        _add(entry, "id", stable_id(item.key))
        _add(entry, "title", item.title)
        _add(entry, "updated", _stamp(item.day))
        _add(entry, "published", _stamp(item.day))
        _add(entry, "category", term=item.kind)
        links = [source for source in item.sources if is_link(source)]
        if links:
            _add(entry, "link", rel="alternate", href=readable_treaty_page(links[0], treaty.id))
        elif page_url:
            _add(entry, "link", rel="alternate", type="text/html", href=page_url)
        cited = "; ".join(item.sources)
        if words is None:
            summary = item.summary + (f" Source: {cited}." if cited else " No source recorded.")
        elif cited:
            summary = words.tr("{summary} Source: {sources}.", summary=item.summary, sources=cited)
        else:
            summary = words.tr("{summary} No source recorded.", summary=item.summary)
        _add(entry, "summary", summary, type="text")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
