"""The reader's entities: colours by type with a legend, e/E to jump, a panel to browse by."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..models import EntitySpan
from ..widgets.article_view import ArticleView
from ..widgets.entity_panel import Choice, EntityPanel, entity_options, legend

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
    Binding("P", "focus_panel", "names", id="reader.focus_panel", show=False,
            tooltip="Into the entity panel (shown if hidden, at any width); P or escape: back "
                    "to the article"),
]


class EntityMarks:
    """The open article's names, held by the reader: coloured by kind (with a legend line),
    e/E going from one to the next, and the entity panel listing them.

    Args:
        view: the article view, where names are coloured and the cursor moves.
        panel: the entity panel.
        legend: the line under the article naming the colours (shown when the panel is not).
        panel_key: the key into the panel as bound now (the config may rebind it).
        on_mention: called when the name marked by e/E changes (the status line names it).
    """

    def __init__(self, view: ArticleView, panel: EntityPanel, legend: Static, *,
                 panel_key: Callable[[], str], on_mention: Callable[[], object]) -> None:
        self.view = view
        self.panel = panel
        self.legend = legend
        self.panel_key = panel_key
        self.on_mention = on_mention
        self.spans: list[EntitySpan] = []
        """The body's mentions, in text order."""
        self.title_spans: list[EntitySpan] = []
        """The title's mentions (offsets into the title)."""
        self.on = True
        """The colours are shown (`h` hides them)."""
        self.mention_index = -1
        """The mention e/E went to, in `spans` (-1: none)."""
        self.panel_wanted = True
        """The panel shows where there is room (`p` hides it)."""
        self.loaded = False
        """The open article's names have come (`show`); until then they are being read."""
        self.pending = 0
        """e (1) or E (-1) pressed while the names were being read: done once they come."""

    def forget(self) -> None:
        """Another article opens: no names until `show` gets its own."""
        self.spans, self.title_spans, self.mention_index = [], [], -1
        self.loaded, self.pending = False, 0

    def show(self, spans: Sequence[EntitySpan],
             options: tuple[list[Option], list[Choice]] | None = None,
             title_spans: Sequence[EntitySpan] = ()) -> None:
        """Colour the article's mentions and list them in the panel.

        Args:
            spans: The body's mentions, in text order.
            options: `entity_options(spans + title_spans)` if a worker made them already.
            title_spans: The title's mentions (offsets into the title).
        """
        self.spans = list(spans)
        self.title_spans = list(title_spans)
        self.mention_index = -1
        self.view.set_spans("mention", [])
        self.paint()
        self.panel.show_options(*(options or entity_options(self.spans + self.title_spans)))
        self.loaded = True
        if self.pending:  # e/E typed as the article opened, before its names came
            delta, self.pending = self.pending, 0
            self.go(delta)

    def paint(self) -> None:
        """Colour the names (or not), and show the legend where the panel is not."""
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
        hint = Content.styled(f"   {self.panel_key()}: names", "dim")
        self.legend.update(legend() + hint if self.on else Content(""))
        self.legend.display = self.on and bool(self.spans) and not self.panel.shown

    def toggle_colours(self) -> None:
        """`h`: show or hide the colours."""
        self.on = not self.on
        self.paint()
        self.view.notify("Entity colours on" if self.on else "Entity colours off", timeout=2)

    def go(self, delta: int) -> None:
        """`e`/`E`: the cursor to the next (previous) name from its sentence on, marked.
        Pressed while the names are still being read, it goes once they come."""
        if not self.loaded:
            self.pending = delta
            return
        spans = self.spans
        if not spans:
            self.view.notify("No names found in this article", timeout=2)
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
        self.on_mention()

    def status(self) -> str:
        """`person: Antony Blinken (3) · name 5 of 24` for the marked name, else ""."""
        if self.mention_index < 0:
            return ""
        spans = self.spans
        mention = spans[self.mention_index]
        count = sum(1 for s in spans if s.canonical == mention.canonical)
        return (f"{mention.label.lower()}: {mention.canonical} ({count}) · name "
                f"{self.mention_index + 1} of {len(spans)}")

    # -- the panel ---------------------------------------------------------------------------

    def toggle_panel(self) -> None:
        """`p`: show or hide the panel (focused when shown)."""
        panel = self.panel
        panel.set_shown(not panel.shown)
        self.panel_wanted = panel.shown
        if self.panel_wanted:
            panel.query_one(OptionList).focus()
        else:
            self.view.focus()
        self.paint()

    def focus_panel(self, width: int) -> None:
        """Into the panel (showing it, even where it is hidden for room), or, from it, back to
        the article (the panel then stays only where it would show by itself at `width`)."""
        if self.panel_focused():
            self.leave_panel(width)
            return
        self.panel.set_shown(True)
        self.panel.set_key(self.panel_key())
        self.panel.query_one(OptionList).focus()
        self.paint()

    def panel_focused(self) -> bool:
        """The entity panel holds the focus."""
        return self.panel.has_focus_within

    def leave_panel(self, width: int) -> None:
        """Focus back on the article; the panel stays if it would show by itself."""
        self.view.focus()
        self.fit_panel(width)

    def fit_panel(self, width: int) -> None:
        """Show the panel on wide terminals (unless hidden by hand), never on narrow ones."""
        panel = self.panel
        panel.set_key(self.panel_key())
        panel.set_shown(self.panel_wanted and width >= PANEL_MIN_WIDTH)
        if not panel.shown and self.panel_focused():
            self.view.focus()
        self.paint()
