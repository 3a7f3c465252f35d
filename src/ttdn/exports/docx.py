"""Render an `OfficialDocument` as DOCX in the Decree 30/2020/NĐ-CP layout.

Every measurement comes from `decree30.LAYOUT`; this module only knows how to express
them in WordprocessingML so that Word and LibreOffice show the same page. Choices made
for that reason:

- Every run and paragraph mark carries its font in all four slots (ascii, hAnsi,
  eastAsia, cs) and the document defaults drop the template's theme fonts, so no
  character (not even an empty line) falls back to Calibri.
- Rules are 2 pt empty paragraphs with a bottom border, indented to the rule's length:
  paragraph borders render the same in both programs, unlike floating drawn lines, and a
  separate paragraph does not squeeze the text above to the rule's width. (A top border
  was tried first: LibreOffice draws it over the descenders of the line above.)
- The header and closing blocks are borderless tables with fixed column widths (grid and
  cell widths both set: LibreOffice reads the grid, Word the cells).
"""

from __future__ import annotations

import datetime
import re
from copy import deepcopy
from functools import lru_cache
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from ttdn.exports.decree30 import CENTER, JUSTIFY, LAYOUT, LEFT, TextStyle, format_document_date
from ttdn.exports.documents import (
    Appendix,
    Block,
    BulletList,
    Heading,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Run,
    Table,
    clean_text,
)

_ALIGN = {
    CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    LEFT: WD_ALIGN_PARAGRAPH.LEFT,
}
_PPR_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
_TBLPR_AFTER_CELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription")
_SECTPR_AFTER_PGNUMTYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip
_NUMERIC = re.compile(r"[\d\s.,:;%/+\-–]+")
_TINY_PT = 1  # a paragraph that only carries a break: too small to start a page on its own


def render_official_document(doc: OfficialDocument) -> bytes:
    """The DOCX bytes of `doc`: header block, title, body, closing block, appendices."""
    document = Document()
    _set_document_defaults(document)
    _set_up_section(document.sections[0], landscape=False, restart_numbering=False)
    _header_block(document, doc)
    _title_block(document, doc)
    for basis in doc.legal_bases:
        _styled_paragraph(document, basis, LAYOUT.legal_basis, indent=True)
    _render_blocks(document, doc.body, LAYOUT.text_width_mm())
    document.paragraphs[-1].paragraph_format.keep_with_next = True  # no lone signature page
    _closing_block(document, doc)
    for index, appendix in enumerate(doc.appendices, start=1):
        numeral = _roman(index) if len(doc.appendices) > 1 else ""
        _appendix(document, appendix, numeral)
    _end_body(document)
    _set_core_properties(document, doc)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Document, sections, headers --------------------------------------------------------


def _set_document_defaults(document) -> None:
    """Times New Roman in every font slot of every style, Vietnamese as the language."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        _set_font_attributes(fonts)
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults.find(qn("w:sz")).set(qn("w:val"), _half_points(LAYOUT.body.size_pt))
    defaults.find(qn("w:szCs")).set(qn("w:val"), _half_points(LAYOUT.body.size_pt))
    defaults.find(qn("w:lang")).set(qn("w:val"), LAYOUT.language)
    normal = document.styles["Normal"].element.get_or_add_rPr()
    _set_font_attributes(normal.get_or_add_rFonts())


def _set_font_attributes(fonts) -> None:
    for name in list(fonts.attrib):
        if name.endswith(("Theme", "theme", "hint")):
            del fonts.attrib[name]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), LAYOUT.font_name)


def _set_up_section(section, *, landscape: bool, restart_numbering: bool) -> None:
    """Page size, margins and the page-number header, hidden on the section's first page."""
    if landscape:
        margins = LAYOUT.landscape_margins
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = (
            Mm(LAYOUT.page_height_mm),
            Mm(LAYOUT.page_width_mm),
        )
    else:
        margins = LAYOUT.margins
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (
            Mm(LAYOUT.page_width_mm),
            Mm(LAYOUT.page_height_mm),
        )
    section.top_margin = Mm(margins.top_mm)
    section.bottom_margin = Mm(margins.bottom_mm)
    section.left_margin = Mm(margins.left_mm)
    section.right_margin = Mm(margins.right_mm)
    section.header_distance = Mm(LAYOUT.header_distance_mm)
    section.footer_distance = Mm(LAYOUT.header_distance_mm)
    section.gutter = Mm(0)
    section.different_first_page_header_footer = not LAYOUT.page_number_on_first_page

    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    _format_paragraph(paragraph, LAYOUT.page_number, space_after=0, single=True)
    _add_page_field(paragraph, LAYOUT.page_number)
    first = section.first_page_header
    first.is_linked_to_previous = False
    _format_paragraph(first.paragraphs[0], LAYOUT.page_number, space_after=0, single=True)
    if restart_numbering:
        numbering = section._sectPr.find(qn("w:pgNumType"))
        if numbering is None:
            numbering = OxmlElement("w:pgNumType")
            section._sectPr.insert_element_before(numbering, *_SECTPR_AFTER_PGNUMTYPE)
        numbering.set(qn("w:start"), "1")


