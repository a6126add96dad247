"""Render an ``Evaluation`` as a Rich table, JSON, CSV or Markdown.

Machine formats (JSON, CSV) carry only the payload; the table is for people on a terminal and the
Markdown for pull-request comments and reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Optional, TextIO

from hanoi_cli.core.ledger.instruments import UNTC_SYMBOLS
from hanoi_cli.core.payloads.columns import PARTICIPANT_COLUMNS
from hanoi_cli.core.payloads.evidence import evidence_filter_sentence, evidence_sentence, facts_of, freshness
from hanoi_cli.core.payloads.status import (
    INSTRUMENT_LABELS,
    REIO_IN_FULL,
    STATUS_LABELS,
    coverage_sentence,
    depositary_hosts,
    flags,
    participant_record,
    quotable_sentence,
    record_checked,
    shows_evidence,
    signature_window_phrase,
    status_payload,
    status_sentence,
)
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome
from hanoi_cli.render.formats import csv_cell, csv_text, dump_json, for_excel, md_cell, md_row, writing

if TYPE_CHECKING:
    from rich.text import Text

    from hanoi_cli.core.commands.status import Asked, StatusResult
    from hanoi_cli.core.ledger.problems import Problem
    from hanoi_cli.core.payloads.localized import Words
    from hanoi_cli.render.layout import Output

# What each evidence flag means, for the legends under the table and the Markdown.
EVIDENCE_LEGEND = {
    "official": "from a government's official text, not the depositary's record",
    "reported": "reported by the press or a secondary source only",
    "unsourced": "no source recorded for it",
}
STATUS_STYLES = {"not_reached": "yellow", "pending": "cyan", "in_force": "green"}
BAR_WIDTH = 30
HEADLINE_LINES = 8  # title, bar, counts, sentences, table head and legend: the lines around the rows


def _chosen(evaluation: Evaluation, participants: Optional[list[PartyOutcome]]) -> list[PartyOutcome]:
    return list(evaluation.parties) if participants is None else participants


def to_json(
    evaluation: Evaluation,
    participants: Optional[list[PartyOutcome]] = None,
    problems: Optional[Sequence[Problem]] = None,
    *,
    words: Optional[Words] = None,
    asked: Sequence[Asked] = (),
) -> str:
    """The payload; with ``--lang`` (``words``) it gains ``localized``, the sentences in that language;
    with ``--participant`` (``asked``) ``sentences`` and ``asked``, and ``participants`` holds only those."""
    payload = status_payload(evaluation, participants, problems)
    if asked:
        from hanoi_cli.core.payloads.localized import asked_payload, sentences

        payload["sentences"] = sentences(evaluation, tuple(asked))
        payload["asked"] = asked_payload(asked)
    if words is not None:
        from hanoi_cli.core.payloads.localized import localized_status, sentences

        payload["localized"] = localized_status(words, evaluation)
        if asked:
            payload["localized"]["sentences"] = sentences(evaluation, tuple(asked), words)
    return dump_json(payload)


def _csv_value(value: object) -> object:
    """A list (``sources``) in one cell, its items separated by spaces (URLs have none)."""
    return " ".join(csv_cell(item) for item in value) if isinstance(value, list) else value


def to_csv(evaluation: Evaluation, participants: Optional[list[PartyOutcome]] = None) -> str:
    """One row per participant; empty cells for what is not recorded; ISO dates."""
    records = (participant_record(party, evaluation) for party in _chosen(evaluation, participants))
    rows = ([_csv_value(record[column]) for column in PARTICIPANT_COLUMNS] for record in records)
    return csv_text(PARTICIPANT_COLUMNS, rows)


def _stats(evaluation: Evaluation, words: Optional[Words] = None) -> str:
    if words is None:
        line = (
            f"**{evaluation.counted_instruments} / {evaluation.threshold}** ratifications · "
            f"{evaluation.signatories} signatories · {evaluation.party_count} parties · "
            f"status: **{STATUS_LABELS[evaluation.status]}**"
        )
        window = signature_window_phrase(evaluation.treaty, evaluation.as_of)
    else:
        line = words.tr(
            "**{count} / {threshold}** ratifications · {signatories} signatories · {parties} parties · "
            "status: **{status}**",
            count=evaluation.counted_instruments,
            threshold=evaluation.threshold,
            signatories=evaluation.signatories,
            parties=evaluation.party_count,
            status=words.status_label(evaluation.status, evaluation.treaty),
        )
        window = words.window_phrase(evaluation.treaty, evaluation.as_of)
    return f"{line} · {md_cell(window)}" if window else line


def _sentences(
    evaluation: Evaluation, words: Optional[Words]
) -> tuple[str, Optional[str], Optional[str], Optional[str]]:
    """The status sentence, the evidence split, the coverage and the freshness line, in English or ``words``."""
    if words is None:
        split = evidence_sentence(evaluation) if shows_evidence(evaluation) else None
        return status_sentence(evaluation), split, coverage_sentence(evaluation), freshness(evaluation)["summary"]
    split = words.evidence(evaluation) if shows_evidence(evaluation) else None
    return words.status_sentence(evaluation), split, words.coverage(evaluation), words.freshness(evaluation)


def to_markdown(
    evaluation: Evaluation,
    participants: Optional[list[PartyOutcome]] = None,
    *,
    brief: bool = False,
    words: Optional[Words] = None,
    asked: Sequence[Asked] = (),
) -> str:
    """The headline, sentences and participant table as Markdown; with ``asked`` (``--participant``)
    each one's sentence, then only their rows."""
    sentence, split, coverage, fresh = _sentences(evaluation, words)
    lines = [f"## {_markdown_heading(evaluation, words)}", "", _stats(evaluation, words), "", md_cell(sentence), ""]
    filtered = evidence_filter_sentence(evaluation) if words is None else words.evidence_filter(evaluation)
    if filtered:  # with the counts, in a brief answer too
        lines[3:3] = ["", f"**{md_cell(filtered)}**"]
    if split:
        lines += [md_cell(split), ""]
    if fresh:
        lines += [f"_{md_cell(fresh)}_", ""]
    answers = [f"**{md_cell(line)}**" for line in _asked_sentences(evaluation, asked, words)]
    if brief:
        # The headline, the quotable sentence and, in a report, the record's age (issue 19).
        age = [f"_{md_cell(fresh)}_"] if fresh else []
        quote = answer(evaluation) if words is None else words.quotable_sentence(evaluation)
        top = lines[: 6 if filtered else 4]
        quotes = [line for one in answers for line in (one, "")][:-1] if answers else [md_cell(quote)]
        return "\n".join([*top, *quotes, *([""] + age if age else [])]) + "\n"
    if coverage:
        lines += [f"_{md_cell(coverage)}_", ""]
    for line in answers:
        lines += [line, ""]
    head: tuple[str, ...] = ("Participant", "Code", "Signature", "Instrument", "Deposited", "Entry into force", "Flags")
    if words is not None:
        head = tuple(words.heading(word) for word in head)
    lines += [md_row(list(head)), "|---|---|---|---|---|---|---|"]
    chosen = _chosen(evaluation, participants)
    records = [participant_record(party, evaluation) for party in chosen]
    for party, record in zip(chosen, records):
        instrument = record["instrument"] or ""
        cells = [
            record["name"] if words is None else words.name(party.participant),
            record["code"],
            record["signature"] or "",
            INSTRUMENT_LABELS.get(instrument, "") if words is None or not instrument else words.instrument(instrument),
            record["deposited"] or "",
            record["entry_into_force"] or "",
            ", ".join(flags(party, evaluation) if words is None else words.flags(party, evaluation)),
        ]
        lines.append(md_row(cells))
    reio = reio_legend(evaluation, chosen, words)
    if reio:
        lines += ["", f"_{md_cell(reio)}_"]
    lines += _footnotes(chosen, evaluation)
    return "\n".join(lines) + "\n"


