"""Typo benchmark: how often a misspelt proper noun still finds its article (a script, not a test).

    python -m tests.bench.bench_typos --corpus /work/shared/corpora/bbc --nouns 120 --seed 1
    python -m tests.bench.bench_typos --db LIBRARY --nouns 120 --seed 2

Takes N proper nouns of a library (single words of 5 letters or more from the names its
entity extractor found: people, organisations, places), applies each kind of edit to each, and
searches the result as `newsreader search` does. A search succeeds at top-1 when its first
article holds the correct word, at top-10 when one of its first ten does (the target articles
are those the correct word finds). `--corpus` adds the folder into a temporary library with the
real `newsreader add`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.bench_ingest import newsreader
from tests.bench.bench_search import percentile
from tests.misspell import KINDS, make_typo
from tui.search import search
from tui.search.typo import CACHE, FEW
from tui.storage import Library
from tui.storage.schema import id_list, quote_term


def proper_nouns(library: Library, count: int, rng: random.Random,
                 min_length: int = 5) -> list[str]:
    """`count` distinct single words (folded) of the library's names of people,
    organisations and places, each indexed and of `min_length` letters or more."""
    vocabulary = CACHE.get(library).docs
    words = set()
    for (name,) in library.conn.execute(
            "SELECT name FROM entities WHERE label IN ('PERSON', 'ORG', 'PLACE')"):
        for part in name.split():
            if part[:1].isupper() and part.isalpha() and part.isascii() \
                    and len(part) >= min_length and part.lower() in vocabulary:
                words.add(part.lower())
    return rng.sample(sorted(words), min(count, len(words)))


def name_words(library: Library) -> set[str]:
    """Every word (folded) of the library's names of people, organisations and places."""
    words = set()
    for (name,) in library.conn.execute(
            "SELECT name FROM entities WHERE label IN ('PERSON', 'ORG', 'PLACE')"):
        words.update(part.lower() for part in name.split())
    return words


def plain_words(library: Library, count: int, rng: random.Random,
                min_length: int = 5) -> list[str]:
    """`count` distinct words of the library that are no part of a name (a control: the
    typos of ordinary words), in at least FEW articles, alphabetic, of `min_length` or more."""
    vocabulary = CACHE.get(library).docs
    names = name_words(library)
    words = sorted(w for w, docs in vocabulary.items() if docs >= FEW and w.isalpha()
                   and w.isascii() and len(w) >= min_length and w not in names)
    return rng.sample(words, min(count, len(words)))


def targets(library: Library, word: str) -> set[int]:
    """The articles the correct word finds."""
    return set(id_list(library.conn, "SELECT json_group_array(rowid) FROM articles_fts "
                                     "WHERE articles_fts MATCH ?", (quote_term(word),)))


REAL_WORD = "real word (any edit)"
"""The row of typos that are words of the library themselves (`treat` for Treaty): their own
articles come first, and the search asks "did you mean ...?" instead (see `suggested`)."""


def measure(library: Library, nouns: list[str], rng: random.Random,
            show_misses: bool = False) -> dict:
    """Top-1 and top-10 rates per kind of edit (and over all), with the search times.

    A typo that is itself a word of the library goes to the REAL_WORD row whatever its kind,
    where `suggested` also counts how often the search offered the correct word."""
    vocabulary = CACHE.get(library).docs
    rows: dict[str, dict] = {kind: {"typos": 0, "top1": 0, "top10": 0, "misses": []}
                             for kind in [*KINDS, REAL_WORD]}
    rows[REAL_WORD]["suggested"] = 0
    times: list[float] = []
    for kind in KINDS:
        for word in nouns:
            typo = make_typo(word, kind, rng)
            if typo is None:
                continue
            row = rows[REAL_WORD if typo in vocabulary else kind]
            wanted = targets(library, word)
            started = time.perf_counter()
            result = search(library, typo, limit=10, page_only=True)
            times.append((time.perf_counter() - started) * 1000)
            first = result.ids[:10]
            found = any(i in wanted for i in first)
            row["typos"] += 1
            row["top1"] += bool(first) and first[0] in wanted
            row["top10"] += found
            if "suggested" in row:
                row["suggested"] += getattr(result, "suggestions", [])[:1] == [word]
            if not (first and first[0] in wanted):
                row["misses"].append(f"{typo}->{word}" + ("" if found else "!"))
    if not show_misses:
        for row in rows.values():
            del row["misses"]
    total = {key: sum(rows[k][key] for k in KINDS) for key in ("typos", "top1", "top10")}
    everything = {key: total[key] + rows[REAL_WORD][key] for key in total}
    return {"kinds": rows, "all": total, "all with real words": everything,
            "search_ms": {"p50": round(statistics.median(times), 2),
                          "p95": round(percentile(times, 95), 2)}}


def corpus_library(corpus: Path, folder: Path) -> Library:
    """A library of `corpus` made by the real `newsreader add`."""
    db = folder / "library.db"
    subprocess.run([*newsreader("--db", str(db), "add", str(corpus))], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Library(db)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="a folder to add into a temporary library")
    source.add_argument("--db", type=Path, help="an existing library")
    parser.add_argument("--nouns", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", choices=["names", "plain"], default="names",
                        help="typos of proper nouns (the measure), or of ordinary words (a "
                             "control: in at least 3 articles, no part of any name)")
    parser.add_argument("--misses", action="store_true", help="list the typos that missed")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        library = corpus_library(args.corpus, Path(temp)) if args.corpus else Library(args.db)
        CACHE.get(library)  # the app loads it in the background at start
        library.orders.warm()
        rng = random.Random(args.seed)
        pick = proper_nouns if args.words == "names" else plain_words
        nouns = pick(library, args.nouns, rng)
        figures = measure(library, nouns, rng, args.misses)
        library.close()
    figures.update(nouns=len(nouns), seed=args.seed)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    what = "proper nouns" if args.words == "names" else "ordinary words"
    print(f"{len(nouns)} {what}, seed {args.seed}; search p50 "
          f"{figures['search_ms']['p50']} ms, p95 {figures['search_ms']['p95']} ms")
    print(f"| {'edit':<20} | {'typos':>5} | {'top-1':>6} | {'top-10':>6} |")
    print(f"|{'-' * 22}|{'-' * 7}|{'-' * 8}|{'-' * 8}|")
    rows = [(k, f) for k, f in figures["kinds"].items() if k != REAL_WORD]
    rows += [("all", figures["all"]), (REAL_WORD, figures["kinds"][REAL_WORD]),
             ("all with real words", figures["all with real words"])]
    for kind, f in rows:
        tried = max(1, f["typos"])
        print(f"| {kind:<20} | {f['typos']:>5} | {100 * f['top1'] / tried:>5.0f}% | "
              f"{100 * f['top10'] / tried:>5.0f}% |")
    real = figures["kinds"][REAL_WORD]
    print(f"real words: the search asked \"did you mean\" the correct word for "
          f"{real['suggested']} of {real['typos']}")
    if args.misses:
        for kind, f in figures["kinds"].items():
            print(f"{kind}: {' '.join(f['misses'])}", file=sys.stderr)


if __name__ == "__main__":
    main()
