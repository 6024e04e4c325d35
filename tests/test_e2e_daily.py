"""End to end at 80x24 in 256 colours, as over SSH (issue 16): a search typed in one burst,
e from the cursor, tab in the tags dialog."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import env_for
from tests.tmux import newsreader_binary

pytestmark = pytest.mark.e2e


TMUX_SIZE = (80, 24)
"""The `tmux` fixture's terminal (conftest): what most people have over SSH."""


@pytest.fixture
def home(tmp_path):
    """A library of 40 articles: three in four name Tony Blair, three name Jose Mourinho."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(40):
        body = ("Tony Blair spoke" if i % 4 else "The minister spoke") + f" on day {i}."
        if i % 13 == 5:
            body += " Jose Mourinho answered the minister."
        (folder / f"{i:02d}.md").write_text(
            f"---\ntitle: Politics {i:02d}\npublished: 2021-{1 + i // 28:02d}-{1 + i % 28:02d}"
            f"\n---\n{body}\n")
    env = env_for(tmp_path)
    env["TERM"] = "screen-256color"  # no COLORTERM: what an SSH session often has
    subprocess.run([newsreader_binary(), "add", str(folder)], env=env, check=True,
                   capture_output=True)
    return tmp_path, env


def test_a_search_pasted_after_ctrl_u_opens_its_first_result(tmux, home):
    """The issue's steps: person:blair, 20 rows down, ctrl+u, Mourinio pasted, Enter."""
    _, env = home
    tmux.start([newsreader_binary()], env)
    tmux.wait_for("Politics 39")
    tmux.keys("/")
    tmux.keys("person:blair", literal=True)  # one send-keys: one burst
    tmux.wait_for("30 matches")
    tmux.keys("Enter")
    tmux.keys("j" * 20, literal=True)
    tmux.keys("/", "C-u")
    tmux.keys("Mourinio", literal=True)
    screen = tmux.wait_for("3 matches")
    first = next(line for line in screen.splitlines() if "Politics" in line).split()[-2]
    tmux.keys("Enter", "Enter")
    screen = tmux.wait_for("sentence 1 of")
    assert "Article 1 of 3" in screen and f"Politics {first}" in screen, screen
    # e from the cursor: the first name of the cursor's sentence, marked and named.
    tmux.keys("e")
    screen = tmux.wait_for("person: Tony Blair")
    marked = tmux.tmux("capture-pane", "-p", "-e")
    assert re.search(r"\x1b\[[0-9;]*7m(\x1b\[[0-9;]*m)*Tony Blair", marked), marked
    # Tags: one, then tab completes it.
    tmux.keys("t")
    tmux.wait_for("Tags now: none yet")
    tmux.keys("follow-up", literal=True)
    tmux.keys("Enter")
    tmux.wait_for("Tags: follow-up")
    tmux.keys("t")
    tmux.wait_for("Tags now: follow-up")
    tmux.keys("-")  # alone: send-keys would read "-fol" as its options
    tmux.keys("fol", literal=True)
    tmux.keys("Tab", "Enter")  # -follow-up: removed
    tmux.wait_for("Tags: none")
    tmux.keys("q")
    tmux.wait_for("/ Search")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
