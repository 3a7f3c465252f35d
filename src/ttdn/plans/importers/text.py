"""Read a plan from plain text, such as the text of a legal-documents web page.

The text is read paragraph by paragraph (paragraphs are separated by blank lines); in the
appendix each paragraph is one table cell. A line that is only a row number ('3', '3.1')
always stands alone, even when no blank line surrounds it. When most paragraphs of the
table hold several lines, the text was copied without blank lines, and each line is read
as one cell (with a flag).

The table starts after its header row ('STT', 'Tên nhiệm vụ' … 'Thời gian thực hiện') and
ends at the web page's notices ('Văn bản này chưa cập nhật nội dung Tiếng Anh', log-in
prompts …) or, failing those, at the last row's timeframe.

Decisions worth knowing when reading the results:

* The issuer is given in readable form ('Ủy ban nhân dân tỉnh Nghệ An'); the printed
  capitals are kept in `issuer_printed`.
* A bare integer in the table is a group number only when it continues the group sequence
  (or a row 'N.1' follows its title); otherwise it is a cell, so a year printed alone
  ('2024') stays a timeframe.
* Agency cells are split on ';' always, on ',' when the next piece starts like an agency
  name ('Sở …', 'các …', a known name), and on ' và ' when both sides do. Known names and
  aliases (built-in plus those passed in) are never split.
* Enumerations are expanded with the printed kind word: 'Các Sở: Du lịch, Văn hóa và thể
  thao' gives 'Sở Du lịch' and 'Sở Văn hóa và thể thao' (the tail keeps its printed case;
  `ParsedAgencyRef.known` carries the known spelling when there is one).
* A duplicate task number keeps the first row as printed and renames the later one
  '2.3 (2)', with a flag, so nothing is dropped silently.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ttdn.core.text import fold as _fold  # the one folding function
from ttdn.plans.importers.base import (
    BasePlanParser,
    ParsedAgencyRef,
    ParsedGroup,
    ParsedPlan,
    ParsedTask,
    ParsedTimeframe,
    PlanParseError,
    register_parser,
)

__all__ = [
    "BUILTIN_NAMES",
    "TextPlanParser",
    "parse_plan_text",
    "parse_timeframe",
    "split_agencies",
]


# Names printed in plan 978/KH-UBND, and the common department names around them, that
# contain commas or 'và'. The database's aliases are added at call time.
BUILTIN_NAMES: tuple[str, ...] = (
    # agency groups
    "Các sở, ngành, địa phương",
    "Các sở, ngành, địa phương liên quan",
    "Các sở, ngành, địa phương có liên quan",
    "Các sở ngành, địa phương",
    "Các sở, ban, ngành",
    "Các sở, ban, ngành, địa phương",
    "Các sở, ban, ngành cấp tỉnh",
    "Các cơ quan báo chí",
    "Các cơ quan, đơn vị liên quan",
    "Các cơ quan, đơn vị, địa phương",
    "UBND các huyện, thành, thị",
    "Ủy ban nhân dân các huyện, thành phố, thị xã",
    # agencies
    "Sở Thông tin và Truyền thông",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Công Thương",
    "Sở Ngoại vụ",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ",
    "Sở Tài nguyên và Môi trường",
    "Sở Giáo dục và Đào tạo",
    "Sở Giao thông vận tải",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Nông nghiệp và Môi trường",
    "Sở Lao động - Thương binh và Xã hội",
    "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh",
    "Đài Phát thanh và Truyền hình Nghệ An",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Báo và Đài Phát thanh - Truyền hình Nghệ An",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Liên hiệp các tổ chức hữu nghị tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Tỉnh đoàn",
    "Tỉnh ủy",
)

# --------------------------------------------------------------------------------------
# Text normalisation and paragraphs


def _bar_list(text: str) -> tuple[str, ...]:
    """'a|b c' → ('a', 'b c'): long word lists stay short enough to read."""
    return tuple(text.split("|"))


_SPACE_LIKE = {ord(char): " " for char in "\u00a0\u2007\u202f\t\u3000"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_WHITESPACE = re.compile(r"\s+")


def _normalise(text: str) -> str:
    """NFC with odd spaces made plain, so every later comparison sees one spelling."""
    text = unicodedata.normalize("NFC", text)
    return text.translate(_SPACE_LIKE).translate(_INVISIBLE)


def _collapse(text: str) -> str:
    """One space between words: scraped cells carry runs of spaces and stray tabs."""
    return _WHITESPACE.sub(" ", text).strip()


_TASK_NUMBER = re.compile(r"([0-9]{1,2})\.([0-9]{1,3})\.?")
_BARE_INTEGER = re.compile(r"([0-9]{1,4})\.?")


def _is_number_line(line: str) -> bool:
    """A line that is only a row number (or a year): a cell of its own."""
    return bool(_TASK_NUMBER.fullmatch(line) or _BARE_INTEGER.fullmatch(line))


def _stands_alone(line: str) -> bool:
    """A number line, or the 'STT' that opens the table header: never joined to others."""
    return _is_number_line(line) or line.upper() in ("STT", "TT")


@dataclass(slots=True)
class _Para:
    """A block of non-empty lines; `index` is its position in the document."""

    index: int
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _paragraphs(text: str) -> list[_Para]:
    """Blank-line separated paragraphs of cleaned lines."""
    paras: list[_Para] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = _collapse(raw)
        if line:
            current.append(line)
        elif current:
            paras.append(_Para(len(paras), current))
            current = []
    if current:
        paras.append(_Para(len(paras), current))
    return paras


@dataclass(frozen=True, slots=True)
class _Cell:
    """A cell's text, its paragraph and the index of its first line in that paragraph."""

    para: int
    line: int
    text: str


