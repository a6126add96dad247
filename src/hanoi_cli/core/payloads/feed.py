"""What a feed of a treaty's changes says: one item per event, and the numbers of a status badge.

Events are the timeline's (signatures, domestic approvals, deposits, denunciations, denunciations
taking effect, entry into force) plus two a reader follows a treaty for: the day the threshold
was reached (with the date of entry into force it sets) and the signature window closing (an item
in its last 30 days, and one when it has closed). Each item has a key made only of the treaty,
the kind of event, the participant's code and the date, so the same event keeps the same id in
every build of the feed, and each carries the running count and its sources.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Optional

from hanoi_cli.core.ledger.evidence import depositary_hosts, evidence_of, notification_url
from hanoi_cli.core.ledger.wording import long_date, ordinal, plural
from hanoi_cli.core.payloads.status import sources
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome
from hanoi_cli.core.rules.timeline import events

if TYPE_CHECKING:
    from hanoi_cli.core.payloads.localized import Words

WINDOW_NOTICE = timedelta(days=30)  # how long before the signature window closes the feed says so


@dataclass(frozen=True)
class FeedItem:
    key: str  # stable: treaty/kind/code/date
    day: date
    kind: str
    title: str
    summary: str
    counted_instruments: int  # the running count after this event
    sources: tuple[str, ...] = ()


def _count(evaluation: Evaluation, count: int) -> str:
    return f"{count} of {evaluation.threshold} counted instruments"


def feed_items(evaluation: Evaluation, words: Optional[Words] = None) -> list[FeedItem]:
    """Every event up to the evaluation's date, newest first (on one day: the later kind first);
    with ``words`` (``--lang``) the titles and summaries in that language, keys unchanged."""
    treaty = evaluation.treaty
    by_code = {party.participant.code: party for party in evaluation.parties}
    hosts = depositary_hosts(treaty)
    items: list[FeedItem] = []
    for event in events(evaluation):
        if event.day > evaluation.as_of:
            continue
        party = by_code.get(event.code)
        cited = _cited(party, event.event, hosts) if party is not None else ()
        running = _count(evaluation, event.counted_instruments)
        title, summary = _words(event.event, event.name, event.detail, treaty.display_title, event.day)
        if words is None:
            title = f"{title} ({running})" if event.event == "deposit" else title
            summary = f"{summary} Running count: {running}."
        else:
            running = words.feed_running(event.counted_instruments, evaluation.threshold)
            name = words.name(party.participant) if party is not None else ""
            instrument = party.instrument if party is not None else None
            counted = party.counted if party is not None else True
            title, summary = words.feed_event(event.event, treaty, name, event.day, instrument, event.detail, counted)
            title = words.feed_item_title(title, running) if event.event == "deposit" else title
            summary = words.feed_item_summary(summary, running)
        items.append(
            FeedItem(
                key=f"{treaty.id}/{event.event}/{event.code or treaty.id}/{event.day.isoformat()}",
                day=event.day,
                kind=event.event,
                title=title,
                summary=summary,
                counted_instruments=event.counted_instruments,
                sources=cited,
            )
        )
    extra = _threshold_item(evaluation) + _window_items(evaluation)
    if words is not None:
        extra = [_localized(item, evaluation, words) for item in extra]
    items += extra
    order = {item.key: index for index, item in enumerate(items)}
    return sorted(items, key=lambda item: (item.day, order[item.key]), reverse=True)


def _cited(party: PartyOutcome, kind: str, hosts: frozenset[str]) -> tuple[str, ...]:
    """The sources of the fact behind an event: the fact's own (and its depositary notification)
    where the ledger gives them, else the participant's."""
    action = {"deposit": party.instrument, "withdrawal": "denunciation"}.get(kind, kind)
    if not action:
        return tuple(sources(party.participant))
    evidence = evidence_of(party.participant, action, hosts)
    cited = list(evidence.sources)
    if evidence.notification:
        cited.append(notification_url(evidence.notification) or evidence.notification)
    return tuple(dict.fromkeys(cited))


