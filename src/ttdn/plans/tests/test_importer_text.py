"""The plain-text plan importer, against the seed text of plan 978/KH-UBND.

Pure Python (no database). The seed lives in the shared folder beside the repository
(`../shared/seeds/`), or in the folder named by TTDN_SHARED_DIR.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttdn.plans.importers import (
    BasePlanParser,
    ParsedPlan,
    ParsedTask,
    PlanParseError,
    TextPlanParser,
    get_parser,
    parse_plan_text,
    parse_timeframe,
    parsers,
    register_parser,
    split_agencies,
)
from ttdn.plans.importers import base as importer_base
from ttdn.plans.tests.plan978_expected import GROUPS, HEADER, TASKS, TASKS_BY_NUMBER

SEED_NAME = "000_7ee35a000a85f826.txt"
CHROME_LINE = "Văn bản này chưa cập nhật nội dung Tiếng Anh"


SEED = Path(__file__).resolve().parents[1] / "data" / "sources" / "978-KH-UBND.txt"


def _seed_path() -> Path:
    """The seed: $TTDN_SHARED_DIR/seeds/… when set, else the copy shipped with the plan data."""
    shared = os.environ.get("TTDN_SHARED_DIR")
    if shared:
        return Path(shared) / "seeds" / SEED_NAME
    return SEED


@pytest.fixture(scope="module")
def seed_text() -> str:
    path = _seed_path()
    if not path.is_file():
        pytest.fail(f"The seed {path} is missing; set TTDN_SHARED_DIR to the shared folder.")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan(seed_text: str) -> ParsedPlan:
    return parse_plan_text(seed_text)


def _replace_line(text: str, old: str, new: str, occurrence: int = 1) -> str:
    """Replace the `occurrence`-th line that is exactly `old`."""
    lines = text.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if line.strip() == old:
            seen += 1
            if seen == occurrence:
                lines[i] = new
                return "\n".join(lines)
    raise AssertionError(f"line {old!r} #{occurrence} not in the seed")


def _task_as_dict(task: ParsedTask) -> dict:
    """A parsed task in the shape of plan978_expected.TASKS."""
    timeframe = task.timeframe
    return {
        "number": task.number,
        "group": task.group_number,
        "title": task.title,
        "lead_printed": task.lead_printed,
        "coordinating_printed": task.coordinating_printed,
        "lead": [ref.printed for ref in task.lead],
        "coordinating": [ref.printed for ref in task.coordinating],
        "timeframe": None
        if timeframe is None
        else {
            "printed": timeframe.printed,
            "start": timeframe.start,
            "end": timeframe.end,
            "recurrence": timeframe.recurrence,
        },
    }


# --- the seed, field by field ---------------------------------------------------------


def test_header_fields(plan: ParsedPlan) -> None:
    for name, expected in HEADER.items():
        assert getattr(plan, name) == expected, name
    assert plan.title.startswith("TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 57-KL/TW")
    assert len(plan.legal_bases) == 2
    assert plan.flags == []


def test_groups(plan: ParsedPlan) -> None:
    assert [(g.number, g.title, len(g.tasks)) for g in plan.groups] == [
        (g["number"], g["title"], g["tasks"]) for g in GROUPS
    ]
    assert [len(g.tasks) for g in plan.groups] == [2, 6, 9, 5, 6]
    assert len(plan.tasks) == 28


def test_task_numbers_in_order(plan: ParsedPlan) -> None:
    assert [task.number for task in plan.tasks] == [task["number"] for task in TASKS]


@pytest.mark.parametrize("expected", TASKS, ids=[task["number"] for task in TASKS])
def test_every_task_field_by_field(plan: ParsedPlan, expected: dict) -> None:
    task = next(task for task in plan.tasks if task.number == expected["number"])
    assert _task_as_dict(task) == expected
    assert task.flags == []
    assert task.extra_cells == []


# --- the traps --------------------------------------------------------------------------


def _task(plan: ParsedPlan, number: str) -> ParsedTask:
    return next(task for task in plan.tasks if task.number == number)


def test_task_2_4_has_no_timeframe(plan: ParsedPlan) -> None:
    task = _task(plan, "2.4")
    assert task.timeframe is None
    assert [ref.printed for ref in task.coordinating] == ["Các sở ngành, địa phương"]


@pytest.mark.parametrize(
    ("number", "leads"),
    [
        (
            "3.1",
            [
                "Báo Nghệ An",
                "Đài Phát thanh và Truyền hình Nghệ An",
                "Tạp chí Sông Lam",
                "Cổng Thông tin điện tử tỉnh",
            ],
        ),
        ("5.4", ["Sở Ngoại vụ", "Sở Nội vụ", "Tỉnh đoàn"]),
        ("5.6", ["Sở Du lịch", "Sở Văn hóa và Thể thao"]),
    ],
)
def test_several_lead_agencies(plan: ParsedPlan, number: str, leads: list[str]) -> None:
    assert [ref.printed for ref in _task(plan, number).lead] == leads


@pytest.mark.parametrize("number", ["1.1", "1.2", "3.1"])
def test_rows_with_one_agency_cell_have_no_coordinating_agency(
    plan: ParsedPlan, number: str
) -> None:
    task = _task(plan, number)
    assert task.coordinating == []
    assert task.coordinating_printed == ""


def test_span_without_spaces(plan: ParsedPlan) -> None:
    timeframe = _task(plan, "5.2").timeframe
    assert timeframe is not None
    assert (timeframe.printed, timeframe.start, timeframe.end, timeframe.recurrence) == (
        "2024-2026",
        2024,
        2026,
        "once",
    )


@pytest.mark.parametrize(
    ("number", "printed"), [("1.2", "Hằng năm"), ("3.9", "hằng năm"), ("5.6", "Hàng năm")]
)
def test_yearly_spellings(plan: ParsedPlan, number: str, printed: str) -> None:
    timeframe = _task(plan, number).timeframe
    assert timeframe is not None
    assert (timeframe.printed, timeframe.recurrence, timeframe.start, timeframe.end) == (
        printed,
        "yearly",
        None,
        None,
    )


def test_a_year_alone_on_a_line_is_a_timeframe_not_a_group(plan: ParsedPlan) -> None:
    assert [group.number for group in plan.groups] == ["1", "2", "3", "4", "5"]
    for number in ("1.1", "3.1", "5.3"):
        timeframe = _task(plan, number).timeframe
        assert timeframe is not None
        assert timeframe.printed == "2024"
        assert (timeframe.start, timeframe.end, timeframe.recurrence) == (2024, 2024, "once")


def test_enumerations_are_expanded(plan: ParsedPlan) -> None:
    task = _task(plan, "3.8")
    assert [ref.printed for ref in task.coordinating] == [
        "Sở Du lịch",
        "Sở Công Thương",
        "Sở Văn hóa và thể thao",
    ]
    assert task.coordinating[-1].known == "Sở Văn hóa và Thể thao"
    assert task.coordinating_printed == "Các Sở: Du lịch, Công Thương, Văn hóa và thể thao"


def test_page_chrome_after_the_table_is_ignored(plan: ParsedPlan) -> None:
    last = plan.tasks[-1]
    assert last.number == "5.6"
    assert last.extra_cells == []
    assert all("Đăng Nhập" not in group.title for group in plan.groups)


# --- agency cells -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        (
            "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh",
            ["Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"],
        ),
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Sở Thông tin và Truyền thông và các sở, ngành, địa phương",
            ["Sở Thông tin và Truyền thông", "các sở, ngành, địa phương"],
        ),
        ("Các Sở: Ngoại vụ, Nội vụ; Tỉnh đoàn", ["Sở Ngoại vụ", "Sở Nội vụ", "Tỉnh đoàn"]),
        ("Sở Du lịch ; Sở Văn hóa và Thể thao", ["Sở Du lịch", "Sở Văn hóa và Thể thao"]),
        ("Sở Nội vụ , các sở, ngành, địa phương", ["Sở Nội vụ", "các sở, ngành, địa phương"]),
        ("Các Sở: Tài chính, Nội vụ và Ngoại vụ", ["Sở Tài chính", "Sở Nội vụ", "Sở Ngoại vụ"]),
        (
            "Báo và Đài Phát thanh - Truyền hình Nghệ An",
            ["Báo và Đài Phát thanh - Truyền hình Nghệ An"],
        ),
        ("Sở Khoa học và Công nghệ và Sở Y tế", ["Sở Khoa học và Công nghệ", "Sở Y tế"]),
        ("UBND các huyện, thành, thị", ["UBND các huyện, thành, thị"]),
        ("", []),
    ],
)
def test_split_agencies(cell: str, names: list[str]) -> None:
    assert [ref.printed for ref in split_agencies(cell)] == names


def test_known_names_are_matched_without_case_or_marks() -> None:
    cell = "Ban Quản lý Khu kinh tế Đông Nam, Hội Doanh nhân trẻ; Sở Y tế"
    assert [ref.printed for ref in split_agencies(cell)] == [
        "Ban Quản lý Khu kinh tế Đông Nam",
        "Hội Doanh nhân trẻ",
        "Sở Y tế",
    ]
    alias = "BAN QUAN LY KHU KINH TE DONG NAM, HOI DOANH NHAN TRE"
    refs = split_agencies(cell, known_names=[alias])
    assert [(ref.printed, ref.known) for ref in refs] == [
        ("Ban Quản lý Khu kinh tế Đông Nam, Hội Doanh nhân trẻ", alias),
        ("Sở Y tế", "Sở Y tế"),
    ]
    assert split_agencies("Ban Tuyên giáo Tỉnh uỷ")[0].known == "Ban Tuyên giáo Tỉnh ủy"


def test_known_names_reach_the_plan(seed_text: str) -> None:
    alias = "Báo Nghệ An"
    plan = parse_plan_text(seed_text, known_names=[alias.upper()])
    assert _task(plan, "3.1").lead[0].known == alias.upper()


# --- timeframes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "reading"),
    [
        ("2024", (2024, 2024, "once")),
        ("Năm 2025", (2025, 2025, "once")),
        ("2024 - 2026", (2024, 2026, "once")),
        ("2024-2030", (2024, 2030, "once")),
        ("2024 – 2025", (2024, 2025, "once")),
        ("Giai đoạn 2024-2026", (2024, 2026, "once")),
        ("Hằng năm", (None, None, "yearly")),
        ("hằng năm", (None, None, "yearly")),
        ("Hàng năm", (None, None, "yearly")),
        ("HẰNG NĂM.", (None, None, "yearly")),
    ],
)
def test_timeframes(printed: str, reading: tuple) -> None:
    timeframe = parse_timeframe(printed)
    assert (timeframe.start, timeframe.end, timeframe.recurrence) == reading
    assert timeframe.printed == printed
    assert timeframe.flag == ""


@pytest.mark.parametrize("printed", ["Quý III", "Quý III/2024", "2026 - 2024", "Thường xuyên"])
def test_unreadable_timeframes_are_kept_and_flagged(printed: str) -> None:
    timeframe = parse_timeframe(printed)
    assert (timeframe.printed, timeframe.start, timeframe.end, timeframe.recurrence) == (
        printed,
        None,
        None,
        None,
    )
    assert timeframe.flag.endswith(".")
    assert printed in timeframe.flag


# --- bad input ----------------------------------------------------------------------------


def test_unreadable_timeframe_in_the_table(seed_text: str) -> None:
    text = _replace_line(seed_text, "2024", "Quý III")  # task 1.1
    plan = parse_plan_text(text)
    task = _task(plan, "1.1")
    assert task.timeframe is not None
    assert task.timeframe.printed == "Quý III"
    assert (task.timeframe.start, task.timeframe.end, task.timeframe.recurrence) == (
        None,
        None,
        None,
    )
    assert task.timeframe.flag
    assert any("Quý III" in flag for flag in task.flags)
    assert [g.number for g in plan.groups] == ["1", "2", "3", "4", "5"]
    others = [_task_as_dict(t) for t in plan.tasks if t.number != "1.1"]
    assert others == [t for t in TASKS if t["number"] != "1.1"]


def test_duplicate_task_number_is_kept_and_flagged(seed_text: str) -> None:
    plan = parse_plan_text(_replace_line(seed_text, "2.4", "2.3"))
    numbers = [task.number for task in plan.tasks]
    assert len(numbers) == 28
    assert numbers.count("2.3") == 1
    assert "2.3 (2)" in numbers
    assert _task(plan, "2.3").title == TASKS_BY_NUMBER["2.3"]["title"]
    assert _task(plan, "2.3 (2)").title == TASKS_BY_NUMBER["2.4"]["title"]
    assert "Task 2.3 appears twice; the second row was kept as 2.3 (2)." in plan.flags
    assert _task(plan, "2.3 (2)").flags


def test_extra_cells_are_kept_and_flagged(seed_text: str) -> None:
    text = _replace_line(seed_text, "Sở Ngoại vụ", "Sở Ngoại vụ\n\nSở Tư pháp\n\nBan Dân tộc")
    task = _task(parse_plan_text(text), "3.3")
    assert task.lead_printed == "Sở Ngoại vụ"
    assert task.coordinating_printed == "Sở Tư pháp"
    assert task.extra_cells == ["Ban Dân tộc", "Các sở, ngành, địa phương"]
    assert task.timeframe is not None and task.timeframe.recurrence == "yearly"
    assert len(task.flags) == 1 and "Ban Dân tộc" in task.flags[0]


def test_text_without_a_task_table_raises_a_sentence(seed_text: str) -> None:
    body = seed_text.split("\nDANH MỤC\n")[0]
    with pytest.raises(PlanParseError) as raised:
        parse_plan_text(body)
    message = raised.value.message
    assert message[0].isupper() and message.endswith(".") and " " in message
    with pytest.raises(PlanParseError):
        parse_plan_text("")


def test_decomposed_text_parses_like_composed(seed_text: str, plan: ParsedPlan) -> None:
    decomposed = unicodedata.normalize("NFD", seed_text)
    assert decomposed != seed_text
    assert parse_plan_text(decomposed) == plan


def test_no_break_spaces_and_tabs_are_plain_spaces(seed_text: str, plan: ParsedPlan) -> None:
    text = seed_text.replace("Sở Ngoại vụ", "Sở\u00a0Ngoại\tvụ ").replace(
        "2024 - 2030", "2024 -  2030"
    )
    parsed = parse_plan_text(text)
    assert [_task_as_dict(t) for t in parsed.tasks] == [_task_as_dict(t) for t in plan.tasks]


def test_table_end_without_a_page_notice(seed_text: str, plan: ParsedPlan) -> None:
    table_only = seed_text.split(CHROME_LINE)[0] + "\n\nTrang chủ\n\nLiên hệ\n\n314\n"
    parsed = parse_plan_text(table_only)
    assert [_task_as_dict(t) for t in parsed.tasks] == [_task_as_dict(t) for t in plan.tasks]


def test_text_without_blank_lines_reads_one_cell_per_line(seed_text: str, plan: ParsedPlan) -> None:
    single = re.sub(r"\n\s*\n+", "\n", seed_text)
    parsed = parse_plan_text(single)
    assert parsed.tasks == plan.tasks
    assert (parsed.number, parsed.issue_date, parsed.signer) == (
        plan.number,
        plan.issue_date,
        plan.signer,
    )
    assert any("no blank lines" in flag for flag in parsed.flags)


def test_header_of_a_programme_signed_by_a_chief_of_office() -> None:
    text = """Số hiệu: 12/CTr-UBND Loại văn bản: Chương trình