def _cells(paras: Sequence[_Para]) -> list[_Cell]:
    """Table cells: one per paragraph, but a number line always stands alone."""
    cells: list[_Cell] = []
    for para in paras:
        pending: list[str] = []
        for n, line in enumerate(para.lines):
            if _stands_alone(line):
                if pending:
                    cells.append(_Cell(para.index, n - len(pending), " ".join(pending)))
                    pending = []
                cells.append(_Cell(para.index, n, line))
            else:
                pending.append(line)
        if pending:
            cells.append(_Cell(para.index, len(para.lines) - len(pending), " ".join(pending)))
    return cells


def _table_cells(paras: Sequence[_Para], cells: Sequence[_Cell], first: int) -> list[str] | None:
    """One cell per line from the first row on, when the table has no blank lines in it.

    Most paragraphs of a blank-line separated table hold one line; when most hold several,
    the text was copied with single line breaks between cells. Returns None otherwise.
    """
    if first >= len(cells):
        return None
    start = cells[first]
    region = paras[start.para :]
    counts = [sum(not _is_number_line(line) for line in para.lines) for para in region]
    if sum(count >= 2 for count in counts) <= sum(count == 1 for count in counts):
        return None
    return region[0].lines[start.line :] + [line for para in region[1:] for line in para.lines]


# --------------------------------------------------------------------------------------
# Timeframes

_YEAR = r"(1[89][0-9]{2}|2[01][0-9]{2})"
_ONE_YEAR = re.compile(rf"(?:nam )?{_YEAR}")
_SPAN = re.compile(rf"(?:(?:giai doan|tu nam|tu|nam) )?{_YEAR} ?(?:[-–—]|den|den nam) ?{_YEAR}")
_YEARLY = {"hang nam", "hang nam (nam)", "thuong xuyen hang nam"}
_TIME_WORDS = _bar_list(
    "hằng |hàng |năm|quý|quí|tháng|tuần|trước|trong năm|từ |đến|giai đoạn|định kỳ|"
    "thường xuyên|liên tục|cả năm|theo yêu cầu|theo chỉ đạo"
)
_HAS_YEAR = re.compile(rf"(?<![0-9]){_YEAR}(?![0-9])")
_HAS_DAY_MONTH = re.compile(r"(?<![0-9])[0-9]{1,2}/[0-9]{1,2}(?![0-9])")


def parse_timeframe(printed: str) -> ParsedTimeframe:
    """Read a 'Thời gian thực hiện' cell; text that is not understood is kept and flagged.

    A span of years means 'once within the span' (the plan's wording: the task is done
    by then), and 'hằng năm' means every year of the plan.
    """
    printed = _collapse(printed)
    key = _fold(printed).strip(" .;,")
    if match := _ONE_YEAR.fullmatch(key):
        year = int(match.group(1))
        return ParsedTimeframe(printed, year, year, "once")
    if match := _SPAN.fullmatch(key):
        start, end = int(match.group(1)), int(match.group(2))
        if start <= end:
            return ParsedTimeframe(printed, start, end, "once")
        flag = f"The timeframe '{printed}' ends before it starts, so it was kept as printed text."
        return ParsedTimeframe(printed, None, None, None, flag)
    if key in _YEARLY:
        return ParsedTimeframe(printed, None, None, "yearly")
    flag = (
        f"The timeframe '{printed}' is not a year, a span of years or 'hằng năm', "
        "so it was kept as printed text."
    )
    return ParsedTimeframe(printed, None, None, None, flag)


def _looks_like_timeframe(cell: str) -> bool:
    """Whether a trailing cell is the timeframe column rather than an agency cell."""
    if len(cell) > 80 or _starts_like_agency(_words(cell)):
        return False
    if _HAS_YEAR.search(cell) or _HAS_DAY_MONTH.search(cell):
        return True
    lowered = cell.lower()
    return lowered.startswith(_TIME_WORDS)


# --------------------------------------------------------------------------------------
# Agency names

