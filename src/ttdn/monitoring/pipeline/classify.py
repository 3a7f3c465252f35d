"""Topic and tone: multinomial Naive Bayes over word 1- and 2-grams, pure Python.

Features are the lower-cased words (with their marks: in Vietnamese the marks carry the
meaning — 'tai nạn' is an accident, 'tài năng' a talent) of the title (counted three times),
the lead (twice) and the first 200 words of the body. The model is plain data (JSON), so it
is stored in the database, versioned, and retrained as a job from the seed set shipped in
`data/seed_labels.jsonl` plus every confirmation an officer makes (docs/apps/monitoring.md).
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ttdn.monitoring.pipeline.types import Folded, Suggestion

BODY_WORDS = 200
PART_REPEAT = {"title": 3, "lead": 2, "body": 1}
ALPHA = 0.3
MAX_FEATURES = 40_000


def features(title: Sequence[str], lead: Sequence[str], body: Sequence[str]) -> Counter:
    counts: Counter = Counter()
    for part, tokens in (("title", title), ("lead", lead), ("body", body[:BODY_WORDS])):
        weight = PART_REPEAT[part]
        words = [t for t in tokens if not t.isdigit()]
        for word in words:
            counts[word] += weight
        for a, b in zip(words, words[1:], strict=False):
            counts[f"{a} {b}"] += weight
    return counts


def features_of(folded: Folded) -> Counter:
    return features(folded.title_lower, folded.lead_lower, folded.body_lower)


@dataclass
class NaiveBayes:
    labels: list[str]
    log_prior: list[float]
    log_likelihood: dict[str, list[float]]
    log_unknown: list[float]
    meta: dict = field(default_factory=dict)

    def scores(self, counts: Counter) -> list[float]:
        totals = list(self.log_prior)
        for feature, count in counts.items():
            row = self.log_likelihood.get(feature)
            if row is None:
                continue
            for i, value in enumerate(row):
                totals[i] += count * value
        return totals

    def predict(self, counts: Counter) -> Suggestion:
        totals = self.scores(counts)
        top = max(totals)
        exps = [math.exp(value - top) for value in totals]
        best = max(range(len(totals)), key=totals.__getitem__)
        return Suggestion(self.labels[best], round(exps[best] / sum(exps), 4))

    def to_json(self) -> dict:
        return {
            "labels": self.labels,
            "log_prior": self.log_prior,
            "log_likelihood": self.log_likelihood,
            "log_unknown": self.log_unknown,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict) -> NaiveBayes:
        return cls(
            data["labels"],
            data["log_prior"],
            data["log_likelihood"],
            data["log_unknown"],
            data.get("meta", {}),
        )


def train(
    examples: Iterable[tuple[Counter, str]],
    labels: Sequence[str],
    *,
    alpha: float = ALPHA,
    prior_weight: float = 0.5,
) -> NaiveBayes:
    """Train on (features, label) pairs; `prior_weight` < 1 flattens unbalanced priors."""
    per_label: dict[str, Counter] = defaultdict(Counter)
    docs: Counter = Counter()
    document_frequency: Counter = Counter()
    for counts, label in examples:
        if label not in labels:
            continue
        per_label[label].update(counts)
        docs[label] += 1
        document_frequency.update(counts.keys())
    vocabulary = [f for f, _n in document_frequency.most_common(MAX_FEATURES)]
    size = len(vocabulary) or 1
    total_docs = sum(docs.values()) or 1
    log_prior = [
        prior_weight * math.log((docs[label] + 1) / (total_docs + len(labels))) for label in labels
    ]
    denominators = [sum(per_label[label].values()) + alpha * size for label in labels]
    likelihood = {
        feature: [
            round(math.log((per_label[label][feature] + alpha) / denominators[i]), 5)
            for i, label in enumerate(labels)
        ]
        for feature in vocabulary
    }
    unknown = [math.log(alpha / d) for d in denominators]
    return NaiveBayes(
        list(labels),
        log_prior,
        likelihood,
        unknown,
        {"examples": dict(docs), "features": len(vocabulary)},
    )


def cross_validate(
    examples: list[tuple[Counter, str]], labels: Sequence[str], *, folds: int = 5, seed: int = 29
) -> float:
    """Accuracy of k-fold cross-validation (a shuffled, seeded split)."""
    if len(examples) < folds * 2:
        return 0.0
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    correct = 0
    for fold_number in range(folds):
        test = set(order[fold_number::folds])
        model = train([examples[i] for i in order if i not in test], labels)
        correct += sum(model.predict(examples[i][0]).label == examples[i][1] for i in test)
    return round(correct / len(examples), 4)
