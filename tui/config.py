"""Settings and paths: platformdirs defaults, a TOML file, NEWSREADER_* environment overrides."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The paths live in tui.paths (what `newsreader search` loads); their names stay here too.
from .paths import APP_NAME as APP_NAME
from .paths import config_path as config_path
from .paths import default_db_path as default_db_path

if TYPE_CHECKING:
    from .rules import Rule

# importlib.metadata, importlib.resources, platformdirs and tomllib are imported by the
# functions that need them: every command loads this module, and `newsreader search` should
# not pay their import time for a version string it never prints.

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


def seeds_dir() -> Path:
    """The bundled seed articles: inside the installed package, or the source tree's `seeds/`."""
    from importlib.resources import files

    packaged = Path(str(files("tui"))) / "seeds"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "seeds"


QUOTE_FORMATS = ("markdown", "plain", "citation")
"""tui.quotes.STYLES, written out: the quotes module is not needed to read a config
(tests/test_config.py checks that the two agree)."""
SAVE_QUOTES = ("ask", "always", "never")
SHOW_COPIED = ("failed", "unconfirmed", "always")
MAX_FILE_MB_LIMIT = 100_000.0
"""The largest `max_file_mb` (about 100 GB): any real file fits, and the byte count stays a
sane integer (1e308 MB would overflow it)."""
WORKERS_PER_CORE = 4
"""`workers` is capped at this many processes per core: more only share the same cores, and
each costs some 30 MB (100 workers started 101 processes and 3 GB on 2 cores)."""
KNOWN = {"ui": {"theme"}, "ingest": {"max_file_mb", "workers", "update"},
         "quotes": {"format", "save", "show_copied"}, "keys": None, "reader": {"open"},
         "rules": None}
