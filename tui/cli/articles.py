"""Commands over articles: add, list, show, search, searches, stats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..help_text import QUERY_HELP
from ..ingest.clean import visible
from . import LIMIT, Failure, State, cli, emit_json, json_option, parse_id, pass_state, say
from .entities import reextract


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--source", "source_name", default="", help="Source name for articles without one.")
@click.option("--field", "field_pairs", multiple=True, metavar="NAME=FIELD",
              help="Read a dump's NAME (title, text, url, date, source, author) from FIELD.")
@json_option
@pass_state
def add(state: State, sources: tuple[str, ...], source_name: str, field_pairs: tuple[str, ...],
        as_json: bool) -> None:
    """Add articles from files, folders (recursively), http(s) URLs or `-` (standard input).

    Reads text (.txt, .md: the first line is the title, paragraphs are separated by blank
    lines), web pages (.html, .htm), RSS and Atom feeds (.rss, .atom, .xml: one article per
    entry), and dataset dumps (.jsonl, .json, .csv with a header: one article per record).
    A URL is fetched and read as a page or a feed. Re-adding an article updates it instead of
    duplicating it. Exit code 1 when any source, entry or record was skipped.

    \b
    Examples:
      newsreader add story.txt notes/ --source "BBC News"
      newsreader add https://example.com/news/story.html
      newsreader add dump.csv --field text=article_text
      cat story.txt | newsreader add -
    """
    from ..ingest import add_sources
    from ..ingest.records import parse_field_overrides

    try:
        fields = parse_field_overrides(field_pairs)
    except ValueError as exc:
        raise Failure(str(exc)) from None
    library = state.open(write=True)
    settings = state.config()
    stdin = sys.stdin.buffer
    options = {"max_bytes": settings.max_file_bytes, "stdin": stdin, "source_name": source_name,
               "fields": fields, "workers": settings.workers or None}
    if not as_json and sys.stderr.isatty() and _many_files(sources):
        report = _add_with_progress(library, sources, options)
    else:
        report = add_sources(library, sources, **options)
    # Articles an older extractor read (after an upgrade) are brought up to date here too.
    reextracted = 0 if report.interrupted or report.error else reextract(library, quiet=as_json)
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
        line = (f"added {report.added}, updated {report.updated}, "
                f"unchanged {report.unchanged}, skipped {len(report.skipped)}")
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


def _add_with_progress(library, sources, options):
    from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeRemainingColumn)

    from ..ingest import add_sources

    columns = (TextColumn("adding"), BarColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[articles]:,} articles"), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("add", total=None, articles=0)

        def progress(done: int, total: int, articles: int) -> None:
            bar.update(task, completed=done, total=total or None, articles=articles)

        return add_sources(library, sources, progress=progress, **options)


@cli.command("list")
@click.option("--limit", "-n", type=LIMIT, default=None, help="At most N rows.")
@click.option("--sort", type=click.Choice(["newest", "oldest", "title"]), default="newest")
@json_option
@pass_state
def list_(state: State, limit: int | None, sort: str, as_json: bool) -> None:
    """List articles, newest first.

    \b
    Example:
      newsreader list --limit 10
    """
    rows = state.open(create=False).list_rows(limit, order=sort)
    if as_json:
        emit_json([
            {"id": r.id, "title": r.title, "source": r.source, "published": r.published,
             "read": r.read, "starred": r.starred}
            for r in rows
        ])
        return
    for r in rows:
        marker = " " if r.read else "●"
        star = "*" if r.starred else " "
        source = f"  ({r.source})" if r.source else ""
        say(f"{r.id:>6} {marker}{star} {r.date:10}  {r.title}{source}")


@cli.command()
@click.argument("article_id", metavar="ID")
@json_option
@pass_state
def show(state: State, article_id: str, as_json: bool) -> None:
    """Print one article.

    With --json, "entities" lists the people, organisations, places, dates and amounts it
    mentions: {"start", "end", "text", "label", "canonical"}, offsets into "body".

    \b
    Example:
      newsreader show 1 --json
    """
    library = state.open(create=False)
    article = library.get_article(parse_id(article_id))
    if article is None:
        raise Failure(f"no article with id {article_id}")
    if as_json:
        data = article.to_dict()
        data["entities"] = [span.to_dict() for span in library.entities_for(article.id)]
        emit_json(data)
        return
    say(article.title)
    meta = [m for m in (article.source, article.author, article.published[:10]) if m]
    meta.append(f"{article.word_count} words")
    say(" · ".join(meta))
    if article.url:
        say(article.url)
    if article.credit:
        say(article.credit)
    say()
    say(article.body)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", type=LIMIT, default=20, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest", "title"]),
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
    from ..search import search as run_search

    library = state.open(create=False)
    text = " ".join(query)
    if save_as:
        library.save_search(save_as, text)
        say(f"saved as {save_as!r}", err=True)
    result = run_search(library, text, limit=limit, order=sort, page_only=True)
    if as_json:
        emit_json(result.to_dict())
        return
    for notice in result.notices:
        say(notice, err=True)
    bold = sys.stdout.isatty()
    for hit in result.hits:
        meta = ", ".join(m for m in (hit.source, hit.published[:10]) if m)
        say(f"{hit.id:>6}  {hit.title}" + (f"  ({meta})" if meta else ""))
        # Hits in bold on a terminal: the offsets hold, as `say` replaces one for one.
        say("        " + hit.snippet, bold=[(8 + s.start, 8 + s.end) for s in hit.snippet_spans]
            if bold else ())
    noun = "article matches" if result.total == 1 else "articles match"
    say(f"{result.total} {noun}", err=True)


search.help = search.help.replace("QUERY_HELP", QUERY_HELP.replace("\n", "\n    "))


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
    from ..search import search as run_search

    library = state.open(create=False)
    if delete_name:
        if not library.delete_search(delete_name):
            raise Failure(f"no saved search named {delete_name!r}")
        say(f"deleted {delete_name!r}")
        return
    rows = [{"name": name, "query": query,
             "count": run_search(library, query, limit=0, page_only=True).total}
            for name, query in library.saved_searches()]
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
    data = state.open(create=False).stats()
    if as_json:
        emit_json(data)
        return
    for key, value in data.items():
        say(f"{key:>15}: {value}")


# -- tags, notes, quotes, export ---------------------------------------------------------------
