"""The whole-product benchmark's targets, verdicts and table."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass

from tests.bench.bench_app import spread

COMMONEST = ("very common word", "common phrase")
KEYSTROKE = "keystroke (live)"
MB = 2**20


@dataclass(frozen=True)
class Target:
    """A figure's goal: `value <op> limit`."""

    limit: float
    op: str = "<"

    def met(self, value: float) -> bool:
        """Whether `value` meets the target."""
        compare: Callable[[float, float], bool] = {
            "<": operator.lt, "<=": operator.le, ">=": operator.ge}[self.op]
        return compare(value, self.limit)

    def __str__(self) -> str:
        return f"{self.op} {self.limit:,g}"


def targets(size: int, kinds: list[str]) -> dict[str, Target]:
    """The targets of issue 9 for a library of `size` articles, by measure key.

    Sizes up to 100,000 take the 100k targets, larger ones the 1M targets (the issue sets no
    ingest, library-size or ripgrep targets at 1M, nor one for the commonest words).
    """
    ordinary = [k for k in kinds if k not in COMMONEST and k != KEYSTROKE]
    if size > 100_000:
        found = {"app.launch_s": Target(0.8), "app.rss_mb": Target(300)}
        found.update({f"search.{k}": Target(150) for k in ordinary})
        return found
    found = {"ingest.per_second": Target(2000, ">="), "ingest.ratio": Target(2.5, "<="),
             "app.launch_s": Target(0.6), "app.rss_mb": Target(200),
             "grep.app_speedup": Target(20, ">="), "grep.process_speedup": Target(4, ">="),
             # docs/performance.md's target for the search run by each key typed.
             f"search.{KEYSTROKE}": Target(50)}
    found.update({f"search.{k}": Target(30) for k in ordinary})
    found.update({f"search.{k}": Target(150) for k in COMMONEST if k in kinds})
    return found


def measures(figures: dict) -> dict[str, float]:
    """The figures that have targets, by key: search p95s, launch, memory, rates, ratios."""
    found: dict[str, float] = {}
    if ingest := figures.get("ingest"):
        found["ingest.per_second"], found["ingest.ratio"] = ingest["per_second"], ingest["ratio"]
    for kind, f in figures.get("search", {}).get("kinds", {}).items():
        # What a person waits for: the count and first page on screen. A result of very many
        # matches is listed whole after that, in the background (its p95 is in the table).
        found[f"search.{kind}"] = f.get("first_p95_ms", f["p95_ms"])
    if app := figures.get("app"):
        found["app.launch_s"] = app["tmux_first_paint_s"] or app["first_paint_s"]
        found["app.rss_mb"] = max(app["tmux_rss_mb"] or 0, app["rss_visited"],
                                  app.get("rss_reading", 0))
    for key in ("app_speedup", "process_speedup"):
        if key in figures.get("grep", {}):
            found[f"grep.{key}"] = figures["grep"][key]
    return found


def verdicts(figures: dict) -> list[dict]:
    """Every measured figure that has a target, with the target and whether it was met."""
    kinds = list(figures.get("search", {}).get("kinds", {}))
    goals = targets(figures["articles"], kinds)
    return [{"measure": key, "value": value, "target": str(goals[key]),
             "met": goals[key].met(value)}
            for key, value in measures(figures).items() if key in goals]


def _ingest_rows(f: dict) -> list[tuple[str, str, str | None]]:
    return [
        ("newsreader add, whole process", f"{f['added']:,} in {f['seconds']:.1f} s "
         f"({f['cores']} cores)", None),
        ("articles per second" + (f" (median of {len(f['runs'])})" if "runs" in f else ""),
         f"{f['per_second']:,.0f}" + (" (" + " / ".join(f"{r:,}" for r in f["runs"]) + ")"
                                      if "runs" in f else ""), "ingest.per_second"),
        ("articles per CPU-second, writer + workers",
         f"{f['added'] / f['cpu_seconds']:,.0f}" if f.get("cpu_seconds") else "", None),
        ("library / raw text", f"{f['db_bytes'] / MB:,.0f} / {f['raw_bytes'] / MB:,.0f} MB = "
         f"{f['ratio']:.2f}x", "ingest.ratio"),
        ("peak RSS, writer + workers", f"{f['peak_rss'] / MB:,.0f} MB", None),
    ]


def _prepare_rows(f: dict) -> list[tuple[str, str, str | None]]:
    rows = [("long article (opened in the app)", f"id {f['long_article_id']}", None)]
    if "annotating_s" in f:
        rows += [(f"tagging {f['tagged']:,} articles", f"{f['tagging_s']:.2f} s", None),
                 (f"Library.add_note x {f['annotations']:,}",
                  f"{f['annotating_s']:.1f} s ({f['annotations'] / f['annotating_s']:,.0f}/s)",
                  None)]
    return rows


