"""The steps of the whole-product benchmark: ingest, prepare, search, app and export figures.

Each step works on one library per corpus size, `bench-data/product-N.db`, built by the real
`newsreader add` from the text files of `bench_ingest.text_corpus`; `prepare` then gives it what
a reader's library has and text files lack (tags, 10,000 notes and highlights, one long article)
through the public `Library` API, once.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.bench_ingest import DATA, REPO, newsreader, run_add, text_corpus
from tests.bench.bench_search import METADATA_KINDS, queries, run
from tests.bench.synth import VERSION, Corpus
from tui.storage import Library

LONG_ARTICLE = 50_000
"""Characters of the long article the app opens."""
ANNOTATED = 2_500
"""Articles given notes and highlights: two of each, 10,000 in all."""
TAGS = [f"topic-{n}" for n in range(10)]
TAGGED = 200
"""Articles per tag."""
QUERY_SEED = 7


def library_path(count: int, real: bool = False) -> Path:
    """Where the product library of `count` articles lives (`real`: of real text)."""
    if real:
        from tests.bench.realtext import VERSION as REAL_VERSION

        return DATA / f"product-real-v{REAL_VERSION}-{count}.db"
    return DATA / f"product-v{VERSION}-{count}.db"


def corpus_folder(count: int, real: bool = False) -> tuple[Path, int]:
    """The text files a product library is added from, and their size."""
    if real:
        from tests.bench.realtext import corpus

        return corpus(count)
    return text_corpus(count)


def child_env(db: Path) -> dict[str, str]:
    """The environment for a `newsreader` child: this library, no user config, and bytecode
    caching on (an installed package has its .pyc files; PYTHONDONTWRITEBYTECODE, set in some
    shells, would recompile every module at every start: +40 ms)."""
    env = {**os.environ, "NEWSREADER_DB": str(db),
           "NEWSREADER_CONFIG": str(DATA / "no-config.toml")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def ingest(count: int, real: bool = False) -> dict:
    """Write the text files once, then time `newsreader add` of them into a fresh library."""
    folder, raw = corpus_folder(count, real)
    print(f"ingesting {count:,} text files with newsreader add ...", file=sys.stderr)
    figures = run_add([str(folder)], library_path(count, real), None)
    figures.update(raw_bytes=raw, per_second=figures["added"] / figures["seconds"],
                   ratio=figures["db_bytes"] / raw, cores=len(os.sched_getaffinity(0)))
    return figures


def prepare(path: Path) -> dict:
    """Tag articles, annotate others and add the long article, unless that is done already.

    Returns:
        The long article's id, what was there or made, and how long making it took.
    """
    with Library(path) as library:
        ids = sorted(library.articles.ids())
        long_id = _long_article(library)
        figures = {"long_article_id": long_id, "tagged": TAGGED * len(TAGS),
                   "annotations": 4 * ANNOTATED}
        if {name for name, _ in library.notes.tags()} >= set(TAGS):
            return figures
        print("tagging and annotating (once) ...", file=sys.stderr)
        started = time.perf_counter()
        for n, tag in enumerate(TAGS):
            library.notes.tag_articles(_spread(ids, TAGGED, offset=n + 1), [tag])
        made = time.perf_counter()
        for article_id in _spread(ids, ANNOTATED):
            _annotate(library, article_id)
        figures.update(tagging_s=made - started, annotating_s=time.perf_counter() - made)
    return figures


def _spread(ids: list[int], count: int, offset: int = 0) -> list[int]:
    """`count` ids spread evenly over `ids` (fewer when there are fewer)."""
    step = max(1, len(ids) // count)
    return ids[offset % step::step][:count]


def _annotate(library: Library, article_id: int) -> None:
    """Two notes and two highlights (the first sentences of two paragraphs) on one article."""
    article = library.articles.get(article_id)
    for n, paragraph in enumerate(article.paragraphs[:2]):
        library.notes.add_note(article_id, f"Bench note {n} on {article.title[:40]}")
        library.notes.add_note(article_id, "", quote=paragraph.split(". ")[0])


def _long_article(library: Library) -> int:
    """Add (or find: re-adding is a no-op) one generated article of LONG_ARTICLE characters."""
    article = Corpus().article(99_999_999, size=LONG_ARTICLE)
    article.title, article.published = f"Long read: {article.title}", ""
    [(_, article_id)] = library.articles.upsert([article])
    return article_id


def search_kinds(corpus: Corpus, n: int) -> dict[str, list[str]]:
    """bench_search's query kinds, with filters on what this library has instead of sources
    and dates: names found at ingest, the tags `prepare` gave, and dates of adding."""
    rng = random.Random(QUERY_SEED)
    kinds = {k: v for k, v in queries(corpus, rng, n).items() if k not in METADATA_KINDS}
    words = corpus.words[300:8000]
    surnames = [name.split()[1] for name in corpus.names]
    kinds["filter person:"] = [f"person:{s}" for s in rng.sample(surnames, n)]
    kinds["filter tag:"] = [f"tag:{rng.choice(TAGS)}" for _ in range(n)]
    kinds["word + tag:"] = [f"{w} tag:{rng.choice(TAGS)}" for w in rng.sample(words, n)]
    # Text files carry no date, so every article passes: the date filter's worst case.
    kinds["word + after:"] = [f"{w} after:2w" for w in rng.sample(words, n)]
    return kinds


def search(path: Path, kinds: dict[str, list[str]]) -> dict:
    """bench_search's figures (warm, in this process) on the product library."""
    with Library(path) as library:
        return run(library, kinds)


def app(path: Path, long_id: int, tmux: bool) -> dict:
    """bench_app's figures, in a child process so that its memory is the app's alone."""
    command = [sys.executable, "-m", "tests.bench.bench_app", "--db", str(path),
               "--open", str(long_id), "--json", *([] if tmux else ["--no-tmux"])]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"bench_app failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def export(path: Path) -> dict:
    """Time `newsreader export` as a whole process, Markdown then JSON, into bench-data/."""
    folder = DATA / f"export-{path.stem}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    markdown, notes = folder / "markdown", folder / "notes.json"
    figures = {}
    for fmt, output in (("markdown", markdown), ("json", notes)):
        command = newsreader("export", "--format", fmt, "--output", str(output))
        started = time.perf_counter()
        done = subprocess.run(command, env=child_env(path), capture_output=True, text=True)
        figures[f"{fmt}_s"] = time.perf_counter() - started
        if done.returncode:
            sys.exit(f"newsreader export failed ({done.returncode}): {done.stderr[-2000:]}")
    figures["markdown_files"] = sum(1 for _ in markdown.glob("*.md"))
    figures["json_items"] = len(json.loads(notes.read_text())["items"])
    figures["json_bytes"] = notes.stat().st_size
    return figures
