"""Settings and paths: platformdirs defaults, a TOML file, NEWSREADER_* environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# importlib.metadata, importlib.resources, platformdirs and tomllib are imported by the
# functions that need them: every command loads this module, and `newsreader search` should
# not pay ~20 ms for a version string it never prints.

APP_NAME = "newsreader"
DEFAULT_MAX_FILE_MB = 10.0


class ConfigError(Exception):
    """The config file cannot be read or holds a wrong value (one human line)."""


def version() -> str:
    """The installed version, read from package metadata (the only place it lives)."""
    from importlib import metadata

    try:
        return metadata.version(APP_NAME)
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def default_db_path() -> Path:
    """`NEWSREADER_DB`, else `library.db` in the user data dir."""
    env = os.environ.get("NEWSREADER_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME)) / "library.db"


def config_path() -> Path:
    """`NEWSREADER_CONFIG`, else `config.toml` in the user config dir."""
    env = os.environ.get("NEWSREADER_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def seeds_dir() -> Path:
    """The bundled seed articles: inside the installed package, or the source tree's `seeds/`."""
    from importlib.resources import files

    packaged = Path(str(files("tui"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class Settings:
    """Everything a user can set in `config.toml`."""

    theme: str = "newsreader-dark"
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, e.g. `{"reader.next_sentence" = "j,down"}`."""
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    workers: int = 0
    """Processes that read and extract a large `add`; 0 means one per core."""
    update_articles: bool = True
    """`[ingest] update`: re-adding an article that changed updates it (keeping the old text
    as a version); False leaves stored articles as they are (`add --no-update`)."""
    quote_format: str = "markdown"
    """markdown, plain or citation (see tui.quotes)."""
    save_quotes: str = "ask"
    """After `y`: "ask" (the toast offers `a`), "always" (save as a highlight) or "never"."""
    show_copied: str = "failed"
    """After `y`, show the quote to copy by hand: "failed" (only when nothing took it),
    "unconfirmed" (also when only OSC 52 was sent) or "always" (see tui.clipboard)."""

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives the defaults.

    Raises:
        ConfigError: the file exists but is not valid TOML or holds a wrong value.
    """
    import tomllib

    path = path or config_path()
    settings = Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raw = {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config {path} is not valid TOML: {exc}") from None
    ui = raw.get("ui", {})
    ingest = raw.get("ingest", {})
    quotes = raw.get("quotes", {})
    keys = raw.get("keys", {})
    if not all(isinstance(t, dict) for t in (ui, ingest, quotes, keys)):
        raise ConfigError(f"config {path}: [ui], [ingest], [quotes] and [keys] must be tables")
    if "theme" in ui:
        settings.theme = _typed(path, "ui.theme", ui["theme"], str)
    if "max_file_mb" in ingest:
        value = _typed(path, "ingest.max_file_mb", ingest["max_file_mb"], (int, float))
        if value <= 0:
            raise ConfigError(f"config {path}: ingest.max_file_mb must be positive")
        settings.max_file_mb = float(value)
    if "workers" in ingest:
        settings.workers = _typed(path, "ingest.workers", ingest["workers"], int)
        if settings.workers < 0:
            raise ConfigError(f"config {path}: ingest.workers must be 0 (every core) or more")
    if "update" in ingest:
        settings.update_articles = _typed(path, "ingest.update", ingest["update"], bool,
                                          boolean=True)
    if "format" in quotes:
        settings.quote_format = _typed(path, "quotes.format", quotes["format"], str)
    if "save" in quotes:
        settings.save_quotes = _typed(path, "quotes.save", quotes["save"], str)
        if settings.save_quotes not in ("ask", "always", "never"):
            raise ConfigError(f"config {path}: quotes.save must be ask, always or never")
    if "show_copied" in quotes:
        settings.show_copied = _typed(path, "quotes.show_copied", quotes["show_copied"], str)
        if settings.show_copied not in ("failed", "unconfirmed", "always"):
            raise ConfigError(f"config {path}: quotes.show_copied must be failed, unconfirmed "
                              "or always")
    for binding_id, value in keys.items():
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        settings.keys[binding_id] = _typed(path, f"keys.{binding_id}", value, str)
    env_mb = os.environ.get("NEWSREADER_MAX_FILE_MB")
    if env_mb:
        try:
            settings.max_file_mb = float(env_mb)
        except ValueError:
            raise ConfigError(f"NEWSREADER_MAX_FILE_MB is not a number: {env_mb!r}") from None
    env_workers = os.environ.get("NEWSREADER_WORKERS")
    if env_workers:
        if not env_workers.isdigit():
            raise ConfigError(f"NEWSREADER_WORKERS is not a whole number: {env_workers!r}")
        settings.workers = int(env_workers)
    return settings


def _typed(path: Path, name: str, value, kind, *, boolean: bool = False):
    if isinstance(value, bool) is not boolean or not isinstance(value, kind):
        raise ConfigError(f"config {path}: {name} has the wrong type ({value!r})")
    return value
