"""Commands over articles: add, list, show, search, searches, stats."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click

from .. import api
from ..entry import SORTS
from ..text import visible, wrap_lines
from . import LIMIT, Failure, State, cli, emit_json, json_option, parse_id, pass_state, say
from .entities import ReextractBar

INDENT = " " * 8
"""Where a search result's snippet lines start (under the title, past the id)."""


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--source", "source_name", default="", help="Source name for articles without one.")
@click.option("--source-from-folder", is_flag=True,
              help="Articles from files that name no source take their folder's name as one "
                   "(bbc/business/001.txt: business); before --source.")
@click.option("--field", "field_pairs", multiple=True, metavar="NAME=FIELD",
              help="Read a dump's NAME (title, text, url, date, source, author) from FIELD.")
@click.option("--update/--no-update", "update", default=None,
              help="Whether articles already stored take a changed text (the old one is kept "
                   "as a version). Default: `update` under [ingest] in the config, else yes.")
@click.option("--verbose", "-v", is_flag=True,
              help="Also list each source merged into an article stored from another source.")
@json_option
@pass_state
def add(state: State, sources: tuple[str, ...], source_name: str, source_from_folder: bool,
        field_pairs: tuple[str, ...], update: bool | None, verbose: bool,
        as_json: bool) -> None:
    """Add articles from files, folders (recursively), http(s) URLs or `-` (standard input).

    Reads text (.txt, .md: the first line is the title, paragraphs are separated by blank
    lines), web pages (.html, .htm), RSS and Atom feeds (.rss, .atom, .xml: one article per
    entry), and dataset dumps (.jsonl, .json, .csv with a header: one article per record).
    A URL is fetched and read as a page or a feed. Re-adding an article updates it instead of
    duplicating it: the text it replaces is kept as a version (`show ID --version N`), and a
    value the new copy lacks (source, author, URL, date) keeps the stored one. --no-update
    leaves stored articles as they are. Sources folded into an article stored from another
    source (the same URL, or the same text) are counted; -v or --json lists them. Exit code 1
    when any source, entry or record was skipped.

    \b
    Examples:
      newsreader add story.txt notes/ --source "BBC News"
      newsreader add corpus/ --source-from-folder
      newsreader add https://example.com/news/story.html
      newsreader add dump.csv --field text=article_text
      newsreader add feed.xml --no-update
      cat story.txt | newsreader add -
    """
    fields = api.parse_fields(field_pairs)
    library = state.open(write=True)
    settings = state.config()
    options: dict[str, Any] = {
        "max_bytes": settings.max_file_bytes, "stdin": sys.stdin.buffer,
        "source_name": source_name, "source_from_folder": source_from_folder,
        "fields": fields, "workers": settings.workers or None,
        "update": settings.update_articles if update is None else update,
        "rules": settings.rules}
    # api.add also reads again the entities of articles an older extractor read.
    with ReextractBar(quiet=as_json) as reextract_progress:
        if not as_json and sys.stderr.isatty() and _many_files(sources):
            report = _add_with_progress(library, sources, options, reextract_progress)
        else:
            report = api.add(library, sources, reextract_progress=reextract_progress,
                             **options)
    reextracted = report.reextracted
    if reextracted and not as_json:
        noun = "article" if reextracted == 1 else "articles"
        say(f"entities found again in {reextracted} {noun} an older newsreader read",
            err=True)
    if as_json:
        emit_json(report.to_dict())
    else:
        # File names, URLs and the reasons quoting them are untrusted: spelt out, never sent.
        for skip in report.skipped:
            say(visible(f"skipped {skip.source}: {skip.reason}"), err=True)
        for warning in report.warnings:
            say(visible(f"warning {warning.source}: {warning.reason}"), err=True)
        if verbose:
            for merge in report.merged:
                say(visible(f"merged {merge.source} into article {merge.article_id} "
                            f"({merge.reason})"), err=True)
        line = report.counts("" if verbose else "-v or --json lists them")
        if report.ignored:
            line += f" ({report.ignored} files of other types ignored)"
        if not report.error or report.added or report.updated:
            say(line)  # never "added 0" just before the line that says it failed
    if report.error:
        if report.added or report.updated:
            raise Failure(f"{report.error.removesuffix('; nothing was changed')}; the articles "
                          "counted above were stored: run the same command again to add the rest")
        raise Failure(report.error)
    if report.interrupted:
        say("interrupted: what was added so far is kept; run the same command again "
            "to add the rest", err=True)
        raise SystemExit(130)
    if report.skipped:
        raise SystemExit(1)


