"""The topic and tone classifiers: the version in use, and retraining (a job).

Training data: the seed set shipped in `data/seed_labels.jsonl` (short texts written for
this project, see data/README.md) plus the officers' confirmations (`Label` rows: the latest
label of a story for each field, applied to the story's most relevant article). Until a
version is stored, the seed model is trained in memory when first needed.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from ttdn.monitoring.choices import LabelField, Tone, Topic
from ttdn.monitoring.models import Article, ClassifierModel, Label
from ttdn.monitoring.pipeline.classify import NaiveBayes, cross_validate, features, train
from ttdn.monitoring.pipeline.text import words

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "seed_labels.jsonl"
LEXICON = DATA / "seed_lexicon.json"
LEXICON_WEIGHT = 2
LABELS = {"topic": list(Topic.values), "tone": list(Tone.values)}
OFFICER_WEIGHT = 2  # a confirmation counts as two seed examples


def _features(title: str, lead: str, text: str) -> Counter:
    return features(words(title), words(lead), words(text, 400))


@lru_cache(maxsize=1)
def seed_examples() -> tuple[tuple[Counter, str, str], ...]:
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            data = json.loads(line)
            rows.append(
                (
                    _features(data["title"], data.get("lead", ""), data.get("text", "")),
                    data.get("topic", ""),
                    data.get("tone", ""),
                )
            )
    return tuple(rows)


@lru_cache(maxsize=2)
def lexicon_examples(kind: str) -> tuple[tuple[Counter, str], ...]:
    """One example per label made of its indicative words (data/seed_lexicon.json)."""
    lists = json.loads(LEXICON.read_text(encoding="utf-8"))[kind]
    examples = []
    for label, phrases in lists.items():
        counts: Counter = Counter()
        for phrase in phrases:
            tokens = words(phrase)
            for token in tokens:
                counts[token] += LEXICON_WEIGHT
            for a, b in zip(tokens, tokens[1:], strict=False):
                counts[f"{a} {b}"] += LEXICON_WEIGHT
        examples.append((counts, label))
    return tuple(examples)


def label_examples(kind: str) -> list[tuple[Counter, str]]:
    """The latest officer label per story for `kind`, on the story's most relevant article."""
    latest = Label.objects.filter(field=kind).values("story_id").annotate(last=Max("pk"))
    values = dict(
        Label.objects.filter(pk__in=[row["last"] for row in latest]).values_list(
            "story_id", "value"
        )
    )
    articles: dict[int, tuple] = {}
    for story_id, title, lead, text, _relevance in (
        Article.objects.filter(story_id__in=values)
        .order_by("story_id", "-relevance", "pk")
        .values_list("story_id", "title", "lead", "text", "relevance")
    ):
        articles.setdefault(story_id, (title, lead, text))
    return [
        (_features(*articles[story_id]), value)
        for story_id, value in values.items()
        if story_id in articles and value in LABELS[kind]
    ]


def _examples(kind: str, *, with_labels: bool) -> tuple[list[tuple[Counter, str]], int]:
    index = 1 if kind == "topic" else 2
    examples = [(row[0], row[index]) for row in seed_examples() if row[index]]
    examples += list(lexicon_examples(kind))
    officer = label_examples(kind) if with_labels else []
    return examples + officer * OFFICER_WEIGHT, len(officer)


@lru_cache(maxsize=2)
def seed_model(kind: str) -> NaiveBayes:
    examples, _n = _examples(kind, with_labels=False)
    return train(examples, LABELS[kind])


@lru_cache(maxsize=8)
def _stored(kind: str, version: int) -> NaiveBayes:
    return NaiveBayes.from_json(ClassifierModel.objects.get(kind=kind, version=version).data)


def classifier_current(kind: str) -> NaiveBayes:
    """The newest stored version (cached by version), else the seed model."""
    version = (
        ClassifierModel.objects.filter(kind=kind)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return _stored(kind, version) if version else seed_model(kind)


def labels_since_last_training() -> int:
    last = ClassifierModel.objects.aggregate(at=Max("trained_at"))["at"]
    labels = Label.objects.filter(field__in=[LabelField.TOPIC, LabelField.TONE])
    return labels.filter(at__gt=last).count() if last else labels.count()


@transaction.atomic
def classifier_retrain(*, force: bool = False) -> dict[str, int]:
    """Train new versions of both classifiers when officers labelled anything since the last
    training (or `force`); return {kind: version}. Idempotent when nothing changed."""
    if not force and ClassifierModel.objects.exists() and not labels_since_last_training():
        return {}
    versions = {}
    for kind in ("topic", "tone"):
        examples, from_labels = _examples(kind, with_labels=True)
        model = train(examples, LABELS[kind])
        last = ClassifierModel.objects.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
        row = ClassifierModel.objects.create(
            kind=kind,
            version=last + 1,
            examples=len(examples),
            from_labels=from_labels,
            accuracy=cross_validate(examples, LABELS[kind]),
            data=model.to_json(),
        )
        versions[kind] = row.version
    return versions
