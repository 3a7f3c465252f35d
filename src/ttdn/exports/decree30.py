"""The Decree 30/2020/NĐ-CP (Appendix I) layout of an administrative document, as data.

Every size, margin and style the DOCX exporter uses lives in `LAYOUT`, and the tests read
the same table, so a value found to be wrong is corrected in one place. Each value says
where it comes from: the decree's text (as summarised in shared/DOMAIN.md and
shared/notes/domain-research.md §3, "DR §3"), a value marked unverified there, or
"[choice within the decree's range]" where the decree gives a range or says nothing.

Pure data and one date function: no python-docx, no Django, so a CLI or a job can use it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

CENTER = "center"
JUSTIFY = "justify"
LEFT = "left"


@dataclass(frozen=True)
class TextStyle:
    """How one element's text looks: size in points, weight, slant, capitals, alignment."""

    size_pt: float
    bold: bool = False
    italic: bool = False
    caps: bool = False  # the renderer upper-cases the text itself (real capitals, not w:caps)
    align: str = CENTER


@dataclass(frozen=True)
class Margins:
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float


@dataclass(frozen=True)
class Layout:
    # --- Page ------------------------------------------------------------------------------
    page_width_mm: float
    page_height_mm: float
    orientation: str
    margins: Margins
    landscape_margins: Margins
    header_distance_mm: float
    font_name: str
    language: str
    # --- Header block (cells 1-4) ---------------------------------------------------------
    header_table_widths_mm: tuple[float, float]
    parent_agency: TextStyle
    issuing_agency: TextStyle
    number: TextStyle
    number_label: str
    draft_number_blank: str
    national_title: TextStyle
    national_title_text: str
    motto: TextStyle
    motto_text: str
    motto_rule_mm: float
    place_date: TextStyle
    header_second_row_space_before_pt: float
    # --- Rules ----------------------------------------------------------------------------
    rule_weight_pt: float
    rule_paragraph_pt: float
    agency_rule_fraction: float
    agency_rule_min_mm: float
    agency_rule_max_mm: float
    subject_rule_fraction: float
    subject_rule_min_mm: float
    subject_rule_max_mm: float
    caps_char_width_em: float
    text_char_width_em: float
    # --- Title (cell 5a) ------------------------------------------------------------------
    kind_title: TextStyle
    kind_title_space_before_pt: float
    subject: TextStyle
    title_block_space_after_pt: float
    # --- Content (cell 6) -----------------------------------------------------------------
    legal_basis: TextStyle
    body: TextStyle
    first_line_indent_cm: float
    paragraph_space_before_pt: float
    paragraph_space_after_pt: float
    line_spacing: float
    block_line_spacing: float
    heading_1: TextStyle
    heading_2: TextStyle
    heading_3: TextStyle
    heading_space_before_pt: float
    heading_3_letters: tuple[str, ...]
    bullet_prefix: str
    table_text: TextStyle
    table_text_small: TextStyle
    table_small_font_min_columns: int
    table_caption: TextStyle
    table_border_pt: float
    table_cell_space_pt: float
    table_cell_padding_mm: float
    # --- Closing block (cells 7 and 9) ----------------------------------------------------
    closing_table_widths_mm: tuple[float, float]
    closing_space_before_pt: float
    recipients_label: TextStyle
    recipients_label_text: str
    recipient: TextStyle
    signer_authority: TextStyle
    signer_name: TextStyle
    signature_gap_pt: float
    signing_prefixes: tuple[str, ...]
    # --- Page numbers ---------------------------------------------------------------------
    page_number: TextStyle
    page_number_on_first_page: bool
    # --- Appendices -----------------------------------------------------------------------
    appendix_label: TextStyle
    appendix_label_text: str
    appendix_title: TextStyle
    appendix_subtitle: TextStyle
    appendix_restarts_page_numbers: bool
    # --- Dates ----------------------------------------------------------------------------
    zero_padded_months: tuple[int, ...]

    def text_width_mm(self, landscape: bool = False) -> float:
        """The width between the margins, which tables and centred rules are measured on."""
        if landscape:
            m = self.landscape_margins
            return self.page_height_mm - m.left_mm - m.right_mm
        return self.page_width_mm - self.margins.left_mm - self.margins.right_mm


