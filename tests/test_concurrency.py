"""Several processes writing one library at once: nothing lost, nobody told "locked"."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import make_article
from tui.storage import Library

ROOT = Path(__file__).resolve().parent.parent
URL = "https://example.com/shared"
PASSAGE = "the tariff on steel would be cut by half"
BODY = f"Ministers met in Geneva.\n\nThe delegation said {PASSAGE} next year.\n\nMore later."

# Each worker opens the library, says "ready", waits for the go file so that all of them start
# writing at the same moment, then does `count` writes of its role, each its own transaction.
WORKER = r"""
import sys, time
from pathlib import Path
from tui.models import Article
from tui.storage import Library

db, role, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
library = Library(db)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.002)
for i in range(count):
    if role.startswith("notes"):
        library.add_note(1, f"{role} {i}", tags=[f"n{i % 3}"])
    elif role == "highlights":
        library.add_note(1, f"highlight {i}", quote=sys.argv[7])
    elif role == "tags":
        library.tag_articles([1], [f"t{i}"])
        if i % 2:
            library.untag_articles([1], [f"t{i}"])
    elif role == "add":
        from tui.ingest import add_sources
        folder = Path(db).parent / "incoming"
        folder.mkdir(exist_ok=True)
        path = folder / f"story{i}.txt"
        path.write_text(f"Story number {i}\n\nA body for story {i}, word{i}.\n")
        report = add_sources(library, [str(path)], max_bytes=1 << 20)
        assert report.added == 1, report
    elif role == "reingest":
        intro = "An opening paragraph added later.\n\n" if i % 2 else ""
        article = Article(title="Shared", body=intro + sys.argv[5], url=sys.argv[6])
        library.upsert_articles([article])
print("done", flush=True)
"""


def run_together(db: Path, roles: list[tuple[str, int]]) -> list[tuple[int, str, str]]:
    """Start one worker per role, release them together; (exit code, stdout, stderr) each."""
    go = db.parent / "go"
    workers = [subprocess.Popen(
        [sys.executable, "-c", WORKER, str(db), role, str(count), str(go), BODY, URL, PASSAGE],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for role, count in roles]
    for worker in workers:
        assert worker.stdout is not None
        line = worker.stdout.readline()
        if line != "ready\n":
            worker.wait(timeout=30)
            pytest.fail(f"a worker did not start: {worker.stderr and worker.stderr.read()}")
    go.touch()
    results = []
    deadline = time.monotonic() + 240
    for worker in workers:
        out, err = worker.communicate(timeout=max(1.0, deadline - time.monotonic()))
        results.append((worker.returncode, out, err))
    return results


def assert_clean(results):
    for code, out, err in results:
        assert code == 0, err
        assert out.strip() == "done" and err == ""
        assert "locked" not in out + err


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "shared.db"
    with Library(path) as library:
        library.upsert_articles([make_article(title="Shared", body=BODY, url=URL)])
    return path


def test_two_processes_add_notes_at_once(db):
    results = run_together(db, [("notes-a", 200), ("notes-b", 200)])
    assert_clean(results)
    with Library(db) as library:
        notes = library.all_annotations()
        assert len(notes) == 400 and len({n.id for n in notes}) == 400
        for role in ("notes-a", "notes-b"):
            assert {n.text for n in notes if n.text.startswith(role)} == {
                f"{role} {i}" for i in range(200)}
        assert library.tags() == [("n0", 0), ("n1", 0), ("n2", 0)]
        assert library.rows([1])[1].notes == 400


def test_four_processes_mix_adds_tags_notes_and_reingests(db):
    results = run_together(db, [("add", 60), ("tags", 100), ("highlights", 100),
                                ("reingest", 40)])
    assert_clean(results)
    with Library(db) as library:
        assert library.count() == 61
        assert library.article_tags(1) == sorted((f"t{i}" for i in range(0, 100, 2)),
                                                 key=str.casefold)
        assert [name for name, _ in library.tags()] == library.article_tags(1)
        highlights = library.annotations(1)
        body = library.get_article(1).body
        assert body.startswith("An opening paragraph")  # the last re-ingest (i = 39) had one
        assert len(highlights) == 100
        assert all(not h.orphan and body[h.start:h.end] == PASSAGE for h in highlights)
        assert library.orphans() == []
