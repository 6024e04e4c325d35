"""Where the library and the config file are by default: `NEWSREADER_DB` and
`NEWSREADER_CONFIG`, else the user's data and config folders (platformdirs).

Apart from `tui.config` (which re-exports these), so that `newsreader search --json`, which
needs the library's path and nothing else of the settings, does not load the config module and
the dataclasses it makes (about 35 M instructions; docs/performance.md, issue 23).
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from pathlib import Path

APP_NAME = "newsreader"


def default_db() -> str | Path:
    """`NEWSREADER_DB` as written (a `Library` expands its `~`), else `library.db` in the
    user data dir: what `newsreader search` opens, without loading `pathlib` for a path the
    environment gives."""
    env = os.environ.get("NEWSREADER_DB")
    if env:
        return env
    from pathlib import Path

    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "library.db"


def default_db_path() -> Path:
    """`NEWSREADER_DB`, else `library.db` in the user data dir."""
    from pathlib import Path

    found = default_db()
    return Path(found).expanduser() if isinstance(found, str) else found


def config_path() -> Path:
    """`NEWSREADER_CONFIG`, else `config.toml` in the user config dir."""
    from pathlib import Path

    env = os.environ.get("NEWSREADER_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"