"""The config's tables and their keys (None: any key, checked by the app against its
bindings)."""


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
    open_command: list[str] = field(default_factory=list)
    """`[reader] open`, split into words (still holding `{url}`); empty: not set."""
    rules: list[Rule] = field(default_factory=list)
    """`[[rules]]`: `tui.rules.Rule`s that `add` and `update` apply, in order."""
    path: Path | None = None
    """The file these settings were read from (None for the defaults)."""
    warnings: list[str] = field(default_factory=list)
    """One line each: unknown keys and values that were set aside or capped."""

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def max_workers() -> int:
    """The most worker processes `add` starts (`WORKERS_PER_CORE` per core)."""
    return WORKERS_PER_CORE * cores()


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives the defaults.

    Every value is checked here, once, so that the CLI and the app refuse a wrong one the same
    way, before anything starts: one line naming the file, the key and what it may be.

    Raises:
        ConfigError: the file exists but is not valid TOML, or holds a wrong value (of the
            wrong type, out of range, not one of the allowed words, or holding a control
            character).
    """
    path = path or config_path()
    settings = Settings(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""  # the defaults, without loading the TOML parser (launch waits for this)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {exc}") from None
    raw: dict[str, Any] = {}
    if text:
        import tomllib

        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config {path} is not valid TOML: {exc}") from None
    _refuse_controls(path, raw, "")
    tables = {}
    for name, table in raw.items():
        if name == "rules" and isinstance(table, list):
            from .rules import parse_rules  # only when the config has rules

            settings.rules = parse_rules(table, f"config {path}", settings.warnings)
            continue
        if name == "rules":
            raise ConfigError(f"config {path}: rules are [[rules]] tables, each with a query "
                              'and an action, e.g. query = "source:tabloid", action = "skip"')
        if name not in KNOWN:
            settings.warnings.append(f"config {path}: unknown table [{name}] ignored "
                                     f"(known: {', '.join(f'[{t}]' for t in KNOWN)})")
            continue
        if not isinstance(table, dict):
            raise ConfigError(f"config {path}: {name} must be a table ([{name}])")
        tables[name] = table
        known = KNOWN[name]
        for key in table:
            if known is not None and key not in known:
                settings.warnings.append(f"config {path}: unknown key {name}.{key} ignored "
                                         f"(known in [{name}]: {', '.join(sorted(known))})")
    ui, ingest = tables.get("ui", {}), tables.get("ingest", {})
    quotes, keys = tables.get("quotes", {}), tables.get("keys", {})
    if "theme" in ui:
        settings.theme = _typed(path, "ui.theme", ui["theme"], str)
    if "max_file_mb" in ingest:
        value = _typed(path, "ingest.max_file_mb", ingest["max_file_mb"], (int, float))
        settings.max_file_mb = _max_file_mb(value, f"config {path}: ingest.max_file_mb")
    if "workers" in ingest:
        value = _typed(path, "ingest.workers", ingest["workers"], int)
        settings.workers = _workers(value, f"config {path}: ingest.workers", settings)
    if "update" in ingest:
        settings.update_articles = _typed(path, "ingest.update", ingest["update"], bool,
                                          boolean=True)
    if "format" in quotes:
        settings.quote_format = _choice(path, "quotes.format", quotes["format"], QUOTE_FORMATS)
    if "save" in quotes:
        settings.save_quotes = _choice(path, "quotes.save", quotes["save"], SAVE_QUOTES)
    if "show_copied" in quotes:
        settings.show_copied = _choice(path, "quotes.show_copied", quotes["show_copied"],
                                       SHOW_COPIED)
    if "open" in tables.get("reader", {}):
        from .external import OpenCommandError, parse_open_command

        template = _typed(path, "reader.open", tables["reader"]["open"], str)
        try:
            settings.open_command = parse_open_command(template) if template.strip() else []
        except OpenCommandError as exc:
            raise ConfigError(f"config {path}: reader.open {exc}: {_shown(template)}") from None
    for binding_id, value in keys.items():
        if isinstance(value, list):
            value = ",".join(_typed(path, f"keys.{binding_id}", v, str) for v in value)
        settings.keys[binding_id] = _typed(path, f"keys.{binding_id}", value, str)
    env_mb = os.environ.get("NEWSREADER_MAX_FILE_MB")
    if env_mb:
        try:
            number = float(env_mb)
        except ValueError:
            raise ConfigError(f"NEWSREADER_MAX_FILE_MB is not a number: {_shown(env_mb)}") \
                from None
        settings.max_file_mb = _max_file_mb(number, "NEWSREADER_MAX_FILE_MB")
    env_workers = os.environ.get("NEWSREADER_WORKERS")
    if env_workers:
        if not env_workers.isascii() or not env_workers.isdigit():
            raise ConfigError(f"NEWSREADER_WORKERS is not a whole number: {_shown(env_workers)}")
        settings.workers = _workers(int(env_workers), "NEWSREADER_WORKERS", settings)
    return settings


def _max_file_mb(value: float, name: str) -> float:
    """A size limit in MB, checked: a finite number above 0, at most `MAX_FILE_MB_LIMIT`."""
    if not 0 < value <= MAX_FILE_MB_LIMIT:  # also false for nan
        raise ConfigError(f"{name} must be a number of MB above 0 and at most "
                          f"{MAX_FILE_MB_LIMIT:,.0f}, not {value}")
    return float(value)


def _workers(value: int, name: str, settings: Settings) -> int:
    """A worker count, checked (0 or more) and capped at `max_workers()` with a warning."""
    if value < 0:
        raise ConfigError(f"{name} must be 0 (one per core) or more, not {value}")
    cap = max_workers()
    if value > cap:
        shown = f"{value:,}" if value < 10**12 else f"{str(value)[:6]}… ({len(str(value))} digits)"
        settings.warnings.append(f"{name} = {shown} is more than {WORKERS_PER_CORE} per core: "
                                 f"using {cap}")
        return cap
    return value


def _choice(path: Path, name: str, value: object, allowed: tuple[str, ...]) -> str:
    value = _typed(path, name, value, str)
    assert isinstance(value, str)
    if value not in allowed:
        raise ConfigError(f"config {path}: {name} must be {', '.join(allowed[:-1])} or "
                          f"{allowed[-1]}, not {_shown(value)}")
    return value


def _refuse_controls(path: Path, table: dict[str, Any], prefix: str) -> None:
    """Refuse any key or text value holding a character a terminal would act on: values are
    shown (the footer, help, notices), and a key binding of `ESC ] 0 ; ...` set the title."""
    from .text import visible

    for key, value in table.items():
        name = f"{prefix}{key}"
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict):
                _refuse_controls(path, item, f"{name}.")
            elif isinstance(item, str) and visible(item) != item or visible(key) != key:
                raise ConfigError(f"config {path}: {visible(name)} holds a control character "
                                  f"({_shown(item) if isinstance(item, str) else 'in its name'})")


def _shown(value: str) -> str:
    """A value quoted for a message, its control characters spelt out, cut if long."""
    from .text import visible

    text = visible(value)
    return f'"{text if len(text) <= 40 else text[:40] + "…"}"'


def _typed(path: Path, name: str, value: object, kind: type | tuple[type, ...], *,
           boolean: bool = False) -> Any:
    if isinstance(value, bool) is not boolean or not isinstance(value, kind):
        raise ConfigError(f"config {path}: {name} has the wrong type ({_shown(str(value))})")
    return value


_KEY_NAMES = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
              "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore"}


def _key_name(key: str) -> str:
    """A key as Textual names it: `?` is `question_mark`, `/` is `slash`."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum() and key.isprintable():
        import unicodedata

        name = unicodedata.name(key, key).lower().replace("-", "_").replace(" ", "_")
        return _KEY_NAMES.get(name, name)
    return key


