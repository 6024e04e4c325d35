"""Entity extraction benchmark: gold-set scores, data load time and articles per second.

    python -m tests.bench.bench_entities [--articles 2000] [--profile]
    python -m tests.bench.bench_entities --bbc ../shared/corpora/bbc [--stages]
    python -m tests.bench.bench_entities --bbc ../shared/corpora/bbc --spans /tmp/spans.json

Speeds are articles per CPU-second of this process (`time.process_time`, the best of three
passes, each starting with no run remembered from the pass before): the machine is shared and
wall time is noisy. `--bbc DIR` also times the real BBC articles (read and cleaned as `add`
reads them, not timed), and `--stages` says how the time splits between the extractor's
steps, which is what each group of rules costs. `--spans FILE` writes every span
`extract_document` gives on the BBC articles into FILE when it does not exist yet, and
otherwise compares them with it, article by article and field by field: the check that a speed
change leaves the output as it was.

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


def timed(articles: list[tuple[str, str]], label: str, profile: bool = False) -> None:
    """Print the articles per CPU-second of `extract_document` (title and body)."""
    from tui.entities import extract_document

    count = len(articles)
    words = sum(body.count(" ") + 1 for _, body in articles) / count
    extract_document(*articles[0])
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    from tui.entities import rules

    best, entities = float("inf"), 0
    for _ in range(1 if profile else 3):
        rules._memo.clear()  # each pass as a fresh process sees it: no run read before
        started = time.process_time()
        entities = sum(len(extract_document(title, body)) for title, body in articles)
        best = min(best, time.process_time() - started)
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(18)
    print(f"{label}: {count} articles of ~{words:.0f} words: {best:.2f} CPU s, "
          f"{count / best:,.0f} articles per CPU-second, {entities / count:.1f} entities each")


def speed(count: int, profile: bool) -> None:
    corpus = Corpus()
    timed([article(corpus, n) for n in range(count)], "generated", profile)


def bbc_articles(folder: str) -> list[tuple[str, str]]:
    """The BBC corpus's articles, read and cleaned as `newsreader add` reads them."""
    from pathlib import Path

    from tui.ingest.files import load

    found = []
    for path in sorted(Path(folder).glob("*/*.txt")):
        loaded = load(str(path), max_bytes=10**7).article
        if loaded is not None:
            found.append((loaded.title, loaded.body))
    return found


def stages(articles: list[tuple[str, str]]) -> None:
    """Microseconds per article in each step of the extractor (CPU time, best of 3)."""
    from tui import entities as extractor
    from tui.entities.caps import recase
    from tui.entities.evidence import weigh, works
    from tui.entities.gazetteer import gazetteer
    from tui.entities.propagate import label_title, resolve
    from tui.entities.sport import teams

    gaz = gazetteer()
    steps = {
        "money and dates (numeric.py)": lambda s: s.update(numbers=extractor.money_and_dates(
            s["read"])),
        "names in runs (rules.py)": lambda s: s.update(found=extractor._mentions(
            s["read"], s["numbers"])),
        "sport: teams, line-ups (sport.py)": lambda s: teams(s["read"], s["found"], gaz),
        "evidence across the story (evidence.py)": lambda s: weigh(s["read"], s["found"], gaz),
        "works left out (evidence.py)": lambda s: s.update(found=works(s["read"], s["found"])),
        "propagation (propagate.py)": lambda s: s.update(resolved=resolve(
            s["read"], s["found"], s["context"])),
        "spans": lambda s: extractor._spans(s["text"], s["numbers"], s["resolved"][0],
                                            s["resolved"][1].persons),
    }
    totals: dict[str, float] = {}
    for _ in range(3):
        spent = dict.fromkeys(["title (caps, runs, labels)", "all-caps lines (caps.py)",
                               *steps], 0.0)
        for title, text in articles:
            clock = time.process_time()
            read = recase(title, gaz, text)
            context = extractor._mentions(read, extractor.money_and_dates(read),
                                          headline=extractor.is_title_case(read))
            spent["title (caps, runs, labels)"] += time.process_time() - clock
            clock = time.process_time()
            state = {"text": text, "read": recase(text, gaz), "context": context}
            spent["all-caps lines (caps.py)"] += time.process_time() - clock
            for name, step in steps.items():
                clock = time.process_time()
                step(state)
                spent[name] += time.process_time() - clock
            clock = time.process_time()
            label_title(title, context, state["resolved"][0], state["resolved"][1])
            spent["title (caps, runs, labels)"] += time.process_time() - clock
        totals = {k: min(v, totals.get(k, float("inf"))) for k, v in spent.items()}
    whole = sum(totals.values())
    for name, seconds in totals.items():
        print(f"  {name:42} {seconds / len(articles) * 1e6:7.0f} us  "
              f"{seconds / whole:5.1%}")
    print(f"  {'all':42} {whole / len(articles) * 1e6:7.0f} us")


def check_spans(articles: list[tuple[str, str]], path: str) -> bool:
    """Write the spans of every article into `path`, or compare them with those it holds."""
    import json
    from pathlib import Path

    from tui.entities import extract_document, rules

    rules._memo.clear()
    found = [[[s.start, s.end, s.text, s.label, s.canonical, s.in_title]
              for s in extract_document(title, body)] for title, body in articles]
    total = sum(map(len, found))
    file = Path(path)
    if not file.exists():
        file.write_text(json.dumps(found), encoding="utf-8")
        print(f"spans: {total:,} written to {path}")
        return True
    expected = json.loads(file.read_text(encoding="utf-8"))
    differ = [k for k, (a, b) in enumerate(zip(found, expected, strict=True)) if a != b]
    for k in differ[:5]:
        print(f"  article {k} ({articles[k][0][:50]!r}):")
        print(f"    before, not now: {[s for s in expected[k] if s not in found[k]][:6]}")
        print(f"    now, not before: {[s for s in found[k] if s not in expected[k]][:6]}")
    print(f"spans: {total:,} now, {sum(map(len, expected)):,} in {path}; "
          f"{len(differ)} of {len(articles)} articles differ")
    return not differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--profile", action="store_true", help="print a cProfile summary")
    parser.add_argument("--bbc", metavar="DIR", help="also time the BBC corpus in DIR")
    parser.add_argument("--stages", action="store_true", help="with --bbc: time each step")
    parser.add_argument("--spans", metavar="FILE",
                        help="with --bbc: write the spans into FILE, or compare with it")
    parser.add_argument("--quick", action="store_true",
                        help="skip the gold set and the generated articles")
    args = parser.parse_args()
    print(f"data load: {load_time() * 1000:.0f} ms")
    if not args.quick:
        gold_report()
        speed(args.articles, args.profile)
    if args.bbc:
        articles = bbc_articles(args.bbc)
        if args.spans and not check_spans(articles, args.spans):
            raise SystemExit(1)
        timed(articles, "BBC", args.profile)
        if args.stages:
            stages(articles)


if __name__ == "__main__":
    main()
