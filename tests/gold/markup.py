"""Turn the hand-labelled gold articles (inline `[text](LABEL)` markup) into JSON with offsets.

Each `src/NN_slug.md` is a "# Title" line, a blank line, then the body with entities marked
inline, e.g. `[Antony Blinken](PERSON)`. Run `python -m tests.gold.markup` after editing one:
it rewrites `NN_slug.json` beside this file as {"title", "body", "entities": [{start, end,
label, text}]}, offsets into the body, so nobody counts characters by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

GOLD = Path(__file__).resolve().parent
LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
MARK = re.compile(r"\[([^\[\]]+)\]\((PERSON|ORG|PLACE|DATE|MONEY)\)")


def parse(source: str) -> dict:
    """The title, plain body and entity offsets of one marked-up article.

    Raises:
        ValueError: the source lacks its title line, or has a bracket that is not markup.
    """
    head, _, marked = source.partition("\n")
    if not head.startswith("# "):
        raise ValueError("the first line must be '# Title'")
    marked = marked.strip("\n")
    body, entities, last = [], [], 0
    length = 0
    for match in MARK.finditer(marked):
        plain = marked[last:match.start()]
        body.append(plain)
        length += len(plain)
        text, label = match.groups()
        entities.append({"start": length, "end": length + len(text), "label": label,
                         "text": text})
        body.append(text)
        length += len(text)
        last = match.end()
    body.append(marked[last:])
    plain_body = "".join(body)
    stray = re.search(r"\]\(|\[[^\]]*\]\(", plain_body)
    if stray:
        raise ValueError(f"unparsed markup near {plain_body[stray.start() - 20:stray.end()]!r}")
    return {"title": head[2:].strip(), "body": plain_body, "entities": entities}


def sources() -> list[Path]:
    return sorted((GOLD / "src").glob("*.md"))


def load_all() -> list[dict]:
    """Every gold article from its JSON file, in name order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def main() -> None:
    for path in sources():
        article = parse(path.read_text(encoding="utf-8"))
        out = GOLD / (path.stem + ".json")
        out.write_text(json.dumps(article, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(article['entities'])} entities, "
              f"{len(article['body'].split())} words")


if __name__ == "__main__":
    main()