def keymap_problems(screens: dict[str, list[tuple[str, str]]], keymap: dict[str, str],
                    source: str) -> list[str]:
    """What is wrong with a `[keys]` table: ids no binding has, and keys it gives two actions
    on one screen (where only one of them can work). Conflicts the defaults already have
    (help's `?` closing help, say) are not the user's doing and are not reported.

    Args:
        screens: Screen name -> `(binding id, default keys)` of every binding active there.
        keymap: Binding id -> keys, as in the config.
        source: Where the keymap came from, for the messages (the config file).

    Returns:
        One line per problem.
    """
    known = {binding_id for bindings in screens.values() for binding_id, _ in bindings}
    problems = [f"config {source}: keys.{binding_id} is not a binding id, ignored (the "
                "README's key tables list them)" for binding_id in keymap if binding_id not in known]

    def owners(bindings: list[tuple[str, str]], mapped: bool) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for binding_id, keys in bindings:
            if mapped and binding_id in keymap:
                keys = keymap[binding_id]
            for key in filter(None, (_key_name(k) for k in keys.split(","))):
                found.setdefault(key, set()).add(binding_id)
        return found

    for screen, bindings in screens.items():
        before = owners(bindings, mapped=False)
        for key, ids in owners(bindings, mapped=True).items():
            if len(ids) > 1 and ids != before.get(key) and ids & keymap.keys():
                problems.append(f'config {source}: keys: "{key}" is bound to both '
                                f'{" and ".join(sorted(ids))} on the {screen} screen; only one '
                                "of them can work")
    return problems


def save_setting(table: str, key: str, value: str, path: Path | None = None) -> Path:
    """Set `[table] key = value` in the config file, keeping everything else in it as it was
    (comments, order, spacing: tomlkit round-trips them), creating the file when there is none.

    The file is written whole or not at all (beside it, then renamed); through a symlink (a
    dotfiles folder) the file it points to is the one changed.

    Args:
        table: The table, e.g. "ui".
        key: Its key, e.g. "theme".
        value: The text to set.
        path: The config file (`config_path()` by default).

    Returns:
        The file written.

    Raises:
        ConfigError: one line: the file cannot be read or written, or is not valid TOML (it
            is then left as it is), or `table` is not a table in it.
    """
    import tomlkit

    from .atomic import write_atomically

    path = (path or config_path())
    target = path.resolve() if path.is_symlink() else path
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config {path}: {_reason(exc)}") from None
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise ConfigError(f"config {path} is not valid TOML, left as it is: {exc}") from None
    section = document.get(table)
    if section is None:
        document[table] = section = tomlkit.table()
    elif not isinstance(section, dict):
        raise ConfigError(f"config {path}: {table} is not a table, left as it is")
    section[key] = value
    if text and not os.access(target, os.W_OK):  # made read-only on purpose (the rename would work)
        raise ConfigError(f"cannot write config {path}: Permission denied (read-only)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, tomlkit.dumps(document), kind="config")
    except OSError as exc:
        raise ConfigError(f"cannot write config {path}: {_reason(exc)}") from None
    return path


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))
