"""`Library` composed of parts that own their tables and share its connections."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from tests.conftest import make_article
from tui.storage import Library
from tui.storage.articles import Articles
from tui.storage.backup import Backups
from tui.storage.entities import Entities
from tui.storage.feeds import Subscriptions
from tui.storage.matching import Matching
from tui.storage.notes import Notes
from tui.storage.orders import Orders
from tui.storage.saved import SavedSearches
from tui.storage.vocabulary import IndexVocabulary


def test_parts_are_reached_as_attributes_and_share_one_connection(tmp_path):
    with Library(tmp_path / "parts.db") as library:
        assert isinstance(library.notes, Notes) and isinstance(library.saved, SavedSearches)
        assert isinstance(library.subscriptions, Subscriptions)
        assert isinstance(library.backups, Backups)
        for part in (library.notes, library.saved, library.subscriptions, library.backups):
            assert part.db is library
        [(_, article_id)] = library.articles.upsert([make_article("Otters", "Otters swim.")])
        note = library.notes.add_note(article_id, "worth a look", tags=["otters"])
        assert library.notes.annotation(note).tags == ["otters"]
        assert library.subscriptions.add("https://example.com/feed.xml")
        library.saved.save("water", "otters")
        # No facade: the library holds parts and delegates nothing to them.
        assert len(library.subscriptions.all()) == 1
        assert library.saved.all() == [("water", "otters")]
        for gone in ("get_article", "add_note", "tags", "feeds", "saved_searches", "warm_orders"):
            assert not hasattr(library, gone), gone
        assert library.backups.make(tmp_path / "copy.db") > 0


def test_a_part_needs_only_what_its_protocol_names(tmp_path):
    """A part is given any object with the connection protocol: here a second library."""
    with Library(tmp_path / "a.db") as first, Library(tmp_path / "b.db") as second:
        SavedSearches(second).save("elsewhere", "herons")
        assert first.saved.all() == []
        assert second.saved.all() == [("elsewhere", "herons")]


class BareConnections:
    """The least a part is given: one connection and write transactions, no `Library`."""

    def __init__(self, path):
        self.path = path
        self.readonly = False
        self.conn = sqlite3.connect(path, isolation_level=None)

    @contextmanager
    def write(self, *, wait=True):
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def connect(self):
        return sqlite3.connect(self.path)


def test_library_is_no_mixin_but_parts_each_usable_on_bare_connections(tmp_path):
    """Each part is made from what it names (connections, other parts) and works without a
    `Library` around it: the articles' part stores an article with its entities and a
    version, the orders and matching parts find it, the vocabulary counts its words."""
    assert Library.__bases__ == (object,)
    path = tmp_path / "bare.db"
    Library(path).close()  # the schema, once
    db = BareConnections(path)
    notes = Notes(db)
    entities = Entities(db)
    articles = Articles(db, entities, notes)
    orders = Orders(db, articles)
    matching = Matching(db, articles, orders)
    vocabulary = IndexVocabulary(db, entities)
    [(status, first)] = articles.upsert([make_article("Otters", "Otters swim in Paris.",
                                                      path="otters.txt")])
    [(_, second)] = articles.upsert([make_article("Herons", "Herons wade.")])
    assert status == "added" and articles.count() == 2 and articles.get(first).title == "Otters"
    assert [s.text for s in entities.for_article(first)] == ["Paris"]
    assert entities.top("PLACE") == [("Paris", "PLACE", 1)]
    assert set(orders.in_order(None)) == {first, second} and orders.listed_count() == 2
    assert matching.match_ids('"otters"')[0] == [first]
    assert notes.tag_articles([second], ["birds"]) == 1 and notes.article_tags(second) == ["birds"]
    assert vocabulary.refresh() and ("herons", 1) in vocabulary.words()
    updated = make_article("Otters", "Otters swim in Lyon.", path="otters.txt")
    assert articles.upsert([updated])[0] == ("updated", first)
    assert [v.number for v in articles.versions(first)] == [1]
    assert [s.text for s in entities.for_article(first)] == ["Lyon"]
    db.conn.close()