BIG_SOURCE = 1024 * 1024
"""A file of this size or more (a dump, say) is worth a progress bar on its own."""


def _many_files(sources: tuple[str, ...]) -> bool:
    def big(source: str) -> bool:
        try:
            return Path(source).is_dir() or Path(source).stat().st_size >= BIG_SOURCE
        except OSError:
            return False

    return len(sources) > 5 or any(big(s) for s in sources if s != "-")


def _add_with_progress(library: api.Library, sources: tuple[str, ...], options: dict[str, Any],
                       reextract_progress: api.Progress) -> api.IngestReport:
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("adding"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[articles]:,} articles"), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("add", total=None, articles=0)

        def progress(done: int, total: int, articles: int) -> None:
            bar.update(task, completed=done, total=total or None, articles=articles)

        def reextracting(done: int, total: int) -> None:
            bar.stop()  # adding is done: entities read again get a bar of their own
            reextract_progress(done, total)

        return api.add(library, sources, progress=progress, reextract_progress=reextracting,
                       **options)


@cli.command("list")
@click.option("--limit", "-n", type=LIMIT, default=None, help="At most N rows.")
@click.option("--sort", type=click.Choice(["newest", "oldest", "title"]), default="newest")
@json_option
@pass_state
def list_(state: State, limit: int | None, sort: str, as_json: bool) -> None:
    """List articles, newest first.

    Each line: id, ● unread, * starred, the date, the title and the source. A date followed by
    + is when the article was added: it has no publication date.

    \b
    Example:
      newsreader list --limit 10
    """
    rows = api.list_articles(state.open(create=False), limit=limit, order=sort)
    if as_json:
        emit_json([
            {"id": r.id, "title": r.title, "source": r.source, "published": r.published,
             "added": r.added, "read": r.read, "starred": r.starred}
            for r in rows
        ])
        return
    for r in rows:
        marker = " " if r.read else "●"
        star = "*" if r.starred else " "
        source = f"  ({r.source})" if r.source else ""
        added = "+" if r.undated else " "  # no publication date: the date it was added
        say(f"{r.id:>6} {marker}{star} {r.date:10}{added} {r.title}{source}")


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("--version", "number", type=click.IntRange(min=1, max=1_000_000), default=None,
              metavar="N", help="Show earlier version N (1 is the first text stored).")
@click.option("--format", "form", type=click.Choice(["text", "markdown"]), default="text",
              help="markdown: YAML front matter (title, source, author, url, published, "
                   "tags), the title as a heading, then the text, as `|` in the reader pipes "
                   "it.")
@json_option
@pass_state
def show(state: State, article_id: str, number: int | None, form: str, as_json: bool) -> None:
    """Print one article, or one of its earlier versions.

    An add that changes an article's text keeps the text it replaces as a version, numbered
    from 1; the article's current text is the number after its last version. With --json,
    "versions" lists them ({"number", "title", "stored", "replaced", "path", "replaced_by",
    ...}, without their bodies; "added" is when the article was first stored), and
    "entities" lists the people, organisations, places, dates and amounts it mentions:
    {"start", "end", "text", "label", "canonical"}, offsets into "body";
    "title_entities" lists those of its title, offsets into "title".

    \b
    Examples:
      newsreader show 1 --json
      newsreader show 1 --version 1
      newsreader show 1 --format markdown | pandoc -o story.docx
    """
    library = state.open(create=False)
    wanted = parse_id(article_id)
    view = api.show(library, wanted)
    article, versions, current = view.article, view.versions, view.current
    if number is not None and number != current:
        _show_version(library, article, number, current, as_json)
        return
    if as_json:
        data = article.to_dict()
        data["version"] = current
        data["versions"] = [v.to_dict(body=False) for v in versions]
        data["entities"] = [span.to_dict() for span in view.entities]
        data["title_entities"] = [span.to_dict() for span in view.title_entities]
        emit_json(data)
        return
    if form == "markdown":
        say(api.markdown(library, wanted), nl=False)
        return
    say(article.title)
    say(" · ".join(_meta(article.source, article.author, article.published,
                                article.added, article.word_count)))
    if versions:
        noun = "version" if len(versions) == 1 else "versions"
        say(f"version {current}: {len(versions)} earlier {noun} "
            f"(newsreader show {article.id} --version N)")
    if article.url:
        say(article.url)
    if article.credit:
        say(article.credit)
    say()
    say(article.body)


