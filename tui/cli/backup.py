"""`newsreader backup`: a consistent copy of the library, safe while newsreader is open."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import api
from . import State, cli, pass_state, say


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it already exists.")
@pass_state
def backup(state: State, path: Path, force: bool) -> None:
    """Copy the library to PATH, consistently, even while the app or `add` is writing to it.

    The copy is one self-contained SQLite file, checked before it replaces anything. To
    restore it, quit newsreader and copy it over the library file (`newsreader stats` shows
    its path), deleting the library's -wal and -shm files if there are any.

    \b
    Examples:
      newsreader backup ~/backups/news-$(date +%F).db
      newsreader backup /mnt/usb/news.db --force
    """
    library = state.open(create=False)
    progress = None
    if sys.stderr.isatty():
        def progress(done: int, total: int) -> None:
            say(f"backing up: {100 * done // max(total, 1)}%", err=True, nl=False,
                overwrite=True)

    try:
        size = api.backup(library, path, overwrite=force, progress=progress)
    finally:
        if progress is not None:
            say(err=True, nl=False, overwrite=True)  # the progress line goes
    say(f"backed up {library.path} to {path} ({size / 1e6:.1f} MB)")
