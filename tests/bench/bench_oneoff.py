"""Issue 23's figures: a one-off `newsreader search WORD --json` against `rg -il`, launch to a
painted library, and a typo query typed right after launch; each the median of three runs.

    python -m tests.bench.bench_oneoff --articles 100000
    python -m tests.bench.bench_oneoff --articles 1000000 --only launch,typo
    python -m tests.bench.bench_oneoff --db bench-data/x.db --texts bench-data/texts-v2-100000 \
        --python /tmp/base/.venv/bin/python --pythonpath /tmp/base   # an older checkout

Uses the whole-product library `python -m tests.bench --articles N` built (and its text files
for ripgrep). Every process is real: `newsreader search` is timed as a whole process, Python
start included, with its CPU time (user + system, from the children's rusage); the app runs in
a private tmux server and is timed from the start of the process to the first painted row,
then to the typo query's results on screen. A script that prints figures: no test runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.bench_app import rss_mb
from tests.bench.bench_ingest import REPO, text_corpus
from tests.bench.product import library_path, search_kinds
from tests.bench.synth import Corpus
from tests.bench.versus_grep import pick

PARTS = ("search", "launch", "typo")
RUNS = 3
"""Each figure is the median of this many runs (of each query, for search)."""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall and CPU seconds of one run of `command`, and its output."""
    cpu = cpu_of_children()
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if done.returncode > 1:
        sys.exit(f"{shlex.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return wall, cpu_of_children() - cpu, done.stdout


def newsreader_command(args: argparse.Namespace) -> tuple[list[str], dict]:
    """How to start `newsreader` (this venv's script, or `--python` with `--pythonpath`)."""
    env = {**os.environ, "NEWSREADER_CONFIG": str(REPO / "bench-data" / "no-config.toml")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its .pyc files
    if args.pythonpath:
        env["PYTHONPATH"] = str(args.pythonpath)
        # The checkout's own entry point: tui.entry (its lean search path) where it has one.
        entry = "tui.entry" if (args.pythonpath / "tui" / "entry.py").exists() else "tui.cli"
        # -P: `python -c` puts the working folder first on sys.path, before PYTHONPATH, and
        # the app and the searches run in this checkout: without it they ran its code.
        return [args.python, "-P", "-c", "import sys; sys.argv[0] = 'newsreader'; "
                f"from {entry} import main; main()"], env
    script = Path(sys.executable).with_name("newsreader")
    return [str(script)], env


def search_figures(args: argparse.Namespace, db: Path, texts: Path) -> dict:
    """Each query's median wall and CPU time as a whole process, and rg's, warm."""
    command, env = newsreader_command(args)
    queries = pick(search_kinds(Corpus(), 60))
    rows = []
    timed([*command, "--db", str(db), "search", queries[0], "--json"], env)  # warm the cache
    for query in queries:
        ours = [timed([*command, "--db", str(db), "search", query, "--json"], env)
                for _ in range(RUNS)]
        rg = [timed(["rg", "-il", "--", query.strip('"'), str(texts)]) for _ in range(RUNS)]
        rows.append({"query": query, "matches": json.loads(ours[-1][2])["total"],
                     "wall_s": statistics.median(w for w, _, _ in ours),
                     "cpu_s": statistics.median(c for _, c, _ in ours),
                     "rg_s": statistics.median(w for w, _, _ in rg),
                     "rg_files": len(rg[-1][2].splitlines())})
    return {"queries": rows,
            "median_wall_s": statistics.median(r["wall_s"] for r in rows),
            "median_cpu_s": statistics.median(r["cpu_s"] for r in rows),
            "speedup_vs_rg": statistics.median(r["rg_s"] / r["wall_s"] for r in rows)}


def tmux_run(args: argparse.Namespace, db: Path, needle: str,
             keys: str | None = None, then: str | None = None) -> dict:
    """Start the app in a fresh tmux server; seconds to `needle` on screen and its memory;
    with `keys`, typed right then (after `/`), the seconds from typing them to `then`."""
    command, env = newsreader_command(args)
    server = f"oneoff-bench-{os.getpid()}-{time.monotonic_ns()}"  # one per run: a server
    # killed just before may still be exiting under its name
    tmux = ["tmux", "-L", server]
    with tempfile.TemporaryDirectory() as home:
        variables = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()
                             if k in ("NEWSREADER_CONFIG", "PYTHONPATH"))
        line = (f"cd {shlex.quote(str(REPO))} && exec env HOME={home} {variables} "
                f"{shlex.join(command)} --db {shlex.quote(str(db))}")
        started = time.perf_counter()
        subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30",
                        line], check=True)
        try:
            figures = {"paint_s": wait_for(tmux, needle, started) - started}
            pid = subprocess.run([*tmux, "display", "-p", "#{pane_pid}"], capture_output=True,
                                 text=True).stdout.strip()
            figures["paint_cpu_s"] = cpu_of(pid)
            figures["rss_mb"] = rss_mb(pid)
            if keys:
                before = cpu_of(pid)
                subprocess.run([*tmux, "send-keys", "/"], check=True)
                sent = time.perf_counter()
                subprocess.run([*tmux, "send-keys", "-l", keys], check=True)
                figures["since_launch_s"] = sent - started
                figures["typo_s"] = wait_for(tmux, then, sent) - sent
                figures["typo_cpu_s"] = cpu_of(pid) - before  # every thread of the app
                time.sleep(1.0)  # memory once the warm-up is done too
                figures["rss_after_mb"] = rss_mb(pid)
            return figures
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)


