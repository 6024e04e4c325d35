"""A library shared between Unix users: a user who cannot write it creates and changes nothing
beside it, what newsreader creates never has wider permissions than the umask allows, and a
team set up as the README says (a group, `chmod g+w`, a setgid folder) can all write it.

Permissions are real: as root, the child processes really are other users (`setpriv`); as
anyone else, the tests that need other users are skipped, and a file made unwritable stands
in for another user's library."""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from tests.conftest import SEED_TITLE, SEEDS
from tests.privileges import CLI, free_id, unprivileged_runner, user_runner
from tui.ingest import add_sources
from tui.storage import Library


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def unprivileged(tmp_path_factory):
    run = unprivileged_runner(tmp_path_factory.mktemp("probe"))
    if isinstance(run, str):
        pytest.skip(run)
    return run


def make_library(path: Path) -> bytes:
    with Library(path) as library:
        add_sources(library, [str(SEEDS)], max_bytes=10**7)
        library.notes.add_note(1, "Owner's note")
    return path.read_bytes()


def test_a_reader_who_cannot_write_the_file_creates_nothing_beside_it(unprivileged, tmp_path):
    """The folder is writable (a team folder, /tmp), the file is not: SQLite's `mode=ro`
    would create -wal and -shm there, owned by the reader."""
    folder = tmp_path / "team"
    folder.mkdir()
    path = folder / "library.db"
    before = make_library(path)
    path.chmod(0o444)
    try:
        for args in (["list"], ["search", "mexico"], ["notes", "--json"], ["show", "1"],
                     ["export", "--format", "json"], ["stats"]):
            result = unprivileged(CLI, "--db", str(path), *args)
            assert result.returncode == 0, (args, result.stderr)
            assert names(folder) == ["library.db"], args
        assert "Owner's note" in unprivileged(CLI, "--db", str(path), "notes").stdout
        listed = unprivileged(CLI, "--db", str(path), "list")
        assert SEED_TITLE in listed.stdout
        assert listed.stderr == (
            f"newsreader: library {path} is read-only (the file is not writable): reading and "
            "searching work, changes cannot be saved; it is read as it is on disk, creating "
            "nothing beside it, so changes other programs make while it is open will not be "
            "seen\n")
        refused = unprivileged(CLI, "--db", str(path), "tag", "1", "x")
        assert refused.returncode == 1 and names(folder) == ["library.db"]
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)
    with Library(path) as library:  # the owner writes on as before
        library.notes.tag_articles([1], ["still-mine"])


def test_a_reader_sees_the_owners_changes_live_through_existing_wal_files(unprivileged,
                                                                        tmp_path):
    """While the owner has the library open, its -wal and -shm exist: the reader uses them
    (read-only) and sees what is committed, still creating nothing."""
    folder = tmp_path / "team"
    folder.mkdir()
    path = folder / "library.db"
    make_library(path)
    owner = Library(path)
    try:
        owner.notes.tag_articles([1], ["live"])  # committed, in the -wal
        owner.conn.execute("SELECT 1").fetchone()
        path.chmod(0o444)
        files = names(folder)
        assert "library.db-wal" in files and "library.db-shm" in files
        result = unprivileged(CLI, "--db", str(path), "tag", "1")
        assert result.returncode == 0 and result.stdout == "1: live\n", result.stderr
        assert "will not be seen" not in result.stderr
        assert names(folder) == files
    finally:
        path.chmod(0o644)
        owner.close()


