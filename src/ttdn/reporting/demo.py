"""Demo data: a realistic year 2024 of plan 978, so a new user sees a living dashboard.

Most agencies reported (some late), a few reports were returned and corrected, two are
still returned, some agencies never reported. Texts are plausible Vietnamese written for the
demo; every figure is random (seeded, so each demo install is the same). People are
fictional. Safe to run again: a period that already has reports is left alone.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ttdn.accounts.models import User
from ttdn.plans.models import Plan
from ttdn.reporting.choices import PeriodKind, ReportStatus, SectionStatus
from ttdn.reporting.models import (
    AgencyReport,
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
    created = 0
    for sequence, (agency, tasks) in enumerate(owed.items(), start=1):
        fate = rng.choice(FATES)
        if fate == "missing":
            continue
        created += 1
        _report(period, agency, tasks, fate, rng, coordinator, indicators, sequence)
    return created


def _report(period, agency, tasks, fate, rng, coordinator, indicators, sequence) -> None:
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
