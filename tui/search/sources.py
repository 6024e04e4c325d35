"""The query that lists one source's articles (the sources view's enter, the palette)."""

from __future__ import annotations

NO_SOURCE = "(no source)"
"""How the articles without a source are named in lists."""


def source_query(source: str) -> str:
    """`source:="BBC News"`: the articles whose source is exactly `source` (ignoring case);
    `source:=` for those without one. A name holding `"` cannot be quoted whole: its longest
    part without one is searched as `source:"..."` (contains) instead."""
    if '"' in source:
        part = max(source.split('"'), key=len).strip()
        return f'source:"{part}"' if part else "source:="
    if not source:
        return "source:="
    return f'source:="{source}"' if any(c.isspace() or c in "()" for c in source) \
        else f"source:={source}"
