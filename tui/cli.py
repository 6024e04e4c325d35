"""The `newsreader` command line: a thin click layer over the core (no Textual import here)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from functools import update_wrapper
from pathlib import Path

import click

from . import config
from .config import ConfigError
from .help_text import QUERY_HELP
from .quotes import STYLES
from .storage import Library, LibraryError

LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
"""tui.entities.LABELS, written out: importing the extractor costs 50 ms that commands which
never extract should not pay (tests/test_cli_entities.py checks that the two agree)."""


class Failure(click.ClickException):
    """A one-line error on stderr and exit code 1, never a traceback."""

    def show(self, file=None) -> None:
        click.echo(f"newsreader: {self.message}", err=True)


@dataclass
class State:
    db_path: Path
    library: Library | None = None
    settings: config.Settings | None = None

    def open(self, *, create: bool = True) -> Library:
        if self.library is None:
            self.library = Library(self.db_path, create=create)
        return self.library

    def config(self) -> config.Settings:
        if self.settings is None:
            self.settings = config.load_settings()
        return self.settings


class Group(click.Group):
    """Turns the errors a person can cause into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (LibraryError, ConfigError) as exc:
            raise Failure(str(exc)) from None
        except BrokenPipeError:
            # `newsreader list | head`: the reader went away; that is not an error.
            sys.stderr.close()
            ctx.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("NEWSREADER_DEBUG"):
                raise
            raise Failure(
                f"unexpected error ({type(exc).__name__}: {exc}); "
                "run again with NEWSREADER_DEBUG=1 for details"
            ) from None


def json_option(func):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def pass_state(func):
    @click.pass_context
    def wrapper(ctx: click.Context, *args, **kwargs):
        return ctx.invoke(func, ctx.find_object(State), *args, **kwargs)

    return update_wrapper(wrapper, func)


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=Group, invoke_without_command=True)
@click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The library file (default: NEWSREADER_DB, else library.db in the user data folder).",
)
@click.version_option(version=config.version(), prog_name="newsreader")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """newsreader: a terminal reader for news archives.

    Run with no command to open the reader. On an empty library the bundled seed article is
    indexed first.

    \b
    Examples:
      newsreader                       open the reader
      newsreader add ~/articles/       index every .txt and .md file below a folder
      newsreader search mexico trade   search from the shell
    """
    ctx.obj = State(db_path or config.default_db_path())
    if ctx.invoked_subcommand is None:
        open_reader(ctx.obj)


def open_reader(state: State) -> None:
    from .ingest import index_seeds_if_empty

    library = state.open()
    settings = state.config()
    index_seeds_if_empty(library, str(config.seeds_dir()), max_bytes=settings.max_file_bytes)
    library.close()
    try:
        from .app import run_app
    except ImportError:
        click.echo(f"The library at {state.db_path} holds {Library(state.db_path).count()} "
                   "articles. The reader is not installed in this build.")
        return
    raise SystemExit(run_app(state.db_path, settings))


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--source", "source_name", default="", help="Source name for articles without one.")
@json_option
@pass_state
def add(state: State, sources: tuple[str, ...], source_name: str, as_json: bool) -> None:
    """Add articles from files, folders (recursively) or `-` (standard input).

    Reads .txt and .md files: the first line is the title, paragraphs are separated by blank
    lines. Re-adding an article updates it instead of duplicating it. Exit code 1 when any
    source was skipped.

    \b
    Examples:
      newsreader add story.txt notes/ --source "BBC News"
      cat story.txt | newsreader add -
    """
    from .ingest import add_sources

    library = state.open()
    settings = state.config()
    stdin = sys.stdin.buffer
    show_bar = not as_json and sys.stderr.isatty() and _many_files(sources)
    if show_bar:
        report = _add_with_progress(library, sources, settings, stdin, source_name)
    else:
        report = add_sources(library, sources, max_bytes=settings.max_file_bytes,
                             stdin=stdin, source_name=source_name)
    # Articles an older extractor read (after an upgrade) are brought up to date here too.
    reextracted = _reextract(library, quiet=as_json)
    if reextracted and not as_json:
        noun = "article" if reextracted == 1 else "articles"
        click.echo(f"entities found again in {reextracted} {noun} an older newsreader read",
                   err=True)
    if as_json:
        emit_json(report.to_dict())
    else:
        for skip in report.skipped:
            click.echo(f"skipped {skip.source}: {skip.reason}", err=True)
        for warning in report.warnings:
            click.echo(f"warning {warning.source}: {warning.reason}", err=True)
        line = (f"added {report.added}, updated {report.updated}, "
                f"unchanged {report.unchanged}, skipped {len(report.skipped)}")
        if report.ignored:
            line += f" ({report.ignored} files of other types ignored)"
        click.echo(line)
    if report.skipped:
        raise SystemExit(1)


