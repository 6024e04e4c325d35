"""The query language: text -> a small tree. Never raises; says what it ignored.

    words ANDed · "a phrase" · prefix* · -exclude · a OR b · ( ) · name:value filters
"""

from __future__ import annotations

import re

from ..records import Record

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing

WORD_CHARS = re.compile(r"\w", re.UNICODE)
MAX_TERMS = 32
"""Words, phrases and filters searched from one query; the rest is ignored with a notice. Each
costs index reads and typo lookups, so this bounds the work of any text (a paste, say)."""
MAX_DEPTH = 8
"""Parentheses nested deeper than this are ignored (the words inside are still searched)."""


class Term(Record):
    """A word or a quoted phrase, searched in the full-text index. `live`: the word being
    typed (search-as-you-type makes it a prefix once it has 2 characters)."""

    __slots__ = _fields = ("text", "phrase", "prefix", "column", "live")

    def __init__(self, text: str, phrase: bool = False, prefix: bool = False,
                 column: str | None = None, live: bool = False):
        self.text = text
        self.phrase = phrase
        self.prefix = prefix
        self.column = column
        self.live = live


class Filter(Record):
    """`name:value`, a filter the query language knows."""

    __slots__ = _fields = ("name", "value")

    def __init__(self, name: str, value: str):
        self.name = name
        self.value = value


class Not(Record):
    """An excluded part: `-word`, `NOT word`, `-(...)`."""

    __slots__ = _fields = ("child",)

    def __init__(self, child: Node):
        self.child = child


class Group(Record):
    """Parts joined by `op`: "AND" or "OR"."""

    __slots__ = _fields = ("op", "children")

    def __init__(self, op: str, children: list[Node] | None = None):
        self.op = op
        self.children: list[Node] = [] if children is None else children


Node = Term | Filter | Not | Group
if TYPE_CHECKING:
    from typing import Any

    Token = tuple[Any, ...]
    """A lexed token: its kind ("TERM", "FILTER", "NOT", "OR", "(", ")"), then its node, if
    any. Annotations only: `newsreader search` need not import typing."""


class Parsed(Record):
    """A query's tree and what the parser ignored or mended, in words."""

    __slots__ = _fields = ("tree", "notices")

    def __init__(self, tree: Group, notices: list[str]):
        self.tree = tree
        self.notices = notices


# Tokens: ("(",), (")",), ("OR",), ("NOT",), ("TERM", Term), ("FILTER", Filter)
_TOKEN = re.compile(
    r'\s+|(?P<neg>-(?=\())|(?P<open>\()|(?P<close>\))'
    r'|(?P<field>-?\w+:=?"[^"]*"?)|(?P<quote>-?"[^"]*"?)|(?P<word>-?[^\s()"]+)'
)


