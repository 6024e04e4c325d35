"""Typo tolerance: expand a rare or unknown word to nearby words of the index's vocabulary."""

from __future__ import annotations

import bisect
import math
import re
import threading
import unicodedata
from collections import defaultdict

from ..records import Record
from . import edits
from .edits import cost

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: kept off `newsreader search`'s imports
if TYPE_CHECKING:
    from ..storage import Library

WORD = re.compile(r"\w+")
FEW = 3
"""A word found in fewer articles than this may be a typo: nearby words are searched too."""
MAX_EXPANSIONS = 5
PER_LENGTH = 25
"""Words of each length considered for a typo: the nearest, commonest first among equals."""
MAX_DERIVATIONS = 50
POSTINGS_BUDGET = 30_000
"""A prefix whose words hold more (word, article) pairs than this, or that starts more than
MAX_DERIVATIONS words, is searched as its commonest words that fit (as Meilisearch caps prefix
derivations): merging thousands of doclists costs seconds at 100k articles."""


def fold(word: str) -> str:
    """What the index stores for a word: case-folded, diacritics removed."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


MODES = ("rare", "always", "wide")
"""How far a search reaches for nearby words, in the order it tries them: the rare and unknown
words of the query; then every word, when the query as typed found fewer than FEW articles;
then every word with the wide budget (see `budget`), when that still found fewer. A word no
article holds gets the wide budget in every mode, its farther words scored lower."""

WEIGHT = 3.0
PRIOR = 0.5
"""A noisy channel, as in spelling correctors: the word meant is likeliest when it is common
in the library and the typo is a likely slip. A word scores PRIOR * ln(its articles) - WEIGHT
* the cost of the typo (see `edits.cost`): an edit of cost 1 more is worth a word held by
e**(WEIGHT / PRIOR) = 400 times as many articles. With the full count (PRIOR 1) common words
beat every proper noun near them."""
WIDER = 3.0
"""Taken from the score of a word outside the strict budget (see `budget`)."""
NAME_BOOST = 10.0
"""A word of a name (a person, an organisation, a place: what people mostly search a news
archive for) counts as if this many times as many articles held it."""
READ_FOR_HINTS = 20_000
"""A library of up to this many articles has its vocabulary read from the index (quick at that
size) for "did you mean"; a bigger one only when a copy is kept (see `IndexVocabulary`)."""
NAME_LABELS = ("PERSON", "ORG", "PLACE")
NAMES_READ = 200_000
"""The most mentioned names whose words count as names: a bound on the time to read them."""
PRUNE = 4.0
"""Alternatives scoring this much below the best one (about 55 times less likely) are
dropped."""
SUGGEST_RATIO = 1.4
"""A word the library holds is questioned when a word one edit away is more common by at least
e**(SUGGEST_RATIO * cost): 2 times for a doubled letter, 4 times for a random letter."""
SUGGEST_SHARE = 0.001
"""... and when the word is rare: in at most this share of the articles, or SUGGEST_FEW. (A
one-off command reads the whole vocabulary to know, a noticeable part of its run: the common
words a person searches most are spared that.)"""
SUGGEST_FEW = 10


def wanted(folded: str, docs: int, mode: str | None) -> bool:
    """Whether a word held by `docs` articles gets typo alternatives at all in `mode`."""
    if mode is None or budget(folded, wide=mode == "wide" or docs == 0) == 0:
        return False
    return mode != "rare" or docs < FEW


def budget(word: str, *, wide: bool = False) -> int:
    """Edits allowed, in the manner of Meilisearch: none up to 3 letters, 1 up to 8 (for 4
    letters only a letter left out: `bair` finds Blair), then 2. Wide: 2 from 5 letters, and
    any 1 edit for 4; a first letter may be wrong."""
    if len(word) <= 3:
        return 0
    if len(word) == 4:
        return 1
    return 2 if wide or len(word) > 8 else 1


class Expansion(Record):
    """A word's typo alternatives (a record, not a dataclass: see `tui.records`)."""


    def __init__(self, word: str, alternatives: list[str], known: bool, wide: bool = False,
                 chances: list[float] | None = None):
        self.word = word
        self.alternatives = alternatives
        """Likeliest first."""
        self.known = known
        """The word itself is in the index (so it is kept and ranked first)."""
        self.wide = wide
        """The likeliest alternative is outside the strict budget (a wrong first letter, two
        edits up to 8 letters): the search asks "did you mean ...?"."""
        self.chances: list[float] = [] if chances is None else chances
        """How likely each alternative is the word meant, as shares of 1 (see
        `Vocabulary.nearby`)."""


