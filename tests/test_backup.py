"""`newsreader backup` and `Library.backup`: a consistent, checked copy, even while another
connection writes; existing files are kept unless --force; one-line errors."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import make_article
from tests.privileges import CLI, unprivileged_runner
from tui.cli import cli
from tui.search import search
from tui.storage import Library, LibraryError


def fill(library: Library, count: int, prefix: str = "Story") -> None:
    library.articles.upsert([
        make_article(f"{prefix} {i}", f"{prefix} {i} about harbour ferries. " * 120)
        for i in range(count)])


def checked(path: Path) -> int:
    """The copy passes SQLite's and FTS5's integrity checks; returns its article count."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        conn.close()


def test_backup_is_consistent_while_another_connection_writes(tmp_path, monkeypatch):
    import tui.storage.backup

    monkeypatch.setattr(tui.storage.backup, "STEP_PAGES", 8)  # many steps for a small file
    path = tmp_path / "library.db"
    library = Library(path)
    fill(library, 60)
    stop, writes = threading.Event(), []

    def writer() -> None:
        with Library(path) as other:
            while not stop.is_set():
                fill(other, 1, prefix=f"Concurrent {len(writes)}")
                writes.append(1)

    steps: list[tuple[int, int]] = []
    first: list[int] = []

    def progress(done: int, total: int) -> None:
        # Two commits by the other connection between any two steps: the copy must neither
        # restart nor mix states.
        steps.append((done, total))
        if not first:
            first.append(len(writes))
        wanted, deadline = len(writes) + 2, time.monotonic() + 10
        while len(writes) < wanted and time.monotonic() < deadline:
            time.sleep(0.001)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        size = library.backups.make(tmp_path / "copy.db", progress=progress)
    finally:
        stop.set()
        thread.join()
    assert len(steps) > 5 and steps == sorted(steps) and steps[-1][0] == steps[-1][1]
    assert len(writes) >= 2 * len(steps)
    copied = checked(tmp_path / "copy.db")
    assert size == (tmp_path / "copy.db").stat().st_size
    # A snapshot: every article from before, none of those written while it was copied.
    assert 60 <= copied <= 60 + first[0] < library.articles.count() == 60 + len(writes)
    with Library(tmp_path / "copy.db") as copy:
        assert search(copy, "harbour ferries").total == copied
    library.close()


def test_backup_refuses_to_overwrite_unless_forced(tmp_path):
    with Library(tmp_path / "library.db") as library:
        fill(library, 3)
        target = tmp_path / "copy.db"
        target.write_text("precious")
        with pytest.raises(LibraryError, match="already exists; use --force"):
            library.backups.make(target)
        assert target.read_text() == "precious"
        library.backups.make(target, overwrite=True)
        assert checked(target) == 3
        with pytest.raises(LibraryError, match="is the library itself"):
            library.backups.make(tmp_path / "library.db", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "library.db"]


def test_cli_backup_and_its_one_line_errors(tmp_path):
    db = str(tmp_path / "library.db")
    with Library(db) as library:
        fill(library, 3)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--db", db, "backup", *args], catch_exceptions=False)

    done = run(str(tmp_path / "copy.db"))
    assert done.exit_code == 0 and done.stdout.startswith(f"backed up {db} to ")
    assert checked(tmp_path / "copy.db") == 3
    for args, message in [
        ([str(tmp_path / "copy.db")], "already exists; use --force to replace it"),
        ([str(tmp_path)], "is a folder; give the backup a file name"),
        ([str(tmp_path / "no" / "such" / "copy.db")], "no folder"),
        ([str(tmp_path / "copy.db" / "x.db")], "no folder"),
    ]:
        result = run(*args)
        assert result.exit_code == 1, args
        (line,) = result.stderr.strip().splitlines()
        assert message in line, args
    assert run(str(tmp_path / "copy.db"), "--force").exit_code == 0
    missing = runner.invoke(cli, ["--db", str(tmp_path / "none.db"), "backup", "x.db"])
    assert missing.exit_code == 1 and "no library at" in missing.stderr
    assert not (tmp_path / "none.db").exists()


def test_cli_backup_into_an_unwritable_folder(tmp_path_factory, tmp_path):
    unprivileged = unprivileged_runner(tmp_path_factory.mktemp("probe"))
    if isinstance(unprivileged, str):
        pytest.skip(unprivileged)
    with Library(tmp_path / "library.db") as library:
        fill(library, 3)
    shut = tmp_path / "shut"
    shut.mkdir(mode=0o555)
    try:
        result = unprivileged(CLI, "--db", str(tmp_path / "library.db"), "backup",
                              str(shut / "copy.db"))
    finally:
        shut.chmod(0o755)
    assert result.returncode == 1 and result.stderr == (
        f"newsreader: cannot write the backup {shut / 'copy.db'}: Permission denied\n")
    assert list(shut.iterdir()) == []
