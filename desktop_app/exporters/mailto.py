"""A `mailto:` link (RFC 6068) that opens the user's mail program pre-filled."""

from __future__ import annotations

from urllib.parse import quote


def mailto_url(address: str, subject: str, body: str) -> str:
    """`mailto:address?subject=...&body=...`, every part percent-encoded as UTF-8.

    Spaces become %20 (not "+", which mail programs would show literally) and
    line breaks become %0D%0A, as RFC 6068 asks.
    """
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(address.strip(), safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )
