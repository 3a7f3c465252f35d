"""The DOCX exporter against the Decree 30/2020/NĐ-CP layout table (`decree30.LAYOUT`).

The sample report is rendered once, reopened with python-docx, and every value of LAYOUT
is read back from the file: page, margins, fonts and sizes of each element, tables, rules,
page numbers. No database is needed.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from io import BytesIO

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ttdn.exports.decree30 import CENTER, JUSTIFY, LAYOUT, LEFT, TextStyle, format_document_date
from ttdn.exports.documents import (
    Appendix,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Run,
    Signature,
    Table,
    clean_text,
)
from ttdn.exports.docx import render_official_document
from ttdn.exports.tests.render_sample import sample_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
ALIGNMENTS = {
    CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    LEFT: WD_ALIGN_PARAGRAPH.LEFT,
}
MM_TOLERANCE = 0.1  # lengths are stored in twips (1/1440 inch) and read back in EMU


# --- Helpers --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report():
    return sample_report()


@pytest.fixture(scope="module")
def docx(report):
    return Document(BytesIO(render_official_document(report)))


def minimal(**changes) -> OfficialDocument:
    values = {
        "parent_agency": "UBND tỉnh Nghệ An",
        "issuing_agency": "Sở Văn hóa, Thể thao và Du lịch",
        "number": "12/BC-SVHTTDL",
        "place": "Nghệ An",
        "date": datetime.date(2026, 2, 5),
        "kind_title": "Báo cáo",
        "subject": "Kết quả công tác thông tin đối ngoại quý I năm 2026",
        "body": [Paragraph("Nội dung báo cáo.")],
        "recipients": ["UBND tỉnh (để b/c)", "Lưu: VT, TTBCXB"],
        "signature": Signature(authority=["GIÁM ĐỐC"], name="Lê Thị Hoa"),
    }
    values.update(changes)
    return OfficialDocument(**values)


def reopen(doc: OfficialDocument):
    return Document(BytesIO(render_official_document(doc)))


def near(length, mm: float) -> bool:
    return abs(length.mm - mm) < MM_TOLERANCE


def text_runs(paragraph):
    return [run for run in paragraph.runs if run.text]


def assert_fonts(r_pr) -> None:
    fonts = r_pr.find(f"{W}rFonts")
    assert fonts is not None
    for slot in FONT_SLOTS:
        assert fonts.get(f"{W}{slot}") == LAYOUT.font_name, slot
    assert not [name for name in fonts.attrib if "heme" in name]


def assert_style(paragraph, style: TextStyle, *, alignment: bool = True) -> None:
    """Every run of `paragraph` has the style's font, size, weight, slant and capitals."""
    runs = text_runs(paragraph)
    assert runs, f"no text in {paragraph.text!r}"
    for run in runs:
        assert_fonts(run._r.rPr)
        assert run.font.size == Pt(style.size_pt), run.text
        assert bool(run.bold) is style.bold, run.text
        assert bool(run.italic) is style.italic, run.text
        if style.caps:
            assert run.text == run.text.upper()
    mark = paragraph._p.pPr.find(f"{W}rPr")
    assert mark is not None and mark.find(f"{W}sz").get(f"{W}val") == str(round(style.size_pt * 2))
    if alignment:
        assert paragraph.alignment == ALIGNMENTS[style.align]


def body_paragraph(docx, start: str):
    matches = [p for p in docx.paragraphs if p.text.startswith(start)]
    assert matches, f"no paragraph starts with {start!r}"
    return matches[0]


def table_starting(docx, first_cell: str):
    for table in docx.tables:
        if table.rows[0].cells[0].text.startswith(first_cell):
            return table
    raise AssertionError(f"no table starts with {first_cell!r}")


def grid_mm(table) -> list[float]:
    return [column.width.mm for column in table.columns]


def borders(table) -> dict[str, str]:
    element = table._tbl.tblPr.find(f"{W}tblBorders")
    return {child.tag.removeprefix(W): child.get(f"{W}val") for child in element}


