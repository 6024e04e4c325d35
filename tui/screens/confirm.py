"""A yes-or-no question in a modal, for changes that touch many articles at once."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from .notes_dialogs import DIALOG_CSS


class ConfirmScreen(ModalScreen[bool]):
    """Asks `question` (our own text); dismisses with True for y or enter, False otherwise.

    Args:
        question: what is asked, saying how much it changes.
        hint: the line under it (how to answer, what undoes it).
    """

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes", tooltip="Go ahead"),
        Binding("n,escape,q", "answer(False)", "No", id="confirm.no",
                tooltip="Change nothing"),
    ]

    def __init__(self, question: str, hint: str = "y or enter: yes · n or escape: no"):
        super().__init__()
        self.question = question
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Confirm"
            yield Static(Content(self.question), id="confirm-question")
            yield Static(Content(self.hint), classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
