"""The name lists in tui/data (places, organisations, given names, surnames), loaded once."""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass
from pathlib import Path

from tui.entities.lexicon import STOP, TITLE_PHRASES, TITLE_WORDS

DATA = Path(__file__).resolve().parent.parent / "data"
STRONG_PLACE_KINDS = frozenset({"country", "state", "continent"})
"""Place kinds a person's surname never takes over: Georgia stays a place, while a Holland
who has a first name in the article is a person."""

COUNTRY_KINDS = frozenset({"country", "state", "continent", "alias"})


@dataclass(frozen=True, slots=True)
class Entry:
    """What a known phrase is.

    Attributes:
        label: PLACE, ORG, TITLE or MISC (a nationality, event, work or product: no entity).
        canonical: the name to group mentions under ("U.S." -> "United States").
        kind: for places the gazetteer kind (country, city...); "weak" for an organisation
            whose name is also an everyday word (it only counts mid-sentence).
    """

    label: str
    canonical: str
    kind: str = ""

    @property
    def country(self) -> bool:
        """Whether a place is a country, a state or a continent, or another name for one."""
        return self.label == "PLACE" and self.kind in COUNTRY_KINDS

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
    teams: dict[str, str]
    stop_words: frozenset[str]
    """Sentence words that are never a name alone: STOP less given names and surnames ("May",
    "Will", "Young" may be someone)."""
    """Short names of clubs and teams that are also places or words ("Liverpool", "Boro")
    -> the club's name: organisations only where sport says so (tui.entities.sport)."""


def _lines(name: str) -> list[str]:
    path = DATA / name
    raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    if name.endswith(".gz"):  # generated: one header line, then one clean entry a line
        return lines[1:]
    return [line for line in lines if line.strip() and line[0] != "#"]


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
    teams: dict[str, str] = {}
    for line in _lines("clubs.tsv"):
        club, kind, *canonical = line.split("\t")
        if kind == "team":
            teams[club] = canonical[0] if canonical else club
        else:
            phrases.setdefault(club, Entry("ORG", canonical[0] if canonical else club))
    for word in (*_lines("demonyms.txt"), *_lines("misc.txt")):
        known = phrases.get(word.strip())
        if known is None or known.kind == "city":  # Brits (South Africa) is rarer than Brits
            phrases[word.strip()] = Entry("MISC", word.strip())
    for title in (*TITLE_PHRASES, *TITLE_WORDS):
        phrases.setdefault(title, Entry("TITLE", title))
    longest: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    given = {word for line in _lines("given_names_extra.txt") for word in line.split()}
    given.update(_lines("given_names.txt.gz"))
    given.update(_lines("given_names_world.txt.gz"))
    surnames = frozenset((*_lines("surnames.txt.gz"), *_lines("surnames_world.txt.gz")))
    return Gazetteer(
        phrases=phrases,
        longest=longest,
        possessives=frozenset(p[:-2] for p in phrases if p.endswith(("'s", "’s"))),
        given=frozenset(given),
        surnames=surnames,
        teams=teams,
        stop_words=STOP - given - surnames,
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
