"""A deterministic synthetic news corpus: Zipf-ish invented words, names, sources and dates."""

from __future__ import annotations

import argparse
import itertools
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from tui.models import Article
from tui.storage import Library

REPO = Path(__file__).resolve().parents[2]
SEED = 20240607
VERSION = 2
"""Bumped whenever the generated text changes, so cached corpora are made again (2: real
given names, places and organisations sprinkled in)."""
ONSETS = ["", "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n",
          "p", "pl", "r", "s", "sh", "st", "t", "tr", "v", "w", "z"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ou"]
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck"]
FIRST_DAY = date(2006, 1, 1)
DAYS = 19 * 365


class Corpus:
    """The vocabulary, names and sources of one seed; `article(i)` is article number i.

    Args:
        seed: everything generated follows from it.
        words: size of the vocabulary (frequencies fall off as 1 / rank ** 1.05).
        names: invented people and places, mentioned in about a third of the articles.
    """

    def __init__(self, seed: int = SEED, words: int = 30_000, names: int = 400) -> None:
        rng = random.Random(seed)
        self.seed = seed
        self.words = self._words(rng, words)
        self.cum_weights = list(itertools.accumulate(1 / rank ** 1.05
                                                     for rank in range(1, words + 1)))
        people, self.places, self.orgs = _known_names(rng)
        # People are a real given name and an invented surname: the extractor knows the first
        # (as it would in real news) and must find the second from context.
        self.names = [f"{rng.choice(people)} {self._word(rng, 3).title()}" for _ in range(names)]
        self.sources = [f"The {self._word(rng, 2).title()} {kind}"
                        for kind in ("Times", "Post", "Herald", "Courier", "Wire", "Ledger")
                        for _ in range(5)]

    @staticmethod
    def _word(rng: random.Random, syllables: int) -> str:
        return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                       for _ in range(syllables))

    def _words(self, rng: random.Random, count: int) -> list[str]:
        # Frequent words are short, as in real text: the syllable count grows with rank.
        seen: set[str] = set()
        words: list[str] = []
        while len(words) < count:
            rank = len(words)
            syllables = 1 + (rank > 60) + (rank > 3000) + (rank > 300 and rng.random() < 0.2)
            word = self._word(rng, syllables)
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def _sentence(self, rng: random.Random, low: int, high: int) -> str:
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=rng.randint(low, high))
        if rng.random() < 0.35:
            words.insert(rng.randrange(len(words)), rng.choice(self.names))
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words)), f"in {rng.choice(self.places)}")
        if rng.random() < 0.08:
            words.insert(rng.randrange(len(words)), rng.choice(self.orgs))
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def article(self, number: int, size: int = 2000) -> Article:
        """Article `number`: the same text every time for the same seed."""
        rng = random.Random(self.seed * 1_000_003 + number)
        title = self._sentence(rng, 5, 9)
        paragraphs, length = [], 0
        while length < size - 250:
            paragraph = " ".join(self._sentence(rng, 8, 22) + "." for _ in range(rng.randint(2, 5)))
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
        source = rng.choice(self.sources)
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        body = "\n\n".join(paragraphs)
        return Article(
            title=title, body=body, source=source, published=day.isoformat(),
            url=f"https://news.invalid/{source.split()[1].lower()}/{number}",
            word_count=body.count(" ") + len(paragraphs),
        )

    def articles(self, count: int) -> Iterator[Article]:
        return (self.article(i) for i in range(count))


def _known_names(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """Given names, places and organisations from the extractor's own gazetteers (no corpus)."""
    from tui.entities.gazetteer import gazetteer

    known = gazetteer()
    places = sorted(p for p, e in known.phrases.items()
                    if e.label == "PLACE" and e.kind in ("country", "city") and len(p) > 3)
    orgs = sorted(p for p, e in known.phrases.items() if e.label == "ORG" and not e.kind)
    given = sorted(g for g in known.given if g.isalpha() and len(g) > 3)
    return rng.sample(given, 300), rng.sample(places, 200), rng.sample(orgs, 60)


def generate(path: Path, count: int, *, batch: int = 2000,
             progress: Callable[[int, int], None] | None = None) -> Library:
    """Write `count` synthetic articles to a new library at `path` in batches.

    Returns:
        The open library.
    """
    library = Library(path)
    corpus = Corpus()
    source = corpus.articles(count)
    done = 0
    while chunk := list(itertools.islice(source, batch)):
        library.articles.upsert(chunk)
        done += len(chunk)
        if progress:
            progress(done, count)
    return library


def ensure_corpus(folder: Path, count: int) -> Path:
    """The cached library of `count` synthetic articles, generated in a child process once."""
    from tui.storage import Library

    path = folder / f"synth-v{VERSION}-{count}.db"
    if path.exists():
        with Library(path) as library:
            if library.articles.count() == count:
                return path
        path.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"synth-v{VERSION}-{count}.partial.db"
    for stale in folder.glob(f"{partial.name}*"):
        stale.unlink()
    print(f"generating {count:,} articles into {path} (once) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "tests.bench.synth", "--articles", str(count),
                    "--out", str(partial)], cwd=REPO, check=True)
    partial.rename(path)
    return path


def main(argv: list[str] | None = None) -> None:
    """`python -m tests.bench.synth --articles N --out FILE` (refuses an existing file)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.out.exists():
        sys.exit(f"{args.out} exists; remove it first")
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        print(f"\r{done:,}/{total:,} articles, {time.perf_counter() - started:.0f} s",
              end="", file=sys.stderr, flush=True)

    generate(args.out, args.articles, progress=report).close()
    print(file=sys.stderr)


if __name__ == "__main__":
    main()
