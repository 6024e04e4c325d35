"""Hostile queries against ordinary ones: p50/p95 over a generated library (a script, not a test).

    python -m tests.bench.bench_hostile_queries --articles 20000 [--dir bench-data] [--json]

The hostile corpus is tests/test_search.py's HOSTILE_QUERIES (FTS5 syntax, SQL, 10,000
characters, deep nesting, escapes, NUL, lone surrogates); the ordinary queries are
bench_search's kinds. Each query runs as typed (Enter) and as typed live (search as you type).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from tests.bench.bench_search import library_for, percentile, queries
from tests.bench.synth import Corpus
from tests.samples import HOSTILE_QUERIES
from tui.search import search
from tui.search.typo import CACHE
from tui.storage import Library


def timings(library: Library, texts: list[str], live: bool) -> tuple[list[float], list[str]]:
    """Milliseconds per query, and the slowest query's first characters."""
    times: list[tuple[float, str]] = []
    for text in texts:
        started = time.perf_counter()
        search(library, text, limit=20, live=live)
        times.append(((time.perf_counter() - started) * 1000, text))
    slowest = max(times)[1]
    return [t for t, _ in times], [repr(slowest[:40])]


def figures(values: list[float]) -> dict:
    return {"queries": len(values), "p50_ms": round(statistics.median(values), 2),
            "p95_ms": round(percentile(values, 95), 2), "max_ms": round(max(values), 2)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--dir", type=Path, default=Path("bench-data"))
    parser.add_argument("--per-kind", type=int, default=10, help="ordinary queries per kind")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    library = library_for(args.articles, args.dir)
    CACHE.get(library)  # the typo vocabulary loads once, before timing
    ordinary = [q for kind in queries(Corpus(), random.Random(8), args.per_kind).values()
                for q in kind]
    report: dict = {"articles": library.articles.count()}
    for name, texts in (("ordinary", ordinary), ("hostile", HOSTILE_QUERIES)):
        for live in (False, True):
            values, slowest = timings(library, texts, live)
            report[f"{name}{' (live)' if live else ''}"] = {**figures(values), "slowest": slowest}
    library.close()
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    print(f"{report.pop('articles'):,} articles")
    print(f"{'queries':<18}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}  slowest")
    for name, row in report.items():
        print(f"{name:<18}{row['queries']:>5}{row['p50_ms']:>10}{row['p95_ms']:>10}"
              f"{row['max_ms']:>10}  {row['slowest'][0]}")


if __name__ == "__main__":
    main()
