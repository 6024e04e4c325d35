"""End to end at 80x24 (issue 22): a library added with --source-from-folder, unread only,
next unread, ctrl+z reaching the app through a real terminal (not suspending it), sources."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import env_for
from tests.tmux import newsreader_binary

pytestmark = pytest.mark.e2e


TMUX_SIZE = (80, 24)
"""The `tmux` fixture's terminal (conftest): what most people have over SSH."""


def test_the_reading_flow_in_a_terminal(tmux, tmp_path):
    corpus = tmp_path / "corpus"
    for topic in ("business", "sport"):
        (corpus / topic).mkdir(parents=True)
        for i in range(3):
            (corpus / topic / f"{i}.txt").write_text(
                f"{topic.title()} story {i}\n\nThe {topic} desk wrote story {i}. More here.\n")
    env = env_for(tmp_path)
    subprocess.run([newsreader_binary(), "add", str(corpus), "--source-from-folder"], env=env,
                   check=True, capture_output=True)
    tmux.start([newsreader_binary()], env)
    tmux.wait_for("6 articles")
    tmux.keys("Enter")
    first = tmux.wait_for("sentence 1 of").splitlines()[2].strip()
    tmux.keys("q")
    tmux.wait_for("6 articles · newest first")
    tmux.keys("U")
    tmux.wait_for("5 articles · unread only")
    assert first not in tmux.screen()
    tmux.keys("Enter")  # the first unread (read once shown), then the next one
    tmux.wait_for("Article 1 of 5")
    tmux.keys("u")
    tmux.wait_for("Article 2 of 5")
    tmux.keys("t")
    tmux.wait_for("Tags now")
    tmux.keys("desk-note", literal=True)
    tmux.keys("Enter")
    tmux.wait_for("# desk-note")
    tmux.keys("C-z")
    screen = tmux.wait_for("Undone: tags +desk-note")
    assert "EXIT=" not in screen  # ctrl+z went to the app, the process was not suspended
    tmux.keys("q")
    tmux.wait_for("unread only")
    tmux.keys("F")
    screen = tmux.wait_for("Sources")
    # Every sport story was read (one opened, one from the unread list, one by u), no business.
    assert re.search(r"business +3 +3", screen) and re.search(r"sport +3 +0", screen), screen
    tmux.keys("Enter")
    tmux.wait_for("source:=business")
