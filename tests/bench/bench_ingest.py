"""Ingest benchmark: `newsreader add` of N generated text files, or of a big JSON Lines dump.

    python -m tests.bench.bench_ingest --articles 100000 --runs 3 # text files, ~2 KB each
    python -m tests.bench.bench_ingest --dump-mb 1024             # one JSON Lines dump
    python -m tests.bench.bench_ingest --articles 20000 --workers 1
    python -m tests.bench.bench_ingest --articles 100000 --runs 3 --real-text  # BBC, recombined

Runs the installed command as a user would (a fresh library, the whole process timed, start-up
included) and prints articles/s, the library's size against the raw text, and the peak resident
memory of the whole process tree (the writer and its workers), sampled from /proc. The corpus is
generated once into bench-data/ (gitignored) from tests/bench/synth.py; with `--real-text`,
from the BBC corpus by tests/bench/realtext.py (real articles recombined by paragraph).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.bench.synth import REPO, VERSION, Corpus

DATA = REPO / "bench-data"


def text_corpus(count: int) -> tuple[Path, int]:
    """A folder of `count` text files (title on line 1), 1,000 per sub-folder; its raw size."""
    folder = DATA / f"texts-v{VERSION}-{count}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        corpus = Corpus()
        print(f"writing {count:,} text files into {folder} (once) ...", file=sys.stderr)
        for i in range(count):
            article = corpus.article(i)
            shard = folder / f"{i // 1000:04d}"
            if i % 1000 == 0:
                shard.mkdir(parents=True, exist_ok=True)
            (shard / f"{i:07d}.txt").write_text(f"{article.title}\n\n{article.body}\n")
        done.write_text(str(count))
    return folder, _size(folder)


def dump_corpus(megabytes: int) -> tuple[Path, int, int]:
    """A JSON Lines dump of about `megabytes` MB; its path, size and record count."""
    path = DATA / f"dump-v{VERSION}-{megabytes}mb.jsonl"
    meta = path.with_suffix(".count")
    if not meta.exists():
        corpus = Corpus()
        print(f"writing a {megabytes:,} MB dump into {path} (once) ...", file=sys.stderr)
        count, size, limit = 0, 0, megabytes * 1024 * 1024
        with path.open("w", encoding="utf-8") as out:
            while size < limit:
                a = corpus.article(count)
                line = json.dumps({"headline": a.title, "text": a.body, "link": a.url,
                                   "published": a.published, "publication": a.source}) + "\n"
                out.write(line)
                size += len(line.encode())
                count += 1
        meta.write_text(str(count))
    return path, path.stat().st_size, int(meta.read_text())


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.txt"))


def _tree_rss(root: int, cpu: dict[int, float] | None = None) -> int:
    """Resident bytes of a process and all its descendants, following /proc's children lists
    (a few small reads: scanning all of /proc every sample slowed the measured add by 25%).

    Args:
        root: the process.
        cpu: if given, each descendant's CPU seconds so far (user + system) are put in it.
    """
    total, stack, page = 0, [root], os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as handle:
                total += int(handle.read().split()[1]) * page
            if cpu is not None and pid != root:
                with open(f"/proc/{pid}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                cpu[pid] = (int(fields[11]) + int(fields[12])) / TICKS
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    stack.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


TICKS = os.sysconf("SC_CLK_TCK")


def newsreader(*args: str) -> list[str]:
    """A `newsreader` command line: this interpreter's venv's script, else the one on PATH."""
    beside = Path(sys.executable).with_name("newsreader")
    return [str(beside) if beside.exists() else shutil.which("newsreader") or "newsreader", *args]


def run_add(sources: list[str], db: Path, workers: int | None) -> dict:
    """Time `newsreader add` as a whole process; peak tree RSS sampled every 200 ms."""
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    env = {**os.environ, "NEWSREADER_DB": str(db)}
    if workers:
        env["NEWSREADER_WORKERS"] = str(workers)
    command = newsreader("add", "--json", *sources)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    peak, workers = [0], {}

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid, workers))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of the writer (exact) and of its workers (as last sampled, up to 0.2 s short each):
    # on a shared machine the wall time also counts the time others held the cores.
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    cpu += sum(workers.values())
    sampler.join()
    if process.returncode not in (0, 1):
        sys.exit(f"newsreader add failed ({process.returncode}): {err[-2000:]}")
    report = json.loads(out)
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return {"seconds": seconds, "cpu_seconds": cpu, "added": report["added"],
            "skipped": len(report["skipped"]), "db_bytes": size, "peak_rss": peak[0]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--dump-mb", type=int, default=0, help="ingest one dump of this size")
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    parser.add_argument("--runs", type=int, default=1,
                        help="add the same input this many times; the median run is shown")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--real-text", action="store_true",
                        help="BBC articles recombined by paragraph instead of generated text")
    args = parser.parse_args(argv)
    if args.real_text:
        from tests.bench.realtext import corpus

        folder, raw = corpus(args.articles)
        sources, kind = [str(folder)], f"{args.articles:,} real-text files (BBC, recombined)"
    elif args.dump_mb:
        path, raw, count = dump_corpus(args.dump_mb)
        sources, kind = [str(path)], f"JSON Lines dump, {count:,} records"
    else:
        folder, raw = text_corpus(args.articles)
        sources, kind = [str(folder)], f"{args.articles:,} text files"
    runs = []
    for _ in range(max(1, args.runs)):  # each into a fresh library
        run = run_add(sources, DATA / "ingest-bench.db", args.workers)
        runs.append(dict(run, per_second=run["added"] / run["seconds"]))
    result = sorted(runs, key=lambda r: r["per_second"])[len(runs) // 2]  # the median run
    result.update(kind=kind, raw_bytes=raw, cores=len(os.sched_getaffinity(0)),
                  workers=args.workers or "all cores", ratio=result["db_bytes"] / raw,
                  runs=[round(r["per_second"]) for r in runs])
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{kind}, {result['cores']} cores, workers: {result['workers']}")
    print(f"  added {result['added']:,} (skipped {result['skipped']}) in "
          f"{result['seconds']:.1f} s: {result['per_second']:,.0f} articles/s end to end")
    print(f"  CPU, writer + workers: {result['cpu_seconds']:.1f} s: "
          f"{result['added'] / result['cpu_seconds']:,.0f} articles per CPU-second")
    if len(runs) > 1:
        print(f"  median of {len(runs)} runs: "
              + " / ".join(f"{rate:,}" for rate in result["runs"]) + " articles/s")
    print(f"  raw text {raw / 2**20:,.0f} MB -> library {result['db_bytes'] / 2**20:,.0f} MB "
          f"({result['ratio']:.2f}x)")
    print(f"  peak resident memory, writer + workers: {result['peak_rss'] / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
