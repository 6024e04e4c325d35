"""The archive's top entities: who and what the library is about, with article counts."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..storage import Library
from ..widgets.entity_panel import BROWSABLE, COLOURS, NAMES
from .notes_dialogs import DIALOG_CSS

TOP = 40
"""Names listed per label."""


class EntitiesScreen(ModalScreen[tuple[str, str] | None]):
    """The most mentioned people, organisations and places; Enter lists their articles."""

    DEFAULT_CSS = DIALOG_CSS.format(name="EntitiesScreen") + \
        "EntitiesScreen OptionList { height: 20; border: none; }"
    BINDINGS = [Binding("escape,q", "cancel", "Close", id="entities.close")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.choices: list[tuple[str, str] | None] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Who and what the library is about"
            # Names come from article text: options are Content, never markup.
            yield OptionList(Option(Content("loading…"), disabled=True), markup=False)
            yield Static(Content("enter lists the articles · escape closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def _load(self) -> None:
        rows = {label: self.library.entities.top(label, limit=TOP) for label in BROWSABLE}
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: dict[str, list[tuple[str, str, int]]]) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        self.choices = []
        for label, entries in rows.items():
            if not entries:
                continue
            options.add_option(Option(Content.styled(NAMES[label], f"bold {COLOURS[label]}"),
                                      disabled=True))
            self.choices.append(None)
            for name, _, count in entries:
                options.add_option(Option(Content(f" {name}  ") + Content.styled(
                    f"{count:,} article{'' if count == 1 else 's'}", "dim")))
                self.choices.append((name, label))
        if not self.choices:
            options.add_option(Option(Content("No names yet"), disabled=True))
            self.choices.append(None)
        else:
            options.highlighted = 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[event.option_index]
        if choice:
            self.dismiss(choice)

    def action_cancel(self) -> None:
        self.dismiss(None)


def entity_query(name: str, label: str) -> str:
    """The search that lists every article mentioning an entity."""
    return f'{label.lower()}:"{name.replace(chr(34), "")}"'
