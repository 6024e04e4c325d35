"""The entity panel beside an article: its people, organisations and places with mention counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..models import EntitySpan

LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
NAMES = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "DATE": "Dates",
         "MONEY": "Money"}
COLOURS = {"PERSON": "$entity-person", "ORG": "$entity-org", "PLACE": "$entity-place",
           "DATE": "$entity-date", "MONEY": "$entity-money"}
BROWSABLE = ("PERSON", "ORG", "PLACE")
"""Labels that have a search filter (person:, org:, place:)."""


def legend() -> Content:
    """One line naming each entity colour."""
    return Content(" ").join(
        Content.styled(f"■ {NAMES[label].lower()}", COLOURS[label]) for label in LABELS)


Choice = tuple[str, str] | None
"""What an option of the panel stands for: `(name, label)`, or None for a heading."""


def entity_options(spans: Iterable[EntitySpan]) -> tuple[list[Option], list[Choice]]:
    """The panel's options for `spans` (EntitySpan), grouped by label, most mentioned first.

    Pure, so the reader builds them in its loading thread: work in proportion to the
    article's names stays off the UI thread.

    Returns:
        The options, and the choice each one stands for.
    """
    counts = Counter((s.canonical, s.label) for s in spans)
    options: list[Option] = []
    choices: list[Choice] = []
    for label in LABELS:
        entries = sorted(((n, c) for (n, lab), c in counts.items() if lab == label),
                         key=lambda e: (-e[1], e[0]))
        if not entries:
            continue
        options.append(Option(Content.styled(NAMES[label], f"bold {COLOURS[label]}"),
                              disabled=True))
        choices.append(None)
        for name, count in entries:
            # Names come from article text: options are Content, never markup.
            options.append(Option(Content(f" {name} ") + Content.styled(str(count), "dim"),
                                  disabled=label not in BROWSABLE))
            choices.append((name, label))
    if not choices:
        options.append(Option(Content("No names found"), disabled=True))
        choices.append(None)
    return options, choices


class EntityPanel(Vertical):
    """Lists the entities of one article, grouped by label; Enter posts `Chosen`.

    The list is only built while the panel is shown (`set_shown`): a hidden panel keeps the
    latest options and builds them when it appears.
    """

    DEFAULT_CSS = """
    EntityPanel {
        dock: right; width: 32; background: $surface; border-left: vkey $panel;
        display: none;
    }
    EntityPanel.-shown { display: block; }
    EntityPanel #entity-legend { height: auto; padding: 0 1; color: $text-muted; }
    EntityPanel OptionList { height: 1fr; border: none; background: $surface; }
    EntityPanel #entity-hint { height: 1; padding: 0 1; color: $text-muted; }
    """

    @dataclass
    class Chosen(Message):
        """The person wants every article mentioning this entity."""

        name: str
        label: str

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.choices: list[Choice] = []
        """What each option on the list stands for (empty until the list is built)."""
        self._pending: tuple[list[Option], list[Choice]] | None = None
        self.key = "P"
        """The key that goes into the panel and out (as bound), for its hint line."""

    def compose(self) -> ComposeResult:
        yield Static(legend(), id="entity-legend")
        yield Static(self._hint(False), id="entity-hint", markup=False)
        yield OptionList(id="entity-options", markup=False)

    def _hint(self, inside: bool) -> str:
        return (f"enter: articles · {self.key}/esc: back" if inside
                else f"{self.key}: go to the names")

    def set_key(self, key: str) -> None:
        """Name `key` in the hint line as the key into the panel and out."""
        self.key = key
        self._show_hint()

    def _show_hint(self) -> None:
        focused = self.screen.focused if self.is_attached else None
        inside = focused is not None and self in focused.ancestors
        self.query_one("#entity-hint", Static).update(self._hint(inside))

    def on_descendant_focus(self) -> None:
        self._show_hint()

    def on_descendant_blur(self) -> None:
        self._show_hint()

    @property
    def shown(self) -> bool:
        """Whether the panel is displayed."""
        return self.has_class("-shown")

    def set_shown(self, shown: bool) -> None:
        """Show or hide the panel (its list is built when it is shown)."""
        self.set_class(shown, "-shown")
        self._fill()

    def show(self, spans: Iterable[EntitySpan]) -> None:
        """List `spans` (EntitySpan) grouped by label, most mentioned first."""
        self.show_options(*entity_options(spans))

    def show_options(self, options: list[Option], choices: list[Choice]) -> None:
        """List options made by `entity_options` (in a worker, say)."""
        self._pending = (options, choices)
        self._fill()

    def _fill(self) -> None:
        if self._pending is None or not self.shown:
            return
        options, self.choices = self._pending
        self._pending = None
        # One call: adding options one at a time re-measured the list each time
        # (docs/performance.md).
        self.query_one(OptionList).set_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self.choices[event.option_index]
        if choice:
            self.post_message(self.Chosen(*choice))
