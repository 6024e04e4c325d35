"""The reader's entities: colours by type with a legend, e/E to jump, a panel to browse by."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ..models import EntitySpan
from ..widgets.article_view import ArticleView
from ..widgets.entity_panel import EntityPanel, entity_options, legend

KINDS = {"PERSON": "person", "ORG": "org", "PLACE": "place", "DATE": "date", "MONEY": "money"}
PANEL_MIN_WIDTH = 100
"""Below this many columns the panel hides itself: the article needs the room."""

ENTITY_BINDINGS = [
    Binding("e", "next_entity(1)", "next name", id="reader.next_entity", show=False,
            tooltip="Jump to the next name mentioned (person, organisation, place...), from "
                    "the cursor's sentence on; it is marked, and the status line names it"),
    Binding("E", "next_entity(-1)", "previous name", id="reader.prev_entity", show=False,
            tooltip="Jump to the previous name mentioned, from the cursor's sentence back"),
    Binding("h", "toggle_entities", "colours", id="reader.toggle_entities", show=False,
            tooltip="Show or hide the entity colours"),
    Binding("p", "toggle_panel", "panel", id="reader.toggle_panel", show=False,
            tooltip="Show or hide the entity panel (enter on a name lists its articles)"),
]


class EntityMarks:
    """The reader's names: their colours and legend, the name e/E went to, and the panel.

    Held by the reader screen (`ReaderScreen.names`), which keeps the key actions and calls
    these methods; everything it works on is given here.

    Args:
        view: The article view the names are painted in.
        panel: The entity panel (shown on wide terminals).
        legend: The one-line legend of the colours.
        notify: How to tell the person something (the screen's `notify`).
        changed: Called when the name marked by e/E changed (the status line names it).
    """

    def __init__(self, view: ArticleView, panel: EntityPanel, legend: Static,
                 notify: Callable[..., object], changed: Callable[[], object]) -> None:
        self.view = view
        self.panel = panel
        self.legend = legend
        self.notify = notify
        self.changed = changed
        self.spans: list[EntitySpan] = []
        """The names in the body, in order."""
        self.title_spans: list[EntitySpan] = []
        self.on = True
        """The colours are shown (`h` toggles them)."""
        self.mention_index = -1
        """The name e/E went to (an index in `spans`), -1 for none."""
        self.panel_wanted = True
        """The panel is shown when there is room (`p` toggles it)."""

    def forget(self) -> None:
        """A new article is being shown: no names until `show` gives them."""
        self.spans, self.title_spans, self.mention_index = [], [], -1

    def show(self, spans, options: tuple | None = None, title_spans=()) -> None:
        """Colour the article's names and list them in the panel.

        Args:
            spans: The body's entity spans.
            options: The panel's options for them, when computed off the UI thread.
            title_spans: The title's entity spans.
        """
        self.spans = list(spans)
        self.title_spans = list(title_spans)
        self.mention_index = -1
        self.view.set_spans("mention", [])
        self.paint()
        self.panel.show_options(*(options or entity_options(self.spans + self.title_spans)))

    def paint(self) -> None:
        """Colour the names by kind (or not, when turned off), and show the legend."""
        by_kind: dict[str, list[tuple[int, int]]] = {kind: [] for kind in KINDS.values()}
        in_title: dict[str, list[tuple[int, int]]] = {kind: [] for kind in KINDS.values()}
        if self.on:
            for span in self.spans:
                by_kind[KINDS[span.label]].append((span.start, span.end))
            for span in self.title_spans:
                in_title[KINDS[span.label]].append((span.start, span.end))
        for kind, spans in by_kind.items():
            self.view.set_spans(kind, spans)
            self.view.set_title_spans(kind, in_title[kind])
        self.legend.update(legend() if self.on else Content(""))
        self.legend.display = self.on and bool(self.spans) and not self.panel.shown

    def toggle(self) -> None:
        """Show or hide the colours."""
        self.on = not self.on
        self.paint()
        self.notify("Entity colours on" if self.on else "Entity colours off", timeout=2)

    def go(self, delta: int) -> None:
        """Move the cursor to the next (`delta` 1) or previous (-1) name, and mark it."""
        spans = self.spans
        if not spans:
            self.notify("No names found in this article", timeout=2)
            return
        sentence = self.view.current_sentence
        starts = [s.start for s in spans]
        if self.mention_in_sentence():
            index = self.mention_index + delta
        elif delta > 0:  # from the cursor: the first name of its sentence, or the next one
            index = bisect.bisect_left(starts, sentence.start if sentence else 0)
        else:  # the last name of the cursor's sentence, or the one before it
            index = bisect.bisect_left(starts, sentence.end if sentence else 0) - 1
        self.mention_index = index % len(spans)
        mention = spans[self.mention_index]
        sentence_starts = [s.start for s in self.view.sentences]
        target = max(0, bisect.bisect_right(sentence_starts, mention.start) - 1)
        self.view.move_sentence(target - self.view.sentence_index)
        self.view.scroll_to_sentence()
        self.mark_mention()

    def mention_in_sentence(self) -> bool:
        """The name e/E last went to is in the cursor's sentence."""
        sentence = self.view.current_sentence
        return sentence is not None and 0 <= self.mention_index < len(self.spans) and \
            sentence.start <= self.spans[self.mention_index].start < sentence.end

    def mark_mention(self) -> None:
        """Mark on screen the name e/E went to, while the cursor stays in its sentence; the
        status line names it."""
        if not self.mention_in_sentence():
            self.mention_index = -1
        mention = self.spans[self.mention_index] if self.mention_index >= 0 else None
        self.view.set_spans("mention", [(mention.start, mention.end)] if mention else [])
        self.changed()

    def mention_status(self) -> str:
        """`person: Antony Blinken (3) · name 5 of 24` for the marked name, else ""."""
        if self.mention_index < 0:
            return ""
        spans = self.spans
        mention = spans[self.mention_index]
        count = sum(1 for s in spans if s.canonical == mention.canonical)
        return (f"{mention.label.lower()}: {mention.canonical} ({count}) · name "
                f"{self.mention_index + 1} of {len(spans)}")

    def toggle_panel(self) -> None:
        """Show or hide the panel by hand; the focus goes with it."""
        self.panel.set_shown(not self.panel.shown)
        self.panel_wanted = self.panel.shown
        if self.panel_wanted:
            self.panel.query_one("OptionList").focus()
        else:
            self.view.focus()
        self.paint()

    def fit_panel(self, width: int, focused: Widget | None) -> None:
        """Show the panel on wide terminals (unless hidden by hand), never on narrow ones.

        Args:
            width: The terminal's width.
            focused: The screen's focused widget (it leaves a panel that hides).
        """
        self.panel.set_shown(self.panel_wanted and width >= PANEL_MIN_WIDTH)
        if not self.panel.shown and focused is not None and self.panel in focused.ancestors:
            self.view.focus()
        self.paint()
