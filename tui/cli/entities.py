"""`newsreader entities`: the names in a text, the archive's top names, re-extraction."""

from __future__ import annotations

import sys

import click

from ..text import visible
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
@click.option("--jsonl", is_flag=True,
              help='Read JSON lines {"id", "title", "text"} (or file paths) on standard '
                   "input; write one JSON line per input.")
@json_option
@pass_state
def entities(state: State, source: str | None, top: bool, label: str | None, limit: int,
             reindex: bool, jsonl: bool, as_json: bool) -> None:
    """Print the people, organisations, places, dates and amounts a text mentions.

    FILE (or - for standard input) is read and cleaned exactly as `add` would, but nothing is
    stored. Each line is `LABEL  text  (canonical name)`, the name shown when it differs.
    --json prints {"title", "text", "entities": [{"start", "end", "text", "label",
    "canonical"}]} with offsets into "text", the cleaned body.

    --jsonl reads many texts in one process: each line of standard input is a JSON object
    {"id", "title", "text"} or a file path, and gives one JSON line, in order: {"id",
    "title", "text", "entities", "title_entities"}, offsets into the "text" and "title" as
    given (a file is read and cleaned as `add` would), or {"id", "line", "error"} for a bad
    line; the exit code is then 1, after every other line is done.

    --top lists the library's entities mentioned by the most articles instead. --reindex
    brings articles read by an older extractor up to date (`add` and the app do it too).

    \b
    Examples:
      newsreader entities story.txt
      curl -s https://example.com/story.txt | newsreader entities - --json
      ls stories/*.txt | newsreader entities --jsonl
      newsreader entities --top --label person -n 20
    """
    if sum((bool(source), top, reindex, jsonl)) != 1:
        raise Failure("give one of: FILE (or - for standard input), --jsonl, --top, --reindex")
    if jsonl:
        _entities_of_lines(state)
        return
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
    from ..entities import extract_document
    from ..ingest.files import load

    result = load(source, max_bytes=state.config().max_file_bytes, stdin=sys.stdin.buffer)
    if result.skip or result.article is None:
        name = "standard input" if source == "-" else source
        reason = result.skip.reason if result.skip else "nothing to read"
        raise Failure(f"{name}: {reason}")
    if result.warning and not as_json:
        say(visible(f"warning {source}: {result.warning}"), err=True)
    article = result.article
    found = extract_document(article.title, article.body)
    spans = [span for span in found if not span.in_title]
    if as_json:
        emit_json({"title": article.title, "text": article.body,
                   "entities": [span.to_dict() for span in spans],
                   "title_entities": [span.to_dict() for span in found if span.in_title]})
        return
    for span in spans:
        name = f"  ({span.canonical})" if span.canonical != span.text else ""
        say(f"{span.label:<6}  {' '.join(span.text.split())}{name}")


def _entities_of_lines(state: State) -> None:
    """`--jsonl`: one output line per input line, flushed as it goes; exit 1 if any failed."""
    from ..entities.batch import dumps, lines, record
    from ..ingest.files import load

    max_bytes = state.config().max_file_bytes

    def load_file(path: str) -> tuple[str, str]:
        result = load(path, max_bytes=max_bytes)
        if result.skip or result.article is None:
            raise ValueError(f"{path}: {result.skip.reason if result.skip else 'nothing to read'}")
        return result.article.title, result.article.body

    failed = 0
    out = sys.stdout
    for number, raw in lines(sys.stdin.buffer, max_bytes):
        if raw is not None and not raw.strip():
            continue
        found = record(number, raw, max_bytes=max_bytes, load_file=load_file)
        failed += "error" in found
        out.write(dumps(found) + "\n")
        out.flush()
    if failed:
        raise click.exceptions.Exit(1)


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
