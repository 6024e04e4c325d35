"""Typo tolerance: expand a rare or unknown word to nearby words of the index's vocabulary."""

from __future__ import annotations

import bisect
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

FEW = 3
"""A word found in fewer articles than this may be a typo: nearby words are searched too."""
MAX_EXPANSIONS = 3
MAX_DERIVATIONS = 50
POSTINGS_BUDGET = 30_000
"""A prefix whose words hold more (word, article) pairs than this, or that starts more than
MAX_DERIVATIONS words, is searched as its commonest words that fit (as Meilisearch caps prefix
derivations): merging thousands of doclists costs seconds at 100k articles."""


def fold(word: str) -> str:
    """What the index stores for a word: case-folded, diacritics removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def wanted(folded: str, docs: int, always: bool) -> bool:
    """Whether a word held by `docs` articles gets typo alternatives at all."""
    return budget(folded) > 0 and (always or docs < FEW)


def budget(word: str) -> int:
    """Edits allowed, in the manner of Meilisearch: none up to 4 letters, 1 to 8, then 2."""
    if len(word) <= 4:
        return 0
    return 1 if len(word) <= 8 else 2


@dataclass
class Expansion:
    word: str
    alternatives: list[str]
    known: bool
    """The word itself is in the index (so it is kept and ranked first)."""


class Vocabulary:
    """The index's words and their article counts, bucketed by length for quick lookups."""

    def __init__(self, rows: list[tuple[str, int]]):
        self.docs = dict(rows)
        by_length: dict[int, list[str]] = defaultdict(list)
        for term in self.docs:
            by_length[len(term)].append(term)
        self.by_length = dict(by_length)
        self.sorted = sorted(self.docs)

    def derivations(self, prefix: str) -> tuple[list[str] | None, int]:
        """The words to search for `prefix*` when it has too many: its commonest words.

        Returns:
            The words chosen (None when the prefix is narrow enough to search whole) and how
            many words start with the prefix.
        """
        folded = fold(prefix)
        start = bisect.bisect_left(self.sorted, folded)
        end = bisect.bisect_left(self.sorted, folded + "\U0010ffff", lo=start)
        words = self.sorted[start:end]
        if len(words) <= MAX_DERIVATIONS and sum(self.docs[t] for t in words) <= POSTINGS_BUDGET:
            return None, len(words)
        chosen, postings = [], 0
        for term in sorted(words, key=lambda t: -self.docs[t])[:MAX_DERIVATIONS]:
            if chosen and postings + self.docs[term] > POSTINGS_BUDGET:
                break
            chosen.append(term)
            postings += self.docs[term]
        return chosen, end - start

    def expand(self, word: str, *, always: bool = False) -> Expansion:
        """Nearby, more common words for `word` when it is rare (or `always`, when the query
        as typed found too little); never drops the word itself.

        OSA distance counts a transposition as one edit; a wrong first letter costs one more.
        """
        folded = fold(word)
        docs = self.docs.get(folded, 0)
        allowed = budget(folded)
        if not wanted(folded, docs, always):
            return Expansion(folded, [], docs > 0)
        # Deferred: most searches end above, and `newsreader search` starts faster without it.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        pool = [t for n in range(len(folded) - allowed, len(folded) + allowed + 1)
                for t in self.by_length.get(n, ())]
        found = process.extract(folded, pool, scorer=OSA.distance, score_cutoff=allowed,
                                limit=20)
        ranked = []
        for term, distance, _ in found:
            cost = distance + (term[:1] != folded[:1])
            if term != folded and 0 < cost <= allowed and self.docs[term] > docs:
                ranked.append((cost, -self.docs[term], term))
        ranked.sort()
        return Expansion(folded, [t for _, _, t in ranked[:MAX_EXPANSIONS]], docs > 0)


class VocabularyCache:
    """One Vocabulary per library state; rebuilt only after the library changes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._key: tuple | None = None
        self._vocab: Vocabulary | None = None

    def expand(self, library, word: str, *, always: bool = False) -> Expansion:
        """`Vocabulary.expand` on the library's vocabulary, loaded only when `word` wants it.

        A one-off `newsreader search` would otherwise read the whole vocabulary (~40 ms at
        100k articles) only to learn that its words are common enough to need no typo help:
        when it is not loaded yet, counting the word's first few articles answers that.
        """
        folded = fold(word)
        loaded = self.loaded(library)
        if loaded is None:
            docs = library.term_docs(folded, limit=FEW)
            if not wanted(folded, docs, always):
                return Expansion(folded, [], docs > 0)
        return (loaded or self.get(library)).expand(word, always=always)

    def loaded(self, library) -> Vocabulary | None:
        """The library's current vocabulary if it is loaded already (never reads it)."""
        key = (str(library.path), library.generation())
        with self._lock:
            return self._vocab if self._key == key else None

    def get(self, library) -> Vocabulary:
        key = (str(library.path), library.generation())
        with self._lock:
            if self._key == key and self._vocab is not None:
                return self._vocab
        # Built under its own lock, so that `docs` (every search) never waits for a build
        # (0.7 s at 100k articles) that the app's warm-up or another search is doing.
        with self._building:
            with self._lock:
                if self._key == key and self._vocab is not None:
                    return self._vocab
            vocab = Vocabulary(library.vocabulary())
            with self._lock:
                self._vocab, self._key = vocab, key
            return vocab


CACHE = VocabularyCache()
