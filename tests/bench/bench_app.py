"""Benchmark the library screen on a synthetic corpus: first paint, search keystrokes, memory.

Run `python -m tests.bench.bench_app --articles 100000` from the repository root. The corpus is
generated once per size under `--dir` and reused; `--db FILE` measures an existing library
instead, and `--open ID` also times opening that article. Not a test: pytest never collects
bench_*.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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


def keystroke_searches(library, query: str) -> list[tuple[str, int, float, float]]:
    """`(prefix, matches, ms, first ms)` for every prefix of `query`, as search-as-you-type
    runs them (first: until the count and first page of a very big result were handed over)."""
    from tests.bench.bench_search import timed_search

    library.orders.warm()  # as the app does once its list is shown
    timings = []
    for end in range(1, len(query) + 1):
        result, ms, first_ms = timed_search(library, query[:end], limit=1, live=True)
        timings.append((query[:end], result.total, ms, first_ms))
    return timings


async def until(condition, timeout: float = 60.0) -> None:
    """Yield to the app until `condition()` holds; TimeoutError after `timeout` seconds."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.001)


def first_drawn(widget_class: type, ready) -> list[float]:
    """Record when an instance of `widget_class` first draws a line while `ready(widget)`:
    the frame that shows it. (Headless apps write no output to watch, and waiting for idle
    would also wait for every worker.)"""
    drawn: list[float] = []
    render_line = widget_class.render_line

    def watched(self, y: int):
        strip = render_line(self, y)
        if not drawn and ready(self):
            drawn.append(time.perf_counter())
        return strip

    widget_class.render_line = watched
    return drawn


