"""The command palette's first hits, and how long they take, on a real or synthetic library.

Run `python -m tests.bench.bench_palette --db LIBRARY QUERY...` to print the first hits the
palette (ctrl+p) shows for each query, as a person sees them, with the time from the last key
to the settled list and the event loop's longest stall meanwhile; `--articles 100000` uses the
synthetic library of that size (generated once under `--dir`). Not a test: pytest never
collects bench_*.py.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time
from pathlib import Path

from tests.bench.bench_app import StallMonitor, until
from tests.bench.synth import ensure_corpus

GATHER = "--textual-command-palette-gather-commands"
KEYS = {" ": "space", ":": "colon", "'": "apostrophe", "-": "minus", ",": "comma",
        ".": "full_stop"}


async def palette_hits(app, pilot, query: str, shown: int) -> tuple[list[str], float, float]:
    """The palette's first `shown` prompts for `query` (typed key by key into a fresh
    palette), the milliseconds from its last key to the settled list, and the longest
    event-loop stall meanwhile (ms)."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await until(lambda: isinstance(app.screen, CommandPalette))
    palette = app.screen
    searched: list[str] = []
    search_for = palette._search_for

    async def watched(value: str):
        routine = search_for(value)
        async for hit in routine:
            if (yield hit):
                with contextlib.suppress(StopAsyncIteration):
                    await routine.asend(True)
                return
        searched.append(value)

    palette._search_for = watched
    await pilot.press(*[KEYS.get(c, c) for c in query[:-1]])
    with StallMonitor() as monitor:
        started = time.perf_counter()
        await pilot.press(KEYS.get(query[-1], query[-1]))
        await until(lambda: query.strip() in searched and not any(
            w.group == GATHER and w.is_running for w in app.workers))
        ms = (time.perf_counter() - started) * 1000
    await pilot.pause(0.1)
    command_list = palette.query_one("CommandList")
    prompts = [str(command_list.get_option_at_index(i).prompt).split("\n")[0]
               for i in range(min(shown, command_list.option_count))]
    await pilot.press("escape")
    await until(lambda: not isinstance(app.screen, CommandPalette))
    return prompts, ms, monitor.longest * 1000


async def run(db: Path, queries: list[str], shown: int) -> None:
    from tests.test_app_library import settle
    from tui.app import make_app

    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(app.screen, "shown", None) is not None, 30)
        times, stalls = [], []
        for query in queries:
            prompts, ms, stall = await palette_hits(app, pilot, query, shown)
            times.append(ms)
            stalls.append(stall)
            print(f"{query!r:28} {ms:6.0f} ms  stall {stall:5.0f} ms  "
                  + (" | ".join(prompts) or "(no matches)"))
        if len(times) > 1:
            print(f"median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms; "
                  f"longest stall {max(stalls):.0f} ms")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("queries", nargs="*", default=["open", "theme", "Mourinho swipe"])
    parser.add_argument("--db", type=Path, help="an existing library")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("bench-data"))
    parser.add_argument("--shown", type=int, default=3, help="hits printed per query")
    args = parser.parse_args(argv)
    db = args.db or ensure_corpus(args.dir, args.articles)
    asyncio.run(run(db, args.queries, args.shown))


if __name__ == "__main__":
    main()
