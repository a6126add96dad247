"""Keep the translation catalogues in step with the code: ``python scripts/catalogues.py``.

Collects every message the code asks for (``core.payloads.localized`` and the renderers), adds
the missing ones to each ``src/hanoi_cli/locale/LANG/LC_MESSAGES/hanoi.po`` (untranslated, so
the tests fail until someone translates them), drops the ones no longer asked for, and compiles
every ``.po`` (``hanoi`` and ``participants``) to the ``.mo`` gettext reads. ``--check`` only
compiles and says whether anything would change.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hanoi_cli.core.ledger.catalogue_files import (  # noqa: E402
    Entry,
    compile_mo,
    header_fields,
    messages_in,
    parse_po,
    po_text,
)
from hanoi_cli.core.ledger.language import GENDERED_LANGUAGES, LANGUAGES, MASCULINE  # noqa: E402

PACKAGE = ROOT / "src" / "hanoi_cli"
TEMPLATE_MESSAGE = re.compile(r'\bt\("((?:[^"\\]|\\.)*)"')
LOCALE = PACKAGE / "locale"
# The modules whose messages are translated: sentences, and the renderers' labels and headings.
SOURCES = ("core/ledger/language.py", "core/payloads/localized.py", "render")


def asked_for(lang: str = "fr") -> list[Entry]:
    """Every message of the code ``lang`` needs, once, in the order the code asks for them; then the
    looked-up words. A sentence's masculine form only where the language makes it agree."""
    from hanoi_cli.core.payloads.localized import LOOKED_UP

    files: list[Path] = []
    for source in SOURCES:
        path = PACKAGE / source
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    seen: dict[tuple, Entry] = {}
    for path in files:
        for entry in messages_in(path.read_text(encoding="utf-8")):
            seen.setdefault((entry.context, entry.msgid, entry.plural), entry)
    for template in sorted((PACKAGE / "render" / "templates").glob("*.j2")):  # {{ t("...") }} in the page
        for found in TEMPLATE_MESSAGE.finditer(template.read_text(encoding="utf-8")):
            seen.setdefault((None, found.group(1), None), Entry(msgid=found.group(1)))
    for context, words in LOOKED_UP.items():
        for word in words:
            seen.setdefault((context, word, None), Entry(msgid=word, context=context))
    return [
        entry
        for entry in seen.values()
        if not (entry.context or "").startswith(MASCULINE) or lang in GENDERED_LANGUAGES
    ]


def update(check: bool) -> bool:
    changed = False
    for lang in LANGUAGES:
        if lang == "en":
            continue
        wanted = asked_for(lang)
        folder = LOCALE / lang / "LC_MESSAGES"
        po = folder / "hanoi.po"
        text = po.read_text(encoding="utf-8")
        entries = parse_po(text)
        header_end = text.index("\n\n") if "\n\n" in text else len(text)
        known = {(entry.context, entry.msgid, entry.plural): entry for entry in entries if entry.msgid}
        nplurals = int(header_fields(entries)["Plural-Forms"].split(";")[0].split("=")[1])
        merged = [known.get((entry.context, entry.msgid, entry.plural), entry) for entry in wanted]
        new_text = po_text(merged, text[:header_end], nplurals)
        if new_text != text:
            changed = True
            if not check:
                po.write_text(new_text, encoding="utf-8")
        for domain in ("hanoi", "participants"):
            source = folder / f"{domain}.po"
            mo = compile_mo(parse_po(source.read_text(encoding="utf-8")))
            target = folder / f"{domain}.mo"
            if not target.exists() or target.read_bytes() != mo:
                changed = True
                if not check:
                    target.write_bytes(mo)
    return changed


if __name__ == "__main__":
    check = "--check" in sys.argv[1:]
    changed = update(check)
    if check and changed:
        print("catalogues out of date: run python scripts/catalogues.py", file=sys.stderr)
        sys.exit(1)
