"""--lang (issue 26): complete catalogues, matching placeholders, plural rules, dates, names, and
the sentences themselves in golden files, one per language."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SAMPLE, assert_golden
from hanoi_cli.core.ledger.catalogue_files import compile_mo, header_fields, parse_po
from hanoi_cli.core.ledger.language import LANGUAGES, Translator, check_language

LOCALE = ROOT / "src" / "hanoi_cli" / "locale"
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
PLACEHOLDER = re.compile(r"{(\w+)}")
# A placeholder a translation may use instead of the English one: a Russian ordinal or title declined.
VARIANTS = {"nth": {"nth", "nth_gen"}, "title": {"title", "title_acc", "title_gen"}}

sys.path.insert(0, str(ROOT / "scripts"))
import catalogues  # noqa: E402


def entries(lang: str, domain: str = "hanoi"):
    return parse_po((LOCALE / lang / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8"))


def plural_index(lang: str):
    """The language's plural rule, as gettext reads it from the catalogue's header."""
    import gettext

    rule = header_fields(entries(lang))["Plural-Forms"].split("plural=")[1].rstrip(";")
    return gettext.c2py(rule)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_nothing_else(lang: str) -> None:
    """No silent English fallback: each message the code asks for has a translation, every plural
    form filled, and the catalogue holds nothing the code no longer asks for."""
    wanted = {(entry.context, entry.msgid, entry.plural) for entry in catalogues.asked_for(lang)}
    found = {(entry.context, entry.msgid, entry.plural): entry for entry in entries(lang) if entry.msgid}
    assert set(found) == wanted
    nplurals = int(header_fields(entries(lang))["Plural-Forms"].split(";")[0].split("=")[1])
    for key, entry in found.items():
        assert all(text.strip() for text in entry.translations), key
        assert len(entry.translations) == (nplurals if entry.plural is not None else 1), key


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match(lang: str) -> None:
    """Every translation fills exactly the English message's placeholders (a Russian ordinal may be
    in the genitive); a plural form for one number only (Arabic 1 and 2) may spell the number out."""
    index = plural_index(lang)
    single = {form for form in range(6) if sum(1 for n in range(1000) if index(n) == form) == 1}
    for entry in entries(lang):
        if not entry.msgid:
            continue
        english = set(PLACEHOLDER.findall(entry.plural or entry.msgid))
        for form, text in enumerate(entry.translations):
            used = set(PLACEHOLDER.findall(text))
            allowed = set().union(*(VARIANTS.get(name, {name}) for name in english))
            assert used <= allowed, (entry.msgid, text)
            for name in english:
                if name == "n" and entry.plural is not None and form in single:
                    continue
                assert used & VARIANTS.get(name, {name}), (entry.msgid, text, name)
            text.format(**{name: "x" for name in allowed})  # no stray braces


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("domain", ["hanoi", "participants"])
def test_compiled_catalogues_are_the_po_files(lang: str, domain: str) -> None:
    """The shipped .mo is exactly the compilation of the .po (run scripts/catalogues.py after editing)."""
    folder = LOCALE / lang / "LC_MESSAGES"
    assert (folder / f"{domain}.mo").read_bytes() == compile_mo(entries(lang, domain))


def test_the_catalogues_script_has_nothing_to_do() -> None:
    assert catalogues.update(check=True) is False


def test_the_wheel_ships_the_catalogues() -> None:
    """Hatch ships everything under the package; the .mo files are there to be shipped."""
    shipped = {path.relative_to(LOCALE).as_posix() for path in LOCALE.rglob("*.mo")}
    assert shipped == {f"{lang}/LC_MESSAGES/{domain}.mo" for lang in TRANSLATED for domain in ("hanoi", "participants")}


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("ar", {0: "٠ يوم", 1: "يوم واحد", 2: "يومين", 3: "٣ أيام", 11: "١١ يومًا", 100: "١٠٠ يوم", 103: "١٠٣ أيام"}),
        ("ru", {1: "1 день", 2: "2 дня", 5: "5 дней", 11: "11 дней", 21: "21 день", 22: "22 дня", 112: "112 дней"}),
        ("fr", {0: "0 jour", 1: "1 jour", 2: "2 jours"}),
        ("es", {0: "0 días", 1: "1 día", 2: "2 días"}),
        ("zh", {1: "1天", 2: "2天"}),
        ("vi", {1: "1 ngày", 2: "2 ngày"}),
        ("id", {1: "1 hari", 2: "2 hari"}),
    ],
)
def test_plural_rules(lang: str, counts: dict[int, str]) -> None:
    tr = Translator(lang)
    assert {n: tr.plural("{n} day", "{n} days", n) for n in counts} == counts


@pytest.mark.parametrize(
    ("lang", "first", "later", "month"),
    [
        ("ar", "١ حزيران/يونيه ٢٠٢٠", "٣١ كانون الأول/ديسمبر ٢٠٢٦", "نيسان/أبريل ٢٠٢٨"),
        ("zh", "2020年6月1日", "2026年12月31日", "2028年4月"),
        ("en", "1 June 2020", "31 December 2026", "April 2028"),
        ("fr", "1er juin 2020", "31 décembre 2026", "avril 2028"),
        ("ru", "1 июня 2020 года", "31 декабря 2026 года", "апрель 2028 года"),
        ("es", "1 de junio de 2020", "31 de diciembre de 2026", "abril de 2028"),
        ("vi", "ngày 1 tháng 6 năm 2020", "ngày 31 tháng 12 năm 2026", "tháng 4 năm 2028"),
        ("id", "1 Juni 2020", "31 Desember 2026", "April 2028"),
    ],
)
def test_long_dates(lang: str, first: str, later: str, month: str) -> None:
    tr = Translator(lang)
    assert (tr.long_date(date(2020, 6, 1)), tr.long_date(date(2026, 12, 31)), tr.month_year(date(2028, 4, 17))) == (
        first,
        later,
        month,
    )


@pytest.mark.parametrize(
    ("lang", "ordinals"),
    [
        ("en", ("1st", "3rd", "40th")),
        ("fr", ("1er", "3e", "40e")),
        ("es", ("1.er", "3.er", "40.º")),
        ("ru", ("1-й", "3-й", "40-й")),
        ("ar", ("الـ١", "الـ٣", "الـ٤٠")),
        ("zh", ("第1", "第3", "第40")),
        ("vi", ("thứ 1", "thứ 3", "thứ 40")),
        ("id", ("ke-1", "ke-3", "ke-40")),
    ],
)
def test_ordinals(lang: str, ordinals: tuple[str, str, str]) -> None:
    tr = Translator(lang)
    assert tuple(tr.ordinal(n) for n in (1, 3, 40)) == ordinals


def test_language_codes() -> None:
    assert [check_language(value) for value in ("FR", "zh-CN", "pt-br".replace("pt", "es"), "vi")] == [
        "fr",
        "zh",
        "es",
        "vi",
    ]
    with pytest.raises(ValueError, match="ar, zh, en, fr, ru, es, vi, id"):
        check_language("de")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_participant_of_the_shipped_ledgers_has_a_name(lang: str) -> None:
    """The UN's short names, written for each participant of the shipped ledger and the sample."""
    import yaml

    codes = set()
    for path in (ROOT / "data" / "signatories.yaml", SAMPLE):
        codes |= {
            participant["code"] for participant in yaml.safe_load(path.read_text(encoding="utf-8"))["participants"]
        }
    named = {entry.msgid for entry in entries(lang, "participants") if entry.msgid}
    assert codes <= named
    tr = Translator(lang)
    assert tr.participant("Viet Nam", "VNM") != "VNM"
    assert tr.participant("Atlantis", "ATL") == "Atlantis"  # an unknown code keeps the ledger's name


