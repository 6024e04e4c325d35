"""No terminal, or a terminal that goes away: one line at start, or save and exit (issue 16)."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import signal
import struct
import subprocess
import termios
import threading
import time

import pytest

from tests.conftest import open_reader, settle
from tests.tmux import newsreader_binary
from tui.app import make_app
from tui.screens.notes_dialogs import NoteScreen
from tui.terminal import TerminalLost

NEEDS_TERMINAL = ("newsreader: the reader needs a terminal; over SSH use ssh -t HOST "
                  "newsreader\n")


def test_without_any_terminal_it_says_so_in_one_line_and_exits_1(isolated):
    done = subprocess.run([newsreader_binary()], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=20)
    assert (done.returncode, done.stdout, done.stderr.decode()) == (1, b"", NEEDS_TERMINAL)
    # Nothing heavy happened first: no library was created.
    assert not (isolated / "library.db").exists()


@pytest.mark.parametrize("pipe", ["stdin", "stdout"])
def test_a_terminal_on_one_side_only_is_not_enough(isolated, pipe):
    main, side = pty.openpty()
    try:
        streams = {"stdin": side, "stdout": side, "stderr": side}
        streams[pipe] = subprocess.PIPE if pipe == "stdout" else subprocess.DEVNULL
        done = subprocess.run([newsreader_binary()], timeout=20, **streams)
        os.close(side)
        side = -1
        printed = b""
        while True:  # what reached the terminal
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            printed += chunk
    finally:
        os.close(main)
        if side >= 0:
            os.close(side)
    assert done.returncode == 1
    assert printed.replace(b"\r\n", b"\n").decode() == NEEDS_TERMINAL
    assert b"\x1b" not in printed
    assert not (isolated / "library.db").exists()


# -- the app, told that its terminal went away ----------------------------------------------

async def lose_terminal(pilot) -> int:
    """Post what the driver posts when the terminal goes; wait (bounded) for the app to end."""
    app = pilot.app
    app.post_message(TerminalLost("hangup"))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while app.is_running and loop.time() < deadline:
        await asyncio.sleep(0.01)
    assert not app.is_running, "the app did not end when its terminal went away"
    return app.return_code


async def test_a_note_being_typed_is_saved_when_the_terminal_goes(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, _view = await open_reader(pilot)
        await pilot.press("m", *"Half a thought")
        assert isinstance(app.screen, NoteScreen)
        assert await lose_terminal(pilot) == 1
    [note] = seeded.notes.annotations(reader.article.id)
    assert (note.kind, note.text) == ("note", "Half a thought")


async def test_an_edited_note_is_kept_beside_the_old_one_never_over_it(seeded):
    article_id = seeded.articles.list_rows(1, "newest")[0].id
    seeded.notes.add_note(article_id, "The first version")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot)
        await settle(pilot, lambda: app.screen.annotations)
        await pilot.press("m", "end", *" (chec")  # half way through an edit
        assert await lose_terminal(pilot) == 1
    assert sorted(a.text for a in seeded.notes.annotations(article_id)) == \
        ["The first version", "The first version (chec"]


async def test_a_highlight_being_noted_is_saved_when_the_terminal_goes(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_reader(pilot)
        await pilot.press("a", *"why it matters")
        assert await lose_terminal(pilot) == 1
    [highlight] = seeded.notes.annotations(reader.article.id)
    assert (highlight.kind, highlight.text) == ("highlight", "why it matters")
    assert (highlight.start, highlight.end) == (view.sentences[0].start, view.sentences[0].end)


async def test_with_nothing_typed_the_app_just_ends(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, _view = await open_reader(pilot)
        await pilot.press("m")  # opened, nothing typed
        assert await lose_terminal(pilot) == 1
    assert seeded.notes.annotations(reader.article.id) == []


# -- the installed newsreader, on a terminal that goes away ---------------------------------

class PtyApp:
    """`newsreader` on a pseudo-terminal of its own (80x24) that the test can close.

    The child starts a new session without making the pty its controlling terminal, so closing
    the pty sends no SIGHUP: the app sees only end of input, or EIO, on its terminal."""

    def __init__(self):
        self.main, side = pty.openpty()
        fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        self.proc = subprocess.Popen([newsreader_binary()], stdin=side, stdout=side,
                                     stderr=side, env={**env, "TERM": "xterm-256color"},
                                     start_new_session=True)
        os.close(side)
        self.output = bytearray()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.main, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never reached the terminal"
            time.sleep(0.05)

    def keys(self, text: str) -> None:
        os.write(self.main, text.encode())
        time.sleep(0.2)

    def close_terminal(self) -> float:
        """Close the terminal; return how long the app took to end (at most 3 s: else it is
        killed and the test fails)."""
        started = time.monotonic()
        os.close(self.main)
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            cpu = subprocess.run(["ps", "-o", "pcpu=", "-p", str(self.proc.pid)],
                                 capture_output=True, text=True).stdout.strip()
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"newsreader still ran 3 s after its terminal closed "
                                 f"({cpu}% CPU)") from None
        return time.monotonic() - started


@pytest.mark.e2e
def test_closing_its_terminal_saves_the_note_being_typed_and_ends_the_app(isolated):
    app = PtyApp()
    app.wait_for("1 article")
    app.keys("\r")  # open the article
    app.wait_for("sentence 1 of")
    app.keys("m")
    app.wait_for("Note on this article")
    app.keys("Typed when the line dropped")
    app.close_terminal()
    assert app.proc.returncode == 1
    from tui.storage import Library

    with Library(isolated / "library.db") as library:
        notes = [a.text for a in library.notes.annotations(1)]
    assert notes == ["Typed when the line dropped"]


@pytest.mark.e2e
def test_a_hangup_saves_the_note_being_typed_and_ends_the_app(isolated):
    """SIGHUP (a terminal window closed, a tmux pane killed) is the same: saved, then gone."""
    app = PtyApp()
    app.wait_for("1 article")
    app.keys("\r")
    app.wait_for("sentence 1 of")
    app.keys("m")
    app.wait_for("Note on this article")
    app.keys("Typed before the hangup")
    time.sleep(0.3)
    app.proc.send_signal(signal.SIGHUP)
    app.proc.wait(timeout=3)
    assert app.proc.returncode == 1
    os.close(app.main)
    from tui.storage import Library

    with Library(isolated / "library.db") as library:
        assert [a.text for a in library.notes.annotations(1)] == ["Typed before the hangup"]
