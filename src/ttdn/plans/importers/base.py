"""What a plan importer returns, and the registry that picks an importer by name.

The importers read an official plan (Kế hoạch, Chương trình, Đề án) and its appendix of tasks
into plain dataclasses. They never touch the database: the service that stores a plan matches
the printed agency names against the agency register and shows the coordinator every flag, so
a doubtful reading is corrected by a person instead of being guessed silently.

Flags are plain English sentences. They are data (stored with the plan and its tasks), not
interface strings, so they are not wrapped for translation here.
"""

from __future__ import annotations

import abc
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar, TypeVar

__all__ = [
    "BasePlanParser",
    "ParsedAgencyRef",
    "ParsedGroup",
    "ParsedPlan",
    "ParsedTask",
    "ParsedTimeframe",
    "PlanParseError",
    "get_parser",
    "parsers",
    "register_parser",
]


class PlanParseError(ValueError):
    """Raised only when a document holds no task table at all.

    Every other oddity (a missing date, an unreadable timeframe, a duplicate task number) is
    reported as a flag on the result, because a partly read plan that a person can correct
    is worth more than an error.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class ParsedAgencyRef:
    """One agency or agency group named in a lead or coordinating cell.

    `printed` is the name as printed after splitting the cell and expanding enumerations
    ('Các Sở: Du lịch, Công Thương' gives 'Sở Du lịch' and 'Sở Công Thương'); the tail of an
    expanded name keeps its printed case. `known` is the known name or alias it matched
    (case- and diacritics-insensitively), or "" when it matched none — the database lookup
    still decides what it means; `known` only tells why the cell was split where it was.
    """

    printed: str
    known: str = ""


@dataclass(frozen=True, slots=True)
class ParsedTimeframe:
    """A task's 'Thời gian thực hiện' cell.

    recurrence is "once" (do it once within start..end), "yearly" (every year of the plan),
    or None when the text could not be read; then start and end are None too, `printed`
    keeps the text and `flag` says why it was not understood.
    """

    printed: str
    start: int | None
    end: int | None
    recurrence: str | None
    flag: str = ""


@dataclass(slots=True)
class ParsedTask:
    """One row of the task table, with the printed cells kept beside their reading."""

    number: str
    title: str
    lead: list[ParsedAgencyRef]
    coordinating: list[ParsedAgencyRef]
    lead_printed: str
    coordinating_printed: str
    timeframe: ParsedTimeframe | None
    group_number: str
    flags: list[str] = field(default_factory=list)
    extra_cells: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ParsedGroup:
    """A heading row of the task table ('1', 'Quán triệt phổ biến …') and its tasks."""

    number: str
    title: str
    tasks: list[ParsedTask] = field(default_factory=list)


@dataclass(slots=True)
class ParsedPlan:
    """The plan's header fields and its task table, as far as they could be read.

    `issuer` is the readable form of the printed upper-left block ('ỦY BAN NHÂN DÂN' +
    'TỈNH NGHỆ AN' → 'Ủy ban nhân dân tỉnh Nghệ An'); `issuer_printed` keeps the printed
    lines joined by a space, for matching and for the record.
    """

    number: str = ""
    kind: str = "plan"
    title: str = ""
    issuer: str = ""
    place: str = ""
    issue_date: datetime.date | None = None
    signer: str = ""
    signing_authority: str = ""
    legal_bases: list[str] = field(default_factory=list)
    groups: list[ParsedGroup] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    issuer_printed: str = ""

    @property
    def tasks(self) -> list[ParsedTask]:
        """All tasks in table order, across groups."""
        return [task for group in self.groups for task in group.tasks]


class BasePlanParser(abc.ABC):
    """An importer for one kind of source file (plain text, DOCX …).

    Subclasses set `name` (the registry key) and `media_types` (what an upload form may
    accept for it) and implement `parse`.
    """

    name: ClassVar[str]
    media_types: ClassVar[tuple[str, ...]] = ()

    @abc.abstractmethod
    def parse(self, data: bytes | str, known_names: Iterable[str] = ()) -> ParsedPlan:
        """Read `data`; `known_names` are agency and group names or aliases to protect."""


_P = TypeVar("_P", bound=type[BasePlanParser])
_REGISTRY: dict[str, type[BasePlanParser]] = {}


def register_parser(cls: _P) -> _P:
    """Class decorator: make `cls` available as `get_parser(cls.name)`.

    Registering the same class twice is harmless (modules may be re-imported in tests);
    a different class under a taken name is a programming error.
    """
    name = getattr(cls, "name", "")
    if not name:
        raise TypeError(f"{cls.__name__} must set a non-empty `name` to be registered.")
    current = _REGISTRY.get(name)
    if current is not None and current.__qualname__ != cls.__qualname__:
        raise ValueError(f"A plan parser named {name!r} is already registered.")
    _REGISTRY[name] = cls
    return cls


def get_parser(name: str) -> BasePlanParser:
    """A new instance of the parser registered as `name`."""
    try:
        return _REGISTRY[name]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise KeyError(f"No plan parser is named {name!r}; registered: {known}.") from None


def parsers() -> dict[str, type[BasePlanParser]]:
    """The registered parser classes by name (a copy, sorted by name)."""
    return dict(sorted(_REGISTRY.items()))