def _words(kind: str, name: str, detail: str, title: str, day: date) -> tuple[str, str]:
    on = long_date(day)
    if kind == "signature":
        span = f" (on a day between {detail.replace('/', ' and ')})" if detail else ""
        return f"{name} signs the {title}", f"{name} signed the {title} on {on}{span}."
    if kind == "domestic_approval":
        return (
            f"{name} approves the {title} at home",
            f"{name}'s domestic approval of the {title} on {on}; not a deposit, so it does not count yet.",
        )
    if kind == "deposit":
        return (
            f"{name} deposits its {detail}",
            f"{name} deposited its {detail} of the {title} with the depositary on {on}.",
        )
    if kind == "denunciation":
        return f"{name} denounces the {title}", f"{name} notified its denunciation of the {title} on {on}."
    if kind == "withdrawal":
        return f"{name}'s denunciation takes effect", f"{name}'s denunciation of the {title} took effect on {on}."
    return f"The {title} enters into force", f"The {title} entered into force on {on}."


def _threshold_item(evaluation: Evaluation) -> list[FeedItem]:
    day = evaluation.threshold_date
    if day is None or day > evaluation.as_of:
        return []
    treaty = evaluation.treaty
    ordinal_words = f"the {ordinal(evaluation.threshold_ordinal)} " if evaluation.threshold_ordinal else "the "
    when = (
        f"; the {treaty.display_title} enters into force on {long_date(evaluation.entry_into_force)}"
        if evaluation.entry_into_force is not None
        else ""
    )
    return [
        FeedItem(
            key=f"{treaty.id}/threshold_reached/{treaty.id}/{day.isoformat()}",
            day=day,
            kind="threshold_reached",
            title=f"Threshold reached: {evaluation.threshold} counted instruments",
            summary=f"With {ordinal_words}counted instrument, deposited on {long_date(day)}, the threshold of "
            f"{evaluation.threshold} is reached{when}.",
            counted_instruments=evaluation.threshold_ordinal or evaluation.threshold,
            sources=tuple(
                url
                for party in evaluation.threshold_parties
                for url in _cited(party, "deposit", depositary_hosts(treaty))
            ),
        )
    ]


def _window_items(evaluation: Evaluation) -> list[FeedItem]:
    treaty = evaluation.treaty
    window = treaty.signature
    if window is None or window.closes is None:
        return []
    closes, as_of = window.closes, evaluation.as_of
    count = evaluation.counted_instruments
    items = []
    if closes - WINDOW_NOTICE <= as_of <= closes:
        left = (closes - as_of).days
        items.append(
            FeedItem(
                key=f"{treaty.id}/signature_window_closing/{treaty.id}/{closes.isoformat()}",
                day=as_of,
                kind="signature_window_closing",
                title=f"The {treaty.display_title} closes for signature on {long_date(closes)}",
                summary=f"{plural(left, 'day')} left to sign the {treaty.display_title}: it is open for signature "
                f"until {long_date(closes)}; afterwards States join by accession. "
                f"{evaluation.signatories} signatories so far.",
                counted_instruments=count,
            )
        )
    if as_of > closes:
        items.append(
            FeedItem(
                key=f"{treaty.id}/signature_window_closed/{treaty.id}/{closes.isoformat()}",
                day=closes + timedelta(days=1),
                kind="signature_window_closed",
                title=f"The {treaty.display_title} is closed for signature",
                summary=f"The {treaty.display_title} was open for signature until {long_date(closes)}, with "
                f"{evaluation.signatories} signatories; States now join by accession.",
                counted_instruments=count,
            )
        )
    return items


def badge(evaluation: Evaluation, label: Optional[str] = None) -> dict[str, object]:
    """A shields.io endpoint document: "ratifications 3/40", blue while counting, green once in force."""
    colour = {"in_force": "brightgreen", "pending": "green"}.get(evaluation.status, "blue")
    if evaluation.counted_instruments == 0 and evaluation.status == "not_reached":
        colour = "lightgrey"
    return {
        "schemaVersion": 1,
        "label": label or "ratifications",
        "message": f"{evaluation.counted_instruments}/{evaluation.threshold}",
        "color": colour,
    }


def _localized(item: FeedItem, evaluation: Evaluation, words: Words) -> FeedItem:
    """A threshold or signature-window item's title and summary in the language of ``words``."""
    window = evaluation.treaty.signature
    closes = window.closes if window is not None else None
    if item.kind == "threshold_reached":
        title, summary = words.feed_threshold(evaluation, item.day)
    elif item.kind == "signature_window_closing" and closes is not None:
        title, summary = words.feed_window_closing(evaluation, closes)
    elif item.kind == "signature_window_closed" and closes is not None:
        title, summary = words.feed_window_closed(evaluation, closes)
    else:
        return item
    return replace(item, title=title, summary=summary)
