"""The one exception type for bad input: its message names the field that is wrong."""

from __future__ import annotations


class AdjusterError(Exception):
    """Base for errors a user can act on; the CLI prints ``str(err)`` as one line, no traceback."""


class ValidationError(AdjusterError, ValueError):
    """Bad input. ``field`` is a dotted path such as ``items[3].unit_price``."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class NotFoundError(AdjusterError, LookupError):
    def __init__(self, entity: str, key: str) -> None:
        self.entity, self.key = entity, key
        super().__init__(f"{entity} {key!r} not found")


class TransitionError(ValidationError):
    """A status change the workflow does not allow."""
