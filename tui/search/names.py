"""Fuzzy lookup of the library's entity names for the person:, org:, place: and entity: filters."""

from __future__ import annotations

import bisect
import re
import threading
from collections import defaultdict

from ..records import Record
from .typo import fold

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..storage import Library

MAX_NAMES = 10
"""A value matching more names than this searches the most mentioned ones (and says so)."""
MIN_FUZZY = 4
"""Shorter values only match names holding them: three letters are too few to guess from."""
CUTOFF = 80
"""rapidfuzz ratio (0..100) a word of a name must reach: blinkn ~ blinken scores 92,
clouthir ~ clouthier 94, while unrelated words of similar length stay under 60."""
WORD = re.compile(r"\w+")
Windows = dict[int, dict[str, tuple[list[str], list[int]]]]
"""Runs of words of names by length, then label: the texts and the name each comes from."""


class Match(Record):
    """The names a filter value stands for: `(name, label)` pairs, most mentioned first (a
    record, not a dataclass: see `tui.records`)."""


    def __init__(self, names: list[tuple[str, str]] | None = None, total: int = 0,
                 fuzzy: bool = False):
        self.names: list[tuple[str, str]] = [] if names is None else names
        self.total = total
        """How many names matched (more than `names` holds when there were over MAX_NAMES)."""
        self.fuzzy = fuzzy
        """Matched by spelling distance or inside a word, not as typed: worth telling the
        person."""


class NameIndex:
    """Every entity name of a library, folded (case, diacritics) and indexed by word."""

    def __init__(self, rows: list[tuple[str, str]]):
        self.rows = rows
        """`(name, label)`, most mentioned first: a lower position is a better candidate."""
        self.folded = [name.casefold() if name.isascii() else fold(name) for name, _ in rows]
        self.words = [WORD.findall(f) for f in self.folded]
        by_word: dict[str, list[int]] = defaultdict(list)
        for n, words in enumerate(self.words):
            for word in set(words):
                by_word[word].append(n)
        self.by_word = dict(by_word)
        self.sorted_words = sorted(self.by_word)
        self.joined = "\n".join(self.folded)
        self.starts = []
        position = 0
        for name in self.folded:
            self.starts.append(position)
            position += len(name) + 1
        self._windows: dict[int, Windows] = {}

    def match(self, value: str, label: str | None = None) -> Match:
        """The names `value` stands for, trying in turn: names holding its words whole, names
        with words starting like its words, names containing it, then names with words
        spelt nearly like it. The first way that finds any name decides.

        Args:
            value: What was typed after `person:` (or another entity filter).
            label: Only names of this label; None for any.
        """
        query = fold(" ".join(value.split()))
        words = WORD.findall(query)
        if not words:
            return Match()
        for finder, fuzzy in ((self._whole, False), (self._prefixes, False),
                              (self._inside, True), (self._near, True)):
            found = [n for n in finder(query, words, label)
                     if label is None or self.rows[n][1] == label]
            if found:
                found.sort()
                return Match([self.rows[n] for n in found[:MAX_NAMES]], len(found), fuzzy)
        return Match()

    def _whole(self, _query: str, words: list[str], _label: str | None) -> set[int]:
        return _all(self.by_word.get(word, ()) for word in words)

    def _prefixes(self, _query: str, words: list[str], _label: str | None) -> set[int]:
        def starting(prefix: str) -> set[int]:
            start = bisect.bisect_left(self.sorted_words, prefix)
            end = bisect.bisect_left(self.sorted_words, prefix + "\U0010ffff", lo=start)
            return {n for word in self.sorted_words[start:end] for n in self.by_word[word]}

        return _all(starting(word) for word in words)

    def _inside(self, query: str, _words: list[str], _label: str | None) -> set[int]:
        found: set[int] = set()
        if len(query) < MIN_FUZZY:
            return found
        at = self.joined.find(query)
        while at >= 0:
            found.add(bisect.bisect_right(self.starts, at) - 1)
            at = self.joined.find(query, at + 1)
        return found

    def _near(self, query: str, words: list[str], label: str | None) -> set[int]:
        """Names with a run of as many words as the value, spelt nearly like it."""
        if len(query) < MIN_FUZZY:
            return set()
        from rapidfuzz import fuzz, process  # deferred: only a name not found as typed needs it

        windows = self._windows_of(len(words))
        found: list[tuple[float, int]] = []
        # A ratio of CUTOFF needs the shorter string to be at least 2/3 of the longer one.
        for length in range(len(query) * 2 // 3, len(query) * 3 // 2 + 2):
            for kind, (texts, owners) in windows.get(length, {}).items():
                if label is None or kind == label:
                    found.extend((score, owners[k]) for _, score, k in process.extract(
                        query, texts, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=None))
        best = max((score for score, _ in found), default=0)
        # Only the best few: a name 15 points worse than the best is a different name.
        return {n for score, n in found if score >= best - 5}

    def _windows_of(self, size: int) -> Windows:
        """Every run of `size` consecutive words of every name, by length and label."""
        windows = self._windows.get(size)
        if windows is None:
            windows = {}
            for n, words in enumerate(self.words):
                for k in range(max(1, len(words) - size + 1)):
                    text = " ".join(words[k:k + size])
                    texts, owners = windows.setdefault(len(text), {}).setdefault(
                        self.rows[n][1], ([], []))
                    texts.append(text)
                    owners.append(n)
            self._windows[size] = windows
        return windows


def _all(sets: Iterable[Iterable[int]]) -> set[int]:
    """The intersection of some collections of name positions."""
    result: set[int] | None = None
    for members in sets:
        result = set(members) if result is None else result & set(members)
        if not result:
            return set()
    return result or set()


class NameCache:
    """One NameIndex per library state (rebuilt when entities change), and its answers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, int] | None = None
        self._index: NameIndex | None = None
        self._answers: dict[tuple[str, str | None], Match] = {}

    def match(self, library: Library, value: str, label: str | None) -> Match:
        key = (library.file, library.entities.stamp())
        with self._lock:
            if self._key != key or self._index is None:
                self._index = NameIndex(library.entities.names())
                self._key = key
                self._answers = {}
            index = self._index
            answer = self._answers.get((value, label))
        if answer is None:
            answer = index.match(value, label)
            with self._lock:
                if self._key == key:
                    self._answers[(value, label)] = answer
        return answer


NAMES = NameCache()
