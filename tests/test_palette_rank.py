"""The command palette's ranking rule (tui.search.palette): whole words before scattered
letters, misspellings found, command names matching; then the palette itself in the app."""

from __future__ import annotations

import pytest

from tests.conftest import make_article
from tui.search import OPEN, fuzzy_titles
from tui.search.palette import rank, score, strip_command

TITLES = [
    "Mourinho takes swipe at Arsenal",
    "Arsenal sign young striker from Porto",
    "Dollar gains on Greenspan speech",
    "Greenspan warns on budget deficit",
    "Labour plans maternity pay rise",
    "US Airways staff agree to pay cut",
    "China net cafe culture crackdown",
    "Internet cafe owners protest new rules",
    "O'Sullivan could run in Worlds",
    "World leaders gather for climate talks",
    "Ink helps drive democracy in Asia",
    "Jarre joins fairytale celebration",
    "Gallery unveils interactive tree",
    "Claxton hunting first major medal",
    "Watchdog probes e-mail deletions",
    "Ad sales boost Time Warner profit",
    "Australian Open: Federer into final",
    "Theme park visitors fall by a third",
    "Electrolux to export Europe jobs",
    "Oil prices hit record as Opec meets",
    "Bank of England holds interest rates",
    "Blair defends Iraq war record",
    "Brown sets out pre-election budget",
    "Mobile phones reach new markets",
    "Games maker posts record sales",
    "Pension reform plan unveiled",
    "Football: Chelsea beat Liverpool",
    "Microsoft releases security patch",
    "Sony cuts prices of PlayStation",
    "Scientists map the human genome",
]

NAMES = ["person: Jose Mourinho", "org: IP", "org: PE", "place: Copenhagen",
         "org: Federal Open Markets Committee", "org: XP", "org: Export & Finance Bank",
         "person: P.", "place: Stoke-on-Trent", "person: Greenspan", "person: A", "org: NE",
         "org: DS", "org: World", "person: O'Sullivan", "person: No", "org: B&B", "org: LP",
         "place: Theme Park", "org: Opec"]

COMMANDS = ["Theme", "Theme: switch to newsreader-light", "Help: keys for this screen",
            "Notebook: every highlight and note", "Keys", "Quit", "Screenshot",
            "Export: notes and highlights as Markdown"]

OFFERS = [OPEN + t for t in TITLES] + NAMES + COMMANDS

CASES = [
    # Two words of a title, in any order, beat names holding their letters (issue 24).
    ("Mourinho swipe", OPEN + "Mourinho takes swipe at Arsenal"),
    ("swipe mourinho", OPEN + "Mourinho takes swipe at Arsenal"),
    ("mourinho", "person: Jose Mourinho"),  # the whole name beats a title of five words
    # Misspelt titles.
    ("Dolar gains on Grenspan", OPEN + "Dollar gains on Greenspan speech"),
    ("maternty pay", OPEN + "Labour plans maternity pay rise"),
    ("clxton medal", OPEN + "Claxton hunting first major medal"),
    ("democrasy asia", OPEN + "Ink helps drive democracy in Asia"),
    # Fragments.
    ("maternity pay", OPEN + "Labour plans maternity pay rise"),
    ("net cafe", OPEN + "China net cafe culture crackdown"),
    ("cafe owners", OPEN + "Internet cafe owners protest new rules"),
    ("Sullivan Worlds", OPEN + "O'Sullivan could run in Worlds"),
    ("world leaders", OPEN + "World leaders gather for climate talks"),
    ("watchdog", OPEN + "Watchdog probes e-mail deletions"),
    ("e-mail deletions", OPEN + "Watchdog probes e-mail deletions"),
    ("time warner", OPEN + "Ad sales boost Time Warner profit"),
    ("jarre", OPEN + "Jarre joins fairytale celebration"),
    ("federer final", OPEN + "Australian Open: Federer into final"),
    ("interest rates", OPEN + "Bank of England holds interest rates"),
    ("blair iraq", OPEN + "Blair defends Iraq war record"),
    ("pre-election", OPEN + "Brown sets out pre-election budget"),
    ("playstation", OPEN + "Sony cuts prices of PlayStation"),
    ("genome", OPEN + "Scientists map the human genome"),
    ("chelsea liverpool", OPEN + "Football: Chelsea beat Liverpool"),
    # Word starts while typing.
    ("mour", "person: Jose Mourinho"),
    ("clax", OPEN + "Claxton hunting first major medal"),
    ("secur patch", OPEN + "Microsoft releases security patch"),
    # Command names match, and lead names and titles holding the same word.
    ("theme", "Theme"),
    ("them", "Theme"),
    ("theme light", "Theme: switch to newsreader-light"),
    ("help", "Help: keys for this screen"),
    ("notebook", "Notebook: every highlight and note"),
    ("export", "Export: notes and highlights as Markdown"),
    ("quit", "Quit"),
    ("open mourinho", OPEN + "Mourinho takes swipe at Arsenal"),
    ("opec", "org: Opec"),
]


