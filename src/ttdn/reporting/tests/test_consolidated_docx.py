"""The consolidated report as DOCX: every value of the Decree 30 layout table, read back
with python-docx (the exporter's own tests check the same table on a sample document)."""

import datetime
import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt

from ttdn.accounts.choices import Role
from ttdn.agencies.models import Agency
from ttdn.exports.decree30 import LAYOUT
from ttdn.exports.tests.test_docx_decree30 import (
    assert_fonts,
    assert_style,
    body_paragraph,
    borders,
    has_page_field,
    near,
)
from ttdn.reporting.exports import consolidated_docx
from ttdn.reporting.services import reports
from ttdn.reporting.services.consolidated import consolidated_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def docx(year_2024, coordinator, make_user):
    officer = make_user(Role.OFFICER, "so-ngoai-vu", username="o")
    head = make_user(Role.HEAD, "so-ngoai-vu", username="h")
    report = reports.report_start(
        actor=officer, period=year_2024, agency=Agency.objects.get(code="so-ngoai-vu")
    )
    for section in report.sections.all():
        reports.section_save(
            actor=officer,
            section=section,
            version=section.version,
            data=reports.SectionInput(
                status="done",
                progress=100,
                results="<p>Đón 12 đoàn phóng viên.</p>",
                difficulties="Thiếu phiên dịch tiếng Lào.",
            ),
        )
    reports.report_submit(actor=officer, report=report)
    reports.report_approve(actor=head, report=report)
    draft = consolidated_build(actor=coordinator, period=year_2024)
    draft.signer_name, draft.number = "Nguyễn Văn Hải", "15"
    draft.save()
    _name, content = consolidated_docx(
        {"period": year_2024.pk, "date": "2026-02-05"}, lambda _p: None
    )
    return Document(io.BytesIO(content))


def test_page_margins_and_orientation(docx):
    section = docx.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert near(section.page_width, LAYOUT.page_width_mm) and near(
        section.page_height, LAYOUT.page_height_mm
    )
    for side in ("top", "bottom", "left", "right"):
        assert near(getattr(section, f"{side}_margin"), getattr(LAYOUT.margins, f"{side}_mm"))
    assert docx.sections[-1].orientation == WD_ORIENT.LANDSCAPE  # the task × agency appendix


def test_no_page_number_on_page_one(docx):
    for section in docx.sections:
        assert section.different_first_page_header_footer
        assert has_page_field(section.header) and not has_page_field(section.first_page_header)


def test_two_column_heading_and_date_with_leading_zeros(docx):
    table = docx.tables[0]
    assert len(table.columns) == 2 and all(v == "nil" for v in borders(table).values())
    parent, issuing, _rule = table.columns[0].cells[0].paragraphs
    assert parent.text == "UBND TỈNH NGHỆ AN" and issuing.text == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert_style(parent, LAYOUT.parent_agency)
    assert_style(issuing, LAYOUT.issuing_agency)
    assert table.columns[0].cells[1].paragraphs[0].text == "Số: 15/BC-SVHTTDL"
    title, motto, _rule = table.columns[1].cells[0].paragraphs
    assert_style(title, LAYOUT.national_title)
    assert_style(motto, LAYOUT.motto)
    (date_line,) = table.columns[1].cells[1].paragraphs
    assert date_line.text == "Nghệ An, ngày 05 tháng 02 năm 2026"
    assert_style(date_line, LAYOUT.place_date)


def test_title_body_and_fonts(docx):
    texts = [p.text for p in docx.paragraphs]
    title = docx.paragraphs[texts.index("BÁO CÁO")]
    assert_style(title, LAYOUT.kind_title)
    body = body_paragraph(docx, "Sở Ngoại vụ")
    assert body.runs[0].bold and body.runs[0].text == "Sở Ngoại vụ"
    assert body.paragraph_format.space_after >= Pt(6)
    assert 1.0 <= body.paragraph_format.line_spacing <= 1.5
    for paragraph in docx.paragraphs:
        for run in paragraph.runs:
            assert_fonts(run._r.rPr)
    assert any("Thiếu phiên dịch tiếng Lào" in t and "Sở Ngoại vụ" in t for t in texts)


def test_recipients_and_signature(docx):
    closing = docx.tables[-2] if len(docx.tables) > 2 else docx.tables[1]
    left = closing.columns[0].cells[0].paragraphs
    assert left[0].text == "Nơi nhận:"
    assert_style(left[0], LAYOUT.recipients_label, alignment=False)
    assert left[-1].text.startswith("- Lưu: VT")
    right = [p.text for p in closing.columns[1].cells[0].paragraphs]
    assert "KT. GIÁM ĐỐC" in right and "Nguyễn Văn Hải" in right
    assert datetime.date(2026, 2, 5)
