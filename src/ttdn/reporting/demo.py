"""Demo data: a realistic year 2024 of plan 978, so a new user sees a living dashboard.

Most agencies reported (some late), a few reports were returned and corrected, two are
still returned, some agencies never reported; a few sections cite items of the
foreign-information database (made here, approved, dated 2024). Texts are plausible
Vietnamese written for the demo; every figure is random (seeded, so each demo install is
the same). People are fictional. Safe to run again: a period that already has reports is
left alone, and the database items are made once.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.agencies.models import Agency
from ttdn.catalog.models import Item, ItemHistory
from ttdn.plans.models import Plan, Task
from ttdn.reporting.choices import PeriodKind, ReportStatus, SectionStatus
from ttdn.reporting.models import (
    AgencyReport,
    Evidence,
    IndicatorType,
    IndicatorValue,
    Obligation,
    ReportEvent,
    ReportingPeriod,
    ReportSection,
)
from ttdn.reporting.services.consolidated import consolidated_build
from ttdn.reporting.services.reports import _fingerprint, document_code

RESULTS = {
    "1": [
        "Tổ chức {a} hội nghị quán triệt Kết luận số 57-KL/TW và Kế hoạch số 199-KH/TU cho {b} "
        "lượt cán bộ, công chức, viên chức; đăng tải {c} tin, bài trên trang thông tin điện tử "
        "của đơn vị.",
        "Phổ biến các văn bản về thông tin đối ngoại qua hệ thống thông tin cơ sở với {c} lượt "
        "phát thanh; lồng ghép nội dung vào {a} buổi sinh hoạt chi bộ.",
    ],
    "2": [
        "Ban hành kế hoạch thông tin đối ngoại năm 2024 của đơn vị; phân công {a} cán bộ kiêm "
        "nhiệm theo dõi, tổng hợp. Phối hợp cung cấp thông tin cho báo chí tại {b} cuộc họp báo, "
        "trả lời {c} phản ánh của báo chí đúng thời hạn.",
        "Kiểm tra {a} đơn vị trực thuộc về việc thực hiện quy định phát ngôn và cung cấp thông "
        "tin cho báo chí; không phát hiện vi phạm.",
    ],
    "3": [
        "Sản xuất {a} phóng sự, video giới thiệu tiềm năng, thế mạnh của địa phương, trong đó "
        "{b} sản phẩm có phụ đề tiếng Anh và tiếng Lào; đăng tải {c} tin, bài quảng bá trên các "
        "nền tảng số.",
        "Đón tiếp {a} đoàn khách quốc tế, phối hợp tổ chức {b} sự kiện xúc tiến đầu tư, du lịch; "
        "phát hành {c} ấn phẩm giới thiệu bằng tiếng nước ngoài.",
    ],
    "4": [
        "Cử {a} cán bộ tham gia lớp tập huấn kỹ năng nhận diện, phản bác thông tin sai lệch; "
        "theo dõi, tổng hợp {c} tin, bài báo chí phản ánh về lĩnh vực phụ trách và kịp thời cung "
        "cấp thông tin chính thống.",
        "Chủ động cung cấp {c} tin, bài về kết quả phát triển kinh tế - xã hội cho các cơ quan "
        "báo chí trong và ngoài nước; phối hợp làm rõ {a} thông tin chưa chính xác.",
    ],
    "5": [
        "Bố trí {a} cán bộ kiêm nhiệm làm công tác thông tin đối ngoại; tổ chức {b} lớp bồi "
        "dưỡng nghiệp vụ với {c} lượt người tham dự.",
        "Vận động cộng đồng người Nghệ An ở nước ngoài tham gia {a} hoạt động quảng bá hình ảnh "
        "quê hương; huy động nguồn lực xã hội hóa cho {b} công trình văn hóa.",
    ],
}
DIFFICULTIES = [
    "Cán bộ làm công tác thông tin đối ngoại chủ yếu kiêm nhiệm, chưa được đào tạo chuyên sâu.",
    "Kinh phí dành cho hoạt động thông tin đối ngoại còn hạn chế, chưa có định mức riêng.",
    "Thiếu nhân lực có trình độ ngoại ngữ để biên dịch sản phẩm sang tiếng Anh, tiếng Lào.",
    "",
    "",
]
PROPOSALS = [
    "Đề nghị Sở Văn hóa, Thể thao và Du lịch tổ chức thêm lớp tập huấn nghiệp vụ cho cán bộ "
    "cấp xã.",
    "Đề nghị UBND tỉnh bố trí kinh phí riêng cho việc sản xuất sản phẩm thông tin đối ngoại.",
    "Đề nghị xây dựng cơ sở dữ liệu dùng chung để các đơn vị khai thác hình ảnh, tư liệu.",
    "",
]
RETURN_COMMENTS = [
    "Đề nghị bổ sung số liệu cụ thể về số tin, bài và số lượt người tham gia.",
    "Báo cáo chưa nêu kết quả thực hiện nhiệm vụ 4.3; đề nghị bổ sung.",
]
# Items of the foreign-information database the demo reports cite as evidence: (agency,
# tasks served, kind, publication date, {language: (title, summary)}). They are approved,
# not published: the portal loads its own demo works only into a catalog with nothing
# published, and an agency may cite its own approved items (ADR 0012).
DEMO_VIA = "reporting demo"
DEMO_NOTE = "<p><em>Nội dung minh họa của bản cài đặt thử.</em></p>"
EVIDENCE_ITEMS = [
    (
        "so-tttt",
        ["3.2"],
        "video",
        datetime.date(2024, 4, 18),
        {
            "vi": (
                "Phóng sự “Nghệ An – miền đất hội tụ” (phụ đề tiếng Anh, tiếng Lào)",
                "Phóng sự 15 phút giới thiệu tiềm năng đầu tư, du lịch của Nghệ An.",
            ),
            "en": (
                "Documentary “Nghệ An, a land where opportunities meet”",
                "A 15-minute documentary on investment and tourism in Nghệ An.",
            ),
            "lo": ("ແຂວງເງ້ອານ 2024", ""),
        },
    ),
    (
        "so-tttt",
        ["3.4"],
        "infographic",
        datetime.date(2024, 7, 5),
        {
            "vi": (
                "Infographic: kinh tế - xã hội Nghệ An sáu tháng đầu năm 2024",
                "Các chỉ số chính về tăng trưởng, thu hút đầu tư và xuất khẩu.",
            )
        },
    ),
    (
        "so-tttt",
        ["3.9"],
        "publication",
        datetime.date(2024, 9, 20),
        {
            "vi": (
                "Ấn phẩm “Nghệ An – tiềm năng và cơ hội đầu tư” song ngữ Việt – Anh",
                "Ấn phẩm 48 trang phát tại các hội nghị xúc tiến đầu tư.",
            ),
            "en": (
                "Nghệ An: potential and investment opportunities (booklet)",
                "A 48-page booklet handed out at investment promotion conferences.",
            ),
        },
    ),
    (
        "so-tttt",
        ["2.4", "4.3"],
        "article",
        datetime.date(2024, 11, 12),
        {
            "vi": (
                "Đưa vào sử dụng cơ sở dữ liệu về thông tin đối ngoại của tỉnh",
                "Cơ sở dữ liệu dùng chung giúp các đơn vị khai thác hình ảnh, tư liệu.",
            )
        },
    ),
    (
        "huyen-417",
        ["1.2"],
        "article",
        datetime.date(2024, 8, 30),
        {
            "vi": (
                "Kỳ Sơn tuyên truyền về quan hệ hữu nghị đặc biệt Việt Nam – Lào",
                "Tin, bài trên trang thông tin điện tử và hệ thống truyền thanh của huyện.",
            )
        },
    ),
]
FATES = (
    ["accepted"] * 70
    + ["late"] * 12
    + ["returned_then_accepted"] * 6
    + ["missing"] * 9
    + ["still_returned"] * 3
)


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _section_values(task, rng: random.Random) -> dict:
    roll = rng.random()
    status = (
        SectionStatus.DONE
        if roll < 0.8
        else SectionStatus.IN_PROGRESS
        if roll < 0.95
        else SectionStatus.NOT_APPLICABLE
    )
    template = rng.choice(RESULTS.get(task.number.split(".")[0], RESULTS["1"]))
    text = template.format(a=rng.randint(1, 6), b=rng.randint(2, 30), c=rng.randint(10, 160))
    return {
        "status": status,
        "progress": 100 if status == SectionStatus.DONE else rng.choice([40, 50, 60, 70, 80]),
        "results": f"<p>{text}</p>" if status != SectionStatus.NOT_APPLICABLE else "",
        "difficulties": rng.choice(DIFFICULTIES),
        "proposals": rng.choice(PROPOSALS),
    }


@transaction.atomic
def demo_year_load(*, period: ReportingPeriod, seed: int = 978) -> int:
    """Fill one period with reports; return how many were created."""
    if AgencyReport.objects.filter(period=period).exists():
        return 0
    rng = random.Random(seed)
    coordinator = User.objects.filter(role="coordinator").first()
    indicators = list(IndicatorType.objects.all())
    owed: dict = {}
    for obligation in (
        Obligation.objects.filter(period=period, waived=False)
        .select_related("agency", "task")
        .order_by("agency__name", "task__position")
    ):
        owed.setdefault(obligation.agency, []).append(obligation.task)
    cited = _evidence_items(coordinator, period)
    created = 0
    for sequence, (agency, tasks) in enumerate(owed.items(), start=1):
        fate = rng.choice(FATES)
        if fate == "missing":
            continue
        created += 1
        _report(period, agency, tasks, fate, rng, coordinator, indicators, sequence, cited)
    return created


def _evidence_items(coordinator, period: ReportingPeriod) -> dict:
    """The demo's database items (made once, through the catalog's services, so that the
    search index and the history are in step): (agency id, task id) → items to cite."""
    from ttdn.catalog.services import items as catalog

    by_number = {t.number: t for t in Task.objects.filter(plan=period.plan)}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[s[0] for s in EVIDENCE_ITEMS])}
    if coordinator is None or ItemHistory.objects.filter(via=DEMO_VIA).exists():
        made = Item.objects.filter(history__via=DEMO_VIA)
    else:
        made = []
        for code, numbers, kind, day, versions in EVIDENCE_ITEMS:
            if code not in agencies:
                continue
            tasks = [by_number[n] for n in numbers if n in by_number]
            source = None
            for language, (title, summary) in versions.items():
                data = {"title": title, "summary": summary, "body": DEMO_NOTE, "kind": kind}
                data |= {"language": language, "published_on": day, "tasks": tasks}
                item = (
                    catalog.item_create(
                        actor=coordinator, agency=agencies[code], data=data, via=DEMO_VIA
                    )
                    if source is None
                    else catalog.translation_create(
                        actor=coordinator, source=source, data=data, via=DEMO_VIA
                    )
                )
                item = catalog.item_submit(actor=coordinator, item=item, via=DEMO_VIA)
                item = catalog.item_approve(actor=coordinator, item=item)
                source = source or item
                made.append(item)
    cited: dict = {}
    sources = Item.objects.filter(pk__in=[i.pk for i in made], translated_from__isnull=True)
    for item in sources.prefetch_related("tasks"):
        for task in item.tasks.all():
            cited.setdefault((item.agency_id, task.pk), []).append(item)
    return cited


def _report(period, agency, tasks, fate, rng, coordinator, indicators, sequence, cited) -> None:
    due = period.due_agency
    late = fate == "late"
    first = (
        due + datetime.timedelta(days=rng.randint(2, 12))
        if late
        else (due - datetime.timedelta(days=rng.randint(0, 6)))
    )
    report = AgencyReport.objects.create(
        period=period,
        agency=agency,
        summary=(
            f"Năm {period.year}, {agency.name} đã triển khai các nhiệm vụ được giao tại Kế hoạch "
            "số 978/KH-UBND, bám sát định hướng thông tin đối ngoại của tỉnh."
        ),
        difficulties=rng.choice(DIFFICULTIES),
        proposals=rng.choice(PROPOSALS),
        sequence=1,
        number=f"{rng.randint(20, 240)}/BC-{document_code(agency)}",
    )
    sections = ReportSection.objects.bulk_create(
        ReportSection(report=report, task=task, **_section_values(task, rng)) for task in tasks
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            section=section,
            indicator=indicator,
            value=Decimal(rng.randint(1, 60 if indicator.code != "participants" else 900)),
        )
        for section in sections
        if section.status != SectionStatus.NOT_APPLICABLE
        for indicator in rng.sample(indicators, k=min(2, len(indicators)))
    )
    Evidence.objects.bulk_create(
        Evidence(section=section, item=item, title=item.title[:255])
        for section in sections
        for item in cited.get((agency.pk, section.task_id), [])
    )
    events = [
        ("created", first - datetime.timedelta(days=10), ""),
        ("submitted", first, report.number),
    ]
    status, reviewed = ReportStatus.ACCEPTED, first + datetime.timedelta(days=2)
    if fate in ("returned_then_accepted", "still_returned"):
        comment = rng.choice(RETURN_COMMENTS)
        events.append(("returned", first + datetime.timedelta(days=1), comment))
        report.review_comment = comment
        if fate == "returned_then_accepted":
            events.append(("submitted", first + datetime.timedelta(days=3), report.number))
            reviewed = first + datetime.timedelta(days=4)
        else:
            status, reviewed = ReportStatus.RETURNED, first + datetime.timedelta(days=1)
    if status == ReportStatus.ACCEPTED:
        events.append(("accepted", reviewed, ""))
    report.status = status
    report.first_submitted_at = _at(first, rng)
    report.submitted_at = _at(events[-2][1] if status == ReportStatus.ACCEPTED else first, rng)
    report.approved_at, report.reviewed_at = report.submitted_at, _at(reviewed, rng)
    report.reviewed_by = coordinator
    report.submitted_fingerprint = _fingerprint(report)
    report.save()
    ReportEvent.objects.bulk_create(
        ReportEvent(
            report=report,
            actor=coordinator if action in ("returned", "accepted") else None,
            action=action,
            comment=comment,
        )
        for action, _day, comment in events
    )
    for event, (_action, day, _comment) in zip(report.events.order_by("pk"), events, strict=True):
        ReportEvent.objects.filter(pk=event.pk).update(at=_at(day, rng))


def demo_reporting_load(*, plan: Plan) -> None:
    period = ReportingPeriod.objects.filter(plan=plan, kind=PeriodKind.YEAR, year=2024).first()
    if period is None or not period.obligations.exists():
        return
    if demo_year_load(period=period):
        coordinator = User.objects.filter(role="coordinator").first()
        if coordinator is not None:
            report = consolidated_build(actor=coordinator, period=period)
            report.signer_name = "Nguyễn Văn Hải"  # fictional, like every demo person
            report.save(update_fields=["signer_name"])