def _add_page_field(paragraph, style: TextStyle) -> None:
    """A PAGE field with a cached result, which Word and LibreOffice update as they lay out."""
    _field_char(paragraph, style, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    _add_run(paragraph, "", style)._r.append(instruction)
    _field_char(paragraph, style, "separate")
    _add_run(paragraph, "2", style)
    _field_char(paragraph, style, "end")


def _field_char(paragraph, style: TextStyle, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    _add_run(paragraph, "", style)._r.append(char)


def _set_core_properties(document, doc: OfficialDocument) -> None:
    properties = document.core_properties
    properties.title = clean_text(doc.subject).strip()
    properties.subject = clean_text(doc.kind_title).strip()
    properties.author = _one_line(doc.issuing_agency)
    properties.last_modified_by = _one_line(doc.issuing_agency)
    properties.comments = ""
    properties.keywords = ""
    properties.language = LAYOUT.language
    properties.identifier = clean_text(doc.number_line)
    properties.revision = 1
    issued = datetime.datetime(doc.date.year, doc.date.month, doc.date.day, tzinfo=datetime.UTC)
    properties.created = issued
    properties.modified = issued


# --- Header, title, closing ---------------------------------------------------------------


def _header_block(document, doc: OfficialDocument) -> None:
    """Cells 1-4: agency | Quốc hiệu and Tiêu ngữ on row 1; "Số: …" | place and date on row 2."""
    left_mm, right_mm = LAYOUT.header_table_widths_mm
    table = _layout_table(document, LAYOUT.header_table_widths_mm, rows=2)
    agency, national = table.rows[0].cells
    number, place = table.rows[1].cells

    left = _CellWriter(agency)
    if doc.parent_agency.strip():
        left.text(doc.parent_agency, LAYOUT.parent_agency)
    left.text(doc.issuing_agency, LAYOUT.issuing_agency)
    _rule(left.paragraph(), _agency_rule_mm(doc.issuing_agency), left_mm)

    right = _CellWriter(national)
    right.text(LAYOUT.national_title_text, LAYOUT.national_title)
    right.text(LAYOUT.motto_text, LAYOUT.motto)
    _rule(right.paragraph(), LAYOUT.motto_rule_mm, right_mm)

    gap = LAYOUT.header_second_row_space_before_pt
    _CellWriter(number).text(doc.number_line, LAYOUT.number, space_before=gap)
    date_line = format_document_date(clean_text(doc.place), doc.date)
    _CellWriter(place).text(date_line, LAYOUT.place_date, space_before=gap)


def _title_block(document, doc: OfficialDocument) -> None:
    """Cell 5a: the kind of document, its subject, and a short rule below."""
    _styled_paragraph(
        document,
        doc.kind_title,
        LAYOUT.kind_title,
        space_before=LAYOUT.kind_title_space_before_pt,
        space_after=0,
        keep_with_next=True,
    )
    _styled_paragraph(document, doc.subject, LAYOUT.subject, space_after=0, keep_with_next=True)
    rule = _rule(document.add_paragraph(), _subject_rule_mm(doc.subject), LAYOUT.text_width_mm())
    rule.paragraph_format.space_after = Pt(LAYOUT.title_block_space_after_pt)


def _closing_block(document, doc: OfficialDocument) -> None:
    """Cells 9 and 7: recipients on the left, the signature centred on the right."""
    table = _layout_table(document, LAYOUT.closing_table_widths_mm, rows=1)
    recipients_cell, signature_cell = table.rows[0].cells
    gap = LAYOUT.closing_space_before_pt

    left = _CellWriter(recipients_cell)
    left.text(LAYOUT.recipients_label_text, LAYOUT.recipients_label, space_before=gap)
    for line in _recipient_lines(doc.recipients):
        left.text(line, LAYOUT.recipient)

    right = _CellWriter(signature_cell)
    authority = [line for line in doc.signature.authority if clean_text(line).strip()]
    for index, line in enumerate(authority):
        right.text(line, LAYOUT.signer_authority, space_before=gap if index == 0 else 0)
    right.text(doc.signature.name, LAYOUT.signer_name, space_before=LAYOUT.signature_gap_pt)


def _recipient_lines(recipients: list[str]) -> list[str]:
    """Each recipient as "- name;", the last (usually "Lưu: VT, …") ending with a full stop."""
    names = [
        clean_text(name).strip().lstrip("-–").strip().rstrip(";.").strip() for name in recipients
    ]
    names = [name for name in names if name]
    return [
        f"- {name}{'.' if index == len(names) - 1 else ';'}" for index, name in enumerate(names)
    ]


def _appendix(document, appendix: Appendix, numeral: str) -> None:
    """A phụ lục on its own section: label, title, subtitle, then its blocks."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _format_tiny(document.paragraphs[-1])  # the paragraph python-docx adds to carry the break
    _set_up_section(
        section,
        landscape=appendix.landscape,
        restart_numbering=LAYOUT.appendix_restarts_page_numbers,
    )
    label = f"{LAYOUT.appendix_label_text} {numeral}".strip()
    _styled_paragraph(document, label, LAYOUT.appendix_label, space_after=0, keep_with_next=True)
    _styled_paragraph(
        document, appendix.title, LAYOUT.appendix_title, space_after=0, keep_with_next=True
    )
    if appendix.subtitle.strip():
        _styled_paragraph(
            document,
            appendix.subtitle,
            LAYOUT.appendix_subtitle,
            space_after=0,
            keep_with_next=True,
        )
    spacer = _rule(document.add_paragraph(), 0, LAYOUT.text_width_mm(appendix.landscape))
    spacer.paragraph_format.space_after = Pt(LAYOUT.title_block_space_after_pt)
    _render_blocks(document, appendix.blocks, LAYOUT.text_width_mm(appendix.landscape))


def _end_body(document) -> None:
    """Word needs a paragraph after a final table; make it too small to start a page."""
    body = document.element.body
    last = body[-2] if body[-1].tag == qn("w:sectPr") else body[-1]
    if last.tag == qn("w:tbl"):
        _format_tiny(document.add_paragraph())


# --- Body blocks ------------------------------------------------------------------------


def _render_blocks(document, blocks: list[Block], width_mm: float) -> None:
    counters = [0, 0, 0]
    for block in blocks:
        if isinstance(block, Heading):
            _heading(document, block, counters)
        elif isinstance(block, Paragraph):
            _runs_paragraph(document, block.parts, LAYOUT.body)
        elif isinstance(block, BulletList):
            for item in block.items:
                _styled_paragraph(
                    document,
                    LAYOUT.bullet_prefix + clean_text(item).strip(),
                    LAYOUT.body,
                    indent=True,
                )
        elif isinstance(block, Table):
            _data_table(document, block, width_mm)
        elif isinstance(block, PageBreak):
            paragraph = document.add_paragraph()
            _format_tiny(paragraph)
            _add_run(paragraph, "", TextStyle(_TINY_PT)).add_break(WD_BREAK.PAGE)
        else:
            raise TypeError(f"{type(block).__name__} is not a block the DOCX renderer knows.")


def _heading(document, heading: Heading, counters: list[int]) -> None:
    level = heading.level
    counters[level - 1] += 1
    for deeper in range(level, len(counters)):
        counters[deeper] = 0
    style = (LAYOUT.heading_1, LAYOUT.heading_2, LAYOUT.heading_3)[level - 1]
    text = clean_text(heading.text).strip()
    if style.caps:
        text = text.upper()
    if heading.numbered:
        text = f"{_heading_number(level, counters[level - 1])} {text}"
    paragraph = _styled_paragraph(
        document,
        text,
        style,
        indent=True,
        space_before=LAYOUT.heading_space_before_pt,
        keep_with_next=True,
    )
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    paragraph._p.get_or_add_pPr().insert_element_before(
        outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
    )


def _heading_number(level: int, number: int) -> str:
    if level == 1:
        return f"{_roman(number)}."
    if level == 2:
        return f"{number}."
    letters = LAYOUT.heading_3_letters
    return f"{letters[number - 1] if number <= len(letters) else number})"


def _roman(number: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    result = ""
    for value, letters in numerals:
        while number >= value:
            result += letters
            number -= value
    return result


def _data_table(document, block: Table, width_mm: float) -> None:
    """A bordered table, header row bold and repeated, smaller type when it is wide."""
    columns = len(block.header)
    small = columns >= LAYOUT.table_small_font_min_columns
    style = LAYOUT.table_text_small if small else LAYOUT.table_text
    header_style = TextStyle(style.size_pt, bold=True, align=CENTER)
    if block.caption.strip():
        _styled_paragraph(document, block.caption, LAYOUT.table_caption, keep_with_next=True)
    widths = _column_widths(block, width_mm, style.size_pt)
    table = _fixed_table(document, widths, rows=1 + len(block.rows), borders=True)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header_row = table.rows[0]
    _row_property(header_row, "w:tblHeader")
    pad = LAYOUT.table_cell_space_pt
    for cell, text in zip(header_row.cells, block.header, strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _CellWriter(cell).text(text, header_style, space_before=pad, space_after=pad)
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            clean = clean_text(text).strip()
            numeric = bool(clean) and len(clean) <= 12 and _NUMERIC.fullmatch(clean)
            cell_style = TextStyle(style.size_pt, align=CENTER if numeric else style.align)
            _CellWriter(cell).text(clean, cell_style, space_before=pad, space_after=pad)
    spacer = document.add_paragraph()  # keeps the next block off the table's bottom border
    _format_tiny(spacer)
    spacer.paragraph_format.space_after = Pt(LAYOUT.paragraph_space_after_pt)


def _column_widths(block: Table, width_mm: float, size_pt: float) -> list[float]:
    """The caller's widths (shrunk to fit the page), or widths that follow each column's text."""
    if block.widths_mm is not None:
        widths = list(block.widths_mm)
    else:
        columns = [
            [clean_text(title)] + [clean_text(row[index]) for row in block.rows]
            for index, title in enumerate(block.header)
        ]
        widths = _auto_widths(columns, width_mm, size_pt)
    total = sum(widths)
    return [width * width_mm / total for width in widths] if total > width_mm else widths


def _auto_widths(columns: list[list[str]], width_mm: float, size_pt: float) -> list[float]:
    """Roughly a browser's auto table layout, with short columns served first.

    When every entry fits on one line, the column with the longest entry takes the slack
    (an STT column stays narrow). Otherwise a column whose longest entry is short (STT, a
    deadline, a status) keeps it on one line, and the long-text columns share the rest in
    proportion to their longest entry, never narrower than their longest word. The result
    fills `width_mm`.
    """
    widest = [max(_estimated_mm(text, size_pt) for text in texts) for texts in columns]
    narrowest = [
        max(_estimated_mm(word, size_pt) for text in texts for word in [*text.split(), ""])
        for texts in columns
    ]
    if sum(widest) <= width_mm:  # everything fits on one line: the longest column gets the slack
        widths = list(widest)
        longest = widest.index(max(widest))
        widths[longest] += width_mm - sum(widest)
        return widths
    short = {index for index, wide in enumerate(widest) if wide <= width_mm / len(columns)}
    rest = width_mm - sum(widest[index] for index in short)
    long_total = sum(wide for index, wide in enumerate(widest) if index not in short)
    if rest <= 0:
        widths = narrowest
    else:
        widths = [
            wide if index in short else max(narrowest[index], rest * wide / long_total)
            for index, wide in enumerate(widest)
        ]
    total = sum(widths)
    return [width * width_mm / total for width in widths]


def _estimated_mm(text: str, size_pt: float) -> float:
    """The width `text` needs in a cell: capitals are wider, plus the cell's side padding."""
    ems = sum(
        LAYOUT.caps_char_width_em * 1.1 if char.isupper() else LAYOUT.text_char_width_em * 1.05
        for char in text
    )
    return ems * size_pt * 25.4 / 72 + 2 * LAYOUT.table_cell_padding_mm + 1


# --- Paragraphs and runs ----------------------------------------------------------------


class _CellWriter:
    """Writes paragraphs into a table cell, using the empty paragraph every new cell has."""

    def __init__(self, cell) -> None:
        self.cell = cell
        self.used = False

    def paragraph(self):
        if not self.used:
            self.used = True
            return self.cell.paragraphs[0]
        return self.cell.add_paragraph()

    def text(self, text: str, style: TextStyle, *, space_before: float = 0, space_after: float = 0):
        paragraph = self.paragraph()
        _format_paragraph(
            paragraph, style, space_before=space_before, space_after=space_after, single=True
        )
        _add_run(paragraph, _styled_text(text, style), style)
        return paragraph


def _styled_paragraph(
    container,
    text: str,
    style: TextStyle,
    *,
    indent: bool = False,
    space_before: float | None = None,
    space_after: float | None = None,
    keep_with_next: bool = False,
):
    paragraph = container.add_paragraph()
    _format_paragraph(
        paragraph,
        style,
        indent=indent,
        space_before=space_before,
        space_after=space_after,
        keep_with_next=keep_with_next,
    )
    _add_run(paragraph, _styled_text(text, style), style)
    return paragraph


def _runs_paragraph(document, runs: list[Run], style: TextStyle) -> None:
    paragraph = document.add_paragraph()
    _format_paragraph(paragraph, style, indent=True)
    for part in runs:
        text = clean_text(part.text)
        if text:
            _add_run(
                paragraph,
                text,
                style,
                bold=style.bold or part.bold,
                italic=style.italic or part.italic,
            )


def _format_paragraph(
    paragraph,
    style: TextStyle,
    *,
    indent: bool = False,
    space_before: float | None = None,
    space_after: float | None = None,
    keep_with_next: bool = False,
    single: bool = False,
) -> None:
    """Alignment, spacing and line spacing, and the paragraph mark's font (empty lines too).

    The properties are built once per combination and copied: a consolidated report has
    thousands of paragraphs, and building each through python-docx's API costs ~0.4 ms.
    """
    template = _paragraph_properties(
        style, indent, space_before, space_after, keep_with_next, single
    )
    element = paragraph._p
    existing = element.pPr
    if existing is not None:
        element.remove(existing)
    element.insert(0, deepcopy(template))


@lru_cache(maxsize=512)
def _paragraph_properties(style, indent, space_before, space_after, keep_with_next, single):
    paragraph = DocxParagraph(OxmlElement("w:p"), None)
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[style.align]
    before = LAYOUT.paragraph_space_before_pt if space_before is None else space_before
    after = LAYOUT.paragraph_space_after_pt if space_after is None else space_after
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = LAYOUT.block_line_spacing if single else LAYOUT.line_spacing
    fmt.first_line_indent = Cm(LAYOUT.first_line_indent_cm) if indent else Cm(0)
    fmt.widow_control = True
    if keep_with_next:
        fmt.keep_with_next = True
    _set_mark_properties(paragraph, style.size_pt, style.bold, style.italic)
    return paragraph._p.pPr


def _format_tiny(paragraph) -> None:
    """A paragraph that holds only a break or a rule: 1 pt, no spacing."""
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(_TINY_PT)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.first_line_indent = Cm(0)
    _set_mark_properties(paragraph, _TINY_PT, False, False)


def _set_mark_properties(paragraph, size_pt: float, bold: bool, italic: bool) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    existing = ppr.find(qn("w:rPr"))
    if existing is not None:
        ppr.remove(existing)
    ppr.insert_element_before(_run_properties(size_pt, bold, italic), "w:sectPr", "w:pPrChange")


def _add_run(paragraph, text: str, style: TextStyle, *, bold: bool | None = None, italic=None):
    run = paragraph.add_run(text)
    bold = style.bold if bold is None else bold
    italic = style.italic if italic is None else italic
    run._r.insert(0, _run_properties(style.size_pt, bold, italic))
    return run


def _run_properties(size_pt: float, bold: bool, italic: bool):
    """rPr with the font in all four slots, explicit weight and slant, and the size."""
    return deepcopy(_run_properties_template(size_pt, bool(bold), bool(italic)))


@lru_cache(maxsize=64)
def _run_properties_template(size_pt: float, bold: bool, italic: bool):
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    _set_font_attributes(fonts)
    rpr.append(fonts)
    for tag, on in (("w:b", bold), ("w:bCs", bold), ("w:i", italic), ("w:iCs", italic)):
        element = OxmlElement(tag)
        if not on:
            element.set(qn("w:val"), "0")
        rpr.append(element)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), _half_points(size_pt))
        rpr.append(element)
    return rpr