def _search_rows(f: dict) -> list[tuple[str, str, str | None]]:
    rows = [("newest-first order, first load", f"{f['order_load_ms']:.0f} ms", None),
            ("typo vocabulary, first load", f"{f['vocabulary_load_ms']:.0f} ms", None)]
    rows += [(kind, f"{k['p50_ms']:.1f} / {k['p95_ms']:.1f} / "
                    f"{k.get('first_p95_ms', k['p95_ms']):.1f} ms  ({k['median_matches']:,})",
              f"search.{kind}") for kind, k in f["kinds"].items()]
    return rows


def _grep_rows(f: dict) -> list[tuple[str, str, str | None]]:
    rows = [(note, "", None) for note in f["missing"]]
    for q in f["queries"]:
        parts = [f"app {q['app_s'] * 1000:.1f} ms", f"cli {q['newsreader_s']:.2f} s"]
        parts += [f"{tool} {q[f'{tool}_s']:.2f} s" for tool in ("rg", "grep") if f"{tool}_s" in q]
        rows.append((f"{q['query'][:26]} ({q['matches']:,})", ", ".join(parts), None))
    if "app_speedup" in f:
        rows += [("app search() vs rg -il, median", f"{f['app_speedup']:,.0f}x faster",
                  "grep.app_speedup"),
                 ("newsreader search process vs rg -il", f"{f['process_speedup']:,.1f}x faster",
                  "grep.process_speedup")]
    return rows


def _app_rows(f: dict) -> list[tuple[str, str, str | None]]:
    tmux = f["tmux_first_paint_s"]
    rss = [f"{f[k]:.0f}" for k in ("rss_painted", "rss_visited", "rss_reading") if k in f]
    return [
        ("import tui.app (+ textual)", f"{f['import_s']:.2f} s", None),
        ("launch -> painted library (tmux)",
         f"{tmux:.2f} s" if tmux else f"{f['first_paint_s']:.2f} s (no tmux)", "app.launch_s"),
        ("make_app -> first painted row (headless)", f"{f['first_paint_s']:.3f} s", None),
        ("search() per keystroke, med/p90/max", spread([s["ms"] for s in f["keystroke_searches"]]),
         None),
        ("  until its first page, med/p90/max",
         spread([s.get("first_ms", s["ms"]) for s in f["keystroke_searches"]]), None),
        ("keystroke -> list updated (Pilot)", spread(f["round_trips_ms"]), None),
        ("open the 50 KB article -> shown", f"{f['open_article_s']:.3f} s", None),
        ("longest UI stall while it opens", f"{f.get('open_stall_ms', float('nan')):.0f} ms",
         None),
        ("RSS in-process: painted/200 jumps/reading", " / ".join(rss) + " MB", None),
        ("RSS, real process at first paint",
         f"{f['tmux_rss_mb']:.0f} MB" if f["tmux_rss_mb"] else "no tmux", None),
        ("app memory: the largest RSS above", f"{measures({'app': f})['app.rss_mb']:.0f} MB",
         "app.rss_mb"),
    ]


def _export_rows(f: dict) -> list[tuple[str, str, str | None]]:
    return [(f"markdown ({f['markdown_files']:,} files)", f"{f['markdown_s']:.2f} s", None),
            (f"json ({f['json_items']:,} items, {f['json_bytes'] / MB:.1f} MB)",
             f"{f['json_s']:.2f} s", None)]


SECTIONS = [("ingest", "ingest", _ingest_rows), ("prepare", "library prepared", _prepare_rows),
            ("search", "search(), p50 / p95 whole list / p95 until shown (median matches)",
             _search_rows),
            ("grep", "versus grep (median wall time)", _grep_rows),
            ("app", "the app", _app_rows), ("export", "export 10k annotations", _export_rows)]


def table(figures: dict) -> str:
    """The figures as a text table, each targeted figure with its target and PASS/MISS."""
    found = {v["measure"]: v for v in verdicts(figures)}
    size = figures["articles"]
    lines = [f"newsreader, {size:,} articles of {figures.get('corpus', 'generated')} text "
             f"(targets: those for "
             f"{'1,000,000' if size > 100_000 else '100,000'})",
             f"  {'measure':<46}{'figure':<38}target"]
    for key, title, rows in SECTIONS:
        if key not in figures:
            continue
        lines.append(title)
        for label, value, measure in rows(figures[key]):
            verdict = found.get(measure)
            goal = f"{verdict['target']:<10}{'PASS' if verdict['met'] else 'MISS'}" if verdict else ""
            lines.append(f"  {label:<46}{value:<38}{goal}".rstrip())
    return "\n".join(lines)
