"""newsreader's dark and light themes; entity and highlight colours are theme variables."""

from __future__ import annotations

from textual.theme import Theme

VARIABLE_DEFAULTS = {
    "entity-person": "#e5a50a",
    "entity-org": "#62a0ea",
    "entity-place": "#57e389",
    "entity-date": "#c061cb",
    "entity-money": "#f66151",
    "search-hit": "#f6d32d 40%",
    "sentence-cursor": "#3584e4 30%",
    "passage-highlight": "#e5a50a 25%",
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
            "search-hit": "#f5c211 45%",
            "sentence-cursor": "#99c1f1 60%",
            "passage-highlight": "#f8e45c 70%",
            "unread-marker": "#1a5fb4",
        },
    ),
]
