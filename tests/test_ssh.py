"""End to end over a real ssh (issue 16): the installed newsreader on a private sshd, driven from
an outer tmux at 80x24 with `set-clipboard on`, as people use it from the machine they sit at.

Each test prints how long its ssh part took (`pytest -s tests/test_ssh.py`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from tests.tmux import Tmux, newsreader_binary

pytestmark = pytest.mark.e2e

NEEDS_TERMINAL = ("newsreader: the reader needs a terminal; over SSH use ssh -t HOST "
                  "newsreader\n")


@pytest.fixture
def outer():
    """The tmux on the machine the person sits at: 80x24, `set -s set-clipboard on`."""
    session = Tmux(width=80, height=24)
    yield session
    session.kill()


def remote_env(home: Path) -> list[str]:
    """The remote command's prefix giving newsreader the test's own library and config (the
    server's environment is the login's: nothing of the test's passes by itself)."""
    return ["env", f"HOME={home}", f"NEWSREADER_DB={home / 'library.db'}",
            f"NEWSREADER_CONFIG={home / 'config.toml'}", f"XDG_DATA_HOME={home / 'data'}",
            f"XDG_CONFIG_HOME={home / 'config'}"]


def expected_quote(db: Path, sentence: int) -> str:
    """Sentence N (from 1) of article 1 as `y` formats it, from the library the app used."""
    from tui.quotes import format_quote
    from tui.segment import sentence_spans
    from tui.storage import Library

    with Library(db) as library:
        article = library.articles.get(1)
    span = sentence_spans(article.body)[sentence - 1]
    return format_quote(article.body[span.start:span.end], title=article.title,
                        source=article.source, published=article.published, url=article.url,
                        author=article.author, style="markdown")


def sentence_on(screen: str) -> int:
    """The reader's "sentence N of M" (or "s. N/M" when the status line is short) as N."""
    found = re.search(r"\bsentence (\d+) of \d+|\bs\. (\d+)/\d+", screen)
    assert found, f"no sentence number on the screen:\n{screen}"
    return int(found.group(1) or found.group(2))


def until(check, timeout: float = 10.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never came true")
        time.sleep(0.1)


def read_and_copy(tmux: Tmux) -> int:
    """Search in one burst, open the result, go to its hit and press y; the sentence copied
    (read before `y`: the notice that follows may sit over the status line)."""
    tmux.wait_for("1 article")
    tmux.keys("/clouthier", literal=True)  # one burst: the key and the whole word
    tmux.wait_for("1 match")
    tmux.keys("Enter", "Enter")  # to the list, open
    tmux.wait_for("sentence 1 of")
    tmux.keys("n")  # the sentence holding the hit
    sentence = until(lambda: max(sentence_on(tmux.screen()), 1) - 1, what="n moving to the hit")
    tmux.keys("y")
    return sentence + 1


def remote_processes(db: Path) -> list[int]:
    """Pids of the processes started through sshd whose environment names this library: the
    remote newsreader (the local tmux, shell and ssh client have no SSH_CONNECTION)."""
    wanted = f"NEWSREADER_DB={db}".encode()
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                environ = Path(entry.path, "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if wanted in environ and any(v.startswith(b"SSH_CONNECTION=") for v in environ):
                found.append(int(entry.name))
    return found


def test_ssh_t_newsreader_paints_searches_opens_and_y_reaches_the_outer_tmux(sshd, outer,
                                                                             isolated):
    started = time.monotonic()
    outer.start(sshd.ssh(*remote_env(isolated), newsreader_binary(), tty=True), {})
    sentence = read_and_copy(outer)
    screen = outer.wait_for("Sent to the terminal (OSC 52)")
    quote = expected_quote(isolated / "library.db", sentence)
    # OSC 52 went through ssh to the outer tmux, which put it in its buffer, byte for byte.
    until(lambda: outer.buffer() == quote, what="the quote in the outer tmux's buffer")
    outer.keys("q", "q")
    outer.wait_for("EXIT=0")
    print(f"\nssh -t newsreader, search, open, y, quit: {time.monotonic() - started:.2f} s")
    print(screen)


def test_with_a_remote_tmux_the_quote_lands_in_both_buffers(sshd, outer, isolated):
    started = time.monotonic()
    inner = f"newsreader-inner-{uuid.uuid4().hex[:8]}"
    conf = isolated / "inner-tmux.conf"
    conf.write_text("set -s set-clipboard on\n")
    outer.start(sshd.ssh(*remote_env(isolated), "tmux", "-L", inner, "-f", str(conf),
                         "new-session", newsreader_binary(), tty=True), {})
    try:
        sentence = read_and_copy(outer)
        screen = outer.wait_for("Copied to tmux's paste buffer")
        quote = expected_quote(isolated / "library.db", sentence)
        inner_buffer = subprocess.run(sshd.ssh("tmux", "-L", inner, "show-buffer"),
                                      capture_output=True, text=True, timeout=20,
                                      stdin=subprocess.DEVNULL).stdout
        assert inner_buffer == quote
        until(lambda: outer.buffer() == quote, what="the quote in the outer tmux's buffer")
        outer.keys("q", "q")
        outer.wait_for("EXIT=0")
    finally:
        subprocess.run(sshd.ssh("tmux", "-L", inner, "kill-server"), capture_output=True,
                       timeout=20, stdin=subprocess.DEVNULL)
    print(f"\nssh -t, remote tmux, newsreader, y, quit: {time.monotonic() - started:.2f} s")
    print(screen)


def test_ssh_host_newsreader_search_json_needs_no_terminal(sshd, isolated):
    started = time.monotonic()
    added = subprocess.run(sshd.ssh(*remote_env(isolated), newsreader_binary(), "add",
                                    str(SEEDS)),
                           capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert added.returncode == 0, added.stderr
    found = subprocess.run(sshd.ssh(*remote_env(isolated), newsreader_binary(), "search",
                                    "clouthier", "--json"),
                           capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert found.returncode == 0, found.stderr
    result = json.loads(found.stdout)
    assert result["total"] == 1
    assert result["results"][0]["title"].startswith("US, Mexico resume high-level trade talks")
    print(f"\nssh add, ssh search --json: {time.monotonic() - started:.2f} s")


def test_ssh_host_newsreader_without_t_says_why_and_leaves_nothing_running(sshd, isolated):
    started = time.monotonic()
    done = subprocess.run(sshd.ssh(*remote_env(isolated), newsreader_binary()),
                          capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
    elapsed = time.monotonic() - started
    assert (done.returncode, done.stdout, done.stderr.decode()) == (1, b"", NEEDS_TERMINAL)
    assert remote_processes(isolated / "library.db") == []
    assert not (isolated / "library.db").exists()
    print(f"\nssh host newsreader (no -t): {elapsed:.2f} s")


def test_killing_the_ssh_client_saves_the_note_and_leaves_no_process(sshd, outer, isolated):
    db = isolated / "library.db"
    outer.start(sshd.ssh(*remote_env(isolated), newsreader_binary(), tty=True), {})
    outer.wait_for("1 article")
    outer.keys("Enter")
    outer.wait_for("sentence 1 of")
    outer.keys("m")
    outer.wait_for("Note on this article")
    outer.keys("Typed as the line dropped", literal=True)
    outer.wait_for("Typed as the line dropped")
    [app] = until(lambda: remote_processes(db), what="the remote newsreader running")
    shell = outer.tmux("display-message", "-p", "#{pane_pid}").strip()
    clients = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", shell], capture_output=True,
                             text=True).stdout.split("\n")
    [client] = [int(line.split()[0]) for line in clients if line.split()[1:] == ["ssh"]]
    started = time.monotonic()
    os.kill(client, 9)  # the connection drops as a dead link or a closed laptop drops it
    until(lambda: not Path(f"/proc/{app}").exists() or _zombie(app), timeout=3,
          what="the remote newsreader ending within 3 s")
    gone = time.monotonic() - started
    assert remote_processes(db) == []
    from tui.storage import Library

    with Library(db) as library:
        assert [a.text for a in library.notes.annotations(1)] == ["Typed as the line dropped"]
    print(f"\nssh client killed: newsreader gone after {gone:.2f} s")


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except OSError:
        return True
