"""Background work gives way to the person's searches (issue 23): `threads.Foreground`, reads
that stop or pause (`storage.yielding`), a search that stops between its steps once it is
no longer wanted. Order of events is asserted, never speed (that is in tests/bench)."""

from __future__ import annotations

import json
import threading

from tests.samples import fill
from tui.search import search
from tui.search.typo import CACHE
from tui.storage import yielding
from tui.threads import Foreground


def test_background_work_waits_for_a_running_search_and_a_quiet_moment():
    foreground, events = Foreground(quiet_s=0.05, limit_s=30), []
    foreground.pause()  # nobody searching: at once
    searching, paused = threading.Event(), threading.Event()

    def background() -> None:
        searching.wait(5)
        paused.set()
        foreground.pause()
        events.append("warm-up step")

    worker = threading.Thread(target=background)
    worker.start()
    with foreground.running():
        searching.set()
        paused.wait(5)
        assert foreground.busy()
        worker.join(0.2)  # it waits for the search, however long that takes
        events.append("search done")
    worker.join(5)
    assert events == ["search done", "warm-up step"]


def test_a_pause_has_a_deadline():
    foreground = Foreground(quiet_s=0.05, limit_s=0.1)
    with foreground.running():
        foreground.pause()  # returns although the search still runs
        assert foreground.busy()


def test_long_id_lists_parse_in_pieces_with_pauses_between(monkeypatch):
    monkeypatch.setattr(yielding, "PIECE", 64)
    ids = list(range(0, 3000, 7))
    pauses = []
    assert yielding.parse_ids(json.dumps(ids, separators=(",", ":")),
                              lambda: pauses.append(1)) == ids
    assert len(pauses) > 10
    assert yielding.parse_ids("[]") == [] and yielding.parse_ids("[5]") == [5]


def test_a_whole_list_read_stops_when_cancelled_and_pauses_when_asked(library, monkeypatch):
    monkeypatch.setattr(yielding, "STEPS", 10)  # a progress call every few rows of a test
    monkeypatch.setattr(yielding, "PIECE", 64)
    fill(library, 300)
    assert library.orders.every("newest", cancelled=lambda: True) is None
    assert library.orders.cached("newest") is None  # nothing half-read was kept
    pauses = []
    library.orders.warm(lambda: pauses.append(1))
    assert len(pauses) > 10  # in SQLite's steps and between the pieces of the JSON
    every = library.orders.every("newest", cancelled=lambda: False)
    assert every is not None and len(every) == 300
    assert every == library.articles.ids("newest")


def test_a_search_no_longer_wanted_stops_before_its_typo_expansion(library, monkeypatch):
    """A keystroke's search replaced by the next one's stops at its next step: no typo
    expansion (rapidfuzz over the vocabulary, Python that SQLite cannot interrupt)."""
    fill(library, 12)
    CACHE.read(library)
    expanded, wanted = [], [True]
    expand = CACHE.expand
    monkeypatch.setattr(CACHE, "expand", lambda *a, **k: expanded.append(a[1]) or expand(*a, **k))
    assert search(library, "mexicp", cancelled=lambda: not wanted[0]).total
    assert expanded  # the typo was expanded while the search was wanted
    expanded.clear()
    matching = library.matching.match_ids

    def then_replaced(*args, **kwargs):
        found = matching(*args, **kwargs)
        wanted[0] = False  # the next key came while the words as typed were matched
        return found

    monkeypatch.setattr(library.matching, "match_ids", then_replaced)
    result = search(library, "mexicp", cancelled=lambda: not wanted[0])
    assert "search cancelled" in result.notices and not result.ids
    assert expanded == []
