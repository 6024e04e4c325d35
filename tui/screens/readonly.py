"""Actions that change the library say why they cannot, when it is read-only, and status
lines say when a change waits for another writer."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

from textual.notifications import SeverityLevel

if TYPE_CHECKING:
    from ..storage import Library

WAITING = "waiting for another newsreader to finish writing…"
"""In a screen's status line while a change waits (`NewsReader.writer_waiting`)."""
WAITING_SHORT = "waiting for a writer…"
"""The same, where the status line is short of room."""


class HoldsLibrary(Protocol):
    """A screen (or widget) showing a library, which it may change."""

    @property
    def library(self) -> Library: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...


S = TypeVar("S", bound=HoldsLibrary)
P = ParamSpec("P")


def writes(action: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
    """Mark an action of a screen with a `library` as one that changes it.

    On a read-only library the action does nothing but notify the reason, in one line. (Not
    `check_action`: a disabled key would say nothing, and people would not know why.)
    """

    @wraps(action)
    def guarded(self: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
        if self.library.readonly:
            self.notify(self.library.refusal(), title="Read-only library", severity="warning",
                        markup=False)
            return
        action(self, *args, **kwargs)

    return guarded
