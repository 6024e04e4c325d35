"""Plain records shared by the core, the command line and the app (no Textual here).

They are `tui.records` records, not dataclasses: storage loads this module, so a one-off
`newsreader search` would pay for `dataclasses` (and `inspect`) and for making each class
(docs/performance.md, issue 23). Each names its fields once in `_fields`.
"""

from __future__ import annotations

from .records import FrozenRecord, Record

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: see above
if TYPE_CHECKING:
    from typing import Any


class Article(Record):
    """One article as the ingesters produce it and the library stores it.

    Text fields are already cleaned (see `tui.text`): every offset computed on
    `body` later (entities, highlights) stays valid because nothing rewrites it after ingest.
    """


    def __init__(self, title: str, body: str, source: str = "", author: str = "",
                 url: str = "", published: str = "", credit: str = "", path: str = "",
                 id: int | None = None, uid: str = "", content_hash: str = "",
                 word_count: int = 0, added: str = "", updated: str = "", read: bool = False,
                 starred: bool = False):
        self.title = title
        self.body = body
        self.source = source
        self.author = author
        self.url = url
        self.published = published
        """ISO 8601 date or date-time, or "" when unknown."""
        self.credit = credit
        """A picture or wire credit such as "© Getty Images", kept out of the body."""
        self.path = path
        """Where the article was read from (a file path, a URL, or "-" for standard input)."""
        self.id = id
        self.uid = uid
        self.content_hash = content_hash
        self.word_count = word_count
        self.added = added
        self.updated = updated
        self.read = read
        self.starred = starred

    def to_dict(self) -> dict[str, Any]:
        return self.fields()

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class ArticleRow(Record):
    """The light record the library list shows: no body."""


    def __init__(self, id: int, title: str, source: str, published: str, added: str,
                 read: bool, starred: bool, word_count: int = 0, tags: int = 0, notes: int = 0):
        self.id = id
        self.title = title
        self.source = source
        self.published = published
        self.added = added
        self.read = read
        self.starred = starred
        self.word_count = word_count
        self.tags = tags
        self.notes = notes

    @property
    def date(self) -> str:
        """The date shown in lists: published when known, else when it was added."""
        return (self.published or self.added)[:10]

    @property
    def undated(self) -> bool:
        """No publication date is known: `date` is when the article was added."""
        return not self.published


class Version(Record):
    """An earlier text of an article, kept when an add replaced it.

    Attributes:
        number: 1 for the first text stored, counting up; the article's current text is the
            number after its last version.
        stored: when this text became the article's (ISO 8601, UTC).
        replaced: when a later add replaced it.
        path: where this text was read from (a file, a URL, a feed, "-").
        replaced_by: where the text that replaced it was read from.
    """


    def __init__(self, number: int, title: str, source: str, author: str, url: str,
                 published: str, credit: str, path: str, word_count: int, stored: str,
                 replaced: str, replaced_by: str, body: str = ""):
        self.number = number
        self.title = title
        self.source = source
        self.author = author
        self.url = url
        self.published = published
        self.credit = credit
        self.path = path
        self.word_count = word_count
        self.stored = stored
        self.replaced = replaced
        self.replaced_by = replaced_by
        self.body = body

    def to_dict(self, *, body: bool = True) -> dict[str, Any]:
        data = self.fields()
        if not body:
            del data["body"]
        return data


class Merge(Record):
    """A source an add folded into an article stored from another source, and why."""


    def __init__(self, source: str, article_id: int, reason: str):
        self.source = source
        self.article_id = article_id
        self.reason = reason
        """"same URL" (its canonical URL) or "same text" (its letters and digits, ignoring
        case)."""


class Skip(Record):
    """A source that was not ingested, with a one-line human reason."""


    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason


