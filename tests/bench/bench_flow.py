"""Reading-flow benchmark: what U, A, u, F and ctrl+z cost on a generated library (a script,
not a test). CPU time of this process (`time.process_time`), median of runs.

    python -m tests.bench.bench_flow --articles 100000 [--dir bench-data] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tests.bench.synth import ensure_corpus
from tui.search import search
from tui.storage import Library
from tui.undo import Changes

SOURCES = 40


def cpu_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        call()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("bench-data"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "flow.db"  # a copy: flags and sources are changed here
        shutil.copy(ensure_corpus(args.dir, args.articles), path)
        library = Library(path)
        ids = library.articles.ids()
        rng = random.Random(7)
        with library.write() as conn:  # 40 sources, a quarter of the articles read
            conn.executemany("UPDATE articles SET source = ?, read = ? WHERE id = ?",
                             [(f"Source {rng.randrange(SOURCES)}", int(rng.random() < 0.25), i)
                              for i in ids])
        changes = Changes(library)
        figures = {
            "U: unread-only list (is:unread, newest first)":
                cpu_ms(lambda: search(library, "is:unread", limit=0, order="newest"), args.runs),
            "U: unread-only search (is:unread trade)":
                cpu_ms(lambda: search(library, "is:unread trade", limit=0, live=True),
                       args.runs),
            "A: count the unread of the whole list": cpu_ms(
                lambda: library.marks.unread_among(ids), args.runs),
            "u: next unread, nearby": cpu_ms(lambda: library.marks.first_unread(ids, 10),
                                             args.runs),
            "F: sources with counts": cpu_ms(library.marks.sources, args.runs),
            "source:= search of one source": cpu_ms(
                lambda: search(library, "source:=\"Source 7\"", limit=0), args.runs),
        }
        unread = library.marks.unread_among(ids)
        started = time.process_time()
        changes.set_flag(unread, "read", True)
        figures[f"A: mark {len(unread):,} read (recorded for undo)"] = \
            (time.process_time() - started) * 1000
        started = time.process_time()
        changes.undo()
        figures["ctrl+z: undo that"] = (time.process_time() - started) * 1000
        with library.write() as conn:
            conn.execute("UPDATE articles SET read = 1")
        figures["u: next unread when none is left (whole list)"] = cpu_ms(
            lambda: library.marks.first_unread(ids), args.runs)
        library.close()
    print(f"{args.articles:,} articles, CPU ms (median of {args.runs} where repeated)")
    for name, value in figures.items():
        print(f"  {name:55} {value:8.1f}")


if __name__ == "__main__":
    main()
