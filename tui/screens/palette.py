"""The command palette (ctrl+p): Textual's, except for Enter typed before the results came.

Our providers search in threads (titles, tags and names of a big library take a moment), so
in a burst of keys ("diplomacy" then Enter, typed fast, pasted, or over a slow link) Enter
arrives before the hits for the whole text. Textual's palette then chooses from what it shows
at that moment: a weak hit for the first letters (an app command), or nothing. Here Enter
waits for the search of what was typed and runs its best hit, as if the person had waited.
"""

from __future__ import annotations

from textual import on
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from textual.worker import Worker, WorkerState


class NewsPalette(CommandPalette):
    """The palette the app opens on ctrl+p (see the module's docstring)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choose_when_found = False
        """Enter was pressed while the search of what was typed was under way."""

    def _searching(self) -> bool:
        """A search of the palette's text is under way (its only workers are searches)."""
        return any(worker.node is self and not worker.is_finished for worker in self.workers)

    @on(Input.Submitted)
    def _enter_while_searching(self, event: Input.Submitted) -> None:
        # Runs before Textual's handler of the same message (subclass first), which it stops
        # while the list shown is not yet the one for the text typed. (The highlight says
        # nothing then: Textual puts it on the first hit each time the list fills.)
        if self._searching():
            event.prevent_default()
            event.stop()
            self.choose_when_found = True

    @on(Input.Changed)
    def _typed(self) -> None:
        # More typed after Enter: that Enter meant the text it ended.
        self.choose_when_found = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if not self.choose_when_found or event.worker.node is not self:
            return
        if event.state == WorkerState.SUCCESS and not self._searching():
            self.choose_when_found = False
            command_list = self.query_one(CommandList)
            if command_list.option_count and not command_list.get_option_at_index(0).disabled:
                command_list.highlighted = 0
                command_list.action_select()
