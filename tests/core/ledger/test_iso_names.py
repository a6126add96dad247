"""Country names as data: the same names and codes pycountry gives, without importing it."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st


def test_the_iso_name_table_is_pycountrys() -> None:
    from hanoi_cli.core.ledger.iso_names import ISO_NAMES
    from hanoi_cli.core.ledger.participant_lookup import iso_names_from_pycountry

    assert ISO_NAMES == iso_names_from_pycountry()


def test_a_country_is_found_by_its_iso_name_without_pycountry() -> None:
    code = (
        "import sys\n"
        "from hanoi_cli.core.ledger.participant_lookup import iso_name_code\n"
        "assert iso_name_code('afghanistan') == 'AFG' and iso_name_code('republic of korea') == 'KOR'\n"
        "assert 'pycountry' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_the_ascii_shortcut_of_name_key_gives_the_full_rules_key(name: str) -> None:
    import unicodedata

    from hanoi_cli.core.ledger.names import name_key

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    assert name_key(name) == " ".join(letters.replace("\u2019", "'").split())
