"""The reader's keys (each with its id and tooltip, for the help screen and the config's
`[keys]`) and its help text."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from .reader_entities import ENTITY_BINDINGS
from .reader_highlights import HIGHLIGHT_BINDINGS
from .reader_leave import LEAVE_BINDINGS
from .reader_notes import NOTE_BINDINGS
from .reading_flow import FLOW_BINDINGS


def _key(keys: str, action: str, description: str, name: str, tooltip: str, *,
         show: bool = False, display: str | None = None, priority: bool = False) -> Binding:
    return Binding(keys, action, description, show=show, key_display=display,
                   id=f"reader.{name}", tooltip=tooltip, priority=priority)


READER_BINDINGS: list[BindingType] = [
    _key("j,down", "next_sentence", "sentence", "next_sentence", "Next sentence",
         show=True, display="j/k"),
    _key("k,up", "prev_sentence", "previous sentence", "prev_sentence", "Previous sentence"),
    _key("J,right_curly_bracket", "next_paragraph", "paragraph", "next_paragraph",
         "First sentence of the next paragraph", show=True, display="J/K"),
    _key("K,left_curly_bracket", "prev_paragraph", "previous paragraph", "prev_paragraph",
         "Start of this paragraph, then of the previous one"),
    _key("space,pagedown", "page(1)", "page down", "page_down", "Scroll a page down"),
    _key("b,pageup", "page(-1)", "page up", "page_up", "Scroll a page up"),
    _key("g,home", "top", "top", "top", "First sentence"),
    _key("G,end", "bottom", "bottom", "bottom", "Last sentence"),
    _key("n", "next_hit", "next hit", "next_hit", "Sentence with the next search hit"),
    _key("N", "prev_hit", "previous hit", "prev_hit", "Sentence with the previous hit"),
    _key("right_square_bracket", "next_article", "article", "next_article",
         "Next article in the list", show=True, display="]/["),
    _key("left_square_bracket", "prev_article", "previous article", "prev_article",
         "Previous article in the list"),
    _key("o", "show_url", "URL", "show_url", "Show the link, to copy it"),
    _key("s", "toggle_starred", "star", "toggle_starred", "Star or unstar", show=True),
    _key("r", "toggle_read", "read", "toggle_read", "Mark read or unread"),
    _key("V", "versions", "versions", "versions", "Earlier versions of this article "
         "(first the one holding a highlight this text lost)"),
    # A priority binding: it sees a text selection before Screen's own escape clears it.
    _key("escape,q", "back", "back", "back", "Back to the list (escape first leaves the "
         "entity panel, or clears a selection)", show=True, display="q", priority=True),
    *NOTE_BINDINGS,
    *ENTITY_BINDINGS,
    *FLOW_BINDINGS,
    *LEAVE_BINDINGS,
    *HIGHLIGHT_BINDINGS,
]
READER_HELP = (
    "The highlighted sentence is the cursor; search terms are highlighted, and n/N jump "
    "between the sentences that hold them.\n"
    "Quotes: y copies the sentence (v then j/k selects several; a mouse drag works too) "
    "with its citation, to the terminal clipboard (OSC 52), tmux's paste buffer and the "
    "local clipboard; a then saves it as a highlight.\n"
    "Names are coloured by kind (h hides them); e/E jump between them. The panel of "
    "names shows by itself from 100 columns; P goes into it (showing it if hidden), "
    "up/down pick a name, enter lists every article mentioning it, P or escape go back "
    "to the article; p shows or hides it.\n"
    "o shows the URL and c sends it to the clipboard; O opens it with the [reader] open "
    "command of the config; | pipes the article as Markdown to a command. In a terminal "
    "that supports hyperlinks (OSC 8) the URL under the title is a link.\n"
    "An article an add changed keeps its earlier texts: V reads them, with highlights the "
    "current text lost."
)
"""Shown under the key list by the help screen."""
