"""Render the sample report to DOCX, PDF and PNG pages, to look at the layout by eye.

Not a test: run it by hand after changing the layout, then open the PNGs.

    /work/venv/bin/python -m ttdn.exports.tests.render_sample /tmp/ttdn-docx-sample

The sample (`sample_report`) is also what the tests check, so what you look at is what
is tested. People and figures are fictional.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

from ttdn.exports.documents import (
    Appendix,
    BulletList,
    Heading,
    OfficialDocument,
    Paragraph,
    Run,
    Signature,
    Table,
)
from ttdn.exports.docx import render_official_document

_TASKS = [
    "Cập nhật cơ sở dữ liệu quảng bá hình ảnh tỉnh Nghệ An",
    "Xuất bản ấn phẩm giới thiệu tiềm năng đầu tư bằng tiếng Anh",
    "Tổ chức đoàn phóng viên nước ngoài tác nghiệp tại Nghệ An",
    "Tuyên truyền về biên giới Việt Nam - Lào tại các cửa khẩu",
    "Vận hành chuyên mục đối ngoại trên Cổng thông tin điện tử tỉnh",
    "Thông tin về Khu di tích Kim Liên cho khách quốc tế",
    "Phối hợp với tỉnh Xiêng Khoảng sản xuất phóng sự song ngữ",
    "Cung cấp thông tin cho báo chí nước ngoài về thu hút đầu tư",
    "Bồi dưỡng nghiệp vụ thông tin đối ngoại cho cán bộ cấp xã",
    "Quảng bá Lễ hội Làng Sen trên mạng xã hội",
]
_AGENCIES = [
    ("Sở Ngoại vụ", "Sở Thông tin và Truyền thông"),
    ("Sở Thông tin và Truyền thông", "Báo Nghệ An"),
    ("Báo Nghệ An", "Đài Phát thanh và Truyền hình Nghệ An"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "UBND huyện Kỳ Sơn"),
    ("Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông"),
    ("Sở Văn hóa và Thể thao", "Sở Du lịch"),
]
_STATUSES = ["Hoàn thành", "Hoàn thành", "Đang thực hiện", "Hoàn thành", "Chưa thực hiện"]


def _appendix_rows() -> list[list[str]]:
    rows = []
    for index in range(30):
        lead, partner = _AGENCIES[index % len(_AGENCIES)]
        quarter = index % 4 + 1
        rows.append(
            [
                str(index + 1),
                _TASKS[index % len(_TASKS)],
                lead,
                partner,
                f"Quý {quarter}/2024",
                _STATUSES[index % len(_STATUSES)],
            ]
        )
    return rows


def sample_report() -> OfficialDocument:
    """The 2024 consolidated report on foreign-information work of Nghệ An (fictional)."""
    body = [
        Heading("Kết quả thực hiện công tác thông tin đối ngoại năm 2024", 1),
        Heading("Công tác lãnh đạo, chỉ đạo", 2),
        Paragraph(
            "Thực hiện Kế hoạch số 978/KH-UBND ngày 25/12/2023 của UBND tỉnh về công tác thông "
            "tin đối ngoại năm 2024, các sở, ban, ngành và địa phương đã chủ động xây dựng kế "
            "hoạch, bố trí nguồn lực và triển khai các nhiệm vụ được giao. Ban Chỉ đạo công tác "
            "thông tin đối ngoại tỉnh duy trì giao ban hằng quý, kịp thời tháo gỡ khó khăn."
        ),
        Paragraph(
            runs=[
                Run("Sở Thông tin và Truyền thông", bold=True),
                Run(" đã tham mưu UBND tỉnh ban hành 04 văn bản chỉ đạo, hướng dẫn; phối hợp với "),
                Run("Sở Ngoại vụ", bold=True),
                Run(" và "),
                Run("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", bold=True),
                Run(
                    " tổ chức tuyên truyền về chủ quyền biên giới tại 05 cửa khẩu trên tuyến biên "
                    "giới Việt Nam - Lào dài 468,281 km."
                ),
            ]
        ),
        Heading("Kết quả thực hiện các nhiệm vụ", 2),
        Heading("Thông tin, tuyên truyền trên báo chí", 3),
        Paragraph(
            runs=[
                Run("Báo Nghệ An", bold=True),
                Run(" duy trì ấn phẩm tiếng Anh; "),
                Run("Đài Phát thanh và Truyền hình Nghệ An", bold=True),
                Run(
                    " phát sóng chuyên mục tiếng Lào và tiếng Thái hằng tuần. Các cơ quan báo chí "
                    "đã đăng tải trên 1.200 tin, bài về hình ảnh, tiềm năng của tỉnh "
                ),
                Run("(số liệu tổng hợp đến ngày 15/12/2024)", italic=True),
                Run("."),
            ]
        ),
        Heading("Thông tin qua các kênh đối ngoại", 3),
        BulletList(
            [
                "Hoạt động đối ngoại: đón 38 đoàn khách quốc tế, trong đó 12 đoàn của Lào;",
                "Cổng thông tin điện tử tỉnh: đăng 356 tin, bài tiếng Anh và tiếng Lào;",
                "Xuất bản phẩm: phát hành 3.000 cuốn sách ảnh giới thiệu Nghệ An;",
                "Hệ thống thông tin tại cửa khẩu quốc tế Nậm Cắn: thay mới 02 màn hình LED.",
            ]
        ),
        Table(
            header=["STT", "Kênh thông tin", "Chỉ tiêu năm 2024", "Kết quả", "Tỷ lệ (%)"],
            rows=[
                ["1", "Tin, bài trên báo chí trong nước", "1.000", "1.215", "121,5"],
                ["2", "Tin, bài trên Cổng thông tin điện tử tỉnh", "300", "356", "118,7"],
                ["3", "Phóng sự phát thanh, truyền hình song ngữ", "24", "20", "83,3"],
                ["4", "Ấn phẩm, sách ảnh giới thiệu tỉnh", "3.000", "3.000", "100,0"],
                ["5", "Đoàn phóng viên nước ngoài được hỗ trợ", "6", "7", "116,7"],
            ],
            widths_mm=[14, 71, 30, 25, 25],
            caption="Bảng 1. Kết quả thực hiện chỉ tiêu thông tin đối ngoại năm 2024",
        ),
        Paragraph(
            "Chi tiết tình hình thực hiện từng nhiệm vụ của các cơ quan, đơn vị tại Phụ lục kèm "
            "theo Báo cáo này."
        ),
        Heading("Tồn tại, hạn chế và nguyên nhân", 1),
        Paragraph(
            "Một số nhiệm vụ chưa hoàn thành đúng tiến độ do nguồn kinh phí được bố trí muộn; "
            "nội dung thông tin bằng tiếng nước ngoài còn ít, chưa đa dạng; đội ngũ làm công tác "
            "thông tin đối ngoại ở cấp xã còn kiêm nhiệm, thiếu kỹ năng về ngoại ngữ và truyền "
            "thông số."
        ),
        Paragraph(
            runs=[
                Run("Việc phối hợp cung cấp thông tin giữa "),
                Run("Sở Du lịch", bold=True),
                Run(" và các cơ quan báo chí có lúc chưa kịp thời, nhất là trong mùa lễ hội."),
            ]
        ),
        Heading("Phương hướng, nhiệm vụ năm 2025", 1),
        Heading("Nhiệm vụ trọng tâm", 2),
        Paragraph(
            "Tiếp tục đổi mới nội dung, hình thức thông tin đối ngoại; ưu tiên thông tin về "
            "môi trường đầu tư, hợp tác với các tỉnh của Lào (Hủa Phăn, Xiêng Khoảng, "
            "Bô-ly-khăm-xay) và quảng bá du lịch."
        ),
        Heading("Kiến nghị, đề xuất", 2),
        Paragraph(
            "Đề nghị UBND tỉnh bố trí kinh phí thực hiện nhiệm vụ thông tin đối ngoại năm 2025 "
            "ngay từ đầu năm; giao Sở Thông tin và Truyền thông chủ trì xây dựng bộ tài liệu "
            "giới thiệu tỉnh bằng các ngôn ngữ tiếng Anh, tiếng Lào, tiếng Thái."
        ),
    ]
    return OfficialDocument(
        parent_agency="UBND tỉnh Nghệ An",
        issuing_agency="Sở Thông tin và Truyền thông",
        number="12/BC-STTTT",
        place="Nghệ An",
        date=datetime.date(2025, 2, 5),
        kind_title="Báo cáo",
        subject="Kết quả thực hiện công tác thông tin đối ngoại năm 2024 và phương hướng, "
        "nhiệm vụ năm 2025",
        body=body,
        recipients=[
            "Bộ Thông tin và Truyền thông (để b/c)",
            "Ban Chỉ đạo công tác TTĐN tỉnh (để b/c)",
            "UBND tỉnh (để b/c)",
            "Ban Tuyên giáo Tỉnh ủy",
            "Các sở, ban, ngành cấp tỉnh",
            "Lưu: VT, TTBCXB",
        ],
        signature=Signature(authority=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], name="Trần Minh Hải"),
        appendices=[
            Appendix(
                title="Tình hình thực hiện nhiệm vụ thông tin đối ngoại năm 2024",
                subtitle="(Kèm theo Báo cáo số 12/BC-STTTT ngày 05/02/2025 của Sở Thông tin và "
                "Truyền thông)",
                blocks=[
                    Table(
                        header=[
                            "STT",
                            "Nhiệm vụ",
                            "Cơ quan chủ trì",
                            "Cơ quan phối hợp",
                            "Thời hạn",
                            "Tình trạng",
                        ],
                        rows=_appendix_rows(),
                    )
                ],
                landscape=True,
            )
        ],
    )


def main(target: str) -> None:
    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    docx_path = out / "sample-report.docx"
    docx_path.write_bytes(render_official_document(sample_report()))
    print(f"wrote {docx_path}")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not shutil.which("pdftoppm"):
        print("soffice or pdftoppm is missing; only the DOCX was written")
        return
    subprocess.run(
        [office, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
        check=True,
        timeout=180,
    )
    pdf_path = out / "sample-report.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf_path), str(out / "page")], check=True, timeout=120
    )
    for page in sorted(out.glob("page*.png")):
        print(f"wrote {page}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ttdn-docx-sample")
