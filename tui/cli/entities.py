"""`newsreader entities`: the names in a text, the archive's top names, re-extraction."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

import click

from .. import api
from ..text import visible
from . import LIMIT, Failure, State, cli, emit_json, json_option, pass_state, say

LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
"""tui.entities.LABELS, written out: importing the extractor is slow, and commands which
never extract should not pay for it (tests/test_cli_entities.py checks that the two agree)."""



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
        with ReextractBar(quiet=as_json) as progress:
            done = api.reextract_entities(state.open(create=False), progress=progress)
        if as_json:
            emit_json({"reextracted": done})
        else:
            say(f"extracted again the entities of {done} "
                f"{'article' if done == 1 else 'articles'}")
        return
    if top:
        rows = api.top_entities(state.open(create=False), label, limit=limit)
        if as_json:
            emit_json([{"name": n, "label": kind, "articles": count} for n, kind, count in rows])
            return
        for name, kind, count in rows:
            say(f"{count:>7}  {kind:<6}  {name}")
        return
    assert source is not None  # one of the four was given
    _entities_of_text(state, source, as_json)


def _entities_of_text(state: State, source: str, as_json: bool) -> None:
    """Read, clean and parse a file (or standard input) as `add` does; print its entities."""
    article, found, warning = api.extract_file(source, max_bytes=state.config().max_file_bytes,
                                               stdin=sys.stdin.buffer)
    if warning and not as_json:
        say(visible(f"warning {source}: {warning}"), err=True)
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
    failed = 0
    out = sys.stdout
    max_bytes = state.config().max_file_bytes
    for line, error in api.extract_lines(sys.stdin.buffer, max_bytes=max_bytes):
        failed += error
        out.write(line + "\n")
        out.flush()
    if failed:
        raise click.exceptions.Exit(1)


class ReextractBar:
    """`progress(done, total)` for reading entities again: a bar on a terminal when there
    are many, nothing otherwise. Use it in a `with` block, which takes the bar away."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if self.quiet or total < 1000 or not sys.stderr.isatty():
                return
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("finding entities"), BarColumn(),
                                MofNCompleteColumn(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("entities", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __enter__(self) -> ReextractBar:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()
