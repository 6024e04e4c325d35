"""The extractor before and after a change, interleaved in one process (CPU time).

    python -m tests.bench.bench_entities_pair --before f84cf92 --bbc ../shared/corpora/bbc
    python -m tests.bench.bench_entities_pair --before f84cf92 --bbc DIR --warm --passes 3

On a shared, loaded machine two separate runs differ by more than most speed changes, so this
runs both in one process: the `tui` package of commit BEFORE is copied out of git with its name
changed (`tui_before`), and the two `extract_document`s take turns, 25 articles at a time, the
one going first alternating. Each pass starts with an empty run memory (as a fresh process)
unless `--warm` keeps what earlier passes remembered (as a long `newsreader add`). Prints
articles per CPU-second of each and the speed-up. A script, not a test.
"""

from __future__ import annotations

import argparse
import importlib
import io
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from types import ModuleType

from tests.bench.bench_entities import bbc_articles
from tests.bench.synth import REPO

NAME = "tui_before"


def before_package(commit: str, into: Path) -> None:
    """Write commit's `tui` package into `into` as `tui_before`, its imports renamed."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "tui"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "tui").rename(into / NAME)
    for path in (into / NAME).rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\btui\b(?=[. ])", NAME, source), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, metavar="COMMIT")
    parser.add_argument("--bbc", required=True, metavar="DIR")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--warm", action="store_true", help="keep the run memory across passes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        before_package(args.before, Path(folder))
        sys.path.insert(0, folder)
        old: ModuleType = importlib.import_module(f"{NAME}.entities")
        old_rules = importlib.import_module(f"{NAME}.entities.rules")
        new = importlib.import_module("tui.entities")
        new_rules = importlib.import_module("tui.entities.rules")
        articles = bbc_articles(args.bbc)
        sides = [("before", old.extract_document, old_rules),
                 ("after", new.extract_document, new_rules)]
        spent = {"before": 0.0, "after": 0.0}
        for step in range(args.passes):
            if step == 0 or not args.warm:
                for _, _, rules in sides:
                    rules._memo.clear()
            for k in range(0, len(articles), 25):
                chunk = articles[k:k + 25]
                for name, extract, _ in sides if (k // 25 + step) % 2 == 0 else sides[::-1]:
                    clock = time.process_time()
                    for title, body in chunk:
                        extract(title, body)
                    spent[name] += time.process_time() - clock
    count = len(articles) * args.passes
    for name, seconds in spent.items():
        print(f"{name}: {count / seconds:,.0f} articles per CPU-second "
              f"({seconds / count * 1e6:,.0f} us an article)")
    print(f"speed-up {spent['before'] / spent['after']:.3f}x "
          f"({'warm' if args.warm else 'fresh'} run memory, {args.passes} passes)")


if __name__ == "__main__":
    main()
