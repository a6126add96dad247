"""Render one or more ledgers as a single self-contained HTML page (``hanoi report``).

Jinja2 (an optional extra, like matplotlib: ``hanoi-cli[charts]``) fills the templates shipped in
``render/templates/`` with autoescaping on, so a participant named ``<img src=x onerror=...>``
is text. The page fetches nothing: its style is inline, each chart and map is inline SVG, there
is no script and no web font; links go only to the ledger's sources. What the page says about a
treaty comes from the same functions as ``hanoi status`` (headline numbers, sentence, flags).

Its order is a reader's: the answer (how many of how many, when, the signature window, how old
the record is), then the chart, the map and the participants; sources are short labels that
link to the whole address and are numbered, so print lists them as footnotes. With
``fragment=True`` the same block comes without the page around it, its style scoped to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from hanoi_cli import __version__
from hanoi_cli.core.ledger.instruments import INSTRUMENT_LABELS
from hanoi_cli.core.ledger.models import Participant
from hanoi_cli.core.ledger.wording import iso, long_date, plural
from hanoi_cli.core.payloads.evidence import evidence_sentence, freshness
from hanoi_cli.core.payloads.status import (
    STATUS_LABELS,
    coverage_sentence,
    flags,
    participant_record,
    shows_evidence,
    sources,
    status_sentence,
)
from hanoi_cli.core.rules.chart_data import Band
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome
from hanoi_cli.render.publication.sources import WEB_SCHEMES, is_link, readable_treaty_page, short_label
from hanoi_cli.render.publication.world_map import legend_css

if TYPE_CHECKING:
    from hanoi_cli.core.commands.publish import Published
    from hanoi_cli.core.payloads.localized import Words


class TemplatesUnavailable(Exception):
    """Jinja2 is not installed: the message says how to install it."""


@dataclass(frozen=True)
class TreatyPage:
    """One treaty's section: its evaluation, its chart (inline SVG text), its header notes, its forecast."""

    evaluation: Evaluation
    chart_svg: str
    header: tuple[str, ...] = ()
    source_name: str = ""
    forecast_sentence: Optional[str] = None
    forecast_notes: tuple[str, ...] = ()
    chart_svg_narrow: str = ""  # the compact picture shown on phones
    fan_svg: str = ""  # the forecast's fan (with --forecast, while the threshold is ahead)
    fan_svg_narrow: str = ""
    map_svg: str = ""
    map_legend: tuple[tuple[str, str], ...] = ()  # (class, label)
    map_apart: tuple[str, ...] = ()  # REIOs, shown apart
    not_on_map: Optional[str] = None
    map_disclaimer: str = ""
    forecast_band: Optional[Band] = None
    latest_event: Optional[date] = None


