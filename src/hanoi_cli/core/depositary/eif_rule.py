"""The rule of entry into force, read from the article that a status file's ``EIF/Labeltext`` quotes.

A treaty not yet in force has ``in accordance with article 65(1) which reads as follows: "…"``.
The result is the ledger's own ``entry_into_force`` mapping (see ``EntryIntoForceRule``), for the
drafting styles real final clauses use; ordinals may be words or digits:

- "on the ninetieth day after the date of deposit of the fortieth instrument" (UNTOC, UNCAC, Hanoi)
- "90 days after the fiftieth instrument … has been deposited" (TPNW)
- "on the thirtieth day after the deposit of the twentieth instrument" (CRPD)
- "120 days after the date of deposit of the sixtieth instrument" (BBNJ)
- "on the first day of the month after the 60th day following the date of the deposit of the 60th
  instrument" (Rome Statute)
- "on the first day of the sixth month after the month in which the 40th instrument … has been
  deposited" (Ottawa)
- "on the first day of the month following the expiration of three months after …"

"Shall not be counted (as additional to those deposited by member States)" about a regional
(economic) integration organization sets ``count_reio: false``. The later-parties paragraph is read
only when it is quoted; ``RuleReading.later_parties_quoted`` says whether it was, so a caller can
say so instead of guessing. What cannot be read — a threshold with a second condition (the Paris
Agreement's 55 Parties and 55 % of emissions), or no quoted article at all — gives no rule and a
reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen"
).split()
_UNIT_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TEN_ORDINALS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()

# word -> (value, is an ordinal); "hundred" multiplies what precedes it.
_NUMBER_WORDS: dict[str, tuple[int, bool]] = {
    **{word: (value, False) for value, word in enumerate(_UNITS)},
    **{word: (value, True) for value, word in enumerate(_UNIT_ORDINALS)},
    **{word: (20 + 10 * index, False) for index, word in enumerate(_TENS)},
    **{word: (20 + 10 * index, True) for index, word in enumerate(_TEN_ORDINALS)},
    "hundred": (100, False),
    "hundredth": (100, True),
}
_WORD = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_NUMBER_RUN = re.compile(rf"\b{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*\b")
_LARGEST = 999_999  # numbers read from the text have at most 6 digits: int() never sees a hostile run
_DIGIT_ORDINAL = re.compile(r"\b([0-9]{1,6})(?:st|nd|rd|th)\b")

_THRESHOLD = re.compile(  # "the fortieth instrument", "the 20th such instrument", "at least 40 States have deposited"
    r"\b([0-9]{1,6})th (?:such )?instruments?\b"
    r"|\b(?:at least )?([0-9]{1,6}) (?:states|parties|signatories|signatory states|contracting states) (?:have|has) "
    r"(?:deposited|ratified|accepted|expressed)\b"
)
_AFTER = r"(?:after|following|from)"

# (pattern on the clause after "enter into force", how to make the period), most specific first.
_EXPIRY = r"(?:on the expiry of |at the end of )?(?:a period of )?"
_PERIODS: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        re.compile(rf"^on the 1th day of the ([0-9]{{1,6}})th month {_AFTER} the (?:month|date|day)\b"),
        lambda n: {"months": int(n) - 1, "first_of_next_month": True},
    ),
    (
        re.compile(rf"^on the 1th day of the month {_AFTER} the ([0-9]{{1,6}})th day {_AFTER}\b"),
        lambda n: {"days": int(n), "first_of_next_month": True},
    ),
    (
        re.compile(
            rf"^on the 1th day of the month {_AFTER} the (?:expiration|expiry|end) of (?:a period of )?"
            rf"([0-9]{{1,6}}) months? {_AFTER}\b"
        ),
        lambda n: {"months": int(n), "first_of_next_month": True},
    ),
    (re.compile(rf"^on the ([0-9]{{1,6}})th day {_AFTER}\b"), lambda n: {"days": int(n)}),
    (re.compile(rf"^{_EXPIRY}([0-9]{{1,6}}) days {_AFTER}\b"), lambda n: {"days": int(n)}),
    (re.compile(rf"^{_EXPIRY}([0-9]{{1,6}}) months? {_AFTER}\b"), lambda n: {"months": int(n)}),
    (re.compile(rf"^{_EXPIRY}([0-9]{{1,6}}) years? {_AFTER}\b"), lambda n: {"months": 12 * int(n)}),
    (re.compile(r"^(?:on|upon) the (?:date|day) of (?:the )?deposit\b()"), lambda n: {"days": 0}),
)
_ENTER = re.compile(r"\b(?:(?:shall|will) (?:enter|come)|enters|comes) into force\s*(?:,[^,]*,\s*)?")
_ENTERS = re.compile(r"\b(?:enters?|comes?) into force\b")
_TWICE = re.compile(r"\b([0-9]+)(th)? \(\1(?:th)?\)")  # "ninety (90) days" -> "90 (90) days" -> "90 days"
_LATER = re.compile(  # "2. For each State ... ratifying ... after the deposit of the fortieth instrument"
    r"^(?:[0-9]+\.\s*)?(?:for|in respect of) (?:each|any|every|a) (?:state|party|signatory|contracting)"
)
_REIO = r"regional (?:economic )?integration organi[sz]ation"
_REIO_MENTIONED = re.compile(_REIO)
_SECOND_CONDITION = re.compile(r"per cent|percent|%|accounting (?:in total )?for|tonnage|emissions|listed in annex")
_PUNCTUATION = str.maketrans({"\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_QUOTED = re.compile(r"reads? as follows\s*:?\s*(.*)$", re.DOTALL)


@dataclass(frozen=True)
class RuleReading:
    """What was read from the entry-into-force text, and what could not be."""

    rule: Optional[dict[str, Any]]
    """The ledger's ``entry_into_force`` mapping, or None when the text does not give one hanoi can read."""
    later_parties_quoted: bool
    """Whether the quoted text has the later-parties paragraph (without it, ``later_parties`` is not set)."""
    reason: Optional[str] = None
    """Why there is no rule, for the message that tells the user to give ``--rule``."""


