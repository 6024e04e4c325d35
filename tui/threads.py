"""Worker threads that never keep the app from quitting (no Textual here)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
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
