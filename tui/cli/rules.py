"""`newsreader rules`: the config's rules at add time, and what a rule would match now."""

from __future__ import annotations

import click

from .. import api
from . import LIMIT, Failure, State, cli, emit_json, json_option, pass_state, say


@cli.group()
def rules() -> None:
    """Rules that `add` and `update` apply to the articles they store.

    \b
    In config.toml, one [[rules]] table per rule: a query in the search language
    (newsreader search --help) and an action: tag NAME, star, mark read or skip.
      [[rules]]
      query = "source:tabloid"
      action = "skip"
      [[rules]]
      query = "place:ukraine OR person:zelensky"
      action = "tag ukraine"
    Skip rules run first and turn away articles as they are added (never one already
    stored); the add's summary counts them with the rule that skipped them.
    """


@rules.command("list")
@json_option
@pass_state
def list_rules(state: State, as_json: bool) -> None:
    """List the config's rules, in the order they apply.

    \b
    Example:
      newsreader rules list
    """
    found = state.config().rules
    if as_json:
        emit_json([{"query": r.query, "action": r.action, "tag": r.tag, "rule": r.describe()}
                   for r in found])
        return
    if not found:
        say(f"no rules in {state.config().path} (newsreader rules --help shows how)", err=True)
    for rule in found:
        say(rule.describe())


@rules.command("test")
@click.argument("query", nargs=-1, required=True)
@click.option("--action", default=None, metavar="ACTION",
              help="Also check an action (tag NAME, star, mark read, skip).")
@click.option("--limit", "-n", type=LIMIT, default=20, show_default=True,
              help="List at most N of the articles (the count is of all).")
@json_option
@pass_state
def test_rule(state: State, query: tuple[str, ...], action: str | None, limit: int,
              as_json: bool) -> None:
    """Show which articles of the library a rule's QUERY matches now, newest first.

    Nothing is changed: this is what the rule would do to these articles if they were added
    again.

    \b
    Examples:
      newsreader rules test 'source:tabloid'
      newsreader rules test 'place:ukraine' --action 'tag ukraine' --json
    """
    try:
        rule = api.parse_rule(" ".join(query), action or "")
    except api.RuleError as exc:
        raise Failure(str(exc)) from None
    library = state.open(create=False)
    ids = api.rule_matches(library, rule)
    shown = api.article_rows(library, ids[:limit])
    if as_json:
        emit_json({"query": rule.query, "action": action or "", "matched": len(ids),
                   "articles": [{"id": r.id, "title": r.title, "source": r.source,
                                 "published": r.published} for r in shown]})
        return
    for row in shown:
        source = f"  ({row.source})" if row.source else ""
        say(f"{row.id:>6}  {row.date:10}  {row.title}{source}")
    more = f" (the first {len(shown)} listed)" if len(ids) > len(shown) else ""
    verb = {"skip": "would skip", "tag": f"would tag {rule.tag}", "read": "would mark read",
            "star": "would star"}[rule.action] if action else "matches"
    noun = "article" if len(ids) == 1 else "articles"
    say(f"{rule.query!r} {verb} {len(ids)} {noun} of the library{more}", err=True)
