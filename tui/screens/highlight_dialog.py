"""The highlight dialog: an optional note, and a colour picked with one key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from ..highlights import COLOUR_KEYS, COLOURS
from .prompt import PromptScreen


class HighlightScreen(PromptScreen):
    """Asks for a highlight's note, with a key per colour (control keys: letters are the
    note). `colour` holds the colour picked when it dismisses."""

    DEFAULT_CSS = PromptScreen.DEFAULT_CSS.replace("PromptScreen", "HighlightScreen") + """
    HighlightScreen #highlight-colour { margin-top: 1; }
    """
    BINDINGS = [
        *(Binding(COLOUR_KEYS[name], f"colour('{name}')", name, id=f"highlight.{name}",
                  tooltip=f"Make this highlight {name}") for name in COLOURS),
    ]

    def __init__(self, question: str, placeholder: str = "", colour: str = COLOURS[0]):
        super().__init__(question, placeholder=placeholder)
        self.colour = colour

    def compose(self) -> ComposeResult:
        yield from super().compose()

    def on_mount(self) -> None:
        self.query_one("Vertical").mount(Static(self._colours(), id="highlight-colour"),
                                         before=self.query_one("#prompt-hint"))

    def _colours(self) -> Content:
        parts = []
        for name in COLOURS:
            key = COLOUR_KEYS[name].replace("ctrl+", "^")
            variable = "passage-highlight" + ("" if name == COLOURS[0] else f"-{name}")
            swatch = Content.styled("  ", f"on ${variable}")
            label = Content(f"{key} {name}")
            if name == self.colour:
                label = Content.styled(f"[{key} {name}]", "bold reverse")
            parts.append(swatch + label)
        return Content("colour: ") + Content("  ").join(parts)

    def action_colour(self, name: str) -> None:
        if name in COLOURS:
            self.colour = name
            self.query_one("#highlight-colour", Static).update(self._colours())