class Vocabulary:
    """The index's words and their article counts, bucketed by length for quick lookups."""

    def __init__(self, rows: list[tuple[str, int]]):
        self.docs = dict(rows)
        by_length: dict[int, list[str]] = defaultdict(list)
        for term in self.docs:
            by_length[len(term)].append(term)
        self.by_length = dict(by_length)
        self.sorted = sorted(self.docs)
        # Made when first asked for (a one-off search needs a few of them).
        self._common: dict[int, list[str]] = {}
        self._starting: dict[tuple[int, str], list[str]] = {}
        self.names: frozenset[str] = frozenset()
        """Words of the names of people, organisations and places the library mentions."""

    def commonest(self, length: int, start: str | None = None) -> list[str]:
        """The words of `length` letters (starting with `start`), commonest first: the
        nearest words of a length then come commonest first among equals."""
        found = self._common.get(length)
        if found is None:
            found = sorted(self.by_length.get(length, ()), key=self.docs.__getitem__,
                           reverse=True)
            self._common[length] = found
        if start is None:
            return found
        starting = self._starting.get((length, start))
        if starting is None:
            starting = self._starting[length, start] = [t for t in found if t[:1] == start]
        return starting

    def prior(self, term: str) -> float:
        """How likely a search is for `term`, before what was typed is looked at (a log):
        a word held by more articles, or a word of a name, is searched more."""
        boost = NAME_BOOST if term in self.names else 1.0
        return PRIOR * math.log(self.docs[term] * boost)

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
        chosen: list[str] = []
        postings = 0
        for term in sorted(words, key=lambda t: -self.docs[t])[:MAX_DERIVATIONS]:
            if chosen and postings + self.docs[term] > POSTINGS_BUDGET:
                break
            chosen.append(term)
            postings += self.docs[term]
        return chosen, end - start

    def expand(self, word: str, *, mode: str | None = "rare") -> Expansion:
        """Nearby, more common words for `word`, likeliest first, when `mode` wants them
        (see MODES); never drops the word itself."""
        folded = fold(word)
        docs = self.docs.get(folded, 0)
        if not wanted(folded, docs, mode):
            return Expansion(folded, [], docs > 0)
        # A word no article holds is a typo for sure: every likely word is worth a look, the
        # unlikelier ones (a wrong first letter, two edits) ranked after the likelier.
        ranked = self.nearby(folded, docs, wide=mode == "wide" or docs == 0)
        if not ranked:
            return Expansion(folded, [], docs > 0)
        best = ranked[0][0]
        kept = [(score, term) for score, term in ranked if score >= best - PRUNE]
        odds = [math.exp(score - best) for score, _ in kept]
        return Expansion(folded, [term for _, term in kept], docs > 0,
                         wide=not strict(folded, kept[0][1]),
                         chances=[x / sum(odds) for x in odds])

    def nearby(self, folded: str, docs: int, *, wide: bool = False, limit: int = MAX_EXPANSIONS,
               most: int | None = None) -> list[tuple[float, str]]:
        """`(score, word)` of the likeliest words `folded` may be a typo of, best first: words
        held by more than `docs` articles, within the budget. The score is
        PRIOR * ln(articles holding the word) - WEIGHT * the typo's cost (see `edits.cost`),
        less WIDER outside the strict budget.

        OSA distance (a transposition is one edit) bounds the candidates: the PER_LENGTH
        nearest of each length, commonest first among equals. Within the strict budget a
        wrong first letter costs one edit more.
        """
        allowed = budget(folded, wide=wide)
        if most is not None:
            allowed = min(allowed, most)
        if allowed == 0:
            return []
        # Deferred: most searches end before this, and `newsreader search` starts faster.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if len(folded) == 4 and not wide:
            lengths: range | list[int] = [5]  # a letter left out of a 5-letter name
        else:
            lengths = range(len(folded) - allowed, len(folded) + allowed + 1)
        # A strict budget of one edit keeps the first letter: only words starting with it.
        first = not wide and allowed == 1
        strict_budget = budget(folded)
        candidates = []
        for n in lengths:
            pool = self.commonest(n, folded[:1] if first else None)
            for term, distance, _ in process.extract(folded, pool, scorer=OSA.distance,
                                                     score_cutoff=allowed, limit=PER_LENGTH):
                steps = distance + (term[:1] != folded[:1])
                if (wide or steps <= allowed) and self.docs[term] > docs and term != folded:
                    # No edit costs less than the cheapest: an upper bound of the score.
                    bound = self.prior(term) - WEIGHT * edits.cheapest() * distance
                    if distance > strict_budget or (len(folded) == 4 and n != 5):
                        bound -= WIDER
                    candidates.append((bound, term))
        candidates.sort(reverse=True)
        scored: list[tuple[float, str]] = []
        for bound, term in candidates:
            if len(scored) >= limit and bound < scored[limit - 1][0]:
                break  # nothing after this can enter the best `limit`
            penalty = WIDER if beyond(folded, term) else 0.0
            scored.append((self.prior(term) - WEIGHT * cost(folded, term) - penalty, term))
            scored.sort(reverse=True)
        return scored[:limit]

    def suggestion(self, word: str, articles: int) -> str | None:
        """A word the person more likely meant than `word`, which the library holds: a far
        more common word one edit away (`gerard` -> gerrard), when `word` is rare among
        `articles`. None for an unknown word (its alternatives are searched instead)."""
        folded = fold(word)
        docs = self.docs.get(folded, 0)
        if not docs or docs > rare_limit(articles) or budget(folded) == 0:
            return None
        for _score, term in self.nearby(folded, docs, limit=1, most=1):
            if cost(folded, term) <= 1.0 and (
                    math.log(self.docs[term] / docs) >= SUGGEST_RATIO * cost(folded, term)):
                return term
        return None


