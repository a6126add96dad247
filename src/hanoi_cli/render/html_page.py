"""Render one or more ledgers as a single self-contained HTML page (``hanoi report``).

Jinja2 (an optional extra, like matplotlib: ``hanoi-cli[charts]``) fills the templates shipped in
``render/templates/`` with autoescaping on, so a participant named ``<img src=x onerror=...>``
is text. The page fetches nothing: its style is inline, each chart is inline SVG, there is no
script and no web font; links go only to the ledger's sources. What the page says about a treaty
comes from the same functions as ``hanoi status`` (headline numbers, sentence, flags).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional

from hanoi_cli import __version__
from hanoi_cli.core.ledger.instruments import INSTRUMENT_LABELS
from hanoi_cli.core.ledger.models import Participant
from hanoi_cli.core.ledger.wording import iso
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
from hanoi_cli.core.rules.engine import Evaluation, PartyOutcome

WEB_SCHEMES = ("https://", "http://")


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


def sources_of(participant: Participant) -> list[dict[str, Any]]:
    """A participant's sources (one text or a list of them): each with ``href`` when it is a web address."""
    return [{"text": item, "href": item if item.startswith(WEB_SCHEMES) else None} for item in sources(participant)]


def participant_row(party: PartyOutcome, evaluation: Optional[Evaluation] = None) -> dict[str, Any]:
    """A participant's row; with the ``evaluation``, its flags say how well its fact is established."""
    record = participant_record(party, evaluation)
    signature = record["signature"]
    return {
        **record,
        "signature_uncertain": party.signature is not None and not party.signature.exact,
        "instrument_label": INSTRUMENT_LABELS.get(record["instrument"] or "", ""),
        "flags": flags(party, evaluation),
        "signature_text": signature.replace("/", " – ") if signature else "",
        "notes": party.participant.notes,
        "sources": sources_of(party.participant),
    }


def treaty_context(page: TreatyPage, index: int) -> dict[str, Any]:
    evaluation = page.evaluation
    treaty = evaluation.treaty
    share = evaluation.counted_instruments / evaluation.threshold if evaluation.threshold else 0.0
    participants = [participant_row(party, evaluation) for party in evaluation.parties]
    fresh = freshness(evaluation)
    return {
        "anchor": f"treaty-{index + 1}",
        "id": treaty.id,
        "title": treaty.display_title,
        "full_title": treaty.title,
        "source": treaty.source,
        "source_is_link": bool(treaty.source and treaty.source.startswith(WEB_SCHEMES)),
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
    }


def _environment() -> Any:
    try:
        import jinja2
    except ImportError:
        raise TemplatesUnavailable(
            "reports need Jinja2, which is not installed; install it with: pip install 'hanoi-cli[charts]'"
        ) from None
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,  # every template is HTML: escape whatever the ledger says
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(pages: Sequence[TreatyPage], as_of: date) -> str:
    """The HTML page for ``pages`` (a summary table first when there are several)."""
    import markupsafe

    environment = _environment()
    treaties = [treaty_context(page, index) for index, page in enumerate(pages)]
    for treaty in treaties:
        treaty["chart_svg"] = markupsafe.Markup(treaty["chart_svg"])  # made by hanoi, its text escaped there
    if len(treaties) == 1:
        title = f"{treaties[0]['title']}: status as of {as_of.isoformat()}"
    else:
        title = f"Treaty status as of {as_of.isoformat()}"
    return environment.get_template("report.html.j2").render(
        title=title, as_of=as_of.isoformat(), treaties=treaties, version=__version__
    )
