"""Relevance to the province: gazetteer phrases found in the title, lead and body.

Matching works on word tokens: at each word, the longest gazetteer phrase that starts there
wins (so 'xã Yên Thành' is the commune, not the former district 'Yên Thành'). Strict phrases
match the lower-cased words with their marks, or the same words written without any mark;
folded phrases (English forms) match without marks.

Scoring (docs/apps/monitoring.md, "Relevance"):
- each mention weighs its entry's weight × where it is (title 3, lead 2, body 1); a second
  and later mention of the same entry counts 0.3 of that;
- weak entries (names other provinces share, former communes) count only beside a strong
  one, otherwise at most 0.4 together;
- the province's name inside an enumeration of provinces ('Thanh Hóa, Nghệ An, Hà Tĩnh')
  counts 0.35, and a mention soon after 'quê' (someone's home town) 0.3;
- a district's name written alone does not count after a personal title or a family name
  ('anh Sơn', 'ông Nguyễn Thanh Chương' are people, not Anh Sơn or Thanh Chương);
- other provinces' mentions are scored the same way;
- relevance = (1 − e^(−own/2)) × own / (own + ½ · other): strong mentions saturate, and an
  article about a neighbour that mentions Nghệ An in passing is pulled down.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ttdn.monitoring.pipeline.text import WORD
from ttdn.monitoring.pipeline.types import Folded, Mention, Relevance

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer.json"
PART_WEIGHT = {"title": 3.0, "lead": 2.0, "body": 1.0}
REPEAT = 0.3
WEAK_ALONE_CAP = 0.4
LIST_DISCOUNT = 0.35
LIST_DISTANCE = 3
HOMETOWN = {"quê", "que"}
HOMETOWN_DISCOUNT = 0.3
HOMETOWN_DISTANCE = 6
PERSON_BEFORE = frozenset(
    [
        "ông",
        "bà",
        "anh",
        "chị",
        "em",
        "cô",
        "chú",
        "bác",
        "cháu",
        "cụ",
        "thầy",
        "nguyễn",
        "trần",
        "lê",
        "phạm",
        "hoàng",
        "huỳnh",
        "phan",
        "vũ",
        "võ",
        "đặng",
        "bùi",
        "đỗ",
        "hồ",
        "ngô",
        "dương",
        "lý",
        "đinh",
        "đào",
        "trịnh",
        "lương",
        "văn",
        "thị",
        "hữu",
        "đức",
        "công",
        "quang",
    ]
)
SATURATION = 2.0
OTHER_FACTOR = 0.5


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str
    weight: float
    weak: bool
    agency: str

    @property
    def own(self) -> bool:
        return self.kind != "other_province"


class Gazetteer:
    """Phrase tables for strict (lower-case) and folded word sequences."""

    def __init__(self, entries: list[dict]) -> None:
        self.entries: dict[str, Entry] = {}
        self.strict: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.folded: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.bare: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for row in entries:
            entry = Entry(
                row["id"],
                row["name"],
                row["kind"],
                float(row["weight"]),
                bool(row.get("weak")),
                row.get("agency", ""),
            )
            self.entries[entry.id] = entry
            for table, patterns in (
                (self.strict, row.get("strict", [])),
                (self.bare, row.get("bare", [])),
                (self.folded, row.get("folded", [])),
            ):
                for pattern in patterns:
                    tokens = tuple(WORD.findall(pattern.lower()))
                    if tokens:
                        table[tokens[0]].append((tokens, entry.id))
        for table in (self.strict, self.bare, self.folded):
            for candidates in table.values():
                candidates.sort(key=lambda item: -len(item[0]))

    @classmethod
    def from_file(cls, path: Path = DATA) -> Gazetteer:
        return cls(json.loads(path.read_text(encoding="utf-8"))["entries"])

    def find(self, lower: tuple[str, ...], folded: tuple[str, ...], part: str) -> list[Mention]:
        mentions: list[Mention] = []
        i, n = 0, len(lower)
        while i < n:
            hit = (
                _longest(self.strict.get(lower[i]), lower, i)
                or (
                    _longest(self.bare.get(lower[i]), lower, i)
                    if i == 0 or lower[i - 1] not in PERSON_BEFORE
                    else None
                )
                or _longest(self.folded.get(folded[i]), folded, i)
            )
            if hit is None:
                i += 1
                continue
            length, entry_id = hit
            mentions.append(Mention(entry_id, self.entries[entry_id].name, part, i))
            i += length
        return mentions


def _longest(candidates, tokens: tuple[str, ...], i: int) -> tuple[int, str] | None:
    if not candidates:
        return None
    for pattern, entry_id in candidates:
        size = len(pattern)
        if tokens[i : i + size] == pattern:
            return size, entry_id
    return None


@lru_cache(maxsize=4)
def default_gazetteer(path: str = str(DATA)) -> Gazetteer:
    return Gazetteer.from_file(Path(path))


def _listed(mention: Mention, others: list[Mention]) -> bool:
    return any(
        other.part == mention.part and abs(other.position - mention.position) <= LIST_DISTANCE
        for other in others
    )


def _hometown(mention: Mention, tokens: dict[str, tuple[str, ...]]) -> bool:
    before = tokens[mention.part][max(0, mention.position - HOMETOWN_DISTANCE) : mention.position]
    return any(token in HOMETOWN for token in before)


def _score(
    mentions: list[Mention],
    gazetteer: Gazetteer,
    others: list[Mention],
    tokens: dict[str, tuple[str, ...]],
) -> dict[str, float]:
    by_entry: dict[str, float] = {}
    for mention in sorted(mentions, key=lambda m: -PART_WEIGHT[m.part]):
        entry = gazetteer.entries[mention.entry]
        value = entry.weight * PART_WEIGHT[mention.part]
        if entry.kind == "province" and _listed(mention, others):
            value *= LIST_DISCOUNT
        if _hometown(mention, tokens):
            value *= HOMETOWN_DISCOUNT
        by_entry[mention.entry] = by_entry.get(mention.entry, 0.0) + (
            value if mention.entry not in by_entry else value * REPEAT
        )
    return by_entry


def relevance_stage(folded: Folded, *, gazetteer: Gazetteer, threshold: float) -> Relevance:
    mentions = (
        gazetteer.find(folded.title_lower, folded.title, "title")
        + gazetteer.find(folded.lead_lower, folded.lead, "lead")
        + gazetteer.find(folded.body_lower, folded.body, "body")
    )
    own_mentions = [m for m in mentions if gazetteer.entries[m.entry].own]
    other_mentions = [m for m in mentions if not gazetteer.entries[m.entry].own]
    tokens = {"title": folded.title_lower, "lead": folded.lead_lower, "body": folded.body_lower}
    own_scores = _score(own_mentions, gazetteer, other_mentions, tokens)
    other = sum(_score(other_mentions, gazetteer, [], tokens).values())
    strong = sum(v for k, v in own_scores.items() if not gazetteer.entries[k].weak)
    weak = sum(v for k, v in own_scores.items() if gazetteer.entries[k].weak)
    own = strong + (weak if strong > 0 else min(weak, WEAK_ALONE_CAP))
    score = 0.0
    if own > 0:
        score = (1 - math.exp(-own / SATURATION)) * own / (own + OTHER_FACTOR * other)
    ranked = sorted(own_scores, key=lambda k: -own_scores[k])
    places = tuple(gazetteer.entries[k].name for k in ranked)
    agencies = tuple(
        dict.fromkeys(gazetteer.entries[k].agency for k in ranked if gazetteer.entries[k].agency)
    )
    return Relevance(
        score=round(score, 4),
        relevant=score >= threshold,
        places=places,
        agencies=agencies,
        own=round(own, 3),
        other=round(other, 3),
    )
