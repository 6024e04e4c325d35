"""Notes, highlights and tags out of the library: Markdown files for Obsidian, W3C JSON."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .atomic import remove_stale_partials, write_atomically
from .highlights import colour_lines
from .models import Annotation, Article, Version
from .quotes import format_quote
from .storage import Library
from .text import json_text, terminal_text

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ORPHANS_HEADING = "Could not be placed in the current text"
VERSIONS_HEADING = "Earlier versions"
SLUG_LENGTH = 60
_SURROGATE = re.compile("[\ud800-\udfff]")
# What Obsidian accepts in an inline #tag; other tags are shown as code.
_OBSIDIAN_TAG = re.compile(r"[\w/-]*[^\W\d][\w/-]*")

Entities = Callable[[int], list[str]]


def slug(title: str, length: int = SLUG_LENGTH) -> str:
    """An ASCII file-name slug of a title: lower case, words joined by hyphens.

    Args:
        title: Any text.
        length: The most characters kept (cut at a hyphen when one is near).

    Returns:
        The slug, or "article" when nothing is left (accents are dropped; any other
        character that is not an ASCII letter or digit separates words).
    """
    bare = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    words = re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")
    if len(words) > length:
        cut = words[:length + 1]
        words = cut[:cut.rfind("-")] if "-" in cut[length // 2:] else words[:length]
    return words.strip("-") or "article"


def file_name(article: Article) -> str:
    """`<id>-<slug>.md`: the id keeps it unique and stable, the slug makes it readable."""
    return f"{article.id}-{slug(article.title)}.md"


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's.

    Controls, C1 and bidi controls, and the characters YAML reads as line breaks (U+0085,
    U+2028, U+2029) are escaped (`json_text`); lone surrogates, which YAML cannot escape,
    become U+FFFD: the file never carries a byte a terminal would act on."""
    return json_text(_SURROGATE.sub("\ufffd", value), indent=None)


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(yaml_string(v) for v in values) + "]"


def article_markdown(article: Article, tags: list[str], notes: list[Annotation],
                     entities: list[str] | None = None,
                     versions: list[Version] | None = None) -> str:
    """One article's Markdown: front matter, its notes, its highlights, its orphans (each
    naming the version where it still stands), then its earlier versions' texts.

    Args:
        article: The article.
        tags: The article's tags.
        notes: Its annotations, as `Library.annotations` orders them.
        entities: Names for the front matter's `entities:` list.
        versions: Its earlier versions, with their bodies, oldest first.

    Returns:
        The file's text, ending with a newline. Nothing in it depends on when it was made.
    """
    front = [
        ("title", yaml_string(article.title)), ("source", yaml_string(article.source)),
        ("url", yaml_string(article.url)), ("published", yaml_string(article.published)),
        ("tags", _yaml_list(tags)), ("author", yaml_string(article.author)),
        ("entities", _yaml_list(entities or [])), ("newsreader_id", str(article.id)),
        ("newsreader_uid", yaml_string(article.uid)),
    ]
    lines = ["---", *(f"{key}: {value}" for key, value in front), "---", "",
             f"# {_one_line(article.title)}", ""]
    sections = (
        ("Notes", [n for n in notes if n.kind == "note"]),
        ("Highlights", [n for n in notes if n.kind == "highlight" and not n.orphan]),
        (ORPHANS_HEADING, [n for n in notes if n.kind == "highlight" and n.orphan]),
    )
    for heading, members in sections:
        if members:
            lines += [f"## {heading}", ""]
            for note in members:
                lines += _annotation_lines(note)
    if versions:
        lines += [f"## {VERSIONS_HEADING}", ""]
        for version in versions:
            lines += _version_lines(version)
    # What the library holds may not have been cleaned by newsreader (another program, an old
    # version, a restored backup): nothing that acts on a terminal reaches the file.
    return terminal_text("\n".join(lines).rstrip("\n") + "\n")


def _version_lines(version: Version) -> list[str]:
    """An earlier text: where and when it came from, then the text quoted with its citation."""
    came = ", ".join(p for p in (f"stored {version.stored[:10]}",
                                 f"from {version.path}" if version.path else "") if p)
    went = ", ".join(p for p in (f"replaced {version.replaced[:10]}",
                                 f"by {version.replaced_by}" if version.replaced_by else "") if p)
    quote = format_quote(version.body, title=version.title, source=version.source,
                         published=version.published, url=version.url, author=version.author)
    return [f"### Version {version.number}: {_one_line(version.title)}", "",
            f"{came}; {went}.", "", quote, ""]


def _annotation_lines(note: Annotation) -> list[str]:
    lines = [format_quote(note.quote, style="markdown"), ""] if note.quote else []
    lines += colour_lines(note)
    if note.orphan and note.version is not None:
        lines += [f"(The passage stands in version {note.version}, under {VERSIONS_HEADING}.)",
                  ""]
    if note.text:
        lines += [note.text, ""]
    if note.tags:
        lines += ["Tags: " + " ".join(
            f"#{t}" if _OBSIDIAN_TAG.fullmatch(t) else f"`{t}`" for t in note.tags), ""]
    signed = ", ".join(p for p in (note.author, note.created[:10]) if p)
    if signed:
        lines += [f"— {signed}", ""]
    return lines


def _one_line(text: str) -> str:
    return " ".join(text.split())