def _many_files(sources: tuple[str, ...]) -> bool:
    return len(sources) > 5 or any(Path(s).is_dir() for s in sources if s != "-")


def _add_with_progress(library, sources, settings, stdin, source_name):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .ingest import add_sources

    with Progress(TextColumn("adding"), BarColumn(), MofNCompleteColumn(),
                  transient=True) as bar:
        task = bar.add_task("add", total=None)

        def progress(done: int, total: int, _source: str) -> None:
            bar.update(task, completed=done, total=total)

        return add_sources(library, sources, max_bytes=settings.max_file_bytes, stdin=stdin,
                           source_name=source_name, progress=progress)


@cli.command("list")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, help="At most N rows.")
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
        click.echo(f"{r.id:>6} {marker}{star} {r.date:10}  {r.title}{source}")


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
    article = library.get_article(_parse_id(article_id))
    if article is None:
        raise Failure(f"no article with id {article_id}")
    if as_json:
        data = article.to_dict()
        data["entities"] = [span.to_dict() for span in library.entities_for(article.id)]
        emit_json(data)
        return
    click.echo(article.title)
    meta = [m for m in (article.source, article.author, article.published[:10]) if m]
    meta.append(f"{article.word_count} words")
    click.echo(" · ".join(meta))
    if article.url:
        click.echo(article.url)
    if article.credit:
        click.echo(article.credit)
    click.echo()
    click.echo(article.body)


def _parse_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise Failure(f"an article id is a number, not {text!r}") from None


@cli.command()
@click.argument("source", metavar="[FILE|-]", required=False)
@click.option("--top", is_flag=True, help="List the library's most mentioned entities.")
@click.option("--label", type=click.Choice(LABELS, case_sensitive=False), default=None,
              help="With --top: only this kind of entity.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True,
              help="With --top: at most N entities.")
@click.option("--reindex", is_flag=True,
              help="Extract again the entities of articles an older newsreader read.")
@json_option
@pass_state
def entities(state: State, source: str | None, top: bool, label: str | None, limit: int,
             reindex: bool, as_json: bool) -> None:
    """Print the people, organisations, places, dates and amounts a text mentions.

    FILE (or - for standard input) is read and cleaned exactly as `add` would, but nothing is
    stored. Each line is `LABEL  text  (canonical name)`, the name shown when it differs.
    --json prints {"title", "text", "entities": [{"start", "end", "text", "label",
    "canonical"}]} with offsets into "text", the cleaned body.

    --top lists the library's entities mentioned by the most articles instead. --reindex
    brings articles read by an older extractor up to date (`add` and the app do it too).

    \b
    Examples:
      newsreader entities story.txt
      curl -s https://example.com/story.txt | newsreader entities - --json
      newsreader entities --top --label person -n 20
    """
    if sum((bool(source), top, reindex)) != 1:
        raise Failure("give one of: FILE (or - for standard input), --top, --reindex")
    if reindex:
        done = _reextract(state.open(create=False), quiet=as_json)
        if as_json:
            emit_json({"reextracted": done})
        else:
            click.echo(f"extracted again the entities of {done} "
                       f"{'article' if done == 1 else 'articles'}")
        return
    if top:
        rows = state.open(create=False).top_entities(label and label.upper(), limit=limit)
        if as_json:
            emit_json([{"name": n, "label": kind, "articles": count} for n, kind, count in rows])
            return
        for name, kind, count in rows:
            click.echo(f"{count:>7}  {kind:<6}  {name}")
        return
    _entities_of_text(state, source, as_json)


