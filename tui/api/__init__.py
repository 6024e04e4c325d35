"""The core service API: everything the command line and the app do to a library, one function
per verb. Both faces call these functions and nothing below them, so that every rule (how a
note's `#words` become tags, that an add re-reads stale entities, how a quote is cited and
copied) lives once.

    from tui import api

    library = api.open_library("library.db")
    report = api.add(library, ["story.txt"], max_bytes=10_000_000)
    result = api.search(library, "mexico trade", limit=5)
    note_id = api.add_note(library, result.ids[0], "Compare with 2013 #follow-up")
    quote = api.quote(library, result.ids[0], sentence=3, style="markdown")
    report = api.copy(quote.text, osc52=None)

Errors a person can cause (an unknown id, a read-only library, a quote not in the article)
raise `LibraryError` with a one-line message; the faces show it as it is. Nothing here imports
Textual, and what is slow to import (the ingest readers, the entity extractor, rapidfuzz) is
imported by the functions that need it.

The verbs live in three modules, all reached as `api.NAME`: `articles` (opening, adding,
reading, entities, rules), `notes` (search, saved searches, tags, notes, highlights, quotes and
the clipboard) and `files` (export, backup, feeds).
"""

from __future__ import annotations

from ..annotations import split_tags
from ..help_text import ADD_FORMATS, QUERY_HELP
from ..models import (
    Annotation,
    Article,
    ArticleRow,
    EntitySpan,
    IngestReport,
    SearchResult,
    Version,
)
from ..quotes import STYLES
from ..rules import RuleError
from ..storage import Feed, Library, LibraryError, explain
from .articles import (
    ArticleView,
    Progress,
    add,
    add_seeds_if_empty,
    article_entities,
    article_rows,
    extract_file,
    extract_lines,
    list_articles,
    markdown,
    open_library,
    parse_fields,
    parse_rule,
    reextract_entities,
    review,
    review_entry,
    rule_matches,
    show,
    stale_entities,
    stats,
    top_entities,
    version,
)
from .files import (
    backup,
    export_json,
    export_markdown,
    feeds,
    subscribe,
    unsubscribe,
    update_feeds,
)
from .notes import (
    Quote,
    add_highlight,
    add_note,
    copy,
    delete_note,
    delete_search,
    describe_copy,
    edit_note,
    in_tmux,
    notes,
    quote,
    quote_passage,
    save_note,
    save_search,
    saved_search_counts,
    saved_searches,
    search,
    show_by_hand,
    tag,
    tags,
)

__all__ = [
    "ADD_FORMATS", "QUERY_HELP", "STYLES", "Annotation", "Article", "ArticleRow", "ArticleView",
    "EntitySpan", "IngestReport", "Progress", "SearchResult", "Version", "Feed", "Library", "LibraryError",
    "Quote", "add", "add_seeds_if_empty", "add_highlight", "add_note", "article_entities",
    "article_rows", "backup", "copy",
    "delete_note", "delete_search", "describe_copy", "edit_note", "explain", "export_json",
    "export_markdown", "extract_file", "extract_lines", "feeds", "in_tmux", "list_articles", "notes",
    "open_library", "parse_fields", "quote", "quote_passage", "reextract_entities",
    "markdown", "review", "review_entry", "save_note", "save_search", "saved_search_counts", "saved_searches", "search", "show", "parse_rule", "rule_matches", "RuleError",
    "show_by_hand", "split_tags", "stale_entities", "stats", "subscribe", "tag", "tags",
    "top_entities", "unsubscribe", "update_feeds", "version",
]
