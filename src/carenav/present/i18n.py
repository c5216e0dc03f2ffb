"""The languages a client document is written in, through gettext message catalogs.

English is the source language. Each other language has a `.po` catalog in
`carenav/present/locale/<lang>/LC_MESSAGES/carenav.po`; it is compiled with babel when
first used, in memory, so the translations always match the shipped `.po` and nothing
is written to disk. Strings are marked with `_()` where they are used and `N_()` where
they are defined ahead of use; `pybabel extract` finds both.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "carenav"
# The languages a handout can be written in, with each one's name in itself.
LANGUAGES = {"en": "English", "es": "Español"}


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message


def po_path(language: str) -> Path:
    """Where the message catalog of a language lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The translations for a language code in LANGUAGES (English: the strings as written)."""
    if language not in LANGUAGES:
        from carenav.errors import InputError

        raise InputError("language", f"'{language}' is not a handout language", "en or es")
    if language == "en":
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


# How `pybabel extract` finds the handout's strings (`make messages` and the tests use it):
# w("..."), w.raw("..."), w.plural("...", "...", n) and N_("...").
EXTRACT_KEYWORDS = {"w": None, "raw": None, "plural": (1, 2), "N_": None}
