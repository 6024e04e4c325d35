"""Rules at add time (elfeed's taggers, newsboat's killfile): a query in the search language
and an action, applied by `add` and `update` to the articles they store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .annotations import normalise_tag
from .text import sanitize, visible

if TYPE_CHECKING:
    from .models import IngestReport
    from .storage import Library

ACTIONS = ("tag NAME", "star", "mark read", "skip")
MAX_RULES = 200
"""Rules past this many are ignored with a warning: each costs a search per add."""


class RuleError(ValueError):
    """A rule that cannot be used (one human line)."""


@dataclass(frozen=True)
class Rule:
    """One rule: articles an add stores that match `query` get `action`.

    Attributes:
        query: A query in the search language (`newsreader search --help`).
        action: "tag", "star", "read" or "skip".
        tag: The tag, for "tag".
        name: What messages call it (its action and query, as written).
    """

    query: str
    action: str
    tag: str = ""
    name: str = ""

    def describe(self) -> str:
        return self.name or f"{self.action} {self.query!r}"


def parse_action(text: str) -> tuple[str, str]:
    """`tag NAME`, `star`, `mark read` or `skip` -> (action, tag).

    Raises:
        RuleError: anything else.
    """
    words = sanitize(str(text)).split()
    if len(words) >= 2 and words[0].lower() == "tag":
        tag = normalise_tag(" ".join(words[1:]))
        if tag:
            return "tag", tag
    lowered = " ".join(w.lower() for w in words)
    if lowered == "star":
        return "star", ""
    if lowered in ("mark read", "read"):
        return "read", ""
    if lowered == "skip":
        return "skip", ""
    raise RuleError(f"action must be {', '.join(ACTIONS[:-1])} or {ACTIONS[-1]}, "
                    f"not {visible(str(text))[:40]!r}")


def make_rule(query: object, action: object) -> Rule:
    """A rule from a query and an action as written (config, command line).

    Raises:
        RuleError: an empty or non-text query, or an unknown action.
    """
    if not isinstance(query, str) or not sanitize(query).strip():
        raise RuleError("query must be a non-empty text in the search language")
    if not isinstance(action, str):
        raise RuleError("action must be a text: tag NAME, star, mark read or skip")
    kind, tag = parse_action(action)
    query = sanitize(query).strip()
    shown = f"tag {tag}" if kind == "tag" else {"read": "mark read"}.get(kind, kind)
    return Rule(query, kind, tag, f"{shown} if {query}")


def parse_rules(tables: list[object], source: str, warnings: list[str]) -> list[Rule]:
    """The config's `[[rules]]` tables, each `query = "..."` and `action = "..."`.

    Raises:
        RuleError (as the config's one-line error, by the caller): a rule without a query or
            with an unknown action.
    """
    from .config import ConfigError

    rules = []
    for number, table in enumerate(tables, 1):
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: rules #{number} must be a table with query and action")
        extra = sorted(set(table) - {"query", "action"})
        if extra:
            warnings.append(f"{source}: rules #{number}: unknown key {', '.join(extra)} ignored "
                            "(known: action, query)")
        try:
            rules.append(make_rule(table.get("query"), table.get("action")))
        except RuleError as exc:
            raise ConfigError(f"{source}: rules #{number}: {exc}") from None
    if len(rules) > MAX_RULES:
        warnings.append(f"{source}: {len(rules)} rules; only the first {MAX_RULES} are used")
        rules = rules[:MAX_RULES]
    return rules


def matches(library: Library, query: str, among: set[int] | None = None) -> list[int]:
    """The ids a rule's query matches now (newest first), as `newsreader search` finds them
    but without typo tolerance (a rule for `chelsea` must not act on `chela` the day no
    article says Chelsea); only those in `among` when it is given."""
    from .search import search

    result = search(library, query, limit=0, order="newest", typos=False)
    return [i for i in result.ids if among is None or i in among]


def apply_rules(library: Library, rules: list[Rule], report: IngestReport) -> None:
    """Apply the rules to the articles an add stored (added or updated), in order.

    `tag`, `star` and `mark read` apply to every article added or updated; `skip` only turns
    away articles this add created and nobody has annotated, tagged or versioned (an article
    already in the library is never removed by a rule; its update stands). A skipped article
    is out of the report's `added` count and counted per rule instead (`rule_skipped`); what
    each rule matched is in `rule_matched`. Skip rules run first, then the others in order.
    The rules run once the articles are committed: an add killed between the two leaves
    articles a rule would have skipped stored.
    """
    if not rules or not report.changed_ids:
        return
    stored, new = set(report.changed_ids), set(report.new_ids)
    # Skips first: an article a tag rule had tagged would count as a person's work and stay.
    for rule in sorted(rules, key=lambda r: r.action != "skip"):
        ids = matches(library, rule.query, new if rule.action == "skip" else stored)
        if not ids:
            continue
        name = rule.describe()
        report.rule_matched[name] = report.rule_matched.get(name, 0) + len(ids)
        if rule.action == "tag":
            library.notes.tag_articles(ids, [rule.tag])
        elif rule.action in ("star", "read"):
            library.marks.set_flags(ids, "starred" if rule.action == "star" else "read", True)
        elif removed := library.ruled.remove_unannotated(ids):
            report.rule_skipped[name] = report.rule_skipped.get(name, 0) + removed
            report.added -= removed
            stored -= set(ids)
            new -= set(ids)
