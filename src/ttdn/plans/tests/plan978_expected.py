"""Plan 978/KH-UBND (Nghệ An, 13/12/2023) as a person reads it: the expected result of
importing the seed text.

Written from the printed appendix, not produced by the importer: titles and printed cells
are copied from the seed's lines, the split agency names and timeframes are written by
hand. The importer (and later the database after loading the plan) is compared against it.
Agency names are as printed after splitting the cells; an expanded enumeration keeps the
printed case of its tail ('Sở Văn hóa và thể thao' in task 3.8).

Reading decisions: task 1.2 prints one agency cell ('Sở Thông tin và Truyền thông, các
sở, ngành, địa phương'), so both names are lead agencies and it has no coordinating one,
like 1.1 and 3.1; task 2.4 prints no timeframe.
"""

from __future__ import annotations

import datetime

TTTT = "Sở Thông tin và Truyền thông"
ALL = "Các sở, ngành, địa phương"  # capitalised as printed at the start of a cell
ALL_LOWER = "các sở, ngành, địa phương"  # …and in lower case after another name

HEADER = {
    "number": "978/KH-UBND",
    "kind": "plan",
    "issuer": "Ủy ban nhân dân tỉnh Nghệ An",
    "issuer_printed": "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
    "place": "Nghệ An",
    "issue_date": datetime.date(2023, 12, 13),
    "signer": "Bùi Đình Long",
    "signing_authority": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "title": (
        "TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 57-KL/TW NGÀY 15/6/2023 CỦA BỘ CHÍNH TRỊ VỀ "
        "TIẾP TỤC NÂNG CAO CHẤT LƯỢNG, HIỆU QUẢ CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TRONG TÌNH "
        "HÌNH MỚI"
    ),
    "legal_bases": [
        (
            "Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị về tiếp tục nâng cao chất "
            "lượng, hiệu quả công tác thông tin đối ngoại trong tình hình mới (gọi tắt là Kết"
            " luận số 57-KL/TW)"
        ),
        (
            "Kế hoạch số 199-KH/TU ngày 21/9/2023 của Ban Thường vụ Tỉnh ủy quán triệt và "
            "triển khai thực hiện thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính "
            "trị về tiếp tục nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại trong"
            " tình hình mới (gọi tắt là Kế hoạch số 199-KH/TU)"
        ),
    ],
}

GROUPS = [
    {
        "number": "1",
        "title": (
            "Quán triệt phổ biến, tuyên truyền các chủ trương, đường lối của Đảng, chính sách"
            " pháp luật của Nhà nước, văn bản của tỉnh về công tác thông tin đối ngoại"
        ),
        "tasks": 2,
    },
    {
        "number": "2",
        "title": (
            "Nâng cao trách nhiệm quản lý nhà nước; hoàn thiện cơ chế, chính sách về thông "
            "tin đối ngoại; tăng cường công tác phối hợp giữa các cơ quan, tổ chức trong hệ "
            "thống chính trị trong công tác thông tin đối ngoại"
        ),
        "tasks": 6,
    },
    {
        "number": "3",
        "title": "Đổi mới nội dung, phương thức hoạt động thông tin đối ngoại",
        "tasks": 9,
    },
    {
        "number": "4",
        "title": (
            "Đẩy mạnh công tác đấu tranh phản bác các thông tin sai trái, thù địch, thông tin"
            " xuyên tạc, xấu độc ảnh hưởng đến hình ảnh của tỉnh, của đất nước"
        ),
        "tasks": 5,
    },
    {
        "number": "5",
        "title": (
            "Tăng cường nguồn lực nhà nước, khuyến khích, động viên các nguồn lực xã hội cho "
            "công tác thông tin đối ngoại"
        ),
        "tasks": 6,
    },
]