class StallMonitor:
    """The longest the event loop went without running a task (the UI thread's worst stall)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task | None = None

    async def _watch(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.longest, last = max(self.longest, now - last), now

    def __enter__(self) -> StallMonitor:
        self._task = asyncio.get_running_loop().create_task(self._watch())
        return self

    def __exit__(self, *exc) -> None:
        self._task.cancel()


async def measure_app(path: Path, query: str, open_id: int | None = None) -> dict[str, object]:
    """First paint, keystroke round trips and memory of the app, headless in this process.

    Args:
        path: The library.
        query: Typed into the search field one key at a time.
        open_id: An article to open from the list first (the time until it is shown).
    """
    from textual import events

    from tui.app import make_app
    from tui.screens.library import LibraryScreen
    from tui.widgets.article_list import ArticleList
    from tui.widgets.article_view import ArticleView

    figures: dict[str, object] = {"rss_start": rss_mb()}
    row_drawn = first_drawn(ArticleList, lambda rows: rows.current_row is not None)
    text_drawn = first_drawn(ArticleView, lambda view: view.lines and view.article is not None
                             and view.article.id == open_id)
    started = time.perf_counter()
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        def rows() -> ArticleList:
            return app.screen.query_one(ArticleList)

        await until(lambda: row_drawn)
        figures["first_paint_s"] = row_drawn[0] - started
        figures["rss_painted"] = rss_mb()
        # A big library shows its first page before every id is read: wait for the rest.
        await until(lambda: app.screen.shown is not None and not app.screen.shown.partial)
        figures["whole_list_s"] = time.perf_counter() - started
        await pilot.press("end")
        await until(lambda: rows().current_row is not None)
        await pilot.pause()
        figures["rss_end"] = rss_mb()
        count = len(rows().ids)
        for step in range(200):
            rows().cursor = step * count // 200
            await until(lambda: rows().current_row is not None)
        figures["rss_visited"] = rss_mb()
        if open_id is not None:
            rows().cursor = rows().ids.index(open_id)
            await pilot.pause()
            started = time.perf_counter()
            with StallMonitor() as stalls:
                rows().action_open()
                await until(lambda: text_drawn)
                figures["open_article_s"] = text_drawn[0] - started
                await until(lambda: app.screen.entities_shown == open_id)
                await pilot.pause()
            figures["open_stall_ms"] = stalls.longest * 1000
            figures["rss_reading"] = rss_mb()
            await pilot.press("q")
            await until(lambda: isinstance(app.screen, LibraryScreen))
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
    """`median / p90 / max ms` of some timings."""
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"{statistics.median(ordered):.1f} / {p90:.1f} / {ordered[-1]:.1f} ms"


def measure(path: Path, *, tmux: bool = True, open_id: int | None = None) -> dict:
    """Every figure of this benchmark for the library at `path`, as a JSON-able dict.

    Args:
        path: The library (its newest title is what the tmux timing waits for).
        tmux: Also time a real process in a tmux pane (skipped when tmux is missing).
        open_id: An article to open in the app (see `measure_app`).
    """
    started = time.perf_counter()
    import tui.app  # noqa: F401  (timed: every start of the app pays for it)

    import_s = time.perf_counter() - started
    from tui.storage import Library

    corpus = Corpus()
    query = f"{corpus.words[2]} {corpus.words[400]} {corpus.names[0].split()[0]}"
    with Library(path) as library:
        articles = library.articles.count()
        newest = library.articles.list_rows(1)[0].title
        searches = keystroke_searches(library, query)
    figures = {"articles": articles, "query": query, "import_s": import_s,
               "library_bytes": sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*")),
               "keystroke_searches": [{"prefix": prefix, "matches": matches, "ms": ms,
                                       "first_ms": first}
                                      for prefix, matches, ms, first in searches]}
    figures.update(asyncio.run(measure_app(path, query, open_id)))
    real = tmux_first_paint(path, newest[:30]) if tmux else None
    figures["tmux_first_paint_s"], figures["tmux_rss_mb"] = real or (None, None)
    return figures


def print_table(figures: dict, name: str) -> None:
    """The figures of `measure` as the table this script has always printed."""
    print(f"\nnewsreader library screen, {figures['articles']:,} articles "
          f"({name}, {figures['library_bytes'] / 2**20:,.0f} MB)\n")
    tmux_s, tmux_rss = figures["tmux_first_paint_s"], figures["tmux_rss_mb"]
    searches = figures["keystroke_searches"]
    table = [
        ("import tui.app (+ textual)", f"{figures['import_s']:.2f} s"),
        ("make_app -> first painted row (run_test)", f"{figures['first_paint_s']:.3f} s"),
        ("make_app -> every id loaded (run_test)", f"{figures['whole_list_s']:.3f} s"),
        ("process start -> first row in tmux", f"{tmux_s:.2f} s" if tmux_s else "no tmux"),
        ("search() per keystroke, median/p90/max", spread([s["ms"] for s in searches])),
        ("  until its first page, median/p90/max", spread([s["first_ms"] for s in searches])),
        ("keystroke -> list updated (Pilot)", spread(figures["round_trips_ms"])),
        ("RSS before make_app", f"{figures['rss_start']:.0f} MB"),
        ("RSS after first paint", f"{figures['rss_painted']:.0f} MB"),
        ("RSS after End (last row)", f"{figures['rss_end']:.0f} MB"),
        ("RSS after visiting 200 places", f"{figures['rss_visited']:.0f} MB"),
        ("RSS of the real process at first paint", f"{tmux_rss:.0f} MB" if tmux_rss else "no tmux"),
    ]
    if "open_article_s" in figures:
        table += [("open the chosen article -> shown", f"{figures['open_article_s']:.3f} s"),
                  ("longest UI stall while it opens", f"{figures['open_stall_ms']:.0f} ms"),
                  ("RSS while reading it", f"{figures['rss_reading']:.0f} MB")]
    width = max(len(label) for label, _ in table)
    for label, value in table:
        print(f"  {label:<{width}}  {value}")
    query = figures["query"]
    print(f"\n  search-as-you-type for {query!r}:")
    for search, trip in zip(searches, figures["round_trips_ms"], strict=True):
        first = (f"first page {search['first_ms']:5.1f} ms  "
                 if search["first_ms"] < search["ms"] - 0.05 else " " * 24)
        print(f"    {search['prefix']:<{len(query)}}  {search['matches']:>7,} matches  "
              f"search {search['ms']:7.1f} ms  {first}round trip {trip:7.1f} ms")


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, build or reuse the corpus, measure, print a table or JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("bench-data"))
    parser.add_argument("--db", type=Path, help="measure this library instead of a generated one")
    parser.add_argument("--open", type=int, metavar="ID", help="also time opening this article")
    parser.add_argument("--no-tmux", action="store_true", help="skip the real-process timing")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    path = args.db.resolve() if args.db else ensure_corpus(args.dir.resolve(), args.articles)
    figures = measure(path, tmux=not args.no_tmux, open_id=args.open)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_table(figures, path.name)


if __name__ == "__main__":
    main()
