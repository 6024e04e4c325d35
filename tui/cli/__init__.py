"""The `newsreader` command line: a thin click layer over the core service API (`tui.api`),
with `tui.config` and `tui.text`; nothing below them, and no Textual import here.

The group and what every command shares live here; the commands are in `articles`, `notes`,
`entities`, `feeds` and `backup`.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import update_wrapper
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import click

from .. import api, config
from ..api import Library, LibraryError
from ..config import ConfigError
from ..entry import MAX_LIMIT
from ..text import json_text, terminal_text, visible

F = TypeVar("F", bound=Callable[..., Any])
P = ParamSpec("P")
R = TypeVar("R")


def say(text: object = "", *, err: bool = False, nl: bool = True,
        bold: Iterable[tuple[int, int]] = (), overwrite: bool = False) -> None:
    """Print text: the one way the command line writes anything (tests/test_redteam.py checks
    that no command calls click.echo or print itself).

    Whatever the text holds (titles, bodies, notes from a library another program wrote, a
    server's reply, a config value) is made safe for the terminal first (`terminal_text`);
    only the styling asked for here adds escape sequences.

    Args:
        text: What to print.
        err: To standard error instead of standard output.
        nl: End with a newline.
        bold: `(start, end)` offsets of `text` to print in bold (search hits).
        overwrite: Rewrite the current line (a progress line) instead of starting a new one.
    """
    line = terminal_text(str(text))
    pieces, done = [], 0
    for start, end in bold:
        pieces += [line[done:start], click.style(line[start:end], bold=True)]
        done = end
    line = "".join(pieces) + line[done:]
    click.echo("\r\x1b[K" + line if overwrite else line, err=err, nl=nl)


class Failure(click.ClickException):
    """A one-line error on stderr and exit code 1, never a traceback."""

    def show(self, file: object = None) -> None:
        # Messages quote untrusted names: their controls are spelt out, not only replaced.
        say(f"newsreader: {visible(self.message)}", err=True)


@dataclass
class State:
    db_path: Path
    library: Library | None = None
    settings: config.Settings | None = None
    told_waiting: bool = False

    def open(self, *, create: bool = True, write: bool = False) -> Library:
        """The library, opened once. A command that is there to change it (`write`) refuses
        a read-only one before doing any work; others say it is read-only when they end."""
        if self.library is None:
            self.library = api.open_library(self.db_path, create=create)
            self.library.on_wait = self._waiting
        if write and self.library.readonly:
            raise LibraryError(self.library.refusal())
        return self.library

    def _waiting(self, waiting: bool) -> None:
        """Another process's write holds ours up: say so once, on a terminal."""
        if waiting and not self.told_waiting and sys.stderr.isatty():
            self.told_waiting = True
            say(f"newsreader: waiting for another newsreader to finish writing to "
                f"{visible(str(self.db_path))}…", err=True)

    def config(self, *, quiet: bool = False) -> config.Settings:
        """The settings, loaded once; their warnings go to stderr unless `quiet` (the app
        shows them itself)."""
        if self.settings is None:
            self.settings = config.load_settings()
            if not quiet:
                for warning in self.settings.warnings:
                    say(f"newsreader: {visible(warning)}", err=True)
        return self.settings


class Group(click.Group):
    """Turns the errors a person can cause into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            state = ctx.find_object(State)
            if state and state.library and state.library.notice:
                # After the output, so that a refused change is still one line.
                say(f"newsreader: {visible(state.library.notice)}", err=True)
            return result
        except (LibraryError, ConfigError) as exc:
            raise Failure(str(exc)) from None
        except sqlite3.Error as exc:
            # Damage that opening the library could not see shows up at a later query.
            state = ctx.find_object(State)
            raise Failure(api.explain(state.db_path if state else Path("library"), exc)) from None
        except BrokenPipeError:
            # `newsreader list | head`: the reader went away; that is not an error.
            sys.stderr.close()
            ctx.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("NEWSREADER_DEBUG"):
                raise
            raise Failure(
                f"unexpected error ({type(exc).__name__}: {exc}); "
                "run again with NEWSREADER_DEBUG=1 for details"
            ) from None


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(func)


def pass_state(func: Callable[Concatenate[State, P], R]) -> Callable[P, R]:
    """Give a command the `State` as its first argument."""
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        ctx = click.get_current_context()
        return ctx.invoke(func, ctx.find_object(State), *args, **kwargs)

    return update_wrapper(wrapper, func)


def emit_json(data: object) -> None:
    """Print JSON for `--json`: C1 and bidi controls escaped too, since people `cat` it."""
    click.echo(json_text(data))


def show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """`--version`, printed as click's version_option does, but reading the package metadata
    only when asked: every command would pay for importing importlib.metadata."""
    if value and not ctx.resilient_parsing:
        say(f"newsreader, version {config.version()}")
        ctx.exit()


@click.group(cls=Group, invoke_without_command=True)
@click.option(
    "--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="The library file (default: NEWSREADER_DB, else library.db in the user data folder).",
)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=show_version, help="Show the version and exit.")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None) -> None:
    """newsreader: a terminal reader for news archives.

    Run with no command to open the reader. On an empty library the bundled seed
    article is indexed first.

    \b
    Examples:
      newsreader                       open the reader (it needs a terminal)
      ssh -t HOST newsreader           open it over SSH (-t gives it a terminal)
      newsreader add ~/articles/       add every article below a folder
      newsreader add https://example.com/feed.rss
      newsreader search mexico trade   search from the shell

    \b
    newsreader add reads text (.txt, .md, .markdown, .text), web pages (.html, .htm),
    RSS and Atom feeds (.rss, .atom, .xml), datasets (.json, .jsonl, .ndjson, .csv)
    and http(s) URLs; folders are read recursively.

    \b
    The library is one file: --db, else NEWSREADER_DB, else library.db in the user
    data folder (~/.local/share/newsreader/ on Linux).
    """
    ctx.obj = State(db_path or config.default_db_path())
    if ctx.invoked_subcommand is None:
        open_reader(ctx.obj)


NEEDS_TERMINAL = "the reader needs a terminal; over SSH use ssh -t HOST newsreader"


def has_terminal() -> bool:
    """Whether standard input, output and error are all a terminal, as the reader needs:
    Textual draws on stderr and reads keys from stdin; stdout too, so that
    `newsreader | less` says why rather than drawing around the pager."""
    return all(os.isatty(fd) for fd in (0, 1, 2))


def open_reader(state: State) -> None:
    # Before anything is opened or created: without a terminal (`ssh host newsreader`, a
    # pipe, cron) Textual would write its screen into the pipe and wait for keys forever.
    if not has_terminal():
        raise Failure(NEEDS_TERMINAL)
    settings = state.config(quiet=True)
    library = state.open()
    if not library.readonly:
        api.add_seeds_if_empty(library, max_bytes=settings.max_file_bytes)
    from ..app import run_app  # Textual loads only when the reader opens
    try:
        code = run_app(library, settings)  # the library as opened and checked here, not again
    finally:
        library.close()
    for warning in settings.warnings:  # the app showed one notice for them all
        say(f"newsreader: {visible(warning)}", err=True)
    raise SystemExit(code)


MAX_ID = 2**63 - 1
"""The largest id SQLite can hold: a larger number names no article (and would overflow)."""


class Limit(click.ParamType[int, Any]):
    """`--limit N`: a whole number from 1; a larger one than `MAX_LIMIT` means all."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        number = value if isinstance(value, int) else click.INT.convert(value, param, ctx)
        if number < 1:
            self.fail(f"{number} is not 1 or more", param, ctx)
        return min(number, MAX_LIMIT)


LIMIT = Limit()


def parse_id(text: str) -> int:
    """An article (or note) id typed by a person: a number that can name one, else one line."""
    try:
        number = int(text)
    except ValueError:
        raise Failure(f"an article id is a number, not {text!r}") from None
    if not 1 <= number <= MAX_ID:
        raise Failure(f"no article with id {text}")
    return number


def parse_ids(text: str) -> list[int]:
    ids = [parse_id(part.strip()) for part in text.split(",") if part.strip()]
    if not ids:
        raise Failure(f"no article id in {text!r}")
    return ids


def main() -> None:
    cli(prog_name="newsreader")


# The commands register themselves on `cli` when their modules load.
from . import articles, backup, entities, feeds, notes, review, rules  # noqa: E402, F401
