"""`Library` composed of parts that own their tables and share its connections."""

from __future__ import annotations

from tests.conftest import make_article
from tui.storage import Library
from tui.storage.backup import Backups
from tui.storage.feeds import Subscriptions
from tui.storage.notes import Notes
from tui.storage.saved import SavedSearches


def test_parts_are_reached_as_attributes_and_share_one_connection(tmp_path):
    with Library(tmp_path / "parts.db") as library:
        assert isinstance(library.notes, Notes) and isinstance(library.saved, SavedSearches)
        assert isinstance(library.subscriptions, Subscriptions)
        assert isinstance(library.backups, Backups)
        for part in (library.notes, library.saved, library.subscriptions, library.backups):
            assert part.db is library
        [(_, article_id)] = library.upsert_articles([make_article("Otters", "Otters swim.")])
        note = library.notes.add_note(article_id, "worth a look", tags=["otters"])
        assert library.notes.annotation(note).tags == ["otters"]
        assert library.subscriptions.add("https://example.com/feed.xml")
        library.saved.save("water", "otters")
        # The facade the faces still call gives the same answers.
        assert library.feeds() == library.subscriptions.all()
        assert library.saved_searches() == library.saved.all() == [("water", "otters")]
        assert library.all_annotations(tag="otters") == library.notes.all_annotations(
            tag="otters")
        assert library.backups.make(tmp_path / "copy.db") > 0


def test_a_part_needs_only_what_its_protocol_names(tmp_path):
    """A part is given any object with the connection protocol: here a second library."""
    with Library(tmp_path / "a.db") as first, Library(tmp_path / "b.db") as second:
        SavedSearches(second).save("elsewhere", "herons")
        assert first.saved_searches() == []
        assert second.saved_searches() == [("elsewhere", "herons")]
