"""A one-line question in a modal: a name for a saved search, a path, a tag."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..text import sanitize
from ..widgets.keyed_input import InOrderInput


class PromptScreen(ModalScreen[str | None]):
    """Asks for one line of text; dismisses with it (sanitised, stripped) or None.

    Args:
        question: what is asked (our own text, shown literally).
        value: the text the input starts with.
        placeholder: the input's hint.
    """

    DEFAULT_CSS = """
    PromptScreen { align: center middle; }
    PromptScreen > Vertical {
        width: 60; max-width: 90%; height: auto; padding: 1 2;
        background: $panel; border: round $primary;
    }
    PromptScreen #prompt-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = ""):
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question), id="prompt-question")
            yield InOrderInput(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(Content("enter to confirm · escape to cancel"), id="prompt-hint")

    def current(self) -> str:
        """The answer as enter would give it now ("" for none)."""
        return sanitize(self.query_one(Input).value).strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = sanitize(event.value).strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
