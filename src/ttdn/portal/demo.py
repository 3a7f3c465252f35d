"""Demo content for a trial install: a small, realistic set of published works, made through
the catalog's own services (create, translate, attach files, submit, approve and publish)
by the demo coordinator, so that the portal has something to show on first start.

Some works exist in Vietnamese, English and Lao, some in one language only. The Lao text
is short and factual (place names and one-sentence summaries); every Lao word was checked
against the Lao word lists in shared/fixtures/lao (benchmarks/portal_lao_words.py). The
pictures are drawn here (illustrations, not photographs) so that no file is downloaded.
Every body ends with a line saying it is demonstration content.
"""

from __future__ import annotations

import datetime
import random
import zlib
from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageFont

from ttdn.accounts.choices import Role
from ttdn.accounts.models import User
from ttdn.agencies.models import Agency
from ttdn.catalog.choices import ItemStatus
from ttdn.catalog.models import Item, ItemHistory, Topic
from ttdn.catalog.services import items as catalog
from ttdn.catalog.services.media import media_add
from ttdn.portal.choices import Section
from ttdn.portal.models import Placement

VIA = "portal demo"
NOTE = {
    "vi": "<p><em>Nội dung minh họa của bản cài đặt thử.</em></p>",
    "en": "<p><em>Demonstration content of a trial installation.</em></p>",
    "lo": "<p><em>ເນື້ອໃນຕົວຢ່າງ.</em></p>",
}
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


