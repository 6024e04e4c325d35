"""`newsreader entities` and the entities of `show --json`, through click's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import tui.cli.entities as cli_module
from tests.conftest import SEEDS
from tui import entities as extractor
from tui.cli import cli
from tui.help_text import QUERY_HELP
from tui.storage import Library

# A hover card (name, name, teaser headlines, MORE) and terminal escapes around a name: the
# offsets are only right if the text is cleaned exactly as `add` cleans it.
RAW = ("Blinken meets Ebrard in Mexico\n\n"
       "Secretary of State Antony BlinkenAntony BlinkenSunday shows preview: US reaffirms "
       "support for Ukraine MORE met \x1b[1mMarcelo Ebrard\x1b[0m in Mexico City on Thursday, "
       "according to Reuters.\n\nBlinken later flew to Washington.\n")
CLEAN = ("Secretary of State Antony Blinken met Marcelo Ebrard in Mexico City on Thursday, "
         "according to Reuters.\n\nBlinken later flew to Washington.")


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "entities.db")

    def invoke(*args, input=None):
        return runner.invoke(cli, ["--db", db, *args], input=input, catch_exceptions=False)

    invoke.db = db
    return invoke


@pytest.fixture
def story(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(RAW)
    return path


def one_line_error(result, message):
    assert result.exit_code == 1, result.output
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def check_entities(data: dict) -> None:
    assert data["title"] == "Blinken meets Ebrard in Mexico"
    assert data["text"] == CLEAN
    for entity in data["entities"]:
        assert set(entity) == {"start", "end", "text", "label", "canonical"}
        assert data["text"][entity["start"]:entity["end"]] == entity["text"]
    found = [(e["text"], e["label"], e["canonical"]) for e in data["entities"]]
    assert ("Marcelo Ebrard", "PERSON", "Marcelo Ebrard") in found
    assert ("Blinken", "PERSON", "Antony Blinken") in found
    assert ("Reuters", "ORG", "Reuters") in found
    assert ("Mexico City", "PLACE", "Mexico City") in found


def test_entities_of_a_file_as_json(run, story):
    result = run("entities", str(story), "--json")
    assert result.exit_code == 0, result.output
    check_entities(json.loads(result.stdout))
    assert not Path(run.db).exists()  # nothing stored, not even an empty library


def test_entities_of_standard_input_match_the_file(run, story):
    from_file = json.loads(run("entities", str(story), "--json").stdout)
    from_stdin = json.loads(run("entities", "-", "--json", input=RAW).stdout)
    assert from_stdin == from_file


def test_entities_plain_lines(run, story):
    result = run("entities", str(story))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "PERSON  Antony Blinken"
    assert "PERSON  Blinken  (Antony Blinken)" in lines
    assert "ORG     Reuters" in lines
    assert len(lines) == len(json.loads(run("entities", str(story), "--json").stdout)["entities"])


def test_entities_errors(run, story, tmp_path):
    one_line_error(run("entities", str(tmp_path / "missing.txt")), "no such file or directory")
    one_line_error(run("entities", str(tmp_path)), "is a directory")
    one_line_error(run("entities", "-", input=""), "standard input: empty file")
    one_line_error(run("entities"), "give one of")
    one_line_error(run("entities", str(story), "--top"), "give one of")
    one_line_error(run("entities", "--top"), "no library at")


def test_top_entities(run, story):
    assert run("add", str(SEEDS), str(story)).exit_code == 0
    rows = json.loads(run("entities", "--top", "--json").stdout)
    assert set(rows[0]) == {"name", "label", "articles"}
    assert {"name": "Antony Blinken", "label": "PERSON", "articles": 2} in rows
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)
    people = json.loads(run("entities", "--top", "--label", "person", "-n", "2", "--json").stdout)
    assert len(people) == 2 and {r["label"] for r in people} == {"PERSON"}
    plain = run("entities", "--top", "--label", "ORG").stdout.splitlines()
    assert re.fullmatch(r"\s+2  ORG     Reuters", plain[0])


def test_show_json_has_entities_with_offsets_into_the_body(run):
    run("add", str(SEEDS))
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["entities"]
    for entity in shown["entities"]:
        assert shown["body"][entity["start"]:entity["end"]] == entity["text"]
    assert {"start": shown["body"].index("Antony Blinken"),
            "end": shown["body"].index("Antony Blinken") + len("Antony Blinken"),
            "text": "Antony Blinken", "label": "PERSON",
            "canonical": "Antony Blinken"} in shown["entities"]


def test_add_and_reindex_bring_older_extractions_up_to_date(run, story, monkeypatch):
    run("add", str(SEEDS))
    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", extractor.EXTRACTOR_VERSION + 1)
    assert Library(run.db).entities.stale_count() == 1
    result = run("add", str(story))
    assert result.exit_code == 0 and result.stdout.startswith("added 1, updated 0")
    assert result.stderr == "entities found again in 1 article an older newsreader read\n"
    assert Library(run.db).entities.stale_count() == 0
    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", extractor.EXTRACTOR_VERSION + 1)
    assert json.loads(run("entities", "--reindex", "--json").stdout) == {"reextracted": 2}
    assert run("entities", "--reindex").stdout == "extracted again the entities of 0 articles\n"


def test_search_by_entity_from_the_shell(run, story):
    run("add", str(SEEDS), str(story))
    data = json.loads(run("search", "person:ebrad", "--json").stdout)
    assert data["total"] == 2 and data["notices"] == ["person:ebrad taken as Marcelo Ebrard"]
    data = json.loads(run("search", "person:nobody", "--json").stdout)
    assert data["total"] == 0 and data["notices"] == ["no person like 'nobody'"]


def test_export_front_matter_names_the_entities(run, tmp_path):
    run("add", str(SEEDS))
    run("tag", "1", "trade")
    run("export", "--output", str(tmp_path / "vault"))
    [path] = (tmp_path / "vault").iterdir()
    line = next(x for x in path.read_text().splitlines() if x.startswith("entities:"))
    assert '"Antony Blinken"' in line and '"Reuters"' in line and '"Thursday"' not in line


def test_the_cli_labels_are_the_extractors():
    assert cli_module.LABELS == extractor.LABELS


def test_readme_search_language_is_the_query_help():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = readme.split("## Search language", 1)[1].split("```text\n", 1)[1].split("\n```")[0]
    assert block == QUERY_HELP
    assert all(len(line) < 76 for line in QUERY_HELP.splitlines())


# -- entities --jsonl ------------------------------------------------------------------------


def jsonl(run, text: str):
    result = run("entities", "--jsonl", input=text)
    return result, [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_reads_records_and_files_in_one_process(run, story):
    lines = [json.dumps({"id": 7, "title": "Ebrard in Mexico City", "text": CLEAN}),
             str(story), json.dumps({"id": "x", "text": "Nothing to name here."})]
    result, out = jsonl(run, "\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert [o["id"] for o in out] == [7, str(story), "x"]
    first = out[0]
    assert first["text"] == CLEAN and first["title"] == "Ebrard in Mexico City"
    for entity in first["entities"]:
        assert first["text"][entity["start"]:entity["end"]] == entity["text"]
    assert ("Marcelo Ebrard", "PERSON") in {(e["text"], e["label"]) for e in first["entities"]}
    assert {(e["text"], e["label"], e["canonical"]) for e in first["title_entities"]} >= {
        ("Ebrard", "PERSON", "Marcelo Ebrard"), ("Mexico City", "PLACE", "Mexico City")}
    # A path is read and cleaned exactly as `entities FILE --json` reads it.
    from_file = json.loads(run("entities", str(story), "--json").stdout)
    assert {k: out[1][k] for k in from_file} == from_file
    assert out[2]["entities"] == [] and out[2]["title"] == ""
    assert not Path(run.db).exists()


def test_jsonl_bad_lines_get_an_error_record_and_the_rest_goes_on(run, tmp_path):
    good = json.dumps({"id": 1, "text": "Blinken met Ebrard in Mexico City."})
    lines = [good, "{not json", json.dumps([1, 2]), json.dumps({"id": 2}),
             json.dumps({"id": 3, "text": "x", "title": 4}), str(tmp_path / "missing.txt"),
             json.dumps({"id": {"a": 1}, "text": "x"}), "", good]
    result, out = jsonl(run, "\n".join(lines) + "\n")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(out) == 8  # the blank line is no input
    errors = [o for o in out if "error" in o]
    assert [o["line"] for o in errors] == [2, 3, 4, 5, 6, 7]
    assert all(o["error"].startswith(f"line {o['line']}: ") and "\n" not in o["error"]
               for o in errors)
    assert "not JSON" in errors[0]["error"] and errors[2]["id"] == 2
    assert "missing.txt" in errors[4]["error"]
    assert out[0]["entities"] and out[-1] == out[0]


def test_jsonl_bytes_that_are_not_utf8_or_too_long(run, monkeypatch):
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", "1")
    runner = CliRunner()
    big = json.dumps({"id": 2, "text": "a" * (1 << 20)}).encode()
    data = b'{"id": 1, "text": "caf\xe9"}\n' + big + b"\n" + b'{"id": 3, "text": "Ok."}\n'
    result = runner.invoke(cli, ["--db", run.db, "entities", "--jsonl"], input=data)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 1
    assert out[0]["error"] == "line 1: not UTF-8"
    assert out[1]["error"].startswith("line 2: longer than")
    assert out[2]["id"] == 3 and "entities" in out[2]


def test_jsonl_never_prints_terminal_controls(run):
    evil = "Blinken \x1b]0;owned\x07 met \x9b31m Ebrard \u202e in Mexico."
    result, out = jsonl(run, json.dumps({"id": 1, "text": evil}, ensure_ascii=False) + "\n")
    assert result.exit_code == 0
    assert not any(c in result.stdout for c in "\x1b\x07\x9b\u202e")
    assert out[0]["text"] == evil