def _meta(source: str, author: str, published: str, added: str, words: int) -> list[str]:
    """The line under a title: what is known, and a date that says what it is."""
    date = published[:10] if published else f"added {added[:10]} (no publication date)"
    return [m for m in (source, author, date) if m] + [f"{words} words"]


def _show_version(library: api.Library, article: api.Article, number: int, current: int,
                  as_json: bool) -> None:
    assert article.id is not None
    version = api.version(library, article.id, number)
    if as_json:
        emit_json({"id": article.id, "current_version": current, **version.to_dict()})
        return
    say(version.title)
    say(" · ".join(_meta(version.source, version.author, version.published,
                                article.added, version.word_count)))
    say(f"version {number} of {current}: stored {version.stored[:16]} from "
        f"{visible(version.path) or 'unknown'}, replaced {version.replaced[:16]} "
        f"by {visible(version.replaced_by) or 'unknown'}")
    if version.url:
        say(version.url)
    if version.credit:
        say(version.credit)
    say()
    say(version.body)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", type=LIMIT, default=20, show_default=True)
@click.option("--sort", type=click.Choice(SORTS),
              default="relevance", show_default=True)
@click.option("--save", "save_as", metavar="NAME", help="Also save the query under NAME.")
@json_option
@pass_state
def search(state: State, query: tuple[str, ...], limit: int, sort: str, save_as: str | None,
           as_json: bool) -> None:
    """Search titles and bodies; best matches first (bm25, title above body).

    \b
    The query language:
    QUERY_HELP

    \b
    Examples:
      newsreader search mexico trade
      newsreader search '"Tatiana Clouthier"' --json
      newsreader search --save weekly 'is:unread after:7d'
    """
    library = state.open(create=False)
    text = " ".join(query)
    if save_as:
        api.save_search(library, save_as, text)
        say(f"saved as {save_as!r}", err=True)
    result = api.search(library, text, limit=limit, order=sort, page_only=True)
    if as_json:
        emit_json(result.to_dict())
        return
    for notice in result.notices:
        say(notice, err=True)
    bold = sys.stdout.isatty()
    # Snippets wrap under their indent within the terminal (80 columns when not a terminal).
    width = max(20, shutil.get_terminal_size().columns - len(INDENT) - 1)
    for hit in result.hits:
        meta = ", ".join(m for m in (hit.source, hit.published[:10]) if m)
        say(f"{hit.id:>6}  {hit.title}" + (f"  ({meta})" if meta else ""))
        for start, end in wrap_lines(hit.snippet, width):
            # Hits in bold on a terminal: the offsets hold, as `say` replaces one for one.
            shift = len(INDENT) - start
            spans = [(max(s.start, start) + shift, min(s.end, end) + shift)
                     for s in hit.snippet_spans if s.start < end and s.end > start]
            say(INDENT + hit.snippet[start:end], bold=spans if bold else ())
    noun = "article matches" if result.total == 1 else "articles match"
    say(f"{result.total} {noun}", err=True)


search.help = (search.help or "").replace("QUERY_HELP", api.QUERY_HELP.replace("\n", "\n    "))


@cli.command()
@click.option("--delete", "delete_name", metavar="NAME", help="Forget a saved search.")
@json_option
@pass_state
def searches(state: State, delete_name: str | None, as_json: bool) -> None:
    """List saved searches with how many articles each matches now.

    \b
    Examples:
      newsreader searches
      newsreader searches --delete weekly
    """
    library = state.open(create=False)
    if delete_name:
        api.delete_search(library, delete_name)
        say(f"deleted {delete_name!r}")
        return
    rows = api.saved_search_counts(library)
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        say(f"{row['count']:>7}  {row['name']}: {row['query']}")


@cli.command()
@json_option
@pass_state
def stats(state: State, as_json: bool) -> None:
    """Summarise the library: articles, words, read and starred counts, size.

    \b
    Example:
      newsreader stats --json
    """
    data = api.stats(state.open(create=False))
    if as_json:
        emit_json(data)
        return
    for key, value in data.items():
        say(f"{key:>15}: {value}")


# -- tags, notes, quotes, export ---------------------------------------------------------------