def _entities_of_text(state: State, source: str, as_json: bool) -> None:
    """Read, clean and parse a file (or standard input) as `add` does; print its entities."""
    from .entities import extract_article
    from .ingest.files import load

    result = load(source, max_bytes=state.config().max_file_bytes, stdin=sys.stdin.buffer)
    if result.skip or result.article is None:
        name = "standard input" if source == "-" else source
        raise Failure(f"{name}: {result.skip.reason if result.skip else 'nothing to read'}")
    if result.warning and not as_json:
        click.echo(f"warning {source}: {result.warning}", err=True)
    article = result.article
    spans = extract_article(article.title, article.body)
    if as_json:
        emit_json({"title": article.title, "text": article.body,
                   "entities": [span.to_dict() for span in spans]})
        return
    for span in spans:
        name = f"  ({span.canonical})" if span.canonical != span.text else ""
        click.echo(f"{span.label:<6}  {' '.join(span.text.split())}{name}")


def _reextract(library: Library, *, quiet: bool) -> int:
    """Re-extract stale entities, with a progress bar on a terminal when there are many."""
    stale = library.stale_entity_count()
    if not stale:
        return 0
    if quiet or stale < 1000 or not sys.stderr.isatty():
        return library.reextract_stale()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("finding entities"), BarColumn(), MofNCompleteColumn(),
                  transient=True) as bar:
        task = bar.add_task("entities", total=stale)
        return library.reextract_stale(
            progress=lambda done, total: bar.update(task, completed=done, total=total))


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True)
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
    from .search import search as run_search

    library = state.open(create=False)
    text = " ".join(query)
    if save_as:
        library.save_search(save_as, text)
        click.echo(f"saved as {save_as!r}", err=True)
    result = run_search(library, text, limit=limit, order=sort)
    if as_json:
        emit_json(result.to_dict())
        return
    for notice in result.notices:
        click.echo(notice, err=True)
    bold = sys.stdout.isatty()
    for hit in result.hits:
        meta = ", ".join(m for m in (hit.source, hit.published[:10]) if m)
        click.echo(f"{hit.id:>6}  {hit.title}" + (f"  ({meta})" if meta else ""))
        click.echo("        " + _mark(hit.snippet, hit.snippet_spans, bold))
    noun = "article matches" if result.total == 1 else "articles match"
    click.echo(f"{result.total} {noun}", err=True)


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
    from .search import search as run_search

    library = state.open(create=False)
    if delete_name:
        if not library.delete_search(delete_name):
            raise Failure(f"no saved search named {delete_name!r}")
        click.echo(f"deleted {delete_name!r}")
        return
    rows = [{"name": name, "query": query, "count": run_search(library, query, limit=0).total}
            for name, query in library.saved_searches()]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(f"{row['count']:>7}  {row['name']}: {row['query']}")


def _mark(text: str, spans, bold: bool) -> str:
    if not bold:
        return text
    out, pos = [], 0
    for span in spans:
        out.append(text[pos:span.start])
        out.append(click.style(text[span.start:span.end], bold=True))
        pos = span.end
    out.append(text[pos:])
    return "".join(out)


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
        click.echo(f"{key:>15}: {value}")


# -- tags, notes, quotes, export ---------------------------------------------------------------


def _parse_ids(text: str) -> list[int]:
    ids = [_parse_id(part.strip()) for part in text.split(",") if part.strip()]
    if not ids:
        raise Failure(f"no article id in {text!r}")
    return ids


