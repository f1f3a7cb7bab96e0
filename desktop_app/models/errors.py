"""Errors that the user can understand and act on.

A `UserError` is shown to the user with its message as it is; anything else
that escapes is a bug, logged with its traceback.
"""

from __future__ import annotations

from collections.abc import Mapping


class UserError(Exception):
    """A known, explainable failure; the message is written for the user."""


class ValidationError(UserError):
    """Input that breaks a domain rule. Nothing was changed.

    Attributes:
        errors: field name -> message, so a form can point at each field.
        field: the first field at fault, or None when the input as a whole is wrong.
        suggestions: field name -> a value the form may offer to put in instead
            (the https:// form of a web address typed without it).
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.errors: dict[str, str] = {field or "": message}
        self.field = field
        self.suggestions: dict[str, str] = {}

    @classmethod
    def from_errors(
        cls, errors: Mapping[str, str], suggestions: Mapping[str, str] | None = None
    ) -> ValidationError:
        """One error that carries a message (and maybe a suggestion) for each field at fault."""
        first_field, first_message = next(iter(errors.items()))
        error = cls(" ".join(errors.values()) if len(errors) > 1 else first_message, first_field)
        error.errors = dict(errors)
        error.suggestions = dict(suggestions or {})
        return error


class NeedsConfirmation(UserError):
    """Input that is allowed but unusual: the owner is asked first.

    The edit changed nothing; the view asks with `question` and, on yes, calls
    the same model function again with `confirmed=True`.

    Attributes:
        question: what to ask the owner, in their words.
        field: the field the question is about.
    """

    def __init__(self, question: str, field: str | None = None) -> None:
        super().__init__(question)
        self.question = question
        self.field = field
