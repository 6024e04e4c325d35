"""The reader's entities: colours by type with a legend, e/E to jump, a panel to browse by."""

from __future__ import annotations

import bisect

from textual.binding import Binding
from textual.content import Content

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
    Binding("P", "focus_panel", "names", id="reader.focus_panel", show=False,
            tooltip="Into the entity panel (shown if hidden, at any width); P or escape: back "
                    "to the article"),
]


class ReaderEntities:
    """Mixed into ReaderScreen: entity highlighting, navigation and the panel."""

    def show_entities(self, spans, options: tuple | None = None, title_spans=()) -> None:
        """Colour the article's mentions and list them in the panel.

        Args:
            spans: The body's mentions (EntitySpan), in text order.
            options: `entity_options(spans + title_spans)` if a worker made them already.
            title_spans: The title's mentions (offsets into the title).
        """
        self.entity_spans = list(spans)
        self.title_spans = list(title_spans)
        self.mention_index = -1
        self.view.set_spans("mention", [])
        self._paint_entities()
        self.query_one(EntityPanel).show_options(
            *(options or entity_options(self.entity_spans + self.title_spans)))

    def _paint_entities(self) -> None:
        by_kind: dict[str, list[tuple[int, int]]] = {kind: [] for kind in KINDS.values()}
        in_title: dict[str, list[tuple[int, int]]] = {kind: [] for kind in KINDS.values()}
        if self.entities_on:
            for span in self.entity_spans:
                by_kind[KINDS[span.label]].append((span.start, span.end))
            for span in self.title_spans:
                in_title[KINDS[span.label]].append((span.start, span.end))
        for kind, spans in by_kind.items():
            self.view.set_spans(kind, spans)
            self.view.set_title_spans(kind, in_title[kind])
        legend_line = self.query_one("#reader-legend")
        hint = Content.styled(f"   {self.panel_key()}: names", "dim")
        legend_line.update(legend() + hint if self.entities_on else Content(""))
        legend_line.display = self.entities_on and bool(self.entity_spans) \
            and not self.query_one(EntityPanel).shown

    def action_toggle_entities(self) -> None:
        self.entities_on = not self.entities_on
        self._paint_entities()
        self.notify("Entity colours on" if self.entities_on else "Entity colours off", timeout=2)

    def action_next_entity(self, delta: int) -> None:
        spans = self.entity_spans
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
        return sentence is not None and 0 <= self.mention_index < len(self.entity_spans) and \
            sentence.start <= self.entity_spans[self.mention_index].start < sentence.end

    def mark_mention(self) -> None:
        """Mark on screen the name e/E went to, while the cursor stays in its sentence; the
        status line names it."""
        if not self.mention_in_sentence():
            self.mention_index = -1
        mention = self.entity_spans[self.mention_index] if self.mention_index >= 0 else None
        self.view.set_spans("mention", [(mention.start, mention.end)] if mention else [])
        self._update_status()

    def mention_status(self) -> str:
        """`person: Antony Blinken (3) · name 5 of 24` for the marked name, else ""."""
        if self.mention_index < 0:
            return ""
        spans = self.entity_spans
        mention = spans[self.mention_index]
        count = sum(1 for s in spans if s.canonical == mention.canonical)
        return (f"{mention.label.lower()}: {mention.canonical} ({count}) · name "
                f"{self.mention_index + 1} of {len(spans)}")

    def action_toggle_panel(self) -> None:
        panel = self.query_one(EntityPanel)
        panel.set_shown(not panel.shown)
        self.panel_wanted = panel.shown
        if self.panel_wanted:
            panel.query_one("OptionList").focus()
        else:
            self.view.focus()
        self._paint_entities()

    def action_focus_panel(self) -> None:
        """Into the panel (showing it, even where it is hidden for room), or, from it, back to
        the article (the panel then stays only where it would show by itself)."""
        panel = self.query_one(EntityPanel)
        if self.panel_focused():
            self.leave_panel()
            return
        panel.set_shown(True)
        panel.set_key(self.panel_key())
        panel.query_one("OptionList").focus()
        self._paint_entities()

    def panel_key(self) -> str:
        """The key into the entity panel and out, as bound now (the config may rebind it)."""
        keys = [key for key, active in self.active_bindings.items()
                if active.binding.id == "reader.focus_panel"]
        return self.app.get_key_display(Binding(keys[0], "focus_panel")) if keys else "P"

    def panel_focused(self) -> bool:
        """The entity panel holds the focus."""
        panel = self.query_one(EntityPanel)
        return self.focused is not None and panel in self.focused.ancestors

    def leave_panel(self) -> None:
        """Focus back on the article; the panel stays if it would show by itself."""
        self.view.focus()
        self.fit_panel(self.app.size.width)

    def fit_panel(self, width: int) -> None:
        """Show the panel on wide terminals (unless hidden by hand), never on narrow ones."""
        panel = self.query_one(EntityPanel)
        panel.set_key(self.panel_key())
        panel.set_shown(self.panel_wanted and width >= PANEL_MIN_WIDTH)
        if not panel.shown and self.focused is not None and \
                panel in self.focused.ancestors:
            self.view.focus()
        self._paint_entities()

    def on_entity_panel_chosen(self, message: EntityPanel.Chosen) -> None:
        from .entities import entity_query

        self.app.show_query(entity_query(message.name, message.label))
