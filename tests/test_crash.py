"""`newsreader add` killed with SIGKILL half way: the library stays whole, no article is half
stored, nothing keeps running, and the same `add` run again finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.library_checks import assert_sound, count, query
from tests.tmux import newsreader_binary

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to find processes")

FILES = 3000
WORD = "marmalade"
"""In every body, beside a name: each article must be in the index and have a mention."""


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "incoming"
    for group in range(30):
        sub = folder / f"part{group:02d}"
        sub.mkdir(parents=True)
        for i in range(group * 100, group * 100 + 100):
            (sub / f"story{i:05d}.txt").write_text(
                f"Story {i} from Mexico City\n\n"
                f"President Andres Manuel Lopez Obrador spoke about {WORD} and trade "
                f"with Canada in Ottawa, report number{i} said.\n\n"
                f"Reuters counted {i} tonnes of {WORD} crossing the border.\n")
    return folder


def start_add(db: Path, folder: Path) -> subprocess.Popen:
    # Its own session: the process group can be killed whole, and found again in /proc.
    return subprocess.Popen([newsreader_binary(), "--db", str(db), "add", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def wait_for_commits(db: Path, proc: subprocess.Popen) -> int:
    """Poll the library until some articles are committed; the add must still be running."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the add ended before it could be killed half way"
        try:
            committed = count(db) if db.exists() else 0
        except sqlite3.OperationalError:
            committed = 0  # the schema is still being made
        if committed:
            return committed
        time.sleep(0.005)
    pytest.fail("no article was committed in time")


def group_members(pgid: int) -> set[int]:
    """Live processes (zombies excluded) of a process group, from /proc."""
    members = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended meanwhile
        state, _ppid, group = stat.rpartition(")")[2].split()[:3]
        if int(group) == pgid and state not in ("Z", "X"):
            members.add(int(entry.name))
    return members


def kill_half_way(db: Path, folder: Path, target: str) -> subprocess.Popen:
    proc = start_add(db, folder)
    wait_for_commits(db, proc)
    if target == "group":
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return proc


@pytest.mark.parametrize("target", ["process", "group"])
def test_killed_add_leaves_a_whole_library_and_a_rerun_finishes(tmp_path, folder, target):
    db = tmp_path / "library.db"
    kill_half_way(db, folder, target)
    stored = count(db)
    assert 0 < stored < FILES
    assert_sound(db, WORD)

    rerun = subprocess.run([newsreader_binary(), "--db", str(db), "add", str(folder)],
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"added {FILES - stored}, updated 0, unchanged {stored}" in rerun.stdout
    assert count(db) == FILES
    assert query(db, "SELECT count(DISTINCT path), count(DISTINCT uid) FROM articles") == [
        (FILES, FILES)]
    assert_sound(db, WORD)


def test_killing_the_main_process_leaves_nothing_running(tmp_path, folder):
    db = tmp_path / "library.db"
    proc = kill_half_way(db, folder, "process")
    # Workers (parallel ingest) stay in the group of the add: once it is killed, none may
    # keep running, or keep the library's write lock.
    deadline = time.monotonic() + 10
    while (left := group_members(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"processes of the killed add still run: {sorted(left)}"
    assert_sound(db, WORD)
