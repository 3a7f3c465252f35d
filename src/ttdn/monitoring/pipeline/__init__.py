"""The press pipeline as small pure stages over dataclasses.

    fetch (pipeline/fetch.py, the only network module; called by services/runs.py)
    → extract (extract.py)  → fold (text.py)  → relevance (relevance.py)
    → near-duplicate stories (dedupe.py)  → topic and tone (classify.py)
    → bulk save (services/save.py, the only place that writes)

`Pipeline.analyse` runs every stage after fetching over a batch of `RawDocument`s and
returns `Analysed` rows plus `Failure`s: one bad document is recorded and skipped, never
stops the batch. Stage times are summed in `timings` for the run's row.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ttdn.monitoring.pipeline.classify import NaiveBayes, features_of
from ttdn.monitoring.pipeline.dedupe import Deduper
from ttdn.monitoring.pipeline.extract import extract
from ttdn.monitoring.pipeline.relevance import Gazetteer, default_gazetteer, relevance_stage
from ttdn.monitoring.pipeline.text import fold_stage
from ttdn.monitoring.pipeline.types import Analysed, Failure, RawDocument, Timings

NEW_PREFIX = "n:"
STORY_PREFIX = "s:"
ARTICLE_PREFIX = "a:"


@dataclass
class Pipeline:
    topic_model: NaiveBayes
    tone_model: NaiveBayes
    deduper: Deduper
    gazetteer: Gazetteer = field(default_factory=default_gazetteer)
    threshold: float = 0.5
    tz: datetime.tzinfo = datetime.UTC
    timings: Timings = field(default_factory=Timings)

    def _timed(self, stage: str, func, *args, **kwargs):
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            self.timings.add(stage, time.perf_counter() - started)

    def _one(self, raw: RawDocument):
        doc = self._timed("extract", extract, raw, tz=self.tz)
        folded = self._timed("fold", fold_stage, doc)
        relevance = self._timed(
            "relevance",
            relevance_stage,
            folded,
            gazetteer=self.gazetteer,
            threshold=self.threshold,
        )
        counts = features_of(folded)
        topic = self._timed("classify", self.topic_model.predict, counts)
        tone = self._timed("classify", self.tone_model.predict, counts)
        return Analysed(doc=doc, folded=folded, relevance=relevance, topic=topic, tone=tone)

    def analyse(self, raws: Sequence[RawDocument]) -> tuple[list[Analysed], list[Failure]]:
        analysed: list[Analysed] = []
        failures: list[Failure] = []
        seen: set[str] = set()
        for raw in raws:
            try:
                row = self._one(raw)
            except Exception as error:
                failures.append(Failure(raw.url, "extract", f"{type(error).__name__}: {error}"))
                continue
            if not row.doc.url_normalised or row.doc.url_normalised in seen:
                continue
            seen.add(row.doc.url_normalised)
            analysed.append(row)
        return self._cluster(analysed), failures

    def _cluster(self, rows: list[Analysed]) -> list[Analysed]:
        started = time.perf_counter()
        items = [
            (NEW_PREFIX + row.doc.url_normalised, row.folded.title + row.folded.body)
            for row in rows
        ]
        assignments = self.deduper.assign(items)
        result = []
        for row, assignment in zip(rows, assignments, strict=True):
            story_id = None
            story_key = assignment.story
            if story_key.startswith(STORY_PREFIX):
                story_id = int(story_key[len(STORY_PREFIX) :])
            result.append(
                Analysed(
                    doc=row.doc,
                    folded=row.folded,
                    relevance=row.relevance,
                    topic=row.topic,
                    tone=row.tone,
                    story_key=story_key.removeprefix(NEW_PREFIX),
                    story_id=story_id,
                    signature=assignment.signature,
                    shingles=assignment.shingles,
                )
            )
        self.timings.seconds["dedupe"] = self.timings.seconds.get("dedupe", 0.0) + (
            time.perf_counter() - started
        )
        return result
