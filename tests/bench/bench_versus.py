"""Search before and after a change, query by query: p50/p95 per query kind of two versions of
the code, timed in turns on the same library (a script, not a test).

    python -m tests.bench.bench_versus --base ecc6d64 --articles 100000 --repeat 5

On a machine shared with other work, two benchmark runs minutes apart measure the others as
much as the code. Here one process per version (the `--base` commit, unpacked with
`git archive` into a temporary folder, and this checkout) answers the same query in turn, each
timed by its own CPU time, `--repeat` times; the fastest run of each query counts.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.bench_search import percentile, queries
from tests.bench.synth import Corpus, ensure_corpus

REPO = Path(__file__).resolve().parents[2]

WORKER = """
import json, sys, time
from tui.search import search
from tui.search.typo import CACHE
from tui.storage import Library
library = Library(sys.argv[1])
(library.orders.warm if hasattr(library, "orders") else library.warm_orders)()  # either checkout
CACHE.get(library)
print("ready", flush=True)
for line in sys.stdin:
    text, live = json.loads(line)
    started = time.process_time()
    result = search(library, text, limit=20, live=live)
    ms = (time.process_time() - started) * 1000
    print(json.dumps([ms, result.total]), flush=True)
"""


def unpack(commit: str, folder: Path) -> Path:
    """The code of `commit`, in `folder`."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def worker(code: Path, db: Path) -> subprocess.Popen:
    """A process searching `db` with the code under `code`."""
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(db)], cwd=code, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"})
    assert process.stdout.readline().strip() == "ready"
    return process


def ask(process: subprocess.Popen, text: str, live: bool) -> tuple[float, int]:
    process.stdin.write(json.dumps([text, live]) + "\n")
    process.stdin.flush()
    ms, total = json.loads(process.stdout.readline())
    return ms, total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the commit to compare against")
    parser.add_argument("--after", help="a commit to compare (default: this checkout)")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("bench-data"))
    parser.add_argument("--kinds", help="only these query kinds (comma-separated)")
    args = parser.parse_args(argv)
    db = ensure_corpus(args.dir, args.articles).resolve()
    corpus = Corpus()
    kinds = queries(corpus, random.Random(7), args.queries)
    surnames = [name.split()[1] for name in corpus.names]  # as the product benchmark does
    kinds["filter person:"] = [f"person:{s}" for s in
                               random.Random(7).sample(surnames, args.queries)]
    if args.kinds:
        kinds = {k: v for k, v in kinds.items() if k in args.kinds.split(",")}
    with tempfile.TemporaryDirectory() as temp:
        before = unpack(args.base, Path(temp) / "before")
        after = unpack(args.after, Path(temp) / "after") if args.after else REPO
        sides = {"before": worker(before, db), "after": worker(after, db)}
        print(f"{'query kind':<18}{'n':>4}  {'p50 before/after':>18}  {'p95 before/after':>18}"
              "  matches before/after")
        for kind, texts in kinds.items():
            live = kind.startswith("keystroke")
            times: dict[str, list[float]] = {side: [] for side in sides}
            totals: dict[str, list[int]] = {side: [] for side in sides}
            for text in texts:
                best = {side: float("inf") for side in sides}
                found = {}
                for _ in range(args.repeat):
                    for side, process in sides.items():
                        ms, found[side] = ask(process, text, live)
                        best[side] = min(best[side], ms)
                for side in sides:
                    times[side].append(best[side])
                    totals[side].append(found[side])
            p50 = [percentile(times[s], 50) for s in sides]
            p95 = [percentile(times[s], 95) for s in sides]
            matches = [sorted(totals[s])[len(texts) // 2] for s in sides]
            print(f"{kind:<18}{len(texts):>4}  {p50[0]:>8.1f} / {p50[1]:<7.1f}  "
                  f"{p95[0]:>8.1f} / {p95[1]:<7.1f}  {matches[0]} / {matches[1]}", flush=True)
        for process in sides.values():
            process.stdin.close()
            process.wait()


if __name__ == "__main__":
    main()
