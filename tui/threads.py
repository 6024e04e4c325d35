"""Worker threads that never keep the app from quitting, and background work that gives way to
the person's searches (no Textual here)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

QUIT_GRACE_S = 0.6
"""How long quitting waits for threads still working: a note or a flag being saved commits
in milliseconds; a fetch from a stalled server (given up on cancel) or a wait for another
writer is left behind, and ends with the process."""


class QuittableExecutor(ThreadPoolExecutor):
    """Runs each task on its own daemon thread; `shutdown` waits at most `QUIT_GRACE_S`.

    Textual runs thread workers with `loop.run_in_executor(None, ...)`, and `asyncio.run`
    ends by joining the default executor's threads, which Python joins again at exit: a
    worker stuck in a fetch or a lock kept the app alive long after `q` (until the fetch's
    own deadline), on a blank screen, and the first Ctrl-C only printed "Aborted!". Installed as the app's default
    executor, quitting takes at most `QUIT_GRACE_S` whatever the workers are doing. (A subclass of
    ThreadPoolExecutor only because asyncio accepts nothing else; none of its pool is used.)
    """

    def __init__(self, grace: float = QUIT_GRACE_S):
        super().__init__(max_workers=1)
        self.grace = grace
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()

        def run() -> None:
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        result = fn(*args, **kwargs)
                    except BaseException as exc:  # noqa: BLE001 - handed to the awaiting task
                        future.set_exception(exc)
                    else:
                        future.set_result(result)
            finally:
                with self._lock:
                    self._threads.discard(threading.current_thread())

        thread = threading.Thread(target=run, daemon=True, name="newsreader-worker")
        with self._lock:
            self._threads.add(thread)
        thread.start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if not wait:
            return
        deadline = time.monotonic() + self.grace
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))


QUIET_S = 0.3
"""Background work waits until the person's last search ended (or last key in the search
field) at least this long ago: the results are drawn, and the next key often comes sooner."""
PAUSE_LIMIT_S = 5.0
"""The longest one pause of background work lasts (a search that never ends, keys held down):
then it goes on anyway, beside the person's work."""


class Foreground:
    """Work the person waits for goes first.

    The person's searches run inside `running()`, and each key typed in a search field calls
    `touch()`; background work (the app's warm-up, a whole list read after the first page)
    calls `pause()` at its pause points, which waits while a search runs and until the person
    has been quiet for `quiet_s` (at most `limit_s` at a time). Two threads of Python share
    one GIL, and two cores are shared with SQLite's reads: a search typed at launch took
    several times its own cost while the warm-up ran beside it (docs/performance.md).
    """

    def __init__(self, quiet_s: float = QUIET_S, limit_s: float = PAUSE_LIMIT_S):
        self.quiet_s = quiet_s
        self.limit_s = limit_s
        self._changed = threading.Condition()
        self._running = 0
        self._last = -quiet_s

    def touch(self) -> None:
        """The person just did something a search follows (a key in the search field)."""
        self._last = time.monotonic()

    @contextmanager
    def running(self) -> Iterator[None]:
        """A search the person waits for runs within."""
        with self._changed:
            self._running += 1
        try:
            yield
        finally:
            with self._changed:
                self._running -= 1
                self._last = time.monotonic()
                self._changed.notify_all()

    def busy(self) -> bool:
        """A search runs, or the person was busy less than `quiet_s` ago."""
        return bool(self._running) or time.monotonic() - self._last < self.quiet_s

    def pause(self) -> None:
        """Wait while the person is busy (at most `limit_s`); at once when they are not."""
        if not self.busy():  # the common case, without the lock: called very often
            return
        deadline = time.monotonic() + self.limit_s
        with self._changed:
            while (now := time.monotonic()) < deadline:
                if self._running:
                    self._changed.wait(deadline - now)
                elif (quiet := self._last + self.quiet_s - now) > 0:
                    self._changed.wait(min(quiet, deadline - now))
                else:
                    return
