"""Near-duplicate stories: MinHash + LSH candidates, exact Jaccard, stored articles."""

import random

from ttdn.monitoring.pipeline.dedupe import (
    Deduper,
    jaccard,
    minhash,
    pack_shingles,
    shingle_hashes,
    signature_bytes,
    unpack_shingles,
)

VOCAB = [f"từ{i}" for i in range(4000)]


def text(seed: int, length: int = 150) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCAB) for _ in range(length)]


def edited(tokens: list[str], rate: float, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCAB) if rng.random() < rate else token for token in tokens]


def test_copies_with_small_edits_join_one_story_and_others_do_not():
    base = text(1)
    items = [
        ("n:a", base),
        ("n:other", text(2)),
        ("n:b", edited(base, 0.05, 3)),
        ("n:c", ["Tin", "mới"] + edited(base, 0.03, 4) + ["Theo", "TTXVN"]),
    ]
    stories = {a.key: a.story for a in Deduper().assign(items)}
    assert stories == {"n:a": "n:a", "n:other": "n:other", "n:b": "n:a", "n:c": "n:a"}


def test_a_heavily_rewritten_article_is_another_story():
    base = text(5)
    stories = [a.story for a in Deduper().assign([("n:a", base), ("n:b", edited(base, 0.6, 6))])]
    assert stories == ["n:a", "n:b"]


def test_stored_articles_are_matched_through_the_loader():
    base = text(7)
    stored = shingle_hashes(base)
    calls = []

    def loader(keys):
        calls.append(sorted(keys))
        return {"a:1": pack_shingles(stored)}

    deduper = Deduper(loader=loader)
    deduper.add_known("a:1", "s:10", signature_bytes(minhash(stored)))
    (assignment,) = deduper.assign([("n:new", edited(base, 0.04, 8))])
    assert assignment.story == "s:10" and assignment.similarity > 0.6
    assert calls == [["a:1"]]  # loaded once, for the candidate only


def test_short_texts_need_an_exact_match():
    items = [
        ("n:a", ["Noi", "dung", "tom", "tat"]),
        ("n:b", ["Noi", "dung", "tom", "tat"]),
        ("n:c", ["Noi", "dung", "tom", "khac"]),
    ]
    stories = [a.story for a in Deduper().assign(items)]
    assert stories == ["n:a", "n:a", "n:c"]


def test_shingles_round_trip():
    hashes = shingle_hashes(text(9))
    assert (unpack_shingles(pack_shingles(hashes)) == hashes).all()
    assert jaccard(hashes, hashes) == 1.0
