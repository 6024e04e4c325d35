"""Textual's Footer, drawn again only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """A Footer recomposed once per change of the keys it shows.

    Textual recomposes its footer (a widget per key, mounted and styled) every time the
    screen's bindings may have changed: four times for the `/` that focuses the search field,
    twice more for its first letter, once more when the results come; 10-25 ms of the UI
    thread each on this machine, while a search typed at launch waits to be drawn
    (docs/performance.md). Here a change asked for while one is on its way waits for it, and
    one that leaves the keys as they are is skipped. What is drawn is the same.
    """

    _composed: tuple[Hashable, ...] | None = None
    """The keys the last compose showed (see `_keys`)."""
    _pending = False
    """A recompose is on its way (it reads the bindings when it runs)."""

    def _keys(self) -> tuple[Hashable, ...]:
        """What `compose` shows of the screen's bindings."""
        return (self.compact, self.show_command_palette, *(
            (binding.key, self.app.get_key_display(binding), binding.description,
             binding.action, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING))

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._composed = self._keys()
        yield from super().compose()

    async def recompose(self) -> None:
        self._pending = False
        await super().recompose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Footer.bindings_changed, but for the two checks before the recompose is asked for.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._pending or self._keys() == self._composed:
            return
        self._pending = True
        self.call_after_refresh(self.recompose)