UBND TỈNH HÀ TĨNH
-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Tĩnh, ngày 5 tháng 3 năm 2024

CHƯƠNG TRÌNH

THÔNG TIN ĐỐI NGOẠI

NĂM 2024

Căn cứ Luật Tổ chức chính quyền địa phương;

I. MỤC TIÊU

TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG

(Đã ký)

Trần Thị Bình

STT

Tên nhiệm vụ

Cơ quan chủ trì

Thời gian thực hiện

1

Nhóm một

1.1

Việc một

Sở Ngoại vụ

Quý II/2024
"""
    parsed = parse_plan_text(text)
    assert (parsed.number, parsed.kind, parsed.title) == (
        "12/CTr-UBND",
        "programme",
        "THÔNG TIN ĐỐI NGOẠI NĂM 2024",
    )
    assert (parsed.issuer, parsed.issuer_printed) == ("UBND tỉnh Hà Tĩnh", "UBND TỈNH HÀ TĨNH")
    assert (parsed.place, parsed.issue_date) == ("Hà Tĩnh", datetime.date(2024, 3, 5))
    assert parsed.legal_bases == ["Luật Tổ chức chính quyền địa phương"]
    assert parsed.signing_authority == "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG"
    assert parsed.signer == "Trần Thị Bình"
    (task,) = parsed.tasks
    assert task.timeframe is not None and task.timeframe.printed == "Quý II/2024"
    assert task.timeframe.recurrence is None and task.flags
    assert any("has 4 columns" in flag for flag in parsed.flags)


# --- the registry ---------------------------------------------------------------------------


def test_registry(seed_text: str, plan: ParsedPlan) -> None:
    parser = get_parser("text")
    assert isinstance(parser, TextPlanParser)
    assert "text/plain" in parser.media_types
    assert parsers()["text"] is TextPlanParser
    assert parser.parse(seed_text.encode("utf-8")) == plan
    assert parser.parse(b"\xef\xbb\xbf" + seed_text.encode("utf-8")) == plan
    with pytest.raises(KeyError):
        get_parser("no-such-format")


def test_register_parser_refuses_a_taken_name() -> None:
    class Dummy(BasePlanParser):
        name = "dummy-for-test"

        def parse(self, data, known_names=()):  # type: ignore[override]
            return ParsedPlan()

    try:
        assert register_parser(Dummy) is Dummy
        assert isinstance(get_parser("dummy-for-test"), Dummy)

        class Other(BasePlanParser):
            name = "dummy-for-test"

            def parse(self, data, known_names=()):  # type: ignore[override]
                return ParsedPlan()

        with pytest.raises(ValueError):
            register_parser(Other)
    finally:
        importer_base._REGISTRY.pop("dummy-for-test", None)


# --- properties -----------------------------------------------------------------------------

_garbage = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(top=_garbage, after_notice=_garbage, bottom=_garbage)
def test_garbage_in_the_page_chrome_changes_no_task(
    seed_text: str, plan: ParsedPlan, top: str, after_notice: str, bottom: str
) -> None:
    text = seed_text.replace(CHROME_LINE, f"{CHROME_LINE}\n\n{after_notice}\n\n", 1)
    parsed = parse_plan_text(f"{top}\n\n{text}\n\n{bottom}")
    assert parsed.tasks == plan.tasks
    assert [(g.number, g.title) for g in parsed.groups] == [
        (g.number, g.title) for g in plan.groups
    ]


def _check_invariants(parsed: ParsedPlan) -> None:
    numbers = [task.number for task in parsed.tasks]
    assert len(numbers) == len(set(numbers))
    group_numbers = {group.number for group in parsed.groups}
    assert all(task.group_number in group_numbers for task in parsed.tasks)
    for task in parsed.tasks:
        if task.timeframe is not None:
            assert task.timeframe.recurrence in ("once", "yearly", None)
            assert bool(task.timeframe.flag) == (task.timeframe.recurrence is None)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_raises_nothing_but_plan_parse_error(text: str) -> None:
    try:
        parsed = parse_plan_text(text)
    except PlanParseError as error:
        assert error.message.endswith(".")
    else:
        _check_invariants(parsed)


_TABLE_LINES = [
    "STT",
    "Tên nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "1",
    "2",
    "3",
    "1.1",
    "1.2",
    "2.1",
    "2024",
    "2024 - 2026",
    "Hằng năm",
    "Quý III",
    "Sở Nội vụ",
    "Các Sở: Ngoại vụ, Nội vụ; Tỉnh đoàn",
    "Các sở, ngành, địa phương",
    "Các Sở:",
    ", ; và",
    "Nâng cao chất lượng",
    CHROME_LINE,
    "KẾ HOẠCH",
    "Số: 1/KH-UBND",
    "TM. ỦY BAN NHÂN DÂN",
    "Nghệ An, ngày 31 tháng 2 năm 2023",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TABLE_LINES) | st.text(max_size=20), max_size=40), st.booleans())
def test_table_like_text_raises_nothing_but_plan_parse_error(lines: list[str], blank: bool) -> None:
    text = ("\n\n" if blank else "\n").join(lines)
    try:
        parsed = parse_plan_text(text)
    except PlanParseError:
        return
    _check_invariants(parsed)
