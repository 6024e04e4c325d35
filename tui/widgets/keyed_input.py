"""An Input whose editing keys act in the order they were typed, even in one burst."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    """An Input that runs its own key bindings (ctrl+u, backspace, ctrl+w...) as each key
    arrives.

    Textual inserts a printable key in the Input's own handler but runs a non-printable key's
    binding only after the key has bubbled up to the app. When keys arrive in one read (a
    paste, a slow SSH link, `tmux send-keys`), the letters after ctrl+u are inserted before
    ctrl+u is run, which then deletes them: "ctrl+u Mourinio" left the field empty. Running the
    binding here keeps the keys in order. The binding is looked up in the screen's active
    bindings, so a key rebound in the config and a priority binding of the screen both win.
    """

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # Input's own handler inserts it, in order
        active = self.screen.active_bindings.get(event.key)
        if (active is None or active.node is not self or not active.enabled
                or active.binding.priority):
            return
        event.stop()
        event.prevent_default()
        await self.run_action(active.binding.action)
