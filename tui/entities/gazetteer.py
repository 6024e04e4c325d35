"""The name lists in tui/data (places, organisations, given names, surnames), loaded once."""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass
from pathlib import Path

from tui.entities.lexicon import TITLE_PHRASES, TITLE_WORDS

DATA = Path(__file__).resolve().parent.parent / "data"
STRONG_PLACE_KINDS = frozenset({"country", "state", "continent", "alias"})


@dataclass(frozen=True, slots=True)
class Entry:
    """What a known phrase is.

    Attributes:
        label: PLACE, ORG, TITLE or DEMONYM.
        canonical: the name to group mentions under ("U.S." -> "United States").
        kind: for places the gazetteer kind (country, city...); "weak" for an organisation
            whose name is also an everyday word (it only counts mid-sentence).
    """

    label: str
    canonical: str
    kind: str = ""

    @property
    def strong(self) -> bool:
        """Whether a person's surname should not take this name over (Georgia, not Lincoln)."""
        return self.label != "PLACE" or self.kind in STRONG_PLACE_KINDS


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every list the rules consult, ready for O(1) look-ups."""

    phrases: dict[str, Entry]
    """Phrase (words joined by one space) -> entry."""
    longest: dict[str, int]
    """First word of a phrase -> the most words any phrase starting with it has."""
    possessives: frozenset[str]
    """Names that end in 's themselves (McDonald's): the possessive is not trimmed."""
    given: frozenset[str]
    surnames: frozenset[str]


def _lines(name: str) -> list[str]:
    path = DATA / name
    raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    return [line for line in raw.decode("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _load() -> Gazetteer:
    phrases: dict[str, Entry] = {}
    for name in ("places.tsv.gz", "places_extra.tsv"):
        for line in _lines(name):
            place, kind, *canonical = line.split("\t")
            phrases[place] = Entry("PLACE", canonical[0] if canonical else place, kind)
    for line in _lines("orgs.txt"):
        org, *canonical = line.split("\t")
        weak = org.startswith("~")
        org = org.lstrip("~")
        phrases[org] = Entry("ORG", canonical[0] if canonical else org, "weak" if weak else "")
    for word in _lines("demonyms.txt"):
        known = phrases.get(word.strip())
        if known is None or known.kind == "city":  # Brits (South Africa) is rarer than Brits
            phrases[word.strip()] = Entry("DEMONYM", word.strip())
    for title in (*TITLE_PHRASES, *TITLE_WORDS):
        phrases.setdefault(title, Entry("TITLE", title))
    longest: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    given = {word for line in _lines("given_names_extra.txt") for word in line.split()}
    given.update(_lines("given_names.txt.gz"))
    return Gazetteer(
        phrases=phrases,
        longest=longest,
        possessives=frozenset(p[:-2] for p in phrases if p.endswith(("'s", "’s"))),
        given=frozenset(given),
        surnames=frozenset(_lines("surnames.txt.gz")),
    )


_cache: list[Gazetteer] = []
_lock = threading.Lock()


def gazetteer() -> Gazetteer:
    """The gazetteer, read from disk on the first call only (thread-safe)."""
    if not _cache:
        with _lock:
            if not _cache:
                _cache.append(_load())
    return _cache[0]
