"""The `newsreader` command. `newsreader search WORDS --json`, the one-off search scripts and
other programs run most, takes a lean path: the query runs through the same `tui.search` and
`tui.storage` as every search, without loading click and the commands it does not use (a
third of its time at 100k articles; see docs/performance.md, issue 23). Any other command, any
option or value this path does not know, and any error go to the click command line, which
handles them as it always has: a run that fails here is run again there before anything was
printed, so errors read and exit exactly as they do there.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: this path imports as little as it can
if TYPE_CHECKING:
    from typing import Any

SORTS = ("relevance", "newest", "oldest", "title")
"""`search --sort` choices (the click command declares these, and this path knows them)."""
MAX_LIMIT = 10**9
"""`--limit` above this means "all": no library holds more, and SQLite takes no more than
2**63 - 1 (the click command line uses it too)."""


def main() -> None:
    """Run `newsreader` with the process's arguments."""
    import gc

    # A one-off search makes next to no reference cycles: collecting while its modules load
    # only walks them (6 M of its 167 M instructions, docs/performance.md, issue 23).
    gc.disable()
    code = quick_search(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    gc.enable()  # the click command line runs as it always has
    from .cli import main as full

    full()


def search_arguments(argv: list[str]) -> dict[str, Any] | None:
    """The library, query words, limit and order of a plain `[--db PATH] search ... --json`;
    None for anything else (another command, `--help`, `--save`, a query word that starts
    with `-`, a value click would refuse or convert: the click command line takes those)."""
    db: str | None = None
    rest = list(argv)
    while rest and rest[0].startswith("--db"):
        if rest[0] == "--db" and len(rest) > 1:
            db = rest[1]
            rest = rest[2:]
        elif rest[0].startswith("--db="):
            db = rest[0][len("--db="):]
            rest = rest[1:]
        else:
            return None
    if not rest or rest[0] != "search" or db == "" or (db and os.path.isdir(db)):
        return None
    words: list[str] = []
    found = {"limit": 20, "sort": "relevance", "json": False}
    items = iter(rest[1:])
    for item in items:
        if not item.startswith("-") or item == "-":
            words.append(item)
            continue
        name, equals, typed = item.partition("=")
        value: str | None = typed
        if item == "--json":
            found["json"] = True
            continue
        if name in ("--limit", "-n", "--sort") and not equals:
            value = next(items, None)
        elif name.startswith("-n") and name != "-n" and name[2:].isdigit() and not equals:
            name, value = "-n", name[2:]
        elif name not in ("--limit", "--sort"):
            return None
        if value is None:
            return None
        if name == "--sort":
            if value not in SORTS:
                return None
            found["sort"] = value
        else:
            if not (value.isascii() and value.isdigit()) or int(value) < 1:
                return None
            found["limit"] = min(int(value), MAX_LIMIT)
    if not words or not found["json"]:
        return None
    return {"db": db, "words": words, **found}


def quick_search(argv: list[str]) -> int | None:
    """Run a plain `search --json` (see `search_arguments`) and return its exit status; None
    when the click command line must run instead (another command, or a failure before any
    output, which it reports as it always has)."""
    arguments = search_arguments(argv)
    if arguments is None:
        return None
    try:
        from .storage import Library
        from .text import visible

        if arguments["db"]:
            path = arguments["db"]
        else:
            from .paths import default_db

            path = default_db()
        library = Library(path, create=False)
    except Exception:  # noqa: BLE001  (the click path says what went wrong, as ever)
        return None
    told: list[bool] = []

    def waiting(waiting: bool) -> None:
        if waiting and not told and sys.stderr.isatty():
            told.append(True)
            # The path as the click command line writes it (`--db` as given, else expanded).
            from pathlib import Path

            from .paths import default_db_path

            shown = Path(arguments["db"]) if arguments["db"] else default_db_path()
            _say(f"newsreader: waiting for another newsreader to finish writing to "
                 f"{visible(str(shown))}…")

    library.on_wait = waiting
    try:
        from .search import search
        from .text import json_text

        result = search(library, " ".join(arguments["words"]), limit=arguments["limit"],
                        order=arguments["sort"], page_only=True)
        text = json_text(result.to_dict()) + "\n"
    except KeyboardInterrupt:  # as click ends a command interrupted
        library.close()
        _say("\nAborted!")
        return 1
    except Exception:  # noqa: BLE001
        library.close()
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
        if library.notice:
            _say(f"newsreader: {visible(library.notice)}")
    except BrokenPipeError:
        # `newsreader search x --json | head`: the reader went away; not an error.
        sys.stderr.close()
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (nothing more to flush)
        return 0
    finally:
        library.close()
    return 0


def _say(line: str) -> None:
    """A line on stderr as the click command line's `say` writes it."""
    from .text import terminal_text

    sys.stderr.write(terminal_text(line) + "\n")
    sys.stderr.flush()
