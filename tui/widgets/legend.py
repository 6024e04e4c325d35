"""The key legend at the bottom of a screen: Textual's Footer, recomposed once per refresh."""

from __future__ import annotations

from typing import Any

from textual._callback import invoke
from textual.widgets import Footer


class Legend(Footer):
    """Textual's Footer, whose recompose is asked for once however often the bindings change
    before the next refresh.

    Footer recomposes (every key widget made and styled again) after each refresh that
    follows a change of bindings, once per change: a screen's first frame changed them twice
    (its focus, its resume), so the footer was built three times before the first list row was
    drawn (docs/performance.md, "Launch, fourth round"). Here the recompose asked for while
    one is waiting is the same one, which reads the bindings as they are when it runs.
    """

    _recompose_waiting = False

    def call_after_refresh(self, callback: Any, *args: Any, **kwargs: Any) -> bool:
        if callback != self.recompose or args or kwargs:
            return super().call_after_refresh(callback, *args, **kwargs)
        if self._recompose_waiting:
            return True
        self._recompose_waiting = True
        return super().call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_waiting = False
        await invoke(self.recompose)
