"""The plain data that flows through the pipeline, one dataclass per stage's output.

RawDocument (fetched, or read from a file) → Extracted → Folded → Relevance, Suggestion
→ Analysed (what the save service stores). Nothing here touches the network or the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FeedEntry:
    """One link found in a feed, a sitemap or a section page."""

    url: str
    title: str = ""
    summary: str = ""
    published: datetime.datetime | None = None
    author: str = ""


@dataclass(frozen=True)
class RawDocument:
    """An article before extraction: a saved page (`html`) or plain `text`."""

    url: str
    html: str = ""
    text: str = ""
    title: str = ""
    summary: str = ""
    published: datetime.datetime | None = None
    author: str = ""
    source: str = ""
    source_id: int | None = None
    source_kind: str = ""
    language_hint: str = ""


@dataclass(frozen=True)
class Extracted:
    url: str
    url_normalised: str
    title: str
    lead: str
    text: str
    author: str
    published: datetime.datetime | None
    language: str
    source: str
    source_id: int | None
    source_kind: str


@dataclass(frozen=True)
class Folded:
    """Word tokens of each part, lower-cased (with marks) and folded (without)."""

    title_lower: tuple[str, ...]
    lead_lower: tuple[str, ...]
    body_lower: tuple[str, ...]
    title: tuple[str, ...]
    lead: tuple[str, ...]
    body: tuple[str, ...]

    @property
    def search_text(self) -> str:
        """What the folded search reads: title and lead."""
        return " ".join(self.title + self.lead)


@dataclass(frozen=True)
class Mention:
    entry: str  # gazetteer entry id
    name: str
    part: str  # title | lead | body
    position: int


@dataclass(frozen=True)
class Relevance:
    score: float
    relevant: bool
    places: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()  # agency codes of the matched places, best first
    own: float = 0.0
    other: float = 0.0


@dataclass(frozen=True)
class Suggestion:
    label: str
    score: float


@dataclass(frozen=True)
class Analysed:
    doc: Extracted
    folded: Folded
    relevance: Relevance
    topic: Suggestion
    tone: Suggestion
    story_key: str = ""
    story_id: int | None = None  # set when the article joins a story already saved
    signature: bytes = b""
    shingles: bytes = b""


@dataclass(frozen=True)
class Failure:
    url: str
    stage: str
    error: str


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, stage: str, elapsed: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed
        self.counts[stage] = self.counts.get(stage, 0) + 1

    def as_dict(self) -> dict[str, float]:
        return {stage: round(value, 4) for stage, value in self.seconds.items()}
