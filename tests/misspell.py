"""Misspellings as people make them, for the typo tests and benchmark: each kind of edit
applied at random (seeded) to a word."""

from __future__ import annotations

import random
import string
from collections.abc import Callable

ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
"""A QWERTY keyboard, for the substitutions and insertions a finger makes."""


def _neighbours() -> dict[str, str]:
    """Each letter's neighbours on the keyboard: left, right, and the keys above and below
    that touch it (rows are offset by half a key)."""
    where = {c: (r, k) for r, row in enumerate(ROWS) for k, c in enumerate(row)}
    near: dict[str, str] = {}
    for c, (r, k) in where.items():
        found = []
        for other, (r2, k2) in where.items():
            if other != c and (r2 == r and abs(k2 - k) == 1
                               or abs(r2 - r) == 1 and k2 - k in ((0, 1) if r2 < r else (-1, 0))):
                found.append(other)
        near[c] = "".join(found)
    return near


NEIGHBOURS = _neighbours()


def _letter_for(c: str, rng: random.Random) -> str:
    """A wrong letter for `c`: a keyboard neighbour half the time, else any other letter."""
    if c in NEIGHBOURS and rng.random() < 0.5:
        return rng.choice(NEIGHBOURS[c])
    return rng.choice([x for x in string.ascii_lowercase if x != c])


def substitution(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + _letter_for(word[i], rng) + word[i + 1:]


def transposition(word: str, rng: random.Random) -> str:
    places = [i for i in range(1, len(word) - 1) if word[i] != word[i + 1]]
    if not places:
        return word
    i = rng.choice(places)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def doubled(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[:i + 1] + word[i] + word[i + 1:]


def deletion(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + word[i + 1:]


def insertion(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) + 1)
    return word[:i] + _letter_for(word[i - 1], rng) + word[i:]


def first_letter(word: str, rng: random.Random) -> str:
    return _letter_for(word[0], rng) + word[1:]


ONE_EDIT = {"substitution": substitution, "transposition": transposition,
            "doubled letter": doubled, "deletion": deletion, "insertion": insertion}


def two_edits(word: str, rng: random.Random) -> str:
    first, second = rng.choices(list(ONE_EDIT.values()), k=2)
    return second(first(word, rng), rng)


KINDS: dict[str, Callable[[str, random.Random], str]] = {
    **ONE_EDIT, "wrong first letter": first_letter, "two edits": two_edits}


def make_typo(word: str, kind: str, rng: random.Random) -> str | None:
    """`word` with one edit of `kind` (None when that kind cannot change it)."""
    for _ in range(10):
        typo = KINDS[kind](word, rng)
        if typo != word:
            return typo
    return None