def _name_words(names: list[str]) -> list[str]:
    """The distinct words of `names` as the index folds them."""
    words: set[str] = set()
    for name in names:
        words.update(WORD.findall(name.lower() if name.isascii() else fold(name)))
    return sorted(words)


def strict(typed: str, word: str) -> bool:
    """Whether `word` is within the strict budget of `typed` (no wider search needed)."""
    from rapidfuzz.distance import OSA

    allowed = budget(typed)
    if len(typed) == 4 and len(word) != 5:
        return False
    return OSA.distance(typed, word) + (word[:1] != typed[:1]) <= allowed


def beyond(typed: str, word: str) -> bool:
    """Whether `word` needs more edits than the strict budget of `typed` allows (a wrong first
    letter aside: `edits.FIRST` prices it)."""
    from rapidfuzz.distance import OSA

    if len(typed) == 4 and len(word) != 5:
        return True
    return OSA.distance(typed, word) > budget(typed)


def rare_limit(articles: int) -> int:
    """The most articles a word may be in and still be questioned (see `suggestion`)."""
    return max(SUGGEST_FEW, int(SUGGEST_SHARE * articles))


ExpansionMemo = dict[tuple[str, str], "Expansion"]
"""Expansions already made in one search, by `(word, mode)` (see `search.Compiler`)."""


