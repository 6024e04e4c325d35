"""Files written atomically, with no leftovers: exports replace the previous one whole or not
at all, never write through a planted symlink, and partial files of a killed backup are named
for what they are and removed by the next writer (issue 17)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import make_article
from tests.privileges import run_limited
from tests.samples import BIG_NOTE
from tui.storage import Library


def library_with_notes(db: Path, note: str = "The ferry figures") -> None:
    with Library(db) as library:
        library.articles.upsert([make_article("Ferry fares rise", "Fares rise by a tenth.")])
        library.notes.add_note(1, note)
        library.notes.tag_articles([1], ["ferries"])


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "in-progress" in p.name
                  or p.name.endswith(".tmp"))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_an_export_the_disk_refuses_leaves_the_previous_one_whole(tmp_path, fmt):
    db = tmp_path / "library.db"
    library_with_notes(db)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "notes.json" if fmt == "json" else out / "vault"
    first = run_limited(db, ["export", "--format", fmt, "-o", str(target)])
    assert first.returncode == 0, first.stderr
    files = [target] if fmt == "json" else sorted(target.iterdir())
    before = {p: p.read_bytes() for p in files}
    with Library(db) as library:  # a note far past the write limit (40 KB) of the next run
        library.notes.add_note(1, BIG_NOTE)
    failed = run_limited(db, ["export", "--format", fmt, "-o", str(target)])
    assert failed.returncode == 1
    assert failed.stderr.startswith("newsreader: cannot write") and "Traceback" not in failed.stderr
    assert {p: p.read_bytes() for p in files} == before
    assert leftovers(out) == [] and (fmt == "json" or leftovers(target) == [])
    if fmt == "json":
        json.loads(target.read_text())  # whole, not truncated


def test_a_json_export_on_a_full_disk_leaves_the_previous_one_whole(tmp_path, small_disk,
                                                                    run):
    db = tmp_path / "library.db"
    library_with_notes(db)
    target = small_disk / "notes.json"
    assert run("--db", str(db), "export", "--format", "json", "-o", str(target)).exit_code == 0
    before = target.read_bytes()
    with Library(db) as library:
        library.notes.add_note(1, BIG_NOTE)
    filler = fill(small_disk, leave=8 * 1024)
    result = run("--db", str(db), "export", "--format", "json", "-o", str(target))
    assert result.exit_code == 1 and "No space left" in result.output
    assert target.read_bytes() == before
    assert leftovers(small_disk) == []
    filler.unlink()


def test_export_never_writes_through_a_planted_symlink(tmp_path, run):
    db = tmp_path / "library.db"
    library_with_notes(db)
    vault = tmp_path / "vault"
    vault.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    # The names the previous export wrote through: `.<file>.tmp` beside each file...
    (vault / ".1-ferry-fares-rise.md.tmp").symlink_to(victim)
    assert run("--db", str(db), "export", "-o", str(vault)).exit_code == 0
    # ...and the target itself: replaced by the new file, never followed.
    (tmp_path / "notes.json").symlink_to(victim)
    assert run("--db", str(db), "export", "--format", "json", "-o",
               str(tmp_path / "notes.json")).exit_code == 0
    assert victim.read_text() == "precious"
    assert not (tmp_path / "notes.json").is_symlink()
    assert "The ferry figures" in (vault / "1-ferry-fares-rise.md").read_text()


def test_a_new_export_file_gets_the_usual_permissions(tmp_path, run):
    db = tmp_path / "library.db"
    library_with_notes(db)
    old = os.umask(0o022)
    try:
        assert run("--db", str(db), "export", "--format", "json", "-o",
                   str(tmp_path / "notes.json")).exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "notes.json").stat().st_mode & 0o777 == 0o644


def fill(folder: Path, leave: int) -> Path:
    """Fill the file system holding `folder` (unbuffered writes), then free `leave` bytes."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 65536)
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


SLOW_BACKUP = """
import os, sys, time, types
import tui.storage.backup as backup
backup.STEP_PAGES = 1  # one page a step, 50 ms apart: slow enough to be killed part way
# SQLite may keep a small copy in its page cache until the last step: the partial file then
# fills only at the end, so the copy also stops before it would be renamed into place.
backup.os = types.SimpleNamespace(**{**vars(os), "replace": lambda *args: time.sleep(60)})
from tui.cli import main
sys.argv = ["newsreader", "--db", sys.argv[1], "backup", sys.argv[2]]
main()
"""


def test_a_killed_backup_leaves_a_named_partial_that_the_next_backup_removes(tmp_path, run):
    db = tmp_path / "library.db"
    with Library(db) as library:
        library.articles.upsert([make_article(f"Story {i}", f"Ferry story {i}. " * 300)
                                 for i in range(60)])
    folder = tmp_path / "backups"
    folder.mkdir()
    child = subprocess.Popen([sys.executable, "-c", SLOW_BACKUP, str(db),
                              str(folder / "news.db")], cwd=Path(__file__).parent.parent)
    deadline = time.monotonic() + 30
    while not any(p.stat().st_size for p in folder.iterdir()):  # the copy has begun
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    # SQLite's side files (-journal, or -wal and -shm while the copy is in WAL mode at its
    # last step) may be left beside the partial too; the next backup removes them as well.
    [partial] = [p.name for p in folder.iterdir()
                 if not p.name.endswith(("-journal", "-wal", "-shm"))]
    assert partial.startswith(".news.db.newsreader-backup-in-progress-")
    assert str(child.pid) in partial
    assert not (folder / "news.db").exists()
    result = run("--db", str(db), "backup", str(folder / "other.db"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["other.db"]


def test_stale_partials_of_live_processes_or_other_hosts_are_kept(tmp_path, run):
    from tui import atomic

    host = atomic._host()
    ours_alive = tmp_path / f".a.db.newsreader-backup-in-progress-{host}-{os.getpid()}-abcdefgh"
    elsewhere = tmp_path / ".b.db.newsreader-backup-in-progress-otherhost-1-abcdefgh"
    dead = tmp_path / f".c.md.newsreader-export-in-progress-{host}-999999999-abcdefgh"
    unrelated = tmp_path / ".c.md.tmp"
    for path in (ours_alive, elsewhere, dead, unrelated):
        path.write_text("x")
    db = tmp_path / "library.db"
    library_with_notes(db)
    assert run("--db", str(db), "export", "-o", str(tmp_path)).exit_code == 0
    assert not dead.exists()  # any command writing to the folder removes stale ones
    assert all(p.exists() for p in (ours_alive, elsewhere, unrelated))
