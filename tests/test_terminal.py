"""No terminal, or a terminal that goes away: one line at start, or save and exit (issue 16)."""

from __future__ import annotations

import os
import pty
import subprocess

import pytest

from tests.tmux import newsreader_binary

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