# (key, kind, agency, topics, day offset, versions {lang: (title, summary, body)}, picture,
#  captions (Vietnamese, for the files attached to the first version), section)
WORKS = [
    (
        "partners",
        "article",
        "so-ngoai-vu",
        ["vietnam-laos", "foreign-affairs", "border"],
        -3,
        {
            "vi": (
                "Nghệ An và các tỉnh bạn Lào tăng cường hợp tác toàn diện",
                "Nghệ An có chung 468,281 km đường biên giới với ba tỉnh của Lào và quan hệ "
                "hợp tác với bảy tỉnh bạn, từ thương mại, giáo dục đến giao lưu nhân dân.",
                _p(
                    "Đường biên giới dài 468,281 km nối Nghệ An với ba tỉnh Hủa Phăn, Xiêng "
                    "Khoảng và Bôlykhămxay. Bên cạnh ba tỉnh giáp biên, Nghệ An còn hợp tác với "
                    "Viêng Chăn, Khăm Muộn, Savannakhet và Xaysổmbun.",
                    "Hai bên duy trì 21 cặp bản kết nghĩa dọc biên giới, phối hợp quản lý "
                    "biên giới, đào tạo nguồn nhân lực và phát triển thương mại qua các cửa "
                    "khẩu, trong đó có cửa khẩu quốc tế Nậm Cắn.",
                ),
            ),
            "en": (
                "Nghệ An and its Lao partner provinces deepen cooperation",
                "Nghệ An shares a 468.281 km border with three Lao provinces and works with "
                "seven partner provinces, from trade and education to people-to-people ties.",
                _p(
                    "The 468.281 km land border links Nghệ An with Houaphanh, Xiengkhouang and "
                    "Bolikhamxay. Beyond these three neighbours, the province also works with "
                    "Vientiane, Khammouane, Savannakhet and Xaysomboun.",
                    "The two sides keep 21 twinned village pairs along the border and work "
                    "together on border management, training and trade through the border "
                    "gates, among them the Nậm Cắn international gate.",
                ),
            ),
            "lo": (
                "ແຂວງເງ້ອານ ແລະ ບັນດາແຂວງຂອງລາວ ເພີ່ມທະວີການຮ່ວມມື",
                "ແຂວງເງ້ອານ ມີຊາຍແດນຕິດກັບ 3 ແຂວງຂອງລາວ: ຫົວພັນ, ຊຽງຂວາງ ແລະ ບໍລິຄຳໄຊ.",
                _p("ຊາຍແດນລະຫວ່າງສອງຝ່າຍ ຍາວ 468,281 ກິໂລແມັດ."),
            ),
        },
        "mountains",
        ["Dãy núi biên giới Việt Nam – Lào phía tây tỉnh (tranh minh họa)"],
        Section.HIGHLIGHT,
    ),
    (
        "kim-lien",
        "photo_album",
        "so-vhttdl",
        ["ho-chi-minh", "culture-heritage", "tourism"],
        -10,
        {
            "vi": (
                "Kim Liên – quê hương Chủ tịch Hồ Chí Minh",
                "Làng Sen và làng Hoàng Trù ở xã Kim Liên đón hàng triệu lượt khách mỗi năm "
                "đến thăm nơi Chủ tịch Hồ Chí Minh sinh ra và lớn lên.",
                _p(
                    "Khu di tích Kim Liên gồm quê nội (làng Sen) và quê ngoại (làng Hoàng Trù) "
                    "của Chủ tịch Hồ Chí Minh, với những ngôi nhà tranh, giếng nước và ao sen "
                    "được giữ gìn như xưa.",
                ),
            ),
            "en": (
                "Kim Liên, President Hồ Chí Minh's home village",
                "Sen and Hoàng Trù villages in Kim Liên commune welcome visitors from all over "
                "the world to the place where President Hồ Chí Minh was born and grew up.",
                _p(
                    "The Kim Liên relic site covers his father's village (Sen) and his mother's "
                    "(Hoàng Trù), with thatched houses, wells and lotus ponds kept as they were.",
                ),
            ),
            "lo": (
                "ບ້ານເກີດຂອງປະທານໂຮ່ຈີມິນ",
                "ບ້ານເກີດຂອງປະທານໂຮ່ຈີມິນ ຢູ່ແຂວງເງ້ອານ.",
                "",
            ),
        },
        "lotus",
        [
            "Ao sen trước nhà (tranh minh họa)",
            "Nhà tranh làng Sen (tranh minh họa)",
            "Lối vào khu di tích (tranh minh họa)",
        ],
        Section.HIGHLIGHT,
    ),
    (
        "trade-fair",
        "event",
        "xuc-tien-dt-tm-dl",
        ["vietnam-laos", "investment", "local-products"],
        20,
        {
            "vi": (
                "Hội chợ Thương mại Việt – Lào 2026 tại Nghệ An",
                "Doanh nghiệp hai nước giới thiệu nông sản, hàng thủ công và sản phẩm OCOP; "
                "hội chợ mở cửa tự do cho mọi người.",
                _p(
                    "Hội chợ có khu gian hàng của các tỉnh bạn Lào, khu sản phẩm OCOP của Nghệ "
                    "An và các buổi gặp gỡ giữa doanh nghiệp hai bên.",
                ),
            ),
            "en": (
                "Việt Nam–Laos Trade Fair 2026 in Nghệ An",
                "Businesses from both countries show farm produce, handicrafts and OCOP "
                "products; entry is free for everyone.",
                _p(
                    "The fair has stands from the partner provinces in Laos, a hall of Nghệ An's "
                    "OCOP products and meetings between businesses from both sides.",
                ),
            ),
            "lo": (
                "ງານວາງສະແດງສິນຄ້າ ຫວຽດນາມ - ລາວ 2026 ທີ່ແຂວງເງ້ອານ",
                "ງານວາງສະແດງສິນຄ້າ ຂອງວິສາຫະກິດ ຫວຽດນາມ ແລະ ລາວ.",
                "",
            ),
        },
        "fair",
        ["Gian hàng hội chợ (tranh minh họa)"],
        Section.HIGHLIGHT,
    ),
    (
        "pu-mat",
        "video",
        "bao-dai-ptth",
        ["tourism", "environment"],
        -7,
        {
            "vi": (
                "Khám phá Vườn quốc gia Pù Mát",
                "Phóng sự về khu rừng nguyên sinh rộng lớn ở phía tây Nghệ An, một phần của "
                "Khu dự trữ sinh quyển miền Tây Nghệ An.",
                _p(
                    "Vườn quốc gia Pù Mát nổi tiếng với thác Khe Kèm, suối Đá Bàn và hệ động "
                    "thực vật phong phú. Phóng sự được phát trên sóng truyền hình của tỉnh.",
                ),
            ),
            "en": (
                "Discovering Pù Mát National Park",
                "A report on the great primary forest in western Nghệ An, part of the Western "
                "Nghệ An Biosphere Reserve.",
                _p(
                    "Pù Mát National Park is known for the Khe Kèm waterfall, the Đá Bàn stream "
                    "and its rich wildlife. The report was broadcast on the province's television.",
                ),
            ),
        },
        "forest",
        ["Rừng Pù Mát (tranh minh họa)"],
        None,
    ),
    (
        "invest",
        "publication",
        "xuc-tien-dt-tm-dl",
        ["investment", "infrastructure"],
        -20,
        {
            "vi": (
                "Nghệ An – điểm đến đầu tư",
                "Ấn phẩm giới thiệu hạ tầng, khu kinh tế, khu công nghiệp và chính sách ưu "
                "đãi đầu tư của tỉnh.",
                _p("Ấn phẩm có bản tiếng Việt và tiếng Anh, tải về dưới dạng PDF."),
            ),
            "en": (
                "Nghệ An: a destination for investment",
                "A brochure on the province's infrastructure, economic zone, industrial parks "
                "and investment incentives.",
                _p("The brochure exists in Vietnamese and English, to download as a PDF."),
            ),
        },
        "pdf",
        [],
        None,
    ),
    (
        "contest",
        "event",
        "so-vhttdl",
        ["people", "culture-heritage"],
        45,
        {
            "vi": (
                "Cuộc thi ảnh “Nghệ An – Đất và Người” 2026",
                "Cuộc thi mở cho mọi người chụp ảnh về thiên nhiên, con người và văn hóa "
                "Nghệ An; ngày ghi trên trang là ngày trao giải.",
                _p(
                    "Mỗi người gửi tối đa năm ảnh. Những ảnh đoạt giải được dùng để giới thiệu "
                    "tỉnh trên cổng thông tin và trong các ấn phẩm đối ngoại.",
                ),
            ),
            "en": (
                "“Nghệ An: Land and People” photo contest 2026",
                "Open to everyone: photographs of Nghệ An's nature, people and culture; the "
                "date on this page is the award ceremony.",
                _p(
                    "Each person may send up to five photographs. Winning pictures will present "
                    "the province on this portal and in its publications for readers abroad.",
                ),
            ),
        },
        "sunset",
        ["Hoàng hôn trên sông Lam (tranh minh họa)"],
        Section.CONTEST,
    ),
    (
        "press-visit",
        "document",
        "so-vhttdl",
        ["foreign-affairs", "tourism"],
        -5,
        {
            "vi": (
                "Thông cáo báo chí: Đoàn phóng viên nước ngoài tìm hiểu du lịch Nghệ An",
                "Đoàn phóng viên của các cơ quan báo chí nước ngoài thăm Kim Liên, Cửa Lò và "
                "Vườn quốc gia Pù Mát trong ba ngày.",
                _p(
                    "Chương trình do Sở Văn hóa, Thể thao và Du lịch tổ chức, nhằm giới thiệu "
                    "các điểm đến của tỉnh với bạn đọc nước ngoài.",
                ),
            ),
            "en": (
                "Press release: foreign reporters discover Nghệ An's tourism",
                "Reporters from foreign media visit Kim Liên, Cửa Lò and Pù Mát National Park "
                "over three days.",
                _p(
                    "The programme is organised by the Department of Culture, Sports and Tourism "
                    "to present the province's destinations to readers abroad.",
                ),
            ),
        },
        None,
        [],
        Section.PRESS_RELEASE,
    ),
    (
        "nam-can",
        "document",
        "so-ngoai-vu",
        ["border"],
        -2,
        {
            "vi": (
                "Thông tin chính thức: Cửa khẩu quốc tế Nậm Cắn hoạt động bình thường",
                "Cửa khẩu quốc tế Nậm Cắn vẫn làm thủ tục xuất nhập cảnh và hàng hóa như "
                "thường lệ; thông tin cửa khẩu bị đóng là không chính xác.",
                _p(
                    "Người và phương tiện qua lại cửa khẩu theo giờ làm việc thông thường. Mọi "
                    "thay đổi sẽ được thông báo trên cổng thông tin này.",
                ),
            ),
            "en": (
                "Official information: the Nậm Cắn international border gate operates normally",
                "The Nậm Cắn international gate clears people and goods as usual; reports that "
                "it has closed are not accurate.",
                _p(
                    "People and vehicles cross during the usual opening hours. Any change will "
                    "be announced on this portal.",
                ),
            ),
        },
        None,
        [],
        Section.CLARIFICATION,
    ),
    (
        "students",
        "article",
        "so-ngoai-vu",
        ["vietnam-laos", "education-science"],
        -6,
        {
            "lo": (
                "ແຂວງເງ້ອານ ແລະ ແຂວງຊຽງຂວາງ ຮ່ວມມືດ້ານການສຶກສາ",
                "ນັກສຶກສາລາວ ຈຳນວນຫຼາຍ ກຳລັງຮຽນຢູ່ແຂວງເງ້ອານ.",
                "",
            ),
        },
        "campus",
        [],
        None,
    ),
    (
        "investor-guide",
        "article",
        "xuc-tien-dt-tm-dl",
        ["investment"],
        -8,
        {
            "en": (
                "Investor guide: setting up in the Southeast Nghệ An Economic Zone",
                "What an investor needs to know: land, procedures, incentives and the contacts "
                "of the province's one-stop service.",
                _p(
                    "The economic zone combines a deep-water port, industrial parks and urban "
                    "areas. Procedures for an investment certificate are handled at one place.",
                    "This guide is published in English for investors abroad.",
                ),
            ),
        },
        "port",
        [],
        None,
    ),
    (
        "chao-luon",
        "article",
        "so-vhttdl",
        ["cuisine"],
        -12,
        {
            "vi": (
                "Cháo lươn – món quà sáng của người xứ Nghệ",
                "Bát cháo lươn nóng với rau răm, hành lá và chút ớt là món ăn sáng quen thuộc "
                "của Vinh và nhiều vùng quê Nghệ An.",
                _p(
                    "Lươn đồng được làm sạch, xào săn với nghệ và hành, rồi cho vào nồi cháo "
                    "nấu từ gạo thơm. Món ăn được bán từ sáng sớm ở khắp các phường, xã.",
                ),
            ),
        },
        "bowl",
        ["Bát cháo lươn (tranh minh họa)"],
        None,
    ),
    (
        "cua-lo",
        "article",
        "so-vhttdl",
        ["tourism", "environment"],
        -15,
        {
            "vi": (
                "Biển Cửa Lò vào mùa du lịch",
                "Bãi biển Cửa Lò với cát mịn và nước trong là điểm đến mùa hè quen thuộc của "
                "du khách trong và ngoài nước.",
                _p(
                    "Cửa Lò có bãi tắm dài, đảo Lan Châu và nhiều món hải sản tươi. Phường Cửa "
                    "Lò giữ tên gọi quen thuộc sau khi sắp xếp đơn vị hành chính năm 2025.",
                ),
            ),
            "en": (
                "Cửa Lò beach in the holiday season",
                "With fine sand and clear water, Cửa Lò beach is a favourite summer destination "
                "for visitors from home and abroad.",
                _p(
                    "Cửa Lò has a long beach, Lan Châu island and plenty of fresh seafood. Cửa "
                    "Lò ward kept its well-known name after the 2025 reorganisation.",
                ),
            ),
        },
        "sea",
        ["Biển Cửa Lò (tranh minh họa)"],
        None,
    ),
]


