"""The entity panel beside an article: its people, organisations and places with mention counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

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


class EntityPanel(Vertical):
    """Lists the entities of one article, grouped by label; Enter posts `Chosen`."""

    DEFAULT_CSS = """
    EntityPanel {
        dock: right; width: 32; background: $surface; border-left: vkey $panel;
        display: none;
    }
    EntityPanel.-shown { display: block; }
    EntityPanel #entity-legend { height: auto; padding: 0 1; color: $text-muted; }
    EntityPanel OptionList { height: 1fr; border: none; background: $surface; }
    """

    @dataclass
    class Chosen(Message):
        """The person wants every article mentioning this entity."""

        name: str
        label: str

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.choices: list[tuple[str, str] | None] = []

    def compose(self) -> ComposeResult:
        yield Static(legend(), id="entity-legend")
        # Names come from article text: options are Content, never markup.
        yield OptionList(id="entity-options", markup=False)

    def show(self, spans) -> None:
        """List `spans` (EntitySpan) grouped by label, most mentioned first."""
        counts = Counter((s.canonical, s.label) for s in spans)
        options = self.query_one(OptionList)
        options.clear_options()
        self.choices = []
        for label in LABELS:
            entries = sorted(((n, c) for (n, lab), c in counts.items() if lab == label),
                             key=lambda e: (-e[1], e[0]))
            if not entries:
                continue
            options.add_option(Option(Content.styled(NAMES[label], f"bold {COLOURS[label]}"),
                                      disabled=True))
            self.choices.append(None)
            for name, count in entries:
                options.add_option(Option(Content(f" {name} ") + Content.styled(str(count), "dim"),
                                          disabled=label not in BROWSABLE))
                self.choices.append((name, label))
        if not self.choices:
            options.add_option(Option(Content("No names found"), disabled=True))
            self.choices.append(None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self.choices[event.option_index]
        if choice:
            self.post_message(self.Chosen(*choice))
