"""The config file is data too: wrong values are refused when it loads (in one line naming the
file, the key and what it may be, before the CLI or the app does anything), values holding
control characters are refused, numbers are bounded, and what is merely odd is warned about."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS, loaded, settle
from tui import config as config_module
from tui.app import make_app
from tui.cli import cli
from tui.config import ConfigError, Settings, keymap_problems, load_settings, max_workers
from tui.ingest import add_sources
from tui.quotes import STYLES


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    return path



def one_line(result, text: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and text in result.stderr, result.stderr
    assert "Traceback" not in result.output


def refused(config, body: str) -> str:
    config.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_a_wrong_word_is_refused_by_the_cli_and_before_the_app_starts(config, launches,
                                                                      tmp_path):
    config.write_text('[quotes]\nformat = "nonsense"\n')
    message = (f'config {config}: quotes.format must be markdown, plain or citation, '
               'not "nonsense"')
    runner = CliRunner()
    db = str(tmp_path / "lib.db")
    one_line(runner.invoke(cli, ["--db", db]), message)  # the app
    assert launches == []
    assert runner.invoke(cli, ["--db", db, "add", str(SEEDS)]).exit_code == 1
    config.write_text('[quotes]\nsave = "sometimes"\n')
    one_line(runner.invoke(cli, ["--db", db]),
             f'config {config}: quotes.save must be ask, always or never, not "sometimes"')
    assert launches == []


def test_quote_formats_are_the_quote_styles():
    assert config_module.QUOTE_FORMATS == STYLES


@pytest.mark.parametrize("body, key", [
    ('[keys]\n"library.search" = "\\u001b]0;KEYTITLE\\u0007"\n', "keys.library.search"),
    ('[keys]\n"library.search" = ["f", "\\u009b2J"]\n', "keys.library.search"),
    ('[ui]\ntheme = "dark\\u202eevil"\n', "ui.theme"),
    ('[quotes]\nformat = "plain\\u0007"\n', "quotes.format"),
    ('[keys]\n"library.search\\u001b[2J" = "f"\n', "keys.library.search\\x1b[2J"),
])
def test_control_characters_in_any_value_are_refused_naming_the_key(config, body, key):
    message = refused(config, body)
    assert message.startswith(f"config {config}: {key} holds a control character")
    assert "\x1b" not in message and "\x9b" not in message and "\u202e" not in message


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "-1", "0", "-inf"])
def test_max_file_mb_is_a_finite_number_in_range(config, value):
    message = refused(config, f"[ingest]\nmax_file_mb = {value}\n")
    assert message.startswith(f"config {config}: ingest.max_file_mb must be a number of MB "
                              "above 0 and at most 100,000, not ")


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "-1", "twelve"])
def test_max_file_mb_from_the_environment_too(config, monkeypatch, value):
    monkeypatch.setenv("NEWSREADER_MAX_FILE_MB", value)
    with pytest.raises(ConfigError, match="^NEWSREADER_MAX_FILE_MB "):
        load_settings(config)


def test_workers_are_capped_at_a_few_per_core_with_a_warning(config, monkeypatch):
    config.write_text("[ingest]\nworkers = 99999999999999999\n")
    settings = load_settings(config)
    assert settings.workers == max_workers() == 4 * config_module.cores()
    assert settings.warnings == [f"config {config}: ingest.workers = 999999… (17 digits) is "
                                 f"more than 4 per core: using {max_workers()}"]
    monkeypatch.setenv("NEWSREADER_WORKERS", "100")
    settings = load_settings(config)
    assert settings.workers == max_workers()
    assert settings.warnings[-1].startswith("NEWSREADER_WORKERS = 100 is more than 4 per core")
    assert "ingest.workers must be 0" in refused(config, "[ingest]\nworkers = -3\n")
    monkeypatch.setenv("NEWSREADER_WORKERS", "-3")
    config.write_text("")
    with pytest.raises(ConfigError, match="NEWSREADER_WORKERS is not a whole number"):
        load_settings(config)


def test_workers_reach_the_pipeline_capped():
    from tui.ingest.pipeline import worker_count

    assert worker_count({}, 10**17) == max_workers()
    assert worker_count({}, 1) == 1


def test_unknown_tables_and_keys_are_warned_about_on_stderr(config, tmp_path):
    config.write_text('[ui]\ncolour = "red"\n[colours]\nx = 1\n[quotes]\nformat = "plain"\n')
    settings = load_settings(config)
    assert settings.quote_format == "plain"
    assert settings.warnings == [
        f"config {config}: unknown key ui.colour ignored (known in [ui]: theme)",
        f"config {config}: unknown table [colours] ignored (known: [ui], [ingest], [quotes], "
        "[keys], [reader], [rules])",
    ]
    story = tmp_path / "story.txt"
    story.write_text("A title\n\nA body.\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "lib.db"), "add", str(story)])
    assert result.exit_code == 0
    assert f"newsreader: config {config}: unknown key ui.colour ignored" in result.stderr


def test_keymap_problems():
    screens = {"reader": [("app.help", "question_mark,f1"), ("reader.next", "j,down"),
                          ("reader.select", "v")],
               "help": [("app.help", "question_mark,f1"), ("help.close", "escape,q,?")]}
    assert keymap_problems(screens, {}, "c.toml") == []  # help's own ? is not the user's doing
    assert keymap_problems(screens, {"reader.select": "j", "reader.nope": "x",
                                     "app.help": "?"}, "c.toml") == [
        "config c.toml: keys.reader.nope is not a binding id, ignored (the README's key "
        "tables list them)",
        'config c.toml: keys: "j" is bound to both reader.next and reader.select on the '
        "reader screen; only one of them can work",
    ]


async def test_the_app_warns_about_theme_ids_and_clashing_keys(library, config):
    add_sources(library, [str(SEEDS)], max_bytes=10**7)
    config.write_text('[ui]\ntheme = "no-such-theme"\n'
                      '[keys]\n"reader.select" = "j"\n"library.serch" = "f"\n')
    settings = load_settings(config)
    app = make_app(library, settings)
    seen: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (seen.append(str(message)), notify(message, **kw))[1]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: loaded(app)() and any("problems" in m for m in seen))
        assert app.theme == "newsreader-dark"
    # One notice (a notice replaces the one before), and every problem for the CLI to list.
    assert [m for m in seen if "problems" in m] == [
        f"3 problems in {config}, listed when newsreader quits; the first: config {config}: "
        'ui.theme "no-such-theme" is not a theme, using newsreader-dark (themes: ' +
        ", ".join(sorted(app.available_themes)) + ")"]
    assert settings.warnings[1:] == [
        f"config {config}: keys.library.serch is not a binding id, ignored (the README's key "
        "tables list them)",
        f'config {config}: keys: "j" is bound to both reader.next_sentence and reader.select '
        "on the reader screen; only one of them can work"]


def test_the_cli_lists_the_apps_warnings_when_it_ends(config, monkeypatch, tmp_path):
    import tui.app

    config.write_text('[ui]\ntheme = "no-such-theme"\n')

    def run_app(db, settings):  # what the app adds to the settings' warnings
        settings.warnings.append("config x: a problem the app found")
        return 0

    monkeypatch.setattr(tui.app, "run_app", run_app)
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "lib.db")])
    assert result.exit_code == 0
    assert result.stderr == "newsreader: config x: a problem the app found\n"


def test_defaults_have_no_problems():
    from tui.screens import bindings_by_screen

    assert keymap_problems(bindings_by_screen(), {}, "x") == []
    assert Settings().warnings == []