class Parser:
    """Recursive descent over tokens. `filter_names` are the names that make `name:value`
    a filter; `column_names` make it a full-text column search (e.g. `title:`)."""

    def __init__(self, filter_names: set[str], column_names: set[str]):
        self.filter_names = filter_names
        self.column_names = column_names

    def parse(self, text: str, *, live: bool = False) -> Parsed:
        self.notices: list[str] = []
        self.tokens = self._tokenize(text, live)
        self.pos = 0
        tree = self._or()
        while self.pos < len(self.tokens):  # stray ")" at top level
            self.notices.append('ignored an unmatched ")"')
            self.pos += 1
            more = self._or()
            tree = Group("AND", [tree, more])
        return Parsed(_simplify(tree), list(dict.fromkeys(self.notices)))

    # -- tokens ------------------------------------------------------------------------------

    def _tokenize(self, text: str, live: bool) -> list[Token]:
        tokens: list[Token] = []
        ends_in_space = not text or text[-1].isspace()
        for m in _TOKEN.finditer(text):
            if m.group("neg"):
                tokens.append(("NOT",))
            elif m.group("open"):
                tokens.append(("(",))
            elif m.group("close"):
                tokens.append((")",))
            elif m.group("field"):
                raw = m.group("field")
                if not raw.endswith('"') or raw.endswith((':"', ':="')):
                    self.notices.append('ignored an unmatched "')
                made = self._word(raw.replace('"', ""))
                for token in made:
                    if token[0] == "TERM":
                        token[1].phrase = True
                tokens.extend(made)
            elif m.group("quote"):
                tokens.extend(self._phrase(m.group("quote")))
            elif m.group("word"):
                tokens.extend(self._word(m.group("word")))
        tokens, cut = self._bound(tokens)
        if live and not ends_in_space and not cut and tokens and tokens[-1][0] == "TERM":
            term = tokens[-1][-1]
            if not term.phrase and not term.prefix:
                term.live = True
                if len(term.text) < 2:  # one letter says nothing yet: wait for the next
                    tokens.pop()
                    if tokens and tokens[-1][0] == "NOT":
                        tokens.pop()
        return tokens

    def _bound(self, tokens: list[Token]) -> tuple[list[Token], bool]:
        """Bound the work of any query: at most MAX_TERMS terms and filters, parentheses at
        most MAX_DEPTH deep, stray `)` and double negations dropped. True when terms were."""
        kept: list[Token] = []
        leaves = depth = 0
        for token in tokens:
            kind = token[0]
            if kind in ("TERM", "FILTER"):
                leaves += 1
                if leaves > MAX_TERMS:
                    self.notices.append(f"searched the first {MAX_TERMS} words of a long query")
                    while kept and kept[-1][0] == "NOT":
                        kept.pop()
                    return kept, True
            elif kind == "NOT" and kept and kept[-1][0] == "NOT":
                kept.pop()
                continue
            elif kind == "(":
                depth += 1
                if depth > MAX_DEPTH:
                    continue
            elif kind == ")":
                if depth == 0:  # closes nothing
                    self.notices.append('ignored an unmatched ")"')
                    continue
                depth -= 1
                if depth >= MAX_DEPTH:
                    continue
            kept.append(token)
        return kept, False

    def _phrase(self, raw: str) -> list[Token]:
        negated = raw.startswith("-")
        body = raw[1:] if negated else raw
        inner = body[1:]
        if inner.endswith('"') and len(body) > 1:
            inner = inner[:-1]
        else:
            # An unmatched quote: search its words as words.
            self.notices.append('ignored an unmatched "')
            words = [t for w in inner.split() for t in self._word(w)]
            return [("NOT",), *words[:1], *words[1:]] if negated and words else words
        if not WORD_CHARS.search(inner):
            return []
        token = ("TERM", Term(inner.strip(), phrase=True))
        return [("NOT",), token] if negated else [token]

    def _word(self, raw: str) -> list[Token]:
        if raw == "OR":
            return [("OR",)]
        if raw in ("AND", "NOT"):
            return [("NOT",)] if raw == "NOT" else []
        negated = raw.startswith("-") and len(raw) > 1
        word = raw[1:] if negated else raw
        token = self._filter_or_term(word)
        if token is None:
            return []
        return [("NOT",), token] if negated else [token]

    def _filter_or_term(self, word: str) -> Token | None:
        name, sep, value = word.partition(":")
        key = name.lower()
        if sep and (key in self.filter_names or key in self.column_names):
            if not value or not WORD_CHARS.search(value) and key not in self.filter_names:
                self.notices.append(f"ignored {name}: (it needs a value)")
                return None
            if key in self.column_names:
                term = _term(value)
                if term is None:
                    return None
                term.column = key
                return ("TERM", term)
            return ("FILTER", Filter(key, value.strip('"')))
        term = _term(word)
        return ("TERM", term) if term else None

    # -- grammar -----------------------------------------------------------------------------

    def _peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def _or(self) -> Node:
        branches = [self._and()]
        while self._peek() == "OR":
            self.pos += 1
            branches.append(self._and())
        branches = [b for b in branches if not _empty(b)]
        if len(branches) == 1:
            return branches[0]
        return Group("OR", branches)

    def _and(self) -> Node:
        group = Group("AND")
        while self._peek() not in (None, ")", "OR"):
            node = self._unary()
            if node is not None:
                group.children.append(node)
        return group

    def _unary(self) -> Node | None:
        if self._peek() == "NOT":
            self.pos += 1
            if self._peek() in (None, ")", "OR"):
                self.notices.append("ignored a - with nothing after it")
                return None
            child = self._unary()
            return Not(child) if child is not None and not _empty(child) else None
        return self._atom()

    def _atom(self) -> Node | None:
        token = self.tokens[self.pos]
        self.pos += 1
        if token[0] == "(":
            inner = self._or()
            if self._peek() == ")":
                self.pos += 1
            else:
                self.notices.append('ignored an unmatched "("')
            return None if _empty(inner) else inner
        if token[0] in ("TERM", "FILTER"):
            node: Node = token[1]
            return node
        return None  # ")" handled by the caller; never reached for other kinds


def _term(word: str) -> Term | None:
    prefix = word.endswith("*")
    text = word.rstrip("*")
    if not WORD_CHARS.search(text):
        return None
    return Term(text, prefix=prefix)


def _empty(node: Node) -> bool:
    return isinstance(node, Group) and not node.children


def _simplify(node: Node) -> Group:
    """Flatten nested groups of the same operator; always return an AND group at the top."""
    def walk(n: Node) -> Node:
        if isinstance(n, Not):
            return Not(walk(n.child))
        if isinstance(n, Group):
            children: list[Node] = []
            for child in (walk(c) for c in n.children):
                if isinstance(child, Group) and (child.op == n.op or len(child.children) == 1):
                    children.extend(child.children)
                elif not _empty(child):
                    children.append(child)
            return Group(n.op, children)
        return n

    top = walk(node)
    if _empty(top):
        return Group("AND")
    if isinstance(top, Group) and top.op == "AND":
        return top
    return Group("AND", [top])


def words_of(node: Node) -> list[Term]:
    """Every positive term of the tree (for highlighting), in order."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Group):
        return [t for child in node.children for t in words_of(child)]
    return []
