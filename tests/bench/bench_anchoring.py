"""Re-anchoring and extraction on big inputs: what the unit tests once asserted in seconds.

    python -m tests.bench.bench_anchoring [--runs 5]

Prints CPU time (`time.process_time`, the best of `--runs`): the machine is shared and wall
time is noisy. The unit tests keep the correctness of the same inputs (every passage placed,
offsets valid); how long it takes is measured here and reported in docs/performance.md.
"""

from __future__ import annotations

import argparse
import time

from tests.conftest import SEED
from tests.test_anchoring import ARTICLE, PASSAGES, UNRELATED
from tui.annotations import make_anchor, reanchor
from tui.entities import extract


def best(runs: int, job) -> float:
    """The least CPU time of `runs` calls of `job()`."""
    times = []
    for _ in range(runs):
        began = time.process_time()
        job()
        times.append(time.process_time() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    body = "\n\n".join([UNRELATED] * 16)[:50_000]
    at = len(body) // 2
    body = body[:at] + "\n\n" + ARTICLE + "\n\n" + body[at:]
    anchors = [make_anchor(body, body.index(p), body.index(p) + len(p)) for p in PASSAGES]
    changed = body.replace("levy", "tax").replace("demountable", "removable")
    reanchor(anchors[0], changed)  # prepare the body once, as the app does for an article
    each = best(runs, lambda: [reanchor(a, changed) for a in anchors]) / len(anchors)
    print(f"reanchor, 50 KB article, one edit: {each * 1000:.2f} ms CPU per highlight")

    seed = SEED.read_text(encoding="utf-8")
    huge = "\n\n".join([seed] * 200)
    took = best(max(1, runs // 2), lambda: extract(huge))
    print(f"extract, the seed article x200 ({len(huge) // 1024} KB): {took:.2f} s CPU")


if __name__ == "__main__":
    main()
