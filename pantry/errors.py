"""The one exception type for problems a user can fix."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or a refused operation, with a message written for the person at the desk.

    `problems` holds one line per problem when several were found at once (an import lists every bad row).
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]

    def __str__(self) -> str:
        return "\n".join(self.problems)

    @property
    def summary(self) -> str:
        """One line for a status bar: the message, or how many problems there were."""
        return str(self.args[0])
