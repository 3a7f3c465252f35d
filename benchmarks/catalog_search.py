"""Catalog search at scale: build time, index size and query latency, SQLite and PostgreSQL.

    python benchmarks/catalog_search.py                 # 1,000,000 items, both backends
    python benchmarks/catalog_search.py --items 50000   # a quick run first
    python benchmarks/catalog_search.py --backends sqlite --queries 20

Text is generated from a syllable bigram (Markov) model trained at run time on the labelled
Vietnamese news in ../shared/fixtures/news/labelled (real syllable frequencies and word
pairs; the text itself is not copied into the project), with place names of the province
planted in a quarter of the items, 5 % English (Markov over the English UDHR and the
VnExpress International feed) and 3 % Lao (UDHR sentences). Items spread over ten years.

Each backend runs in its own process and database (a temporary SQLite file; the PostgreSQL
database `ttdn_catalog_bench`, recreated). The index is built with the real reindex code
(`search_rebuild`), queries go through the real backend (`get_backend().search`). It prints
figures and never fails on timing: targets are marked ✓ or ✗.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "fixtures"
NEWS = SHARED / "news" / "labelled"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "ttdn_catalog_bench"
WORD = re.compile(r"[^\W_]+|[.!?]")
PLACES = [
    "Nghệ An", "thành phố Vinh", "Cửa Lò", "Nậm Cắn", "Kim Liên", "Pù Mát", "Quế Phong",
    "Kỳ Sơn", "đối ngoại", "Việt Nam – Lào", "Xiêng Khoảng", "Hủa Phăn", "Bolikhamxay",
    "sen Làng Sen", "dân ca ví, giặm", "cam Vinh", "Đảng bộ tỉnh", "Tương Dương", "Thanh Chương",
]  # fmt: skip
TARGETS = {  # p95 in ms (issue 4, "Done means")
    ("one", "all"): 250,
    ("two", "all"): 75,
    ("three", "all"): 75,
    ("phrase", "all"): 75,
    ("common", "recent"): 300,
}
DEFAULT_MODE_TARGET = 50


# Corpus ---------------------------------------------------------------------------------


def news_documents() -> list[str]:
    docs = []
    with (NEWS / "vnexpress_2024_topics_sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            parts = [row.get("title") or "", row.get("description") or ""]
            docs.append(" ".join(parts + list(row.get("content") or [])))
    csv.field_size_limit(1 << 30)
    with (NEWS / "vnexpress_2024_thoi-su.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            docs.append(" ".join(row[k] or "" for k in ("title", "description", "content")))
    return [d for d in docs if d.strip()]


class Markov:
    """Syllable bigrams with their counts; sentences end at '.', '!' or '?'."""

    def __init__(self, documents: list[str]) -> None:
        counts: dict[str, Counter] = defaultdict(Counter)
        for doc in documents:
            previous = "<s>"
            for token in WORD.findall(doc):
                if token in ".!?":
                    counts[previous]["</s>"] += 1
                    previous = "<s>"
                    continue
                counts[previous][token] += 1
                previous = token
        self.table = {
            word: (list(nexts), list(_cumulative(nexts.values()))) for word, nexts in counts.items()
        }

    def sentence(self, rng: random.Random, limit: int = 30) -> list[str]:
        words, word = [], "<s>"
        while len(words) < limit:
            options, weights = self.table.get(word, (["</s>"], [1]))
            word = rng.choices(options, cum_weights=weights)[0]
            if word == "</s>":
                break
            words.append(word)
        return words


def _cumulative(values):
    total = 0
    for value in values:
        total += value
        yield total


def english_documents() -> list[str]:
    texts = [_html_text(SHARED / "lao" / "udhr_eng.html")]
    feed = SHARED / "news" / "feeds" / "ninhphu321-vietnam-news-monitor" / "vnexpress_intl.rss"
    if feed.exists():
        texts.append(re.sub(r"<[^>]+>", " ", feed.read_text(encoding="utf-8")))
    return texts


def lao_sentences() -> list[str]:
    text = _html_text(SHARED / "lao" / "udhr_lao.html")
    return [s.strip() for s in re.split(r"[.;:]", text) if len(s.strip()) > 10]


def _html_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    paragraphs = re.findall(r"<p>(.*?)</p>", raw, flags=re.S)
    return "\n".join(re.sub(r"<[^>]+>", " ", p) for p in paragraphs)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        started = time.perf_counter()
        self.vi = Markov(news_documents())
        self.en = Markov(english_documents())
        self.lao = lao_sentences()
        rng = self.rng
        self.vi_pool = [s for s in (self.vi.sentence(rng) for _ in range(60_000)) if len(s) > 3]
        self.en_pool = [s for s in (self.en.sentence(rng) for _ in range(5_000)) if len(s) > 3]
        self.seconds = time.perf_counter() - started

    def text(self, language: str, sentences: int) -> tuple[str, str]:
        """(title, body) in the language."""
        rng = self.rng
        if language == "lo":
            title = rng.choice(self.lao)[:60]
            body = " ".join(rng.choice(self.lao) for _ in range(sentences))
            return title, body
        pool = self.en_pool if language == "en" else self.vi_pool
        title_words = rng.choice(pool)[: rng.randint(6, 18)]
        if language == "vi" and rng.random() < 0.25:
            title_words = (
                title_words[: rng.randint(2, 8)] + PLACES[rng.randrange(len(PLACES))].split()
            )
        body_sentences = []
        for _ in range(sentences):
            words = rng.choice(pool)
            if language == "vi" and rng.random() < 0.1:
                cut = rng.randrange(len(words))
                words = words[:cut] + rng.choice(PLACES).split() + words[cut:]
            body_sentences.append(" ".join(words).capitalize() + ".")
        title = " ".join(title_words)
        return title[:1].upper() + title[1:], " ".join(body_sentences)


# Worker: one backend, one database ------------------------------------------------------

KINDS = [
    ("article", 30, (5, 20)), ("photo_album", 20, (0, 2)), ("video", 15, (0, 3)),
    ("fact", 10, (0, 1)), ("event", 10, (1, 4)), ("infographic", 5, (0, 2)),
    ("publication", 5, (2, 8)), ("document", 3, (2, 10)), ("audio", 2, (0, 3)),
]  # fmt: skip
STATUSES = [("published", 75), ("approved", 5), ("in_review", 5), ("draft", 10), ("archived", 5)]


def _weighted(rng, rows):
    return rng.choices(rows, weights=[row[1] for row in rows])[0]


def load_items(count: int, seed: int) -> dict:
    from django.db import connection, transaction

    from ttdn.agencies.models import Agency
    from ttdn.catalog.choices import Channel
    from ttdn.catalog.models import Item, Topic
    from ttdn.core.text import fold

    generator = Generator(seed)
    rng = generator.rng
    agencies = list(Agency.objects.order_by("pk").values_list("pk", flat=True)[:60])
    topics = list(Topic.objects.values_list("pk", flat=True))
    channels = list(Channel.values)
    start = datetime.date(2016, 1, 1)
    through = Item.topics.through
    started = time.perf_counter()
    created = 0
    while created < count:
        batch = []
        topic_rows = []
        for _ in range(min(5000, count - created)):
            language = rng.choices(["vi", "en", "lo"], weights=[92, 5, 3])[0]
            kind, _w, (low, high) = _weighted(rng, KINDS)
            title, body = generator.text(language, rng.randint(low, high))
            summary = generator.text(language, rng.randint(1, 2))[1]
            item = Item(
                language=language,
                kind=kind,
                title=title[:500],
                summary=summary,
                body=f"<p>{body}</p>" if body else "",
                body_text=body,
                title_folded=fold(title[:500]),
                agency_id=rng.choice(agencies),
                channel=rng.choice(channels),
                status=_weighted(rng, STATUSES)[0],
                published_on=start + datetime.timedelta(days=rng.randrange(3650)),
                source="import",
            )
            batch.append(item)
        with transaction.atomic():
            Item.objects.bulk_create(batch, batch_size=1000)
            for item in batch:
                for topic in rng.sample(topics, rng.randint(1, 3)):
                    topic_rows.append(through(item_id=item.pk, topic_id=topic))
            through.objects.bulk_create(topic_rows, batch_size=5000)
        created += len(batch)
        if created % 100_000 == 0:
            print(f"  … {created:,} items", file=sys.stderr, flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE catalog_item")
    return {"items": created, "generate_seconds": round(generator.seconds, 1),
            "load_seconds": round(time.perf_counter() - started, 1)}  # fmt: skip


def build_index() -> dict:
    from django.db import connection, transaction

    from ttdn.catalog.search.index import search_rebuild

    started = time.perf_counter()
    with transaction.atomic():
        documents = search_rebuild()
    build = time.perf_counter() - started
    extra = 0.0
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE catalog_searchtext")
            cursor.execute("VACUUM ANALYZE catalog_searchdocument")
        extra = time.perf_counter() - started
    return {
        "documents": documents,
        "build_seconds": round(build, 1),
        "vacuum_seconds": round(extra, 1),
        "sizes_mb": _sizes(),
    }


def _sizes() -> dict:
    from ttdn.catalog.search.base import get_backend

    return {k: round(v / 1024 / 1024, 1) for k, v in get_backend().size().items()}


def query_sets(count: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    """Per class, (with diacritics, without) query pairs from real syllable frequencies."""
    from ttdn.core.text import fold

    rng = random.Random(seed + 1)
    df: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    bigrams: Counter = Counter()
    for doc in news_documents():
        words = [w.lower() for w in WORD.findall(doc) if w not in ".!?"]
        df.update(sorted(set(words)))  # sorted: ties in df keep one order across runs
        for word in words:
            forms[fold(word)][word] += 1
        bigrams.update(zip(words, words[1:], strict=False))
    by_folded: Counter = Counter()
    for word, documents in df.items():
        by_folded[fold(word)] += documents
    common = {w for w, _c in by_folded.most_common(100)}  # in most documents
    ranked = [w for w, _c in df.most_common() if not w.isdigit() and fold(w) not in common]
    content = [w for w in ranked[:1500] if fold(w) != w]  # has diacritics, rank below common
    phrases = [
        pair for pair, c in bigrams.most_common(3000)
        if not any(fold(w) in common or w.isdigit() for w in pair) and c >= 5
    ]  # fmt: skip
    very_common = [w for w, _c in df.most_common(40) if fold(w) in common and not w.isdigit()][:20]

    def pair(words: list[str], quoted=False) -> tuple[str, str]:
        text = " ".join(words)
        text = f'"{text}"' if quoted else text
        return text, fold(text)

    return {
        "one": [pair([rng.choice(content)]) for _ in range(count)],
        "two": [pair(rng.sample(content[:600], 2)) for _ in range(count)],
        "three": [pair(rng.sample(content[:600], 3)) for _ in range(count)],
        "phrase": [pair(list(rng.choice(phrases[:800])), quoted=True) for _ in range(count)],
        "common": [pair([rng.choice(very_common)]) for _ in range(count)],
    }


def warm_cache() -> float:
    """Read the search tables and indexes once, as a running server has them in memory:
    otherwise the figures depend on what the machine did before (the other engine's run
    evicts this one's pages). SQLite: the database file; PostgreSQL: `pg_prewarm`."""
    from django.db import connection

    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with open(connection.settings_dict["NAME"], "rb") as handle:
            while handle.read(1 << 24):
                pass
    else:
        from django.db import DatabaseError, transaction

        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
                # Tables and indexes into PostgreSQL's buffers (as far as shared_buffers
                # holds them), the out-of-line tsvectors into the system's page cache.
                cursor.execute(
                    "SELECT pg_prewarm(c.oid, CASE WHEN c.relkind = 't' THEN 'read' "
                    "ELSE 'buffer' END) FROM pg_class c WHERE c.relkind IN ('r', 'i', 't') "
                    "AND (c.relname LIKE 'catalog_search%%' OR c.oid IN (SELECT reltoastrelid "
                    "FROM pg_class WHERE relname LIKE 'catalog_searchtext%%')) "
                    "ORDER BY c.relkind = 't' DESC"
                )
        except DatabaseError as error:  # contrib missing: measured as the cache stands
            print(f"  (not warmed: pg_prewarm is not available — {error})", file=sys.stderr)
    return round(time.perf_counter() - started, 1)


def run_queries(sets: dict, configs: list[tuple[str, str, bool]]) -> list[dict]:
    from ttdn.catalog.search.base import SearchRequest, Visibility, get_backend
    from ttdn.catalog.search.query import parse_query

    backend = get_backend()
    visibility = Visibility(everything=True)
    rows = []
    # Warm the caches once with every query in default mode (not timed).
    for queries in sets.values():
        for pair in queries:
            backend.search(SearchRequest(query=parse_query(pair[1]), visibility=visibility))
    for name, queries in sets.items():
        for variant, index in (("diacritics", 0), ("plain", 1)):
            for label, mode, facets in configs:
                times, totals = [], []
                for pair in queries:
                    request = SearchRequest(
                        query=parse_query(pair[index]),
                        visibility=visibility,
                        mode=mode,
                        facets=facets,
                    )
                    started = time.perf_counter()
                    response = backend.search(request)
                    times.append((time.perf_counter() - started) * 1000)
                    totals.append(response.total)
                times.sort()
                rows.append(
                    {
                        "class": name,
                        "variant": variant,
                        "config": label,
                        "p50": round(statistics.median(times), 1),
                        "p95": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                        "median_hits": int(statistics.median(totals)),
                        "example": queries[0][index],
                    }
                )
                print(f"  {name:7} {variant:10} {label:14} p50 {rows[-1]['p50']:7.1f} "
                      f"p95 {rows[-1]['p95']:7.1f} ms, median hits {rows[-1]['median_hits']:,}",
                      file=sys.stderr, flush=True)  # fmt: skip
    return rows


def worker(args) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from ttdn.agencies.services import agencies_load_default
    from ttdn.catalog.services.defaults import catalog_load_default

    settings.TTDN_CATALOG_SEARCH_WINDOW = args.window
    call_command("migrate", verbosity=0)
    agencies_load_default()
    catalog_load_default()
    from ttdn.catalog.models import Item

    result = {"backend": args.worker, "window": args.window}
    if args.reuse and Item.objects.count() == args.items:
        print(f"[{args.worker}] reusing {args.items:,} items", file=sys.stderr)
        result["load"] = {"items": args.items, "generate_seconds": 0, "load_seconds": 0}
        if args.reindex:
            print(f"[{args.worker}] building the index", file=sys.stderr)
            result["index"] = build_index()
        else:
            result["index"] = {"documents": args.items, "build_seconds": 0, "vacuum_seconds": 0,
                               "sizes_mb": _sizes()}  # fmt: skip
    else:
        print(f"[{args.worker}] generating and loading {args.items:,} items", file=sys.stderr)
        result["load"] = load_items(args.items, args.seed)
        print(f"[{args.worker}] building the index", file=sys.stderr)
        result["index"] = build_index()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        result["engine_version"] = cursor.fetchone()[0]
        if connection.vendor == "postgresql":  # the figures depend on the cache it keeps
            cursor.execute("show shared_buffers")
            result["engine_version"] += f", shared_buffers {cursor.fetchone()[0]}"
    print(f"[{args.worker}] reading the index into memory", file=sys.stderr)
    result["warm_seconds"] = warm_cache()
    print(f"[{args.worker}] queries", file=sys.stderr)
    configs = [
        ("ranked, whole", "all", False),
        ("default", "recent", False),
        ("default+facets", "recent", True),
        ("whole+facets", "all", True),
    ]
    result["queries"] = run_queries(query_sets(args.queries, args.seed), configs)
    Path(args.output).write_text(json.dumps(result, ensure_ascii=False, indent=1))


# Parent: machine, processes, report -----------------------------------------------------


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram = next(
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        ram = 0
    import sqlite3

    return {
        "cpu": cpu,
        "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "cores": os.cpu_count(),
        "ram_mb": ram,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
    }


def reset_postgres() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        connection.execute(f"CREATE DATABASE {PG_BENCH_DB}")


def report(info: dict, results: list[dict]) -> None:
    info = info | {"load at end": " ".join(f"{v:.2f}" for v in os.getloadavg())}
    print("\n== Machine")
    for key, value in info.items():
        print(f"  {key:8} {value}")
    for result in results:
        load, index = result["load"], result["index"]
        print(f"\n== {result['backend']} {result['engine_version']} — {load['items']:,} items, "
              f"recency window {result['window']:,}")  # fmt: skip
        print(f"  data: generated in {load['generate_seconds']} s, loaded in "
              f"{load['load_seconds']} s")  # fmt: skip
        print(
            f"  index build (search_rebuild): {index['build_seconds']} s"
            + (f" + VACUUM ANALYZE {index['vacuum_seconds']} s" if index["vacuum_seconds"] else "")
        )
        print("  index size (MB): " + ", ".join(f"{k} {v}" for k, v in index["sizes_mb"].items()))
        print(f"  {'class':7} {'typed':10} {'mode':15} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'hits (median)':>14}  target")  # fmt: skip
        for row in result["queries"]:
            target = None
            if row["config"] == "ranked, whole":
                target = TARGETS.get((row["class"], "all"))
            elif row["config"] in ("default", "default+facets"):  # the page shows facets
                target = TARGETS.get((row["class"], "recent"), DEFAULT_MODE_TARGET)
            mark = (
                "" if target is None else (f"≤{target} " + ("✓" if row["p95"] <= target else "✗"))
            )
            print(f"  {row['class']:7} {row['variant']:10} {row['config']:15} {row['p50']:8.1f} "
                  f"{row['p95']:8.1f} {row['median_hits']:14,}  {mark}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=40, help="queries per class")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--window", type=int, default=200_000, help="recency window (items)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file")
    parser.add_argument("--data-dir", help="where the SQLite file goes (default: temporary)")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the items of an earlier run (same --data-dir)"
    )
    parser.add_argument("--reindex", action="store_true", help="with --reuse: rebuild the index")
    parser.add_argument(
        "--settings", default="ttdn.config.settings.base", help="Django settings module"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    info = machine()
    results = []
    print(
        f"load average at the start: {info['load']} (other work on the machine skews the figures)",
        file=sys.stderr,
    )
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        if args.data_dir:
            data_dir = str(Path(args.data_dir) / backend)
            Path(data_dir).mkdir(parents=True, exist_ok=True)
        else:
            data_dir = tempfile.mkdtemp(prefix=f"ttdn-bench-{backend}-")
        env = os.environ | {
            "TTDN_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": args.settings,
            "TTDN_DEMO": "0",
        }
        env.pop("DATABASE_URL", None)
        if backend == "postgresql":
            if not args.reuse:
                reset_postgres()
            env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"
        output = Path(data_dir) / "result.json"
        command = [sys.executable, __file__, "--worker", backend, "--output", str(output),
                   "--items", str(args.items), "--queries", str(args.queries),
                   "--window", str(args.window), "--seed", str(args.seed)]  # fmt: skip
        command += ["--reuse"] if args.reuse else []
        command += ["--reindex"] if args.reindex else []
        status = subprocess.run(command, env=env, check=False).returncode
        if status == 0 and output.exists():
            results.append(json.loads(output.read_text()))
            if backend == "sqlite" and not (args.keep or args.data_dir):
                for path in Path(data_dir).glob("ttdn.sqlite3*"):
                    path.unlink()
        else:
            print(f"The {backend} run failed (exit status {status}); see above.", file=sys.stderr)
    report(info, results)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "results": results}, indent=1))


if __name__ == "__main__":
    main()
