"""The terminal under the app: Textual's Linux driver, taught what to do when the terminal goes.

Textual 8.2's `LinuxDriver` assumes the terminal outlives the app:

- end of input (`read()` returns nothing: a hung-up terminal, a closed pipe) ends one pass of
  its input loop, and the loop selects again at once, readable again, forever: a core at 100%;
- an error reading (EIO) escapes the input thread and the app "panics", printing a traceback
  to a terminal that is no longer there, without saving anything;
- an error writing (EIO, EPIPE) kills the writer thread; once 30 more writes are queued the
  app blocks for good;
- SIGHUP (ssh dropped, the terminal window closed, the tmux pane killed) is left to its default
  action, so the process dies at once, with whatever was being typed.

`TerminalDriver` turns each of these into one `TerminalLost` message to the app, which saves
what it holds and exits; a deadline makes sure the process ends even if something waits.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import os
import selectors
import signal
import sys
import threading
from collections.abc import Callable
from io import TextIOWrapper
from typing import IO, TYPE_CHECKING, Any, cast

from textual._xterm_parser import XTermParser  # the parser LinuxDriver itself uses
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

DEADLINE_S = 1.8
"""Once the terminal is gone, the process ends within this many seconds, whatever waits."""
EXIT_CODE = 1
"""The exit code when the terminal went away."""
SIGNALS = {signal.SIGHUP: "hangup", signal.SIGTERM: "terminated"}


class TerminalLost(Message):
    """The terminal went away (hangup, end of input, an error reading or writing it).

    Args:
        reason: what was seen, for the log: "hangup", "end of input", "read error: ..."
    """

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class _Guarded:
    """The stream the writer thread writes the screen to: an error means the terminal is gone
    (reported once), and is never raised, so the writer thread lives on and nothing blocks."""

    def __init__(self, stream: IO[str], lost: Callable[[str], object]) -> None:
        self.stream = stream
        self.lost = lost
        self.broken = False

    def write(self, text: str) -> None:
        if not self.broken:
            try:
                self.stream.write(text)
            except (OSError, ValueError) as error:  # ValueError: the stream was closed
                self._broke(error)

    def flush(self) -> None:
        if not self.broken:
            try:
                self.stream.flush()
            except (OSError, ValueError) as error:
                self._broke(error)

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return True

    def _broke(self, error: Exception) -> None:
        self.broken = True
        self.lost(f"write error: {error}")


class TerminalDriver(LinuxDriver):
    """`LinuxDriver` that reports a vanished terminal as `TerminalLost` instead of spinning,
    panicking, blocking or dying, and ends the process `DEADLINE_S` after it at the latest."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        stream = self._file
        if stream is None:  # no stderr: nowhere to draw (Textual's writer would fail too)
            raise RuntimeError("newsreader needs a terminal on stderr")
        # LinuxDriver only writes to its stream, flushes it and asks its fileno: the guard
        # stands in for it.
        self._file = cast(TextIOWrapper, _Guarded(stream, self.terminal_lost))
        self._gone = threading.Event()
        self._lock = threading.Lock()

    @property
    def gone(self) -> bool:
        """Whether the terminal went away."""
        return self._gone.is_set()

    def terminal_lost(self, reason: str) -> None:
        """Report the loss once, from any thread or a signal handler: stop reading, drop
        further output, tell the app, and set the deadline."""
        with self._lock:
            if self._gone.is_set():
                return
            self._gone.set()
        self.exit_event.set()  # the input loop ends at its next turn
        deadline = threading.Timer(DEADLINE_S, os._exit, args=(EXIT_CODE,))
        deadline.daemon = True
        deadline.start()
        self.send_message(TerminalLost(reason))

    def start_application_mode(self) -> None:
        loop = asyncio.get_running_loop()
        for signum, reason in SIGNALS.items():
            loop.add_signal_handler(signum, self.terminal_lost, reason)
        super().start_application_mode()  # type: ignore[no-untyped-call]  # not annotated

    def stop_application_mode(self) -> None:
        super().stop_application_mode()
        with contextlib.suppress(RuntimeError):  # no running loop: nothing was added to it
            loop = asyncio.get_running_loop()
            for signum in SIGNALS:
                loop.remove_signal_handler(signum)

    def write(self, data: str) -> None:
        if not self._gone.is_set():  # nothing to draw on any more
            super().write(data)

    def run_input_thread(self) -> None:
        """LinuxDriver's input loop (Textual 8.2.8), but end of input and a read error mean
        the terminal is gone: report it and stop, rather than select again forever."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
        try:
            while not self.exit_event.is_set():
                for _key, mask in selector.select(0.1):
                    if not mask & selectors.EVENT_READ:
                        continue
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError as error:
                        self.terminal_lost(f"read error: {error.strerror or error}")
                        return
                    if not data:
                        self.terminal_lost("end of input")
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()


def is_terminal_platform() -> bool:
    """Whether `TerminalDriver` applies here (Linux and macOS; Textual's own driver elsewhere)."""
    return not sys.platform.startswith("win")
