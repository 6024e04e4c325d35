"""Fit a status line to its width: shorten the least useful parts first, never cut a word."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len


def fit_status(parts: Sequence[Sequence[str]], width: int, order: Sequence[int] | None = None,
               separators: Sequence[str] = ("  ·  ", " · ")) -> str:
    """One line of `parts` that fits `width` cells.

    Args:
        parts: each part's forms, longest first; a form may be "" (the part is left out).
        width: the cells available.
        order: the indexes of the parts, least useful first: the order they are shortened in
            (by default the last part first).
        separators: between parts, widest first; narrower ones are tried before any part is
            shortened.

    Returns:
        The line. When even the shortest forms are too wide, the last part that is left is
        cut after a whole word, with an ellipsis.
    """
    chosen = [0] * len(parts)
    order = list(order) if order is not None else list(range(len(parts)))[::-1]

    def line(separator: str) -> str:
        return separator.join(form for form in (p[i] for p, i in zip(parts, chosen, strict=False)) if form)

    for separator in separators:
        if cell_len(line(separator)) <= width:
            return line(separator)
    separator = separators[-1]
    for index in order:
        while cell_len(line(separator)) > width and chosen[index] < len(parts[index]) - 1:
            chosen[index] += 1
        if cell_len(line(separator)) <= width:
            return line(separator)
    return cut_words(line(separator), width)


def cut_words(text: str, width: int) -> str:
    """`text` cut after its last whole word that fits `width` cells with an ellipsis."""
    if cell_len(text) <= width:
        return text
    words, kept = text.split(" "), ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if cell_len(candidate) + 1 > width:
            break
        kept = candidate
    return (kept.rstrip(" ·,;:") + "…") if kept else "…"[:width]
