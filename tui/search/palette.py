"""How the command palette ranks what it offers (titles, tags, names, commands): one rule,
word by word, so that whole words typed come before the same letters scattered.

Each word typed is scored against the words of an offer, the best of:

- the same word: 1;
- the start of a word (`mour` in Mourinho): 0.75 to 1, more the more of the word it covers;
- inside a word (`sullivan` in osullivan): 0.5;
- a misspelling of a word (rapidfuzz's `ratio` of 75 or more, words of 4 letters and more:
  `grenspan` for Greenspan): 0.8 times that ratio;
- its letters in order across the offer, as fzf matches: 0.2.

An offer's score is the mean over the words typed, times the share of those words found at
all (so a match of every word beats a better match of half of them), with a small bonus when
the offer holds the words typed in that order, side by side. An offer starts with the command
it runs (`open: ...`, `tag: ...`, `Theme`), so command names match like any other word; the
first word typed naming that command (or its start) adds a smaller bonus, so `open` lists
articles before the names holding "open", and `theme` the theme command before Theme Park.
Last, ties go to the offer with fewer words besides those typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

_WORD = re.compile(r"\w+")

EXACT, INSIDE, SCATTERED = 1.0, 0.5, 0.2
TYPO_WEIGHT = 0.8
TYPO_CUTOFF = 75
TYPO_MIN_LETTERS = 4
IN_ORDER_BONUS = 0.05
COMMAND_BONUS = 0.03
TIGHT_BONUS = 0.01
SHOWN_FROM = 0.45
"""Offers scoring less are not shown: scattered letters alone (0.2) never are."""


def words(text: str) -> list[str]:
    """`text`'s words, lower case, apostrophes and punctuation as breaks (O'Sullivan: o,
    sullivan)."""
    return _WORD.findall(utils.default_process(text))


def _word_score(typed: str, offered: list[str], joined: str) -> float:
    best = 0.0
    for word in offered:
        if word == typed:
            return EXACT
        if word.startswith(typed):
            best = max(best, 0.75 + 0.25 * len(typed) / len(word))
        elif typed in word:
            best = max(best, INSIDE)
        elif len(typed) >= TYPO_MIN_LETTERS and best < TYPO_WEIGHT:
            ratio = fuzz.ratio(typed, word, score_cutoff=TYPO_CUTOFF)
            if ratio:
                best = max(best, TYPO_WEIGHT * ratio / 100)
    if best == 0.0 and _in_order(typed, joined):
        best = SCATTERED
    return best


def _in_order(letters: str, text: str) -> bool:
    rest = iter(text)
    return all(letter in rest for letter in letters)


def score(query: str, offer: str) -> float:
    """How well `offer` (the text a palette line shows) answers `query`, 0 to about 1.05."""
    typed = words(query)
    if not typed:
        return 0.0
    offered = words(offer)
    joined = " ".join(offered)
    scores = [_word_score(word, offered, joined) for word in typed]
    found = sum(1 for s in scores if s > 0) / len(scores)
    total = sum(scores) / len(scores) * found
    if len(typed) > 1 and " ".join(typed) in joined:
        total += IN_ORDER_BONUS
    if len(typed[0]) >= 2 and offered and offered[0].startswith(typed[0]):
        total += COMMAND_BONUS
    # Ties go to the offer with fewer other words: `mourinho` gives the name before a title.
    return total + TIGHT_BONUS * min(1.0, len(typed) / len(offered)) if offered else total


def rank(query: str, offers: Sequence[str], *, limit: int = 20,
         shown_from: float = SHOWN_FROM) -> list[tuple[int, float]]:
    """The offers that answer `query`, best first (equal scores keep the offers' order).

    Large lists are first narrowed with rapidfuzz's `WRatio` (in C), which keeps every offer
    holding a typed word or a near miss of one, then scored word by word.

    Args:
        query: What was typed.
        offers: The texts the palette would show.
        limit: The most results.
        shown_from: The lowest score returned.

    Returns:
        `(index into offers, score)` pairs.
    """
    if not words(query):
        return []
    indexes: Sequence[int] = range(len(offers))
    if len(offers) > 20 * limit:
        narrowed = process.extract(query, offers, scorer=fuzz.WRatio,
                                   processor=utils.default_process, limit=20 * limit)
        indexes = sorted(i for _, _, i in narrowed)
    scored = [(i, score(query, offers[i])) for i in indexes]
    scored = [(i, s) for i, s in scored if s >= shown_from]
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def strip_command(query: str, command: str) -> tuple[str, bool]:
    """`query` without a leading `command` word (or the start of one, two letters or more:
    `op` for open), and whether it had one: "open mourinho" asks for titles like mourinho."""
    typed = query.split(maxsplit=1)
    if typed and len(typed[0]) >= 2 and command.startswith(typed[0].lower()):
        return (typed[1] if len(typed) > 1 else ""), True
    return query, False