def _markdown_heading(evaluation: Evaluation, words: Optional[Words]) -> str:
    """``Hanoi Convention (XVIII-16): status as of 2026-12-01``, in the language of ``words``."""
    treaty = evaluation.treaty
    if words is None:
        return f"{md_cell(treaty.display_title)} ({md_cell(treaty.id)}): status as of {evaluation.as_of.isoformat()}"
    return words.tr(
        "{title} ({id}): status as of {date}",
        title=md_cell(words.title(treaty)),
        id=md_cell(treaty.id),
        date=evaluation.as_of.isoformat(),
    )


def reio_legend(evaluation: Evaluation, chosen: list[PartyOutcome], words: Optional[Words] = None) -> Optional[str]:
    """``REIO`` spelled out where the reader meets the flag, and whether its instrument counts."""
    if not any(party.participant.kind == "reio" for party in chosen):
        return None
    if words is not None:
        if evaluation.treaty.entry_into_force.count_reio:
            return words.tr("REIO: regional economic integration organization.")
        return words.tr(
            "REIO: regional economic integration organization; its instrument is not counted in addition to those of "
            "its member States."
        )
    legend = f"REIO: {REIO_IN_FULL}"
    if not evaluation.treaty.entry_into_force.count_reio:
        legend += "; its instrument is not counted in addition to those of its member States"
    return legend + "."


