"""`newsreader review`: today's highlights to look at again, for scripts too."""

from __future__ import annotations

import click

from .. import api
from . import State, cli, emit_json, json_option, pass_state, say


@cli.command()
@click.option("--size", "-n", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many highlights.")
@click.option("--seen", is_flag=True,
              help="Mark them seen now (as keeping them in the app does).")
@json_option
@pass_state
def review(state: State, size: int, seen: bool, as_json: bool) -> None:
    """Today's highlights from the whole library (R in the app): a few, drawn at random,
    weighted toward those not seen for longest (and away from those skipped). The draw is
    the same all day; those seen today are left out. Nothing leaves the machine.

    --json prints a list of {"id", "article_id", "article_title", "quote", "note", "colour",
    "tags", "created", "seen", "skips"}.

    \b
    Examples:
      newsreader review
      newsreader review --json --size 10
    """
    library = state.open(create=False, write=seen)
    picked = api.review(library, size=size, mark_seen=seen)
    if as_json:
        emit_json([api.review_entry(n) for n in picked])
        return
    if not picked:
        say("no highlights to review today", err=True)
    for note in picked:
        say(f"“{' '.join(note.quote.split())}”")
        about = f"  — {note.article_title} (article {note.article_id}, {note.colour})"
        say(about + (f"\n  ✎ {note.text}" if note.text else ""))
        say()
