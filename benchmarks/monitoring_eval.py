"""Relevance, near-duplicates, tone and topic measured with `ttdn press classify`.

1. The labelled evaluation set committed with the tests
   (src/ttdn/monitoring/tests/eval/press_eval.jsonl, 96 articles written for this project;
   see the README beside it): precision, recall and F1 of relevance (hard negatives included),
   pairwise precision and recall of near-duplicate stories, accuracy and confusion of tone
   and topic.
2. When ../shared is there (read for evaluation only, never copied): the 708 VnExpress
   articles of 2024 — national news, few about the province — as an out-of-sample check of
   false positives: how many the pipeline calls relevant, with their titles to read.

    python benchmarks/monitoring_eval.py
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "src" / "ttdn" / "monitoring" / "tests" / "eval" / "press_eval.jsonl"
SHARED = ROOT.parent / "shared" / "fixtures" / "news" / "labelled"


def classify(path: Path) -> dict[str, dict]:
    env = {
        **os.environ,
        "TTDN_DATA_DIR": os.environ.get("TTDN_DATA_DIR") or tempfile.mkdtemp(prefix="ttdn-eval-"),
        "DJANGO_SETTINGS_MODULE": "ttdn.config.settings.test",
    }
    command = [sys.executable, "-m", "ttdn"]
    subprocess.run([*command, "migrate", "-v0"], check=True, env=env)
    result = subprocess.run(
        [*command, "press", "--skip-checks", "classify", str(path)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    return {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}


def relevance(gold: dict, out: dict) -> None:
    tp = sum(out[i]["relevant"] and g["relevant"] for i, g in gold.items())
    fp = [i for i, g in gold.items() if out[i]["relevant"] and not g["relevant"]]
    fn = [i for i, g in gold.items() if not out[i]["relevant"] and g["relevant"]]
    precision, recall = tp / (tp + len(fp)), tp / (tp + len(fn))
    hard = [i for i in gold if i.startswith("hn")]
    print(
        f"Relevance: precision {precision:.3f}, recall {recall:.3f}, "
        f"F1 {2 * precision * recall / (precision + recall):.3f} "
        f"({sum(g['relevant'] for g in gold.values())} relevant, "
        f"{len(gold) - sum(g['relevant'] for g in gold.values())} not, of which {len(hard)} "
        f"hard negatives; {sum(out[i]['relevant'] for i in hard)} hard negatives called "
        "relevant)"
    )
    for i in fp + fn:
        print(
            f"  {'false positive' if i in fp else 'false negative'} {i}: "
            f"{out[i]['relevance']} {out[i]['places'][:3]} {out[i]['title'][:70]}"
        )


def stories(gold: dict, out: dict) -> None:
    pairs = list(itertools.combinations(gold, 2))
    same = {(a, b) for a, b in pairs if gold[a]["story"] == gold[b]["story"]}
    found = {(a, b) for a, b in pairs if out[a]["story"] == out[b]["story"]}
    right = same & found
    print(
        f"Near-duplicate stories: pairwise precision {len(right) / max(1, len(found)):.3f}, "
        f"recall {len(right) / max(1, len(same)):.3f} ({len(same)} pairs in "
        f"{len({g['story'] for g in gold.values()})} stories)"
    )


def accuracy(gold: dict, out: dict, field: str) -> None:
    ok = sum(out[i][field] == g[field] for i, g in gold.items())
    print(f"{field.capitalize()}: accuracy {ok / len(gold):.3f} ({ok}/{len(gold)})")
    confusion = collections.Counter((g[field], out[i][field]) for i, g in gold.items())
    labels = sorted({g[field] for g in gold.values()} | {o[field] for o in out.values()})
    if field == "tone":
        print("  gold \\ suggested " + " ".join(f"{label[:8]:>9}" for label in labels))
        for truth in labels:
            print(f"  {truth:<17} " + " ".join(f"{confusion[(truth, s)]:>9}" for s in labels))


def vnexpress_sample() -> None:
    import csv

    if not SHARED.exists():
        print("\n../shared is not here: the out-of-sample check is skipped.")
        return
    rows = []
    for line in (SHARED / "vnexpress_2024_topics_sample.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        text = "\n".join(row.get("content") or [])
        if text.strip():
            rows.append(
                {
                    "id": row["url"],
                    "url": row["url"],
                    "title": row["title"],
                    "lead": row.get("description", ""),
                    "text": text,
                }
            )
    csv.field_size_limit(10**8)
    with (SHARED / "vnexpress_2024_thoi-su.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (row.get("content") or "").strip():
                rows.append(
                    {
                        "id": f"urn:vnx:{row['article_id']}",
                        "title": row["title"],
                        "lead": row.get("description", ""),
                        "text": row["content"],
                    }
                )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    out = classify(Path(f.name))
    called = [r for r in out.values() if r.get("relevant")]
    print(
        f"\nVnExpress 2024 sample ({len(out)} national articles): {len(called)} called relevant "
        "— read them:"
    )
    for row in sorted(called, key=lambda r: -r["relevance"]):
        print(f"  {row['relevance']:.2f} {row['title'][:80]}  {row['places'][:3]}")


def main() -> None:
    print(machine())
    gold = {
        row["id"]: row["labels"] for row in map(json.loads, EVAL.read_text("utf-8").splitlines())
    }
    out = classify(EVAL)
    print(f"Evaluation set: {len(gold)} articles ({EVAL.relative_to(ROOT)})")
    relevance(gold, out)
    stories(gold, out)
    accuracy(gold, out, "tone")
    accuracy(gold, out, "topic")
    vnexpress_sample()


if __name__ == "__main__":
    main()
