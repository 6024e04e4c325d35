"""One benchmark for the whole product: ingest, search, grep, app and export, with targets.

    python -m tests.bench --articles 100000               # everything, as a table
    python -m tests.bench --articles 10000 --json         # the same figures as JSON
    python -m tests.bench --articles 1000000 --skip-ingest --only search,app
    python -m tests.bench --articles 100000 --real-text --only ingest   # real BBC text

Writes N synthetic text files once under bench-data/ (gitignored), ingests them with the real
`newsreader add` into bench-data/product-N.db, gives that library tags, 10,000 notes and
highlights and one 50 KB article, then times search per query kind, the same words through
ripgrep, grep and `newsreader search`, the app (launch, keystrokes, opening the long article,
memory) and `newsreader export`. `--real-text` makes the library from real news instead: BBC
articles recombined by paragraph (tests/bench/realtext.py, built at run time from
../shared/corpora/bbc, never committed), in bench-data/product-real-*.db; the search queries
stay the generated kinds. Each figure with a target of issue 9 is printed beside it with
PASS or MISS. A script, not a test: no test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from tests.bench import product
from tests.bench.report import table, verdicts
from tests.bench.synth import Corpus

PARTS = ("ingest", "search", "grep", "app", "export")


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line; `--only` becomes a set of part names."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run (default: all of {','.join(PARTS)})")
    parser.add_argument("--skip-ingest", action="store_true",
                        help="reuse the library an earlier run ingested")
    parser.add_argument("--queries", type=int, default=60, help="queries per search kind")
    parser.add_argument("--no-tmux", action="store_true", help="no real-process launch timing")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--real-text", action="store_true",
                        help="a library of real BBC text recombined by paragraph")
    parser.add_argument("--runs", type=int, default=1,
                        help="ingest this many times into fresh libraries; the median is kept")
    args = parser.parse_args(argv)
    args.only = {part.strip() for part in args.only.split(",") if part.strip()}
    if unknown := args.only - set(PARTS):
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {PARTS}")
    if args.skip_ingest:
        args.only.discard("ingest")
    return args


def run(args: argparse.Namespace) -> dict:
    """Run the chosen parts in order; the figures of each, by part."""
    count, path = args.articles, product.library_path(args.articles, args.real_text)
    figures: dict = {"articles": count, "library": str(path),
                     "corpus": "real (BBC, recombined)" if args.real_text else "generated"}
    if "ingest" in args.only:
        runs = [product.ingest(count, args.real_text) for _ in range(max(1, args.runs))]
        figures["ingest"] = sorted(runs, key=lambda r: r["per_second"])[len(runs) // 2]
        if len(runs) > 1:
            figures["ingest"]["runs"] = [round(r["per_second"]) for r in runs]
    elif not path.exists():
        sys.exit(f"no library at {path}: run once with ingest (without --skip-ingest)")
    if not args.only - {"ingest"}:
        return figures
    figures["prepare"] = product.prepare(path)
    kinds = product.search_kinds(Corpus(), args.queries)
    if "search" in args.only:
        print("searching ...", file=sys.stderr)
        figures["search"] = product.search(path, kinds)
    if "grep" in args.only:
        from tests.bench.versus_grep import compare, pick

        print("comparing with rg and grep ...", file=sys.stderr)
        figures["grep"] = compare(path, product.corpus_folder(count, args.real_text)[0],
                                  pick(kinds))
    if "app" in args.only:
        print("measuring the app ...", file=sys.stderr)
        figures["app"] = product.app(path, figures["prepare"]["long_article_id"],
                                     tmux=not args.no_tmux)
    if "export" in args.only:
        print("exporting ...", file=sys.stderr)
        figures["export"] = product.export(path)
    return figures


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, run, print the table or JSON."""
    args = parse(argv)
    # A venv's python run by its path does not put the venv's scripts on PATH, where
    # bench_ingest.run_add looks for newsreader.
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent),
                                          os.environ.get("PATH", "")])
    figures = run(args)
    if args.json:
        print(json.dumps({**figures, "verdicts": verdicts(figures)}, indent=2))
    else:
        print(table(figures))


if __name__ == "__main__":
    main()
