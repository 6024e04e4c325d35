"""The sources view (newsboat's feed list): every source with its article and unread counts;
enter lists the source's articles (a `source:=` search)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..search import sources as search_sources  # the package first (test_import_races)
from ..widgets.article_list import fit
from .notes_dialogs import DIALOG_CSS

NAME_CELLS = 44
"""The widest source name shown whole (a longer one is cut with an ellipsis)."""


class SourcesScreen(ModalScreen[str | None]):
    """Every source with its counts; enter dismisses with the source chosen ("" for the
    articles without one), escape with None.

    Args:
        sources: `(source, articles, unread)` as `Library.sources()` gives them.
    """

    DEFAULT_CSS = DIALOG_CSS.format(name="SourcesScreen") + """
    SourcesScreen OptionList, SourcesScreen OptionList:focus {
        height: auto; max-height: 18; border: none; padding: 0;
    }
    """
    BINDINGS = [
        Binding("escape,q", "cancel", "Close", id="sources.close", tooltip="Back to the list"),
        Binding("j", "move('down')", "Down", id="sources.down", show=False),
        Binding("k", "move('up')", "Up", id="sources.up", show=False),
    ]

    def __init__(self, sources: list[tuple[str, int, int]]):
        super().__init__()
        self.sources = sources

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Sources"
            if not self.sources:
                yield Static(Content("No articles yet."))
            width = min(NAME_CELLS, max((cell_len(s or search_sources.NO_SOURCE) for s, _, _ in self.sources),
                                        default=10))
            yield Static(Content(f"{fit('source', width)}  {'articles':>8}  {'unread':>7}"),
                         classes="hint")
            # fit() drops controls and never parses markup: a source is library text.
            yield OptionList(*[Option(self._line(source, total, unread, width))
                               for source, total, unread in self.sources], markup=False)
            yield Static(Content("enter lists its articles · escape closes"), classes="hint")

    @staticmethod
    def _line(source: str, total: int, unread: int, width: int) -> Content:
        name = Content(fit(source, width)) if source else Content.styled(
            fit(search_sources.NO_SOURCE, width), "italic")
        counts = Content(f"  {total:>8,}  ")
        flag = Content.styled(f"{unread:>7,}", "bold" if unread else "dim")
        return Content.assemble(name, counts, flag)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.sources[event.option_index][0])

    def action_move(self, direction: str) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if direction == "down" else options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
