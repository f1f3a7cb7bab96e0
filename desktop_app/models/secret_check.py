"""The one check that a secret was not typed where a name belongs.

A procedure's "tools and accounts" and the access register name the tools
and accounts a contractor reaches, never the passwords or keys that open
them: those go through a password manager. `refuse_secret` is what both
call, so a line refused in one is refused in the other, with the same why.
"""

from __future__ import annotations

import re

from desktop_app.models.errors import ValidationError
from desktop_app.models.i18n import _

# "password: hunter2", "PIN = 1234", "API key: …": a secret given its label.
_LABELLED = re.compile(
    r"\b(pass\s*word|passwd|pwd|passcode|pin|secret|api[\s_-]*key|token)\b\s*[:=]",
    re.IGNORECASE,
)
# Keys whose shape gives them away even without a label: the prefixes of
# common services' tokens, and private keys pasted whole.
_KNOWN_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])(sk_live_|sk_test_|rk_live_|ghp_|gho_|github_pat_|xox[abpr]-|AKIA|AIza"
    r"|glpat-|shpat_|shpss_)[A-Za-z0-9_\-]{8,}"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----"
)
# A word that reads like a web address, an e-mail address or a file path is
# a name, however long; a key or a password has none of their marks.
_ADDRESS_MARKS = ("/", "@", "\\", "://", "www.")


def _classes(word: str) -> set[str]:
    found = set()
    for char in word:
        if char.islower():
            found.add("lower")
        elif char.isupper():
            found.add("upper")
        elif char.isdigit():
            found.add("digit")
        else:
            found.add("symbol")
    return found


def _looks_generated(word: str) -> str | None:
    word = word.strip("\"'“”‘’()[]{}<>,;")
    if any(mark in word for mark in _ADDRESS_MARKS):
        return None
    classes = _classes(word)
    # A long run of letters and digits: a key, a token, a generated password.
    if len(word) >= 24 and "digit" in classes and len(classes - {"symbol"}) >= 2:
        return "it holds a long string of letters and digits, like a key"
    # Lower and upper case, digits and symbols in one word: a password.
    if len(word) >= 10 and classes == {"lower", "upper", "digit", "symbol"}:
        return "it holds a word mixing letters, digits and symbols, like a password"
    return None


def looks_like_secret(line: str) -> str | None:
    """Why `line` looks like it holds a password or a key, or None."""
    if _LABELLED.search(line):
        return "it gives a password, PIN or key"
    if _KNOWN_TOKEN.search(line):
        return "it holds what looks like an access token or a private key"
    for word in line.split():
        reason = _looks_generated(word)
        if reason is not None:
            return reason
    return None


def refuse_secret(value: str, field: str) -> str:
    """`value` unchanged, or a ValidationError for `field` saying which line
    looks like a secret, why, and what to write instead."""
    for line in value.splitlines() or [value]:
        reason = looks_like_secret(line)
        if reason is not None:
            raise ValidationError(
                _(
                    "“{line}” looks like it holds a password or a key ({reason}). Write the "
                    "tool's or account's name only; share secrets through a password manager."
                ).format(line=line.strip(), reason=reason),
                field,
            )
    return value
