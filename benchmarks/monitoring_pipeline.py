"""Press pipeline throughput (one core, fetch excluded) and near-duplicate recall/precision.

1. Throughput. Stored pages go through every stage after fetching — extraction (trafilatura
   for the text, the page's own metadata, py3langid), folding, relevance, near-duplicate
   stories, topic and tone, and the bulk save into the database — and, in the same run, through
   trafilatura's extraction alone (`bare_extraction(fast=True, with_metadata=True)`, the
   configuration of notes/performance.md). Two page sets: real outlets' pages (the MIT meth04
   captures in the tests' fixtures, each served under many addresses) and look-alike pages
   built from the labelled evaluation set. Goal: ≥ 25 articles/s end to end.
2. Near-duplicates. Real Vietnamese news texts (the VnExpress sample in ../shared when it is
   there — read for evaluation only — else the evaluation set) each get rewritten copies with
   2, 5, 10 and 20 % of words replaced, deleted or inserted plus an outlet's prefix and footer;
   everything is clustered together. Recall: copies put in their original's story; precision:
   pairs put together that belong together. Goals: recall ≥ 0.98 at ≤ 5 % edits, precision
   ≥ 0.95.

    python benchmarks/monitoring_pipeline.py [--pages 300] [--copies 2]

Prints the machine; never fails on timing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "src" / "ttdn" / "monitoring" / "tests" / "fixtures" / "pages"
EVAL = ROOT / "src" / "ttdn" / "monitoring" / "tests" / "eval" / "press_eval.jsonl"
SHARED_SAMPLE = (
    ROOT.parent
    / "shared"
    / "fixtures"
    / "news"
    / "labelled"
    / ("vnexpress_2024_topics_sample.jsonl")
)


def setup_django() -> None:
    os.environ.setdefault("TTDN_DATA_DIR", tempfile.mkdtemp(prefix="ttdn-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def one_core() -> str:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return "pinned to one core"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity)"


def real_pages(count: int):
    from ttdn.monitoring.pipeline.types import RawDocument

    pages = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "meth04").glob("*.html"))]
    return [
        RawDocument(
            url=f"https://outlet.example/real/{i}",
            html=pages[i % len(pages)],
            source="Báo mẫu",
            source_kind="national",
        )
        for i in range(count)
    ]


def lookalike_pages(count: int):
    from ttdn.monitoring.pipeline.types import RawDocument

    template = (FIXTURES / "tinh_article.html").read_text(encoding="utf-8")
    head, _sep, rest = template.partition("<article>")
    _old, _sep, tail = rest.partition("</article>")
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines()]
    docs = []
    for i in range(count):
        row = rows[i % len(rows)]
        body = "".join(f"<p>{part}.</p>" for part in row["text"].split(". "))
        html = f"{head}<article><h1>{row['title']}</h1>{body}</article>{tail}"
        docs.append(
            RawDocument(
                url=f"https://outlet.example/alike/{i}",
                html=html,
                source=row["source"],
                source_kind=row["source_kind"],
            )
        )
    return docs


def trafilatura_alone(docs) -> float:
    import trafilatura

    started = time.perf_counter()
    for doc in docs:
        trafilatura.bare_extraction(doc.html, fast=True, with_metadata=True)
    return len(docs) / (time.perf_counter() - started)


def end_to_end(docs) -> tuple[float, dict, int]:
    from ttdn.monitoring.models import Article, FetchRun, Story
    from ttdn.monitoring.services.runs import pipeline_for_run
    from ttdn.monitoring.services.save import articles_save

    Article.objects.all().delete()
    Story.objects.all().delete()
    run = FetchRun.objects.create(trigger="command")
    started = time.perf_counter()
    pipeline = pipeline_for_run()
    for start in range(0, len(docs), 50):  # the run's batches
        rows, _failures = pipeline.analyse(docs[start : start + 50])
        saving = time.perf_counter()
        articles_save(rows=rows, run=run)
        pipeline.timings.add("save", time.perf_counter() - saving)
    elapsed = time.perf_counter() - started
    per_stage = {
        stage: round(1000 * seconds / len(docs), 2)
        for stage, seconds in pipeline.timings.seconds.items()
    }
    return len(docs) / elapsed, per_stage, Article.objects.count()


def warm_up() -> None:
    from ttdn.monitoring.pipeline.extract import detect_language
    from ttdn.monitoring.services.classifier import seed_model

    seed_model("topic"), seed_model("tone")
    detect_language("Xin chào các bạn, đây là một câu tiếng Việt để khởi động.")
    trafilatura_alone(real_pages(3))


def base_texts(limit: int) -> tuple[list[list[str]], str]:
    from ttdn.monitoring.pipeline.text import words

    texts = []
    if SHARED_SAMPLE.exists():
        for line in SHARED_SAMPLE.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            body = " ".join(row.get("content") or [])
            if len(body) > 400:
                texts.append(list(words(f"{row['title']} {body}")))
        origin = f"{len(texts)} VnExpress articles (../shared, evaluation only)"
    else:
        for line in EVAL.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if not row["id"].startswith("dp"):
                texts.append(list(words(f"{row['title']} {row['text']}")))
        origin = f"{len(texts)} articles of the evaluation set"
    return texts[:limit], origin


def rewrite(tokens: list[str], rate: float, vocabulary: list[str], rng: random.Random) -> list[str]:
    out = [rng.choice(["Theo", "Nguồn", "Tin"]), rng.choice(["TTXVN", "báo", "đài"])]
    for token in tokens:
        roll = rng.random()
        if roll < rate / 3:
            continue  # deleted
        if roll < 2 * rate / 3:
            out.append(rng.choice(vocabulary))  # replaced
            continue
        out.append(token)
        if roll < rate:
            out.append(rng.choice(vocabulary))  # inserted
    return out + ["Bài", "viết", "thuộc", "bản", "quyền", "của", rng.choice(["báo", "trang"])]


def near_duplicates(copies: int, rates=(0.02, 0.05, 0.10, 0.20)) -> None:
    from ttdn.monitoring.pipeline.dedupe import Deduper
    from ttdn.monitoring.pipeline.text import folded

    texts, origin = base_texts(700)
    vocabulary = sorted({token for text in texts for token in text})
    rng = random.Random(29)
    items, truth, rate_of = [], {}, {}
    for index, tokens in enumerate(texts):
        key = f"base{index}"
        items.append((key, folded(tuple(tokens))))
        truth[key] = index
        for rate in rates:
            for copy in range(copies):
                copy_key = f"c{index}-{rate}-{copy}"
                items.append((copy_key, folded(tuple(rewrite(tokens, rate, vocabulary, rng)))))
                truth[copy_key], rate_of[copy_key] = index, rate
    rng.shuffle(items)
    started = time.perf_counter()
    assignments = Deduper().assign(items)
    elapsed = time.perf_counter() - started
    story = {a.key: a.story for a in assignments}
    by_story: dict[str, list[str]] = {}
    for key, value in story.items():
        by_story.setdefault(value, []).append(key)
    together = sum(len(keys) * (len(keys) - 1) // 2 for keys in by_story.values())
    right = sum(
        sum(1 for i, a in enumerate(keys) for b in keys[i + 1 :] if truth[a] == truth[b])
        for keys in by_story.values()
    )
    print(
        f"\nNear-duplicates: {origin}, {copies} rewritten copies per edit rate, "
        f"{len(items)} texts clustered together in {elapsed:.1f} s "
        f"({1000 * elapsed / len(items):.2f} ms/text)"
    )
    for rate in rates:
        keys = [k for k, r in rate_of.items() if r == rate]
        found = sum(story[k] == story[f"base{truth[k]}"] for k in keys)
        print(f"  {rate:>4.0%} edits: recall {found / len(keys):.3f} ({found}/{len(keys)})")
    print(
        f"  pairs put together: {together}, of which right: {right} → precision "
        f"{right / together if together else 1:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--copies", type=int, default=2)
    args = parser.parse_args()
    print(machine())
    print(one_core())
    setup_django()
    from django.db import connection

    print(f"Database: {connection.vendor}")
    warm_up()
    for name, docs in (
        ("real outlets' pages (meth04)", real_pages(args.pages)),
        ("look-alike pages (evaluation set)", lookalike_pages(args.pages)),
    ):
        size = statistics.median(len(d.html) for d in docs) / 1024
        alone = trafilatura_alone(docs)
        rate, stages, saved = end_to_end(docs)
        print(f"\n{name}: {len(docs)} pages, median {size:.0f} KB")
        print(f"  trafilatura alone (fast, with metadata): {alone:6.1f} pages/s")
        print(
            f"  pipeline end to end (+ save):          {rate:6.1f} articles/s "
            f"({saved} saved; goal ≥ 25)"
        )
        print("  ms per article by stage: " + ", ".join(f"{k} {v}" for k, v in stages.items()))
    near_duplicates(args.copies)


if __name__ == "__main__":
    main()
