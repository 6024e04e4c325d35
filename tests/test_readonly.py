"""A library that cannot be written (file chmod 444, or its folder not writable) opens
read-only: reading and searching work, every change is refused in one line. The permissions
are real, even as root (see tests/privileges.py)."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.conftest import SEED_TITLE, SEEDS, settle
from tests.privileges import CLI, unprivileged_runner
from tui.ingest import add_sources
from tui.storage import Library, LibraryError

APP = ("import asyncio, json, sys, tui.storage; from tests.test_readonly import exercise; "
       "print(json.dumps(asyncio.run(exercise(sys.argv[1]))))")


@pytest.fixture(scope="module")
def unprivileged(tmp_path_factory):
    """Run `python -c CODE ARGS...` where file permissions apply."""
    run = unprivileged_runner(tmp_path_factory.mktemp("probe"))
    if isinstance(run, str):
        pytest.skip(run)
    return run


@pytest.fixture(params=["file", "folder"])
def locked(request, tmp_path):
    """A library with an article, a tag and a note, then made unwritable one way or the
    other; yields (path, reason); permissions are restored afterwards."""
    folder = tmp_path / "shelf"
    path = folder / "library.db"
    with Library(path) as library:
        add_sources(library, [str(SEEDS)], max_bytes=10**7)
        library.notes.tag_articles([1], ["trade"])
        library.notes.add_note(1, "Compare with the 2013 talks")
    locked_thing = path if request.param == "file" else folder
    locked_thing.chmod(0o444 if request.param == "file" else 0o555)
    yield path, ("the file is not writable" if request.param == "file"
                 else "its folder is not writable")
    locked_thing.chmod(0o644 if request.param == "file" else 0o755)


def test_reading_works_and_every_change_is_refused_in_one_line(unprivileged, locked,
                                                               tmp_path):
    path, reason = locked
    before, files = path.read_bytes(), sorted(p.name for p in path.parent.iterdir())
    notice = f"newsreader: library {path} is read-only ({reason}): reading and searching work"

    def cli(*args: str) -> subprocess.CompletedProcess:
        return unprivileged(CLI, "--db", str(path), *args)

    listed = cli("list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [row["title"] for row in json.loads(listed.stdout)] == [SEED_TITLE]
    assert listed.stderr.count("\n") == 1 and listed.stderr.startswith(notice)
    for args, expected in [(["show", "1"], "Blinken"), (["search", "mexico"], SEED_TITLE),
                           (["search", "tag:trade"], SEED_TITLE), (["notes"], "2013 talks"),
                           (["stats"], "articles: 1")]:
        result = cli(*args)
        assert result.returncode == 0 and expected in result.stdout, (args, result.stderr)
    refusal = f"newsreader: library {path} is read-only ({reason}); nothing was changed\n"
    for args in (["add", str(SEEDS)], ["tag", "1", "economy"],
                 ["tag", "1", "trade", "--remove"], ["note", "1", "more"], ["searches", "--delete", "x"],
                 ["feeds", "add", "https://example.invalid/feed"], ["update"]):
        result = cli(*args)
        assert (result.returncode, result.stderr) == (1, refusal), args
    backup = cli("backup", str(tmp_path / "copy.db"))  # a read-only library can be backed up
    assert backup.returncode == 0, backup.stderr
    assert path.read_bytes() == before
    if reason.startswith("its folder"):
        assert sorted(p.name for p in path.parent.iterdir()) == files  # no -wal, no -shm
        assert "changes other programs make while it is open will not be seen" in listed.stderr
    with Library(tmp_path / "copy.db") as copy:
        assert copy.articles.count() == 1 and copy.notes.article_tags(1) == ["trade"]


def test_an_unwritable_folder_still_shows_changes_waiting_in_the_wal(unprivileged, tmp_path):
    """With -wal and -shm present, `mode=ro` reads them; `immutable=1` would miss the rows."""
    folder = tmp_path / "shelf"
    writer = Library(folder / "library.db")
    try:
        add_sources(writer, [str(SEEDS)], max_bytes=10**7)
        assert (folder / "library.db-wal").stat().st_size > 0
        folder.chmod(0o555)
        result = unprivileged(CLI, "--db", str(folder / "library.db"), "list")
        assert result.returncode == 0 and SEED_TITLE in result.stdout, result.stderr
        assert "its folder is not writable" in result.stderr
        assert "will not be seen" not in result.stderr
    finally:
        folder.chmod(0o755)
        writer.close()


def test_the_app_reads_and_refuses_changes_with_a_notice(unprivileged, locked):
    path, reason = locked
    before = path.read_bytes()
    result = unprivileged(APP, str(path))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    seen = json.loads(result.stdout)
    assert seen["title"] == "newsreader (read-only)"
    assert seen["screen"] == "ReaderScreen" and seen["read"] is False
    notice, *refusals = seen["messages"]
    assert notice.startswith(f"library {path} is read-only ({reason}): reading and searching")
    assert refusals == [f"library {path} is read-only ({reason}); nothing was changed"] * 9
    assert path.read_bytes() == before


async def test_the_app_on_a_library_opened_read_only(tmp_path):
    """The same in this process, for machines where permissions cannot be made to apply."""
    with Library(tmp_path / "library.db") as library:
        add_sources(library, [str(SEEDS)], max_bytes=10**7)
    seen = await exercise(Library(tmp_path / "library.db", readonly=True))
    assert seen["messages"] == [f"library {tmp_path / 'library.db'} is read-only (opened "
                                "read-only); nothing was changed"] * 9
    assert seen["read"] is False and seen["title"] == "newsreader (read-only)"


def test_opened_read_only_refuses_writes_and_upgrades(tmp_path):
    from tests.library_checks import load, raw

    path = tmp_path / "library.db"
    Library(path).close()
    with Library(path, readonly=True) as library:
        assert library.readonly and library.notice == ""
        with pytest.raises(LibraryError, match="read-only .*nothing was changed"):
            library.articles.set_flag(1, "read", True)
    old = load("schema2.sql", tmp_path / "old.db")
    before = raw(old)
    with pytest.raises(LibraryError, match=r"needs an upgrade \(schema 2 to .*read-only"):
        Library(old, readonly=True)
    assert raw(old) == before
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not sqlite" * 1000)
    with pytest.raises(LibraryError, match="not a newsreader library"):
        Library(bad, readonly=True)


async def exercise(source) -> dict:
    """Open the app, press every key that would change the library (s, r, t, a in the list;
    s, r, a, m, t in the reader) and return what it said."""
    from tui.app import NewsReader, make_app
    from tui.screens.library import LibraryScreen
    from tui.screens.reader import ReaderScreen

    messages: list[str] = []
    notify, poll = NewsReader.notify, LibraryScreen.POLL_SECONDS

    def record(self, message, **kwargs):
        messages.append(str(message))
        return notify(self, message, **kwargs)

    NewsReader.notify, LibraryScreen.POLL_SECONDS = record, 0
    try:
        app = make_app(source)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                         and app.screen.shown is not None)
            for key in "srta":
                await pilot.press(key)
                await settle(pilot)
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                         and app.screen.article is not None)
            for key in "sramt":
                await pilot.press(key)
                await settle(pilot)
            seen = {"title": app.title, "screen": type(app.screen).__name__,
                    "read": app.library.articles.get(1).read, "messages": messages}
        app.library.close()
    finally:
        NewsReader.notify, LibraryScreen.POLL_SECONDS = notify, poll
    return seen
