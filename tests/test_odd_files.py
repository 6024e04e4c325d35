"""Damage SQLite reports in words of its own, and library paths that are no regular file: the
same one line as any damaged or wrong library, never SQLite's raw words or a wrong cause."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.library_checks import COMMANDS, PAGE, healthy
from tui.cli import cli
from tui.storage import Library, LibraryError, explain

DAMAGED = "is not a newsreader library (not a SQLite database, or damaged: "



@pytest.mark.parametrize("pages", [1, 2, 3, 5, 8])
def test_zeroed_tail_pages_give_the_one_line_from_every_command(tmp_path, monkeypatch,
                                                                launches, pages):
    """The full-text index's last pages zeroed: "vtable constructor failed: articles_fts"."""
    data = healthy(tmp_path / "healthy.db")
    path = tmp_path / "library.db"
    path.write_bytes(data[:len(data) - pages * PAGE] + bytes(pages * PAGE))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    refused = 0
    for args in COMMANDS:
        result = runner.invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
        assert "Traceback" not in result.output, args
        if result.exit_code != 0:
            refused += 1
            assert result.exit_code == 1, (args, result.output)
            (line,) = result.stderr.strip().splitlines()
            assert line.startswith(f"newsreader: {path} {DAMAGED}"), (args, line)
    assert refused  # the damage is real: some command reached it


def test_explain_knows_damage_by_its_code_not_its_words(tmp_path):
    error = sqlite3.DatabaseError("vtable constructor failed: articles_fts")
    error.sqlite_errorcode = sqlite3.SQLITE_CORRUPT
    assert DAMAGED in explain(tmp_path / "x.db", error)
    error.sqlite_errorcode = 267  # SQLITE_CORRUPT_VTAB
    assert DAMAGED in explain(tmp_path / "x.db", error)


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "library.db"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_a_fifo_or_a_device_is_refused_as_not_a_regular_file(tmp_path, launches, make,
                                                             request):
    path = request.getfixturevalue("fifo") if make == "fifo" else Path("/dev/null")
    kind = "a fifo" if make == "fifo" else "a character device"
    message = (f"newsreader: library {path} is not a regular file ({kind}); give the path of "
               "a library file\n")
    runner = CliRunner()
    for args in (["list"], ["add", str(tmp_path)], []):
        result = runner.invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
        assert (result.exit_code, result.stderr) == (1, message), args
    assert not launches
    with pytest.raises(LibraryError, match="is not a regular file"):
        Library(path)
