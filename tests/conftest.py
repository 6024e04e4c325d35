"""Every test runs against its own library and config, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_cfe1045a203737ce.txt"
SEED_TITLE = "US, Mexico resume high-level trade talks halted during Trump era"


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("NEWSREADER_DB", str(home / "library.db"))
    monkeypatch.setenv("NEWSREADER_CONFIG", str(home / "config.toml"))
    # TMUX and the displays go too: a copy in a test must never reach the user's clipboard.
    for name in ("NO_COLOR", "TEXTUAL_THEME", "NEWSREADER_DEBUG", "NEWSREADER_MAX_FILE_MB",
                 "SSH_CONNECTION", "SSH_TTY", "TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def library(tmp_path):
    from tui.storage import Library

    lib = Library(tmp_path / "test.db")
    yield lib
    lib.close()


def make_article(title="A title", body="Some body text.", **fields):
    from tui.models import Article

    return Article(title=title, body=body, **fields)


@pytest.fixture
def run():
    """`newsreader` through click's CliRunner: `run("add", path)` gives the result."""
    from click.testing import CliRunner

    from tui.cli import cli

    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def sshd(tmp_path_factory):
    """A private sshd on 127.0.0.1 (tests/sshd.py), for the whole run; skipped where sshd
    cannot run."""
    from tests.sshd import Sshd

    server = Sshd(tmp_path_factory.mktemp("sshd"))
    try:
        server.start()
        yield server
    finally:
        server.stop()