def _styled_text(text: str, style: TextStyle) -> str:
    text = clean_text(text).strip()
    return text.upper() if style.caps else text


def _rule(paragraph, length_mm: float, available_mm: float):
    """A centred rule `length_mm` long: the bottom border of an indented 2 pt paragraph.

    A length of 0 gives an invisible spacer with the same height.
    """
    _format_tiny(paragraph)
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.line_spacing = Pt(LAYOUT.rule_paragraph_pt)
    margin = max(0.0, (available_mm - length_mm) / 2)
    fmt.left_indent = Mm(margin)
    fmt.right_indent = Mm(margin)
    if length_mm > 0:
        borders = OxmlElement("w:pBdr")
        line = OxmlElement("w:bottom")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(round(LAYOUT.rule_weight_pt * 8)))
        line.set(qn("w:space"), "1")
        line.set(qn("w:color"), "000000")
        borders.append(line)
        paragraph._p.get_or_add_pPr().insert_element_before(borders, *_PPR_AFTER_BORDER)
    return paragraph


def _agency_rule_mm(issuing_agency: str) -> float:
    """1/3-1/2 of the agency name's longest line, estimated from its character count."""
    longest = max(len(line.strip()) for line in clean_text(issuing_agency).splitlines() or [""])
    style = LAYOUT.issuing_agency
    width = longest * LAYOUT.caps_char_width_em * style.size_pt * 25.4 / 72
    return _clamp(
        width * LAYOUT.agency_rule_fraction, LAYOUT.agency_rule_min_mm, LAYOUT.agency_rule_max_mm
    )


