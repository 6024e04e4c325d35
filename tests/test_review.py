"""The daily review: weighted toward highlights not seen for long; keep, skip, tag, open."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.conftest import SEED, settle
from tui.app import make_app
from tui.highlights import daily_review, review_pick
from tui.models import Annotation
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.review import ReviewScreen

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def note(i: int, seen: str = "", skips: int = 0, created: str = "2026-12-01T00:00:00Z"):
    return Annotation(i, 1, "highlight", "", f"quote {i}", 0, 5, False, "me", created, created,
                      [], seen=seen, skips=skips)


def test_review_prefers_highlights_not_seen_for_long():
    old = [note(i, seen="2025-12-01T00:00:00Z") for i in range(10)]
    recent = [note(100 + i, seen="2026-12-06T00:00:00Z") for i in range(10)]
    wins = sum(n.id < 100 for day in range(30) for n in review_pick(
        old + recent, size=5, today=NOW.replace(day=1 + day % 28), seed=str(day)))
    assert wins > 0.9 * 150  # a year unseen weighs ~365 times a day unseen


def test_review_skips_weigh_less_and_today_is_left_out():
    today = [note(i, seen="2026-12-07T08:00:00Z") for i in range(5)]
    assert review_pick(today, today=NOW) == []
    skipped = [note(i, seen="2026-10-01T00:00:00Z", skips=50) for i in range(20)]
    plain = [note(100 + i, seen="2026-10-01T00:00:00Z") for i in range(20)]
    picked = review_pick(skipped + plain, size=5, today=NOW)
    assert sum(n.id >= 100 for n in picked) >= 4


def test_the_draw_is_the_same_all_day_and_ends():
    notes = [note(i) for i in range(40)]
    first = [n.id for n in review_pick(notes, today=NOW)]
    assert first == [n.id for n in review_pick(notes, today=NOW.replace(hour=20))]
    assert len(first) == 5
    for seen in first[:2]:  # two kept: the other three come back, and no others
        notes[seen].seen = "2026-12-07T13:00:00Z"
    assert [n.id for n in review_pick(notes, today=NOW)] == first[2:]
    for seen in first[2:]:
        notes[seen].seen = "2026-12-07T13:00:00Z"
    assert review_pick(notes, today=NOW) == []


def test_review_json(run):
    assert run("add", str(SEED)).exit_code == 0
    result = run("note", "1", "A key figure", "--quote",
                 "One billion dollars crosses our shared border")
    assert result.exit_code == 0
    data = json.loads(run("review", "--json").output)
    assert len(data) == 1 and data[0]["quote"].startswith("One billion dollars")
    assert data[0]["note"] == "A key figure" and data[0]["seen"] == ""
    assert run("review", "--seen").exit_code == 0
    assert json.loads(run("review", "--json").output) == []  # seen today: done


async def test_review_screen_keep_skip_tag_open(seeded):  # noqa: F811
    article_id = seeded.articles.list_rows(1)[0].id
    for start in (0, 40, 80):
        seeded.notes.add_highlight(article_id, start, start + 20)
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("R")
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen)
                     and len(app.screen.entries) == 3)
        review = app.screen
        first = review.current
        await pilot.press("t")
        await pilot.press(*"later", "enter")
        await settle(pilot, lambda: "later" in first.tags)
        await pilot.press("k")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        await pilot.press("q")
        await settle(pilot, lambda: app.screen is review)
        await pilot.press("k")
        await settle(pilot)
        assert "Done for today: 2 kept, 1 skipped" in str(
            review.query_one("#review-quote").render())
    notes = {n.id: n for n in seeded.highlights.review_candidates()}
    assert notes[first.id].tags == ["later"] and notes[first.id].seen
    assert sum(n.skips for n in notes.values()) == 1
    assert all(n.seen for n in notes.values())
    assert daily_review(seeded) == []
