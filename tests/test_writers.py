"""Waiting for another writer: visible after a second, patient while the other one makes
progress, and one clear line when it is really stuck; `add` never reports "added 0" before it
fails."""

from __future__ import annotations

import os
import pty
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS, loaded, settle, until
from tests.privileges import CLI, ROOT
from tui.app import make_app
from tui.cli import cli
from tui.ingest import add_sources
from tui.screens.readonly import WAITING
from tui.storage import Library, LibraryError
from tui.storage import library as library_module


@pytest.fixture
def seeded(tmp_path) -> Path:
    path = tmp_path / "library.db"
    with Library(path) as library:
        add_sources(library, [str(SEEDS)], max_bytes=10**7)
    return path


class Holder:
    """Another writer, in its own connection: holds the write lock, commits, or hogs it."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    def hold(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("UPDATE meta SET value = value WHERE key = 'generation'")

    def release(self) -> None:
        self.conn.execute("COMMIT")

    def hog(self, seconds: float, turn: float = 0.2) -> threading.Thread:
        """Commit a small change every `turn` seconds, taking the lock straight back, for
        `seconds` (what another `add` does batch after batch)."""
        def run() -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                self.hold()
                time.sleep(turn)
                self.conn.execute("INSERT INTO meta (key, value) VALUES ('hog', '1') "
                                  "ON CONFLICT (key) DO UPDATE SET value = value + 1")
                self.release()

        thread = threading.Thread(target=run)
        thread.start()
        return thread


def test_a_writer_that_keeps_committing_never_makes_us_give_up(seeded, monkeypatch):
    """Four adds take turns for minutes: a writer that loses every turn for longer than the
    busy timeout used to fail with "database is locked" though nothing was stuck."""
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 1.5)
    holder = Holder(seeded)
    hogging = holder.hog(4.0)
    time.sleep(0.1)
    started = time.monotonic()
    with Library(seeded) as library:
        library.notes.tag_articles([1], ["patient"])  # waits out the hog: over 3 s, under no lock
        assert library.notes.article_tags(1) == ["patient"]
    assert time.monotonic() - started > 1.5
    hogging.join()


def test_a_writer_stuck_without_committing_is_reported_in_one_line(seeded, monkeypatch,
                                                                   tmp_path):
    monkeypatch.setattr(library_module, "BUSY_TIMEOUT_S", 1.0)
    story = tmp_path / "story.txt"
    story.write_text("A new story\n\nWith its body.\n")
    holder = Holder(seeded)
    holder.hold()
    try:
        with Library(seeded) as library:
            with pytest.raises(LibraryError, match=r"is busy: another program has held its "
                               r"write lock for 1 s without finishing; nothing was changed"):
                library.notes.tag_articles([1], ["impatient"])
        result = CliRunner().invoke(cli, ["--db", str(seeded), "add", str(story)])
        assert result.exit_code == 1
        assert "added 0" not in result.stdout  # never a count just before the failure
        assert result.stderr.count("\n") == 1 and "is busy" in result.stderr
    finally:
        holder.release()


def test_waiting_is_said_on_a_terminal_after_a_second(seeded):
    holder = Holder(seeded)
    holder.hold()
    threading.Timer(3.0, holder.release).start()
    primary, secondary = pty.openpty()
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-c", CLI, "--db", str(seeded), "tag", "1", "x"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=secondary)
    os.close(secondary)
    said, when = b"", None
    while b"\n" not in said:
        said += os.read(primary, 1024)
        when = time.monotonic() - started
    assert process.wait(timeout=30) == 0
    os.close(primary)
    assert process.stdout.read() == b"1: x\n"
    assert said.decode().strip() == (f"newsreader: waiting for another newsreader to finish "
                                     f"writing to {seeded}…")
    assert 1.0 <= when < 2.9  # after a second of waiting, well before the holder is done


def test_waiting_is_not_said_when_stderr_is_not_a_terminal(seeded):
    holder = Holder(seeded)
    holder.hold()
    threading.Timer(1.5, holder.release).start()
    result = subprocess.run([sys.executable, "-c", CLI, "--db", str(seeded), "tag", "1", "x"],
                            cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1: x\n", "")


async def test_the_app_says_so_in_its_status_line(seeded):
    holder = Holder(seeded)
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, loaded(app))
        holder.hold()
        await pilot.press("s")  # star: its worker waits for the holder
        status = app.screen.query_one("#library-status")
        # The star's worker waits for the holder: wait for the status line only.
        await until(pilot, lambda: WAITING in str(status.content))
        assert app.writer_waiting
        holder.release()
        await settle(pilot, lambda: WAITING not in str(status.content), timeout=5)
        await settle(pilot, lambda: app.library.articles.get(1).starred, timeout=5)
    app.library.close()
