"""Getting text to a clipboard without Textual: tmux's buffer, the system clipboard, a report."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyperclip

TMUX_TIMEOUT = 2.0
"""Seconds to wait for `tmux load-buffer` before giving up."""
NO_TOOL = "no clipboard tool (install xclip or wl-clipboard)"


def in_tmux() -> bool:
    """Whether we run inside tmux (its client sets TMUX)."""
    return bool(os.environ.get("TMUX"))


def over_ssh() -> bool:
    """Whether we run in an SSH session, where the system clipboard is the server's."""
    return bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))


def copy_tmux(text: str, socket: str | None = None) -> bool:
    """Put text in tmux's paste buffer and ask tmux to pass it on to the outer terminal.

    `load-buffer -w` works with tmux's default `set-clipboard external`, where an OSC 52 sent
    from inside a pane is dropped. Never raises.

    Args:
        text: The text to copy.
        socket: A tmux socket name (`tmux -L`); None for the server in TMUX.

    Returns:
        Whether tmux took the text.
    """
    base = ["tmux", *(["-L", socket] if socket else []), "load-buffer"]
    for flags in (["-w"], []):  # tmux before 3.2 has no -w: its buffer alone still helps
        try:
            done = subprocess.run([*base, *flags, "-"], input=text.encode("utf-8"), check=False,
                                  capture_output=True, timeout=TMUX_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            return False
        if done.returncode == 0:
            return True
        if b"usage" not in done.stderr and b"unknown flag" not in done.stderr:
            return False
    return False


@contextmanager
def _fd2_captured() -> Iterator[list[str]]:
    """Send file descriptor 2 to a temporary file for a while; yields what was printed there.

    Clipboard tools are subprocesses that inherit fd 2, which in the app is Textual's screen,
    so replacing `sys.stderr` would not be enough. Lines holding escape sequences are the
    app's own screen updates made meanwhile (fd 2 is process-wide): they are passed on to the
    real fd 2 afterwards, the rest are the tools' messages. A file rather than a pipe: xclip and
    wl-copy leave a child running that keeps the descriptor open, so a pipe never reaches EOF.
    """
    lines: list[str] = []
    try:
        saved = os.dup(2)
    except OSError:  # no fd 2 at all: nothing to protect
        yield lines
        return
    if sys.stderr is not None:
        sys.stderr.flush()
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            printed = sink.read().splitlines(keepends=True)
            screen = memoryview(b"".join(line for line in printed if b"\x1b" in line))
            while screen:
                screen = screen[os.write(2, screen):]
            lines.extend(text for line in printed if b"\x1b" not in line
                         if (text := line.decode("utf-8", "replace").strip()))


def copy_system(text: str) -> tuple[bool, str]:
    """Copy to the system clipboard with pyperclip, and read it back to be sure it arrived.

    Skipped over SSH. Whatever the clipboard tool prints is captured, never shown. Never raises.
    Note that fd 2 is redirected process-wide while the tool runs: the app should repaint the
    screen after calling this from a worker.

    Args:
        text: The text to copy.

    Returns:
        Whether the clipboard now holds the text, and a one-line reason.
    """
    if over_ssh():
        return False, "over SSH: skipped (it would fill the server's clipboard)"
    problem = ""
    with _fd2_captured() as printed:
        try:
            copy, paste = pyperclip.determine_clipboard()
            copy(text)
            pasted = paste()
        except pyperclip.PyperclipException as error:
            problem = _unavailable(str(error))
        except OSError as error:
            problem = f"clipboard tool failed: {error.strerror or error}"
    if problem:
        return False, problem
    if _same(pasted, text):
        return True, "copied to the system clipboard"
    tool = getattr(copy, "__name__", "").removeprefix("copy_") or "clipboard"
    said = printed[0][:120] if printed else "the clipboard did not keep the text"
    return False, f"{tool}: {said}"


def _unavailable(message: str) -> str:
    if not sys.platform.startswith("linux"):
        return "clipboard unavailable: " + (message.splitlines() or ["unknown error"])[0][:120]
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display"
    return NO_TOOL


def _same(pasted: str, text: str) -> bool:
    # Tools may turn line ends into CRLF or add a final newline.
    def norm(s: str) -> str:
        return s.replace("\r\n", "\n").rstrip("\n")
    return norm(pasted) == norm(text)


@dataclass
class CopyReport:
    """Which routes a copy took; `notes` says why the others were not taken or failed."""

    osc52: bool
    tmux: bool
    system: bool
    notes: list[str] = field(default_factory=list)

    @property
    def taken(self) -> bool:
        """Whether any route took the text (OSC 52 counts: it was sent, though unconfirmed)."""
        return self.osc52 or self.tmux or self.system

    @property
    def confirmed(self) -> bool:
        """Whether a route confirmed it: tmux's buffer took it, or the clipboard read back."""
        return self.tmux or self.system


SHOW_COPIED = ("failed", "unconfirmed", "always")
"""When the app shows a copied quote to select by hand (`[quotes] show_copied`): only when no
route took it, also when nothing confirmed it (OSC 52 alone), or after every copy."""


def copy_everywhere(text: str, *, osc52: Callable[[str], None] | None,
                    tmux_socket: str | None = None) -> CopyReport:
    """Send text every way that can reach a clipboard from here.

    OSC 52 first (through the callback: it is the only route over SSH), then tmux's buffer
    when inside tmux, then the system clipboard when local. Run it in a thread worker, as the
    clipboard tool can take a moment, and pass
    `lambda t: app.call_from_thread(app.copy_to_clipboard, t)` as the callback.

    Args:
        text: The text to copy.
        osc52: Sends OSC 52 to the terminal, or None when there is no terminal to send to.
        tmux_socket: A tmux socket name, to use a server other than TMUX's (tests).

    Returns:
        The report; `describe` turns it into a toast.
    """
    report = CopyReport(osc52=False, tmux=False, system=False)
    tmux = in_tmux() or bool(tmux_socket)
    if osc52 is not None:
        osc52(text)
        report.osc52 = True
    elif not tmux:
        report.notes.append("terminal: no terminal to send OSC 52 to")
    if tmux:
        report.tmux = copy_tmux(text, tmux_socket)
        if not report.tmux:
            report.notes.append("tmux: load-buffer failed")
    report.system, reason = copy_system(text)
    if not report.system:
        report.notes.append(f"system clipboard: {reason}")
    return report


def describe(report: CopyReport) -> str:
    """One honest line, the same in the app and `newsreader quote --copy`: "copied" only where
    the text was taken for sure, "sent ... unconfirmed" where nothing can tell.

    Args:
        report: What `copy_everywhere` did.

    Returns:
        For example "Copied to tmux's paste buffer; also sent to the terminal (OSC 52)".
    """
    if report.system:
        head = "Copied to the system clipboard"
    elif report.tmux:
        head = "Copied to tmux's paste buffer"
    elif report.osc52:
        return ("Sent to the terminal (OSC 52), unconfirmed: it reaches your clipboard if the "
                "terminal allows programs to set it")
    else:
        return "Not copied: " + ("; ".join(report.notes) or "no clipboard to copy to")
    also = [route for route, taken in (("the terminal (OSC 52)", report.osc52),
                                       ("tmux's paste buffer", report.tmux and report.system))
            if taken]
    return head + (f"; also sent to {' and '.join(also)}" if also else "")


def show_by_hand(report: CopyReport, setting: str) -> bool:
    """Whether to show the copied text to select by hand, after `copy_everywhere`.

    Args:
        report: What the copy did.
        setting: One of `SHOW_COPIED` (the config's `[quotes] show_copied`).
    """
    return (setting == "always" or not report.taken
            or (setting == "unconfirmed" and not report.confirmed))
