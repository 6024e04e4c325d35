"""Entity extraction benchmark: gold-set scores, data load time and articles per second.

    python -m tests.bench.bench_entities [--articles 2000] [--profile]

A script, not a test: pytest does not collect it. The speed corpus is generated
deterministically, like synth.py's (invented Zipf-distributed words and names, made here so this
script needs nothing but tui.entities), mixed with real places, titles, organisations, dates and
amounts so that every rule of the extractor is exercised.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import pstats
import random
import time

SEED = 20240611
WORDS = 500
PLACES = ["Mexico", "Mexico City", "the United States", "Brazil", "Kenya", "Nairobi", "Paris",
          "the U.S.", "Texas", "New Delhi", "Tokyo", "Ukraine", "Kyiv", "Scotland", "Geneva"]
ORGS = ["Reuters", "the European Union", "NATO", "Goldman Sachs", "the State Department",
        "the Bank of England", "Acme Holdings Inc", "the World Health Organization"]
TITLES = ["President", "Prime Minister", "Foreign Secretary", "Sen.", "Mr", "Dr", "chief executive"]
EXTRAS = ["on Thursday", "in March 2021", "since 2017", "for $1.13bn", "worth £600m",
          "of 18 billion euros", "on 14 August", "by Friday"]


class Corpus:
    """Invented words (frequent ones short, weights falling as 1 / rank) and two-word names."""

    def __init__(self, seed: int = SEED, words: int = 20_000, names: int = 400) -> None:
        rng = random.Random(seed)
        vocabulary: dict[str, None] = {}
        while len(vocabulary) < words:
            rank = len(vocabulary)
            vocabulary[self._word(rng, 1 + (rank > 60) + (rank > 3000))] = None
        self.words = list(vocabulary)
        self.cum_weights = list(itertools.accumulate(1 / r ** 1.05 for r in range(1, words + 1)))
        self.names = [f"{self._word(rng, 2).title()} {self._word(rng, 3).title()}"
                      for _ in range(names)]

    @staticmethod
    def _word(rng: random.Random, syllables: int) -> str:
        return "".join(rng.choice("bcdfghjklmnprstvwz") + rng.choice("aeiou")
                       + rng.choice(["", "", "n", "r", "s", "t", "l"]) for _ in range(syllables))


def article(corpus: Corpus, number: int) -> tuple[str, str]:
    """Headline and body of synthetic article `number` (about WORDS words)."""
    rng = random.Random(SEED * 7919 + number)
    sentences, words = [], 0
    while words < WORDS:
        chunk = rng.choices(corpus.words, cum_weights=corpus.cum_weights, k=rng.randint(8, 20))
        roll = rng.random()
        if roll < 0.30:
            name = f"{rng.choice(TITLES)} {rng.choice(corpus.names)}"
            chunk.insert(rng.randrange(len(chunk)), name)
        elif roll < 0.45:
            chunk.insert(rng.randrange(len(chunk)), rng.choice(corpus.names).split()[1])
        if rng.random() < 0.35:
            chunk.insert(rng.randrange(len(chunk)), f"in {rng.choice(PLACES)}")
        if rng.random() < 0.2:
            chunk.insert(rng.randrange(len(chunk)), rng.choice(ORGS))
        if rng.random() < 0.25:
            chunk.append(rng.choice(EXTRAS))
        text = " ".join(chunk)
        sentences.append(text[0].upper() + text[1:] + ".")
        words += text.count(" ") + 1
    paragraphs = [" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4)]
    title = " ".join(rng.choices(corpus.words[:3000], k=7)).capitalize()
    return title, "\n\n".join(paragraphs)


def load_time() -> float:
    """Seconds to read the gazetteers (measured before anything else touches them)."""
    from tui.entities.gazetteer import gazetteer

    started = time.perf_counter()
    gazetteer()
    return time.perf_counter() - started


def gold_report() -> None:
    from tests.gold.scoring import evaluate

    scores, _ = evaluate()
    print(f"{'label':8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}")
    for label, score in scores.items():
        gold = score.true_positive + score.false_negative
        name = "P+O+P" if label == "NAMES" else label
        print(f"{name:8}{score.precision:7.3f}{score.recall:7.3f}{score.f1:7.3f}{gold:6}")
    print("P+O+P is the micro average over PERSON, ORG and PLACE (exact spans)")


def speed(count: int, profile: bool) -> None:
    from tui.entities import extract_article

    corpus = Corpus()
    articles = [article(corpus, n) for n in range(count)]
    words = sum(body.count(" ") + 1 for _, body in articles) / count
    extract_article(*articles[0])
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    started = time.perf_counter()
    entities = sum(len(extract_article(title, body)) for title, body in articles)
    elapsed = time.perf_counter() - started
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    print(f"{count} articles of ~{words:.0f} words: {elapsed:.2f} s, "
          f"{count / elapsed:,.0f} articles/s, {entities / count:.1f} entities each")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    args = parser.parse_args()
    print(f"data load: {load_time() * 1000:.0f} ms")
    gold_report()
    speed(args.articles, args.profile)


if __name__ == "__main__":
    main()
