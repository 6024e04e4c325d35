"""What a typo costs: an edit distance weighted by how people mistype.

A finger that hits the key beside the right one, a letter typed twice or once where the word
doubles it, two letters swapped: these are the commonest slips, and cost less than a random
letter. A wrong first letter is rare (people see it), and costs more.
"""

from __future__ import annotations

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
"""A QWERTY keyboard. Rows are offset by about half a key: `s` touches `w`, `e`, `z`, `x`."""


def _neighbours() -> dict[str, frozenset[str]]:
    where = {c: (r, k) for r, row in enumerate(ROWS) for k, c in enumerate(row)}
    near: dict[str, set[str]] = {c: set() for c in where}
    for c, (r, k) in where.items():
        for other, (r2, k2) in where.items():
            # The row below sits half a key to the right of the row above.
            if (r2 == r and abs(k2 - k) == 1) or (r2 == r + 1 and k2 in (k - 1, k)):
                near[c].add(other)
                near[other].add(c)
    return {c: frozenset(s) for c, s in near.items()}


NEIGHBOURS = _neighbours()

SUBSTITUTE = 1.0
NEIGHBOUR = 0.75
"""A keyboard neighbour in place of the letter."""
SWAP = 0.5
"""Two neighbouring letters swapped."""
DOUBLING = 0.5
"""A letter typed twice, or typed once where the word has it twice."""
INSERT = 1.0
DELETE = 0.6
FIRST = 0.75
"""Added to an edit of the first letter."""


def near(a: str, b: str) -> bool:
    """Whether `a` and `b` are beside each other on the keyboard."""
    return b in NEIGHBOURS.get(a, ())


def cost(typed: str, word: str) -> float:
    """The cost of typing `word` as `typed`: an optimal string alignment distance (each
    letter edited at most once; a transposition is one edit) with the weights above."""
    m = len(word)
    extra = [_extra(typed, i) for i in range(len(typed))]
    missing = [_missing(word, j) for j in range(m)]
    before: list[float] = []
    previous = [0.0] * (m + 1)
    for j in range(m):
        previous[j + 1] = previous[j] + missing[j]
    for i, t in enumerate(typed):
        current = [previous[0] + extra[i]] + [0.0] * m
        close = NEIGHBOURS.get(t, frozenset())
        for j in range(1, m + 1):
            w = word[j - 1]
            if t == w:
                best = previous[j - 1]
            else:
                best = previous[j - 1] + (NEIGHBOUR if w in close else SUBSTITUTE) + (
                    FIRST if j == 1 else 0.0)
                if (i and j > 1 and t == word[j - 2] and typed[i - 1] == w
                        and before[j - 2] + SWAP + (FIRST if j == 2 else 0.0) < best):
                    best = before[j - 2] + SWAP + (FIRST if j == 2 else 0.0)
            if previous[j] + extra[i] < best:
                best = previous[j] + extra[i]
            if current[j - 1] + missing[j - 1] < best:
                best = current[j - 1] + missing[j - 1]
            current[j] = best
        before, previous = previous, current
    return previous[m]


def _extra(typed: str, i: int) -> float:
    """The cost of `typed[i]` being a letter too many."""
    c = typed[i]
    if (i > 0 and typed[i - 1] == c) or (i + 1 < len(typed) and typed[i + 1] == c):
        return DOUBLING
    touching = (i > 0 and near(typed[i - 1], c)) or (i + 1 < len(typed) and near(typed[i + 1], c))
    return (NEIGHBOUR if touching else INSERT) + (FIRST if i == 0 else 0.0)


def _missing(word: str, j: int) -> float:
    """The cost of `word[j]` being left out."""
    c = word[j]
    if (j > 0 and word[j - 1] == c) or (j + 1 < len(word) and word[j + 1] == c):
        return DOUBLING
    return DELETE + (FIRST if j == 0 else 0.0)


def cheapest() -> float:
    """The least any one edit costs."""
    return min(SUBSTITUTE, NEIGHBOUR, SWAP, DOUBLING, INSERT, DELETE)
