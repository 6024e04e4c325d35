"""Getting text to a clipboard without Textual: tmux's buffer, the system clipboard, a report."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field

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


SYSTEM_TIMEOUT = 3.0
"""Seconds the system clipboard tool (xclip, xsel, wl-copy, pbcopy...) may take, copy and
read-back together, before the copy is given up as failed."""

_PYPERCLIP = """
import json, sys
import pyperclip
text = sys.stdin.buffer.read().decode("utf-8")
try:
    copy, paste = pyperclip.determine_clipboard()
    copy(text)
    result = {"pasted": paste(), "tool": getattr(copy, "__name__", "")}
except pyperclip.PyperclipException as error:
    result = {"unavailable": str(error)}
except OSError as error:
    result = {"failed": error.strerror or str(error)}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(result, out)
"""
"""pyperclip's copy and read-back, run by `copy_system` in a child process."""


def copy_system(text: str) -> tuple[bool, str]:
    """Copy to the system clipboard with pyperclip, and read it back to be sure it arrived.

    Skipped over SSH. pyperclip runs in a child Python process whose standard output and
    error go to a file: whatever the clipboard tools print is captured there, never shown,
    and this process's own descriptors (fd 2 is the app's screen) are never touched. The
    child is killed after `SYSTEM_TIMEOUT` seconds, so a hung tool costs a bounded wait; call
    this from a worker thread (as `copy_everywhere` says), never the UI thread. Never raises.

    Args:
        text: The text to copy.

    Returns:
        Whether the clipboard now holds the text, and a one-line reason.
    """
    if over_ssh():
        return False, "over SSH: skipped (it would fill the server's clipboard)"
    with tempfile.TemporaryDirectory(prefix="newsreader-clip-") as folder:
        answer = os.path.join(folder, "result.json")
        with open(os.path.join(folder, "output"), "w+b") as output:
            try:
                # A session of its own: a tool that hangs is killed with its children.
                child = subprocess.Popen([sys.executable, "-c", _PYPERCLIP, answer],
                                         stdin=subprocess.PIPE, stdout=output, stderr=output,
                                         start_new_session=True)
            except OSError as error:
                return False, f"clipboard tool failed: {error.strerror or error}"
            try:
                child.communicate(text.encode("utf-8", "surrogatepass"), timeout=SYSTEM_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(child.pid, signal.SIGKILL)
                child.wait()
                return False, f"the clipboard tool did not answer within {SYSTEM_TIMEOUT:g} s"
            output.seek(0)
            # Lines with escape sequences are a tool drawing, not a message.
            printed = [line for raw in output.read().splitlines()
                       if (line := raw.decode("utf-8", "replace").strip()) and "\x1b" not in line]
        try:
            with open(answer, encoding="utf-8") as found:
                result = json.load(found)
        except (OSError, ValueError):
            said = printed[-1][:120] if printed else "no answer"
            return False, f"clipboard helper failed: {said}"
    if "unavailable" in result:
        return False, _unavailable(str(result["unavailable"]))
    if "failed" in result:
        return False, f"clipboard tool failed: {result['failed']}"
    if _same(str(result.get("pasted", "")), text):
        return True, "copied to the system clipboard"
    tool = str(result.get("tool", "")).removeprefix("copy_") or "clipboard"
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