class IngestReport(Record):
    """What one `add` did, in the shape `newsreader add --json` prints."""


    def __init__(self, added: int = 0, updated: int = 0, unchanged: int = 0, kept: int = 0,
                 merged: list[Merge] | None = None, skipped: list[Skip] | None = None,
                 warnings: list[Skip] | None = None, ids: list[int] | None = None,
                 new_ids: list[int] | None = None, changed_ids: list[int] | None = None,
                 rule_matched: dict[str, int] | None = None,
                 rule_skipped: dict[str, int] | None = None, ignored: int = 0,
                 interrupted: bool = False, error: str = "", reextracted: int = 0):
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.kept = kept
        """Stored articles an add would have changed but left as they are (`--no-update`)."""
        self.merged: list[Merge] = [] if merged is None else merged
        """Sources folded into an article stored from another source (see `Merge`)."""
        self.skipped: list[Skip] = [] if skipped is None else skipped
        self.warnings: list[Skip] = [] if warnings is None else warnings
        self.ids: list[int] = [] if ids is None else ids
        self.new_ids: list[int] = [] if new_ids is None else new_ids
        """Articles this add created."""
        self.changed_ids: list[int] = [] if changed_ids is None else changed_ids
        """Articles this add created or updated (what rules apply to)."""
        self.rule_matched: dict[str, int] = {} if rule_matched is None else rule_matched
        """Per rule (`Rule.describe()`), the articles of this add it matched."""
        self.rule_skipped: dict[str, int] = {} if rule_skipped is None else rule_skipped
        """Per `skip` rule, the new articles it turned away (not stored, not in `added`)."""
        self.ignored = ignored
        """Files of other types met while walking folders (not errors, not one by one)."""
        self.interrupted = interrupted
        """Stopped by Ctrl-C: every batch committed before stays; adding again finishes."""
        self.error = error
        """Why storing stopped part way (a full disk, say): batches committed before stay."""
        self.reextracted = reextracted
        """Articles an older entity extractor read whose entities `tui.api.add` read again
        (not part of `to_dict`: `newsreader add --json` prints what the sources did)."""

    def counts(self, hint: str = "") -> str:
        """The one-line summary people read: what happened to how many sources.

        Args:
            hint: Where the merges are listed (e.g. "--json or -v lists them"), said after
                their count.
        """
        line = (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                f"skipped {len(self.skipped)}")
        if self.kept:
            line += f", kept as stored {self.kept}"
        if self.rule_skipped:
            line += f", skipped by rules {sum(self.rule_skipped.values())} (" + "; ".join(
                f"{count} by {name}" for name, count in self.rule_skipped.items()) + ")"
        if self.merged:
            line += ("; 1 source merged into an article stored from another source"
                     if len(self.merged) == 1 else f"; {len(self.merged)} sources merged "
                     "into articles stored from other sources")
            line += f" ({hint})" if hint else ""
        return line

    def to_dict(self) -> dict[str, Any]:
        data = {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "kept": self.kept,
            "merged": [m.fields() for m in self.merged],
            "skipped": [s.fields() for s in self.skipped],
            "warnings": [{"source": w.source, "warning": w.reason} for w in self.warnings],
        }
        if self.rule_matched:
            data["rules"] = [{"rule": name, "matched": count,
                              "skipped": self.rule_skipped.get(name, 0)}
                             for name, count in self.rule_matched.items()]
            data["skipped_by_rules"] = sum(self.rule_skipped.values())
        if self.interrupted:
            data["interrupted"] = True
        if self.error:
            data["error"] = self.error
        return data


class Span(Record):
    """A highlighted range of text: absolute character offsets, end exclusive."""


    def __init__(self, start: int, end: int, kind: str = "hit"):
        self.start = start
        self.end = end
        self.kind = kind


class SearchHit(Record):
    """One article a search found, with its snippet (a `Record`, not a dataclass: a one-off
    `newsreader search` makes these, see `tui.records`)."""


    def __init__(self, id: int, title: str, source: str, published: str, score: float,
                 snippet: str, snippet_spans: list[Span] | None = None):
        self.id = id
        self.title = title
        self.source = source
        self.published = published
        self.score = score
        self.snippet = snippet
        """Plain text of the snippet; `snippet_spans` says which parts matched."""
        self.snippet_spans: list[Span] = [] if snippet_spans is None else snippet_spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


