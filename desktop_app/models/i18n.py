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
from importlib import resources
from pathlib import Path

from desktop_app.models.formats import integer, system_locale_name

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


def use_language(setting: str) -> str:
    """Load the catalogue of `setting`'s language for this process; returns
    the language now in use ("en" when its catalogue is missing or broken)."""
    global _current, _current_language  # noqa: PLW0603 (one language per process)
    language = language_for(setting)
    _current, _current_language = _ENGLISH, "en"
    if language == "en":
        return "en"
    path = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as file:
            _current = gettext.GNUTranslations(file)
    except Exception as error:
        # Broken or missing: said once per file, never fatal.
        if str(path) not in _reported:
            _reported.add(str(path))
            log.warning(
                "cannot load the %s translation (%s): %s; using English", language, path, error
            )
        return "en"
    _current_language = language
    return language


def current_language() -> str:
    return _current_language


def _(message: str) -> str:
    """`message` in the owner's language."""
    return _current.gettext(message)


def N_(message: str) -> str:
    """Mark `message` for translation where it is declared; `_` translates it
    where it is shown."""
    return message


def ngettext(singular: str, plural: str, number: int) -> str:
    """The form of a counted sentence for `number`, in the owner's language."""
    return _current.ngettext(singular, plural, number)


def count(number: int, singular: str, plural: str, **values: object) -> str:
    """A counted sentence, filled: count(1, "{count} entry", "{count} entries")
    is "1 entry"; the number is written in the owner's locale ("1.234"), and
    the sentence's other placeholders are filled from `values`."""
    return ngettext(singular, plural, number).format(count=integer(number), **values)