_TOKEN = re.compile(r"\w+|[^\w\s]")
# Words that open an agency or group name; a piece of a cell that starts with one (and has
# more words) can stand alone. Lower case with marks: 'Cổng' opens a name, 'Công Thương' not.
_KIND_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split())
    for phrase in _bar_list(
        "sở|ban|trung tâm|báo|đài|tạp chí|cổng|công an|bộ|tỉnh đoàn|tỉnh ủy|tỉnh uỷ|ubnd|"
        "ủy ban|uỷ ban|hđnd|hội|liên hiệp|văn phòng|các|cục|chi cục|viện|trường|thanh tra|"
        "kho bạc|ngân hàng|mặt trận|liên đoàn|hiệp hội|công ty|tổng công ty|đoàn|phòng|"
        "bộ chỉ huy"
    )
)
_ENUMERATION = re.compile(
    r"(?:^|(?<=,))\s*(?:các|những)\s+(?P<kind>sở|ban|cơ quan|đơn vị|trung tâm|hội|cục|"
    r"chi cục|phòng|huyện|đài|báo)\s*:\s*",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    """Lower-cased word tokens, for kind-word checks (marks kept: 'Cổng' is not 'Công')."""
    return [token.lower() for token in re.findall(r"\w+", text)]


def _starts_like_agency(words: Sequence[str]) -> bool:
    """Whether words begin with an agency kind word followed by at least one more word."""
    return any(
        len(words) > len(phrase) and tuple(words[: len(phrase)]) == phrase
        for phrase in _KIND_PHRASES
    )


def _key(text: str) -> tuple[str, ...]:
    """Folded tokens: two spellings of a name are the same name when their keys are equal."""
    return tuple(_fold(token) for token in _TOKEN.findall(text))


class _NameTable:
    """Known names by folded token sequence, longest first when protecting."""

    def __init__(self, names: Iterable[tuple[tuple[str, ...], str]]) -> None:
        self.names: dict[tuple[str, ...], str] = {}
        for key, name in names:
            if key:
                self.names.setdefault(key, name)
        self.lengths = sorted({len(key) for key in self.names}, reverse=True)

    @classmethod
    def of(cls, names: Iterable[str]) -> _NameTable:
        return cls((_key(name), name) for name in names)

    def tails(self, prefix: tuple[str, ...]) -> _NameTable:
        """Known names that start with `prefix`, keyed by the rest ('Sở' + 'Du lịch')."""
        size = len(prefix)
        return _NameTable(
            (key[size:], name)
            for key, name in self.names.items()
            if len(key) > size and key[:size] == prefix
        )

    def get(self, text: str) -> str:
        return self.names.get(_key(text), "")


@dataclass(frozen=True, slots=True)
class _Unit:
    """A token of a cell, or a whole known name that must not be split."""

    start: int
    end: int
    text: str
    known: str = ""


def _protect(text: str, table: _NameTable) -> list[_Unit]:
    """Tokens of `text`, with runs that spell a known name merged into one unit."""
    matches = list(_TOKEN.finditer(text))
    folded = [_fold(match.group()) for match in matches]
    units: list[_Unit] = []
    i = 0
    while i < len(matches):
        for length in table.lengths:
            if i + length > len(matches):
                continue
            name = table.names.get(tuple(folded[i : i + length]))
            if name:
                start, end = matches[i].start(), matches[i + length - 1].end()
                units.append(_Unit(start, end, text[start:end], name))
                i += length
                break
        else:
            match = matches[i]
            units.append(_Unit(match.start(), match.end(), match.group()))
            i += 1
    return units


def _split_units(units: Sequence[_Unit], separator: str) -> list[list[_Unit]]:
    """Split on a separator token that is not inside a protected name."""
    pieces: list[list[_Unit]] = [[]]
    for unit in units:
        if not unit.known and unit.text.lower() == separator:
            pieces.append([])
        else:
            pieces[-1].append(unit)
    return [piece for piece in pieces if piece]


def _name_like(units: Sequence[_Unit]) -> bool:
    """Whether a piece can stand as a name: a known name, or a kind word plus more."""
    if not units:
        return False
    if units[0].known:
        return True
    return _starts_like_agency([unit.text.lower() for unit in units if unit.text.isalnum()])


def _join_where_not_names(pieces: list[list[_Unit]]) -> list[list[_Unit]]:
    """Glue a piece back to the one before it unless both can stand as names.

    This is what keeps 'Sở Văn hóa, Thể thao và Du lịch' and 'các sở, ngành, địa phương'
    whole even when they are not in the known list.
    """
    joined: list[list[_Unit]] = []
    for piece in pieces:
        if joined and not (_name_like(joined[-1]) and _name_like(piece)):
            joined[-1] = joined[-1] + piece
        else:
            joined.append(piece)
    return joined


_TRIM = " ,;:.-–—+•*"


def _ref(text: str, units: Sequence[_Unit], table: _NameTable, prefix: str = "") -> ParsedAgencyRef:
    """A name from a run of units: its printed slice of the cell, and the known name."""
    printed = text[units[0].start : units[-1].end].strip(_TRIM)
    if prefix:
        printed = f"{prefix} {printed}"
    known = units[0].known if len(units) == 1 and units[0].known and not prefix else ""
    return ParsedAgencyRef(printed, known or table.get(printed))


def _split_plain(text: str, table: _NameTable) -> list[ParsedAgencyRef]:
    """Split a ';'-free piece on ',' and ' và ' wherever both sides are names."""
    refs: list[ParsedAgencyRef] = []
    units = _protect(text, table)
    for piece in _join_where_not_names(_split_units(units, ",")):
        for name in _join_where_not_names(_split_units(piece, "và")):
            refs.append(_ref(text, name, table))
    return [ref for ref in refs if ref.printed]


def _expand_enumeration(kind: str, body: str, table: _NameTable) -> list[ParsedAgencyRef]:
    """'Các Sở: Du lịch, Công Thương' → 'Sở Du lịch', 'Sở Công Thương'.

    An item is split on ' và ' only when every part is a known name after the kind word
    ('Nội vụ và Ngoại vụ'); 'Văn hóa và thể thao' stays one department.
    """
    prefix = kind[:1].upper() + kind[1:].lower()
    tails = table.tails(_key(prefix))
    refs: list[ParsedAgencyRef] = []
    for item in _split_units(_protect(body, tails), ","):
        parts = _split_units(item, "và")
        if len(parts) > 1 and all(len(part) == 1 and part[0].known for part in parts):
            names = parts
        else:
            names = [item]
        for name in names:
            standalone = _name_like(name) and not name[0].known
            refs.append(_ref(body, name, table, "" if standalone else prefix))
    return [ref for ref in refs if ref.printed.strip(_TRIM)]


def _tidy_cell(cell: str) -> str:
    """Collapse spaces and drop those before punctuation ('Sở Du lịch ; Sở …')."""
    return re.sub(r"\s+([,;:])", r"\1", _collapse(cell))


def _split_cell(cell: str, table: _NameTable) -> list[ParsedAgencyRef]:
    """All names in one lead or coordinating cell, in printed order."""
    refs: list[ParsedAgencyRef] = []
    for part in _tidy_cell(cell).split(";"):
        part = part.strip(_TRIM)
        if not part:
            continue
        match = _ENUMERATION.search(part)
        if match:
            head = part[: match.start()].strip(_TRIM)
            if head:
                refs.extend(_split_plain(head, table))
            refs.extend(_expand_enumeration(match.group("kind"), part[match.end() :], table))
        else:
            refs.extend(_split_plain(part, table))
    return refs


def split_agencies(cell: str, known_names: Iterable[str] = ()) -> list[ParsedAgencyRef]:
    """Split one printed agency cell into names (built-in known names plus `known_names`)."""
    return _split_cell(cell, _NameTable.of((*BUILTIN_NAMES, *known_names)))


# --------------------------------------------------------------------------------------
# The task table

_HEADER_LABELS = (
    "ten nhiem vu",
    "nhiem vu",
    "noi dung",
    "co quan chu tri",
    "don vi chu tri",
    "chu tri",
    "co quan phoi hop",
    "don vi phoi hop",
    "phoi hop",
    "thoi gian",
    "thoi han",
    "san pham",
    "kinh phi",
    "ghi chu",
)
_TABLE_END_PREFIXES = (
    "van ban nay chua cap nhat",
    "ban chua dang nhap",
    "vi chua dang nhap",
    "neu chua la thanh vien",
    "dmca",
    "ip: ",
    "hay de chung toi",
    "dang tai van ban",
    "tu khoa:",
    "noi nhan:",
    "luu y:",
)
_TABLE_END_EXACT = {"dang nhap", "dang ky", "noi nhan", "tai ve", "in van ban"}


def _ends_table(cell: str) -> bool:
    """Page chrome of the web page (log-in notices, counters) or the next document part."""
    key = _fold(cell)
    return key in _TABLE_END_EXACT or key.startswith(_TABLE_END_PREFIXES)


@dataclass(slots=True)
class _Table:
    """Where the table was found: its first header cell and its first row cell."""

    header: int
    first_row: int
    labels: list[str]
    found_header: bool = True


def _header_at(cells: Sequence[_Cell], i: int) -> _Table | None:
    """The table if a header row ('STT', 'Tên nhiệm vụ' … 'Thời gian thực hiện') starts at i."""
    key = _fold(cells[i].text)
    if key.startswith(("stt ", "tt ")) and ("thoi gian" in key or "chu tri" in key):
        return _Table(i, i + 1, [key])
    if key not in ("stt", "tt"):
        return None
    joined = _fold(cells[i + 1].text) if i + 1 < len(cells) else ""
    if joined.startswith(_HEADER_LABELS) and "thoi gian" in joined and len(joined) > 40:
        return _Table(i, i + 2, [joined])
    labels: list[str] = []
    for cell in cells[i + 1 : i + 8]:
        label = _fold(cell.text)
        if len(label) > 40 or not label.startswith(_HEADER_LABELS):
            break
        labels.append(label)
    return _Table(i, i + 1 + len(labels), labels) if len(labels) >= 2 else None


def _find_table(cells: Sequence[_Cell]) -> _Table | None:
    """The header row, or failing that the first row numbered '1' (followed by '1.x') or '1.1'."""
    for i in range(len(cells)):
        table = _header_at(cells, i)
        if table is not None:
            return table
    for i, cell in enumerate(cells):
        text = cell.text.rstrip(".")
        if text == "1" and i + 2 < len(cells):
            task = _TASK_NUMBER.fullmatch(cells[i + 2].text)
            if task and task.group(1) == "1":
                return _Table(i, i, [], found_header=False)
        if text == "1.1":
            return _Table(i, i, [], found_header=False)
    return None


def _last_row_cells(cells: list[str]) -> list[str]:
    """Cells of the table's last row: they end at its timeframe, or after at most three.

    Nothing numbered follows the last row, so this is the only way to tell its cells from
    the page text after the table when no known page notice marks the end.
    """
    for k, cell in enumerate(cells[:3]):
        if _looks_like_timeframe(cell):
            return cells[: k + 1]
    return cells[:2]


def _build_task(
    number: str, title: str, cells: Sequence[str], group_number: str, names: _NameTable
) -> ParsedTask:
    """A task from its cells after the title: lead, coordinating (optional), timeframe."""
    flags: list[str] = []
    tf_at = next((k for k, cell in enumerate(cells) if _looks_like_timeframe(cell)), None)
    timeframe = None
    if tf_at is None:
        agencies, extra = list(cells), []
    else:
        timeframe = parse_timeframe(cells[tf_at])
        agencies, extra = list(cells[:tf_at]), list(cells[tf_at + 1 :])
        if timeframe.flag:
            flags.append(f"Task {number}: {timeframe.flag}")
    extra = agencies[2:] + extra
    lead_printed = agencies[0] if agencies else ""
    coordinating_printed = agencies[1] if len(agencies) > 1 else ""
    if not title:
        flags.append(f"Task {number} has no title.")
    if not lead_printed:
        flags.append(f"Task {number} names no lead agency.")
    if extra:
        shown = " | ".join(extra)
        flags.append(
            f"Task {number} has more cells than a task row should; the extra text was kept: "
            f"'{shown}'."
        )
    return ParsedTask(
        number=number,
        title=title,
        lead=_split_cell(lead_printed, names),
        coordinating=_split_cell(coordinating_printed, names),
        lead_printed=lead_printed,
        coordinating_printed=coordinating_printed,
        timeframe=timeframe,
        group_number=group_number,
        flags=flags,
        extra_cells=extra,
    )


@dataclass(slots=True)
class _TableReader:
    """Walks the table cells row by row, keeping the group sequence for the year trap."""

    cells: list[str]
    names: _NameTable
    groups: list[ParsedGroup] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    last_group: int = 0

    def row_start(self, i: int) -> str | None:
        """'task' or 'group' when a row starts at cell i.

        A bare integer is a group number only if it is the next group, or if its row is
        followed by task 'N.x'; a year such as '2024' is neither, so it stays a cell.
        """
        text = self.cells[i]
        if _TASK_NUMBER.fullmatch(text):
            return "task"
        match = _BARE_INTEGER.fullmatch(text)
        if not match:
            return None
        value = int(match.group(1))
        if value == self.last_group + 1:
            return "group"
        if self.last_group < value < 100 and i + 2 < len(self.cells):
            task = _TASK_NUMBER.fullmatch(self.cells[i + 2])
            if task and int(task.group(1)) == value:
                return "group"
        return None

    def boundary(self, i: int) -> bool:
        return _ends_table(self.cells[i]) or self.row_start(i) is not None

    def row_cells(self, i: int) -> tuple[str, list[str], int]:
        """The title and the other cells of the row whose number is at i, and where it ends."""
        j = i + 1
        title = ""
        if j < len(self.cells) and not self.boundary(j):
            title = self.cells[j]
            j += 1
        rest: list[str] = []
        while j < len(self.cells) and not self.boundary(j):
            rest.append(self.cells[j])
            j += 1
        return title, rest, j

    def at_end(self, j: int) -> bool:
        return j >= len(self.cells) or _ends_table(self.cells[j])

    def read(self) -> None:
        i = 0
        stray: list[str] = []
        while i < len(self.cells) and not _ends_table(self.cells[i]):
            kind = self.row_start(i)
            if kind == "group":
                i = self.read_group(i)
            elif kind == "task":
                i = self.read_task(i)
            else:
                stray.append(self.cells[i])
                i += 1
        if stray:
            shown = " | ".join(stray)
            self.flags.append(
                f"Text in the task table that belongs to no row was ignored: '{shown}'."
            )

    def read_group(self, i: int) -> int:
        value = int(self.cells[i].rstrip("."))
        if value != self.last_group + 1:
            self.flags.append(
                f"Group {value} follows group {self.last_group}; the groups between are missing."
            )
        self.last_group = value
        title, rest, j = self.row_cells(i)
        if not title:
            self.flags.append(f"Group {value} has no title.")
        if rest:
            shown = " | ".join(rest)
            self.flags.append(
                f"Group {value} has text after its title that is not a task row, "
                f"which was ignored: '{shown}'."
            )
        self.groups.append(ParsedGroup(str(value), title))
        return j

    def read_task(self, i: int) -> int:
        number = self.cells[i].rstrip(".")
        title, rest, j = self.row_cells(i)
        if self.at_end(j):
            kept = _last_row_cells(rest)
            if len(kept) < len(rest):
                self.flags.append(
                    f"{len(rest) - len(kept)} paragraph(s) after the last task row ({number}) "
                    "were taken to be outside the table and ignored."
                )
            rest = kept
        group = self.group_for(number)
        task = _build_task(number, title, rest, group.number, self.names)
        if number.split(".")[0] != group.number:
            task.flags.append(f"Task {number} is listed under group {group.number}.")
        self.keep_once(task)
        group.tasks.append(task)
        return j

    def group_for(self, number: str) -> ParsedGroup:
        """The current group; a task printed before any group row gets one of its own."""
        if not self.groups:
            major = number.split(".")[0]
            self.flags.append(
                f"Task {number} comes before any group row; it was put in a group {major} "
                "without a title."
            )
            self.groups.append(ParsedGroup(major, ""))
            self.last_group = int(major)
        return self.groups[-1]

    def keep_once(self, task: ParsedTask) -> None:
        """Keep the first row with a number; rename a later one '2.3 (2)' and flag it."""
        number = task.number
        if number in self.seen:
            count = 2
            while f"{number} ({count})" in self.seen:
                count += 1
            task.number = f"{number} ({count})"
            times = "twice" if count == 2 else f"{count} times"
            row = "second" if count == 2 else f"number {count}"
            message = f"Task {number} appears {times}; the {row} row was kept as {task.number}."
            self.flags.append(message)
            task.flags.append(message)
        self.seen.add(task.number)


# --------------------------------------------------------------------------------------
# The header: number, date, issuer, kind, title, legal bases, signature

_NUMBER_LINE = re.compile(r"^số\s*:\s*(?P<number>[0-9][^\s,;]*)", re.IGNORECASE)
_NUMBER_META = re.compile(r"số hiệu\s*:\s*(?P<number>[0-9][^\s,;]*)", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^(?:(?P<place>[^,0-9]{2,60}?)\s*,\s*)?ngày\s+(?P<day>[0-9]{1,2})\s+tháng\s+"
    r"(?P<month>[0-9]{1,2})\s+năm\s+(?P<year>[0-9]{4})",
    re.IGNORECASE,
)
_KINDS = {
    "ke hoach": "plan",
    "chuong trinh": "programme",
    "chuong trinh hanh dong": "programme",
    "de an": "scheme",
}
_CODE_KINDS = {"kh": "plan", "ctr": "programme", "ctrhd": "programme", "da": "scheme"}
_SECTION = re.compile(r"^(?:[IVX]+\.|điều 1\b|chương i\b)", re.IGNORECASE)
_BASIS = re.compile(r"^căn cứ\s+", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s*\S")
_OFFICES = ("chu tich", "giam doc", "truong", "bi thu", "chanh", "thu tuong", "tong")
_BARE_OFFICES = {"chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban"}
_SIGNATURE_NOTES = ("da ky", "(da ky", "ky ten", "(ky", "[da ky")
_PERSON = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){1,6}")
_ADMIN_LEVELS = ("thành phố", "thị xã", "thị trấn", "tỉnh", "huyện", "quận", "xã", "phường")
_ABBREVIATIONS = {"UBND", "HĐND", "MTTQ", "TP", "TP."}


def _is_upper(text: str) -> bool:
    return text == text.upper() and any(char.isalpha() for char in text)


def _document_number(lines: Sequence[str]) -> str:
    """'Số: 978/KH-UBND' in the document, or failing that 'Số hiệu:' of the page summary."""
    for pattern in (_NUMBER_LINE, _NUMBER_META):
        for line in lines:
            match = pattern.search(line) if pattern is _NUMBER_META else pattern.match(line)
            if match and "/" in match.group("number"):
                return match.group("number").rstrip(".")
    return ""


def _issue_place_and_date(lines: Sequence[str]) -> tuple[str, datetime.date | None, str]:
    """'Nghệ An, ngày 13 tháng 12 năm 2023' → place, date, and a flag if it is unreadable."""
    for line in lines:
        match = _DATE_LINE.match(line)
        if not match:
            continue
        place = (match.group("place") or "").strip()
        try:
            year, month = int(match.group("year")), int(match.group("month"))
            day = datetime.date(year, month, int(match.group("day")))
        except ValueError:
            return place, None, f"The issue date in '{match.group(0)}' is not a real date."
        return place, day, ""
    return "", None, "The place and date line ('…, ngày … tháng … năm …') was not found."


def _readable_name(lines: Sequence[str]) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN' → 'Ủy ban nhân dân tỉnh Nghệ An'.

    Words are lower-cased up to the administrative level word, and the place name after it
    is capitalised; abbreviations such as UBND stay as printed.
    """
    words = " ".join(lines).split()
    out: list[str] = []
    proper = False
    i = 0
    while i < len(words):
        word = words[i]
        pair = " ".join(words[i : i + 2]).lower()
        if word.upper() in _ABBREVIATIONS:
            out.append(word)
        elif not proper and pair in _ADMIN_LEVELS:
            out.append(pair)
            proper = True
            i += 1
        elif not proper and word.lower() in _ADMIN_LEVELS:
            out.append(word.lower())
            proper = True
        elif proper:
            out.append("-".join(part.capitalize() for part in word.split("-")))
        else:
            out.append(word.lower())
        i += 1
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def _issuer(lines: Sequence[str]) -> tuple[str, str]:
    """The upper-left block above the national motto, readable and as printed.

    It is the run of capitalised lines (at most three, dash rules skipped) just above
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'.
    """
    for m, line in enumerate(lines):
        if not _fold(line).startswith("cong hoa xa hoi"):
            continue
        block: list[str] = []
        for above in reversed(lines[:m]):
            if not above.strip("-–—_ "):
                continue
            if not _is_upper(above) or len(block) == 3:
                break
            block.insert(0, above)
        if block:
            return _readable_name(block), " ".join(block)
    return "", ""


def _kind_and_title(paras: Sequence[_Para], number: str) -> tuple[str, str, int, list[str]]:
    """The kind line ('KẾ HOẠCH') and the title paragraphs after it; also where they end."""
    for k, para in enumerate(paras):
        kind = _KINDS.get(_fold(para.text))
        if kind is None or not _is_upper(para.text):
            continue
        title: list[str] = []
        j = k + 1
        while j < len(paras) and _is_upper(paras[j].text) and not _BASIS.match(paras[j].text):
            title.append(paras[j].text)
            j += 1
        if not title and j < len(paras) and not _BASIS.match(paras[j].text):
            title.append(paras[j].text)
            j += 1
        flags = [] if title else ["The plan's title (after its kind line) was not found."]
        return kind, " ".join(title), j, flags
    code = _fold(number.split("/", 1)[1].split("-", 1)[0]) if "/" in number else ""
    kind = _CODE_KINDS.get(code, "plan")
    return (
        kind,
        "",
        0,
        [
            f"The kind line (KẾ HOẠCH, CHƯƠNG TRÌNH or ĐỀ ÁN) was not found; the kind '{kind}' "
            "was taken from the document number or assumed."
        ],
    )


def _legal_bases(paras: Sequence[_Para], start: int) -> list[str]:
    """The 'Căn cứ …' paragraphs before the first section, without 'Căn cứ ' and end marks."""
    bases: list[str] = []
    for para in paras[start:]:
        if _SECTION.match(para.text):
            break
        match = _BASIS.match(para.text)
        if match:
            bases.append(para.text[match.end() :].rstrip(" ;,."))
    return bases


def _is_office(line: str) -> bool:
    key = _fold(line)
    return bool(_AUTHORITY.match(line)) or any(word in key for word in _OFFICES)


def _signature_start(paras: Sequence[_Para]) -> int | None:
    """Index of the paragraph that opens the signature block ('TM. …' or 'CHỦ TỊCH')."""
    for k, para in enumerate(paras):
        if _AUTHORITY.match(para.lines[0]):
            return k
    for k, para in enumerate(paras):
        if _is_upper(para.lines[0]) and _fold(para.lines[0]) in _BARE_OFFICES:
            return k
    return None


def _signature(paras: Sequence[_Para]) -> tuple[str, str, list[str]]:
    """Signing authority lines (TM./KT./TL. + office) and the signer's name below them."""
    start = _signature_start(paras)
    if start is None:
        return "", "", ["The signature block (TM./KT. … and the signer's name) was not found."]
    lines = [line for para in paras[start : start + 6] for line in para.lines]
    authority: list[str] = []
    for line in lines:
        if not (_is_upper(line) and (not authority or _is_office(line))):
            break
        authority.append(line)
    signer = ""
    for line in lines[len(authority) : len(authority) + 6]:
        key = _fold(line)
        if key.startswith(_SIGNATURE_NOTES) or line.startswith(("(", "[")):
            continue
        if _PERSON.fullmatch(line) and all(word[0].isupper() for word in line.split()):
            signer = line
        break
    flags = [] if signer else ["The signer's name was not found below the signature block."]
    return "\n".join(authority), signer, flags


def _signer_from_summary(lines: Sequence[str]) -> str:
    """'Người ký: Bùi Đình Long' in the page summary above the document."""
    for line in lines:
        match = re.search(r"người ký\s*:\s*(.+)$", line, re.IGNORECASE)
        if match:
            name = re.split(r"\s{2,}|\s+(?=[^\s:]+(?: [^\s:]+){0,3}:)", match.group(1))[0]
            if _PERSON.fullmatch(name):
                return name
    return ""


def _read_header(paras: Sequence[_Para], plan: ParsedPlan) -> None:
    """Fill the plan's header fields from the paragraphs before the task table."""
    lines = [line for para in paras for line in para.lines]
    plan.number = _document_number(lines)
    if not plan.number:
        plan.flags.append("The document number ('Số: …') was not found.")
    plan.place, plan.issue_date, date_flag = _issue_place_and_date(lines)
    if date_flag:
        plan.flags.append(date_flag)
    plan.issuer, plan.issuer_printed = _issuer(lines)
    if not plan.issuer:
        plan.flags.append("The issuing body (the block above the national motto) was not found.")
    plan.kind, plan.title, body_at, kind_flags = _kind_and_title(paras, plan.number)
    plan.flags.extend(kind_flags)
    plan.legal_bases = _legal_bases(paras, body_at)
    plan.signing_authority, plan.signer, signature_flags = _signature(paras[body_at:])
    if not plan.signer:
        plan.signer = _signer_from_summary(lines)
        if plan.signer:
            signature_flags = [
                "The signer's name was taken from the web page's summary, "
                "not from the signature block."
            ]
    plan.flags.extend(signature_flags)


# --------------------------------------------------------------------------------------
# Entry points


def _head_paragraphs(paras: Sequence[_Para], start: _Cell, one_per_line: bool) -> list[_Para]:
    """The paragraphs before the table; every line its own paragraph if blank lines are absent."""
    head = list(paras[: start.para])
    if start.line:
        head.append(_Para(start.para, paras[start.para].lines[: start.line]))
    if one_per_line:
        lines = [line for para in head for line in para.lines]
        head = [_Para(n, [line]) for n, line in enumerate(lines)]
    return head


def parse_plan_text(text: str, known_names: Iterable[str] = ()) -> ParsedPlan:
    """Read a plan and its task table from plain text.

    `known_names` are agency and group names or aliases (the database's); with the
    built-in names they are never split, and they are matched case- and
    diacritics-insensitively. Raises PlanParseError only when no task table is found.
    """
    paras = _paragraphs(_normalise(text))
    cells = _cells(paras)
    table = _find_table(cells)
    if table is None:
        raise PlanParseError(
            "No task table was found: the text has neither a header row "
            "('STT', 'Tên nhiệm vụ' … 'Thời gian thực hiện') nor rows numbered 1 and 1.1."
        )
    plan = ParsedPlan()
    rows = _table_cells(paras, cells, table.first_row)
    _read_header(_head_paragraphs(paras, cells[table.header], one_per_line=rows is not None), plan)
    if not table.found_header:
        plan.flags.append(
            "The task table's header row was not found; the table was taken to start at "
            "the first row numbered 1."
        )
    elif len(table.labels) not in (1, 4):
        plan.flags.append(
            f"The task table has {len(table.labels) + 1} columns; rows were read as number, "
            "task, lead agencies, coordinating agencies and timeframe."
        )
    if rows is None:
        rows = [cell.text for cell in cells[table.first_row :]]
    else:
        plan.flags.append(
            "The task table has no blank lines between its cells, so each line was read as "
            "one cell; a cell printed over several lines is split."
        )
    reader = _TableReader(rows, _NameTable.of((*BUILTIN_NAMES, *known_names)))
    reader.read()
    plan.groups = reader.groups
    plan.flags.extend(reader.flags)
    if not plan.tasks:
        plan.flags.append("The task table holds no task rows.")
    return plan


def _decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        text = data.decode("cp1258", errors="replace")
        return text, ["The file is not UTF-8; it was read as Windows-1258 (Vietnamese)."]


@register_parser
class TextPlanParser(BasePlanParser):
    """Plain text, such as a plan copied from a legal-documents web page."""

    name = "text"
    media_types = ("text/plain",)

    def parse(self, data: bytes | str, known_names: Iterable[str] = ()) -> ParsedPlan:
        text, flags = _decode(data) if isinstance(data, bytes) else (data, [])
        plan = parse_plan_text(text, known_names)
        plan.flags[:0] = flags
        return plan
