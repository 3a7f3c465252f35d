"""Plain data for an administrative document (báo cáo, kế hoạch …) to be laid out.

Callers (a reporting service, a CLI, a job) build an `OfficialDocument` from their own
data; a renderer such as `exports.docx.render_official_document` turns it into a file.
The dataclasses check what would otherwise produce a wrong document silently: a signing
prefix the decree does not know, an empty subject, a table row with too few cells.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from ttdn.exports.decree30 import LAYOUT

# XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except the
# surrogates and U+FFFE/U+FFFF; anything else makes the file unreadable, so it is dropped.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PREFIX = re.compile(r"^\s*([^\W\d_]{1,5}\.)(\s|$)")


def clean_text(text: str) -> str:
    """NFC (precomposed Vietnamese, TCVN 6909) without the characters XML forbids."""
    return _XML_FORBIDDEN.sub("", unicodedata.normalize("NFC", text))


def _require(text: str, what: str) -> None:
    if not clean_text(text).strip():
        raise ValueError(f"The {what} is empty; write it before producing the document.")


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph with its own weight, e.g. an agency's name in bold."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A part (level 1, "I."), section (level 2, "1.") or point (level 3, "a)").

    The renderer numbers headings itself, restarting under each higher level, so that
    inserting a part never leaves the numbering wrong; `numbered=False` prints the text as is.
    """

    text: str
    level: int = 1
    numbered: bool = True

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(
                f"A heading level must be 1 (I.), 2 (1.) or 3 (a)); {self.level!r} was given."
            )


@dataclass(frozen=True)
class Paragraph:
    """Body text: either plain `text` or a list of `runs` with their own bold/italic."""

    text: str = ""
    runs: list[Run] | None = None

    def __post_init__(self) -> None:
        if self.runs is not None and self.text:
            raise ValueError("A paragraph takes either text or runs, not both; put it all in runs.")

    @property
    def parts(self) -> list[Run]:
        return list(self.runs) if self.runs is not None else [Run(self.text)]


@dataclass(frozen=True)
class BulletList:
    """Items printed as "- item" lines, the way administrative texts list things."""

    items: list[str]


@dataclass(frozen=True)
class Table:
    """A bordered table whose bold header row repeats on every page it spans."""

    header: list[str]
    rows: list[list[str]]
    widths_mm: list[float] | None = None
    caption: str = ""

    def __post_init__(self) -> None:
        columns = len(self.header)
        if columns == 0:
            raise ValueError("A table needs a header row with at least one column.")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != columns:
                raise ValueError(
                    f"Row {number} of the table has {len(row)} cells but the header has "
                    f"{columns}; give every row one cell per column (an empty string is fine)."
                )
        if self.widths_mm is not None:
            if len(self.widths_mm) != columns:
                raise ValueError(
                    f"The table has {columns} columns but {len(self.widths_mm)} widths; "
                    "give one width per column or none."
                )
            if any(width <= 0 for width in self.widths_mm):
                raise ValueError("Every table column width must be a positive number of mm.")


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


Block = Heading | Paragraph | BulletList | Table | PageBreak


@dataclass(frozen=True)
class Signature:
    """Cell 7: the authority lines (e.g. "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") and the name.

    A line may begin with one of the decree's prefixes (TM., KT., TL., TUQ., Q.), and a
    prefixed line always names the authority signed for, so another line must follow it.
    """

    authority: list[str]
    name: str

    def __post_init__(self) -> None:
        if not [line for line in self.authority if line.strip()]:
            raise ValueError(
                "The signature has no title; give at least the signer's title, "
                "e.g. GIÁM ĐỐC, or KT. GIÁM ĐỐC then PHÓ GIÁM ĐỐC."
            )
        _require(self.name, "signer's name")
        *others, last = LAYOUT.signing_prefixes
        allowed = f"{', '.join(others)} or {last}"
        for index, line in enumerate(self.authority):
            match = _PREFIX.match(clean_text(line))
            if not match:
                continue
            prefix = match.group(1)
            if prefix.upper() not in LAYOUT.signing_prefixes:
                raise ValueError(
                    f"The signature line “{line.strip()}” begins with “{prefix}”, which is not "
                    f"a signing prefix of Decree 30/2020/NĐ-CP; use one of {allowed}, or none "
                    "when the head signs."
                )
            if index == len(self.authority) - 1:
                raise ValueError(
                    f"The signature line “{line.strip()}” says on whose behalf the document is "
                    "signed, so the signer's own title must follow it on the next line "
                    "(e.g. PHÓ GIÁM ĐỐC)."
                )


@dataclass(frozen=True)
class Appendix:
    """A phụ lục: its own section, landscape when a wide table needs it."""

    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False

    def __post_init__(self) -> None:
        _require(self.title, "appendix title")


@dataclass(frozen=True)
class OfficialDocument:
    """Everything the nine mandatory components of Decree 30 (Art. 8) need.

    `number` is the issued number with its symbol ("12/BC-SVHTTDL"). A draft that has no
    number yet leaves `number` empty and gives `number_suffix` ("/BC-SVHTTDL"): the line
    then reads "Số:        /BC-SVHTTDL", with room to write the number by hand.
    """

    parent_agency: str
    issuing_agency: str
    number: str
    place: str
    date: datetime.date
    kind_title: str
    subject: str
    body: list[Block]
    recipients: list[str]
    signature: Signature
    legal_bases: list[str] = field(default_factory=list)
    appendices: list[Appendix] = field(default_factory=list)
    number_suffix: str = ""

    def __post_init__(self) -> None:
        _require(self.issuing_agency, "issuing agency")
        _require(self.place, "place of issue")
        _require(self.kind_title, "document kind (e.g. BÁO CÁO)")
        _require(self.subject, "subject (trích yếu)")
        if not isinstance(self.date, datetime.date):
            raise ValueError("The document date must be a date, e.g. datetime.date(2026, 2, 5).")
        if not self.number.strip() and not self.number_suffix.strip():
            raise ValueError(
                "The document has neither a number nor a number suffix; give the number "
                "(12/BC-SVHTTDL) or, for a draft, the suffix (/BC-SVHTTDL)."
            )
        if not [line for line in self.recipients if clean_text(line).strip(" \t\n-–;.")]:
            raise ValueError(
                "The document has no recipients; list them, the last usually “Lưu: VT, …”."
            )

    @property
    def number_line(self) -> str:
        """The text of cell 3: "Số: 12/BC-SVHTTDL", or blanks before the suffix on a draft."""
        if self.number.strip():
            return f"{LAYOUT.number_label} {self.number.strip()}"
        suffix = self.number_suffix.strip()
        if not suffix.startswith("/"):
            suffix = "/" + suffix
        return f"{LAYOUT.number_label}{LAYOUT.draft_number_blank}{suffix}"