def test_flags_a_table_can_show_are_all_translated() -> None:
    from hanoi_cli.core.ledger.evidence import LEVEL_WORDS
    from hanoi_cli.core.payloads.localized import LOOKED_UP

    words = set(LEVEL_WORDS.values()) - {"depositary"}
    assert words <= set(LOOKED_UP["flag"])


# --- through the CLI ---

LEDGER_DATES = {
    "shipped": "2026-12-04",
    "sample-early": "2020-06-01",
    "sample-pending": "2020-08-01",
    "sample-in-force": "2021-06-01",
}


def headline(run, lang: str, ledger: list[str], as_of: str) -> str:
    result = run("status", *ledger, "--as-of", as_of, "--lang", lang, env={"HANOI_TODAY": "2026-12-04"})
    assert result.exit_code == 0, result.output
    return result.stdout.split("\n\n")[0] + "\n"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_golden_headline_and_sentence(run, lang: str) -> None:
    """The headline and sentences of the shipped ledger and of the sample (before the threshold,
    pending, in force), and the quotable sentence of --brief, as a journalist would paste them."""
    parts = [headline(run, lang, [], LEDGER_DATES["shipped"])]
    for name in ("sample-early", "sample-pending", "sample-in-force"):
        parts.append(headline(run, lang, [str(SAMPLE)], LEDGER_DATES[name]))
    for ledger, as_of in (([], LEDGER_DATES["shipped"]), ([str(SAMPLE)], LEDGER_DATES["sample-early"])):
        brief = run("status", *ledger, "--as-of", as_of, "--brief", "--lang", lang, env={"HANOI_TODAY": "2026-12-04"})
        parts.append(brief.stdout)  # the quotable sentence
    assert_golden(f"i18n/status.{lang}.txt", "\n".join(parts))