def export_markdown(library: Library, folder: Path,
                    entities: Entities | None = None) -> list[Path]:
    """Write one Markdown file per tagged or annotated article into `folder`.

    Re-exporting rewrites the same files (a file is only written when its text changed) and
    removes this export's older copy of an article whose title, hence file name, changed.

    Args:
        library: The library.
        folder: Where the files go; created when missing.
        entities: Names of an article's entities for its front matter (by article id).

    Returns:
        The files, in article id order.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(folder)  # an export killed part way left them
    earlier = _earlier_files(folder)
    written = []
    for article_id in library.notes.annotated_article_ids():
        article = library.articles.get(article_id)
        if article is None:  # deleted meanwhile
            continue
        text = article_markdown(article, library.notes.article_tags(article_id),
                                library.notes.annotations(article_id),
                                entities(article_id) if entities else None,
                                library.articles.versions(article_id, bodies=True))
        path = folder / file_name(article)
        _forget_renamed(earlier.get(article_id, ()), article_id, path)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            write_atomically(path, text, tidy=False)
        written.append(path)
    return written


def _earlier_files(folder: Path) -> dict[int, list[Path]]:
    """The folder's `ID-title.md` files by article id, listed once (a glob per article made
    a large export quadratic)."""
    found: dict[int, list[Path]] = {}
    for path in folder.iterdir():
        prefix, dash, _ = path.name.partition("-")
        if dash and prefix.isdigit() and path.suffix == ".md":
            found.setdefault(int(prefix), []).append(path)
    return found


def _forget_renamed(earlier: Iterable[Path], article_id: int, current: Path) -> None:
    """Delete the file an earlier export made for this article under another title."""
    for old in earlier:
        if old != current and f"\nnewsreader_id: {article_id}\n" in _head(old):
            old.unlink(missing_ok=True)


def _head(path: Path) -> str:
    try:
        with path.open(encoding="utf-8") as file:
            return file.read(4096)
    except (OSError, UnicodeDecodeError):
        return ""


# -- W3C Web Annotation ----------------------------------------------------------------------


def export_json(library: Library) -> dict[str, Any]:
    """Every annotation and article tag as W3C Web Annotations (the Web Annotation Data Model).

    Notes and highlights keep their ids (`urn:newsreader:annotation:<id>`); an article's tags
    are one "tagging" annotation on the article (`urn:newsreader:tags:<article id>`). A
    highlight's target carries a TextQuoteSelector and, unless it is an orphan, a
    TextPositionSelector (offsets in code points, as the model counts them). An orphan whose
    passage stands in an earlier version has a TimeState: the time that text was current, and
    `cached`, the id of that version. The collection's `versions` (an extension of the model)
    are the earlier texts of the articles exported, with those ids.

    Returns:
        An AnnotationCollection whose `items` are the annotations, ready for `json.dumps`.
    """
    items, texts = [], []
    for article_id in library.notes.annotated_article_ids():
        article = library.articles.get(article_id)
        if article is None:
            continue
        source = article.url or f"urn:newsreader:article:{article.uid}"
        versions = {v.number: v for v in library.articles.versions(article_id, bodies=True)}
        texts += [{"id": _version_id(article, v.number), "type": "ArticleVersion",
                   "article": source, **v.to_dict()} for v in versions.values()]
        for note in library.notes.annotations(article_id):
            annotation = _web_annotation(note, source)
            version = versions.get(note.version) if note.orphan and note.version else None
            if version is not None:
                annotation["target"]["state"] = {
                    "type": "TimeState", "sourceDateStart": version.stored,
                    "sourceDateEnd": version.replaced,
                    "cached": _version_id(article, version.number)}
            items.append(annotation)
        tags = library.notes.article_tags(article_id)
        if tags:
            items.append({
                "@context": CONTEXT, "id": f"urn:newsreader:tags:{article_id}",
                "type": "Annotation", "motivation": "tagging",
                "body": [_tag_body(t) for t in tags], "target": {"source": source},
            })
    return {"@context": CONTEXT, "id": "urn:newsreader:annotations",
            "type": "AnnotationCollection", "label": "newsreader annotations",
            "total": len(items), "items": items, "versions": texts}


def _version_id(article: Article, number: int) -> str:
    return f"urn:newsreader:article:{article.uid}:version:{number}"


def _tag_body(name: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": "tagging", "value": name}


def _web_annotation(note: Annotation, source: str) -> dict[str, Any]:
    bodies = []
    if note.text:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": note.text,
                       "format": "text/plain"})
    bodies += [_tag_body(t) for t in note.tags]
    if note.kind == "highlight":
        motivation = "commenting" if note.text else "highlighting"
    else:
        motivation = "commenting"
    target: dict[str, Any] = {"source": source}
    if note.kind == "highlight":
        target["selector"] = [{"type": "TextQuoteSelector", "exact": note.quote,
                               "prefix": note.prefix, "suffix": note.suffix}]
        if not note.orphan and note.start is not None:
            target["selector"].append(
                {"type": "TextPositionSelector", "start": note.start, "end": note.end})
    annotation: dict[str, Any] = {"@context": CONTEXT, "id": f"urn:newsreader:annotation:{note.id}",
                  "type": "Annotation", "motivation": motivation}
    if bodies:
        annotation["body"] = bodies
    annotation["target"] = target
    if note.author:
        annotation["creator"] = {"type": "Person", "name": note.author}
    annotation["created"] = note.created
    annotation["modified"] = note.updated
    return annotation
