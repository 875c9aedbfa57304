"""Plain callables through which long work reports progress and learns it should stop (no Qt in the core)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total)
ShouldCancel = Callable[[], bool]


class Cancelled(Exception):
    """Raised inside long work when the person asked to stop; the caller's transaction rolls back."""


def no_progress(_done: int, _total: int) -> None:
    return None


def never_cancel() -> bool:
    return False