class SearchResult(Record):
    """What a search found: the count, every id in order, the hits of the first page and
    what the person should be told."""


    def __init__(self, query: str, total: int, hits: list[SearchHit],
                 ids: list[int] | None = None, notices: list[str] | None = None,
                 terms: list[str] | None = None, elapsed_ms: float = 0.0, ranked: bool = True,
                 ranking: str = "relevance", suggestions: list[str] | None = None):
        self.query = query
        self.total = total
        self.hits = hits
        self.ids: list[int] = [] if ids is None else ids
        """Every matching id in rank order (the library list shows all of them)."""
        self.notices: list[str] = [] if notices is None else notices
        """Human notes on the query: parts ignored, typo corrections made."""
        self.terms: list[str] = [] if terms is None else terms
        """The words searched for, for highlighting hits in the reader."""
        self.elapsed_ms = elapsed_ms
        self.ranked = ranked
        """False when the matches were too many to rank and come newest first."""
        self.ranking = ranking
        """The order of a ranked result: "relevance" (bm25), "mentions" (filters on names
        alone: the articles most about them first), "newest" (other filters alone), or the
        list order asked for ("newest", "oldest", "title")."""
        self.suggestions: list[str] = [] if suggestions is None else suggestions
        """Queries the person more likely meant ("did you mean ...?"), best first."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "results": [h.to_dict() for h in self.hits],
            "notices": self.notices,
            "suggestions": self.suggestions,
        }


class EntitySpan(FrozenRecord):
    """One entity in a text: offsets are characters, end exclusive, `text == body[start:end]`.

    Attributes:
        label: PERSON, ORG, PLACE, DATE or MONEY.
        canonical: the name mentions are grouped under ("Blinken" -> "Antony Blinken",
            "U.S." -> "United States").
        in_title: the offsets are into the article's title, not its body.
    """

    __slots__ = _fields = ("start", "end", "text", "label", "canonical", "in_title")
    start: int
    end: int
    text: str
    label: str
    canonical: str
    in_title: bool

    def __init__(self, start: int, end: int, text: str, label: str, canonical: str,
                 in_title: bool = False):
        # Each slot's own setter, as a frozen dataclass's __init__ sets fields without
        # `__setattr__`: a third quicker than `object.__setattr__` by name (spans are made by
        # the tens of thousands; docs/performance.md, issue 19 fourth round).
        set_start, set_end, set_text, set_label, set_canonical, set_in_title = SPAN_SLOTS
        set_start(self, start)
        set_end(self, end)
        set_text(self, text)
        set_label(self, label)
        set_canonical(self, canonical)
        set_in_title(self, in_title)

    def to_dict(self) -> dict[str, Any]:
        """The shape of `newsreader entities --json` and `show --json`'s "entities" (and of
        their "title_entities", which say which list they are in)."""
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "canonical": self.canonical}


SPAN_SLOTS: tuple[Any, ...] = tuple(EntitySpan.__dict__[name].__set__ for name in EntitySpan._fields)
"""The setter of each of EntitySpan's slots, in field order: `EntitySpan.__init__` sets the
fields with them, and the extractor makes its spans with them and `object.__new__` (no
`__init__` call at all: 0.7 us a span instead of 2.4)."""


class Annotation(Record):
    """An article note (kind "note") or a passage highlight (kind "highlight") with its note.

    A highlight's `start`/`end` are offsets in the article body as it is now; both are None
    for an article note and for an orphan (a highlight the current text no longer holds).
    """


    def __init__(self, id: int, article_id: int, kind: str, text: str, quote: str,
                 start: int | None, end: int | None, orphan: bool, author: str, created: str,
                 updated: str, tags: list[str], prefix: str = "", suffix: str = "",
                 article_title: str = "", version: int | None = None, colour: str = "lilac",
                 seen: str = "", skips: int = 0):
        self.id = id
        self.article_id = article_id
        self.kind = kind
        self.text = text
        """The note; may be empty for a highlight."""
        self.quote = quote
        """The highlighted passage ("" for an article note)."""
        self.start = start
        self.end = end
        self.orphan = orphan
        self.author = author
        self.created = created
        self.updated = updated
        self.tags = tags
        self.prefix = prefix
        self.suffix = suffix
        self.article_title = article_title
        self.version = version
        """For an orphan: the article's version (see `Version.number`) whose text still
        holds the passage; None when it is placed, or was orphaned before versions were
        kept."""
        self.colour = colour
        """A highlight's colour (`tui.highlights.COLOURS`)."""
        self.seen = seen
        """When the daily review last showed it (ISO 8601, UTC; "" never)."""
        self.skips = skips
        """How often the review skipped it (it comes back less often)."""

    def to_dict(self) -> dict[str, Any]:
        data = self.fields()
        data["tags"] = list(self.tags)  # a copy, as dataclasses.asdict made
        return data
