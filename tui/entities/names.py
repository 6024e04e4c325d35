"""Names no list knows and no title announces: labelled by their shape and the words around.

A lone unknown word is an organisation when it is a short acronym, else whatever the words
around it say (`tui.entities.context.around`); a name of several words is a person when it
starts with a given name or holds a particle, a place or an organisation when its first word is
one, else what the words around it say. Both leave that question to the reader
(`RunReader.ask`), which asks it and notes it, so that a remembered run asks it again each time
the same words come (the answer depends on where they stand).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.entities.gazetteer import Entry
from tui.entities.lexicon import (
    FOREIGN_ARTICLES,
    MEDIA_WORDS,
    NON_ORG_ACRONYMS,
    ORG_TAILS,
    PARTICLES,
    PLACE_QUALIFIERS,
    STOP,
)

if TYPE_CHECKING:
    from tui.entities.rules import RunReader

COMPASS = frozenset(["N", "S", "E", "W", "NE", "NW", "SE", "SW"])
COMPASS_WORDS = frozenset(["North", "South", "East", "West", "Central"])
ROMAN = frozenset(["II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV",
                   "XV", "XVI"])


def single(reader: RunReader, i: int, at_start: bool, entry: Entry | None) -> None:
    """Label a one-word name."""
    word = reader.words[i]
    if entry is not None:
        if entry.label == "MISC":
            return
        if at_start and entry.kind == "weak":
            reader.emit(i, i + 1, None)  # the story may name it mid-sentence too
        else:
            reader.emit(i, i + 1, entry.label, entry.canonical, "gazetteer", entry.strong)
        return
    if len(word) < 2 or word in STOP or word[-1] == "s" and word[:-1].isupper() \
            or word in ORG_TAILS and word not in reader.gaz.teams:
        return
    if len(word) <= 6 and word.isupper() and word.replace("&", "").isalpha() \
            and word not in NON_ORG_ACRONYMS and word.title() not in STOP:
        reader.emit(i, i + 1, "ORG", how="guess")
        return
    if at_start:
        reader.emit(i, i + 1, None)
    else:
        reader.ask(i, i + 1, single=True, fallback=False)


def several(reader: RunReader, i: int, j: int) -> None:
    """Label a name of two or more words."""
    words, phrases, gaz = reader.words, reader.phrases, reader.gaz
    first, last = words[i], words[j - 1]
    if "&" in words[i:j]:
        reader.emit(i, j, "ORG", how="shape")
        return
    if len(first) <= 2 and first.isupper() and first.isalpha() and first not in phrases:
        last_entry = phrases.get(" ".join(words[i + 1:j]))
        if first in COMPASS and last_entry is not None and last_entry.label == "PLACE":
            reader.emit(i, j, "PLACE", how="shape")  # "W Yorkshire"
            return
        if j - i == 2 and last_entry is None and last in gaz.surnames \
                and first not in NON_ORG_ACRONYMS:
            reader.emit(i, j, "PERSON", how="shape")  # initials: "M Riley", "KK Mittal"
            return
    if first not in FOREIGN_ARTICLES and not any(
            len(w) > 1 and w.isupper() and w not in ROMAN and w[-1] != "."
            for w in words[i + 1:j]) and (
            first in gaz.given or any(w in PARTICLES for w in words[i + 1:j - 1])
            or first[-1] == "." and len(first) <= 4 and first not in phrases):
        reader.emit(i, j, "PERSON", how="shape")
        return
    first_entry = phrases.get(first)
    if first_entry is not None and first_entry.label == "PLACE" and j == i + 2 \
            and last in COMPASS_WORDS:
        reader.emit(i, j, "PLACE", how="shape")  # a constituency: "Leicester South"
        return
    if first_entry is not None and first_entry.label == "ORG" and all(
            w in MEDIA_WORDS for w in words[i + 1:j]):
        reader.emit(i, j, "ORG", how="shape")  # "BBC Sport", "BBC World Service"
        return
    if first_entry is not None and first_entry.label in ("PLACE", "ORG"):
        reader.emit(i, i + 1, first_entry.label, first_entry.canonical, "gazetteer",
                    first_entry.strong)
        reader.emit(i + 1, j, None)
        return
    last_entry = phrases.get(last)
    if last_entry is not None and last_entry.label == "MISC":
        return
    if last_entry is not None and last_entry.label == "PLACE" and first in PLACE_QUALIFIERS:
        reader.emit(i, j, "PLACE", how="shape")
        return
    odd = any(len(w) == 1 or w.isupper() and w not in ROMAN or not w.isalpha() and
              not all(p.isalpha() for p in w.replace("’", "'").replace("'", "-").split("-"))
              for w in words[i:j])
    if odd:
        reader.emit(i, j, None)
        return
    reader.ask(i, j, single=False, fallback=first not in FOREIGN_ARTICLES and (
        any(p in gaz.surnames for p in last.split("-")) or not last.isascii()))