@cli.command()
@click.argument("article_ids", metavar="ID")
@click.argument("tags", nargs=-1, metavar="[TAG]...")
@click.option("--remove", is_flag=True, help="Take the tags off instead of adding them.")
@json_option
@pass_state
def tag(state: State, article_ids: str, tags: tuple[str, ...], remove: bool,
        as_json: bool) -> None:
    """Tag articles, then print their tags (with no TAG, just print them).

    ID may name several articles: 1,2,5. A tag is one word (spaces become hyphens) and ignores
    case: Trade and trade are the same tag. A tag nothing uses any more is forgotten.

    \b
    Examples:
      newsreader tag 1 trade mexico
      newsreader tag 1,2,5 to-read
      newsreader tag 1 to-read --remove
    """
    library = state.open(create=False)
    ids = _parse_ids(article_ids)
    missing = [i for i in ids if i not in library.rows(ids)]
    if missing:
        raise Failure(f"no article with id {', '.join(map(str, missing))}")
    if remove and not tags:
        raise Failure("--remove needs the tags to take off")
    if tags:
        (library.untag_articles if remove else library.tag_articles)(ids, tags)
    found = [{"id": i, "tags": library.article_tags(i)} for i in ids]
    if as_json:
        emit_json(found)
        return
    for row in found:
        click.echo(f"{row['id']}: {', '.join(row['tags']) or '(no tags)'}")


@cli.command()
@click.argument("article_id", metavar="ID")
@click.argument("text", required=False, default="")
@click.option("--quote", metavar="EXACT",
              help="Attach the note to this passage of the article (a highlight).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Tag the note (repeatable).")
@pass_state
def note(state: State, article_id: str, text: str, quote: str | None,
         tags: tuple[str, ...]) -> None:
    """Add a note to an article, or to a passage of it with --quote; print the note's id.

    The quote must be in the article as it is now (any spacing, plain or curly quote marks);
    its first occurrence is highlighted. A highlight's TEXT may be left out.

    \b
    Examples:
      newsreader note 1 "Compare with the 2013 talks" --tag follow-up
      newsreader note 1 "The key figure" --quote "One billion dollars crosses our shared border"
    """
    library = state.open(create=False)
    click.echo(library.add_note(_parse_id(article_id), text, quote=quote, tags=tags))


