"""The API's export, backup and feeds verbs (see `tui.api`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import (
    IngestReport,
)
from ..storage import Feed, Library, LibraryError

if TYPE_CHECKING:
    from ..rules import Rule

from .articles import Progress, article_entities

# -- export and backup ---------------------------------------------------------------------------


def export_markdown(library: Library, folder: Path) -> list[Path]:
    """Write one Markdown file per tagged or annotated article into `folder` (with their
    people, organisations and places in the front matter); the files written.

    Raises:
        LibraryError: `folder` is a file.
        OSError: the folder cannot be written.
    """
    from ..export import export_markdown as write

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise LibraryError(f"{folder} is a file; markdown export needs a folder")
    return write(library, folder, lambda article_id: article_entities(library, article_id))


def export_json(library: Library, output: Path | None = None) -> str:
    """Every annotation and tag as a W3C Web Annotation collection: the JSON text (safe to
    print); written atomically to `output` too when given.

    Raises:
        OSError: `output` cannot be written.
    """
    from ..atomic import write_atomically
    from ..export import export_json as collect
    from ..text import json_text

    text = json_text(collect(library))
    if output is not None:
        write_atomically(output, text + "\n")
    return text


def backup(library: Library, target: str | Path, *, overwrite: bool = False,
           progress: Progress | None = None) -> int:
    """A consistent copy of the library at `target`, safe while others write; its size.

    Raises:
        LibraryError: `target` exists (without `overwrite`), is the library, cannot be
            written, or the copy failed its check.
    """
    return library.backups.make(target, overwrite=overwrite, progress=progress)


# -- feeds ---------------------------------------------------------------------------------------


def subscribe(library: Library, url: str, *, max_bytes: int) -> str:
    """Check that `url` serves a feed and subscribe to it; the feed's title.

    Raises:
        LibraryError: not a feed, or it cannot be fetched ("URL: reason").
    """
    from ..ingest.update import subscribe as check_and_add

    try:
        return check_and_add(library, url, max_bytes=max_bytes)
    except ValueError as exc:
        raise LibraryError(f"{url}: {exc}") from None


def unsubscribe(library: Library, url: str) -> None:
    """Forget a feed; its articles stay.

    Raises:
        LibraryError: not subscribed to `url`.
    """
    if not library.subscriptions.remove(url):
        raise LibraryError(f"not subscribed to {url}")


def feeds(library: Library) -> list[Feed]:
    """Every subscribed feed, in the order they were added."""
    return library.subscriptions.all()


def update_feeds(library: Library, *, max_bytes: int, update: bool = True,
                 cancelled: Callable[[], bool] | None = None,
                 rules: Sequence[Rule] = (),
                 progress: Callable[[int, int, str], None] | None = None) -> IngestReport:
    """Fetch every subscribed feed (conditionally) and add its new entries, applying the
    config's `rules` to them; `progress(done, total, url)` after each feed."""
    from ..ingest.update import update_feeds as fetch_all

    return fetch_all(library, max_bytes=max_bytes, update=update, cancelled=cancelled,
                     rules=rules, progress=progress)


# -- helpers -------------------------------------------------------------------------------------