@pytest.fixture
def open_tmp():
    """A scratch folder other users can reach (pytest's own is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="newsreader-shared-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def nobody():
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("this machine has no user nobody")
    run = user_runner(entry.pw_uid, entry.pw_gid, [], "nobody")
    if isinstance(run, str):
        pytest.skip(run)
    return run, entry.pw_uid


def test_nobody_in_a_sticky_folder_leaves_the_owner_able_to_write(nobody, open_tmp):
    """The issue's case: in a sticky world-writable folder, `nobody` listing a library left
    -wal and -shm owned by nobody, after which the owner's writes failed and the owner could
    not delete them."""
    run, _ = nobody
    folder = open_tmp / "sticky"
    folder.mkdir()
    folder.chmod(0o1777)
    path = folder / "lib.db"
    make_library(path)
    for args in (["list"], ["search", "trade"], ["notes"]):
        result = run(CLI, "--db", str(path), *args)
        assert result.returncode == 0, (args, result.stderr)
    assert names(folder) == ["lib.db"]
    with Library(path) as library:
        library.notes.tag_articles([1], ["owner-still-writes"])
        assert library.notes.article_tags(1) == ["owner-still-writes"]


def test_created_files_never_have_wider_permissions_than_the_umask(tmp_path):
    """The library (and its folder), a backup, and every export, under umask 077 and 027."""
    for umask in (0o077, 0o027):
        home = tmp_path / f"umask-{umask:o}"
        home.mkdir()
        db = home / "data" / "library.db"
        code = (f"import os, sys; os.umask({umask:#o}); sys.argv[0] = 'newsreader'; "
                "from tui.cli import main; main()")
        for args in (["add", str(SEEDS)], ["tag", "1", "trade"],
                     ["backup", str(home / "copy.db")],
                     ["export", "--output", str(home / "vault")],
                     ["export", "--format", "json", "--output", str(home / "notes.json")]):
            result = subprocess.run([os.sys.executable, "-c", code, "--db", str(db), *args],
                                    capture_output=True, text=True, timeout=120,
                                    cwd=Path(__file__).resolve().parent.parent)
            assert result.returncode == 0, result.stderr
        created = [db.parent, db, home / "copy.db", home / "vault", home / "notes.json",
                   *(home / "vault").iterdir()]
        for path in created:
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode & umask == 0, f"{path} is {mode:o} under umask {umask:03o}"


@pytest.fixture
def team(open_tmp):
    """Two users, `nobody` and a made-up one, in a made-up group, and a folder set up for
    them as the README says: group-owned, group-writable, setgid."""
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("this machine has no user nobody")
    gid = free_id({g.gr_gid for g in grp.getgrall()})
    made_up = free_id({p.pw_uid for p in pwd.getpwall()}, start=43000)
    alice = user_runner(nobody.pw_uid, nobody.pw_gid, [gid], "alice")
    bob = user_runner(made_up, made_up, [gid], "bob")  # no passwd entry, no group of his own
    if isinstance(alice, str) or isinstance(bob, str):
        pytest.skip(alice if isinstance(alice, str) else bob)
    folder = open_tmp / "newsdesk"
    folder.mkdir()
    os.chown(folder, 0, gid)
    folder.chmod(0o2775)  # chgrp newsdesk; chmod g+ws
    return folder, gid, alice, bob


def test_two_users_share_one_library_set_up_as_the_readme_says(team):
    folder, gid, alice, bob = team
    path = folder / "library.db"
    stories = folder.parent / "stories"
    stories.mkdir()
    stories.chmod(0o755)
    for n in range(6):
        (stories / f"{n}.txt").write_text(f"Story {n} on the budget\n\nThe budget, part {n}.\n")

    def cli(user, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
        result = user(CLI, "--db", str(path), *args, umask=umask)
        assert result.returncode == 0, (args, result.stderr)
        assert "read-only" not in result.stderr, result.stderr
        return result

    # Alice creates the library with her usual umask, then makes it group-writable.
    cli(alice, "add", str(SEEDS))
    assert path.stat().st_gid == gid  # the setgid folder gives it the group
    done = alice(f"os.chmod({str(path)!r}, 0o664)")
    assert done.returncode == 0, done.stderr
    # Both write, in turn and at the same time, each while the other may hold it open.
    cli(bob, "note", "1", "Bob's note")
    cli(alice, "note", "1", "Alice's note")
    results = {}

    def write(user, name, *args):
        results[name] = user(CLI, "--db", str(path), *args)

    threads = [threading.Thread(target=write, args=(alice, "add", "add", str(stories))),
               threading.Thread(target=write, args=(bob, "tag", "tag", "1", "budget"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, result in results.items():
        assert result.returncode == 0, (name, result.stderr)
    cli(bob, "tag", "2,3", "shared")
    notes = json.loads(cli(alice, "notes", "--json").stdout)
    assert sorted((n["author"], n["text"]) for n in notes) == [
        ("alice", "Alice's note"), ("bob", "Bob's note")]
    assert json.loads(cli(bob, "stats", "--json").stdout)["articles"] == 7
    for leftover in folder.iterdir():  # -wal and -shm, if any are left, stay the team's
        info = leftover.stat()
        assert info.st_gid == gid and info.st_mode & stat.S_IWGRP, leftover
    with Library(path) as library:
        assert library.notes.article_tags(1) == ["budget"]


def test_wal_files_another_user_made_unwritable_make_the_library_read_only(unprivileged,
                                                                         tmp_path):
    """A team folder without its setgid bit: the -shm another user made is not ours to
    write. The library then opens read-only and says why, instead of failing every write
    with "attempt to write a readonly database"."""
    folder = tmp_path / "team"
    folder.mkdir()
    path = folder / "library.db"
    make_library(path)
    owner = Library(path)
    try:
        owner.notes.tag_articles([1], ["live"])
        shm = folder / "library.db-shm"
        shm.chmod(0o444)
        reason = "its -shm file, made by another user, is not writable"
        listed = unprivileged(CLI, "--db", str(path), "tag", "1", "--json")
        assert listed.returncode == 0, listed.stderr
        assert json.loads(listed.stdout) == [{"id": 1, "tags": ["live"]}]
        assert f"is read-only ({reason})" in listed.stderr
        refused = unprivileged(CLI, "--db", str(path), "tag", "1", "other")
        assert (refused.returncode, refused.stderr) == (
            1, f"newsreader: library {path} is read-only ({reason}); nothing was changed\n")
    finally:
        owner.close()
