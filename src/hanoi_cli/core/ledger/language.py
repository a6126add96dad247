"""What people read, in their language: ``--lang`` and ``HANOI_LANG`` (issue 26).

The wording lives in gettext catalogues (``hanoi_cli/locale/LANG/LC_MESSAGES/hanoi.po``, compiled
to ``.mo`` beside it) with each language's plural rule in its header; participants' names in a
second domain (``participants``), keyed by code. What no catalogue can hold is here, as small
tables: long dates, month-and-year, ordinals and digits as each language's press writes them.

English needs none of it: without ``--lang`` nothing here is imported, and ``--lang en`` keeps
the English wording of ``core.ledger.wording`` and the payloads, which the catalogues' message
ids copy. Machine output (JSON keys, CSV headings, codes, ISO dates) is never translated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any, NamedTuple, Optional

# The Convention's six authentic languages (Arabic, Chinese, English, French, Russian, Spanish),
# then the two whose press follows the Convention most (Vietnamese, Indonesian).
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es", "vi", "id")
LANGUAGE_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
    "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia",
}
RIGHT_TO_LEFT = frozenset({"ar"})
LANG_ENV = "HANOI_LANG"
DOMAIN = "hanoi"
NAMES_DOMAIN = "participants"


def check_language(value: str) -> str:
    """``value`` as a known language code, or a ``ValueError`` listing the languages."""
    code = value.strip().lower().replace("_", "-")
    if code in LANGUAGES:
        return code
    if code.split("-")[0] in LANGUAGES and code.split("-")[0] != code:
        return code.split("-")[0]  # zh-CN, fr-FR: the language is what matters here
    raise ValueError(f"unknown language {value!r}; choose one of: {', '.join(LANGUAGES)}")


class Calendar(NamedTuple):
    """How a language writes a date in prose: month names and the patterns around them."""

    months: tuple[str, ...]  # as they follow a day (Russian: genitive)
    date: str  # {day} {month} {year}
    month_year: str  # {month} {year}
    months_alone: Optional[tuple[str, ...]] = None  # a month without a day, where it differs (Russian)
    first_day: Optional[str] = None  # French "1er"


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


CALENDARS: Mapping[str, Calendar] = {
    # The UN's Arabic names: the Levantine and the Egyptian month, as the UN's Arabic documents write them.
    "ar": Calendar(
        _split(
            "كانون الثاني/يناير|شباط/فبراير|آذار/مارس|نيسان/أبريل|أيار/مايو|حزيران/يونيه|"
            "تموز/يوليه|آب/أغسطس|أيلول/سبتمبر|تشرين الأول/أكتوبر|تشرين الثاني/نوفمبر|كانون الأول/ديسمبر"
        ),
        "{day} {month} {year}",
        "{month} {year}",
    ),
    "zh": Calendar(tuple(str(month) for month in range(1, 13)), "{year}年{month}月{day}日", "{year}年{month}月"),
    "en": Calendar(
        _split("January|February|March|April|May|June|July|August|September|October|November|December"),
        "{day} {month} {year}",
        "{month} {year}",
    ),
    "fr": Calendar(
        _split("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"),
        "{day} {month} {year}",
        "{month} {year}",
        first_day="1er",
    ),
    "ru": Calendar(
        _split("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"),
        "{day} {month} {year} года",
        "{month} {year} года",
        months_alone=_split("январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"),
    ),
    "es": Calendar(
        _split("enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"),
        "{day} de {month} de {year}",
        "{month} de {year}",
    ),
    "vi": Calendar(
        tuple(str(month) for month in range(1, 13)), "ngày {day} tháng {month} năm {year}", "tháng {month} năm {year}"
    ),
    "id": Calendar(
        _split("Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"),
        "{day} {month} {year}",
        "{month} {year}",
    ),
}

# Ordinals after the number, as the press writes a rank in figures ("the 40th instrument").
ORDINALS: Mapping[str, str] = {
    "ar": "الـ{n}",  # الصك الـ٤٠
    "zh": "第{n}",  # 第40份
    "fr": "{n}e",  # le 40e instrument (1er below)
    "ru": "{n}-й",  # 40-й документ
    "es": "{n}.º",  # el 40.º instrumento (RAE)
    "vi": "thứ {n}",  # văn kiện thứ 40
    "id": "ke-{n}",  # instrumen ke-40
}

# Digits as each language's press writes them: Arabic-Indic in Arabic (as the Egyptian press and
# most of the region's papers print them), Western everywhere else.
DIGITS: Mapping[str, str] = {"ar": "٠١٢٣٤٥٦٧٨٩"}
# The decimal mark (a rate of 3.05 a month): a comma in most of these languages, the Arabic
# decimal separator in Arabic; a point in Chinese.
DECIMAL_MARKS: Mapping[str, str] = {"ar": "٫", "fr": ",", "ru": ",", "es": ",", "vi": ",", "id": ","}
PERCENT: Mapping[str, str] = {"ar": "{n}٪", "fr": "{n} %", "ru": "{n} %", "es": "{n} %"}

# Treaty titles in each language, by the depositary's id: the authentic texts' title (the first
# part, before the semicolon, where the English one has a subtitle) and the short title as each
# language's press uses it.
TREATY_TITLES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "XVIII-16": {
        "ar": ("اتفاقية الأمم المتحدة لمكافحة الجرائم السيبرانية", "اتفاقية هانوي"),
        "zh": ("联合国打击网络犯罪公约", "《河内公约》"),
        "fr": ("Convention des Nations Unies contre la cybercriminalité", "Convention de Hanoï"),
        "ru": ("Конвенция Организации Объединенных Наций против киберпреступности", "Ханойская конвенция"),
        "es": ("Convención de las Naciones Unidas contra la Ciberdelincuencia", "Convención de Hanói"),
        "vi": ("Công ước của Liên hợp quốc về chống tội phạm mạng", "Công ước Hà Nội"),
        "id": ("Konvensi Perserikatan Bangsa-Bangsa tentang Kejahatan Siber", "Konvensi Hanoi"),
    },
    # Two conventions of the reference set (hanoi status --treaty), under their full titles.
    "XVIII-12": {
        language: (title, title)
        for language, title in {
            "ar": "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
            "zh": "《联合国打击跨国有组织犯罪公约》",
            "fr": "Convention des Nations Unies contre la criminalité transnationale organisée",
            "ru": "Конвенция Организации Объединенных Наций против транснациональной организованной преступности",
            "es": "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
            "vi": "Công ước của Liên hợp quốc về chống tội phạm có tổ chức xuyên quốc gia",
            "id": "Konvensi Perserikatan Bangsa-Bangsa Menentang Tindak Pidana Transnasional yang Terorganisasi",
        }.items()
    },
    "XVIII-14": {
        language: (title, title)
        for language, title in {
            "ar": "اتفاقية الأمم المتحدة لمكافحة الفساد",
            "zh": "《联合国反腐败公约》",
            "fr": "Convention des Nations Unies contre la corruption",
            "ru": "Конвенция Организации Объединенных Наций против коррупции",
            "es": "Convención de las Naciones Unidas contra la Corrupción",
            "vi": "Công ước của Liên hợp quốc về chống tham nhũng",
            "id": "Konvensi Perserikatan Bangsa-Bangsa Menentang Korupsi",
        }.items()
    },
}


# The short title declined, where a language declines it (Russian: accusative and genitive), for
# the ``{title_acc}`` and ``{title_gen}`` placeholders; elsewhere they are the short title itself.
TITLE_CASES: Mapping[str, Mapping[str, Mapping[str, str]]] = {
    "XVIII-16": {"ru": {"acc": "Ханойскую конвенцию", "gen": "Ханойской конвенции"}},
    "XVIII-12": {
        "ru": {
            "acc": "Конвенцию Организации Объединенных Наций против транснациональной организованной преступности",
            "gen": "Конвенции Организации Объединенных Наций против транснациональной организованной преступности",
        }
    },
    "XVIII-14": {
        "ru": {
            "acc": "Конвенцию Организации Объединенных Наций против коррупции",
            "gen": "Конвенции Организации Объединенных Наций против коррупции",
        }
    },
}


# Grammatical gender (issue 26, gap 1). French, Spanish and Russian make the sentence agree with
# the title ("La Convention ... est entrée", "Le Statut de Rome ... est entré"); every title
# translated above is a Convention, feminine in all three. A title the tables do not translate
# stays in English inside a construction of known gender ("le traité « ... »"), masculine in these
# three; Arabic's construction ("المعاهدة") is feminine, as its Conventions are, so Arabic needs no
# second form. A sentence that agrees is asked for with ``Translator.agree``: its masculine form is
# the same message under the gettext context ``masculine`` (pgettext), in these languages only.
MASCULINE = "masculine"
GENDERED_LANGUAGES = ("fr", "es", "ru")
TITLE_GENDERS: Mapping[str, Mapping[str, str]] = {}  # treaty id -> language -> gender, where not feminine

# An untranslated (English) title inside a sentence: the construction, and its Russian cases.
UNTRANSLATED_TITLES: Mapping[str, tuple[str, str, dict[str, str]]] = {
    "fr": ("traité « {title} »", MASCULINE, {}),
    "es": ("tratado «{title}»", MASCULINE, {}),
    "ru": ("договор «{title}»", MASCULINE, {"acc": "договор «{title}»", "gen": "договора «{title}»"}),
    "ar": ("المعاهدة «{title}»", "feminine", {}),
}


@cache
def _translations(lang: str, domain: str) -> Any:
    """The compiled catalogue of ``domain`` for ``lang`` (gettext imported only here)."""
    import gettext
    from importlib import resources

    path = resources.files("hanoi_cli") / "locale" / lang / "LC_MESSAGES" / f"{domain}.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _capitalized(text: str, values: Mapping[str, Any]) -> str:
    """``text`` with a capital where it opens with the title's construction ("договор «...»")."""
    title = values.get("title")
    if isinstance(title, str) and title[:1].islower() and text.startswith(title):
        return text[0].upper() + text[1:]
    return text


