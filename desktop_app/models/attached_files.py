"""The file attached to a row (an invoice, a signed agreement), as stored.

The file itself is copied into the attachments folder under its SHA-256 by
`desktop_app.attachments.store_file` (the rules of portfolio samples: at
most 100 MB, stored once per content, never deleted so undo finds it); a
row keeps the hash, the original's name and its size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.models.errors import ValidationError
from desktop_app.models.i18n import _

ATTACHMENT_FIELDS = ("file_hash", "file_name", "file_size")
FILE_NAME_MAX_LENGTH = 300


def clean_attachment(values: Mapping[str, Any]) -> dict[str, Any]:
    """The attachment fields of `values` checked ({} when it names none); no
    file (an empty hash) clears the name and size too."""
    if "file_hash" not in values:
        return {}
    file_hash = values["file_hash"] or None
    if file_hash is None:
        return {"file_hash": None, "file_name": "", "file_size": None}
    if len(file_hash) != 64 or any(c not in "0123456789abcdef" for c in file_hash):
        raise ValidationError(_("The attached file is not one Offload stored."), "file_hash")
    size = values.get("file_size")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
        raise ValidationError(_("The attached file's size is not known."), "file_hash")
    return {
        "file_hash": file_hash,
        "file_name": str(values.get("file_name") or "")[:FILE_NAME_MAX_LENGTH],
        "file_size": size,
    }