def _shown(text: str, limit: int = 300) -> str:
    """A quoted text for a message, cut short: a hostile status file may quote megabytes."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_rule(text: str) -> Optional[dict[str, Any]]:
    """The ``entry_into_force`` mapping for ``text``, or None (``explain_rule`` says why)."""
    return explain_rule(text).rule


def _numbers_as_digits(text: str) -> str:
    """``the fortieth instrument`` -> ``the 40th instrument``; ``ninety days`` -> ``90 days``."""

    def replace(match: re.Match[str]) -> str:
        words = [word for word in re.split(r"[\s-]+", match[0]) if word and word != "and"]
        total, ordinal = 0, False
        for word in words:
            value, ordinal = _NUMBER_WORDS[word]
            total = max(total, 1) * 100 if word.startswith("hundred") else total + value
            if total > _LARGEST:  # "hundred hundred hundred ...": no article's number; left as words
                return match[0]
        return f"{total}th" if ordinal else str(total)

    text = _NUMBER_RUN.sub(replace, text)
    return _TWICE.sub(r"\1\2", _DIGIT_ORDINAL.sub(r"\1th", text))


def _normalised(text: str) -> str:
    text = text.translate(_PUNCTUATION)
    return _numbers_as_digits(" ".join(text.lower().split()))


def _sentences(text: str) -> list[str]:
    """Sentences and numbered paragraphs, without the quotation marks around them."""
    parts = re.split(r'(?<=[.;:])["\s]+(?=[0-9]+\.\s)|(?<=\.)["\s]+(?=["(]?[a-z0-9])', text)
    parts = [part.strip(' "') for part in parts]
    return [part for part in parts if part and not re.fullmatch(r"[0-9]+\.", part)]  # "1." alone numbers the next


def _period(clause: str) -> Optional[dict[str, Any]]:
    for pattern, make in _PERIODS:
        match = pattern.search(clause)
        if match:
            return make(match[1])
    return None


def _threshold_and_period(
    sentences: list[str], index: int, clause: str
) -> tuple[Optional[re.Match[str]], Optional[dict[str, Any]]]:
    """The threshold and the period of the sentence at ``index`` (``clause``: after "enter into
    force"), the missing one taken from the sentence before or after when a rule is split over two
    ("... upon the deposit of the 60th instrument. It shall enter into force 120 days after that deposit.")."""
    sentence = sentences[index]
    threshold = _THRESHOLD.search(sentence)
    period = _period(clause)
    if period is not None and threshold is None and index > 0:
        threshold = _THRESHOLD.search(sentences[index - 1])
    if (threshold is None) != (period is None) and index + 1 < len(sentences):
        following = sentences[index + 1]
        if not _LATER.search(following):
            threshold = threshold or _THRESHOLD.search(following)
            if period is None:
                enter = _ENTER.search(following)
                period = _period(following[enter.end() :] if enter else following)
    return threshold, period


def explain_rule(text: str) -> RuleReading:
    """Read ``text`` (an ``EIF/Labeltext``, or an article's text) into a rule, or say why not."""
    normal = _normalised(text or "")
    quoted = _QUOTED.search(normal)
    body = quoted[1] if quoted else normal
    if not _ENTERS.search(body):
        if not text.strip():
            return RuleReading(None, False, "the status file has no entry-into-force text")
        return RuleReading(
            None, False, f"the entry-into-force text quotes no article hanoi can read: {_shown(text.strip())!r}"
        )
    main_rule: Optional[dict[str, Any]] = None
    later: Optional[dict[str, Any]] = None
    later_from = "threshold"
    later_quoted = False
    count_reio = True
    sentences = _sentences(body)
    for index, sentence in enumerate(sentences):
        if "shall not be counted" in sentence and _REIO_MENTIONED.search(sentence):  # in either order
            count_reio = False
        enter = _ENTER.search(sentence)
        if enter is None:
            continue
        clause = sentence[enter.end() :]
        if _LATER.search(sentence):
            later_quoted = True
            later = _period(clause)
            if re.search(r"\bafter (?:the date of )?(?:its|the|their) entry into force\b", sentence[: enter.start()]):
                later_from = "entry_into_force"
            continue
        if main_rule is not None:
            continue
        if _SECOND_CONDITION.search(sentence):
            why = "the threshold has a condition hanoi's rule format cannot hold (not a plain number of instruments)"
            return RuleReading(None, False, f"{why}: {_shown(sentence)!r}")
        threshold, period = _threshold_and_period(sentences, index, clause)
        if threshold is None or period is None:
            why = "hanoi cannot read a number of instruments and a period from"
            return RuleReading(None, False, f"{why}: {_shown(sentence)!r}")
        main_rule = {"threshold": int(threshold[1] or threshold[2]), "after": period}
    if main_rule is None:
        why = "the quoted text has no sentence saying when the treaty enters into force"
        return RuleReading(None, later_quoted, f"{why}: {_shown(text.strip())!r}")
    if later_quoted and later is None:
        return RuleReading(None, True, "the later-parties paragraph is quoted but hanoi cannot read its period")
    if later is not None:
        main_rule["later_parties"] = later
        if later_from != "threshold":
            main_rule["later_parties_from"] = later_from
    main_rule["count_reio"] = count_reio
    return RuleReading(main_rule, later_quoted)


IN_FORCE_RULE_HELP = "--rule '{later_parties: {days: D}}'"


def rule_for_new(
    given: Optional[dict[str, Any]], eif_text: str, in_force_on: Optional[date], deposits_by_then: int = 1
) -> RuleReading:
    """The rule ``hanoi new`` writes: the user's ``--rule`` (``given``), else the one the quoted article gives.

    A treaty already in force has its date in the status file, not its article. That date is the
    fact to keep: the rule becomes "in force on that date" — the threshold is the number of counted
    deposits the table shows by then (``deposits_by_then``), ``after`` 0 days and ``not_before``
    the date, so the date comes out exactly; later parties are counted from it — and only the later
    parties' period is asked for. A full ``--rule`` (with ``threshold``) is kept as given, never
    before that date.
    """
    if in_force_on is None:
        if given is not None:
            return RuleReading(given, True)
        return explain_rule(eif_text)
    if given is not None and "threshold" in given:
        return RuleReading({**given, "not_before": given.get("not_before", in_force_on)}, True)
    later = None if given is None else given.get("later_parties")
    if later is None and given is None:
        reading = explain_rule(eif_text)
        if reading.rule is not None and "later_parties" in reading.rule:
            return RuleReading({**reading.rule, "not_before": in_force_on}, True)
    if later is None:
        why = (
            f"the treaty has been in force since {in_force_on.isoformat()} (recorded as the depositary gives it), "
            "but the status file does not say when it enters into force for a later party"
        )
        return RuleReading(None, False, why)
    rule = {
        "threshold": max(1, deposits_by_then),
        "after": {"days": 0},
        "later_parties": later,
        "not_before": in_force_on,
        "later_parties_from": "entry_into_force",
        "count_reio": True,
        **{key: value for key, value in (given or {}).items() if key != "later_parties"},
    }
    return RuleReading(rule, True)