# A masculine treaty of the reference set (the Trafficking in Persons Protocol, no title of its own
# in our tables): before the threshold, pending and in force, then its quotable sentence.
PROTOCOL_DATES = ("2003-01-01", "2003-10-01", "2026-12-04")


@pytest.mark.parametrize("lang", ("fr", "es", "ru", "ar"))
def test_golden_sentences_agree_with_a_masculine_treaty(run, lang: str) -> None:
    """The sentences agree with the title's gender: "Le traité « ... » est entré en vigueur",
    "el tratado ... entró", "договор ... вступил"; Arabic's "المعاهدة" is feminine."""
    treaty = ["--treaty", "XVIII-12-a"]
    parts = [headline(run, lang, treaty, as_of) for as_of in PROTOCOL_DATES]
    for as_of in PROTOCOL_DATES:
        brief = run("status", *treaty, "--as-of", as_of, "--brief", "--lang", lang, env={"HANOI_TODAY": "2026-12-04"})
        parts.append(brief.stdout)
    assert_golden(f"i18n/masculine.{lang}.txt", "\n".join(parts))


def test_english_is_english(run) -> None:
    """--lang en says exactly what hanoi says without it."""
    plain = run("status", str(SAMPLE), "--as-of", "2020-08-01")
    english = run("status", str(SAMPLE), "--as-of", "2020-08-01", "--lang", "en")
    assert english.stdout == plain.stdout


def test_unknown_language_is_a_usage_error(run) -> None:
    result = run("status", "--lang", "de")
    assert result.exit_code == 2
    assert "ar, zh, en, fr, ru, es, vi, id" in result.output
    from_env = run("status", env={"HANOI_LANG": "klingon"})
    assert from_env.exit_code == 2
    assert "klingon" in from_env.output


