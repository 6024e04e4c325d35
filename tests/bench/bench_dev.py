"""The entity extractor against the BBC dev set (../shared/gold/bbc-entities), in one process.

    python -m tests.bench.bench_dev [--errors] [--json] [--gold DIR] [--corpus DIR]

A script, not a test: the dev set is BBC copyright and lives outside the repository. It uses
the set's own `score.py` (its reading of the gold, its mapping of spans onto the raw file and
its tallies), but runs our extractor here instead of one `newsreader entities` process per
article: the same reading and cleaning as that command (`tui.ingest.files.load`), and the same
JSON, title mentions included.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

SHARED = Path("/work/shared")
DEV = SHARED / "gold" / "bbc-entities"


def load_score(gold: Path):
    """The dev set's score.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("bbc_score", gold / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def extract_json(path: Path) -> dict:
    """What `newsreader entities PATH --json` prints, computed in this process."""
    from tui import entities
    from tui.ingest.files import load

    article = load(str(path), max_bytes=10**7).article
    if not hasattr(entities, "extract_document"):  # before issue 19: the body only
        spans = entities.extract_article(article.title, article.body)
        return {"title": article.title, "text": article.body,
                "entities": [s.to_dict() for s in spans]}
    found = entities.extract_document(article.title, article.body)
    return {"title": article.title, "text": article.body,
            "entities": [s.to_dict() for s in found if not s.in_title],
            "title_entities": [s.to_dict() for s in found if s.in_title]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEV)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    if not (args.gold / "score.py").exists():
        sys.exit(f"{args.gold}: no score.py (the dev set is not on this machine)")
    score = load_score(args.gold)
    docs = score.read_gold(args.gold, args.corpus)
    body_counts, all_counts, unmapped = Counter(), Counter(), 0
    for doc in docs:
        out = extract_json(args.corpus / doc["file"])
        pred, missed = score.predictions(doc, out)
        unmapped += missed
        gold = {(m["start"], m["end"], m["label"]) for m in doc["mentions"]}
        start = score.body_start(doc["raw"])
        score.tally({g for g in gold if g[0] >= start}, {p for p in pred if p[0] >= start},
                    body_counts)
        score.tally(gold, pred, all_counts)
        if args.errors:
            labels = {(m["start"], m["end"]): m["label"] for m in doc["mentions"]}
            for kind, spans in (("miss", gold - pred), ("false", pred - gold)):
                for s, e, label in sorted(spans):
                    other = labels.get((s, e)) if kind == "false" else None
                    note = f" (gold {other})" if other and other != label else ""
                    print(f"{doc['file']:<22} {kind:<5} {label:<6} {doc['raw'][s:e]!r}{note}")
    print(f"{len(docs)} articles, {sum(len(d['mentions']) for d in docs)} gold mentions")
    result = {"body": score.table("body zone", body_counts),
              "title+body": score.table("title + body", all_counts), "unmapped": unmapped}
    print(f"\nspans that could not be placed on the raw file: {unmapped}")
    if args.json:
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
