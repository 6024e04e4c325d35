"""End to end: hostile articles, file names and notes through the installed `newsreader` in a
private tmux server that accepts OSC 52 (`set-clipboard on`). Nothing may set the pane title,
fill a paste buffer, clear or garble the screen; markup shows as the text it is."""

from __future__ import annotations

import shlex
import time

import pytest

from tests.conftest import env_for
from tests.samples import HOSTILE, MARKUP
from tests.tmux import Tmux, newsreader_binary

pytestmark = pytest.mark.e2e

TITLE = "newsreader-e2e-untouched"
SHOWN = {  # file -> its title as the reader shows it
    "markup.txt": "Markup [@click=app.quit]quit[/]", "osc52.txt": "Clipboard", "titles.txt": "Window title",
    "osc8.txt": "Links", "csi.txt": "Clear", "dcs.txt": "Passthrough", "c1.txt": "Eight-bit",
    "c1-raw.txt": "Raw C1", "controls.txt": "Controls", "bidi.txt": "Bidi esrever",
    "cp1252.txt": "Café title", "crlf-bom.md": "BOM title", "wide.txt": "Wide 東京 🎉",
    "huge.txt": "Huge paragraph", "lines.txt": "Many lines",
}
EVIL_NAMES = ["empty\x1b]0;pwned\x07.txt", "clip\x1b]52;c;cHduZWQ=\x07.txt",
              "clear\x1b[2J\x1bPtmux;\x1b\x1b]2;pwned\x07\x1b\\.txt"]



def untouched(tmux: Tmux) -> None:
    """The pane title is still ours and no OSC 52 reached tmux's paste buffers."""
    assert tmux.title() == TITLE
    assert tmux.tmux("list-buffers") == ""


def whole(screen: str, tmux: Tmux) -> list[str]:
    """The screen's rows, checked to be the app's whole frame (nothing cleared or shifted)."""
    rows = screen.removesuffix("\n").split("\n")
    assert len(rows) == tmux.height and all(len(row) <= tmux.width for row in rows)
    return rows


def framed(tmux: Tmux, top: str, bottom: str, timeout: float = 20.0) -> str:
    """Wait until `top` is on the first row and `bottom` on the last; return the screen."""
    deadline = time.monotonic() + timeout
    while True:
        screen = tmux.screen()
        rows = whole(screen, tmux)
        if top in rows[0] and bottom in rows[-1]:
            return screen
        if time.monotonic() > deadline:
            raise AssertionError(f"no {top!r} above {bottom!r}; the screen was:\n{screen}")
        time.sleep(0.1)


def test_hostile_articles_leave_the_terminal_alone_and_show_literally(tmux, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SHOWN:
        (folder / name).write_bytes(HOSTILE[name][0])
    for name in EVIL_NAMES:
        (folder / name).write_bytes(b"")  # skipped: `add` names them on stderr, in the pane
    nr = shlex.quote(newsreader_binary())
    note = shlex.quote(f"Note {MARKUP} \x1b]2;pwned\x07\x1b]52;c;cHduZWQ=\x07")
    # The pane waits until its title is set, so that anything overwriting it is caught.
    script = (f"tmux wait-for go; {nr} add {shlex.quote(str(folder))}; "
              f"{nr} note 1 {note} && {nr} tag 1 {shlex.quote('[@click=app.quit]t')} && {nr}")
    # COLUMNS/LINES (80x24, exported by the test run) would win over the pane's real size.
    env = {**env_for(tmp_path), "COLUMNS": str(tmux.width), "LINES": str(tmux.height)}
    tmux.start(["sh", "-c", script], env)
    tmux.tmux("select-pane", "-T", TITLE)
    tmux.tmux("wait-for", "-S", "go")

    # The footer is drawn before the list's first load arrives: wait for the status line.
    screen = tmux.wait_for(f"{len(SHOWN)} articles · newest first", timeout=60)
    assert "/ Search" in screen
    tmux.wait_for("Markup [@click=app.quit]quit[/]")  # the markup title, as text
    untouched(tmux)

    tmux.keys("g", "Enter")
    seen = set()
    for number in range(1, len(SHOWN) + 1):
        # The status on the first row, the footer on the last: the whole frame, in place.
        screen = framed(tmux, f"Article {number} of {len(SHOWN)}", "quote")
        seen |= {name for name, title in SHOWN.items() if title in screen}
        untouched(tmux)
        tmux.keys("]")
    assert seen == set(SHOWN)

    tmux.keys("q")
    tmux.wait_for("/ Search")
    tmux.keys("n")  # the notebook: the note's markup as text, its escapes gone
    screen = tmux.wait_for("✎ Note")
    assert f"✎ Note {MARKUP}" in screen and "pwned" not in screen
    tmux.keys("Escape")
    tmux.wait_for("/ Search")
    tmux.keys("C-p")
    tmux.keys("markup", literal=True)  # the palette's "open article…" (a title word)
    screen = tmux.wait_for("open: Markup")
    assert f"open: Markup {MARKUP}"[:60] in screen
    tmux.keys("Escape")
    tmux.keys("/")
    tmux.keys('NEAR( "x * ^ title: \'; DROP TABLE articles; -- ' + "((((" * 50, literal=True)
    screen = tmux.wait_for("match")  # the status line, not a crash
    whole(screen, tmux)
    untouched(tmux)
    tmux.keys("Escape")
    tmux.keys("q")
    tmux.keys("q")
    screen = tmux.wait_for("EXIT=0")
    untouched(tmux)
    # `add` spelt the hostile file names out on its way past.
    assert "empty\\x1b]0;pwned\\x07.txt: empty file" in tmux.tmux("capture-pane", "-pJ", "-S", "-")
