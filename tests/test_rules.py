"""Rules at add time: a query and an action, applied by add and update; `rules test`."""

from __future__ import annotations

import json

import pytest

from tui.config import ConfigError, load_settings
from tui.ingest import add_sources
from tui.rules import RuleError, make_rule


def write_stories(folder):
    folder.mkdir()
    stories = {
        "a.txt": "Chelsea win again\n\nChelsea beat Arsenal at home.",
        "b.txt": "Arsenal sign striker\n\nArsenal signed a striker from Spain.",
        "c.txt": "Rugby heads north\n\nThe rugby final moves to Edinburgh.",
        "d.txt": "Chela harvest\n\nThe chela crop was large this year.",
    }
    for name, text in stories.items():
        (folder / name).write_text(text)
    return folder


CONFIG = """
[[rules]]
query = "chelsea"
action = "skip"

[[rules]]
query = "arsenal"
action = "tag gunners"

[[rules]]
query = "rugby"
action = "mark read"

[[rules]]
query = "title:harvest"
action = "star"
"""


def test_add_applies_rules_and_counts_skips_with_their_rule(run, tmp_path, isolated):
    (isolated / "config.toml").write_text(CONFIG)
    folder = write_stories(tmp_path / "news")
    result = run("add", str(folder))
    assert result.exit_code == 0
    assert "added 3" in result.output
    assert "skipped by rules 1 (1 by skip if chelsea)" in result.output
    listed = json.loads(run("list", "--json").output)
    titles = {r["title"]: r for r in listed}
    assert "Chelsea win again" not in titles  # skipped, though it also says Arsenal
    assert titles["Rugby heads north"]["read"] and titles["Chela harvest"]["starred"]
    assert not titles["Arsenal sign striker"]["read"]
    tagged = json.loads(run("search", "tag:gunners", "--json").output)
    assert [h["title"] for h in tagged["results"]] == ["Arsenal sign striker"]


def test_add_json_reports_rules(run, tmp_path, isolated):
    (isolated / "config.toml").write_text(CONFIG)
    data = json.loads(run("add", str(write_stories(tmp_path / "news")), "--json").output)
    assert data["skipped_by_rules"] == 1 and data["added"] == 3
    assert {"rule": "skip if chelsea", "matched": 1, "skipped": 1} in data["rules"]


def test_skip_never_removes_an_article_already_stored(run, tmp_path, isolated):
    folder = write_stories(tmp_path / "news")
    assert run("add", str(folder)).exit_code == 0
    (isolated / "config.toml").write_text(CONFIG)
    (folder / "a.txt").write_text("Chelsea win again\n\nChelsea beat Arsenal at home, 2-0.")
    result = run("add", str(folder))
    assert "updated 1" in result.output and "skipped by rules" not in result.output
    assert json.loads(run("show", "1", "--json").output)["title"] == "Chelsea win again"


def test_rules_match_words_exactly_not_typos(library, tmp_path):
    # `chelsea` must not act on `chela` when no article says Chelsea any more.
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "d.txt").write_text("Chela harvest\n\nThe chela crop was large this year.")
    rule = make_rule("chelsea", "skip")
    report = add_sources(library, [str(folder)], max_bytes=10**6, rules=[rule])
    assert report.added == 1 and not report.rule_skipped


def test_rules_test_shows_what_a_rule_matches_now(run, tmp_path):
    assert run("add", str(write_stories(tmp_path / "news"))).exit_code == 0
    result = run("rules", "test", "arsenal", "--action", "tag gunners")
    assert result.exit_code == 0
    assert "Arsenal sign striker" in result.output and "Chelsea win again" in result.output
    assert "would tag gunners 2 articles" in result.output
    data = json.loads(run("rules", "test", "rugby", "--json").output)
    assert data["matched"] == 1 and data["articles"][0]["title"] == "Rugby heads north"


@pytest.mark.parametrize("rule, message", [
    ('query = "x"\naction = "explode"', "rules #1: action must be tag NAME, star, mark read"),
    ('action = "skip"', "rules #1: query must be a non-empty text"),
    ('query = ""\naction = "skip"', "rules #1: query must be a non-empty text"),
    ('query = "x"\naction = "tag"', "rules #1: action must be"),
])
def test_a_bad_rule_is_one_line(run, isolated, rule, message):
    (isolated / "config.toml").write_text(f"[[rules]]\n{rule}\n")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_settings()
    result = run("rules", "list")
    assert result.exit_code == 1 and message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_rules_as_a_plain_table_is_refused(isolated):
    (isolated / "config.toml").write_text('[rules]\nquery = "x"\naction = "skip"\n')
    with pytest.raises(ConfigError, match=r"rules are \[\[rules\]\] tables"):
        load_settings()


def test_action_forms():
    assert make_rule("x", "Tag  Foreign Policy").tag == "Foreign-Policy"
    assert make_rule("x", "mark read").action == "read"
    with pytest.raises(RuleError):
        make_rule("x", "tag #")


def test_update_applies_rules_to_feed_entries(server, isolated, run):
    (isolated / "config.toml").write_text(
        '[[rules]]\nquery = "title:fountain"\naction = "skip"\n'
        '[[rules]]\nquery = "title:library"\naction = "tag local"\n')
    assert run("feeds", "add", f"{server}/feed").exit_code == 0
    data = json.loads(run("update", "--json").stdout)
    assert data["added"] == 1 and data["skipped_by_rules"] == 1
    listed = json.loads(run("search", "tag:local", "--json").stdout)
    assert [h["title"] for h in listed["results"]] == ["Library extends weekend opening hours"]
