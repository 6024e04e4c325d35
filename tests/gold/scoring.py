"""Precision, recall and F1 of the entity extractor against the gold articles (exact spans)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tests.gold.markup import LABELS, load_all
from tui.entities import extract_article

NAME_LABELS = ("PERSON", "ORG", "PLACE")


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(articles: list[dict] | None = None) -> tuple[dict[str, Score], list[tuple]]:
    """Scores per label (plus "NAMES", the micro average of PERSON, ORG and PLACE).

    Returns:
        The scores and the errors as (article title, "missed" or "extra", label, text).
    """
    scores = {label: Score() for label in (*LABELS, "NAMES")}
    errors: list[tuple] = []
    for article in articles if articles is not None else load_all():
        gold = Counter((e["start"], e["end"], e["label"]) for e in article["entities"])
        found = Counter((s.start, s.end, s.label)
                        for s in extract_article(article["title"], article["body"]))
        for key in gold | found:
            hits = min(gold[key], found[key])
            label = key[2]
            buckets = [scores[label]] + ([scores["NAMES"]] if label in NAME_LABELS else [])
            for score in buckets:
                score.true_positive += hits
                score.false_negative += gold[key] - hits
                score.false_positive += found[key] - hits
            text = article["body"][key[0]:key[1]]
            if gold[key] > hits:
                errors.append((article["title"], "missed", label, text))
            if found[key] > hits:
                errors.append((article["title"], "extra", label, text))
    return scores, errors
