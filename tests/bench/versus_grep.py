"""The same words and phrases searched four ways: in the app, `newsreader search`, rg, grep.

ripgrep (`rg -il WORD DIR`) and GNU grep (`grep -ril WORD DIR`) read the text files the library
was built from; `newsreader search WORD` is timed as a whole process (Python start included);
the app's figure is `search()` in this process. Every tool runs once before it is timed, so all
of them read a warm page cache. A tool that is not installed is reported, not fatal.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.product import child_env, newsreader
from tui.search import search
from tui.storage import Library

GREPS = {"rg": ["rg", "-il", "--"], "grep": ["grep", "-ril", "--"]}
RUNS = {"app": 3, "newsreader": 5, "rg": 3, "grep": 1}
"""Timed runs per query (the median is kept); grep is slow enough to be timed once."""


def pick(kinds: dict[str, list[str]]) -> list[str]:
    """Three ordinary words, two phrases and the commonest word, from the search kinds."""
    return kinds["single word"][:3] + kinds["phrase"][:2] + kinds["very common word"][:1]


def run_median(command: list[str], runs: int, env: dict | None = None) -> tuple[float, str]:
    """Median wall time in seconds of `runs` runs of a command, and its last output.

    Raises:
        SystemExit: the command failed (exit status 2 or more; 1 means "nothing found").
    """
    times, out = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - started)
        if done.returncode > 1:
            sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
        out = done.stdout
    return statistics.median(times), out


def app_median(library: Library, text: str, runs: int) -> tuple[float, int]:
    """Median seconds of `search()` as the app runs it, and the number of matches."""
    times, total = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        total = search(library, text, limit=20).total
        times.append(time.perf_counter() - started)
    return statistics.median(times), total


def compare(path: Path, folder: Path, texts: list[str]) -> dict:
    """Time each query every way; speed-ups are medians over the queries of rg's time / ours.

    Args:
        path: The library.
        folder: The text files it was built from.
        texts: Queries in the search language (a phrase in double quotes).
    """
    tools = {name: command for name, command in GREPS.items() if shutil.which(command[0])}
    figures: dict = {"missing": [f"{name} not installed" for name in GREPS if name not in tools],
                     "queries": []}
    process = newsreader("search")
    env = child_env(path)
    with Library(path) as library:
        library.orders.warm()  # as the app does once its list is shown
        app_median(library, texts[0], 1)
        run_median([*process, texts[0]], 1, env)
        for command in tools.values():
            run_median([*command, texts[0].strip('"'), str(folder)], 1)
        for text in texts:
            row: dict = {"query": text}
            row["app_s"], row["matches"] = app_median(library, text, RUNS["app"])
            row["newsreader_s"], _ = run_median([*process, text], RUNS["newsreader"], env)
            for name, command in tools.items():
                seconds, out = run_median([*command, text.strip('"'), str(folder)], RUNS[name])
                row[f"{name}_s"], row[f"{name}_files"] = seconds, len(out.splitlines())
            figures["queries"].append(row)
    if "rg" in tools:
        rows = figures["queries"]
        figures["app_speedup"] = statistics.median(r["rg_s"] / r["app_s"] for r in rows)
        figures["process_speedup"] = statistics.median(r["rg_s"] / r["newsreader_s"] for r in rows)
    return figures
