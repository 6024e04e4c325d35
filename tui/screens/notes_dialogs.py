"""Dialogs for notes and quotes: a multi-line note, tags with completion, a quote to select."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static, TextArea

from ..annotations import complete_tags, normalise_tag
from ..text import sanitize
from ..widgets.keyed_input import InOrderInput

if TYPE_CHECKING:
    from textual.widgets import OptionList

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 76; max-width: 95%; height: auto; max-height: 90%; padding: 0 1;
    background: $panel; border: round $primary; border-title-color: $primary;
}}
{name} .hint {{ color: $text-muted; }}
"""


class NoteScreen(ModalScreen[str | None]):
    """Write or edit a note (several lines). ctrl+s saves; escape leaves it unchanged.

    Args:
        title: what the note is about (our text).
        text: the note so far.
    """

    DEFAULT_CSS = DIALOG_CSS.format(name="NoteScreen") + "NoteScreen TextArea { height: 10; }"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, title: str, text: str = ""):
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            yield TextArea(self.text, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Static(Content("ctrl+s saves · escape cancels · an empty note is deleted"),
                         classes="hint")

    def current(self) -> str:
        """The note as ctrl+s would save it now."""
        return sanitize(self.query_one(TextArea).text).strip()

    def action_save(self) -> None:
        self.dismiss(self.current())

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the library's tags."""

    def __init__(self, tags: list[str]):
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = tags

    def completion(self, value: str, fuzzy: bool = False) -> str | None:
        """`value` with its last tag completed: a tag it starts (any case), else with `fuzzy`
        the closest tag (a typo); None when there is nothing to complete."""
        head, comma, last = value.rpartition(",")
        typed = last.strip().lstrip("-")
        if not typed:
            return None
        # What precedes the tag stays as typed, so the completion extends what is shown.
        lead = last[:len(last) - len(last.lstrip())] + ("-" if last.strip()[0] == "-" else "")
        for tag in complete_tags(typed, self.tags, limit=1):
            if tag.casefold() != typed.casefold() and (
                    fuzzy or tag.casefold().startswith(typed.casefold())):
                return f"{head}{comma}{lead}{tag}"
        return None

    async def get_suggestion(self, value: str) -> str | None:
        return self.completion(value)


class TagInput(InOrderInput):
    """The tags field: tab (or right at the end) takes the completion shown."""

    BINDINGS = [Binding("tab", "complete", "Complete", id="tags.complete", show=False,
                        tooltip="Complete the tag being typed from the library's tags")]

    def __init__(self, known: list[str], **kwargs: Any) -> None:
        self.tags = TagSuggester(known)
        super().__init__(suggester=self.tags, **kwargs)

    def action_complete(self) -> None:
        """The completion shown after the cursor, else the closest known tag (a typo)."""
        completed = self.tags.completion(self.value, fuzzy=True)
        if completed is not None:
            self.value = completed
            self.cursor_position = len(completed)


@dataclass
class TagChange:
    add: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)


class TagScreen(ModalScreen[TagChange | None]):
    """Add tags (comma-separated) or remove them (`-tag`), completing from existing tags.

    Args:
        current: the article's tags now.
        known: every tag in the library (for completion and the fuzzy list).
    """

    DEFAULT_CSS = DIALOG_CSS.format(name="TagScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="tags.cancel")]

    def __init__(self, current: list[str], known: list[str]):
        super().__init__()
        self.current = current
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Tags"
            now = ", ".join(self.current) if self.current else "none yet"
            yield Static(Content(f"Tags now: {now}"))
            yield TagInput(self.known, placeholder="trade, mexico   (-mexico removes; tab "
                           "completes)", id="tags-input")
            yield Static(Content(""), id="tags-matches", classes="hint")
            yield Static(Content("enter applies · escape cancels"), classes="hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        typed = event.value.rpartition(",")[2].strip().lstrip("-")
        matches = complete_tags(typed, self.known, limit=6) if typed else []
        self.query_one("#tags-matches", Static).update(
            Content("known: " + ", ".join(matches)) if matches else Content(""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        change = TagChange()
        for part in event.value.split(","):
            part = part.strip()
            target = change.remove if part.startswith("-") else change.add
            tag = normalise_tag(part.lstrip("-"))
            if tag:
                target.append(tag)
        self.dismiss(change if change.add or change.remove else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuoteScreen(ModalScreen[None]):
    """The quote as text to select by hand, when no clipboard path could be confirmed."""

    DEFAULT_CSS = DIALOG_CSS.format(name="QuoteScreen") + "QuoteScreen TextArea { height: 12; }"
    BINDINGS = [Binding("escape,q", "close", "Close", id="quote.close")]

    def __init__(self, quote: str, note: str):
        super().__init__()
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Quote"
            yield Static(Content(self.note), classes="hint")
            yield TextArea(self.quote, read_only=True, soft_wrap=True, id="quote-text")
            yield Static(Content("select with the mouse or shift+arrows · escape closes"),
                         classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class TagListScreen(ModalScreen[str | None]):
    """Every tag with its article count; Enter picks one."""

    DEFAULT_CSS = DIALOG_CSS.format(name="TagListScreen") + \
        "TagListScreen OptionList { height: auto; max-height: 20; border: none; }"
    BINDINGS = [Binding("escape,q", "cancel", "Cancel", id="taglist.cancel")]

    def __init__(self, tags: list[tuple[str, int]]):
        super().__init__()
        self.tags = tags

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        with Vertical() as box:
            box.border_title = "Tags"
            if not self.tags:
                yield Static(Content("No tags yet: t tags the highlighted article."))
            yield OptionList(*[Option(Content(f"{name}  ") + Content.styled(str(n), "dim"))
                               for name, n in self.tags], markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.tags[event.option_index][0])

    def action_cancel(self) -> None:
        self.dismiss(None)
