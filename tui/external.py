"""Leaving the reader: a command fed an article on stdin, an `open` command for a URL, and
the URL as a terminal hyperlink. No Textual here: the app and the tests call these."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from .storage.identity import public_url
from .text import sanitize

PIPE_TIMEOUT_S = 10.0
"""How long a piped command may run before it is stopped (its output so far is shown)."""
PIPE_MAX_BYTES = 512 * 1024
"""The most output read from a piped command; past it the command is stopped."""
LINGER_S = 0.5
"""How long output may stay open once the command itself has ended (a background job it
started): then it is stopped, its output kept."""
OPEN_TIMEOUT_S = 10.0
"""How long an open command may take when the terminal cannot be handed over (no terminal:
a test, say); with the terminal handed over, the person at it decides when it ends."""
URL_FIELD = "{url}"


@dataclass
class PipeResult:
    """What a piped command did."""

    command: str
    output: str
    """Its standard output and error, decoded and cleaned of escapes and controls."""
    code: int | None
    """Its exit status (negative: the signal that ended it; None: it could not start)."""
    timed_out: bool = False
    truncated: bool = False
    error: str = ""
    """Why it could not start ("" when it ran)."""
    timeout: float = PIPE_TIMEOUT_S
    limit: int = PIPE_MAX_BYTES

    def summary(self) -> str:
        """One line: how it ended."""
        if self.error:
            return self.error
        if self.code is None:
            parts = ["did not end"]
        elif self.code >= 0:
            parts = [f"exit {self.code}"]
        else:
            parts = [f"ended by signal {-self.code}"]
        if self.timed_out:
            parts.append(f"stopped after {self.timeout:g} s")
        if self.truncated:
            parts.append(f"output cut at {self.limit:,} bytes")
        return ", ".join(parts)


def run_pipe(command: str, text: str, *, timeout: float = PIPE_TIMEOUT_S,
             limit: int = PIPE_MAX_BYTES) -> PipeResult:
    """Run `command` (a shell command line the person typed, so `|` and quotes work as in a
    shell) with `text` on its standard input, and collect what it prints.

    It runs in a session of its own, without the terminal (it cannot read keys or draw over
    the app), with a deadline: past `timeout` seconds, or `limit` bytes of output, it and its
    children are stopped and what it printed so far is kept.

    Args:
        command: The command line.
        text: What it reads on standard input (the article as Markdown).
        timeout: Seconds it may run.
        limit: Bytes of output kept.

    Returns:
        Its output (stdout and stderr together, in order), cleaned for the terminal.
    """
    command = sanitize(command).strip()
    if not command:
        return PipeResult(command, "", None, error="no command given")
    try:
        process = subprocess.Popen(["/bin/sh", "-c", command], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    except OSError as exc:
        return PipeResult(command, "", None, error=f"cannot run the command: {exc.strerror}")
    chunks: list[bytes] = []
    state = {"size": 0, "truncated": False}
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None and stdout is not None  # both are pipes (Popen above)

    def feed() -> None:
        try:
            stdin.write(text.encode("utf-8", "replace"))
        except (BrokenPipeError, OSError):
            pass  # the command did not read it all (`head -1`): not an error
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def drain() -> None:
        while True:
            chunk = stdout.read1(65536)  # type: ignore[attr-defined]  # a BufferedReader
            if not chunk:
                return
            room = limit - state["size"]
            chunks.append(chunk[:room])
            state["size"] += min(len(chunk), room)
            if len(chunk) > room:
                state["truncated"] = True
                _stop(process)
                return

    writer = threading.Thread(target=feed, daemon=True)
    reader = threading.Thread(target=drain, daemon=True)
    writer.start()
    reader.start()
    deadline = time.monotonic() + timeout
    ended_at = None
    while reader.is_alive() and time.monotonic() < deadline:
        reader.join(0.05)
        if ended_at is None and process.poll() is not None:
            ended_at = time.monotonic()
        if ended_at is not None and time.monotonic() - ended_at > LINGER_S:
            break  # the command ended; what it left behind (`cmd &`) holds its output open
    timed_out = reader.is_alive() and ended_at is None
    if reader.is_alive():
        _stop(process)
        reader.join(1.0)
    try:
        code = process.wait(1.0)
    except subprocess.TimeoutExpired:  # cannot happen after SIGKILL but for a zombie's parent
        code = None
    stdout.close()
    output = sanitize(b"".join(chunks).decode("utf-8", "replace"))
    return PipeResult(command, output, code, timed_out=timed_out, truncated=bool(state["truncated"]),
                      timeout=timeout, limit=limit)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a command and everything it started (its own session's process group)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def link_url(url: str) -> str:
    """The URL an OSC 8 hyperlink may carry: an http(s) URL, without credentials, and only
    when it holds nothing but printable ASCII (a terminal ends the sequence at a control,
    and a link's target should be what is shown); else "".

    Args:
        url: The article's URL as the library holds it (any text).
    """
    kept = public_url(url)
    if not kept or not kept.isascii() or not kept.isprintable() or " " in kept:
        return ""
    return kept


class OpenCommandError(ValueError):
    """An `[reader] open` command that cannot be used (one human line)."""


def parse_open_command(template: str) -> list[str]:
    """Split an `open` command template as a shell would split it, without running a shell.

    Args:
        template: e.g. `xdg-open {url}` or `w3m "{url}"`; without `{url}` the URL is added as
            the last argument.

    Returns:
        The argument list (still holding `{url}`).

    Raises:
        OpenCommandError: unbalanced quotes, or nothing to run.
    """
    try:
        argv = shlex.split(template)
    except ValueError as exc:
        raise OpenCommandError(f"cannot be split into words ({exc})") from None
    if not argv:
        raise OpenCommandError("is empty")
    if URL_FIELD in argv[0]:
        raise OpenCommandError("must start with a program, not {url}")
    if not any(URL_FIELD in arg for arg in argv):
        argv.append(URL_FIELD)
    return argv


def open_argv(argv: list[str], url: str) -> list[str]:
    """The command to run for `url`: each `{url}` replaced, the URL always inside one argument
    (never split, never seen by a shell)."""
    return [arg.replace(URL_FIELD, url) for arg in argv]
