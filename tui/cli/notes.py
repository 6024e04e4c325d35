"""Commands for tags, notes, quotes and export."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from .. import api, config
from ..text import shorten, visible
from . import (
    LIMIT,
    Failure,
    State,
    cli,
    emit_json,
    json_option,
    parse_id,
    parse_ids,
    pass_state,
    say,
)

T = TypeVar("T")


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
    ids = parse_ids(article_ids)
    tagged = api.tag(state.open(create=False), ids, tags, remove=remove)
    if as_json:
        emit_json([{"id": i, "tags": tagged[i]} for i in ids])
        return
    for i in ids:
        say(f"{i}: {', '.join(tagged[i]) or '(no tags)'}")


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
    its first occurrence is highlighted. A highlight's TEXT may be left out. #words in TEXT
    become the note's tags, as in the app: those at its start or end leave the text, those
    inside a sentence stay in it.

    \b
    Examples:
      newsreader note 1 "Compare with the 2013 talks #follow-up"
      newsreader note 1 "Compare with the 2013 talks" --tag follow-up
      newsreader note 1 "The key figure" --quote "One billion dollars crosses our shared border"
    """
    say(api.add_note(state.open(create=False), parse_id(article_id), text, quote=quote,
                     tags=tags))


@cli.command()
@click.option("--tag", default="", help="Only notes with this tag, or on articles with it.")
@click.option("--search", "text", default="", metavar="TEXT",
              help="Only notes whose text or quote contains TEXT (ignoring case).")
@click.option("--limit", "-n", type=LIMIT, default=None, help="At most N notes.")
@json_option
@pass_state
def notes(state: State, tag: str, text: str, limit: int | None, as_json: bool) -> None:
    """List notes and highlights, newest first.

    \b
    Examples:
      newsreader notes --tag trade
      newsreader notes --search border --json
    """
    found = api.notes(state.open(create=False), text=text, tag=tag, limit=limit)
    if as_json:
        emit_json([n.to_dict() for n in found])
        return
    for n in found:
        say(f"{n.id:>6}  {n.kind} on {n.article_id}: {n.article_title}")
        if n.quote:
            lost = "  (could not be placed in the current text)" if n.orphan else ""
            say(f"        > {shorten(n.quote, 160)}{lost}")
        for line in n.text.splitlines():
            say(f"        {line}")
        signed = [", ".join(f"#{t}" for t in n.tags), n.author, n.created[:10]]
        say("        — " + " · ".join(p for p in signed if p))


@cli.command()
@click.argument("article_id", metavar="ID")
@click.option("--sentence", "-s", "number", type=int, required=True, metavar="N",
              help="The sentence to quote, counting from 1.")
@click.option("--paragraph", is_flag=True, help="Quote the whole paragraph holding sentence N.")
@click.option("--style", type=click.Choice(api.STYLES), default=None,
              help="Default: `format` under [quotes] in the config, else markdown.")
@click.option("--copy", is_flag=True,
              help="Also send the quote to the clipboard; say on stderr which route took it "
                   "(exit code 1: none did).")
@pass_state
def quote(state: State, article_id: str, number: int, paragraph: bool, style: str | None,
          copy: bool) -> None:
    """Print sentence N of an article (or its paragraph) as a quotation with its citation.

    \b
    Examples:
      newsreader quote 1 --sentence 3
      newsreader quote 1 -s 3 --paragraph --style plain --copy
    """
    library = state.open(create=False)
    chosen = parse_id(article_id)
    style = style or state.config().quote_format
    if style not in api.STYLES:  # a wrong [quotes] format in the config: say where to mend it
        raise Failure(f"unknown quote style {style!r}: use {', '.join(api.STYLES[:-1])} or {api.STYLES[-1]} "
                      f"(see [quotes] format in {config.config_path()})")
    text = api.quote(library, chosen, sentence=number, paragraph=paragraph, style=style).text
    say(text)
    if copy:
        report = api.copy(text, osc52=_osc52_sender())
        say(api.describe_copy(report), err=True)
        if not report.taken:
            raise SystemExit(1)


def _osc52_sender() -> Callable[[str], None] | None:
    """Something that sends OSC 52 to our terminal, or None when there is none to send to.

    Inside tmux, None: a pane's OSC 52 is dropped under tmux's default `set-clipboard
    external` (and passthrough is off by default), while `copy_everywhere`'s `load-buffer -w`
    reaches the outer terminal.
    """
    import base64

    if not sys.stdout.isatty() or api.in_tmux():
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
    library = state.open(create=False)
    if fmt == "json":
        if output is None:
            say(api.export_json(library))
            return
        _write_output(lambda: api.export_json(library, output), output)
        say(f"wrote {visible(str(output))}", err=True)
        return
    if output is None:
        raise Failure("markdown export writes a folder: give --output FOLDER (or --format json)")
    paths = _write_output(lambda: api.export_markdown(library, output), output)
    noun = "article" if len(paths) == 1 else "articles"
    say(f"exported {len(paths)} {noun} to {visible(str(output))}", err=True)


def _write_output(write: Callable[[], T], output: Path) -> T:
    try:
        return write()
    except OSError as exc:
        raise Failure(f"cannot write {output}: {exc.strerror or exc}") from None
