"""The help screen: keys of the screen underneath, built from its live bindings."""

from __future__ import annotations

import re

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

NUMBERED = re.compile(r"^(.*?)\s*\d+$")


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

    def __init__(self, screen: Screen):
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        body = VerticalScroll(id="help-body")
        body.border_title = f"Help · {self.target.__class__.__name__.removesuffix('Screen')}"
        body.border_subtitle = "escape closes"
        with body:
            yield Static(self._content(), id="help-text")

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
            if isinstance(active.node, App):
                section = "Everywhere"
            else:
                section = "Actions" if binding.show else "Moving around"
            keys = sections[section].setdefault(label, [])
            if display not in keys:
                keys.append(display)
        return sections

    def _content(self) -> Content:
        lines: list[Content] = []
        for title, entries in self._sections().items():
            if not entries:
                continue
            lines += [Content.styled(title, "bold $accent")]
            for label, keys in entries.items():
                shown = _keys(keys)
                lines.append(Content.styled(f"{shown:>16}", "bold") + Content(f"  {label}"))
            lines.append(Content(""))
        help_text = getattr(self.target, "HELP", None)
        if help_text:
            lines += [Content(""), Content(help_text)]
        return Content("\n").join(lines)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()

    def action_page_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_page_up()

    def action_dismiss(self) -> None:
        self.dismiss(None)


def _keys(keys: list[str]) -> str:
    if len(keys) > 2 and all(k.isdigit() for k in keys):
        return f"{keys[0]}-{keys[-1]}"
    return " / ".join(keys)
