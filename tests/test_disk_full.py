"""A full disk or an I/O error during a write: the person is told in one line (exit 1 from the
CLI, a notification in the app), and the library is as it was before the failed write.

Three real faults, none needing a special machine: a file-size limit (RLIMIT_FSIZE, so writes
past it fail with EFBIG), SQLite's own page limit (`max_page_count`: SQLITE_FULL), and a
small tmpfs that really fills up (needs root; skipped where mounting is not allowed).
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import make_article
from tests.library_checks import assert_sound, count, fingerprint
from tests.privileges import run_limited
from tests.samples import BIG_NOTE
from tests.tmux import newsreader_binary
from tui.storage import Library

PROBLEM = re.compile(r"disk .*is full|could not write|disk I/O error")
"""What the one line must name. (`disk I/O error` is SQLite's word for EFBIG and EIO.)"""

def make_library(db: Path) -> dict:
    """Three articles with a tag, a star and a note; returns their fingerprint."""
    with Library(db) as library:
        library.articles.upsert([make_article(f"Story {i}", f"Mexico and Canada talk {i}.")
                                 for i in range(3)])
        library.notes.tag_articles([1], ["trade"])
        library.articles.set_flag(2, "starred", True)
        library.notes.add_note(3, "Check the figures")
    return fingerprint(db)


def big_file(folder: Path) -> Path:
    """A 3 MB article: more than any page cache, WAL frame or free space here holds."""
    path = folder / "report.txt"
    paragraph = "Officials in Ottawa counted the trucks crossing the bridge again. " * 20
    path.write_text("A very long report\n\n" + "\n\n".join([paragraph] * 2300))
    return path


def commands(tmp_path: Path) -> dict[str, list[str]]:
    return {
        "add": ["add", str(big_file(tmp_path))],
        "note": ["note", "1", BIG_NOTE],
        "tag": ["tag", "1,2,3", *(f"topic{i}" for i in range(40))],
    }


def assert_told(code: int, stderr: str) -> None:
    """Exit 1 and one human line naming the problem: no traceback, no "unexpected error"."""
    assert code == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsreader: "), stderr
    assert PROBLEM.search(lines[0]), stderr
    assert "unexpected" not in stderr and "Traceback" not in stderr


# -- a file-size limit: every write past it fails with EFBIG ---------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("command", ["add", "note", "tag"])
def test_a_write_past_the_file_size_limit_is_refused_and_changes_nothing(tmp_path, command):
    db = tmp_path / "library.db"
    before = make_library(db)
    result = run_limited(db, commands(tmp_path)[command])
    assert_told(result.returncode, result.stderr)
    assert fingerprint(db) == before
    assert_sound(db)


# -- SQLite's page limit: SQLITE_FULL, as on a full disk -------------------------------------

@pytest.fixture
def full_library(tmp_path, monkeypatch):
    """A library whose every connection may not grow the file (max_page_count = its size)."""
    db = tmp_path / "library.db"
    before = make_library(db)
    connect = Library._connect

    def connect_full(self):
        conn = connect(self)
        conn.execute("PRAGMA max_page_count = 1")  # raised by SQLite to the pages in use
        return conn

    monkeypatch.setattr(Library, "_connect", connect_full)
    return db, before


@pytest.mark.parametrize("command", ["add", "note"])
def test_sqlite_full_is_reported_in_one_line(tmp_path, full_library, command):
    from tui.cli import cli

    db, before = full_library
    result = CliRunner().invoke(cli, ["--db", str(db), *commands(tmp_path)[command]])
    assert_told(result.exit_code, result.stderr)
    assert "is full" in result.stderr
    assert fingerprint(db) == before
    assert_sound(db)


def test_the_library_still_writes_after_a_failed_write(full_library):
    """The failed transaction is rolled back on its connection, which stays usable."""
    from tui.storage import LibraryError

    db, before = full_library
    library = Library(db)
    with pytest.raises(LibraryError, match="is full"):
        library.notes.add_note(1, BIG_NOTE)
    library.notes.add_note(1, "short")  # fits in a page already there
    assert [n.text for n in library.notes.annotations(1)] == ["short"]
    library.close()
    assert_sound(db)


# -- a small tmpfs that fills up for real: ENOSPC ---------------------------------------------

def fill(folder: Path, leave: int) -> Path:
    """Fill the file system holding `folder`, then free `leave` bytes."""
    filler = folder / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(chunk)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def test_a_full_disk_is_reported_and_changes_nothing(tmp_path, small_disk):
    db = small_disk / "library.db"
    before = make_library(db)
    filler = fill(small_disk, leave=56 * 1024)  # room to open the library, not to grow it
    binary = newsreader_binary()
    for args in commands(tmp_path).values():
        result = subprocess.run([binary, "--db", str(db), *args], capture_output=True,
                                text=True, timeout=120)
        assert_told(result.returncode, result.stderr)
    listed = subprocess.run([binary, "--db", str(db), "list"], capture_output=True, text=True)
    assert listed.returncode == 0 and "Story 2" in listed.stdout  # still readable while full
    filler.unlink()
    assert fingerprint(db) == before
    assert_sound(db)
    again = subprocess.run([binary, "--db", str(db), "add", str(big_file(tmp_path))],
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert count(db) == 4


# -- the app: a failed write is a notification, and the app goes on --------------------------

async def test_a_note_the_full_disk_refuses_is_a_notification(full_library, monkeypatch):
    from textual.widgets import TextArea

    from tests.conftest import open_reader, settle
    from tui.app import make_app
    from tui.screens.library import LibraryScreen
    from tui.screens.reader import ReaderScreen

    db, before = full_library
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    app = make_app(db)
    told: list[tuple[str, str]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, severity="information", **kw:
                            told.append((message, severity)))
        reader, _view = await open_reader(pilot)
        await pilot.press("m")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "NoteScreen")
        app.screen.query_one(TextArea).text = BIG_NOTE
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: told)
        [(message, severity)] = told
        assert severity == "error" and "is full" in message and "\n" not in message
        # The note comes back with every word typed, to try again or give up.
        await settle(pilot, lambda: app.screen.__class__.__name__ == "NoteScreen")
        assert app.screen.query_one(TextArea).text == BIG_NOTE.strip()
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen is reader)
        assert app.is_running
        await pilot.press("q")  # the app still answers
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert not isinstance(app.screen, ReaderScreen)
    assert fingerprint(db)["notes"] == before["notes"]
    assert_sound(db)
