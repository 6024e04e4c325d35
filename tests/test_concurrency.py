"""Several processes writing one library at once: nothing lost, nobody told "locked"."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import env_for, make_article
from tests.library_checks import assert_sound
from tests.tmux import newsreader_binary
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
        library.notes.add_note(1, f"{role} {i}", tags=[f"n{i % 3}"])
    elif role == "highlights":
        library.notes.add_note(1, f"highlight {i}", quote=sys.argv[7])
    elif role == "tags":
        library.notes.tag_articles([1], [f"t{i}"])
        if i % 2:
            library.notes.untag_articles([1], [f"t{i}"])
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
        library.articles.upsert([article])
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
        library.articles.upsert([make_article(title="Shared", body=BODY, url=URL)])
    return path


def test_two_processes_add_notes_at_once(db):
    results = run_together(db, [("notes-a", 200), ("notes-b", 200)])
    assert_clean(results)
    with Library(db) as library:
        notes = library.notes.all_annotations()
        assert len(notes) == 400 and len({n.id for n in notes}) == 400
        for role in ("notes-a", "notes-b"):
            assert {n.text for n in notes if n.text.startswith(role)} == {
                f"{role} {i}" for i in range(200)}
        assert library.notes.tags() == [("n0", 1), ("n1", 1), ("n2", 1)]  # all on article 1
        assert library.articles.rows([1])[1].notes == 400


def test_four_processes_mix_adds_tags_notes_and_reingests(db):
    results = run_together(db, [("add", 60), ("tags", 100), ("highlights", 100),
                                ("reingest", 40)])
    assert_clean(results)
    with Library(db) as library:
        assert library.articles.count() == 61
        assert library.notes.article_tags(1) == sorted((f"t{i}" for i in range(0, 100, 2)),
                                                 key=str.casefold)
        assert [name for name, _ in library.notes.tags()] == library.notes.article_tags(1)
        highlights = library.notes.annotations(1)
        body = library.articles.get(1).body
        assert body.startswith("An opening paragraph")  # the last re-ingest (i = 39) had one
        assert len(highlights) == 100
        assert all(not h.orphan and body[h.start:h.end] == PASSAGE for h in highlights)
        assert library.notes.orphans() == []


# -- the real CLI in three processes, and the real app in tmux --------------------------------

def cli_runs(db: Path, commands: list[list[str]], results: list) -> None:
    """Run `newsreader` commands one after another (one process at a time per caller)."""
    binary = newsreader_binary()
    for args in commands:
        results.append((args, subprocess.run([binary, "--db", str(db), *args],
                                             capture_output=True, text=True, timeout=120)))


def old_stories(home: Path, db: Path) -> None:
    """Ten articles published in January 2020, ids 1 (oldest) to 10 (newest)."""
    folder = home / "old"
    folder.mkdir(parents=True)
    for day in range(1, 11):
        (folder / f"story{day:02d}.txt").write_text(
            f"---\ntitle: Old story {day:02d}\npublished: 2020-01-{day:02d}\n---\n"
            f"What happened in Lisbon on day {day}.\n")
    done = subprocess.run([newsreader_binary(), "--db", str(db), "add", str(folder)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "added 10," in done.stdout, done.stderr


def new_stories(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = [folder / f"new{i:03d}.txt" for i in range(count)]
    for i, path in enumerate(paths):
        path.write_text(f"New story {i}\n\nA quokka was seen in Perth, sighting {i}.\n")
    return paths



@pytest.mark.e2e
def test_three_cli_processes_and_the_app_write_at_once(tmux, tmp_path):
    home = tmp_path / "home"
    env = env_for(home)
    db = Path(env["NEWSREADER_DB"])
    old_stories(home, db)
    tag_commands = []
    for i in range(20):
        tag_commands.append(["tag", "1", f"cli{i}"])
        if i % 2:
            tag_commands.append(["tag", "1", f"cli{i}", "--remove"])
    roles = {
        "add": [["add", str(path)] for path in new_stories(home / "new", 20)],
        "tag": tag_commands,
        "note": [["note", "2", f"cli note {i}", "--tag", "noted"] for i in range(20)],
    }
    tmux.start([newsreader_binary()], env)
    tmux.wait_for("Old story 10")
    tmux.wait_for("10 articles")
    results: dict[str, list] = {role: [] for role in roles}
    threads = [threading.Thread(target=cli_runs, args=(db, commands, results[role]))
               for role, commands in roles.items()]
    for thread in threads:
        thread.start()
    # Meanwhile, in the app: star eight articles, one after another down the list (articles
    # the CLI adds arrive above, as the app notices them), then tag the next one.
    screens = []
    for _ in range(8):
        tmux.keys("s", "j")
        screens.append(tmux.screen())
        time.sleep(0.4)  # spread over the CLI's writes, so the list refreshes in between
    tmux.keys("t")
    tmux.wait_for("Tags now")
    tmux.keys("apptag", literal=True)
    tmux.keys("Enter")
    for thread in threads:
        thread.join(timeout=240)
    screens.append(tmux.wait_for("30 articles"))  # the poller shows the CLI's articles
    for role, runs in results.items():
        assert len(runs) == len(roles[role])
        for args, run in runs:
            assert run.returncode == 0 and run.stderr == "", (args, run.stderr)
    assert all("added 1, updated 0" in run.stdout for _, run in results["add"])
    wanted = {"starred": list(range(3, 11)), "tagged": ["apptag"]}
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:  # the app writes in workers: let them land
        with Library(db) as library:
            found = {"starred": [r.id for r in library.articles.list_rows(order="oldest") if r.starred],
                     "tagged": library.notes.article_tags(2)}
        if found == wanted:
            break
        time.sleep(0.2)
    screens.append(tmux.screen())
    tmux.keys("q")
    screens.append(tmux.wait_for("EXIT=0"))
    for screen in screens:
        assert "locked" not in screen and "failed" not in screen and "error" not in screen
    assert found == wanted
    with Library(db) as library:
        assert library.articles.count() == 30
        assert library.articles.stats()["starred"] == 8
        assert library.notes.article_tags(1) == sorted((f"cli{i}" for i in range(0, 20, 2)),
                                                 key=str.casefold)
        notes = library.notes.annotations(2)
        assert sorted(n.text for n in notes) == sorted(f"cli note {i}" for i in range(20))
        assert dict(library.notes.tags()) == {**{f"cli{i}": 1 for i in range(0, 20, 2)},
                                        "apptag": 1, "noted": 1}  # article 2, by its notes
    assert_sound(db)


@pytest.mark.e2e
def test_the_open_app_shows_what_another_process_adds(tmux, tmp_path):
    home = tmp_path / "home"
    env = env_for(home)
    db = Path(env["NEWSREADER_DB"])
    old_stories(home, db)
    new_stories(home / "new", 500)
    tmux.start([newsreader_binary()], env)
    tmux.wait_for("10 articles")
    added = subprocess.run([newsreader_binary(), "--db", str(db), "add", str(home / "new")],
                           capture_output=True, text=True, timeout=120)
    assert added.returncode == 0 and "added 500," in added.stdout, added.stderr
    tmux.wait_for("510 articles")  # no key pressed: the app polls the library
    tmux.keys("/")
    tmux.keys("quokka", literal=True)
    tmux.wait_for("500 matches")
    tmux.keys("Escape", "q")
    tmux.wait_for("EXIT=0")


async def test_a_refresh_keeps_the_cursor_where_the_person_moved_it(library, monkeypatch):
    """Another process's change reloads the list in a worker; a key pressed before that load
    lands must win: the cursor must not jump back to where it was when the load began (a
    following `s` would then unstar the article just starred)."""
    from tests.conftest import settle
    from tui.app import make_app
    from tui.screens.library import LibraryScreen

    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    library.articles.upsert([make_article(f"Story {i}", f"Body {i}.",
                                          published=f"2021-01-{i:02d}") for i in range(1, 6)])
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        screen = app.screen
        first = screen.article_list.current_id
        gate, ids = threading.Event(), library.articles.ids

        def held_ids(order="newest"):
            gate.wait(10)  # the load is slow: the person presses a key meanwhile
            return ids(order)

        monkeypatch.setattr(library.articles, "ids", held_ids)
        screen.post_message(LibraryScreen.LibraryChanged())
        await pilot.pause()
        await pilot.press("j")
        moved_to = screen.article_list.current_id
        assert moved_to != first
        gate.set()
        await settle(pilot)
        assert screen.article_list.current_id == moved_to
