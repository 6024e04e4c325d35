"""Nothing waits without a deadline: a server that trickles its headers is cut off at the
request's deadline (add, feeds add, update), a fetch gives up at once when cancelled, and
quitting the app while a feed stalls takes under a second."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from tests.conftest import SEEDS, env_for
from tests.tmux import Tmux, newsreader_binary
from tui.ingest import add_sources
from tui.ingest.fetch import Cancelled, FetchError, fetch
from tui.ingest.update import subscribe, update_feeds
from tui.storage import Library
from tui.threads import QuittableExecutor

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Slow: " + b"a" * 10_000


@pytest.fixture
def trickle():
    """A server that sends its status line and headers one byte every 0.3 s, for ever:
    each read gets a byte well within any per-read timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                for byte in HEADERS:
                    if stop.wait(0.3):
                        return
                    conn.send(bytes([byte]))
            except OSError:
                pass

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/feed.xml"
    stop.set()
    server.close()


def timed(call) -> tuple[float, object]:
    started = time.monotonic()
    try:
        result = call()
    except Exception as exc:  # noqa: BLE001 - returned for the assertion
        result = exc
    return time.monotonic() - started, result


def test_headers_sent_one_byte_at_a_time_meet_the_deadline(trickle):
    elapsed, error = timed(lambda: fetch(trickle, max_bytes=10**6, timeout=1.5))
    assert isinstance(error, FetchError) and str(error) == "timed out after 1.5 s"
    assert elapsed < 3.0  # without a whole-request deadline: 3,000 s of headers


def test_add_feeds_add_and_update_meet_the_deadline(trickle, tmp_path):
    with Library(tmp_path / "library.db") as library:
        elapsed, report = timed(lambda: add_sources(library, [trickle], max_bytes=10**6,
                                                    timeout=1.0))
        assert elapsed < 2.5
        assert [(s.source, s.reason) for s in report.skipped] == [
            (trickle, "timed out after 1 s")]
        elapsed, error = timed(lambda: subscribe(library, trickle, max_bytes=10**6,
                                                 timeout=1.0))
        assert elapsed < 2.5 and str(error) == "timed out after 1 s"
        library.subscriptions.add(trickle, "Slow")
        elapsed, report = timed(lambda: update_feeds(library, max_bytes=10**6, timeout=1.0))
        assert elapsed < 2.5
        assert [s.reason for s in report.skipped] == ["timed out after 1 s"]


def test_a_cancelled_fetch_gives_up_at_once(trickle):
    cancel = threading.Event()
    threading.Timer(0.5, cancel.set).start()
    elapsed, error = timed(lambda: fetch(trickle, max_bytes=10**6, timeout=30,
                                         cancelled=cancel.is_set))
    assert isinstance(error, Cancelled)
    assert elapsed < 1.5


def test_update_stops_when_cancelled_and_keeps_what_it_had(trickle, tmp_path):
    with Library(tmp_path / "library.db") as library:
        library.subscriptions.add(trickle, "Slow")
        library.subscriptions.add(trickle + "?second", "Slow too")
        cancel = threading.Event()
        threading.Timer(0.5, cancel.set).start()
        elapsed, report = timed(lambda: update_feeds(library, max_bytes=10**6, timeout=30,
                                                     cancelled=cancel.is_set))
        assert elapsed < 1.5
        assert report.interrupted and report.skipped == []  # the second was never tried


def test_quitting_waits_little_for_stuck_threads():
    executor = QuittableExecutor(grace=0.3)
    release = threading.Event()
    stuck = executor.submit(release.wait, 60)
    quick = executor.submit(lambda: 42)
    assert quick.result(timeout=5) == 42
    elapsed, _ = timed(lambda: executor.shutdown(wait=True))
    assert 0.2 < elapsed < 1.0 and not stuck.done()
    release.set()
    assert stuck.result(timeout=5) is True


@pytest.mark.e2e
def test_q_while_a_stalled_feed_updates_quits_at_once(trickle, tmp_path):
    """Today: a blank screen and a live process for 90 s and more after `q`."""
    db = tmp_path / "library.db"
    with Library(db) as library:
        add_sources(library, [str(SEEDS)], max_bytes=10**7)
        library.subscriptions.add(trickle, "Slow")
    tmux = Tmux(width=100, height=30)
    try:
        env = env_for(tmp_path)  # its NEWSREADER_DB is this library
        tmux.start([newsreader_binary()], env)
        tmux.wait_for("1 article", timeout=30)
        tmux.keys("u")
        tmux.wait_for("Updating feeds", timeout=10)
        time.sleep(1.0)  # the fetch is under way, stalled in the headers
        started = time.monotonic()
        tmux.keys("q")
        tmux.wait_for("EXIT=0", timeout=20)
        quit_s = time.monotonic() - started
    finally:
        tmux.kill()
    assert quit_s < 2.0, quit_s  # 1 s, with room for a loaded machine and tmux's polling


@pytest.mark.parametrize("args, code", [(["update"], 1), (["add", "URL"], 130)])
def test_one_ctrl_c_stops_a_command_waiting_on_a_stalled_server(trickle, tmp_path, args, code):
    import signal
    import subprocess
    import sys

    from tests.privileges import CLI, ROOT

    db = tmp_path / "library.db"
    with Library(db) as library:
        library.subscriptions.add(trickle, "Slow")
    command = [sys.executable, "-c", CLI, "--db", str(db),
               *[trickle if a == "URL" else a for a in args]]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(2.0)  # started, and stalled in the headers
    process.send_signal(signal.SIGINT)
    started = time.monotonic()
    out, err = process.communicate(timeout=20)
    assert time.monotonic() - started < 2.0
    assert process.returncode == code and "Traceback" not in err, err