LAYOUT = Layout(
    page_width_mm=210,  # A4 (DR §3, decree text)
    page_height_mm=297,  # A4 (DR §3, decree text)
    orientation="portrait",  # portrait; landscape only for tables (DR §3, decree text)
    margins=Margins(
        top_mm=20,  # decree range 20-25 mm [choice within the decree's range: the minimum]
        bottom_mm=20,  # decree range 20-25 mm [choice within the decree's range: the minimum]
        left_mm=30,  # decree range 30-35 mm [choice within the decree's range: the minimum]
        right_mm=15,  # decree range 15-20 mm [choice within the decree's range: the minimum]
    ),
    # A landscape page is bound on its top edge (it is turned clockwise to be read), so the
    # portrait margins are rotated: the binding margin goes to the top. [choice within the
    # decree's range: the decree gives portrait margins only; these are the same values]
    landscape_margins=Margins(top_mm=30, bottom_mm=15, left_mm=20, right_mm=20),
    header_distance_mm=10,  # page number sits in the top margin (DR §3) [choice]
    font_name="Times New Roman",  # DR §3, decree text (Unicode TCVN 6909:2001)
    language="vi-VN",  # so Word and LibreOffice spell-check Vietnamese [choice]
    # Column widths are not fixed by the decree (DR §3 [INFERENCE]). 75 mm holds
    # "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" (73.6 mm at 12 pt bold) on one line; 90 mm holds the
    # Quốc hiệu (87.7 mm at 12 pt bold). Sum = 165 mm = the text width. [choice]
    # (Widths measured on Liberation Serif 2, which has Times New Roman's metrics.)
    header_table_widths_mm=(75, 90),
    parent_agency=TextStyle(12, caps=True),  # 12-13 upright caps (DR §3 [UNVERIFIED]) [choice]
    issuing_agency=TextStyle(12, bold=True, caps=True),  # 12-13 bold caps (DR §3 [UNVERIFIED])
    number=TextStyle(13),  # "Số: …" 13 upright (DR §3 [UNVERIFIED])
    number_label="Số:",  # decree text
    draft_number_blank=" " * 8,  # room to write the number by hand on an unnumbered draft [choice]
    national_title=TextStyle(12, bold=True, caps=True),  # 12-13 bold caps (DR §3) [choice: 12]
    national_title_text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # decree text
    motto=TextStyle(13, bold=True),  # 13-14 bold (DR §3) [choice: 13]
    motto_text="Độc lập - Tự do - Hạnh phúc",  # decree text (hyphens, each phrase capitalised)
    motto_rule_mm=56,  # as long as the tiêu ngữ (DR §3): 56.1 mm at 13 pt bold, measured
    place_date=TextStyle(14, italic=True),  # 13-14 italic (DR §3 [UNVERIFIED]) [choice: 14]
    header_second_row_space_before_pt=6,  # "Số:" and the date share a baseline row [choice]
    rule_weight_pt=0.75,  # solid thin rule (decree: "nét liền") [choice]
    rule_paragraph_pt=2,  # height of the empty paragraph whose bottom border is the rule [choice]
    agency_rule_fraction=0.4,  # 1/3-1/2 of the agency name (DR §3 [UNVERIFIED]) [choice: 0.4]
    agency_rule_min_mm=15,  # keeps the rule visible under a short name [choice]
    agency_rule_max_mm=35,  # about 1/2 of a name that fills the 75 mm column [choice]
    subject_rule_fraction=0.4,  # same proportion as the agency rule [choice]
    subject_rule_min_mm=20,  # [choice]
    subject_rule_max_mm=55,  # 1/3 of the 165 mm text width [choice]
    # Average character widths of Times New Roman as a fraction of the font size, used to
    # estimate a line's width for the proportional rules (measured on Liberation Serif,
    # which has the same metrics): bold capitals 0.62 em, bold mixed case 0.45 em. [choice]
    caps_char_width_em=0.62,
    text_char_width_em=0.45,
    kind_title=TextStyle(14, bold=True, caps=True),  # 13-14 bold caps (DR §3 [UNVERIFIED])
    kind_title_space_before_pt=18,  # [choice]
    subject=TextStyle(14, bold=True),  # 13-14 bold (DR §3 [UNVERIFIED]) [choice: 14]
    title_block_space_after_pt=12,  # [choice]
    legal_basis=TextStyle(14, italic=True, align=JUSTIFY),  # 13-14 italic (DR §3)
    body=TextStyle(14, align=JUSTIFY),  # 13-14, justified (DOMAIN.md) [choice: 14]
    first_line_indent_cm=1.27,  # 1-1.27 cm (DR §3 [UNVERIFIED]) [choice: 1.27]
    paragraph_space_before_pt=0,  # [choice]
    paragraph_space_after_pt=6,  # at least 6 pt (DR §3, decree text) [choice: 6]
    line_spacing=1.15,  # single to 1.5 lines (DR §3, decree text) [choice: 1.15]
    # Header, closing block, table cells and the page number are set single-spaced, the
    # bottom of the decree's range, so the blocks stay compact. [choice within the range]
    block_line_spacing=1.0,
    heading_1=TextStyle(14, bold=True, caps=True, align=JUSTIFY),  # Roman parts 13-14 bold (DR §3)
    heading_2=TextStyle(14, bold=True, align=JUSTIFY),  # Arabic sections, bold [choice]
    heading_3=TextStyle(14, bold=True, italic=True, align=JUSTIFY),  # "a)" points [choice]
    heading_space_before_pt=6,  # [choice]
    # Points are lettered with the Vietnamese alphabet (no f, j, w, z; đ after d), as in
    # legal texts. [choice; the drafting convention, not Appendix I]
    heading_3_letters=tuple("abcdđeghiklmnopqrstuvxy"),
    bullet_prefix="- ",  # the dash used in administrative texts [choice]
    table_text=TextStyle(12, align=LEFT),  # decree silent on tables [choice]
    table_text_small=TextStyle(11, align=LEFT),  # for wide tables [choice]
    table_small_font_min_columns=6,  # [choice]
    table_caption=TextStyle(13, bold=True),  # [choice]
    table_border_pt=0.5,  # [choice]
    table_cell_space_pt=2,  # space above and below a cell's text [choice]
    table_cell_padding_mm=1.5,  # left and right padding inside a data table's cells [choice]
    closing_table_widths_mm=(75, 90),  # as the header, so the signature sits under the Quốc hiệu
    closing_space_before_pt=12,  # [choice]
    recipients_label=TextStyle(12, bold=True, italic=True, align=LEFT),  # DR §3, decree text
    recipients_label_text="Nơi nhận:",  # decree text
    recipient=TextStyle(11, align=LEFT),  # 11 upright (DR §3, decree text)
    signer_authority=TextStyle(14, bold=True, caps=True),  # 13-14 bold caps (DR §3 [UNVERIFIED])
    signer_name=TextStyle(14, bold=True),  # 13-14 bold (DR §3 [UNVERIFIED])
    signature_gap_pt=72,  # about 25 mm for the signature and seal [choice]
    signing_prefixes=("TM.", "KT.", "TL.", "TUQ.", "Q."),  # DR §3, decree text
    page_number=TextStyle(13),  # 13-14 upright, centred in the top margin (DR §3) [choice: 13]
    page_number_on_first_page=False,  # none on page 1 (DR §3, decree text)
    # The brief asks for "PHỤ LỤC" in capitals; Appendix I may print the word in lower case
    # ("Phụ lục I", 14 bold) [UNVERIFIED], so it is one value here.
    appendix_label=TextStyle(14, bold=True, caps=True),
    appendix_label_text="Phụ lục",
    appendix_title=TextStyle(14, bold=True, caps=True),  # 13-14 bold caps [UNVERIFIED]
    appendix_subtitle=TextStyle(14, italic=True),  # "(Kèm theo Báo cáo số …)" [choice]
    appendix_restarts_page_numbers=True,  # pages numbered per appendix [UNVERIFIED]
    zero_padded_months=(1, 2),  # "tháng 01", "tháng 02", "tháng 3" (DR §3, decree text)
)


def format_document_date(place: str, date: datetime.date) -> str:
    """'Nghệ An, ngày 05 tháng 02 năm 2026': the place-and-date line of cell 4.

    Days 1-9 and months 1-2 take a leading zero so that a date cannot be altered by
    writing a digit in front of it; months 3-9 are written without one.
    """
    place = place.strip()
    if not place:
        raise ValueError("The place of issue is empty; give the province or city, e.g. Nghệ An.")
    month = f"{date.month:02d}" if date.month in LAYOUT.zero_padded_months else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"
