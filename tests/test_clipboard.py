"""Clipboard routes outside Textual: a private tmux server, pyperclip without a display, wording."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tui import clipboard
from tui.clipboard import (
    SHOW_COPIED,
    CopyReport,
    copy_everywhere,
    copy_system,
    copy_tmux,
    describe,
    show_by_hand,
)

TEXT = "“Tonight we stopped asking.”\n— Margaret Okafor, Riverside"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="pyperclip picks X11/Wayland tools only on Linux")


@pytest.fixture
def tmux_server():
    """A tmux server of our own (`-L`), killed afterwards; never the user's."""
    if not shutil.which("tmux"):
        pytest.skip("tmux is not installed")
    socket = f"newsreader-clip-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    subprocess.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "sleep 60"],
                   check=True)
    path = subprocess.run(["tmux", "-L", socket, "display-message", "-p", "#{socket_path}"],
                          capture_output=True, text=True, check=True).stdout.strip()
    yield socket
    subprocess.run(["tmux", "-L", socket, "kill-server"], check=False, capture_output=True)
    if path.endswith(socket):  # tmux 3.3 leaves the socket file behind
        Path(path).unlink(missing_ok=True)


@pytest.fixture
def fake_tools(tmp_path, monkeypatch):
    """A directory put first on PATH, where tests write stand-ins for clipboard tools."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")

    def tool(name: str, script: str) -> None:
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{script}\n")
        path.chmod(0o755)

    return tool


def test_environment_probes(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    assert not clipboard.in_tmux() and not clipboard.over_ssh()
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1234,0")
    monkeypatch.setenv("SSH_TTY", "/dev/pts/3")
    assert clipboard.in_tmux() and clipboard.over_ssh()


def test_copy_tmux_fills_the_private_servers_buffer(tmux_server):
    assert copy_tmux(TEXT, socket=tmux_server)
    shown = subprocess.run(["tmux", "-L", tmux_server, "show-buffer"], capture_output=True,
                           text=True, check=True)
    assert shown.stdout == TEXT


def test_copy_tmux_without_a_server_or_tmux_is_false(fake_tools, monkeypatch):
    if shutil.which("tmux"):
        assert copy_tmux(TEXT, socket=f"newsreader-none-{uuid.uuid4().hex}") is False
    monkeypatch.setenv("PATH", "/nonexistent")
    assert copy_tmux(TEXT) is False


def test_copy_tmux_gives_up_after_the_timeout(fake_tools, monkeypatch):
    fake_tools("tmux", "sleep 5")
    monkeypatch.setattr(clipboard, "TMUX_TIMEOUT", 0.2)
    began = time.monotonic()
    assert copy_tmux(TEXT) is False
    assert time.monotonic() - began < 2


def test_copy_tmux_falls_back_when_w_is_unknown(fake_tools, tmp_path):
    log = tmp_path / "calls"
    fake_tools("tmux", f'echo "$@" >> {log}\n'
               'case "$*" in *-w*) echo "usage: load-buffer [-b name] path" >&2; exit 1;; esac\n'
               "cat > /dev/null")
    assert copy_tmux(TEXT) is True
    assert log.read_text().splitlines() == ["load-buffer -w -", "load-buffer -"]


@linux_only
def test_no_display_is_a_quiet_false(monkeypatch, capfd):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert copy_system(TEXT) == (False, "no display")
    assert capfd.readouterr() == ("", "")


@linux_only
def test_a_display_without_tools_says_what_to_install(monkeypatch, capfd):
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert copy_system(TEXT) == (False, clipboard.NO_TOOL)
    assert capfd.readouterr() == ("", "")


@linux_only
def test_xclip_errors_are_captured_not_printed(fake_tools, monkeypatch, capfd):
    # xclip with an unreachable display: prints to the inherited fd 2, exits, copies nothing.
    fake_tools("xclip", '[ "$3" = "-o" ] || cat > /dev/null\n'
               'echo "Error: Can\'t open display: :99" >&2; exit 1')
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert copy_system(TEXT) == (False, "xclip: Error: Can't open display: :99")
    assert capfd.readouterr() == ("", "")
    print("stderr works again", file=sys.stderr)
    assert capfd.readouterr().err == "stderr works again\n"


@linux_only
def test_the_tools_output_never_reaches_the_screen(fake_tools, monkeypatch, capfd):
    """Before: fd 2 (the app's screen) was redirected process-wide while the tool ran, and
    the tool's own drawing was passed on to it. Now the tool writes to a file of its own;
    what the app draws meanwhile goes straight to fd 2."""
    fake_tools("xclip", '[ "$3" = "-o" ] || cat > /dev/null\n'
               'printf "\\033[2J\\033[Hpwned\\n" >&2; sleep 0.5; echo "Error: no display" >&2; '
               "exit 1")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = []
    worker = threading.Thread(target=lambda: result.append(copy_system(TEXT)))
    worker.start()
    time.sleep(0.2)
    os.write(2, b"frame\n")  # the app drawing while the tool runs
    worker.join()
    assert result == [(False, "xclip: Error: no display")]
    assert capfd.readouterr().err == "frame\n"


@linux_only
def test_a_hung_tool_is_given_up_after_the_time_limit(fake_tools, monkeypatch):
    fake_tools("xclip", "sleep 20")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(clipboard, "SYSTEM_TIMEOUT", 1.0)
    started = time.monotonic()
    assert copy_system(TEXT) == (False, "the clipboard tool did not answer within 1 s")
    assert time.monotonic() - started < 10  # bounded: not the tool's 20 s


@linux_only
def test_a_working_tool_is_confirmed_by_reading_back(fake_tools, tmp_path, monkeypatch):
    store = tmp_path / "clipboard"
    fake_tools("xclip", f'if [ "$3" = "-o" ]; then cat {store}; else cat > {store}; fi')
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert copy_system(TEXT) == (True, "copied to the system clipboard")
    assert store.read_text() == TEXT


def test_over_ssh_the_system_clipboard_is_skipped(monkeypatch):
    import pyperclip

    def never():
        raise AssertionError("pyperclip must not run over SSH")

    monkeypatch.setattr(pyperclip, "determine_clipboard", never)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    ok, reason = copy_system(TEXT)
    assert not ok and reason.startswith("over SSH: skipped")


def test_copy_everywhere_takes_every_route_that_applies(monkeypatch):
    sent: list[str] = []
    monkeypatch.setattr(clipboard, "copy_system", lambda text: (True, "copied"))
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1234,0")
    monkeypatch.setattr(clipboard, "copy_tmux", lambda text, socket=None: text == TEXT)
    report = copy_everywhere(TEXT, osc52=sent.append)
    assert sent == [TEXT]
    assert report == CopyReport(osc52=True, tmux=True, system=True, notes=[])


def test_copy_everywhere_over_ssh_sends_only_osc52(monkeypatch):
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    report = copy_everywhere(TEXT, osc52=lambda text: None)
    assert (report.osc52, report.tmux, report.system) == (True, False, False)
    assert report.notes[0].startswith("system clipboard: over SSH")
    assert describe(report) == ("Sent to the terminal (OSC 52), unconfirmed: it reaches your "
                                "clipboard if the terminal allows programs to set it")


def test_copy_everywhere_with_a_real_tmux(tmux_server, monkeypatch):
    monkeypatch.setenv("SSH_TTY", "/dev/pts/3")
    report = copy_everywhere(TEXT, osc52=None, tmux_socket=tmux_server)
    assert report.tmux and not report.osc52
    assert describe(report) == "Copied to tmux's paste buffer"


@pytest.mark.parametrize(("report", "line"), [
    (CopyReport(True, True, False),
     "Copied to tmux's paste buffer; also sent to the terminal (OSC 52)"),
    (CopyReport(True, False, True),
     "Copied to the system clipboard; also sent to the terminal (OSC 52)"),
    (CopyReport(True, True, True),
     ("Copied to the system clipboard; also sent to the terminal (OSC 52) and tmux's "
      "paste buffer")),
    (CopyReport(False, False, True), "Copied to the system clipboard"),
    (CopyReport(True, False, False, ["system clipboard: over SSH"]),
     ("Sent to the terminal (OSC 52), unconfirmed: it reaches your clipboard if the terminal "
      "allows programs to set it")),
    (CopyReport(False, False, False, ["system clipboard: no display"]),
     "Not copied: system clipboard: no display"),
    (CopyReport(False, False, False), "Not copied: no clipboard to copy to"),
])
def test_describe_says_copied_only_when_confirmed(report, line):
    assert describe(report) == line
    assert "\n" not in line


@pytest.mark.parametrize(("report", "failed", "unconfirmed", "always"), [
    (CopyReport(False, False, False), True, True, True),    # nothing took it: always shown
    (CopyReport(True, False, False), False, True, True),    # OSC 52 alone: sent, unconfirmed
    (CopyReport(True, True, False), False, False, True),    # tmux's buffer took it
    (CopyReport(False, False, True), False, False, True),   # the clipboard read it back
])
def test_the_quote_is_shown_to_copy_by_hand_only_when_asked_or_nothing_took_it(
        report, failed, unconfirmed, always):
    assert [show_by_hand(report, s) for s in SHOW_COPIED] == [failed, unconfirmed, always]


def test_without_a_terminal_the_report_says_osc52_had_nowhere_to_go(monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    report = copy_everywhere(TEXT, osc52=None)
    assert not report.taken
    assert describe(report) == ("Not copied: terminal: no terminal to send OSC 52 to; "
                                "system clipboard: over SSH: skipped (it would fill the "
                                "server's clipboard)")


def test_show_copied_is_read_from_the_config(tmp_path):
    from tui.config import ConfigError, load_settings

    config = tmp_path / "config.toml"
    assert load_settings(config).show_copied == "failed"
    config.write_text('[quotes]\nshow_copied = "always"\n')
    assert load_settings(config).show_copied == "always"
    config.write_text('[quotes]\nshow_copied = "sometimes"\n')
    with pytest.raises(ConfigError, match="show_copied must be failed, unconfirmed or always"):
        load_settings(config)
