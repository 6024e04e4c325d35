"""The command line, through click's CliRunner, as a script would use it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import SEED_TITLE, SEEDS
from tests.samples import HOSTILE_QUERIES
from tui.cli import cli


def test_add_seed_then_show(run, tmp_path):
    db = str(tmp_path / "scratch.db")
    result = run("--db", db, "add", str(SEEDS), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "added": 1, "updated": 0, "unchanged": 0, "kept": 0, "merged": [], "skipped": [],
        "warnings": []}
    shown = json.loads(run("--db", db, "show", "1", "--json").output)
    assert shown["title"] == SEED_TITLE
    assert SEED_TITLE not in shown["body"]
    assert "Secretary of State Antony Blinken were included" in shown["body"]
    assert "former President Trump, often a harsh critic" in shown["body"]
    for junk in ("Sunday shows preview", "meatloaf", " MORE", "BlinkenAntony"):
        assert junk not in shown["body"]
    assert shown["credit"] == "© Getty Images"
    for key in ("id", "uid", "source", "author", "url", "published", "word_count"):
        assert key in shown
    again = json.loads(run("--db", db, "add", str(SEEDS), "--json").output)
    assert (again["added"], again["unchanged"]) == (0, 1)
    assert json.loads(run("--db", db, "stats", "--json").output)["articles"] == 1


def test_env_var_chooses_the_library(run, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREADER_DB", str(tmp_path / "env.db"))
    assert run("add", str(SEEDS)).exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_search_json_has_snippet(run):
    run("add", str(SEEDS))
    data = json.loads(run("search", "mexico", "--json").output)
    assert data["query"] == "mexico" and data["total"] == 1
    hit = data["results"][0]
    assert set(hit) >= {"id", "title", "source", "published", "score", "snippet"}
    assert "mexico" in hit["snippet"].lower()


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda q: repr(q[:24]))
def test_any_query_is_safe(run, query):
    run("add", str(SEEDS))
    result = run("search", query, "--json") if query else run("search", "--json", "--", "")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data["total"], int)
    human = run("search", "--", query)
    assert human.exit_code == 0 and "unexpected error" not in human.output
    assert "\x1b" not in human.output


def test_query_with_leading_dash_is_not_an_option(run):
    run("add", str(SEEDS))
    result = run("search", "mexico", "-trump", "--json")
    assert result.exit_code == 0


def test_skips_report_and_exit_code(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("A good title\n\nA body paragraph here.\n")
    (folder / "empty.txt").write_text("")
    (folder / "blank.md").write_text("  \n\t\n")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run("add", str(folder), str(tmp_path / "missing.txt"), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["added"] == 1 and len(data["skipped"]) == 4
    assert all(s["reason"] and "\n" not in s["reason"] for s in data["skipped"])


def test_human_add_summary(run, tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody text.\n")
    result = run("add", str(tmp_path / "a.txt"))
    assert result.exit_code == 0 and result.stdout.strip().startswith("added 1, updated 0")


def test_stdin(run):
    result = run("add", "-", "--json", input="Piped title\n\nPiped body text.\n")
    assert json.loads(result.stdout)["added"] == 1
    assert json.loads(run("show", "1", "--json").output)["title"] == "Piped title"


def test_oversized_limit_from_config(run, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[ingest]\nmax_file_mb = 0.001\n")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    (tmp_path / "big.txt").write_text("Big\n\n" + "word " * 1000)
    result = run("add", str(tmp_path / "big.txt"), "--json")
    assert result.exit_code == 1
    assert "limit" in json.loads(result.stdout)["skipped"][0]["reason"]


def test_list_and_show_plain(run):
    run("add", str(SEEDS))
    listing = run("list").output
    assert SEED_TITLE in listing and "●" in listing
    rows = json.loads(run("list", "--json").output)
    assert rows[0]["title"] == SEED_TITLE and set(rows[0]) >= {"id", "source", "published"}
    assert run("show", "1").output.startswith(SEED_TITLE)


@pytest.mark.parametrize("args, message", [
    (["show", "99"], "no article with id 99"),
    (["show", "abc"], "is a number"),
    (["add", "/no/such/file.txt"], "no such file"),
])
def test_errors_are_one_line(run, args, message):
    run("add", str(SEEDS))
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_not_a_library(run, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 200)
    result = run("--db", str(bad), "list")
    assert result.exit_code == 1
    assert "not a newsreader library" in result.stderr
    assert bad.read_bytes() == b"not a database at all" * 200


def test_missing_library_for_reading_commands(run, tmp_path):
    result = run("--db", str(tmp_path / "nothing.db"), "search", "x")
    assert result.exit_code == 1 and "no library" in result.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_bad_config_is_one_line(run, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[ingest\n")
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    result = run("add", str(SEEDS))
    assert result.exit_code == 1 and "not valid TOML" in result.stderr


def test_help_has_examples():
    runner = CliRunner()
    for command in ("add", "list", "show", "search", "stats"):
        out = runner.invoke(cli, [command, "--help"]).output
        assert "Example" in out, command


def test_saved_searches(run):
    run("add", str(SEEDS))
    result = run("search", "--save", "talks", "mexico", "talks", "--json")
    assert json.loads(result.stdout)["total"] == 1
    listing = json.loads(run("searches", "--json").output)
    assert listing == [{"name": "talks", "query": "mexico talks", "count": 1}]
    assert run("searches", "--delete", "talks").exit_code == 0
    assert json.loads(run("searches", "--json").output) == []
    missing = run("searches", "--delete", "talks")
    assert missing.exit_code == 1 and "no saved search" in missing.stderr


def test_search_help_documents_the_language():
    out = CliRunner().invoke(cli, ["search", "--help"]).output
    for example in ('"prime minister"', "negoti*", "-trump", "OR", "tag:", "after:", "is:unread"):
        assert example in out
