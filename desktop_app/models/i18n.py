"""The owner's language: gettext catalogues, plurals, sentences whole.

Every user-facing string is marked: `_("...")` where it is shown,
`N_("...")` where it is declared at import time (tab titles, setting
labels: translated by `_` where they are shown), `ngettext` for anything
counted, so "1 entry" and "2 entries" are each a whole sentence a
translator writes. Placeholders are named (`{count}`, `{name}`) and filled
after translation, never glued from pieces.

Catalogues live in resources/locale/<lang>/LC_MESSAGES/offload.mo (the .po
beside it is the source; `python -m tools.translations compile` writes the
.mo, `extract` and `update` keep the .po files in step with the code). The
language is one per process, chosen in Settings (from the next start) or
the system's. A catalogue that fails to load is reported once in the log
and the app runs in English.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources
from pathlib import Path

from desktop_app.models.formats import (
    document_locale,
    integer,
    locale_for_language,
    system_locale_name,
)

log = logging.getLogger("offload.i18n")

DOMAIN = "offload"
# The shipped languages, each named in its own language (Settings offers them).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "fr": "Français",
    "pt_BR": "Português (Brasil)",
}
_ENGLISH = gettext.NullTranslations()
_current: gettext.NullTranslations = _ENGLISH
_current_language = "en"
_reported: set[str] = set()
# A document written in another language than the window's (`written_in`):
# set for the thread that writes it, so the window keeps its own words.
_document: ContextVar[tuple[str, gettext.NullTranslations] | None] = ContextVar(
    "document_language", default=None
)
_loaded: dict[str, gettext.NullTranslations] = {}


def locale_dir() -> Path:
    """resources/locale, from a source checkout, a wheel or a frozen build."""
    return Path(str(resources.files("desktop_app.resources") / "locale"))


def language_for(setting: str) -> str:
    """The shipped language a setting ("" = the system's) means: "de" for
    "de_AT", "pt_BR" for "pt"; English when none is shipped."""
    wanted = (setting.strip() or system_locale_name()).replace("-", "_")
    if wanted in LANGUAGES:
        return wanted
    base = wanted.split("_")[0]
    if base in LANGUAGES:
        return base
    return next((code for code in LANGUAGES if code.split("_")[0] == base), "en")


def _catalogue(language: str) -> gettext.NullTranslations | None:
    """The loaded catalogue of a shipped `language` (English's is empty);
    None, reported once, when it is missing or broken."""
    if language == "en":
        return _ENGLISH
    path = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as file:
            return gettext.GNUTranslations(file)
    except Exception as error:
        # Broken or missing: said once per file, never fatal.
        if str(path) not in _reported:
            _reported.add(str(path))
            log.warning(
                "cannot load the %s translation (%s): %s; using English", language, path, error
            )
        return None


def use_language(setting: str) -> str:
    """Load the catalogue of `setting`'s language for this process; returns
    the language now in use ("en" when its catalogue is missing or broken)."""
    global _current, _current_language
    language = language_for(setting)
    _loaded.clear()
    catalogue = _catalogue(language)
    if catalogue is None:
        _current, _current_language = _ENGLISH, "en"
        return "en"
    _current, _current_language = catalogue, language
    return language


def current_language() -> str:
    """The language words are written in now: a document's own (`written_in`)
    while one is written, else the window's."""
    document = _document.get()
    return document[0] if document else _current_language


@contextmanager
def written_in(language: str) -> Iterator[str]:
    """Within the block, this thread writes words, money, numbers and dates in
    `language` (a shipped one, e.g. a brief's own; "" = the window's), while
    the window keeps its own. Yields the language used ("en" when its
    catalogue cannot be loaded)."""
    wanted = language_for(language) if language else _current_language
    if wanted == _current_language and not language:
        catalogue: gettext.NullTranslations | None = _current
    elif wanted in _loaded:
        catalogue = _loaded[wanted]
    else:
        catalogue = _catalogue(wanted)
        if catalogue is not None:
            _loaded[wanted] = catalogue
    if catalogue is None:
        wanted, catalogue = "en", _ENGLISH
    token = _document.set((wanted, catalogue))
    try:
        # The owner's own formats when the document speaks the window's language.
        with document_locale(locale_for_language("" if wanted == _current_language else wanted)):
            yield wanted
    finally:
        _document.reset(token)


def _translations() -> gettext.NullTranslations:
    document = _document.get()
    return document[1] if document else _current


def _(message: str) -> str:
    """`message` in the owner's language (or the document's being written)."""
    return _translations().gettext(message)


def N_(message: str) -> str:
    """Mark `message` for translation where it is declared; `_` translates it
    where it is shown."""
    return message


def ngettext(singular: str, plural: str, number: int) -> str:
    """The form of a counted sentence for `number`, in the owner's language."""
    return _translations().ngettext(singular, plural, number)


def count(number: int, singular: str, plural: str, **values: object) -> str:
    """A counted sentence, filled: count(1, "{count} entry", "{count} entries")
    is "1 entry"; the number is written in the owner's locale ("1.234"), and
    the sentence's other placeholders are filled from `values`."""
    return ngettext(singular, plural, number).format(count=integer(number), **values)
