"""The help screen: keys of the screen underneath, built from its live bindings."""

from __future__ import annotations

import re
import textwrap
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

NUMBERED = re.compile(r"^(.*?)\s*\d+$")
MOVING = {
    "move", "page", "jump", "scroll_down", "scroll_up", "page_down", "page_up",
    "next_sentence", "prev_sentence", "next_paragraph", "prev_paragraph", "top", "bottom",
    "next_hit", "prev_hit", "next_article", "prev_article", "next_entity", "prev_entity",
    "focus_list", "back",
}
"""Actions that move the cursor, the view or the focus: listed under "Moving around"."""
KEYS_WIDTH = 16
"""The key column; a description starts two cells after it."""
COLUMNS = re.compile(r"^(\s*\S.*?\s{2,})(\S.*)$")
"""A line of two columns (the query help's examples): what its wrapped lines hang under."""


class HelpScreen(ModalScreen[None]):
    """Lists every binding active on `screen`, with its key as currently mapped (so a key
    rebound in the config file shows its new key here)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen #help-body {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        background: $panel; border: round $primary; border-title-color: $primary;
        padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll_down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", show=False, id="help.up"),
        Binding("space,pagedown", "page_down", show=False, id="help.page_down"),
        Binding("b,pageup", "page_up", show=False, id="help.page_up"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        body = VerticalScroll(id="help-body")
        body.border_title = f"Help · {self.target.__class__.__name__.removesuffix('Screen')}"
        body.border_subtitle = "escape closes"
        with body:
            yield Static(self._content(self._width(self.app.size.width)), id="help-text")

    def on_resize(self) -> None:
        self.query_one("#help-text", Static).update(self._content(self._width(self.size.width)))

    @staticmethod
    def _width(screen_width: int) -> int:
        """The text's width in a screen this wide: the box (80 at most) less its border, its
        padding and a scrollbar."""
        return max(20, min(80, screen_width) - 6)

    def _sections(self) -> dict[str, dict[str, list[str]]]:
        sections: dict[str, dict[str, list[str]]] = {"Actions": {}, "Moving around": {},
                                                      "Everywhere": {}}
        for key, active in self.target.active_bindings.items():
            binding = active.binding
            label = binding.tooltip or binding.description or binding.action.replace("_", " ")
            display = self.app.get_key_display(Binding(key, binding.action))
            numbered = NUMBERED.match(label)
            if numbered and display.isdigit():  # "Saved search 1".."9" -> one line
                label = f"{numbered.group(1)} (by number)"
            action = binding.action.partition("(")[0]
            if isinstance(active.node, App) or action.startswith(("app.", "screen.")):
                section = "Everywhere"  # the app's, and those Textual gives every screen
            elif action in MOVING:
                section = "Moving around"
            else:
                section = "Actions"
            keys = sections[section].setdefault(label, [])
            if display not in keys:
                keys.append(display)
        return sections

    def _content(self, width: int) -> Content:
        lines: list[Content] = []
        for title, entries in self._sections().items():
            if not entries:
                continue
            lines += [Content.styled(title, "bold $accent")]
            for label, keys in entries.items():
                shown = _keys(keys)
                wrapped = _hang(label, KEYS_WIDTH + 2, width)
                lines.append(Content.styled(f"{shown:>{KEYS_WIDTH}}", "bold")
                             + Content(wrapped[KEYS_WIDTH:]))
            lines.append(Content(""))
        help_text = getattr(self.target, "HELP", None)
        if help_text:
            lines.append(Content(""))
            for line in help_text.splitlines():
                columns = COLUMNS.match(line)
                indent = len(columns.group(1)) if columns else len(line) - len(line.lstrip())
                lines.append(Content(_hang(line[indent:], indent, width, line[:indent])))
        return Content("\n").join(lines)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()

    def action_page_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_page_up()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


def _hang(text: str, indent: int, width: int, lead: str = "") -> str:
    """`text` wrapped to `width` cells, each line after `indent` cells (the first after
    `lead`, or spaces), so that wrapped lines keep their indent."""
    lines = textwrap.wrap(text, max(10, width - indent), break_on_hyphens=False) or [""]
    return "\n".join((lead.ljust(indent) if n == 0 else " " * indent) + line
                     for n, line in enumerate(lines))


def _keys(keys: list[str]) -> str:
    if len(keys) > 2 and all(k.isdigit() for k in keys):
        return f"{keys[0]}-{keys[-1]}"
    return " / ".join(keys)
