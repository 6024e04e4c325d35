"""Leaving the reader: the article as Markdown, piped to a command, its URL opened or linked."""

from __future__ import annotations

import pytest

from tests.conftest import SEED, SEED_TITLE, SEEDS, make_article, open_reader, settle
from tui.app import make_app
from tui.config import ConfigError, Settings, load_settings
from tui.document import article_document
from tui.external import link_url, open_argv, parse_open_command, run_pipe
from tui.ingest import add_sources
from tui.screens.library import LibraryScreen
from tui.screens.pipe import PipeOutputScreen
from tui.screens.reader import ReaderScreen

HOSTILE = "Evil\x1b]52;c;aGk=\x07 title"


@pytest.fixture
def seeded(library, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    add_sources(library, [str(SEEDS)], max_bytes=10**7)
    return library


def test_markdown_document_has_front_matter_and_body(library):
    [(_, article_id)] = library.articles.upsert([make_article(
        title='Colon: "quoted" --- title', body="First para.\n\nSecond para.",
        url="https://example.com/x", source="Wire")])
    library.notes.tag_articles([article_id], ["trade"])
    article = library.articles.get(article_id)
    text = article_document(article, library.notes.article_tags(article_id))
    head, body = text.split("\n---\n", 1)
    assert head.startswith("---\ntitle: \"Colon: \\\"quoted\\\" --- title\"\n")
    assert 'url: "https://example.com/x"' in head and 'tags: ["trade"]' in head
    assert f"newsreader_id: {article_id}" in head
    assert body == '\n# Colon: "quoted" --- title\n\nFirst para.\n\nSecond para.\n'


def test_markdown_of_a_hostile_library_holds_no_escape(library):
    [(_, article_id)] = library.articles.upsert([make_article(title="x", body="y")])
    library.conn.execute("UPDATE articles SET title = ?, body = ? WHERE id = ?",
                         (HOSTILE, "Body \x1b[31mred\x9b", article_id))
    text = article_document(library.articles.get(article_id))
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def test_show_format_markdown(run):
    assert run("add", str(SEED)).exit_code == 0
    result = run("show", "1", "--format", "markdown")
    assert result.exit_code == 0
    assert result.output.startswith("---\ntitle: ")
    assert f"# {SEED_TITLE}\n" in result.output
    assert "One billion dollars crosses our shared border" in result.output


def test_pipe_feeds_stdin_and_cleans_and_bounds_output():
    assert run_pipe("wc -w", "one two three\n").output.strip() == "3"
    hostile = run_pipe(r"printf '\033]52;c;aGk=\007x\033[2Jy'", "")
    assert hostile.output == "xy" and hostile.code == 0
    big = run_pipe("yes", "", limit=1000)
    assert len(big.output) == 1000 and big.truncated
    slow = run_pipe("sleep 20", "", timeout=0.5)
    assert slow.timed_out and "stopped after 0.5 s" in slow.summary()
    failed = run_pipe("exit 3", "")
    assert failed.code == 3 and failed.summary() == "exit 3"


def test_link_url_is_clean_http_only():
    assert link_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert link_url("http://user:pw@example.com/") == "http://example.com/"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://ex.com/\x1b]8;;x",
                "https://ex.com/a b", "https://ex.com/\u202e", ""):
        assert link_url(bad) == ""


def test_open_command_keeps_the_url_one_argument():
    argv = parse_open_command('w3m -o "a b" {url}')
    hostile = "https://example.com/$(touch x);rm -rf ~ 'q'"
    assert open_argv(argv, hostile) == ["w3m", "-o", "a b", hostile]
    assert parse_open_command("xdg-open") == ["xdg-open", "{url}"]


def test_open_command_in_config(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[reader]\nopen = "w3m {url}"\n')
    assert load_settings(config).open_command == ["w3m", "{url}"]
    config.write_text('[reader]\nopen = "w3m \\"{url}"\n')
    with pytest.raises(ConfigError, match="reader.open cannot be split"):
        load_settings(config)


async def test_pipe_key_shows_the_commands_output(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_reader(pilot)
        await pilot.press("vertical_line")
        await pilot.press(*"wc -w")
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, PipeOutputScreen))
        expected = len(article_document(reader.article,
                                        seeded.notes.article_tags(reader.article.id)).split())
        output = app.screen.result.output
        assert output.strip() == str(expected)
        assert "exit 0" in str(app.screen.query_one("#pipe-status").render())
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("vertical_line")  # the last command is offered again
        await pilot.pause()
        assert app.screen.query_one("Input").value == "wc -w"


async def test_open_key_runs_the_configured_command_with_the_url(library, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    url = "https://example.com/story?a=1&b=$(x);'q'"
    library.articles.upsert([make_article(title="Linked", body="Text here.", url=url)])
    out = tmp_path / "opened"
    settings = Settings(open_command=parse_open_command(
        f"sh -c 'printf %s \"$1\" > {out}' sh {{url}}"))
    app = make_app(library, settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot)
        await pilot.press("O")
        await settle(pilot, lambda: out.exists())
        assert out.read_text() == url


async def test_open_without_a_command_says_how_to_set_one(seeded, monkeypatch):
    seeded.articles.upsert([make_article(title="Linked", body="Text.",
                                         url="https://example.com/x")])
    app = make_app(seeded)
    said = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reader(pilot)
        await pilot.press("O")
        await pilot.pause()
        assert any("No open command: set open under [reader]" in m for m in said)
