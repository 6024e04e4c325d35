"""One article as a Markdown document (front matter, then the text), for scripts and pipes."""

from __future__ import annotations

from .export import yaml_string
from .models import Article
from .text import terminal_text


def article_document(article: Article, tags: list[str] | None = None) -> str:
    """The article as Markdown: YAML front matter, its title as a heading, then its body.

    What `newsreader show ID --format markdown` prints and what `|` in the reader pipes to a
    command. Front matter values are YAML double-quoted strings (`yaml_string`), so a title
    holding `: ` or `---` cannot break it; the body's paragraphs are kept as stored.

    Args:
        article: The article (its text as the library holds it).
        tags: Its tags, for the front matter.

    Returns:
        The document, ending with a newline, with nothing a terminal would act on (a library
        another program wrote may hold escapes: they become U+FFFD).
    """
    front = [("title", yaml_string(article.title)), ("source", yaml_string(article.source)),
             ("author", yaml_string(article.author)), ("url", yaml_string(article.url)),
             ("published", yaml_string(article.published)),
             ("tags", "[" + ", ".join(yaml_string(t) for t in tags or []) + "]"),
             ("words", str(article.word_count)), ("newsreader_id", str(article.id))]
    lines = ["---", *(f"{key}: {value}" for key, value in front), "---", "",
             f"# {' '.join(article.title.split())}", ""]
    if article.credit:
        lines += [f"*{' '.join(article.credit.split())}*", ""]
    lines.append(article.body.strip("\n"))
    return terminal_text("\n".join(lines).rstrip("\n") + "\n")
