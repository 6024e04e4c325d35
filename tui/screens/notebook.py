"""The notebook: every highlight and note across the library, newest first, searchable."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from ..highlights import COLOURS
from ..models import Annotation
from ..search import search
from ..storage import Library
from ..text import shorten
from ..undo import Undone
from ..widgets.keyed_input import InOrderInput

NAME_FILTERS = ("person", "org", "place", "entity")
LIMIT = 500
"""Entries listed at once: a notebook is read, not scrolled through by the thousand."""


class NotebookScreen(Screen[None]):
    """Highlights and notes, newest first. Type to filter (words, `tag:name`, or a name:
    `person:`, `org:`, `place:`, `entity:`); Enter opens the article at the passage.

    Args:
        library: the library (only read in workers).
    """

    DEFAULT_CSS = """
    NotebookScreen #notebook-title { height: 1; background: $panel; color: $primary;
        text-style: bold; padding: 0 1; }
    NotebookScreen #notebook-filter { margin: 0 1; }
    NotebookScreen OptionList { height: 1fr; border: none; }
    NotebookScreen #notebook-status { height: 1; padding: 0 1; color: $text-muted;
        background: $surface; }
    """
    BINDINGS = [
        # A priority binding focuses the filter as the key is read, so that the letters after
        # it in one burst ("/quote") are typed there ('q' would go back).
        Binding("slash", "focus_filter", "Filter", id="notebook.filter", priority=True,
                tooltip="Filter by words in notes and quotes, or tag:name"),
        Binding("escape,q", "back", "Back", id="notebook.back", tooltip="Back to the library"),
        Binding("c", "cycle_colour", "Colour", id="notebook.colour",
                tooltip="Show only highlights of one colour; again for the next, then all"),
    ]

    def __init__(self, library: Library):
        super().__init__()
        self.library = library
        self.entries: list[Annotation] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("Notebook: highlights and notes"), id="notebook-title")
        yield InOrderInput(placeholder="/ filter: words, tag:name, person:name, colour:green…",
                           id="notebook-filter", compact=True)
        # Entries are untrusted text: options are Content, never markup.
        yield OptionList(id="notebook-list", markup=False)
        yield Static(Content("loading…"), id="notebook-status")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(OptionList))
        self._load("")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("focus_filter", "cycle_colour"):
            return not isinstance(self.focused, Input)  # there '/' and 'c' are typed
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        self._load(event.value.strip())

    def on_input_submitted(self) -> None:
        self.set_focus(self.query_one(OptionList))

    @work(thread=True, exclusive=True, group="notebook", exit_on_error=False)
    def _load(self, text: str) -> tuple[str, list[Annotation]]:
        tag, names, words, colour = "", [], [], ""
        for part in text.split():
            key = part.split(":", 1)[0].lower()
            if key in ("colour", "color") and ":" in part:
                colour = part.split(":", 1)[1].lower()
            elif key == "tag" and len(part) > 4:
                tag = part[4:]
            elif key in NAME_FILTERS and len(part) > len(key) + 1:
                names.append(part)
            else:
                words.append(part)
        entries = self.library.notes.all_annotations(text=" ".join(words), tag=tag,
                                                limit=None if names or colour else LIMIT)
        if colour:
            entries = [e for e in entries if e.kind == "highlight" and e.colour == colour]
            entries = entries if names else entries[:LIMIT]
        if names:  # the search engine resolves names fuzzily, as in the library
            articles = set(search(self.library, " ".join(names), limit=0).ids)
            entries = [e for e in entries if e.article_id in articles][:LIMIT]
        return text, entries

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "notebook" or not worker.is_finished:
            return
        if worker.error is not None:
            self.notify(f"Notebook: {worker.error}", severity="error", markup=False)
            return
        if worker.result is None:  # cancelled: a newer filter's load is on its way
            return
        text, entries = worker.result
        self.entries = entries
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(_entry(a)) for a in entries])
        if entries:
            options.highlighted = 0
        count = len(entries)
        more = f" (the newest {LIMIT})" if count == LIMIT else ""
        status = f"{count} entr{'y' if count == 1 else 'ies'}{more}"
        self.query_one("#notebook-status", Static).update(
            Content(status + (f" · filter: {text}" if text else "") + " · enter opens"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries[event.option_index]
        from .reader import ReaderScreen

        self.app.push_screen(ReaderScreen(self.library, [entry.article_id], 0, [],
                                          at=entry.start))

    def action_cycle_colour(self) -> None:
        """Filter by the next colour (`colour:NAME` in the filter), then by none."""
        box = self.query_one(Input)
        words = box.value.split()
        now = next((w.split(":", 1)[1].lower() for w in words
                    if w.lower().startswith(("colour:", "color:"))), "")
        rest = [w for w in words if not w.lower().startswith(("colour:", "color:"))]
        order = ["", *COLOURS]
        after = order[(order.index(now) + 1) % len(order)] if now in order else ""
        box.value = " ".join(rest + ([f"colour:{after}"] if after else []))

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one(Input))

    def after_undo(self, undone: Undone) -> None:
        """ctrl+z put back or took away a note or highlight: list them again."""
        if undone.kind == "annotations":
            self._load(self.query_one(Input).value.strip())

    def action_back(self) -> None:
        if self.focused is self.query_one(Input) and self.query_one(Input).value:
            self.query_one(Input).value = ""
            return
        self.dismiss(None)


def _entry(annotation: Annotation) -> Content:
    """Two or three lines: the article and date, the quote, the note (all literal text)."""
    head = Content.styled(annotation.article_title or f"article {annotation.article_id}",
                          "bold") + Content(f"  {annotation.created[:10]}  {annotation.author}")
    lines = [head]
    if annotation.quote:
        quote = " ".join(annotation.quote.split())
        variable = "passage-highlight" + ("" if annotation.colour == COLOURS[0]
                                          else f"-{annotation.colour}")
        mark = Content.styled(" ", f"on ${variable}") if annotation.colour in COLOURS \
            else Content(" ")
        lines.append(Content(" ") + mark + Content.styled(
            "“" + shorten(quote, 150) + "”", "italic" if not annotation.orphan else "dim")
            + Content.styled(f"  {annotation.colour}", "dim"))
    if annotation.text:
        lines.append(Content("  ✎ " + shorten(annotation.text, 150)))
    if annotation.tags:
        lines.append(Content.styled("  # " + ", ".join(annotation.tags), "dim"))
    if annotation.orphan:
        lines.append(Content.styled("  could not be placed in the article's current text "
                                    "(kept with its quote)", "$warning"))
    return Content("\n").join(lines)

