"""`newsreader tag`, `note`, `notes`, `quote` and `export` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import SEED_TITLE, SEEDS
from tui.cli import cli
from tui.segment import sentence_spans
from tui.storage import Library

BILLION = "One billion dollars crosses our shared border every day"


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "notes.db")
    assert CliRunner().invoke(cli, ["--db", path, "add", str(SEEDS)]).exit_code == 0
    return path


@pytest.fixture
def run(db):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, ["--db", db, *args], input=input, catch_exceptions=False)

    return invoke


def billion_sentence(db) -> tuple[int, str]:
    body = Library(db).articles.get(1).body
    for number, sentence in enumerate(sentence_spans(body), start=1):
        if body[sentence.start:].startswith(BILLION):
            return number, body[sentence.start:sentence.end]
    raise AssertionError("the seed lost its sentence")


def one_line_error(result, message):
    assert result.exit_code == 1, result.output
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_tag_round_trip(run):
    assert run("tag", "1", "Trade", "foreign policy").stdout == "1: foreign-policy, Trade\n"
    assert run("tag", "1", "trade", "--remove").stdout == "1: foreign-policy\n"
    assert run("tag", "1").stdout == "1: foreign-policy\n"
    assert json.loads(run("tag", "1", "x", "--json").stdout) == [
        {"id": 1, "tags": ["foreign-policy", "x"]}]
    run("tag", "1", "x", "foreign-policy", "--remove")
    assert run("tag", "1").stdout == "1: (no tags)\n"


def test_tag_several_ids(run, tmp_path):
    (tmp_path / "b.txt").write_text("Second story\n\nAnother body.\n")
    run("add", str(tmp_path / "b.txt"))
    assert run("tag", "1,2", "both").stdout == "1: both\n2: both\n"
    assert json.loads(run("search", "tag:both", "--json").stdout)["total"] == 2


@pytest.mark.parametrize("args, message", [
    (["tag", "1,2", "x"], "no article with id 2"),
    (["tag", "one", "x"], "is a number"),
    (["tag", "1", "###"], "not a usable tag"),
    (["tag", "1", "--remove"], "needs the tags"),
    (["note", "9", "text"], "no article with id 9"),
    (["note", "1", "x", "--quote", "words the article never says"], "does not contain"),
    (["note", "1"], "needs some text"),
    (["quote", "9", "--sentence", "1"], "no article with id 9"),
    (["quote", "1", "--sentence", "0"], "--sentence must be 1 to"),
    (["quote", "1", "--sentence", "999"], "--sentence must be 1 to"),
    (["export", "--format", "markdown"], "give --output FOLDER"),
])
def test_errors_are_one_line(run, args, message):
    one_line_error(run(*args), message)
    assert json.loads(run("notes", "--json").stdout) == []


def test_note_and_notes(run, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ada")
    assert run("note", "1", "Compare with 2013").stdout == "1\n"
    result = run("note", "1", "The key figure", "--quote", BILLION, "--tag", "trade",
                 "--tag", "Numbers")
    assert result.stdout == "2\n"
    notes = json.loads(run("notes", "--json").stdout)
    assert [n["id"] for n in notes] == [2, 1]
    highlight = notes[0]
    assert set(highlight) >= {"id", "article_id", "text", "quote", "author", "created", "kind",
                              "tags", "orphan", "article_title"}
    assert (highlight["quote"], highlight["text"], highlight["author"]) == (
        BILLION, "The key figure", "ada")
    assert (highlight["kind"], highlight["tags"], highlight["orphan"]) == (
        "highlight", ["Numbers", "trade"], False)
    assert highlight["article_title"] == SEED_TITLE
    assert [n["id"] for n in json.loads(run("notes", "--json", "--tag", "TRADE").stdout)] == [2]
    assert [n["id"] for n in json.loads(run("notes", "--json", "--search", "2013").stdout)] == [1]
    plain = run("notes").stdout
    assert f"> {BILLION}" in plain and "#Numbers, #trade" in plain and "Compare with 2013" in plain
    assert json.loads(run("search", "has:highlight", "--json").stdout)["total"] == 1


def test_quote_a_sentence_with_its_citation(run, db):
    number, sentence = billion_sentence(db)
    markdown = run("quote", "1", "--sentence", str(number)).stdout
    assert markdown.startswith(f"> {BILLION}")
    assert sentence in markdown and f"> — “{SEED_TITLE}”" in markdown
    plain = run("quote", "1", "-s", str(number), "--style", "plain").stdout
    assert plain.startswith(f"“{BILLION}") and plain.rstrip().endswith(f"— “{SEED_TITLE}”")
    assert run("quote", "1", "-s", str(number), "--style", "citation").stdout == f"“{SEED_TITLE}”\n"


def test_quote_a_paragraph(run, db):
    number, _ = billion_sentence(db)
    text = run("quote", "1", "-s", str(number), "--paragraph", "--style", "plain").stdout
    assert "Mexico is our closest neighbor" in text and BILLION in text


def test_quote_style_comes_from_config(run, db, tmp_path, monkeypatch):
    number, _ = billion_sentence(db)
    config = tmp_path / "config.toml"
    config.write_text('[quotes]\nformat = "plain"\n')
    monkeypatch.setenv("NEWSREADER_CONFIG", str(config))
    assert run("quote", "1", "-s", str(number)).stdout.startswith("“One billion")
    config.write_text('[quotes]\nformat = "fancy"\n')
    one_line_error(run("quote", "1", "-s", str(number)),
                   f'config {config}: quotes.format must be markdown, plain or citation, '
                   'not "fancy"')


def test_quote_copy_reports_honestly(run, db, monkeypatch):
    copied = []
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.setattr("tui.clipboard.copy_system",
                        lambda text: (copied.append(text), (True, "copied"))[1])
    number, _ = billion_sentence(db)
    result = run("quote", "1", "-s", str(number), "--copy")
    assert result.exit_code == 0
    assert copied == [result.stdout.rstrip("\n")]
    assert result.stderr.strip() == "Copied to the system clipboard"
    monkeypatch.setattr("tui.clipboard.copy_system", lambda text: (False, "no display"))
    result = run("quote", "1", "-s", str(number), "--copy")
    # Nothing took it (no terminal for OSC 52 here, no tmux, no display): exit code 1.
    assert result.exit_code == 1 and result.stderr.strip() == (
        "Not copied: terminal: no terminal to send OSC 52 to; system clipboard: no display")
    assert result.stdout.startswith("> ")  # the quote itself is still printed


def test_quote_copy_over_ssh_is_sent_unconfirmed_to_the_terminal(run, db, monkeypatch):
    from tui.cli import notes

    sent = []
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    monkeypatch.setattr(notes, "_osc52_sender", lambda: sent.append)
    number, _ = billion_sentence(db)
    result = run("quote", "1", "-s", str(number), "--copy")
    assert result.exit_code == 0 and sent == [result.stdout.rstrip("\n")]
    assert result.stderr.strip() == ("Sent to the terminal (OSC 52), unconfirmed: it reaches "
                                     "your clipboard if the terminal allows programs to set it")


def test_export_markdown_and_json(run, tmp_path):
    run("tag", "1", "trade")
    run("note", "1", "The key figure", "--quote", BILLION)
    folder = tmp_path / "vault"
    result = run("export", "--output", str(folder))
    assert result.exit_code == 0 and "exported 1 article to" in result.stderr
    [path] = folder.iterdir()
    assert path.name.startswith("1-us-mexico-resume") and BILLION in path.read_text()
    first = path.read_bytes()
    run("export", "--format", "markdown", "-o", str(folder))
    assert [p.read_bytes() for p in folder.iterdir()] == [first]
    data = json.loads(run("export", "--format", "json").stdout)
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    out = tmp_path / "notes.json"
    assert run("export", "--format", "json", "--output", str(out)).exit_code == 0
    assert json.loads(out.read_text()) == data
    one_line_error(run("export", "--output", str(out)), "is a file")


def test_commands_on_a_missing_library(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "notes"])
    one_line_error(result, "no library at")
    assert not (tmp_path / "none.db").exists()
