"""Cost that one hostile article or one long command line can cause (a script, not a test).

    python -m tests.bench.bench_hostile [--runs 7] [--ids 8000] [--json]

Builds, in a temporary folder, a 31-article library whose articles are small but for one 10 MB
body of `ab ab ab ...` and one 9 MB one-paragraph article, then measures:

- `search(library, "ab")` and the same search as typed live (what the app runs): CPU and wall
  time, the best and the median of `--runs`;
- a word that only the 9 MB paragraph holds, 300 times;
- `newsreader search ab` as a whole process (start-up included);
- `newsreader tag 1,2,...,N x` over a library of N small articles, as a whole process.

CPU time (time.process_time, and the children's rusage for processes) is the figure to
compare: wall time on a shared machine varies with its load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tui.models import Article
from tui.search import search
from tui.storage import Library

ROOT = Path(__file__).resolve().parents[2]
CLI = "import sys; from tui.cli import main; sys.argv[0] = 'newsreader'; main()"


def build(folder: Path) -> Path:
    path = folder / "hostile.db"
    with Library(path) as library:
        library.articles.upsert(
            [Article(title=f"Story {i}", body=f"Words about trade and ab testing, number {i}.")
             for i in range(29)]
            + [Article(title="Hostile", body="ab " * 3_300_000),  # 9.9 MB, 3.3M hits
               Article(title="Paragraph", body=" ".join(f"word{i % 5000}"
                                                        for i in range(1_000_000)))])
    return path


def timed(call, runs: int) -> dict:
    cpu, wall = [], []
    for _ in range(runs):
        started, clock = time.process_time(), time.perf_counter()
        call()
        cpu.append((time.process_time() - started) * 1000)
        wall.append((time.perf_counter() - clock) * 1000)
    return {"cpu_ms_best": round(min(cpu), 1), "cpu_ms_median": round(statistics.median(cpu), 1),
            "wall_ms_median": round(statistics.median(wall), 1)}


def process(args: list[str], db: Path, runs: int) -> dict:
    """A whole `newsreader` process: its CPU (user + system) and wall time, medians."""
    cpu, wall = [], []
    env = {**os.environ, "NEWSREADER_DB": str(db), "NEWSREADER_CONFIG": str(db) + ".toml"}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        clock = time.perf_counter()
        subprocess.run([sys.executable, "-c", CLI, *args], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        wall.append(time.perf_counter() - clock)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"cpu_s_median": round(statistics.median(cpu), 3),
            "wall_s_median": round(statistics.median(wall), 3)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--ids", type=int, default=8000, help="articles tagged at once")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report: dict = {}
    with tempfile.TemporaryDirectory() as scratch:
        db = build(Path(scratch))
        with Library(db) as library:
            search(library, "warm", limit=20)
            report["search ab"] = timed(lambda: search(library, "ab", limit=20,
                                                       page_only=True), args.runs)
            report["search ab, live (the app)"] = timed(
                lambda: search(library, "ab", limit=20, live=True), args.runs)
            report["search word4321 (9 MB paragraph)"] = timed(
                lambda: search(library, "word4321", limit=20, page_only=True), args.runs)
        report["newsreader search ab (process)"] = process(["search", "ab"], db, 3)
        tags = Path(scratch) / "tags.db"
        with Library(tags) as library:
            library.articles.upsert([Article(title=f"T{i}", body=f"Body {i}.")
                                     for i in range(args.ids)])
        ids = ",".join(str(i) for i in range(1, args.ids + 1))
        report[f"newsreader tag <{args.ids} ids> x (process)"] = process(["tag", ids, "x"],
                                                                         tags, 3)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for name, figures in report.items():
        print(f"{name:<40} " + "  ".join(f"{k} {v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