def _footnotes(chosen: list[PartyOutcome], evaluation: Evaluation) -> list[str]:
    """The sources of each fact, one footnote line per fact: level, notification and links."""
    from hanoi_cli.core.ledger.evidence import notification_url

    notes = []
    for party in chosen:
        for key, evidence in facts_of(party, evaluation).items():
            if not evidence.sources and not evidence.notification:
                continue
            links = [f"<{url}>" if "://" in url else md_cell(url) for url in evidence.sources]
            if evidence.notification:
                url = notification_url(evidence.notification)
                links.insert(0, f"[{evidence.notification}]({url})" if url else md_cell(evidence.notification))
            label = key.replace("_", " ")
            notes.append(f"- {md_cell(party.participant.name)}, {label} ({evidence.word}): {', '.join(links)}")
    return ["", "Sources:", "", *notes] if notes else []


def _deposit_cell(instrument: str | None, deposited: str | None) -> str:
    if not instrument or not deposited:
        return ""
    return f"{deposited} {UNTC_SYMBOLS[instrument]}".rstrip()


def _short_span(value: str | None) -> str:
    """``2025-10-25/2025-10-26`` -> ``2025-10-25/26``: the ISO 8601 abbreviated interval."""
    if not value or "/" not in value:
        return value or ""
    start, end = value.split("/")
    for cut in (8, 5):  # same month: keep the day; same year: keep month and day
        if start[:cut] == end[:cut]:
            return f"{start}/{end[cut:]}"
    return value


def progress_bar(evaluation: Evaluation, width: int = BAR_WIDTH) -> str:
    """The count against the threshold in block characters that read without colour.

    Filled cells are ``█``, the rest ``░``, so 0 / 40 and 40 / 40 differ on any terminal; while
    the treaty is not reached (a group condition unmet) the bar is never full.
    """
    share = min(evaluation.counted_instruments, evaluation.threshold) / evaluation.threshold
    filled = round(share * width)
    if evaluation.counted_instruments and not filled:
        filled = 1
    if evaluation.threshold_date is None and filled == width:
        filled = width - 1
    return "█" * filled + "░" * (width - filled)


def _count_text(evaluation: Evaluation, words: Optional[Words] = None) -> str:
    """``3 / 40``: the count in the language's digits, always read left to right."""
    if words is None:
        text = f"{evaluation.counted_instruments} / {evaluation.threshold}"
    else:
        number = words.tr.number
        text = _ltr(f"{number(evaluation.counted_instruments)} / {number(evaluation.threshold)}", words)
    if evaluation.threshold_date is None and evaluation.counted_instruments >= evaluation.threshold:
        text += " (a group condition is not met)" if words is None else " " + words.tr("(a group condition is not met)")
    return text


def print_table(
    evaluation: Evaluation,
    participants: Optional[list[PartyOutcome]] = None,
    *,
    brief: bool = False,
    stream: Optional[TextIO] = None,
    words: Optional[Words] = None,
    asked: Sequence[Asked] = (),
) -> None:
    """The human view: a headline with a progress bar, then one row per participant.

    With ``brief`` only the headline and the sentence. The table never cuts or splits a date, a
    code or a flag (``render.layout``); on a narrow terminal each participant is a short block.
    With ``asked`` (``--participant``) each one's sentence and facts come before their rows.
    """
    from hanoi_cli.render.layout import Output

    out = Output(stream=stream)
    out.prose(_title_line(evaluation, words))
    filtered = evidence_filter_sentence(evaluation) if words is None else words.evidence_filter(evaluation)
    if filtered:  # before any count, so no figure is read without it
        out.prose(filtered, style="bold yellow")
    if brief and asked:
        for line in _asked_sentences(evaluation, asked, words):
            out.prose(line)
        return
    if brief:
        _print_answer(out, evaluation, words)
        return
    _print_headline(out, evaluation, words)
    out.print()
    if asked:
        _print_asked(out, evaluation, asked, words)
        if participants is not None and not participants:
            return  # only countries the ledger does not list: no row to show
    chosen = _chosen(evaluation, participants)
    rows = _print_participants(out, evaluation, chosen, words)
    _print_legend(out, evaluation, chosen, rows, words)
    if not out.piped and len(rows) + HEADLINE_LINES > out.console.height:
        # The answer where the reader is: the headline has scrolled away, so it closes the table too.
        out.print()
        out.prose(_title_line(evaluation, words))
        _print_answer(out, evaluation, words)
        hint = "hanoi status --brief prints only this answer."
        out.prose(hint if words is None else words.tr("hanoi status --brief prints only this answer."), style="dim")


