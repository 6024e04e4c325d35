"""End to end in tmux: the URL as an OSC 8 link, `O` handing the terminal over, `|` piping."""

from __future__ import annotations

import subprocess
import time

import pytest

from tests.conftest import env_for
from tests.tmux import newsreader_binary

pytestmark = pytest.mark.e2e
URL = "https://example.com/story?id=7&x=1"


TMUX_SIZE = (80, 24)
"""The `tmux` fixture's terminal (conftest): what most people have over SSH."""


def start(tmux, home, config: str = "") -> None:
    (home / "config.toml").write_text(config)
    story = home / "story.md"
    story.write_text(f"---\ntitle: Linked story\nurl: {URL}\n---\n"
                     "First sentence here. Second one follows.\n\nA third in a new paragraph.\n")
    env = env_for(home)
    subprocess.run([newsreader_binary(), "add", str(story)], env={**env, "PATH": "/usr/bin:/bin"},
                   check=True, capture_output=True)
    tmux.start([newsreader_binary()], env)
    tmux.tmux("pipe-pane", "-o", f"cat >> {home / 'raw.out'}")
    tmux.wait_for("Linked story")
    tmux.keys("Enter")
    tmux.wait_for("sentence 1 of")


def test_url_is_an_osc8_link_and_pipe_shows_output(tmux, tmp_path):
    start(tmux, tmp_path)
    raw = tmp_path / "raw.out"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and b"\x1b]8;" not in raw.read_bytes():
        time.sleep(0.1)
    assert f";{URL}\x1b\\".encode() in raw.read_bytes()  # ESC ] 8 ; id=N ; URL ST
    tmux.keys("|")
    tmux.wait_for("Pipe the article")
    tmux.keys("tr a-z A-Z | grep -c SENTENCE", literal=True)
    tmux.keys("Enter")
    screen = tmux.wait_for("exit 0")
    assert "tr a-z A-Z" in screen and "\n" in screen
    assert any(line.strip(" │") == "1" for line in screen.splitlines())  # one line has it
    tmux.keys("Escape")
    tmux.wait_for("sentence 1 of")
    tmux.keys("q")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")


def test_open_hands_the_terminal_over_and_back(tmux, tmp_path):
    out = tmp_path / "opened"
    start(tmux, tmp_path, "[reader]\nopen = \"sh -c 'printf %s \\\"$1\\\" > "
          f"{out}; echo HANDED-OVER; read x' sh {{url}}\"\n")
    tmux.keys("O")
    tmux.wait_for("HANDED-OVER")  # the command has the terminal: the app is not drawn
    assert out.read_text() == URL
    tmux.keys("Enter")
    tmux.wait_for("sentence 1 of")  # and the app is back
    tmux.wait_for("Opened with sh")
    tmux.keys("q")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