# Pictures -------------------------------------------------------------------------------

PALETTES = {
    "mountains": ("#f4c27a", "#e98a5b", ["#4c6a5a", "#35503f", "#22382b"]),
    "lotus": ("#cfe7f2", "#9cc9dc", ["#3f7f5a", "#2f6a4a"]),
    "fair": ("#ffe2a8", "#f7b267", ["#c0392b", "#2e86ab", "#f6c85f"]),
    "forest": ("#cde6c8", "#8fbf7f", ["#2f5d3a", "#1f4529", "#143020"]),
    "sunset": ("#ffb36b", "#e0594a", ["#5b3a4a", "#3b2532"]),
    "campus": ("#d6e6f5", "#a8c6e6", ["#7a5c45", "#5c4533"]),
    "port": ("#cfe3f0", "#93bcd8", ["#44647c", "#2c4456"]),
    "bowl": ("#f7e7cf", "#edd2a8", ["#b5652b", "#8a4a1c"]),
    "sea": ("#bfe3f5", "#7cc3e6", ["#1f6f9a", "#14557a"]),
}


def _illustration(name: str, seed: int) -> bytes:
    """A flat landscape drawn from a palette: sky, sun, three layers of hills or waves."""
    rng = random.Random(seed)
    top, bottom, layers = PALETTES[name]
    width, height = 1600, 900
    sky = Image.new("RGB", (1, 2), top)
    sky.putpixel((0, 1), ImageColor.getrgb(bottom))
    image = sky.resize((width, height), Image.BILINEAR)
    draw = ImageDraw.Draw(image)
    sun = (rng.randint(200, 1400), rng.randint(120, 300))
    draw.ellipse([sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70], fill="#fff4d0")
    for depth, colour in enumerate(layers):
        base = int(height * (0.45 + 0.17 * depth))
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base + rng.randint(-90, 60) // (depth + 1)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    if name in ("lotus", "fair", "bowl"):
        for _ in range(9 if name != "bowl" else 1):
            x, y = rng.randint(100, 1500), rng.randint(560, 820)
            size = 60 if name != "bowl" else 260
            accent = "#f28fb0" if name == "lotus" else rng.choice(["#fff4d0", "#f6c85f", "#ffffff"])
            draw.ellipse([x - size, y - size // 2, x + size, y + size // 2], fill=accent)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def _brochure(title: str) -> bytes:
    """A one-page PDF drawn with Pillow."""
    page = Image.new("RGB", (1240, 1754), "#ffffff")
    draw = ImageDraw.Draw(page)
    draw.rectangle([0, 0, 1240, 420], fill="#9a1c1f")
    try:
        font = ImageFont.truetype(str(FONT), 64)
        small = ImageFont.truetype(str(FONT), 36)
    except OSError:
        font = small = ImageFont.load_default()
    draw.text((80, 150), title, font=font, fill="#ffffff")
    draw.text((80, 520), "Nghệ An — investment · đầu tư", font=small, fill="#1c1b1a")
    buffer = BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return buffer.getvalue()


# Loading --------------------------------------------------------------------------------


def _coordinator():
    return User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()


def _already_loaded() -> bool:
    return ItemHistory.objects.filter(via=VIA).exists()


def demo_content_load() -> int:
    """Create the demo works when nothing is published yet; returns how many were made."""
    if Item.objects.filter(status=ItemStatus.PUBLISHED).exists() or _already_loaded():
        return 0
    actor = _coordinator()
    if actor is None:
        return 0
    with transaction.atomic():
        made = sum(_work(actor, *spec) for spec in WORKS)
        _scheduled(actor)
    return made


def _publish(actor, item: Item) -> Item:
    item = catalog.item_submit(actor=actor, item=item, via=VIA)
    return catalog.item_approve_and_publish(actor=actor, item=item)


def _work(actor, key, kind, agency_code, topics, offset, versions, art, captions, section) -> int:
    agency = Agency.objects.filter(code=agency_code).first() or Agency.objects.get(code="ubnd-tinh")
    topic_rows = list(Topic.objects.filter(code__in=topics))
    day = timezone.localdate() + datetime.timedelta(days=offset)
    source = None
    for lang, (title, summary, body) in versions.items():
        data = {
            "title": title,
            "summary": summary,
            "body": (body or "") + NOTE[lang],
            "language": lang,
            "kind": kind,
            "published_on": day,
            "topics": topic_rows,
            "credits": "TTĐN demo",
        }
        if source is None:
            item = catalog.item_create(actor=actor, agency=agency, data=data, via=VIA)
            source = item
            _files(actor, item, key, art, captions, title)
        else:
            item = catalog.translation_create(actor=actor, source=source, data=data, via=VIA)
        _publish(actor, item)
    if section:
        Placement.objects.get_or_create(
            section=section,
            translation_key=source.translation_key,
            defaults={"position": Placement.objects.filter(section=section).count()},
        )
    return 1


def _files(actor, item, key, art, captions, title) -> None:
    if art == "pdf":
        upload = SimpleUploadedFile(f"{key}.pdf", _brochure(title), "application/pdf")
        media_add(actor=actor, item=item, upload=upload)
        art, captions = "port", ["Cảng biển (tranh minh họa)"]
    if not art:
        return
    for index, caption in enumerate(captions or [""]):
        data = _illustration(art, seed=zlib.crc32(f"{key}-{index}".encode()))
        upload = SimpleUploadedFile(f"{key}-{index + 1}.jpg", data, "image/jpeg")
        media_add(actor=actor, item=item, upload=upload, caption=caption)


def _scheduled(actor) -> None:
    """One work scheduled a few days ahead, one approved and waiting (for the editorial page)."""
    from ttdn.portal.services import item_schedule

    agency = Agency.objects.get(code="so-vhttdl")
    topic_rows = list(Topic.objects.filter(code__in=["culture-heritage", "vietnam-laos"]))
    week = timezone.localdate() + datetime.timedelta(days=3)
    item = catalog.item_create(
        actor=actor,
        agency=agency,
        data={
            "title": "Tuần Văn hóa Nghệ An tại Viêng Chăn",
            "summary": "Nghệ thuật, ẩm thực và sản phẩm của Nghệ An giới thiệu với bạn bè Lào.",
            "body": _p("Chương trình gồm biểu diễn dân ca ví, giặm và triển lãm ảnh.") + NOTE["vi"],
            "language": "vi",
            "kind": "event",
            "published_on": week,
            "topics": topic_rows,
        },
        via=VIA,
    )
    item = catalog.item_submit(actor=actor, item=item, via=VIA)
    item = catalog.item_approve(actor=actor, item=item)
    at = timezone.make_aware(datetime.datetime.combine(week, datetime.time(8, 0)))
    item_schedule(actor=actor, item=item, at=at)
    waiting = catalog.item_create(
        actor=actor,
        agency=Agency.objects.filter(code="xuc-tien-dt-tm-dl").first() or agency,
        data={
            "title": "Danh mục dự án kêu gọi đầu tư năm 2027",
            "summary": "Các dự án tỉnh kêu gọi đầu tư trong năm 2027, theo lĩnh vực.",
            "body": _p("Danh mục gồm các dự án hạ tầng, công nghiệp, du lịch.") + NOTE["vi"],
            "language": "vi",
            "kind": "document",
            "topics": list(Topic.objects.filter(code="investment")),
        },
        via=VIA,
    )
    catalog.item_approve(actor=actor, item=catalog.item_submit(actor=actor, item=waiting, via=VIA))
