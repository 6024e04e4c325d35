"""Benchmark the library screen on a synthetic corpus: first paint, search keystrokes, memory.

Run `python -m tests.bench.bench_app --articles 100000` from the repository root. The corpus is
generated once per size under `--dir` and reused. Not a test: pytest never collects bench_*.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.synth import Corpus, ensure_corpus

REPO = Path(__file__).resolve().parents[2]


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process in MB (VmRSS from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def keystroke_searches(library, query: str) -> list[tuple[str, int, float]]:
    """`(prefix, matches, ms)` for every prefix of `query`, as search-as-you-type runs them."""
    from tui.search import search

    timings = []
    for end in range(1, len(query) + 1):
        started = time.perf_counter()
        result = search(library, query[:end], limit=1, live=True)
        timings.append((query[:end], result.total, (time.perf_counter() - started) * 1000))
    return timings


async def until(condition, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.001)


async def measure_app(path: Path, query: str) -> dict[str, object]:
    """First paint, keystroke round trips and memory of the app, headless in this process."""
    from textual import events

    from tui.app import make_app
    from tui.screens.library import LibraryScreen
    from tui.widgets.article_list import ArticleList

    figures: dict[str, object] = {"rss_start": rss_mb()}
    started = time.perf_counter()
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        def rows() -> ArticleList:
            return app.screen.query_one(ArticleList)

        await until(lambda: isinstance(app.screen, LibraryScreen) and rows().current_row)
        await pilot.pause()
        figures["first_paint_s"] = time.perf_counter() - started
        figures["rss_painted"] = rss_mb()
        await pilot.press("end")
        await until(lambda: rows().current_row is not None)
        await pilot.pause()
        figures["rss_end"] = rss_mb()
        count = len(rows().ids)
        for step in range(200):
            rows().cursor = step * count // 200
            await until(lambda: rows().current_row is not None)
        figures["rss_visited"] = rss_mb()
        await pilot.press("home", "slash")
        screen = app.screen
        field = screen.query_one("#library-search")
        trips = []
        for end, char in enumerate(query, start=1):
            # A raw key event, not pilot.press: that adds ~100 ms of waiting for idle.
            sent = time.perf_counter()
            app.post_message(events.Key("space" if char == " " else char, char))
            typed = query[:end]
            await until(lambda typed=typed: field.value == typed
                        and screen.shown.query == typed.strip())
            trips.append((time.perf_counter() - sent) * 1000)
        figures["round_trips_ms"] = trips
        app.exit()
    return figures


def tmux_first_paint(path: Path, needle: str) -> tuple[float, float] | None:
    """Seconds from starting `newsreader --db PATH` in a fresh tmux pane to `needle` on screen,
    and the process's resident memory then (MB). None without tmux."""
    if not shutil.which("tmux"):
        return None
    server = f"newsreader-bench-{os.getpid()}"
    tmux = ["tmux", "-L", server]
    with tempfile.TemporaryDirectory() as home:
        command = (f"cd {shlex.quote(str(REPO))} && exec env NEWSREADER_CONFIG={home}/none.toml "
                   f"{shlex.quote(sys.executable)} -c 'from tui.cli import main; main()' "
                   f"--db {shlex.quote(str(path))}")
        started = time.perf_counter()
        subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30",
                        command], check=True)
        try:
            deadline = started + 60
            while time.perf_counter() < deadline:
                screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True,
                                        text=True).stdout
                if needle in screen:
                    elapsed = time.perf_counter() - started
                    pid = subprocess.run([*tmux, "display", "-p", "#{pane_pid}"],
                                         capture_output=True, text=True).stdout.strip()
                    return elapsed, rss_mb(pid)
                time.sleep(0.005)
            raise TimeoutError(f"{needle!r} never appeared in the tmux pane")
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)


def spread(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"{statistics.median(ordered):.1f} / {p90:.1f} / {ordered[-1]:.1f} ms"


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, build or reuse the corpus, measure, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("bench-data"))
    parser.add_argument("--no-tmux", action="store_true", help="skip the real-process timing")
    args = parser.parse_args(argv)
    path = ensure_corpus(args.dir.resolve(), args.articles)

    started = time.perf_counter()
    import tui.app  # noqa: F401  (timed: every start of the app pays for it)

    import_s = time.perf_counter() - started
    from tui.storage import Library

    corpus = Corpus()
    query = f"{corpus.words[2]} {corpus.words[400]} {corpus.names[0].split()[0]}"
    with Library(path) as library:
        newest = library.list_rows(1)[0].title
        searches = keystroke_searches(library, query)
    app = asyncio.run(measure_app(path, query))
    real = None if args.no_tmux else tmux_first_paint(path, newest[:30])

    size = sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*")) / 2**20
    print(f"\nnewsreader library screen, {args.articles:,} synthetic articles "
          f"({path.name}, {size:,.0f} MB)\n")
    table = [
        ("import tui.app (+ textual)", f"{import_s:.2f} s"),
        ("make_app -> first painted row (run_test)", f"{app['first_paint_s']:.3f} s"),
        ("process start -> first row in tmux", f"{real[0]:.2f} s" if real else "no tmux"),
        ("search() per keystroke, median/p90/max", spread([t[2] for t in searches])),
        ("keystroke -> list updated (Pilot)", spread(app["round_trips_ms"])),
        ("RSS before make_app", f"{app['rss_start']:.0f} MB"),
        ("RSS after first paint", f"{app['rss_painted']:.0f} MB"),
        ("RSS after End (last row)", f"{app['rss_end']:.0f} MB"),
        ("RSS after visiting 200 places", f"{app['rss_visited']:.0f} MB"),
        ("RSS of the real process at first paint", f"{real[1]:.0f} MB" if real else "no tmux"),
    ]
    width = max(len(name) for name, _ in table)
    for name, value in table:
        print(f"  {name:<{width}}  {value}")
    print(f"\n  search-as-you-type for {query!r}:")
    for (prefix, matches, ms), trip in zip(searches, app["round_trips_ms"], strict=True):
        print(f"    {prefix:<{len(query)}}  {matches:>7,} matches  search {ms:7.1f} ms"
              f"  round trip {trip:7.1f} ms")


if __name__ == "__main__":
    main()