class Translator:
    """One language's words, numbers and dates for every sentence hanoi writes for people."""

    def __init__(self, lang: str) -> None:
        self.lang = check_language(lang)
        self.english = self.lang == "en"
        self.rtl = self.lang in RIGHT_TO_LEFT
        self._calendar = CALENDARS[self.lang]
        self._digits = DIGITS.get(self.lang)

    # --- messages ---

    def _catalogue(self, domain: str = DOMAIN) -> Any:
        return None if self.english else _translations(self.lang, domain)

    def _values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {key: self.number(value) if isinstance(value, int) else value for key, value in values.items()}

    def __call__(self, message: str, **values: Any) -> str:
        """``message`` (the English text, gettext's id) in this language, its ``{placeholders}`` filled."""
        catalogue = self._catalogue()
        text = message if catalogue is None else catalogue.gettext(message)
        return text.format(**self._values(values)) if values else text

    def plural(self, singular: str, plural: str, count: int, **values: Any) -> str:
        """The form the language's plural rule gives for ``count`` (``{n}`` is the count, in its digits)."""
        catalogue = self._catalogue()
        if catalogue is None:
            text = singular if count == 1 else plural
        else:
            text = catalogue.ngettext(singular, plural, count)
        return text.format(**self._values({"n": count, **values}))

    def agree(self, gender: str, message: str, **values: Any) -> str:
        """A message that agrees with the treaty's title: its ``masculine`` form (pgettext) where
        the language and the title ask for it, else the message itself."""
        if gender == MASCULINE and self.lang in GENDERED_LANGUAGES:
            return _capitalized(self.context(MASCULINE, message, **values), values)
        return _capitalized(self(message, **values), values)

    def agree_plural(self, gender: str, singular: str, plural: str, count: int, **values: Any) -> str:
        """``plural`` that also agrees with the treaty's title (npgettext under ``masculine``)."""
        if gender == MASCULINE and self.lang in GENDERED_LANGUAGES:
            text = self._catalogue().npgettext(MASCULINE, singular, plural, count)
            return _capitalized(text.format(**self._values({"n": count, **values})), values)
        return _capitalized(self.plural(singular, plural, count, **values), values)

    def context(self, context: str, message: str, **values: Any) -> str:
        """A message that reads differently by ``context`` (a word alone in a table, for instance)."""
        catalogue = self._catalogue()
        text = message if catalogue is None else catalogue.pgettext(context, message)
        return text.format(**self._values(values)) if values else text

    # --- numbers, dates and lists ---

    def number(self, value: int) -> str:
        text = str(value)
        return text if self._digits is None else text.translate(str.maketrans("0123456789", self._digits))

    def digits(self, text: str) -> str:
        """``text``'s digits in this language's (a decimal rate, a percentage already formatted)."""
        return text if self._digits is None else text.translate(str.maketrans("0123456789", self._digits))

    def decimal(self, value: float, places: int = 2) -> str:
        """``3.05`` as the language writes it (``3,05``, ``٣٫٠٥``)."""
        text = f"{value:.{places}f}".replace(".", DECIMAL_MARKS.get(self.lang, "."))
        return self.digits(text)

    def figure(self, value: float) -> str:
        """A number as short as it goes (``2``, ``2,5``) in the language's digits and decimal mark."""
        return self.digits(f"{value:g}".replace(".", DECIMAL_MARKS.get(self.lang, ".")))

    def percent(self, text: str) -> str:
        """``80%`` as the language writes it (``80 %`` in French, ``٨٠٪`` in Arabic)."""
        return PERCENT.get(self.lang, "{n}%").format(n=self.digits(text.rstrip("%")))

    def long_date(self, value: date) -> str:
        calendar = self._calendar
        day = calendar.first_day if value.day == 1 and calendar.first_day else self.number(value.day)
        month = calendar.months[value.month - 1]
        return calendar.date.format(day=day, month=self.digits(month), year=self.number(value.year))

    def month_year(self, value: date) -> str:
        calendar = self._calendar
        month = (calendar.months_alone or calendar.months)[value.month - 1]
        return calendar.month_year.format(month=self.digits(month), year=self.number(value.year))

    def ordinal(self, value: int) -> str:
        if self.english:
            from hanoi_cli.core.ledger.wording import ordinal

            return ordinal(value)
        if self.lang == "fr" and value == 1:
            return "1er"
        if self.lang == "es" and value % 10 in (1, 3) and value % 100 != 11:
            return f"{value}.er"  # primer, tercer: the apocope before a masculine noun (RAE)
        return ORDINALS[self.lang].format(n=self.number(value))

    def join(self, items: Sequence[str]) -> str:
        """``A, B and C`` with the language's comma and conjunction."""
        if len(items) <= 1:
            return "".join(items)
        return self("{items} and {last}", items=self(", ").join(items[:-1]), last=items[-1])

    # --- names ---

    def participant(self, name: str, code: str) -> str:
        """A participant's name in this language: the catalogue's for its code, else the ledger's."""
        if self.english:
            return name
        translated = _translations(self.lang, NAMES_DOMAIN).gettext(code)
        return name if translated == code else translated

    def participant_in_sentence(self, name: str, code: str) -> str:
        """A name inside a sentence, with the article the language puts before it (``l'Union
        européenne``, ``la Unión Europea``; English ``the European Union``)."""
        if self.english:
            return name if name.lower().startswith("the ") else f"the {name}"
        catalogue = _translations(self.lang, NAMES_DOMAIN)
        found = catalogue.pgettext("in a sentence", code)
        return found if found != code else self.participant(name, code)

    def short_title(self, treaty_id: str, english: str) -> str:
        titles = TREATY_TITLES.get(treaty_id, {}).get(self.lang)
        return titles[1] if titles else english

    def title_gender(self, treaty_id: str) -> str:
        """The grammatical gender the sentence agrees with: the translated title's, else the
        construction's around the English title (``feminine`` where the language has none)."""
        if self.lang not in TREATY_TITLES.get(treaty_id, {}) and self.lang in UNTRANSLATED_TITLES:
            return UNTRANSLATED_TITLES[self.lang][1]
        return TITLE_GENDERS.get(treaty_id, {}).get(self.lang, "feminine")

    def title_in_sentence(self, treaty_id: str, english: str) -> str:
        """The short title as a sentence holds it: an English title inside its construction."""
        if self.lang not in TREATY_TITLES.get(treaty_id, {}) and self.lang in UNTRANSLATED_TITLES:
            return UNTRANSLATED_TITLES[self.lang][0].format(title=english)
        return self.short_title(treaty_id, english)

    def title_cases(self, treaty_id: str, english: str) -> dict[str, str]:
        """``{title, title_acc, title_gen}``: the short title in a sentence and its declined forms."""
        short = self.title_in_sentence(treaty_id, english)
        cases = TITLE_CASES.get(treaty_id, {}).get(self.lang, {})
        if self.lang not in TREATY_TITLES.get(treaty_id, {}) and self.lang in UNTRANSLATED_TITLES:
            cases = {case: text.format(title=english) for case, text in UNTRANSLATED_TITLES[self.lang][2].items()}
        return {"title": short, "title_acc": cases.get("acc", short), "title_gen": cases.get("gen", short)}

    def title(self, treaty_id: str, english: str) -> str:
        titles = TREATY_TITLES.get(treaty_id, {}).get(self.lang)
        return titles[0] if titles else english
