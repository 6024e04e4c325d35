"""A library file that is not SQLite, or is damaged: one line and exit 1 from every command
and from the app's launch, never a traceback, and the file is never written."""

from __future__ import annotations

import random
import sqlite3

import pytest
from click.testing import CliRunner

from tests.conftest import settle
from tests.library_checks import COMMANDS, PAGE, healthy
from tui.cli import cli
from tui.storage import Library, LibraryError


def damage(kind: str, data: bytes) -> bytes:
    noise = random.Random(kind).randbytes
    if kind == "not sqlite":
        return b"this is my shopping list, not sqlite\n" * 500
    if kind == "truncated":
        return data[:len(data) // 2]
    if kind == "random bytes over page 2":
        return data[:PAGE] + noise(PAGE) + data[2 * PAGE:]
    if kind == "valid header, garbage after":
        return data[:100] + noise(len(data) - 100)
    if kind == "empty pages at the end":
        return data[:len(data) // 2] + bytes(len(data) - len(data) // 2)
    raise ValueError(kind)



@pytest.mark.parametrize("kind", ["not sqlite", "truncated", "random bytes over page 2",
                                  "valid header, garbage after", "empty pages at the end"])
def test_damaged_library_is_refused_by_every_command_and_never_written(
        tmp_path, monkeypatch, launches, kind):
    folder = tmp_path / "lib"
    folder.mkdir()
    path = folder / "library.db"
    path.write_bytes(damage(kind, healthy(tmp_path / "healthy.db")))
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a newsreader library"):
        Library(path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args in COMMANDS:
        result = runner.invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
        assert result.exit_code == 1, (args, result.output)
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"newsreader: {path} is not a newsreader library"), args
        assert "Traceback" not in result.output
    assert not launches
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["library.db"]
    assert not (tmp_path / "copy.db").exists()


@pytest.fixture
def deep(tmp_path):
    """A library whose damage opening cannot see: the last leaf page of its articles."""
    path = tmp_path / "deep.db"
    data = healthy(path)
    conn = sqlite3.connect(path)
    try:
        leaf = conn.execute("SELECT max(pageno) FROM dbstat WHERE name = 'articles' "
                            "AND pagetype = 'leaf'").fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find a page of the articles")
    finally:
        conn.close()
    path.write_bytes(data[:(leaf - 1) * PAGE] + random.Random(3).randbytes(PAGE)
                     + data[leaf * PAGE:])
    return path


def test_damage_seen_only_at_a_later_query_is_one_line(deep):
    before = deep.read_bytes()
    Library(deep).close()  # opens: the first page of every table is fine
    runner = CliRunner()
    for args in (["list"], ["search", "mexico"]):
        result = runner.invoke(cli, ["--db", str(deep), *args], catch_exceptions=False)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.strip().splitlines() == [
            f"newsreader: {deep} is not a newsreader library (not a SQLite database, or "
            "damaged: database disk image is malformed); it was left as it is"]
    assert runner.invoke(cli, ["--db", str(deep), "show", "1"]).exit_code == 0
    assert deep.read_bytes() == before


async def test_app_reports_late_damage_without_crashing(deep, monkeypatch):
    from tui.app import make_app
    from tui.screens.library import LibraryScreen

    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    messages = []
    app = make_app(deep)
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: messages.append(str(message)))
        await settle(pilot, lambda: any("malformed" in m for m in messages))
        assert any("malformed" in m for m in messages)
        assert isinstance(app.screen, LibraryScreen)
    app.library.close()
