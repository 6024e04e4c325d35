"""The help screen: keys of the screen underneath, built from its live bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

QUERY_HELP = """\
Search: words are ANDed (mexico trade). Any text is safe to type.
Quotes, brackets and operators are searched as words for now."""


class HelpScreen(ModalScreen[None]):
    """Lists every binding active on `screen`, with its key as currently mapped."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        Binding("j,down", "scroll_down", show=False, id="help.down"),
        Binding("k,up", "scroll_up", show=False, id="help.up"),
    ]

    def __init__(self, screen: Screen):
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._content(), id="help-text")

    def _content(self) -> Content:
        seen: dict[str, list[str]] = {}
        for key, active in self.target.active_bindings.items():
            binding = active.binding
            label = binding.tooltip or binding.description or binding.action.replace("_", " ")
            entry = seen.setdefault(label, [])
            display = self.app.get_key_display(Binding(key, binding.action))
            if display not in entry:
                entry.append(display)
        lines = [Content.styled("Keys on this screen", "bold"), Content("")]
        for label, keys in seen.items():
            lines.append(Content.styled(f"{' / '.join(keys):>18}", "bold") + Content(f"  {label}"))
        lines += [Content(""), Content.styled("ctrl+p", "bold") + Content("  command palette: open "
                  "article…, themes, and every action")]
        help_text = getattr(self.target, "HELP", None) or QUERY_HELP
        lines += [Content(""), Content(help_text)]
        lines += [Content(""), Content.styled("escape closes this help", "dim")]
        return Content("\n").join(lines)

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up()

    def action_dismiss(self) -> None:
        self.dismiss(None)