def _asked_sentences(evaluation: Evaluation, asked: Sequence[Asked], words: Optional[Words]) -> list[str]:
    """Each participant's sentence (``--participant``), in the language of ``words``."""
    if not asked:
        return []
    from hanoi_cli.core.payloads.localized import sentences

    return sentences(evaluation, tuple(asked), words)


def _print_asked(out: Output, evaluation: Evaluation, asked: Sequence[Asked], words: Optional[Words]) -> None:
    """Each participant's sentence, wrapped at spaces (a date never cut), then its facts one line
    each (evidence in words, the notification, every source whole) and its notes."""
    from hanoi_cli.core.payloads.localized import details, english, notes_line

    chosen = english() if words is None else words
    for one, line in zip(asked, _asked_sentences(evaluation, asked, words)):
        out.prose(line, style="bold")
        for detail in details(chosen, evaluation, one.party):
            out.hanging("  " + detail.line(), style="dim")
        notes = notes_line(chosen, one.party)
        if notes:
            out.hanging("  " + notes, style="dim")
        out.print()


def answer(evaluation: Evaluation) -> str:
    """The quotable sentence, with the date the record was checked where the ledger gives it."""
    return quotable_sentence(evaluation, record_checked(evaluation))


def _print_answer(out: Output, evaluation: Evaluation, words: Optional[Words] = None) -> None:
    """The quotable sentence on one line, never folded: the terminal soft-wraps it, so a mouse copy
    carries no line break (in a pipe it is one line anyway)."""
    out.print(answer(evaluation) if words is None else words.quotable_sentence(evaluation), soft_wrap=True)


def _title_line(evaluation: Evaluation, words: Optional[Words] = None) -> Text:
    """Title, id, as-of date and status in its colour, and the signature window when it says something."""
    from rich.text import Text

    treaty = evaluation.treaty
    if words is None:
        title, as_of, label = treaty.display_title, "as of", STATUS_LABELS[evaluation.status]
        window = signature_window_phrase(treaty, evaluation.as_of)
    else:
        title, as_of, label = (
            words.title(treaty),
            words.tr("as of"),
            words.status_label(evaluation.status, evaluation.treaty),
        )
        window = words.window_phrase(treaty, evaluation.as_of)
    return Text.assemble(
        (title, "bold"),
        (f"  {treaty.id}  {as_of} ", "dim"),
        _ltr(evaluation.as_of.isoformat(), words),
        "  ",
        (label, f"bold {STATUS_STYLES[evaluation.status]}"),
        *((f"  {window}",) if window else ()),
    )


def _ltr(text: str, words: Optional[Words]) -> str:
    """``text`` (an ISO date, a code) kept left-to-right inside right-to-left prose (Unicode LRI ... PDI)."""
    return f"\u2066{text}\u2069" if words is not None and words.tr.rtl else text


def _print_headline(out: Output, evaluation: Evaluation, words: Optional[Words] = None) -> None:
    """The count against the threshold as a bar, the signatories and parties, and the sentences."""
    from rich.text import Text

    bar_style = "green" if evaluation.threshold_date is not None else "yellow"
    count = _count_text(evaluation, words)
    if words is None:
        counted = "Ratifications "  # the press's word; the sentence below spells out what counts
        stats = f"Signatories {evaluation.signatories} · Parties {evaluation.party_count}"
    else:
        counted = words.tr("Ratifications") + " "
        stats = words.tr(
            "Signatories {signatories} · Parties {parties}",
            signatories=evaluation.signatories,
            parties=evaluation.party_count,
        )
    out.prose(Text.assemble(counted, (progress_bar(evaluation), bar_style), " ", (count, "bold")))
    out.prose(stats)
    sentence, split, coverage, fresh = _sentences(evaluation, words)
    out.prose(sentence)
    if split:
        out.prose(split)
    if coverage:
        out.prose(coverage, style="yellow")
    if fresh:
        out.prose(fresh, style="yellow" if freshness(evaluation)["stale"] else "dim")


