"""`ttdn press classify`: every stage after fetching over JSON lines or saved pages.

Input: JSON lines (`{"url", "title", "text", "published", "source"}`, all but `text`
optional; `source_kind`, `language` and `id` are read when present) or a folder of saved
HTML pages. Output: one JSON object per input, in order. With `save`, the articles are
stored like a fetch run's (a `FetchRun` row with trigger 'command') — for backfilling
archives; without it nothing is written and stories are numbered within the input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from ttdn.monitoring import conf
from ttdn.monitoring.choices import RunStatus, RunTrigger
from ttdn.monitoring.models import Article, FetchRun
from ttdn.monitoring.pipeline import STORY_PREFIX, Pipeline
from ttdn.monitoring.pipeline.dedupe import Deduper
from ttdn.monitoring.pipeline.feeds import local_date
from ttdn.monitoring.pipeline.types import Analysed, RawDocument
from ttdn.monitoring.services.classifier import classifier_current
from ttdn.monitoring.services.runs import pipeline_for_run
from ttdn.monitoring.services.save import articles_save, story_key

CHUNK = 200
_CANONICAL = re.compile(
    r"""<(?:link[^>]+rel=["']canonical["'][^>]*href|meta[^>]+property=["']og:url["'][^>]*content)"""
    r"""=["']([^"']+)["']""",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class InputError:
    line: str
    error: str


def _page(path: Path) -> RawDocument:
    html = path.read_text(encoding="utf-8", errors="replace")
    match = _CANONICAL.search(html[:300_000])
    url = match.group(1) if match else f"file:{path.name}"
    return RawDocument(url=url, html=html)


def _line(number: int, text: str, tz) -> RawDocument:
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise ValueError("each line must be a JSON object with a “text” string")
    published = data.get("published")
    return RawDocument(
        url=str(data.get("url") or f"urn:ttdn:input:{data.get('id') or number}"),
        text=data["text"],
        title=str(data.get("title") or ""),
        summary=str(data.get("lead") or ""),
        published=local_date(str(published), tz) if published else None,
        source=str(data.get("source") or ""),
        source_kind=str(data.get("source_kind") or ""),
        language_hint=str(data.get("language") or ""),
    )


def read_inputs(path: Path) -> Iterator[tuple[str, RawDocument | InputError]]:
    """(id, document or error) for each page of a folder or each line of a JSON-lines file."""
    tz = timezone.get_current_timezone()
    if path.is_dir():
        for page in sorted(p for p in path.iterdir() if p.suffix.lower() in (".html", ".htm")):
            yield page.name, _page(page)
        return
    with path.open(encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            ident = str(number)
            try:
                ident = str(json.loads(text).get("id") or number)
                yield ident, _line(number, text, tz)
            except (ValueError, TypeError, AttributeError) as error:
                yield ident, InputError(ident, str(error))


def _offline_pipeline() -> Pipeline:
    return Pipeline(
        topic_model=classifier_current("topic"),
        tone_model=classifier_current("tone"),
        deduper=Deduper(
            bands=conf.get("TTDN_MONITORING_LSH_BANDS"),
            jaccard_threshold=conf.get("TTDN_MONITORING_JACCARD"),
        ),
        threshold=conf.get("TTDN_MONITORING_RELEVANCE_THRESHOLD"),
        tz=timezone.get_current_timezone(),
    )


def _result(ident: str, row: Analysed, story: str) -> dict:
    return {
        "id": ident,
        "url": row.doc.url,
        "title": row.doc.title,
        "relevant": row.relevance.relevant,
        "relevance": row.relevance.score,
        "places": list(row.relevance.places),
        "topic": row.topic.label,
        "topic_score": row.topic.score,
        "tone": row.tone.label,
        "tone_score": row.tone.score,
        "language": row.doc.language,
        "published": row.doc.published.isoformat() if row.doc.published else None,
        "story": story,
    }


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def classify(path: Path, *, save: bool = False) -> Iterator[dict]:
    """One result per input, in order (see the module's docstring)."""
    pipeline = pipeline_for_run() if save else _offline_pipeline()
    run = FetchRun.objects.create(trigger=RunTrigger.COMMAND) if save else None
    errors = []
    for chunk in _chunks(read_inputs(path), CHUNK):
        documents = [(ident, doc) for ident, doc in chunk if isinstance(doc, RawDocument)]
        rows, failures = pipeline.analyse([doc for _ident, doc in documents])
        by_url = {row.doc.url: row for row in rows}
        stories = _story_ids(rows, run) if save else {}
        failed = {failure.url: failure.error for failure in failures}
        for ident, doc in chunk:
            if isinstance(doc, InputError):
                errors.append(doc.error)
                yield {"id": ident, "error": doc.error}
            elif doc.url in by_url:
                row = by_url[doc.url]
                story = stories.get(row.doc.url_normalised) or (
                    row.story_key
                    if row.story_key.startswith(STORY_PREFIX)
                    else story_key(row.story_key)[:12]
                )
                yield _result(ident, row, str(story))
            else:
                message = failed.get(doc.url, "duplicate of an earlier input (same address)")
                yield {"id": ident, "url": doc.url, "error": message}
    if run is not None:
        FetchRun.objects.filter(pk=run.pk).update(
            status=RunStatus.PARTIAL if errors else RunStatus.DONE,
            finished_at=timezone.now(),
            timings=pipeline.timings.as_dict(),
            errors=[{"message": e} for e in errors[:200]],
            errors_count=len(errors),
        )


def _story_ids(rows: list[Analysed], run: FetchRun) -> dict[str, int]:
    articles_save(rows=rows, run=run)
    return dict(
        Article.objects.filter(url_normalised__in=[r.doc.url_normalised for r in rows]).values_list(
            "url_normalised", "story_id"
        )
    )
