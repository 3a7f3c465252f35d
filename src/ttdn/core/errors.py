"""The one error type services raise; its message is a whole sentence for the user."""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule of the domain was broken; `message` says what and what to do."""

    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}

    def __str__(self) -> str:
        return str(self.message)
