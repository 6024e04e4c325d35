"""newsreader's dark and light themes; entity and highlight colours are theme variables.

The four markings of the reader (the cursor's sentence, a search hit, a saved highlight, a
selection) are opaque colours chosen to stay apart where terminals have fewer colours: over
SSH `COLORTERM` is often not forwarded and Textual's output falls back to 256 colours, and
some terminals have 16. Each maps to its own colour in both (tests/test_colours.py computes
it): in the dark theme 24, 58, 53 and 239 of 256, blue, yellow, magenta and bright black of
16; in the light theme 117, 221, 219 and 250, bright cyan, bright yellow, bright magenta and
white. Translucent ones blended into neighbours: hits and highlights both became colour 58.
"""

from __future__ import annotations

from textual.theme import Theme

VARIABLE_DEFAULTS = {
    "entity-person": "#e5a50a",
    "entity-org": "#62a0ea",
    "entity-place": "#57e389",
    "entity-date": "#c061cb",
    "entity-money": "#f66151",
    "search-hit": "#705c00",
    "sentence-cursor": "#203080",
    "passage-highlight": "#600060",
    "passage-highlight-green": "#005f00",
    "passage-highlight-red": "#5f0000",
    "passage-highlight-teal": "#005f5f",
    "passage-selection": "#4e4e4e",
    "unread-marker": "#62a0ea",
}

THEMES = [
    Theme(
        name="newsreader-dark",
        primary="#62a0ea",
        secondary="#8ff0a4",
        accent="#f6d32d",
        warning="#ffa348",
        error="#f66151",
        success="#57e389",
        foreground="#e6e6e6",
        background="#1a1b1e",
        surface="#24262b",
        panel="#2d3036",
        dark=True,
        variables=dict(VARIABLE_DEFAULTS),
    ),
    Theme(
        name="newsreader-light",
        primary="#1c71d8",
        secondary="#26a269",
        accent="#c64600",
        warning="#c64600",
        error="#c01c28",
        success="#26a269",
        foreground="#1e1e1e",
        background="#fbfbf8",
        surface="#f0efea",
        panel="#e4e2da",
        dark=False,
        variables={
            "entity-person": "#9c6b00",
            "entity-org": "#1a5fb4",
            "entity-place": "#1e7b3c",
            "entity-date": "#813d9c",
            "entity-money": "#a51d2d",
            "search-hit": "#ffd75f",
            "sentence-cursor": "#87d7ff",
            "passage-highlight": "#f4a4f4",
            "passage-highlight-green": "#afd7af",
            "passage-highlight-red": "#ffafaf",
            "passage-highlight-teal": "#afd7d7",
            "passage-selection": "#c6c6c6",
            "unread-marker": "#1a5fb4",
        },
    ),
]
