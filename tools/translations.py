"""Keep the gettext catalogues in step with the code (Babel's own tools).

    python -m tools.translations update     # extract the marked strings, merge into every .po
    python -m tools.translations compile    # .po -> .mo (shipped in resources/locale)
    python -m tools.translations status     # translated / marked, per language

Strings are marked with `_`, `N_`, `ngettext` and `count` (models/i18n.py).
A translator edits resources/locale/<lang>/LC_MESSAGES/offload.po, keeping
the product's words in docs/glossary/<lang>.md, then runs `compile`;
tests/test_translations.py fails while a shipped catalogue lags the code or
its .mo lags its .po.
"""

from __future__ import annotations

import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "desktop_app"
LOCALE_DIR = ROOT / "resources" / "locale"
DOMAIN = "offload"
# The shipped languages besides English (models/i18n.py's LANGUAGES).
SHIPPED = ("de", "es", "fr", "pt_BR")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "count": (2, 3)}


def extract() -> Catalog:
    """Every marked string of the package, with where it is used."""
    catalog = Catalog(project="Offload", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    ):
        catalog.add(
            message,
            None,
            [(f"desktop_app/{filename}", lineno)],
            auto_comments=comments,
            context=context,
            flags=("python-brace-format",) if _has_placeholder(message) else (),
        )
    return catalog


def _has_placeholder(message: str | tuple[str, ...]) -> bool:
    texts = message if isinstance(message, tuple) else (message,)
    return any("{" in text for text in texts)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="Offload", domain=DOMAIN, charset="utf-8")
    with path.open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def write_catalog(language: str, catalog: Catalog) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog, width=100, omit_header=False, sort_output=False,
                 ignore_obsolete=True, include_previous=False, include_lineno=False)  # fmt: skip


def mo_bytes(catalog: Catalog) -> bytes:
    """The .mo of `catalog` (fuzzy entries left out, as gettext would)."""
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> None:
    template = extract()
    for language in SHIPPED:
        catalog = read_catalog(language)
        catalog.update(template, no_fuzzy_matching=True)
        write_catalog(language, catalog)
        print(f"{language}: {po_path(language).relative_to(ROOT)}")


def compile_all() -> None:
    for language in SHIPPED:
        mo = po_path(language).with_suffix(".mo")
        mo.write_bytes(mo_bytes(read_catalog(language)))
        print(f"{language}: {mo.relative_to(ROOT)}")


def completeness(language: str, template: Catalog | None = None) -> tuple[int, int]:
    """(translated, marked) for `language` against the code's marked strings."""
    template = template or extract()
    catalog = read_catalog(language)
    marked = [message for message in template if message.id]
    done = 0
    for message in marked:
        found = catalog.get(message.id, context=message.context)
        if found is not None and not found.fuzzy and _translated(found.string):
            done += 1
    return done, len(marked)


def _translated(string: str | tuple[str, ...] | None) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def status() -> None:
    template = extract()
    for language in SHIPPED:
        done, marked = completeness(language, template)
        print(f"{language}: {done} of {marked} marked strings translated")


def main(argv: list[str]) -> int:
    commands = {"update": update, "compile": compile_all, "status": status}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