@pytest.mark.parametrize(("query", "first"), CASES)
def test_first_hit(query, first):
    ranked = rank(query, OFFERS)
    assert ranked, query
    assert OFFERS[ranked[0][0]] == first, [(OFFERS[i], round(s, 3)) for i, s in ranked[:4]]


def test_whole_words_above_scattered_letters():
    # "open" has the letters of "org: PE" in order, and "swipe" those of "org: IP": once
    # they came first.
    assert score("open", "org: PE") < 0.45 < score("open", OPEN + "Anything at all")
    assert score("Mourinho swipe", "org: IP") < 0.45
    assert [i for i, _ in rank("open", ["org: PE", "place: Copenhagen", OPEN + "A"])] == [2, 1]
    assert score("net cafe", "China net cafe culture") > score("net cafe", "Internet cafe owners")


def test_equal_scores_keep_the_offers_order():
    assert [i for i, _ in rank("open", [OPEN + "b", OPEN + "a", OPEN + "c"])] == [0, 1, 2]


def test_large_lists_are_narrowed_without_losing_the_best():
    offers = [f"org: Company {i}" for i in range(5000)] + [OPEN + "Mourinho takes swipe"]
    assert rank("mourinho swipe", offers, limit=5)[0][0] == 5000


def test_strip_command():
    assert strip_command("open mourinho swipe", "open") == ("mourinho swipe", True)
    assert strip_command("op", "open") == ("", True)
    assert strip_command("o", "open") == ("o", False)
    assert strip_command("opera house", "open") == ("opera house", False)


def test_nothing_typed_or_nothing_like_it():
    assert rank("", OFFERS) == [] and rank("  ,; ", OFFERS) == []
    assert rank("zzzqqq", OFFERS) == []


def test_fuzzy_titles_open_offers_articles(library):
    library.articles.upsert([make_article(title=t, body=f"Body of {t}.") for t in TITLES])
    newest = fuzzy_titles(library, "open", limit=5)
    assert len(newest) == 5 and all(s > 1 for _, _, s in newest)
    assert fuzzy_titles(library, "open swipe")[0][1] == "Mourinho takes swipe at Arsenal"
    assert fuzzy_titles(library, "Dolar gains on Grenspan")[0][1] == (
        "Dollar gains on Greenspan speech")


async def palette_first(app, pilot, query: str) -> str:
    """The first line the palette shows once `query` is typed into a fresh palette."""
    from textual.command import CommandPalette

    from tests.conftest import settle

    await pilot.press("ctrl+p")
    await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*[{" ": "space"}.get(c, c) for c in query])
    command_list = app.screen.query_one("CommandList")
    await settle(pilot, lambda: command_list.option_count > 0, 10)
    await pilot.pause(0.3)  # the last provider's hits
    await settle(pilot)
    first = str(command_list.get_option_at_index(0).prompt).split("\n")[0]
    await pilot.press("escape")
    return first


async def test_the_palette_in_the_app(library):
    from tests.conftest import settle
    from tui.app import make_app
    from tui.screens.library import LibraryScreen

    library.articles.upsert([make_article(title=t, body=f"Body of {t}.") for t in TITLES])
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen), 10)
        assert (await palette_first(app, pilot, "open")).startswith(OPEN)
        assert await palette_first(app, pilot, "Mourinho swipe") == (
            OPEN + "Mourinho takes swipe at Arsenal")
        assert await palette_first(app, pilot, "theme") == "Theme"
        assert await palette_first(app, pilot, "help") == "Help: keys for this screen"
        assert await palette_first(app, pilot, "export") == (
            "Export notes: Markdown files into a folder")


async def test_export_from_the_palette(library, tmp_path):
    from textual.command import CommandPalette
    from textual.widgets import Input

    from tests.conftest import settle
    from tui.app import make_app
    from tui.screens.library import LibraryScreen
    from tui.screens.prompt import PromptScreen

    library.articles.upsert([make_article(title=t, body=f"Body of {t}.") for t in TITLES[:3]])
    library.notes.add_note(2, "Compare with the 2013 talks", tags=["trade"])
    folder = tmp_path / "vault"
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen), 10)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"export")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        await settle(pilot, lambda: folder.is_dir() and any(folder.iterdir()), 10)
    [written] = folder.iterdir()
    assert written.name.startswith("2-") and "Compare with the 2013 talks" in (
        written.read_text(encoding="utf-8"))