class VocabularyCache:
    """One Vocabulary per library state; rebuilt only after the library changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._building = threading.Lock()
        self._key: tuple[str, int] | None = None
        self._vocab: Vocabulary | None = None
        self._names_key: tuple[str, int] | None = None
        self._names: frozenset[str] = frozenset()

    def expand(self, library: Library, word: str, *, mode: str | None = "rare") -> Expansion:
        """`Vocabulary.expand` on the library's vocabulary, loaded only when `word` wants it.

        A one-off `newsreader search` would otherwise read the whole vocabulary (most of its
        run on a large library) only to learn that its words are common enough to need no typo help:
        when it is not loaded yet, counting the word's first few articles answers that.
        """
        folded = fold(word)
        loaded = self.loaded(library)
        if loaded is None:
            docs = library.vocabulary.term_docs(folded, limit=FEW)
            if not wanted(folded, docs, mode):
                return Expansion(folded, [], docs > 0)
        vocabulary = loaded or self.read(library)
        self.name(library, vocabulary)
        return vocabulary.expand(word, mode=mode)

    def name(self, library: Library, vocabulary: Vocabulary) -> None:
        """Give `vocabulary` the words of the library's names (read again when entities
        change: the app finds them anew in the background after an upgrade)."""
        key = (str(library.path), library.entities.stamp())
        with self._lock:
            current = self._names_key == key
        if not current:
            words = frozenset(library.vocabulary.name_words(_name_words, NAME_LABELS, NAMES_READ))
            with self._lock:
                self._names_key, self._names = key, words
        vocabulary.names = self._names

    def suggestion(self, library: Library, word: str, articles: int) -> str | None:
        """`Vocabulary.suggestion`, for a hint only: None rather than wait for a vocabulary
        that must be read from the whole index of a big library (far too slow for a hint). A
        word in more than `rare_limit` articles is never questioned, and counting that far
        answers it."""
        folded = fold(word)
        if budget(folded) == 0:
            return None
        vocabulary = self.loaded(library)
        if vocabulary is None:
            limit = rare_limit(articles)
            if not 0 < library.vocabulary.term_docs(folded, limit=limit + 1) <= limit:
                return None
            vocabulary = self.get(library, stored_only=articles > READ_FOR_HINTS, wait=False)
        return vocabulary.suggestion(folded, articles) if vocabulary else None

    def prepare(self, library: Library) -> None:
        """Make ready what the search of a typo needs: the vocabulary (with the words of
        names) and the matcher (rapidfuzz, about 50 ms to import), so that the first one,
        typed right after launch, waits for neither (the app does this once the first rows
        are on screen)."""
        self.read(library)
        from rapidfuzz import process  # noqa: F401
        from rapidfuzz.distance import OSA  # noqa: F401

    def loaded(self, library: Library) -> Vocabulary | None:
        """The library's current vocabulary if it is loaded already (never reads it)."""
        key = (str(library.path), library.articles.generation())
        with self._lock:
            return self._vocab if self._key == key else None

    def read(self, library: Library) -> Vocabulary:
        """The library's vocabulary, read now if need be (waiting for a read under way)."""
        vocabulary = self.get(library)
        assert vocabulary is not None  # only `stored_only` or not `wait` give None
        return vocabulary

    def get(self, library: Library, *, stored_only: bool = False, wait: bool = True,
            ) -> Vocabulary | None:
        """The library's vocabulary, read now if need be. `stored_only`: None instead of
        reading it from the whole index (when no copy is kept for this generation); `wait`:
        False gives None instead of waiting while another thread reads it."""
        key = (str(library.path), library.articles.generation())
        with self._lock:
            if self._key == key and self._vocab is not None:
                return self._vocab
        # Built under its own lock, so that `docs` (every search) never waits for a build
        # (slow on a large library) that the app's warm-up or another search is doing; nor
        # does a hint.
        if not self._building.acquire(blocking=wait):
            return None
        try:
            with self._lock:
                if self._key == key and self._vocab is not None:
                    return self._vocab
            rows = library.vocabulary.words(stored_only=stored_only)
            if rows is None:
                return None
            vocab = Vocabulary(rows)
            if not stored_only:
                self.name(library, vocab)
            with self._lock:
                self._vocab, self._key = vocab, key
            return vocab
        finally:
            self._building.release()


CACHE = VocabularyCache()