def rule_length_mm(paragraph, available_mm: float) -> float:
    line = paragraph._p.pPr.find(f"{W}pBdr").find(f"{W}bottom")
    assert line.get(f"{W}val") == "single"
    assert line.get(f"{W}sz") == str(round(LAYOUT.rule_weight_pt * 8))
    assert paragraph.text == ""
    assert paragraph.paragraph_format.line_spacing == Pt(LAYOUT.rule_paragraph_pt)
    fmt = paragraph.paragraph_format
    assert abs(fmt.left_indent.mm - fmt.right_indent.mm) < MM_TOLERANCE  # centred
    return available_mm - fmt.left_indent.mm - fmt.right_indent.mm


def has_page_field(part) -> bool:
    instructions = [node.text for node in part._element.iter(f"{W}instrText")]
    return any(text.strip() == "PAGE" for text in instructions)


# --- The layout table itself ------------------------------------------------------------


def test_layout_values_are_within_the_decrees_ranges():
    assert (LAYOUT.page_width_mm, LAYOUT.page_height_mm, LAYOUT.orientation) == (
        210,
        297,
        "portrait",
    )
    margins = LAYOUT.margins
    assert 20 <= margins.top_mm <= 25 and 20 <= margins.bottom_mm <= 25
    assert 30 <= margins.left_mm <= 35 and 15 <= margins.right_mm <= 20
    rotated = LAYOUT.landscape_margins  # the portrait margins turned with the page
    assert (rotated.top_mm, rotated.bottom_mm) == (margins.left_mm, margins.right_mm)
    assert LAYOUT.font_name == "Times New Roman"
    assert 12 <= LAYOUT.national_title.size_pt <= 13 and LAYOUT.national_title.bold
    assert 13 <= LAYOUT.motto.size_pt <= 14 and LAYOUT.motto.bold
    assert 13 <= LAYOUT.body.size_pt <= 14
    assert LAYOUT.paragraph_space_after_pt >= 6
    assert 1.0 <= LAYOUT.line_spacing <= 1.5
    assert 1.0 <= LAYOUT.first_line_indent_cm <= 1.27
    assert 13 <= LAYOUT.page_number.size_pt <= 14 and not LAYOUT.page_number_on_first_page
    assert LAYOUT.recipients_label == TextStyle(12, bold=True, italic=True, align=LEFT)
    assert LAYOUT.recipient.size_pt == 11 and not LAYOUT.recipient.bold
    assert set(LAYOUT.signing_prefixes) == {"TM.", "KT.", "TL.", "TUQ.", "Q."}
    assert sum(LAYOUT.header_table_widths_mm) <= LAYOUT.text_width_mm()
    assert sum(LAYOUT.closing_table_widths_mm) <= LAYOUT.text_width_mm()
    assert LAYOUT.agency_rule_min_mm <= LAYOUT.agency_rule_max_mm
    assert 1 / 3 <= LAYOUT.agency_rule_fraction <= 1 / 2