def _subject_rule_mm(subject: str) -> float:
    size = LAYOUT.subject.size_pt
    width = min(
        len(clean_text(subject).strip()) * LAYOUT.text_char_width_em * size * 25.4 / 72,
        LAYOUT.text_width_mm(),
    )
    return _clamp(
        width * LAYOUT.subject_rule_fraction, LAYOUT.subject_rule_min_mm, LAYOUT.subject_rule_max_mm
    )


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


# --- Tables -------------------------------------------------------------------------------


def _layout_table(document, widths_mm: tuple[float, ...], rows: int):
    """A borderless table for the header and closing blocks; its rows never split."""
    table = _fixed_table(document, list(widths_mm), rows=rows, borders=False, side_margin_mm=0)
    for row in table.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def _fixed_table(
    document,
    widths_mm: list[float],
    *,
    rows: int,
    borders: bool,
    side_margin_mm=LAYOUT.table_cell_padding_mm,
):
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    tblpr = table._tbl.tblPr
    width = tblpr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(Mm(w).twips for w in widths_mm)))
    tblpr.insert_element_before(_table_borders(borders), *_TBLPR_AFTER_BORDERS)
    tblpr.insert_element_before(_cell_margins(side_margin_mm), *_TBLPR_AFTER_CELLMAR)
    for column, width_mm in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width_mm)
    for row in table.rows:
        _row_property(row, "w:cantSplit")
        for cell, width_mm in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width_mm)
    return table


def _table_borders(visible: bool):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if visible:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), str(round(LAYOUT.table_border_pt * 8)))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    return borders


def _cell_margins(side_mm: float):
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("top", 0), ("left", side_mm), ("bottom", 0), ("right", side_mm)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(Mm(value).twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    return margins


def _row_property(row, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn(tag)) is None:
        element = OxmlElement(tag)
        # w:cantSplit precedes w:tblHeader in CT_TrPrBase's sequence.
        if tag == "w:cantSplit":
            trpr.insert(0, element)
        else:
            trpr.append(element)


def _half_points(size_pt: float) -> str:
    return str(round(size_pt * 2))


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())
