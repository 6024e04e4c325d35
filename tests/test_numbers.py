"""Every number a person types is checked and answered in one line: ids, --limit, ages in the
query language (the config's numbers are in tests/test_config.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from tests.conftest import SEED_TITLE, SEEDS
from tui.cli import MAX_LIMIT, cli
from tui.search.filters import parse_when

HUGE = "99999999999999999999"


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "library.db")
    assert runner.invoke(cli, ["--db", db, "add", str(SEEDS)]).exit_code == 0

    def invoke(*args):
        return runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)

    return invoke


@pytest.mark.parametrize("args", [
    ["show", HUGE], ["show", "0"], ["tag", HUGE, "x"],
    ["tag", f"1,{HUGE}", "x"], ["note", HUGE, "hello"], ["quote", HUGE, "-s", "1"],
    ["show", str(2**63)],
])
def test_ids_too_large_for_the_library_name_no_article(run, args):
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("newsreader: no article with id ")
    assert result.stderr.count("\n") == 1 and "unexpected" not in result.stderr


@pytest.mark.parametrize("args", [["list"], ["search", "mexico"], ["notes"],
                                  ["entities", "--top"], ["list", "--json"]])
def test_a_huge_limit_means_all(run, args):
    result = run(*args, "--limit", HUGE)
    assert result.exit_code == 0, result.output
    assert "unexpected" not in result.stderr


def test_the_limit_is_bounded_and_must_be_one_or_more(run):
    assert run("search", "mexico", "--limit", HUGE).stdout.startswith("     1  " + SEED_TITLE)
    zero = run("list", "--limit", "0")
    assert zero.exit_code == 2 and "0 is not 1 or more" in zero.stderr
    assert "Traceback" not in zero.output
    assert MAX_LIMIT < 2**63


def test_ages_reaching_past_year_one_mean_since_the_beginning(run):
    today = date(2024, 5, 1)
    assert parse_when("2100y", today) == "0001-01-01"
    assert parse_when("9999y", today) == "0001-01-01"
    assert parse_when("9999w", today) == (today - timedelta(weeks=9999)).isoformat()
    assert parse_when("2y", today) == "2022-05-02"
    after = run("search", "mexico", "after:2100y")
    assert after.exit_code == 0 and SEED_TITLE in after.stdout
    before = run("search", "mexico", "before:9999y")
    assert before.exit_code == 0 and before.stderr.endswith("0 articles match\n")