class Footnotes:
    """Numbers for web sources, in the order the page first cites them (one number per address)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def number(self, url: str) -> int:
        return self.numbers.setdefault(url, len(self.numbers) + 1)

    def listed(self) -> list[dict[str, Any]]:
        return [{"number": number, "href": url, "label": short_label(url)} for url, number in self.numbers.items()]


def treaty_page(item: Published, index: int, *, with_map: bool = True, words: Optional[Words] = None) -> TreatyPage:
    """One treaty's section from a ledger loaded for publishing: its charts (wide and for phones),
    its map, its header notes, its forecast and the day of its latest event (``index`` numbers the
    pictures' ids, so several treaties share a page)."""
    from hanoi_cli.core.reading.header_comment import header_comment
    from hanoi_cli.core.rules.timeline import events
    from hanoi_cli.render.chart_image import PHONE, inline_svg, lettering, render_chart
    from hanoi_cli.render.publication.sources import credit_line

    evaluation = item.evaluation
    # the pictures in the page's language where matplotlib can letter it (else English: lettering)
    drawn = lettering(words).words
    credit = credit_line(Path(item.name).name, evaluation.treaty.source, evaluation.as_of, words=drawn)
    number = index + 1
    wide = render_chart([item.chart], "svg", svg_id=f"chart-{number}", source_line=credit, words=drawn)
    narrow = render_chart(
        [item.chart], "svg", svg_id=f"chart-{number}-narrow", size=PHONE, source_line=credit, words=drawn
    )
    happened = [event.day for event in events(evaluation) if event.day <= evaluation.as_of]
    sentence: Optional[str] = None
    notes: tuple[str, ...] = ()
    fans: dict[str, Any] = {}
    if item.forecast is not None:
        from hanoi_cli.core.payloads.projection import forecast_sentence

        sentence = forecast_sentence(item.forecast) if words is None else words.forecast_sentence(item.forecast)
        notes = tuple(item.forecast.notes)
        if item.forecast.draws:
            from hanoi_cli.render.fan_chart import render_fan

            fans = {
                "fan_svg": inline_svg(
                    render_fan(item.forecast, "svg", svg_id=f"fan-{number}", source_line=credit, words=drawn)
                ),
                "fan_svg_narrow": inline_svg(
                    render_fan(
                        item.forecast, "svg", svg_id=f"fan-{number}-narrow", size=PHONE, source_line=credit, words=drawn
                    )
                ),
            }
    return TreatyPage(
        evaluation=evaluation,
        chart_svg=inline_svg(wide),
        chart_svg_narrow=inline_svg(narrow),
        header=header_comment(item.text),
        source_name=Path(item.name).name,
        forecast_sentence=sentence,
        forecast_notes=tuple(notes),
        forecast_band=item.chart.band if item.chart.forecasts else None,
        latest_event=max(happened, default=None),
        **fans,
        **(_map_parts(evaluation, number, words) if with_map else {}),
    )


def _map_parts(evaluation: Evaluation, number: int, words: Optional[Words] = None) -> dict[str, Any]:
    """The map (without its legend, which the page writes in HTML), its legend and its notes."""
    from hanoi_cli.core.rules.map_status import map_standings
    from hanoi_cli.render.publication import world_map

    standings = map_standings(evaluation)
    plan = world_map.plan(standings)
    return {
        "map_svg": world_map.render_map_svg(
            standings, title=world_map.map_title(evaluation, words), svg_id=f"map-{number}", legend=False
        ),
        "map_legend": tuple(world_map.legend_classes(plan, words)),
        "map_apart": tuple(world_map.reio_line(reio, words) for reio in plan.reios),
        "not_on_map": world_map.not_on_map_line(plan, words),
        "map_disclaimer": world_map.disclaimer(words),
    }


def sources_of(
    participant: Participant, notes: Optional[Footnotes] = None, facts: Optional[dict[str, Any]] = None
) -> list[dict[str, Any]]:
    """A participant's sources (one text or a list of them) and, given ``facts`` (the
    ``facts`` of its record), each fact's own sources and depositary notification, once each: a
    web address gets ``href``, a short ``text`` label and, given ``notes``, its footnote number;
    other text stays as it is."""
    cited = list(sources(participant))
    notified: dict[str, Optional[str]] = {}
    for fact in (facts or {}).values():
        cited += fact.get("sources") or []
        if fact.get("notification"):
            notified[fact["notification"]] = fact.get("notification_url")
    found = []
    for item in dict.fromkeys(cited):
        link = item.startswith(WEB_SCHEMES)
        found.append(
            {
                "text": short_label(item) if link else item,
                "href": item if link else None,
                "number": notes.number(item) if link and notes is not None else None,
            }
        )
    for symbol, url in notified.items():
        safe = url if url and url.startswith(WEB_SCHEMES) else None
        found.append(
            {
                "text": f"depositary notification {symbol}",
                "href": safe,
                "number": notes.number(safe) if safe and notes is not None else None,
            }
        )
    return found


def participant_row(
    party: PartyOutcome,
    evaluation: Optional[Evaluation] = None,
    notes: Optional[Footnotes] = None,
    words: Optional[Words] = None,
) -> dict[str, Any]:
    record = participant_record(party, evaluation)
    signature = record["signature"]
    localized = {}
    if words is not None and evaluation is not None:
        instrument = record["instrument"]
        localized = {
            "name": words.name(party.participant),
            "instrument_label": words.instrument(instrument) if instrument else "",
            "flags": words.flags(party, evaluation),
        }
    return {
        **record,
        "signature_uncertain": party.signature is not None and not party.signature.exact,
        "instrument_label": INSTRUMENT_LABELS.get(record["instrument"] or "", ""),
        "flags": flags(party, evaluation),
        "signature_text": signature.replace("/", " – ") if signature else "",
        "notes": party.participant.notes,
        "sources": sources_of(party.participant, notes, record.get("facts")),
        **localized,
    }


def signature_window(evaluation: Evaluation) -> Optional[str]:
    """The signature window in words, as of the evaluation's date."""
    window = evaluation.treaty.signature
    if window is None or (window.opens is None and window.closes is None):
        return None
    as_of = evaluation.as_of
    if window.opens is not None and as_of < window.opens:
        return f"opens for signature on {long_date(window.opens)}"
    if window.closes is None:
        return "open for signature"
    if as_of > window.closes:
        return f"closed for signature on {long_date(window.closes)}"
    left = (window.closes - as_of).days
    return f"open for signature until {long_date(window.closes)} ({plural(left, 'day')} left)"


def months_until(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end``, rounded (a forecast is no more precise than that)."""
    return max(0, round((end - start).days / 30.44))


def record_age(latest: Optional[date], as_of: date) -> str:
    if latest is None:
        return "no event recorded yet"
    days = (as_of - latest).days
    ago = "the same day" if days == 0 else f"{plural(days, 'day')} before this date"
    return f"latest recorded event {long_date(latest)} ({ago})"


def entry_into_force_words(page: TreatyPage) -> str:
    """The answer's second line: the date of entry into force, or the forecast in months, or what is missing."""
    evaluation = page.evaluation
    if evaluation.entry_into_force is not None:
        when = long_date(evaluation.entry_into_force)
        return f"in force since {when}" if evaluation.status == "in_force" else f"enters into force on {when}"
    band = page.forecast_band
    if band is not None:
        from hanoi_cli.core.rules.engine import treaty_date

        rule = evaluation.treaty.entry_into_force

        def months(threshold_day: date) -> int:  # to the entry into force that a threshold on that day sets
            return months_until(evaluation.as_of, treaty_date(rule, threshold_day))

        beyond = " or later" if band.open_ended else ""
        return (
            f"not yet in force; forecast: in about {plural(months(band.median), 'month')} "
            f"(80% band: {months(band.low)} to {months(band.high)} months{beyond})"
        )
    return f"not yet in force: {plural(evaluation.needed, 'more counted instrument')} needed"


def localized_answer(page: TreatyPage, words: Words) -> dict[str, Any]:
    """What the answer and the headings say in the language of ``--lang`` (``words``): the same
    facts as ``treaty_context``'s English, from the catalogues."""
    tr = words.tr
    evaluation = page.evaluation
    treaty = evaluation.treaty
    fresh = freshness(evaluation)
    window_words = _localized_window(evaluation, words)
    as_of = evaluation.as_of
    if page.latest_event is None:
        age = tr("no event recorded yet")
    else:
        days = (as_of - page.latest_event).days
        ago = (
            tr("the same day")
            if days == 0
            else tr.plural("{n} day before this date", "{n} days before this date", days)
        )
        age = tr("latest recorded event {date} ({ago})", date=tr.long_date(page.latest_event), ago=ago)
    counted_word = tr("Counted instruments")
    return {
        "title": words.title(treaty),
        "full_title": words.long_title(treaty),
        "status": words.status_label(evaluation.status, treaty),
        "sentence": words.status_sentence(evaluation),
        "coverage": words.coverage(evaluation),
        "evidence": words.evidence(evaluation) if shows_evidence(evaluation) else None,
        "freshness": words.freshness(evaluation),
        "stale": (
            tr(
                "older than {limit} days, this answer may be out of date; the record is refreshed with hanoi sync.",
                limit=fresh["limit_days"],
            )
            if fresh["stale"]
            else None
        ),
        "eif_words": _localized_eif(page, words),
        "window": window_words,
        "record_age": age,
        "counted_word": counted_word[:1].lower() + counted_word[1:],
        "participants_text": tr.plural(
            "{n} participant in the ledger", "{n} participants in the ledger", len(evaluation.parties)
        ),
        # The big figures stay in Western digits: display fonts lack the Arabic-Indic ones.
        "counted_text": str(evaluation.counted_instruments),
        "threshold_text": str(evaluation.threshold),
    }


def _localized_window(evaluation: Evaluation, words: Words) -> Optional[str]:
    """``signature_window`` in the language of ``words``."""
    tr = words.tr
    gender = words.gender(evaluation.treaty)  # "ouverte" for a Convention, "ouvert" for a Protocol
    window = evaluation.treaty.signature
    as_of = evaluation.as_of
    if window is None or (window.opens is None and window.closes is None):
        return None
    if window.opens is not None and as_of < window.opens:
        return tr.agree(gender, "opens for signature on {date}", date=tr.long_date(window.opens))
    if window.closes is None:
        return tr.agree(gender, "open for signature")
    if as_of > window.closes:
        return tr.agree(gender, "closed for signature on {date}", date=tr.long_date(window.closes))
    return tr.agree_plural(
        gender,
        "open for signature until {date} ({n} day left)",
        "open for signature until {date} ({n} days left)",
        (window.closes - as_of).days,
        date=tr.long_date(window.closes),
    )


def _localized_eif(page: TreatyPage, words: Words) -> str:
    tr = words.tr
    evaluation = page.evaluation
    if evaluation.entry_into_force is not None:
        when = tr.long_date(evaluation.entry_into_force)
        if evaluation.status == "in_force":
            return tr("in force since {date}", date=when)
        return tr("enters into force on {date}", date=when)
    band = page.forecast_band
    if band is not None:
        from hanoi_cli.core.rules.engine import treaty_date

        rule = evaluation.treaty.entry_into_force

        def months(threshold_day: date) -> int:
            return months_until(evaluation.as_of, treaty_date(rule, threshold_day))

        values = {"low": months(band.low), "high": months(band.high), "share": tr.percent("80%")}
        if band.open_ended:
            return tr.plural(
                "not yet in force; forecast: in about {n} month ({share} band: {low} to {high} months or later)",
                "not yet in force; forecast: in about {n} months ({share} band: {low} to {high} months or later)",
                months(band.median),
                **values,
            )
        return tr.plural(
            "not yet in force; forecast: in about {n} month ({share} band: {low} to {high} months)",
            "not yet in force; forecast: in about {n} months ({share} band: {low} to {high} months)",
            months(band.median),
            **values,
        )
    return tr.plural(
        "not yet in force: {n} more counted instrument needed",
        "not yet in force: {n} more counted instruments needed",
        evaluation.needed,
    )


def treaty_context(page: TreatyPage, index: int, notes: Footnotes, words: Optional[Words] = None) -> dict[str, Any]:
    evaluation = page.evaluation
    treaty = evaluation.treaty
    share = evaluation.counted_instruments / evaluation.threshold if evaluation.threshold else 0.0
    participants = [participant_row(party, evaluation, notes, words) for party in evaluation.parties]
    readable = readable_treaty_page(treaty.source, treaty.id) if treaty.source else None
    fresh = freshness(evaluation)
    return {
        "anchor": f"treaty-{index + 1}",
        "id": treaty.id,
        "title": treaty.display_title,
        "full_title": treaty.title,
        "source": treaty.source,
        "source_is_link": is_link(treaty.source),
        "source_page": readable,
        "source_label": short_label(treaty.source) if treaty.source else None,
        "ledger": page.source_name,
        "as_of": evaluation.as_of.isoformat(),
        "status": STATUS_LABELS[evaluation.status],
        "status_key": evaluation.status,
        "counted": evaluation.counted_instruments,
        "threshold": evaluation.threshold,
        "needed": evaluation.needed,
        "percent": min(100, round(100 * share)),
        "signatories": evaluation.signatories,
        "parties": evaluation.party_count,
        "threshold_date": iso(evaluation.threshold_date),
        "entry_into_force": iso(evaluation.entry_into_force),
        "sentence": status_sentence(evaluation),
        "coverage": coverage_sentence(evaluation),
        "evidence": evidence_sentence(evaluation) if shows_evidence(evaluation) else None,
        "freshness": fresh["summary"],
        "stale": (
            f"older than {fresh['limit_days']} days, this answer may be out of date; the record is refreshed with hanoi sync."
            if fresh["stale"]
            else None
        ),
        "forecast_sentence": page.forecast_sentence,
        "forecast_notes": page.forecast_notes,
        "chart_svg": page.chart_svg,
        "header": page.header,
        "participants": participants,
        "any_uncertain": any(row["signature_uncertain"] for row in participants),
        "chart_svg_narrow": page.chart_svg_narrow,
        "fan_svg": page.fan_svg,
        "fan_svg_narrow": page.fan_svg_narrow,
        "map_svg": page.map_svg,
        "map_legend": page.map_legend,
        "map_apart": page.map_apart,
        "not_on_map": page.not_on_map,
        "map_disclaimer": page.map_disclaimer,
        "eif_words": entry_into_force_words(page),
        "window": signature_window(evaluation),
        "record_age": record_age(page.latest_event, evaluation.as_of),
        "counted_word": "counted instrument" if evaluation.threshold == 1 else "counted instruments",
        "counted_text": str(evaluation.counted_instruments),
        "threshold_text": str(evaluation.threshold),
        **(localized_answer(page, words) if words is not None else {}),
    }


_URL = re.compile(r"https?://[^\s<>\"')]+[^\s<>\"').,;:]")


def linked(text: Optional[str]) -> Any:
    """``text`` escaped, with each web address in it made a link (notes quote their sources)."""
    import markupsafe

    if not text:
        return ""
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(markupsafe.escape(text[last : match.start()]))
        url = match.group(0)
        parts.append(markupsafe.Markup('<a href="{0}" rel="noopener noreferrer">{0}</a>').format(url))
        last = match.end()
    parts.append(markupsafe.escape(text[last:]))
    return markupsafe.Markup("").join(parts)


def _environment() -> Any:
    try:
        import jinja2
    except ImportError:
        from hanoi_cli.render.chart_image import charts_install_hint

        raise TemplatesUnavailable(
            f"reports need Jinja2, which is not installed; install it with: {charts_install_hint()}"
        ) from None
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        bytecode_cache=_template_cache(jinja2),
        autoescape=True,  # every template is HTML: escape whatever the ledger says
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["linked"] = linked
    return environment


def _template_cache(jinja2: Any) -> Any:
    """Compiled templates kept in hanoi's cache folder (compiling the page's template is a tenth of
    a ``report``); Jinja2 keys them on the template's source. A cache that cannot be read or
    written is only a slower run; None when caching is off."""
    from hanoi_cli.core.reading.cache import cache_dir

    found = cache_dir()
    if found is None:
        return None
    folder = found / "templates"

    class TemplateCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                super().dump_bytecode(bucket)
            except Exception:
                pass

    return TemplateCache(str(folder))


def render_page(
    pages: Sequence[TreatyPage],
    as_of: date,
    *,
    fragment: bool = False,
    feed_url: Optional[str] = None,
    words: Optional[Words] = None,
) -> str:
    """The HTML page for ``pages`` (a summary table first when there are several); ``fragment``:
    the embeddable block alone (no ``<html>``, ``<head>`` or ``<body>``)."""
    import markupsafe

    environment = _environment()
    notes = Footnotes()
    treaties = [treaty_context(page, index, notes, words) for index, page in enumerate(pages)]
    for treaty in treaties:
        for key in (
            "chart_svg",
            "chart_svg_narrow",
            "fan_svg",
            "fan_svg_narrow",
            "map_svg",
        ):  # made by hanoi, their text escaped there
            treaty[key] = markupsafe.Markup(treaty[key])
    if words is not None:
        title = words.tr(
            "{title} ({id}): status as of {date}",
            title=treaties[0]["title"] if len(treaties) == 1 else words.tr("Treaty status"),
            id=treaties[0]["id"] if len(treaties) == 1 else "",
            date=as_of.isoformat(),
        ).replace(" ()", "")
    elif len(treaties) == 1:
        title = f"{treaties[0]['title']}: status as of {as_of.isoformat()}"
    else:
        title = f"Treaty status as of {as_of.isoformat()}"
    return environment.get_template("report.html.j2").render(
        t=_page_words(words),
        date_span=lambda day: markupsafe.Markup('<span class="date">{}</span>').format(day),
        time_tag=lambda day: markupsafe.Markup('<time class="date" datetime="{0}">{0}</time>').format(day),
        code_tag=lambda text: markupsafe.Markup("<code>{}</code>").format(text),
        lang=words.lang if words is not None else "en",
        rtl=words is not None and words.tr.rtl,
        title=title,
        # the heading's date whole on a phone (never broken at its hyphens), as every date on the page
        heading=markupsafe.escape(title).replace(
            as_of.isoformat(), markupsafe.Markup('<time class="date" datetime="{0}">{0}</time>').format(as_of)
        ),
        as_of=as_of.isoformat(),
        treaties=treaties,
        version=__version__,
        footnotes=notes.listed(),
        fragment=fragment,
        feed_url=feed_url,
        map_css=markupsafe.Markup(legend_css(".hanoi-report")),
    )


def _page_words(words: Optional[Words]) -> Any:
    """The template's ``t(message, **values)``: the message in the page's language (English without
    ``--lang``), escaped, its values filled in (a value already ``Markup`` stays markup)."""
    import markupsafe

    def t(message: str, **values: Any) -> Any:
        text = message if words is None else words.tr(message)
        return markupsafe.Markup(markupsafe.escape(text)).format(**values) if values else markupsafe.escape(text)

    return t