TASKS = [
    {
        "number": "1.1",
        "group": "1",
        "title": (
            "Tổ chức phổ biến, tuyên truyền đến toàn thể cán bộ công chức, viên chức, người "
            "lao động, người dân trên địa bàn tỉnh thông qua hệ thống thông tin cơ sở, Cổng "
            "thông tin điện tử, mạng xã hội, các cơ quan báo chí."
        ),
        "lead_printed": "Các sở, ngành, địa phương",
        "coordinating_printed": "",
        "lead": [ALL],
        "coordinating": [],
        "timeframe": {"printed": "2024", "start": 2024, "end": 2024, "recurrence": "once"},
    },
    {
        "number": "1.2",
        "group": "1",
        "title": (
            "Tăng thời lượng, số lượng tin, bài trên các phương tiện thông tin đại chúng, hệ "
            "thống thông tin cơ sở để tuyên truyền về vị trí, vai trò, tầm quan trọng của "
            "công tác thông tin đối ngoại trong tình hình mới"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông, các sở, ngành, địa phương",
        "coordinating_printed": "",
        "lead": [TTTT, ALL_LOWER],
        "coordinating": [],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "2.1",
        "group": "2",
        "title": "Xây dựng Chương trình, Kế hoạch, Đề án thông tin đối ngoại của tỉnh",
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "2024 - 2026", "start": 2024, "end": 2026, "recurrence": "once"},
    },
    {
        "number": "2.2",
        "group": "2",
        "title": (
            "Triển khai thực hiện Quyết định số 29/2023/QĐ-UBND ngày 06/11/2023 của UBND tỉnh"
            " về ban hành Quy định phát ngôn, cung cấp thông tin cho báo chí và xử lý thông "
            "tin đăng phát trên báo chí, thông tin phản ánh trên mạng xã hội của các cơ quan "
            "hành chính nhà nước trên địa bàn tỉnh Nghệ An"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương, các cơ quan báo chí",
        "lead": [TTTT],
        "coordinating": [ALL, "các cơ quan báo chí"],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "2.3",
        "group": "2",
        "title": (
            "Triển khai thực hiện Kế hoạch số 57/KH-UBND ngày 27/7/2023 của UBND tỉnh Nghệ An"
            " về thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ về "
            "việc tăng cường công tác truyền thông chính sách"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương, các cơ quan báo chí",
        "lead": [TTTT],
        "coordinating": [ALL, "các cơ quan báo chí"],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "2.4",
        "group": "2",
        "title": "Xây dựng cơ sở dữ liệu về thông tin đối ngoại",
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở ngành, địa phương",
        "lead": [TTTT],
        "coordinating": ["Các sở ngành, địa phương"],
        "timeframe": None,
    },
    {
        "number": "2.5",
        "group": "2",
        "title": (
            "Tăng cường kiểm tra, giám sát, xử lý vi phạm trong hoạt động thông tin đối ngoại"
            " nhằm nâng cao hiệu lực, hiệu quả quản lý nhà nước trong lĩnh vực này"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "2.6",
        "group": "2",
        "title": "Tổ chức tốt công tác thi đua khen thưởng trong lĩnh vực thông tin đối ngoại",
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "3.1",
        "group": "3",
        "title": "Xây dựng các chuyên mục, chuyên đề thông tin đối ngoại",
        "lead_printed": (
            "Báo Nghệ An, Đài Phát thanh và Truyền hình Nghệ An, Tạp chí Sông Lam, "
            "Cổng Thông tin điện tử tỉnh"
        ),
        "coordinating_printed": "",
        "lead": [
            "Báo Nghệ An",
            "Đài Phát thanh và Truyền hình Nghệ An",
            "Tạp chí Sông Lam",
            "Cổng Thông tin điện tử tỉnh",
        ],
        "coordinating": [],
        "timeframe": {"printed": "2024", "start": 2024, "end": 2024, "recurrence": "once"},
    },
    {
        "number": "3.2",
        "group": "3",
        "title": (
            "Đặt hàng sản xuất phim, phóng sự, video clip bằng nhiều thứ tiếng để đăng, phát "
            "trên báo in, báo điện tử, kênh phát thanh, truyền hình đối ngoại, trên cổng "
            "thông tin điện tử của tỉnh, hệ thống cổng/trang thông tin điện tử của các cơ "
            "quan, đơn vị, địa phương trong tỉnh, trong nước"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "3.3",
        "group": "3",
        "title": (
            "Phối hợp với các hãng thông tấn, đài truyền hình quốc tế sản xuất và phát sóng "
            "phim, phóng sự, video clip bằng nhiều thứ tiếng để quảng bá hình ảnh, tiềm năng,"
            " thế mạnh của tỉnh ra nước ngoài."
        ),
        "lead_printed": "Sở Ngoại vụ",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": ["Sở Ngoại vụ"],
        "coordinating": [ALL],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "3.4",
        "group": "3",
        "title": (
            "Truyền thông quảng bá qua phương tiện truyền thông đa phương tiện: Internet; các"
            " ấn phẩm điện tử, các nền tảng mạng xã hội, trên các công cụ tìm kiếm với tốc độ"
            " hiển thị hình ảnh về tỉnh nhanh nhất trên công cụ tìm kiếm."
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "2024 - 2030", "start": 2024, "end": 2030, "recurrence": "once"},
    },
    {
        "number": "3.5",
        "group": "3",
        "title": (
            "Truyền thông quảng bá thông qua các đoàn phóng viên nước ngoài và phóng viên "
            "nước ngoài thường trú tại Việt Nam hoạt động tại tỉnh; đón tiếp và làm việc với "
            "các đoàn, các cơ quan đại diện ngoại giao nước ngoài tại Việt Nam, các cơ quan, "
            "các tổ chức phi chính phủ, các doanh nghiệp nước ngoài...để quảng bá hình ảnh "
            "của tỉnh tới các đối tác nước ngoài"
        ),
        "lead_printed": "Sở Ngoại vụ",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": ["Sở Ngoại vụ"],
        "coordinating": [ALL],
        "timeframe": {"printed": "2024 - 2030", "start": 2024, "end": 2030, "recurrence": "once"},
    },
    {
        "number": "3.6",
        "group": "3",
        "title": (
            "Truyền thông quảng bá lồng ghép qua các hoạt động và sự kiện kinh tế, chính trị "
            "đối ngoại khâu nối các hoạt động ngoại giao văn hóa trong và ngoài tỉnh qua các "
            "diễn đàn, tọa đàm hội nghị, hội thảo, hội chợ triển lãm xúc tiến đầu tư thương "
            "mại du lịch trong và ngoài nước."
        ),
        "lead_printed": "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": ["Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"],
        "coordinating": [ALL],
        "timeframe": {"printed": "2024 - 2030", "start": 2024, "end": 2030, "recurrence": "once"},
    },
    {
        "number": "3.7",
        "group": "3",
        "title": "Tổ chức các cuộc thi ảnh, thi viết để quảng bá hình ảnh tỉnh Nghệ An",
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "2024 - 2026", "start": 2024, "end": 2026, "recurrence": "once"},
    },
    {
        "number": "3.8",
        "group": "3",
        "title": (
            "Xây dựng mẫu sản phẩm lưu niệm quà tặng và thiết kế bộ nhận diện biểu tượng mang"
            " biểu trưng (logo), khẩu hiệu (slogan) của tỉnh"
        ),
        "lead_printed": "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh",
        "coordinating_printed": "Các Sở: Du lịch, Công Thương, Văn hóa và thể thao",
        "lead": ["Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"],
        "coordinating": ["Sở Du lịch", "Sở Công Thương", "Sở Văn hóa và thể thao"],
        "timeframe": {"printed": "2024 - 2025", "start": 2024, "end": 2025, "recurrence": "once"},
    },
    {
        "number": "3.9",
        "group": "3",
        "title": (
            "Xuất bản, phát hành ấn phẩm thông tin đối ngoại; đẩy mạnh hợp tác quốc tế để "
            "truyền thông, quảng bá hình ảnh của tỉnh."
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "4.1",
        "group": "4",
        "title": (
            "Tập huấn kỹ năng nhận diện, đấu tranh, phản bác với các âm mưu, thủ đoạn của các"
            " thế lực thù địch, đối tượng phản động, cơ hội chính trị cho cán bộ làm công tác"
            " thông tin đối ngoại"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "4.2",
        "group": "4",
        "title": "Xây dựng lực lượng phản ứng nhanh trên không gian mạng",
        "lead_printed": "Công an tỉnh",
        "coordinating_printed": "Sở Thông tin và Truyền thông, các sở, ngành, địa phương",
        "lead": ["Công an tỉnh"],
        "coordinating": [TTTT, ALL_LOWER],
        "timeframe": {"printed": "2024 - 2025", "start": 2024, "end": 2025, "recurrence": "once"},
    },
    {
        "number": "4.3",
        "group": "4",
        "title": (
            "Chủ động cung cấp thông tin kịp thời, chính thống cho báo chí trong nước, báo "
            "chí nước ngoài nhằm giải thích, làm rõ, đấu tranh phản bác các thông tin sai "
            "lệch ảnh hưởng đến uy tín, hình ảnh của tỉnh"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "4.4",
        "group": "4",
        "title": (
            "Tăng cường cung cấp thông tin tích cực, chính thống về tình hình phát triển kinh"
            " tế - xã hội của tỉnh Nghệ An trên các phương tiện truyền thông đại chúng và nền"
            " tảng số trong và ngoài nước"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "4.5",
        "group": "4",
        "title": (
            "Theo dõi và tổng hợp dư luận báo chí phản ánh về tỉnh để nắm bắt, tham mưu chỉ "
            "đạo,triển khai kịp thời các biện pháp thông tin, tuyên truyền, giải thích, làm "
            "rõ các thông tin sai lệch ảnh hưởng đến uy tín, hình ảnh của tỉnh"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": [ALL],
        "timeframe": {"printed": "hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "5.1",
        "group": "5",
        "title": (
            "Tăng cường đầu tư, hiện đại hóa cơ sở vật chất, kỹ thuật, chú trọng chuyển đổi "
            "số, nâng cao hiệu quả hệ thống cụm thông tin đối ngoại tại khu vực cửa khẩu quốc"
            " tế phục vụ các hoạt động thông tin đối ngoại"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": (
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh, các sở, ngành, địa phương liên quan"
        ),
        "lead": [TTTT],
        "coordinating": [
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "các sở, ngành, địa phương liên quan",
        ],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "5.2",
        "group": "5",
        "title": (
            "Xây dựng các kênh phát thanh, truyền hình, trang thông tin bằng tiếng nước ngoài"
            " để quảng bá, giới thiệu những tiềm năng, thế mạnh của tỉnh đến với bạn bè quốc "
            "tế, qua đó, kêu gọi, thu hút đầu tư vào tỉnh."
        ),
        "lead_printed": "Đài Phát thanh và Truyền hình tỉnh",
        "coordinating_printed": "Sở Thông tin và Truyền thông",
        "lead": ["Đài Phát thanh và Truyền hình tỉnh"],
        "coordinating": [TTTT],
        "timeframe": {"printed": "2024-2026", "start": 2024, "end": 2026, "recurrence": "once"},
    },
    {
        "number": "5.3",
        "group": "5",
        "title": (
            "Bố trí cán bộ kiêm nhiệm làm công tác thông tin đối ngoại phù hợp với vị trí "
            "việc làm theo điều kiện của từng sở, ngành, địa phương"
        ),
        "lead_printed": "Sở Nội vụ",
        "coordinating_printed": "Sở Thông tin và Truyền thông và các sở, ngành, địa phương",
        "lead": ["Sở Nội vụ"],
        "coordinating": [TTTT, ALL_LOWER],
        "timeframe": {"printed": "2024", "start": 2024, "end": 2024, "recurrence": "once"},
    },
    {
        "number": "5.4",
        "group": "5",
        "title": (
            "Phát huy vai trò của cộng đồng người Nghệ An ở các tỉnh, thành trong nước và ở "
            "nước ngoài, nhất là giới trẻ, lực lượng trí thức trẻ người Nghệ An ở nước ngoài "
            "để đóng góp cho việc quảng bá hình ảnh Nghệ An, góp phần phát triển kinh tế xã "
            "hội của tỉnh"
        ),
        "lead_printed": "Các Sở: Ngoại vụ, Nội vụ; Tỉnh đoàn",
        "coordinating_printed": "Sở Thông tin và Truyền thông và các sở, ngành, địa phương",
        "lead": ["Sở Ngoại vụ", "Sở Nội vụ", "Tỉnh đoàn"],
        "coordinating": [TTTT, ALL_LOWER],
        "timeframe": {"printed": "Hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "5.5",
        "group": "5",
        "title": (
            "Thường xuyên, tổ chức tập huấn, bồi dưỡng nghiệp vụ cho đội ngũ cán bộ kiêm "
            "nhiệm làm công tác thông tin đối ngoại để nâng cao trình độ chuyên môn, kinh "
            "nghiệm thực tế thực hiện tốt nhiệm vụ công tác thông tin đối ngoại của tỉnh"
        ),
        "lead_printed": "Sở Thông tin và Truyền thông",
        "coordinating_printed": "Sở Nội vụ , các sở, ngành, địa phương",
        "lead": [TTTT],
        "coordinating": ["Sở Nội vụ", ALL_LOWER],
        "timeframe": {"printed": "hằng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
    {
        "number": "5.6",
        "group": "5",
        "title": (
            "Khuyến khích xã hội hóa phát triển các cơ sở văn hóa, du lịch tại các địa bàn có"
            " vị trí chiến lược về đối ngoại, thông tin đối ngoại và các trung tâm kinh tế "
            "động lực của tỉnh."
        ),
        "lead_printed": "Sở Du lịch ; Sở Văn hóa và Thể thao",
        "coordinating_printed": "các sở, ngành, địa phương",
        "lead": ["Sở Du lịch", "Sở Văn hóa và Thể thao"],
        "coordinating": [ALL_LOWER],
        "timeframe": {"printed": "Hàng năm", "start": None, "end": None, "recurrence": "yearly"},
    },
]

TASKS_BY_NUMBER = {task["number"]: task for task in TASKS}