def _print_participants(
    out: Output, evaluation: Evaluation, chosen: list[PartyOutcome], words: Optional[Words] = None
) -> list[tuple]:
    """One row a participant (a pending one in cyan), or a line saying none matched; the rows printed."""
    from hanoi_cli.render.layout import Column
    from hanoi_cli.render.layout import print_table as print_layout

    rows = []
    styles = []
    for party in chosen:
        record = participant_record(party, evaluation)
        rows.append(
            (
                record["name"] if words is None else words.name(party.participant),
                record["code"],
                _short_span(record["signature"]),
                _deposit_cell(record["instrument"], record["deposited"]),
                record["entry_into_force"] or "",
                tuple(flags(party, evaluation)),
            )
        )
        styles.append(("", "", "", "", "cyan" if party.status == "pending" else "", ""))
    heading = (lambda word: word) if words is None else words.heading
    columns = (
        Column(heading("Participant"), "words"),
        Column(heading("Code")),
        Column(heading("Signature")),
        Column(heading("Deposit")),
        Column(heading("In force")),
        Column(heading("Flags"), "items", style="dim"),
    )
    shown = rows if words is None else [(*row[:-1], tuple(words.flag(word) for word in row[-1])) for row in rows]
    if rows:
        print_layout(out, columns, shown, head=(0, 1), row_styles=styles)
    else:
        out.prose("No participant matches." if words is None else words.tr("No participant matches."), style="dim")
    return rows


def _print_legend(
    out: Output, evaluation: Evaluation, chosen: list[PartyOutcome], rows: list[tuple], words: Optional[Words] = None
) -> None:
    """What the table's symbols mean: the instrument letters used, and the evidence flags shown."""
    used = sorted({party.instrument for party in chosen if party.instrument} - {"ratification"})
    if used and words is None:
        legend = " · ".join(f"{UNTC_SYMBOLS[kind]} {INSTRUMENT_LABELS[kind]}" for kind in used)
        out.prose(f"Deposit: a date alone is a ratification; {legend}.", style="dim")
    elif used and words is not None:
        legend = " · ".join(f"{UNTC_SYMBOLS[kind]} {words.instrument(kind)}" for kind in used)
        out.prose(words.tr("Deposit: a date alone is a ratification; {legend}.", legend=legend), style="dim")
    reio = reio_legend(evaluation, chosen, words)
    if reio:
        out.prose(reio, style="dim")
    shown = [word for word in EVIDENCE_LEGEND if any(word in row[-1] for row in rows)]
    if shown:
        hosts = ", ".join(sorted(depositary_hosts(evaluation.treaty)))
        if words is None:
            meaning = "; ".join(f"{word}, {EVIDENCE_LEGEND[word]}" for word in shown)
            where = f" ({hosts})" if hosts else ""
            out.prose(f"Evidence: {meaning}; a row without one is confirmed by the depositary{where}.", style="dim")
            return
        meaning = words.tr("; ").join(words.evidence_legend(word) for word in shown)
        if hosts:
            line = words.tr(
                "Evidence: {meaning}; a row without one is confirmed by the depositary ({hosts}).",
                meaning=meaning,
                hosts=hosts,
            )
        else:
            line = words.tr("Evidence: {meaning}; a row without one is confirmed by the depositary.", meaning=meaning)
        out.prose(line, style="dim")


# --- one renderer per --format (``hanoi status LEDGER``), each writing the result to a stream ---


def _table(result: StatusResult, stream: TextIO) -> None:
    print_table(result.evaluation, result.participants, brief=result.brief, stream=stream, asked=result.asked)


RENDERERS: dict[str, Callable[[StatusResult, TextIO], None]] = {
    "table": _table,
    "text": _table,
    "json": writing(
        lambda result: to_json(result.evaluation, result.participants, result.problems, asked=result.asked)
    ),
    "csv": writing(lambda result: to_csv(result.evaluation, result.participants)),
    "csv-excel": for_excel(lambda result: to_csv(result.evaluation, result.participants)),
    "markdown": writing(
        lambda result: to_markdown(result.evaluation, result.participants, brief=result.brief, asked=result.asked)
    ),
}


def renderers_for(words: Optional[Words]) -> dict[str, Callable[[StatusResult, TextIO], None]]:
    """``RENDERERS`` in the language of ``--lang`` (``words``); CSV is machine output and never changes."""
    if words is None:
        return RENDERERS

    def table(result: StatusResult, stream: TextIO) -> None:
        print_table(
            result.evaluation, result.participants, brief=result.brief, stream=stream, words=words, asked=result.asked
        )

    return {
        "table": table,
        "text": table,
        "json": writing(
            lambda result: to_json(
                result.evaluation, result.participants, result.problems, words=words, asked=result.asked
            )
        ),
        "csv": RENDERERS["csv"],
        "csv-excel": RENDERERS["csv-excel"],
        "markdown": writing(
            lambda result: to_markdown(
                result.evaluation, result.participants, brief=result.brief, words=words, asked=result.asked
            )
        ),
    }