@cli.command()
@click.option("--tag", default="", help="Only notes with this tag, or on articles with it.")
@click.option("--search", "text", default="", metavar="TEXT",
              help="Only notes whose text or quote contains TEXT (ignoring case).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, help="At most N notes.")
@json_option
@pass_state
def notes(state: State, tag: str, text: str, limit: int | None, as_json: bool) -> None:
    """List notes and highlights, newest first.

    \b
    Examples:
      newsreader notes --tag trade
      newsreader notes --search border --json
    """
    found = state.open(create=False).all_annotations(text=text, tag=tag, limit=limit)
    if as_json:
        emit_json([n.to_dict() for n in found])
        return
    for n in found:
        click.echo(f"{n.id:>6}  {n.kind} on {n.article_id}: {n.article_title}")
        if n.quote:
            lost = "  (could not be placed in the current text)" if n.orphan else ""
            click.echo(f"        > {_shorten(n.quote, 160)}{lost}")
        for line in n.text.splitlines():
            click.echo(f"        {line}")
        signed = [", ".join(f"#{t}" for t in n.tags), n.author, n.created[:10]]
        click.echo("        — " + " · ".join(p for p in signed if p))


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("--sentence", "-s", "number", type=int, required=True, metavar="N",
              help="The sentence to quote, counting from 1.")
@click.option("--paragraph", is_flag=True, help="Quote the whole paragraph holding sentence N.")
@click.option("--style", type=click.Choice(STYLES), default=None,
              help="Default: `format` under [quotes] in the config, else markdown.")
@click.option("--copy", is_flag=True, help="Also send the quote to the clipboard.")
@pass_state
def quote(state: State, article_id: str, number: int, paragraph: bool, style: str | None,
          copy: bool) -> None:
    """Print sentence N of an article (or its paragraph) as a quotation with its citation.

    \b
    Examples:
      newsreader quote 1 --sentence 3
      newsreader quote 1 -s 3 --paragraph --style plain --copy
    """
    from .quotes import format_quote
    from .segment import paragraph_spans, sentence_spans

    article = state.open(create=False).get_article(_parse_id(article_id))
    if article is None:
        raise Failure(f"no article with id {article_id}")
    sentences = sentence_spans(article.body)
    if not 1 <= number <= len(sentences):
        raise Failure(f"article {article.id} has {len(sentences)} sentences: "
                      f"--sentence must be 1 to {len(sentences)}")
    chosen = sentences[number - 1]
    start, end = (paragraph_spans(article.body)[chosen.paragraph] if paragraph
                  else (chosen.start, chosen.end))
    try:
        text = format_quote(article.body[start:end], title=article.title, source=article.source,
                            published=article.published, url=article.url, author=article.author,
                            style=style or state.config().quote_format)
    except ValueError as exc:  # a wrong [quotes] format in the config
        raise Failure(f"{exc} (see [quotes] format in {config.config_path()})") from None
    click.echo(text)
    if copy:
        from .clipboard import copy_everywhere, describe

        click.echo(describe(copy_everywhere(text, osc52=_osc52_sender())), err=True)


def _osc52_sender():
    """Something that sends OSC 52 to our terminal, or None when there is none to send to.

    Inside tmux, None: a pane's OSC 52 is dropped under tmux's default `set-clipboard
    external` (and passthrough is off by default), while `copy_everywhere`'s `load-buffer -w`
    reaches the outer terminal.
    """
    import base64

    from .clipboard import in_tmux

    if not sys.stdout.isatty() or in_tmux():
        return None
    try:
        tty = open("/dev/tty", "w", encoding="ascii")  # noqa: SIM115 - closed after sending
    except OSError:
        return None

    def send(text: str) -> None:
        with tty:
            tty.write(f"\x1b]52;c;{base64.b64encode(text.encode()).decode()}\x07")

    return send


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown",
              show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="The folder for markdown; the file for json (default: standard output).")
@pass_state
def export(state: State, fmt: str, output: Path | None) -> None:
    """Export notes, highlights and tags: Markdown for Obsidian, or W3C Web Annotation JSON.

    Markdown writes one file per tagged or annotated article (`<id>-<title>.md`, with YAML
    front matter); exporting again rewrites the same files.

    \b
    Examples:
      newsreader export --output ~/vault/news
      newsreader export --format json --output notes.json
    """
    from .export import export_json, export_markdown

    library = state.open(create=False)
    if fmt == "json":
        text = json.dumps(export_json(library), ensure_ascii=False, indent=2)
        if output is None:
            click.echo(text)
            return
        _write_output(lambda: output.write_text(text + "\n", encoding="utf-8"), output)
        click.echo(f"wrote {output}", err=True)
        return
    if output is None:
        raise Failure("markdown export writes a folder: give --output FOLDER (or --format json)")
    if output.exists() and not output.is_dir():
        raise Failure(f"{output} is a file; markdown export needs a folder")
    paths = _write_output(lambda: export_markdown(library, output, _names(library)), output)
    noun = "article" if len(paths) == 1 else "articles"
    click.echo(f"exported {len(paths)} {noun} to {output}", err=True)


def _names(library: Library):
    """An article's people, organisations and places, each once, in the order they come."""
    def names(article_id: int) -> list[str]:
        return list(dict.fromkeys(span.canonical for span in library.entities_for(article_id)
                                  if span.label in ("PERSON", "ORG", "PLACE")))
    return names


def _write_output(write, output: Path):
    try:
        return write()
    except OSError as exc:
        raise Failure(f"cannot write {output}: {exc.strerror or exc}") from None


def main() -> None:
    cli(prog_name="newsreader")
