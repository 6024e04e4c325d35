"""A real-text benchmark corpus: BBC articles recombined by paragraph, built at run time.

    python -m tests.bench.realtext --articles 20000     # write it (once) and say where

The text is real news (names, quotes, numbers, the density of capitals that the synthetic
corpus lacks): each article takes the headline of one BBC article and whole paragraphs of it
and of two others from the same section, so that every name keeps the sentence it was written
in. Deterministic for a given source folder and count. Written under bench-data/ (gitignored),
never committed: the BBC text is not ours.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

from tests.bench.synth import REPO

BBC = Path("/work/shared/corpora/bbc")
VERSION = 1
"""Bumped whenever the recombination changes, so written corpora are made again."""
SEED = 20261207


def sources(folder: Path = BBC) -> dict[str, list[tuple[str, list[str]]]]:
    """The source articles by section: (headline, paragraphs), read as the files are laid out
    (headline on the first line, paragraphs separated by blank lines)."""
    sections: dict[str, list[tuple[str, list[str]]]] = {}
    for path in sorted(folder.glob("*/*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        title, _, body = raw.strip().partition("\n")
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        if title.strip() and paragraphs:
            sections.setdefault(path.parent.name, []).append((title.strip(), paragraphs))
    if not sections:
        sys.exit(f"{folder}: no BBC articles (*/*.txt) there")
    return sections


def article(sections: dict, rng: random.Random) -> tuple[str, str]:
    """One recombined article: a headline and its own paragraphs mixed with two others'."""
    section = sections[rng.choice(sorted(sections))]
    first, *others = rng.sample(section, 3)
    pool = [(0, k, p) for k, p in enumerate(first[1])]
    for n, (_, paragraphs) in enumerate(others, 1):
        pool += [(n, k, p) for k, p in enumerate(paragraphs)]
    size = max(2, min(len(pool), round(len(first[1]) * rng.uniform(0.7, 1.2))))
    # The lead paragraph stays first; the rest keep their order within each source.
    chosen = [pool[0]] + sorted(rng.sample(pool[1:], size - 1), key=lambda t: (t[1], t[0]))
    return first[0], "\n\n".join(p for _, _, p in chosen)


def corpus(count: int, folder: Path = BBC) -> tuple[Path, int]:
    """A folder of `count` recombined articles (1,000 files per sub-folder) and its raw size,
    written once into bench-data/."""
    out = REPO / "bench-data" / f"realtext-v{VERSION}-{count}"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        sections = sources(folder)
        rng = random.Random(SEED)
        print(f"writing {count:,} recombined BBC articles into {out} (once) ...",
              file=sys.stderr)
        for i in range(count):
            title, body = article(sections, rng)
            shard = out / f"{i // 1000:04d}"
            if i % 1000 == 0:
                shard.mkdir(parents=True, exist_ok=True)
            (shard / f"{i:07d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        done.write_text(str(count))
    return out, sum(p.stat().st_size for p in out.rglob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--bbc", type=Path, default=BBC, help="the BBC corpus folder")
    args = parser.parse_args()
    folder, size = corpus(args.articles, args.bbc)
    print(f"{folder}: {args.articles:,} articles, {size / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