def cpu_of(pid: str) -> float:
    """CPU seconds (user + system) a running process has used so far, from /proc (the app
    is still running, so no rusage of a child; 10 ms ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(tmux: list[str], needle: str, started: float, limit: float = 120) -> float:
    """When `needle` first showed in the pane (polled every 5 ms)."""
    while time.perf_counter() < started + limit:
        screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True,
                                text=True).stdout
        if needle in screen:
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError(f"{needle!r} never appeared in the tmux pane")


def typo_query(db: Path) -> tuple[str, str]:
    """A misspelling no article holds of a word about one article in 2,000 holds, and the
    word its results are shown for."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    for word in Corpus().words[300:]:
        if len(word) < 7:
            continue
        typo = word[:2] + word[3] + word[2] + word[4:]  # two letters swapped
        docs = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                            (f'"{word}"',)).fetchone()[0]
        known = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                             (f'"{typo}"',)).fetchone()[0]
        if count // 4000 <= docs <= count // 1000 and not known and typo != word:
            return typo, word
    raise SystemExit("no word fit for a typo query")


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]} | {"runs": runs}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="this library instead of the product one")
    parser.add_argument("--texts", type=Path, help="its text files (for rg)")
    parser.add_argument("--only", default=",".join(PARTS))
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--pythonpath", type=Path, help="run the code of this checkout")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    db = (args.db or library_path(args.articles)).resolve()
    parts = set(args.only.split(","))
    figures: dict = {"library": str(db)}
    if "search" in parts:
        texts = args.texts or text_corpus(args.articles)[0]
        if not shutil.which("rg"):
            sys.exit("ripgrep (rg) is needed for the comparison")
        figures["search"] = search_figures(args, db, texts)
    if parts & {"launch", "typo"}:
        import sqlite3

        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        newest = conn.execute("SELECT title FROM articles ORDER BY coalesce(nullif(published, "
                              "''), added) DESC, id DESC LIMIT 1").fetchone()[0]
        conn.close()
    if "launch" in parts:
        figures["launch"] = median_of([tmux_run(args, db, newest[:30]) for _ in range(RUNS)])
    if "typo" in parts:
        typo, word = typo_query(db)
        figures["typo"] = {"typed": typo, "meant": word} | median_of(
            [tmux_run(args, db, newest[:30], typo, f"results for {word}") for _ in range(RUNS)])
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"library: {db}")
    if "search" in figures:
        s = figures["search"]
        for row in s["queries"]:
            print(f"  search {row['query']!r:28} {row['matches']:>7,} matches  "
                  f"{row['wall_s'] * 1000:6.1f} ms wall  {row['cpu_s'] * 1000:6.1f} ms CPU  "
                  f"rg -il {row['rg_s'] * 1000:6.0f} ms ({row['rg_files']:,} files)")
        print(f"newsreader search --json, median over queries: {s['median_wall_s'] * 1000:.1f} ms "
              f"wall, {s['median_cpu_s'] * 1000:.1f} ms CPU; {s['speedup_vs_rg']:.1f}x faster "
              "than rg -il")
    if "launch" in figures:
        launch = figures["launch"]
        each = ", ".join(f"{r['paint_s']:.3f}" for r in launch["runs"])
        print(f"launch to painted library (tmux), median of {RUNS}: {launch['paint_s']:.3f} s "
              f"({each}); CPU of the app by then {launch['paint_cpu_s']:.2f} s; "
              f"RSS {launch['rss_mb']:.0f} MB")
    if "typo" in figures:
        typo = figures["typo"]
        each = ", ".join(f"{r['typo_s'] * 1000:.0f}" for r in typo["runs"])
        print(f"typo {typo['typed']!r} ({typo['meant']!r}) typed {typo['since_launch_s']:.2f} s "
              f"after launch: results in {typo['typo_s'] * 1000:.0f} ms, median of {RUNS} "
              f"({each}); app CPU meanwhile {typo['typo_cpu_s'] * 1000:.0f} ms; "
              f"RSS {typo['rss_after_mb']:.0f} MB a second later")


if __name__ == "__main__":
    main()
