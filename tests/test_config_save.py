"""A theme picked in the app is saved to the config file (comments and order kept, tomlkit)
and used at the next start; a config that cannot be written says so in one line."""

from __future__ import annotations

import pytest

from tests.conftest import settle
from tests.privileges import unprivileged_runner
from tui.app import make_app
from tui.config import ConfigError, Settings, load_settings, save_setting
from tui.screens.library import LibraryScreen

CONFIG = """\
# My newsreader settings (kept by hand)

[quotes]
format = "plain"   # for the wiki

[ui]
# dark at night
theme = "newsreader-dark"

[keys]
"reader.next_sentence" = "j,down"
"""


@pytest.fixture
def config(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    return path


def test_saving_keeps_comments_order_and_other_values(config):
    config.write_text(CONFIG, encoding="utf-8")
    assert save_setting("ui", "theme", "newsreader-light", config) == config
    assert config.read_text(encoding="utf-8") == CONFIG.replace(
        'theme = "newsreader-dark"', 'theme = "newsreader-light"')
    settings = load_settings(config)
    assert (settings.theme, settings.quote_format) == ("newsreader-light", "plain")
    assert settings.keys == {"reader.next_sentence": "j,down"}


def test_a_table_missing_is_added_at_the_end(config):
    config.write_text('# mine\n[quotes]\nformat = "plain"\n', encoding="utf-8")
    save_setting("ui", "theme", "nord", config)
    text = config.read_text(encoding="utf-8")
    assert text.startswith('# mine\n[quotes]\nformat = "plain"\n')
    assert load_settings(config).theme == "nord"


def test_an_absent_config_is_created_with_its_folder(tmp_path):
    path = tmp_path / "new" / "folder" / "config.toml"
    save_setting("ui", "theme", "nord", path)
    assert load_settings(path).theme == "nord"


def test_a_symlinked_config_changes_the_file_it_points_to(tmp_path):
    real = tmp_path / "dotfiles" / "newsreader.toml"
    real.parent.mkdir()
    real.write_text(CONFIG, encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    save_setting("ui", "theme", "nord", link)
    assert link.is_symlink() and load_settings(real).theme == "nord"


SAVE = ("import sys; from pathlib import Path; from tui.config import ConfigError, save_setting\n"
        "try: save_setting('ui', 'theme', 'nord', Path(sys.argv[1]))\n"
        "except ConfigError as exc: print(exc); sys.exit(1)")


@pytest.mark.parametrize("shut", ["folder", "file"])
def test_a_read_only_config_is_one_line_and_unchanged(tmp_path, tmp_path_factory, shut):
    unprivileged = unprivileged_runner(tmp_path_factory.mktemp("probe"))
    if isinstance(unprivileged, str):
        pytest.skip(unprivileged)
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "config.toml"
    path.write_text(CONFIG, encoding="utf-8")
    (folder if shut == "folder" else path).chmod(0o555 if shut == "folder" else 0o444)
    try:
        result = unprivileged(SAVE, str(path))
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1 and result.stderr == "", result.stderr
    assert result.stdout.startswith(f"cannot write config {path}: Permission denied")
    assert result.stdout.count("\n") == 1
    assert path.read_text(encoding="utf-8") == CONFIG


def test_an_unwritable_place_is_one_line(tmp_path):
    # A regular file where the folder should be: fails for root too.
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError) as caught:
        save_setting("ui", "theme", "nord", tmp_path / "file" / "config.toml")
    assert "\n" not in str(caught.value) and "cannot" in str(caught.value)


def test_a_broken_config_is_left_as_it_is(config):
    config.write_text("[ui\ntheme = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML, left as it is"):
        save_setting("ui", "theme", "nord", config)
    assert config.read_text(encoding="utf-8") == "[ui\ntheme = \n"


def first_hit(app) -> str:
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    if not isinstance(app.screen, CommandPalette):
        return ""
    options = app.screen.query_one(OptionList)
    return str(options.get_option_at_index(0).prompt) if options.option_count else ""


async def pick_theme(app, pilot, name: str) -> None:
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*"theme")
    # The palette ranks in a thread: wait for its first hit before choosing it (enter on an
    # empty list closes the palette).
    await settle(pilot, lambda: first_hit(app).startswith("Theme\n"))
    await pilot.press("enter")  # the Theme command: the list of themes
    await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.pause(0.3)
    await pilot.press(*[{"-": "minus"}.get(c, c) for c in name])
    await settle(pilot, lambda: first_hit(app).startswith(name))
    await pilot.press("enter")
    await settle(pilot, lambda: app.theme == name and isinstance(app.screen, LibraryScreen))


async def test_a_theme_picked_in_the_palette_is_used_at_the_next_start(library, config):
    config.write_text(CONFIG, encoding="utf-8")
    app = make_app(library, load_settings(config))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen), 10)
        await pick_theme(app, pilot, "newsreader-light")
        await settle(pilot, lambda: "newsreader-light" in config.read_text(encoding="utf-8"))
    assert "# dark at night" in config.read_text(encoding="utf-8")
    again = make_app(library, load_settings(config))
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(again.screen, LibraryScreen), 10)
        assert again.theme == "newsreader-light"


async def test_a_config_that_cannot_be_written_is_a_notice(library, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    path = tmp_path / "file" / "config.toml"
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    app = make_app(library, Settings(path=path))  # (loading it would fail: ENOTDIR)
    notices = []
    shown = app.notify
    monkeypatch.setattr(app, "notify", lambda message, **kw: notices.append(
        (message if not kw.get("title") else f"{kw['title']}: {message}",
         kw.get("severity"))) or shown(message, **kw))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen), 10)
        notices.clear()
        await pick_theme(app, pilot, "newsreader-light")
        await settle(pilot, lambda: bool(notices))
        [(message, severity)] = notices
        assert message.startswith("Theme not saved: cannot read config") and str(path) in message
        assert "\n" not in message and severity == "warning"
        assert app.theme == "newsreader-light"  # until the app ends