def test_hanoi_lang_sets_the_language(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", "2021-06-01", env={"HANOI_LANG": "vi"})
    assert "Test Convention đã có hiệu lực từ ngày 28 tháng 9 năm 2020" in result.stdout


def test_json_gains_the_localized_object_only_with_lang(run) -> None:
    plain = json.loads(run("status", str(SAMPLE), "--as-of", "2021-06-01", "-f", "json").stdout)
    french = json.loads(run("status", str(SAMPLE), "--as-of", "2021-06-01", "-f", "json", "--lang", "fr").stdout)
    assert "localized" not in plain
    localized = french.pop("localized")
    assert french == plain  # every other key and value unchanged: machine output never changes
    assert localized["lang"] == "fr"
    assert localized["summary"].startswith("Le traité « Test Convention » est entré en vigueur le 28 septembre 2020")
    hanoi = json.loads(run("status", "--as-of", "2026-12-04", "-f", "json", "--lang", "zh").stdout)["localized"]
    assert (hanoi["short_title"], hanoi["title"]) == ("《河内公约》", "联合国打击网络犯罪公约")


def test_csv_never_changes(run) -> None:
    plain = run("status", str(SAMPLE), "--as-of", "2021-06-01", "-f", "csv").stdout
    assert run("status", str(SAMPLE), "--as-of", "2021-06-01", "-f", "csv", "--lang", "ru").stdout == plain


def test_table_keeps_codes_and_iso_dates_and_translates_headings_and_flags(run) -> None:
    result = run("status", str(SAMPLE), "--as-of", "2021-06-01", "--lang", "es")
    assert "Participante" in result.stdout and "Indicaciones" in result.stdout
    assert "Unión Europea" in result.stdout and "OREI" in result.stdout and "reservas" in result.stdout
    assert "2020-05-20 A" in result.stdout and "CHL" in result.stdout  # codes and ISO dates as they are


def test_arabic_keeps_dates_and_counts_left_to_right(run) -> None:
    out = run("status", str(SAMPLE), "--as-of", "2021-06-01", "--lang", "ar").stdout
    assert "\u20662021-06-01\u2069" in out  # a left-to-right isolate around the ISO date
    assert "\u2066٤ / ٣\u2069" in out
    assert "غانا" in out and "GHA" in out


def test_markdown_in_another_language(run) -> None:
    out = run("status", str(SAMPLE), "--as-of", "2021-06-01", "-f", "markdown", "--lang", "id").stdout
    assert out.startswith("## Test Convention (TEST-1): status per 2021-06-01\n")
    assert "| Peserta | Kode |" in out


def test_project_and_forecast_sentences(run) -> None:
    projected = run(
        "project",
        str(SAMPLE),
        "--as-of",
        "2020-04-01",
        "-a",
        "GHA=accession:2020-05-01",
        "-a",
        "PER=2020-05-02",
        "--lang",
        "ru",
    )
    assert "При этих допущениях договор «Test Convention» вступил бы в силу 31 июля 2020 года" in projected.stdout
    assert "Гана        GHA   присоединение   2020-05-01" in projected.stdout  # the assumed deposits' table
    assert "Гипотетически: в реестр ничего не записано." in projected.stdout
    paced = run("project", str(SAMPLE), "--as-of", "2020-04-01", "--pace", "2.5/month", "--lang", "fr").stdout
    assert "Rythme : 2,5 instruments pris en compte par mois à partir du 2020-04-01 : 2 dépôts au rythme" in paced
    payload = json.loads(
        run("forecast", "--as-of", "2026-12-04", "-f", "json", "--lang", "id", "--simulations", "200").stdout
    )
    assert payload["localized"]["summary"].startswith("Konvensi Hanoi masih memerlukan 40 instrumen ratifikasi")
    table = run("forecast", "--as-of", "2026-12-04", "--lang", "fr", "--simulations", "200", "--seed", "1").stdout
    assert "Seuil atteint  " in table and "Entrée en vigueur  " in table  # the quantiles' rows and headings
    assert "10 %" in table and "médiane" in table
    assert "enregistré du 2025-10-25 au 2025-11-16 ; rythme attendu d'après la classe : 0,63 par mois" in table


def test_status_without_lang_loads_no_catalogue() -> None:
    """Without --lang the start-up is what it was: neither the translator nor the localized wording
    is imported, so no catalogue is read (the gettext module itself comes with Typer's Click)."""
    from test_architecture import NO_CACHE, hanoi_in_a_new_process

    ours = {"hanoi_cli.core.ledger.language", "hanoi_cli.core.payloads.localized"}
    plain = hanoi_in_a_new_process(["status", str(SAMPLE), "--as-of", "2021-06-01"], NO_CACHE)
    assert plain.code == 0
    assert not ours & plain.modules
    french = hanoi_in_a_new_process(["status", str(SAMPLE), "--as-of", "2021-06-01", "--lang", "fr"], NO_CACHE)
    assert french.code == 0 and ours <= french.modules
    assert "Le traité « Test Convention » est entré en vigueur" in french.stdout


def test_feed_words() -> None:
    """The feed's items in another language: Russian declines the title, French keeps its article."""
    from hanoi_cli.core.payloads.localized import words_for
    from hanoi_cli.core.reading.ledger_paths import shipped_ledger
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.rules.engine import evaluate

    evaluation = evaluate(read_ledger(shipped_ledger()).ledger, date(2026, 12, 4))
    treaty = evaluation.treaty
    russian = words_for("ru")
    assert russian is not None
    assert (
        russian.feed_event("signature", treaty, "Гана", date(2025, 10, 25))[0] == "Гана подписывает Ханойскую конвенцию"
    )
    french = words_for("fr")
    assert french is not None
    title, summary = french.feed_event("deposit", treaty, "Ghana", date(2026, 3, 1), instrument="accession")
    assert title == "Ghana dépose son instrument (adhésion)"
    assert (
        summary
        == "Ghana a déposé son instrument (adhésion) relatif à la Convention de Hanoï auprès du dépositaire le 1er mars 2026."
    )
    closing = words_for("ar")
    assert closing is not None
    assert closing.feed_window_closing(evaluation, date(2026, 12, 31))[1].startswith(
        "يتبقى ٢٧ يومًا للتوقيع على اتفاقية هانوي"
    )


def test_feed_words_agree_with_a_masculine_treaty() -> None:
    """A Protocol's feed: "le traité « ... »" takes "du", Russian declines "договор", Spanish "del"."""
    from hanoi_cli.core.payloads.localized import words_for
    from hanoi_cli.core.reading.loader import read_ledger
    from hanoi_cli.core.reading.reference_set import reference_path
    from hanoi_cli.core.rules.engine import evaluate

    treaty = evaluate(read_ledger(reference_path("XVIII-12-a")).ledger, date(2026, 12, 4)).treaty
    said = {}
    for lang in ("fr", "es", "ru"):
        words = words_for(lang)
        assert words is not None
        said[lang] = words.feed_event("denunciation", treaty, "X", date(2026, 3, 1))[1]
    assert said["fr"] == "X a notifié sa dénonciation du traité « Trafficking in Persons Protocol » le 1er mars 2026."
    assert said["es"] == "X notificó su denuncia del tratado «Trafficking in Persons Protocol» el 1 de marzo de 2026."
    assert said["ru"] == "Уведомление о денонсации договора «Trafficking in Persons Protocol»: X, 1 марта 2026 года."


def test_the_page_in_arabic_reads_right_to_left(run, tmp_path: Path) -> None:
    """hanoi report --lang ar: <html lang="ar" dir="rtl">, the answer in Arabic, the ISO dates
    kept as they are; without --lang the page stays English and left to right."""
    arabic, english = tmp_path / "ar.html", tmp_path / "en.html"
    assert run("report", "-o", str(arabic), "--as-of", "2026-12-04", "--lang", "ar", "--no-map").exit_code == 0
    assert run("report", "-o", str(english), "--as-of", "2026-12-04", "--no-map").exit_code == 0
    page = arabic.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page
    assert "<h1>اتفاقية هانوي" in page and "اتفاقية الأمم المتحدة لمكافحة الجرائم السيبرانية" in page
    assert "اتفاقية هانوي ليست نافذة: تحتاج إلى ٤٠ صكًا إضافيًا" in page
    assert '<time class="date" datetime="2026-12-04">2026-12-04</time>' in page
    assert ">المشارك</th>" in page and "الجزائر" in page and "DZA" in page
    assert "Participants</h3>" not in page  # no English heading left among those translated
    plain = english.read_text(encoding="utf-8")
    assert '<html lang="en">' in plain and "Participants</h3>" in plain


def test_the_page_map_notes_in_spanish(run, tmp_path: Path) -> None:
    """The page's map legend and the UN's map disclaimer in the UN's Spanish wording."""
    spanish = tmp_path / "es.html"
    assert run("report", "-o", str(spanish), "--as-of", "2026-12-04", "--lang", "es").exit_code == 0
    page = spanish.read_text(encoding="utf-8")
    assert "Los límites y los nombres que figuran en este mapa" in page and "Mapa: Natural Earth" in page
    assert "No participante" in page and "Signatario" in page
    assert "do not imply official" not in page


def test_the_feed_in_spanish_keeps_its_ids(run, tmp_path: Path) -> None:
    spanish, english = tmp_path / "es.xml", tmp_path / "en.xml"
    assert run("feed", "-o", str(spanish), "--as-of", "2026-12-04", "--lang", "es").exit_code == 0
    assert run("feed", "-o", str(english), "--as-of", "2026-12-04").exit_code == 0
    text = spanish.read_text(encoding="utf-8")
    assert 'xml:lang="es"' in text
    assert "<title>Convención de Hanói (XVIII-16): firmas, ratificaciones y entrada en vigor</title>" in text
    assert "Argelia firma la Convención de Hanói" in text
    ids = re.compile(r"<id>(.*?)</id>")
    assert ids.findall(text) == ids.findall(english.read_text(encoding="utf-8"))


def test_a_summary_of_several_ledgers_in_russian(run) -> None:
    result = run("status", str(SAMPLE), str(DATA / "pending.yaml"), "--as-of", "2021-06-01", "--lang", "ru")
    assert result.exit_code == 0
    assert result.stdout.startswith("Состояние 2 договоров на 2021-06-01")
    assert "Засчитано 4 / 3" in result.stdout and "2 договора:" in result.stdout


def test_reference_conventions_under_their_titles(run) -> None:
    """UNTOC and UNCAC (hanoi status --treaty) under their titles in each language."""
    result = run("status", "--treaty", "XVIII-14", "--as-of", "2026-12-04", "--lang", "es")
    assert (
        "La Convención de las Naciones Unidas contra la Corrupción entró en vigor el 14 de diciembre de 2005"
        in result.stdout
    )


def test_the_map_picture_in_french_and_arabic(run, tmp_path: Path) -> None:
    """chart --map --lang: legend, notes, title and the UN disclaimer in the language; a PNG in
    Arabic or Chinese keeps English (matplotlib cannot shape Arabic; its font has no Chinese)."""
    from hanoi_cli.core.payloads.localized import words_for
    from hanoi_cli.render.publication.world_map import png_words

    french = tmp_path / "fr.svg"
    assert run("chart", "--map", "--as-of", "2026-12-04", "--lang", "fr", "-o", str(french)).exit_code == 0
    picture = french.read_text(encoding="utf-8")
    assert "Convention de Hanoï (XVIII-16) : participants au 2026-12-04" in picture
    assert "Les frontières et les noms indiqués" in picture and "Non participant" in picture
    assert png_words(words_for("ar")) is None and png_words(words_for("zh")) is None
    assert png_words(words_for("ru")) is not None