# --- Dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2026, 2, 5), "Nghệ An, ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 1, 1), "Nghệ An, ngày 01 tháng 01 năm 2026"),
        (datetime.date(2024, 2, 29), "Nghệ An, ngày 29 tháng 02 năm 2024"),
        (datetime.date(2026, 3, 9), "Nghệ An, ngày 09 tháng 3 năm 2026"),
        (datetime.date(2026, 9, 10), "Nghệ An, ngày 10 tháng 9 năm 2026"),
        (datetime.date(2026, 10, 1), "Nghệ An, ngày 01 tháng 10 năm 2026"),
        (datetime.date(2026, 12, 31), "Nghệ An, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_document_date_examples(date, expected):
    assert format_document_date("Nghệ An", date) == expected


def test_document_date_every_day_of_a_century():
    """Days always two digits; months 1-2 padded, 3-9 not, 10-12 as they are; it parses back."""
    pattern = re.compile(r"Vinh, ngày (\d+) tháng (\d+) năm (\d{4})")
    day = datetime.date(2000, 1, 1)
    while day.year <= 2100:
        match = pattern.fullmatch(format_document_date("Vinh", day))
        assert match, day
        day_text, month_text, year_text = match.groups()
        assert len(day_text) == 2, day
        assert len(month_text) == (2 if day.month in (1, 2) or day.month >= 10 else 1), day
        assert month_text.startswith("0") == (day.month in (1, 2)), day
        assert datetime.date(int(year_text), int(month_text), int(day_text)) == day
        day += datetime.timedelta(days=1)


def test_document_date_without_a_place_is_refused():
    with pytest.raises(ValueError, match="place of issue is empty"):
        format_document_date("  ", datetime.date(2026, 2, 5))


# --- Page, sections, page numbers -------------------------------------------------------


def test_main_section_is_a4_portrait_with_the_decree_margins(docx):
    section = docx.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert near(section.page_width, LAYOUT.page_width_mm)
    assert near(section.page_height, LAYOUT.page_height_mm)
    margins = LAYOUT.margins
    assert near(section.top_margin, margins.top_mm)
    assert near(section.bottom_margin, margins.bottom_mm)
    assert near(section.left_margin, margins.left_mm)
    assert near(section.right_margin, margins.right_mm)
    assert near(section.header_distance, LAYOUT.header_distance_mm)


def test_landscape_appendix_swaps_width_and_height(docx):
    assert len(docx.sections) == 2
    section = docx.sections[1]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert near(section.page_width, LAYOUT.page_height_mm)
    assert near(section.page_height, LAYOUT.page_width_mm)
    margins = LAYOUT.landscape_margins
    assert near(section.top_margin, margins.top_mm)
    assert near(section.bottom_margin, margins.bottom_mm)
    assert near(section.left_margin, margins.left_mm)
    assert near(section.right_margin, margins.right_mm)


def test_page_number_is_centred_in_the_header_except_on_page_one(docx):
    for section in docx.sections:
        assert section.different_first_page_header_footer
        assert not section.header.is_linked_to_previous
        assert has_page_field(section.header)
        paragraph = section.header.paragraphs[0]
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.paragraph_format.line_spacing == LAYOUT.block_line_spacing
        for run in paragraph.runs:
            assert_fonts(run._r.rPr)
            assert run.font.size == Pt(LAYOUT.page_number.size_pt)
            assert not run.bold and not run.italic
        first = section.first_page_header
        assert not first.is_linked_to_previous
        assert not has_page_field(first)
        assert all(p.text == "" for p in first.paragraphs)
        assert not list(first._element.iter(f"{W}fldChar"))


def test_appendix_numbers_its_pages_from_one(docx):
    numbering = docx.sections[1]._sectPr.find(f"{W}pgNumType")
    assert LAYOUT.appendix_restarts_page_numbers
    assert numbering is not None and numbering.get(f"{W}start") == "1"
    assert docx.sections[0]._sectPr.find(f"{W}pgNumType") is None


def test_core_properties(docx, report):
    assert docx.core_properties.title == report.subject
    assert docx.core_properties.author == "Sở Thông tin và Truyền thông"
    assert docx.core_properties.language == LAYOUT.language


# --- Fonts everywhere -------------------------------------------------------------------


def test_every_run_and_paragraph_mark_is_times_new_roman_in_all_four_slots(docx):
    parts = [docx.element]
    for section in docx.sections:
        parts += [section.header._element, section.first_page_header._element]
    count = 0
    for part in parts:
        for r_pr in part.iter(f"{W}rPr"):
            assert_fonts(r_pr)
            count += 1
    assert count > 200


def test_no_run_is_left_without_its_font(docx):
    """Empty runs (field characters, breaks) carry the font too, so nothing falls back."""
    parts = [docx.element] + [section.header._element for section in docx.sections]
    runs = [run for part in parts for run in part.iter(f"{W}r")]
    assert runs
    for run in runs:
        assert run.find(f"{W}rPr") is not None
        assert_fonts(run.find(f"{W}rPr"))


def test_document_defaults_and_styles_have_no_theme_fonts(docx):
    styles = docx.styles.element
    defaults = styles.find(f"{W}docDefaults").find(f"{W}rPrDefault").find(f"{W}rPr")
    assert_fonts(defaults)
    assert defaults.find(f"{W}lang").get(f"{W}val") == LAYOUT.language
    for fonts in styles.iter(f"{W}rFonts"):
        assert not [name for name in fonts.attrib if "heme" in name]


# --- Header block -----------------------------------------------------------------------


def test_header_is_a_borderless_two_column_table(docx):
    table = docx.tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 2
    assert all(value == "nil" for value in borders(table).values())
    assert len(borders(table)) == 6
    for width, expected in zip(grid_mm(table), LAYOUT.header_table_widths_mm, strict=True):
        assert abs(width - expected) < MM_TOLERANCE
    for cell, expected in zip(table.rows[0].cells, LAYOUT.header_table_widths_mm, strict=True):
        assert abs(cell.width.mm - expected) < MM_TOLERANCE
    for cell in table._cells:
        for paragraph in cell.paragraphs:
            if paragraph.text:
                assert paragraph.paragraph_format.line_spacing == LAYOUT.block_line_spacing


def test_header_left_column_agency_rule_and_number(docx):
    agency, number = docx.tables[0].columns[0].cells
    parent, issuing, rule = agency.paragraphs
    assert parent.text == "UBND TỈNH NGHỆ AN"
    assert_style(parent, LAYOUT.parent_agency)
    assert issuing.text == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert_style(issuing, LAYOUT.issuing_agency)
    length = rule_length_mm(rule, LAYOUT.header_table_widths_mm[0])
    low, high = LAYOUT.agency_rule_min_mm, LAYOUT.agency_rule_max_mm
    assert low - MM_TOLERANCE <= length <= high + MM_TOLERANCE
    name_mm = len(issuing.text) * LAYOUT.caps_char_width_em * 12 * 25.4 / 72
    assert name_mm / 3 <= length <= name_mm / 2
    (number_line,) = number.paragraphs
    assert number_line.text == "Số: 12/BC-STTTT"
    assert_style(number_line, LAYOUT.number)
    assert number_line.paragraph_format.space_before == Pt(LAYOUT.header_second_row_space_before_pt)


def test_header_right_column_national_title_motto_rule_and_date(docx):
    national, place = docx.tables[0].columns[1].cells
    title, motto, rule = national.paragraphs
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert_style(title, LAYOUT.national_title)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert_style(motto, LAYOUT.motto)
    length = rule_length_mm(rule, LAYOUT.header_table_widths_mm[1])
    assert abs(length - LAYOUT.motto_rule_mm) < MM_TOLERANCE
    (date_line,) = place.paragraphs
    assert date_line.text == "Nghệ An, ngày 05 tháng 02 năm 2025"
    assert_style(date_line, LAYOUT.place_date)


# --- Title, body ------------------------------------------------------------------------


def test_kind_title_subject_and_rule(docx, report):
    title = body_paragraph(docx, "BÁO CÁO")
    assert title.text == "BÁO CÁO"
    assert_style(title, LAYOUT.kind_title)
    assert title.paragraph_format.space_before == Pt(LAYOUT.kind_title_space_before_pt)
    paragraphs = docx.paragraphs
    index = [p._p for p in paragraphs].index(title._p)
    subject, rule = paragraphs[index + 1], paragraphs[index + 2]
    assert subject.text == report.subject
    assert_style(subject, LAYOUT.subject)
    length = rule_length_mm(rule, LAYOUT.text_width_mm())
    low, high = LAYOUT.subject_rule_min_mm, LAYOUT.subject_rule_max_mm
    assert low - MM_TOLERANCE <= length <= high + MM_TOLERANCE
    assert rule.paragraph_format.space_after == Pt(LAYOUT.title_block_space_after_pt)


def test_body_paragraph_indent_spacing_and_line_spacing(docx):
    paragraph = body_paragraph(docx, "Thực hiện Kế hoạch số 978/KH-UBND")
    assert_style(paragraph, LAYOUT.body)
    fmt = paragraph.paragraph_format
    assert abs(fmt.first_line_indent - Cm(LAYOUT.first_line_indent_cm)) < Cm(0.01)
    assert fmt.space_after == Pt(LAYOUT.paragraph_space_after_pt)
    assert fmt.space_before == Pt(LAYOUT.paragraph_space_before_pt)
    assert fmt.line_spacing == pytest.approx(LAYOUT.line_spacing)


def test_headings_are_numbered_per_level_and_styled(docx):
    expected = [
        ("I. KẾT QUẢ THỰC HIỆN CÔNG TÁC THÔNG TIN ĐỐI NGOẠI NĂM 2024", LAYOUT.heading_1, 0),
        ("1. Công tác lãnh đạo, chỉ đạo", LAYOUT.heading_2, 1),
        ("2. Kết quả thực hiện các nhiệm vụ", LAYOUT.heading_2, 1),
        ("a) Thông tin, tuyên truyền trên báo chí", LAYOUT.heading_3, 2),
        ("b) Thông tin qua các kênh đối ngoại", LAYOUT.heading_3, 2),
        ("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", LAYOUT.heading_1, 0),
        ("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025", LAYOUT.heading_1, 0),
        ("1. Nhiệm vụ trọng tâm", LAYOUT.heading_2, 1),
        ("2. Kiến nghị, đề xuất", LAYOUT.heading_2, 1),
    ]
    headings = [p for p in docx.paragraphs if p._p.pPr.find(f"{W}outlineLvl") is not None]
    assert [p.text for p in headings] == [text for text, _, _ in expected]
    for paragraph, (_, style, level) in zip(headings, expected, strict=True):
        assert_style(paragraph, style)
        assert paragraph._p.pPr.find(f"{W}outlineLvl").get(f"{W}val") == str(level)
        assert paragraph.paragraph_format.keep_with_next
        assert paragraph.paragraph_format.space_before == Pt(LAYOUT.heading_space_before_pt)


def test_agency_names_are_bold_runs_inside_body_text(docx):
    paragraph = body_paragraph(docx, "Sở Thông tin và Truyền thông đã tham mưu")
    assert [run.text for run in text_runs(paragraph) if run.bold] == [
        "Sở Thông tin và Truyền thông",
        "Sở Ngoại vụ",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    ]
    for run in text_runs(paragraph):
        assert run.font.size == Pt(LAYOUT.body.size_pt) and not run.italic
        assert_fonts(run._r.rPr)
    quoted = body_paragraph(docx, "Báo Nghệ An duy trì")
    assert [run.text for run in text_runs(quoted) if run.italic] == [
        "(số liệu tổng hợp đến ngày 15/12/2024)"
    ]


def test_bullet_items_are_dash_lines_in_body_style(docx):
    items = [p for p in docx.paragraphs if p.text.startswith(LAYOUT.bullet_prefix)]
    assert len(items) == 4
    for item in items:
        assert_style(item, LAYOUT.body)
        assert abs(item.paragraph_format.first_line_indent - Cm(1.27)) < Cm(0.01)


def test_body_table_has_borders_a_repeated_bold_header_and_12pt_text(docx):
    table = table_starting(docx, "STT")
    assert len(table.columns) == 5 and len(table.rows) == 6
    assert set(borders(table).values()) == {"single"} and len(borders(table)) == 6
    edges = table._tbl.tblPr.find(f"{W}tblBorders")
    assert {edge.get(f"{W}sz") for edge in edges} == {str(round(LAYOUT.table_border_pt * 8))}
    for width, expected in zip(grid_mm(table), [14, 71, 30, 25, 25], strict=True):
        assert abs(width - expected) < MM_TOLERANCE
    header = table.rows[0]
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    for cell in header.cells:
        assert_style(cell.paragraphs[0], TextStyle(LAYOUT.table_text.size_pt, bold=True))
    for row in table.rows[1:]:
        for cell in row.cells:
            assert_style(cell.paragraphs[0], LAYOUT.table_text, alignment=False)
    assert table.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER  # "1.000"
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    padding = table._tbl.tblPr.find(f"{W}tblCellMar")
    for side in ("left", "right"):
        twips = int(padding.find(f"{W}{side}").get(f"{W}w"))
        assert abs(twips / 1440 * 25.4 - LAYOUT.table_cell_padding_mm) < MM_TOLERANCE
    first_cell = table.rows[1].cells[0].paragraphs[0].paragraph_format
    assert first_cell.space_before == Pt(LAYOUT.table_cell_space_pt)
    assert first_cell.space_after == Pt(LAYOUT.table_cell_space_pt)
    assert first_cell.line_spacing == LAYOUT.block_line_spacing
    caption = body_paragraph(docx, "Bảng 1.")
    assert_style(caption, LAYOUT.table_caption)


# --- Closing block ----------------------------------------------------------------------


def test_recipients_and_signature_table(docx):
    table = docx.tables[2]
    assert len(table.columns) == 2
    assert all(value == "nil" for value in borders(table).values())
    for width, expected in zip(grid_mm(table), LAYOUT.closing_table_widths_mm, strict=True):
        assert abs(width - expected) < MM_TOLERANCE
    recipients, signature = table.rows[0].cells
    label, *lines = recipients.paragraphs
    assert label.text == "Nơi nhận:"
    assert_style(label, LAYOUT.recipients_label)
    assert [line.text for line in lines] == [
        "- Bộ Thông tin và Truyền thông (để b/c);",
        "- Ban Chỉ đạo công tác TTĐN tỉnh (để b/c);",
        "- UBND tỉnh (để b/c);",
        "- Ban Tuyên giáo Tỉnh ủy;",
        "- Các sở, ban, ngành cấp tỉnh;",
        "- Lưu: VT, TTBCXB.",
    ]
    for line in lines:
        assert_style(line, LAYOUT.recipient)
    *authority, name = signature.paragraphs
    assert [p.text for p in authority] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    for line in authority:
        assert_style(line, LAYOUT.signer_authority)
    assert name.text == "Trần Minh Hải"
    assert_style(name, LAYOUT.signer_name)
    assert name.paragraph_format.space_before == Pt(LAYOUT.signature_gap_pt)
    assert label.paragraph_format.space_before == Pt(LAYOUT.closing_space_before_pt)
    assert authority[0].paragraph_format.space_before == Pt(LAYOUT.closing_space_before_pt)
    assert table.rows[0]._tr.trPr.find(f"{W}cantSplit") is not None
    last_body = body_paragraph(docx, "Đề nghị UBND tỉnh bố trí kinh phí")
    assert last_body.paragraph_format.keep_with_next  # the signature never stands alone


# --- Appendix ---------------------------------------------------------------------------


def test_appendix_title_block(docx):
    label = body_paragraph(docx, "PHỤ LỤC")
    assert label.text == "PHỤ LỤC"  # one appendix: no numeral
    assert_style(label, LAYOUT.appendix_label)
    title = body_paragraph(docx, "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ")
    assert_style(title, LAYOUT.appendix_title)
    subtitle = body_paragraph(docx, "(Kèm theo Báo cáo số 12/BC-STTTT")
    assert_style(subtitle, LAYOUT.appendix_subtitle)


def test_appendix_table_fills_the_landscape_width_in_small_type(docx):
    table = docx.tables[-1]
    assert len(table.columns) == 6 and len(table.rows) == 31
    assert abs(sum(grid_mm(table)) - LAYOUT.text_width_mm(landscape=True)) < 0.5
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    small = LAYOUT.table_text_small
    assert small.size_pt == 11 and LAYOUT.table_small_font_min_columns <= 6
    for cell in table.rows[0].cells:
        assert_style(cell.paragraphs[0], TextStyle(small.size_pt, bold=True))
    for row in table.rows[1:]:
        for cell in row.cells:
            assert_style(cell.paragraphs[0], small, alignment=False)
    widths = grid_mm(table)
    assert widths[0] < widths[1]  # STT is narrow, the task column wide


# --- Variants ---------------------------------------------------------------------------


def test_unnumbered_draft_leaves_room_for_the_number():
    docx = reopen(minimal(number="", number_suffix="BC-SVHTTDL"))
    number_line = docx.tables[0].rows[1].cells[0].paragraphs[0]
    assert number_line.text == "Số:" + LAYOUT.draft_number_blank + "/BC-SVHTTDL"


def test_legal_bases_are_italic_indented_lines():
    bases = ["Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;"]
    docx = reopen(minimal(legal_bases=bases))
    paragraph = body_paragraph(docx, "Căn cứ Nghị định")
    assert_style(paragraph, LAYOUT.legal_basis)
    assert abs(paragraph.paragraph_format.first_line_indent - Cm(1.27)) < Cm(0.01)


def test_issuing_agency_on_two_lines_and_parent_agency_omitted():
    docx = reopen(minimal(parent_agency="", issuing_agency="Sở Văn hóa, Thể thao\nvà Du lịch"))
    issuing, _rule = docx.tables[0].rows[0].cells[0].paragraphs
    assert issuing.text == "SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH"
    assert_style(issuing, LAYOUT.issuing_agency)


def test_several_appendices_are_numbered_and_portrait_by_default():
    appendices = [Appendix("Danh sách cơ quan"), Appendix("Kinh phí", landscape=True)]
    docx = reopen(minimal(appendices=appendices))
    labels = [p.text for p in docx.paragraphs if p.text.startswith("PHỤ LỤC")]
    assert labels == ["PHỤ LỤC I", "PHỤ LỤC II"]
    assert [s.orientation for s in docx.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
    ]
    assert near(docx.sections[1].left_margin, LAYOUT.margins.left_mm)


def test_points_use_the_vietnamese_alphabet():
    body = [Heading("Phần", 1), Heading("Mục", 2)] + [Heading(f"Điểm {n}", 3) for n in range(7)]
    docx = reopen(minimal(body=body))
    points = [p.text.split(")")[0] for p in docx.paragraphs if p.text.startswith(tuple("abcdđeg"))]
    assert points == ["a", "b", "c", "d", "đ", "e", "g"]


def test_auto_widths_keep_a_short_column_narrow_and_fill_the_text_width():
    table = Table(header=["STT", "Nội dung"], rows=[["1", "Một việc"], ["2", "Hai việc"]])
    docx = reopen(minimal(body=[table]))
    widths = grid_mm(docx.tables[1])
    assert abs(sum(widths) - LAYOUT.text_width_mm()) < 0.5
    assert widths[0] < 20


def test_unnumbered_heading_keeps_its_text():
    docx = reopen(minimal(body=[Heading("Mở đầu", 2, numbered=False)]))
    assert body_paragraph(docx, "Mở đầu").text == "Mở đầu"


def test_page_break_block():
    docx = reopen(minimal(body=[Paragraph("Trang một."), PageBreak(), Paragraph("Trang hai.")]))
    breaks = [b for b in docx.element.body.iter(f"{W}br") if b.get(f"{W}type") == "page"]
    assert len(breaks) == 1


def test_text_is_stored_nfc():
    decomposed = unicodedata.normalize("NFD", "Thông tin đối ngoại Nghệ An")
    docx = reopen(minimal(subject=decomposed, body=[Paragraph(decomposed)]))
    texts = [p.text for p in docx.paragraphs]
    assert "Thông tin đối ngoại Nghệ An" in texts
    assert all(text == unicodedata.normalize("NFC", text) for text in texts)
    assert docx.core_properties.title == "Thông tin đối ngoại Nghệ An"


def test_characters_xml_forbids_are_dropped():
    docx = reopen(minimal(body=[Paragraph("Hà\x00 Nội\x0b\x1f\ufffe")]))
    assert body_paragraph(docx, "Hà").text == "Hà Nội"


# --- Bad input --------------------------------------------------------------------------


def test_unknown_signing_prefix_is_refused_with_a_sentence():
    with pytest.raises(ValueError, match=r"“KTT\.”.* TM\., KT\., TL\., TUQ\. or Q\.") as error:
        Signature(authority=["KTT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name="Trần Minh Hải")
    message = str(error.value)
    assert message[0].isupper() and message.endswith(".")


@pytest.mark.parametrize("prefix", ["TM.", "KT.", "TL.", "TUQ.", "Q.", "kt."])
def test_known_signing_prefixes_are_accepted(prefix):
    Signature(authority=[f"{prefix} ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Nguyễn Văn B")


def test_a_prefix_line_needs_the_signers_title_after_it():
    with pytest.raises(ValueError, match="signer's own title must follow"):
        Signature(authority=["KT. GIÁM ĐỐC"], name="Trần Minh Hải")


@pytest.mark.parametrize(
    ("authority", "name", "message"),
    [([], "Trần Minh Hải", "no title"), (["GIÁM ĐỐC"], " ", "signer's name is empty")],
)
def test_signature_needs_a_title_and_a_name(authority, name, message):
    with pytest.raises(ValueError, match=message):
        Signature(authority=authority, name=name)


@pytest.mark.parametrize("subject", ["", "   ", "\x00\x1f"])
def test_empty_subject_is_refused(subject):
    with pytest.raises(ValueError, match=r"subject \(trích yếu\) is empty"):
        minimal(subject=subject)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": "", "number_suffix": ""}, "neither a number nor a number suffix"),
        ({"recipients": []}, "no recipients"),
        ({"recipients": ["- ;", " ."]}, "no recipients"),
        ({"issuing_agency": ""}, "issuing agency is empty"),
        ({"place": ""}, "place of issue is empty"),
        ({"date": "05/02/2026"}, "must be a date"),
    ],
)
def test_incomplete_documents_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        minimal(**changes)


def test_bad_blocks_are_refused():
    with pytest.raises(ValueError, match="Row 2 of the table has 1 cells but the header has 2"):
        Table(header=["A", "B"], rows=[["1", "2"], ["3"]])
    with pytest.raises(ValueError, match="2 columns but 3 widths"):
        Table(header=["A", "B"], rows=[], widths_mm=[10, 20, 30])
    with pytest.raises(ValueError, match="heading level must be 1"):
        Heading("x", 4)
    with pytest.raises(ValueError, match="either text or runs"):
        Paragraph("x", runs=[Run("y")])


# --- Arbitrary text ---------------------------------------------------------------------

_FORBIDDEN = [chr(code) for code in range(0x20)] + ["\ufffe", "\uffff", "\ud800", "\x7f"]
_TEXT = st.lists(st.one_of(st.text(), st.sampled_from(_FORBIDDEN)), max_size=6).map("".join)


@settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis directory in the source tree
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    paragraphs=st.lists(_TEXT, min_size=1, max_size=4),
    rows=st.lists(st.lists(_TEXT, min_size=3, max_size=3), max_size=4),
    header=st.lists(_TEXT, min_size=3, max_size=3),
)
def test_arbitrary_unicode_always_renders_a_readable_docx(paragraphs, rows, header):
    body = [Paragraph(text) for text in paragraphs]
    body += [Table(header=header, rows=rows), Paragraph(runs=[Run(t, bold=True) for t in header])]
    docx = reopen(minimal(body=body))
    texts = [p.text for p in docx.paragraphs]
    for text in paragraphs:
        assert clean_text(text).replace("\r", "\n") in texts
    cells = [cell.text for row in docx.tables[1].rows for cell in row.cells]
    assert len(cells) == 3 * (len(rows) + 1)
    assert cells[3:] == [clean_text(c).strip().replace("\r", "\n") for row in rows for c in row]
