"""End to end: the installed `newsreader` in a private tmux server, driven as a person would."""

from __future__ import annotations

import pytest

from tests.conftest import SEED_TITLE, env_for
from tests.tmux import newsreader_binary

pytestmark = pytest.mark.e2e



def test_fresh_install_opens_on_the_seed_searches_reads_and_quits(tmux, tmp_path):
    tmux.start([newsreader_binary()], env_for(tmp_path))
    screen = tmux.wait_for(SEED_TITLE[:40])
    assert "1 article" in screen
    tmux.keys("/")
    tmux.keys("clouthier", literal=True)
    tmux.wait_for("1 match")
    tmux.keys("Enter", "Enter")  # leave the search box, open the article
    screen = tmux.wait_for("sentence 1 of")
    assert "© Getty Images" in screen and "417 words" in screen
    assert "1 hit for" in screen
    tmux.keys("j", "j")
    tmux.wait_for("sentence 3 of")
    tmux.keys("J")
    tmux.wait_for("¶ 3")
    tmux.keys("q")
    tmux.wait_for("/ Search")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")


def test_help_lists_the_keys_of_the_screen(tmux, tmp_path):
    tmux.start([newsreader_binary()], env_for(tmp_path))
    tmux.wait_for(SEED_TITLE[:40])
    tmux.keys("?")
    screen = tmux.wait_for("Help · Library")
    assert "Search titles and text as you type" in screen and "escape closes" in screen
    tmux.keys("Escape", "q")
    tmux.wait_for("EXIT=0")


def test_y_copies_the_sentence_with_its_citation_to_tmux(tmux, tmp_path):
    tmux.start([newsreader_binary()], env_for(tmp_path))
    tmux.wait_for(SEED_TITLE[:40])
    tmux.keys("/")
    tmux.keys('"shared border"', literal=True)
    tmux.wait_for("1 match")
    tmux.keys("Enter", "Enter")
    tmux.wait_for("sentence 1 of")
    tmux.keys("n")  # the sentence holding the hit
    tmux.wait_for("sentence 13 of")
    tmux.keys("y")
    tmux.wait_for("tmux")  # the toast says where the quote went
    copied = tmux.buffer()
    assert "One billion dollars crosses our shared border every day" in copied
    assert SEED_TITLE in copied
    assert copied.startswith("> ")
    tmux.keys("Escape")
    tmux.keys("q", "q")
    tmux.wait_for("EXIT=0")


def test_keys_read_in_one_burst_go_where_the_keys_before_them_sent_the_focus(tmux, tmp_path):
    """Over a slow link '/states' arrives in one read: the letters are the search's ('s' must
    not star the article, 't' must not open the tag dialog), as '/quote' is the notebook
    filter's ('q' must not leave it)."""
    tmux.start([newsreader_binary()], env_for(tmp_path))
    tmux.wait_for(SEED_TITLE[:40])
    tmux.keys("/states", literal=True)
    screen = tmux.wait_for("1 match")
    assert "states" in screen.splitlines()[1] and "Tags" not in screen
    tmux.keys("Escape")
    screen = tmux.wait_for("/ Search")
    assert "★" not in screen
    tmux.keys("n")
    tmux.wait_for("Notebook: highlights")  # the footer says "Notebook" too
    tmux.keys("/quote", literal=True)
    screen = tmux.wait_for("filter: quote")
    assert "Notebook" in screen
