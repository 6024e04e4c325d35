"""Every test runs against its own library and config, never the user's; and the fixtures and
helpers that more than one test module uses live here (test modules never import each other).

- Fixtures: `isolated` (autouse: HOME, config, library), `library`, `seeded` (the seed
  article, the library screen's poller off), `run` (the CLI through CliRunner), `server` (a
  local HTTP server), `sshd` (a private sshd), `small_disk` (a 16 MB tmpfs),
  `stub_library_screen`.
- Pilot helpers: `settle` and `until` (both raise when what they wait for never comes),
  `library_shown`, `open_reader`, `push_reader`, `parts`, `lines`.
- `env_for(home)`: the environment that points a `newsreader` process at `home`.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_cfe1045a203737ce.txt"
SEED_TITLE = "US, Mexico resume high-level trade talks halted during Trump era"
SETTLE_S = 10.0
"""How long `settle` and `until` wait by default: far more than anything takes here, even on a
busy machine (a test that waits this long has failed, and says what it waited for)."""


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


@pytest.fixture
def seeded(library, monkeypatch):
    """The `library` holding the seed article, with the library screen's poller off (so
    `settle` can wait for every worker)."""
    from tui.ingest import add_sources
    from tui.screens.library import LibraryScreen

    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    add_sources(library, [str(SEEDS)], max_bytes=10**7)
    return library


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


@pytest.fixture
def server():
    """A local HTTP server (tests/httpd.py) serving pages, feeds, redirects and errors: its
    base URL."""
    from tests.httpd import Handler, QuietServer

    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.feed_downloads = 0
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs that fills up for real (ENOSPC); skipped where it cannot be mounted."""
    import shutil
    import subprocess

    if not shutil.which("mount"):
        pytest.skip("no mount command here")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs",
                              str(mount_point)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


# -- Pilot ----------------------------------------------------------------------------------

async def settle(pilot, until=None, timeout: float = SETTLE_S) -> None:
    """Wait until the app's workers (but the library's poller) are done and `until()` holds.

    Raises:
        AssertionError: after `timeout` seconds, naming what was still running.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        busy = [w for w in pilot.app.workers if w.group != "poll" and w.is_running]
        if not busy and (until is None or until()):
            break
        if loop.time() >= deadline:
            waiting = [f"workers {', '.join(sorted({w.group for w in busy}))}"] if busy else []
            if until is not None and not until():
                waiting.append("a condition")
            raise AssertionError(f"settle: still waiting after {timeout} s for "
                                 f"{' and '.join(waiting)}")
        await asyncio.sleep(0.01)
    await pilot.pause()


async def until(pilot, predicate, timeout: float = SETTLE_S) -> None:
    """Wait until `predicate()` holds, workers or not. Raises AssertionError on timeout."""
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out waiting for the app")


def loaded(app):
    """A condition for `settle`: the library screen is up and shows its list."""
    from tui.screens.library import LibraryScreen

    return lambda: isinstance(app.screen, LibraryScreen) and app.screen.shown is not None


async def library_shown(pilot) -> None:
    """Wait until the library screen shows its list."""
    await settle(pilot, loaded(pilot.app))


async def open_reader(pilot):
    """From the library screen, open the highlighted article: (the reader, its view)."""
    from tui.screens.reader import ReaderScreen
    from tui.widgets.article_view import ArticleView

    app = pilot.app
    await library_shown(pilot)
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                 and app.screen.article is not None)
    return app.screen, app.screen.query_one(ArticleView)


async def push_reader(app, pilot, ids, index=0, terms=(), results=None):
    """Open the reader on `ids` at `index` directly (no library screen): the reader."""
    from tui.screens.reader import ReaderScreen

    screen = ReaderScreen(app.library, ids, index, list(terms))
    app.push_screen(screen, results.append if results is not None else None)
    await until(pilot, lambda: screen.article is not None and screen.article.id == ids[index])
    await pilot.pause()
    return screen


@pytest.fixture
def stub_library_screen(monkeypatch):
    """The app opens on a plain screen instead of the library (for reader tests that push
    the reader themselves)."""
    from textual.screen import Screen
    from textual.widgets import Static

    import tui.screens.library as module

    class StubLibraryScreen(Screen):
        """Stands in for the library screen, which these tests do not exercise."""

        def __init__(self, library) -> None:
            super().__init__()

        def compose(self):
            yield Static("library")

    monkeypatch.setattr(module, "LibraryScreen", StubLibraryScreen)


async def to_sentence(pilot, view, text: str) -> None:
    """Move the reader's cursor down to the sentence starting with `text`."""
    for _ in range(len(view.sentences)):
        if view.current_sentence_text.startswith(text):
            return
        await pilot.press("j")
    raise AssertionError(f"no sentence starts with {text!r}")


def parts(app):
    """The library screen, its list and its status line's text."""
    from tui.screens.library import LibraryScreen
    from tui.widgets.article_list import ArticleList

    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    status = str(screen.query_one("#library-status").content)
    return screen, screen.query_one(ArticleList), status


def lines(article_list, count: int) -> list[str]:
    """The first `count` rows of the article list as drawn."""
    return [article_list.render_line(y).text for y in range(count)]


# -- processes ------------------------------------------------------------------------------

def env_for(home) -> dict[str, str]:
    """The environment of a `newsreader` process whose library, config and data are `home`'s."""
    return {
        "HOME": str(home), "NEWSREADER_DB": str(home / "library.db"),
        "NEWSREADER_CONFIG": str(home / "config.toml"), "TERM": "xterm-256color",
        "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
    }


@pytest.fixture
def launches(monkeypatch):
    """The app's launches by plain `newsreader` (the CLI imports `run_app` only when it opens
    the reader), recorded instead of run: a refused library stops before Textual starts."""
    import tui.app

    calls = []
    monkeypatch.setattr(tui.app, "run_app", lambda *args: calls.append(args) or 0)
    # As from a terminal: without one, plain `newsreader` stops before the library.
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)
    return calls


@pytest.fixture
def tmux(request):
    """A private tmux server for the e2e tests, killed after the test: 100x30, or the
    `TMUX_SIZE = (width, height)` of the test's module."""
    from tests.tmux import Tmux

    width, height = getattr(request.module, "TMUX_SIZE", (100, 30))
    session = Tmux(width=width, height=height)
    yield session
    session.kill()
