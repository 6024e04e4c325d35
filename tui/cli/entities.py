"""`newsreader entities`: the names in a text, the archive's top names, re-extraction."""

from __future__ import annotations

import sys

import click

from ..ingest.clean import visible
from ..storage import Library
from . import LIMIT, Failure, State, cli, emit_json, json_option, pass_state, say

LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
"""tui.entities.LABELS, written out: importing the extractor costs 50 ms that commands which
never extract should not pay (tests/test_cli_entities.py checks that the two agree)."""



@cli.command()
@click.argument("source", metavar="[FILE|-]", required=False)
@click.option("--top", is_flag=True, help="List the library's most mentioned entities.")
@click.option("--label", type=click.Choice(LABELS, case_sensitive=False), default=None,
              help="With --top: only this kind of entity.")
@click.option("--limit", "-n", type=LIMIT, default=50, show_default=True,
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
        done = reextract(state.open(create=False), quiet=as_json)
        if as_json:
            emit_json({"reextracted": done})
        else:
            say(f"extracted again the entities of {done} "
                       f"{'article' if done == 1 else 'articles'}")
        return
    if top:
        rows = state.open(create=False).top_entities(label and label.upper(), limit=limit)
        if as_json:
            emit_json([{"name": n, "label": kind, "articles": count} for n, kind, count in rows])
            return
        for name, kind, count in rows:
            say(f"{count:>7}  {kind:<6}  {name}")
        return
    _entities_of_text(state, source, as_json)


def _entities_of_text(state: State, source: str, as_json: bool) -> None:
    """Read, clean and parse a file (or standard input) as `add` does; print its entities."""
    from ..entities import extract_article
    from ..ingest.files import load

    result = load(source, max_bytes=state.config().max_file_bytes, stdin=sys.stdin.buffer)
    if result.skip or result.article is None:
        name = "standard input" if source == "-" else source
        reason = result.skip.reason if result.skip else "nothing to read"
        raise Failure(f"{name}: {reason}")
    if result.warning and not as_json:
        say(visible(f"warning {source}: {result.warning}"), err=True)
    article = result.article
    spans = extract_article(article.title, article.body)
    if as_json:
        emit_json({"title": article.title, "text": article.body,
                   "entities": [span.to_dict() for span in spans]})
        return
    for span in spans:
        name = f"  ({span.canonical})" if span.canonical != span.text else ""
        say(f"{span.label:<6}  {' '.join(span.text.split())}{name}")


def reextract(library: Library, *, quiet: bool) -> int:
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
