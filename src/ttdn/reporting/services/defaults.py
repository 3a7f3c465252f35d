"""Default data of the reporting cycle: indicators, reminder rules, the plan's yearly periods.

Safe to run again. Obligations are generated only for periods whose data window has begun;
the daily job generates them for later periods when their time comes (the agencies may have
changed by then).
"""

from __future__ import annotations

from django.utils import timezone

from ttdn.plans.models import Plan
from ttdn.reporting.choices import PeriodKind
from ttdn.reporting.models import IndicatorType
from ttdn.reporting.services.obligations import obligations_generate
from ttdn.reporting.services.periods import periods_generate, plan_year_range
from ttdn.reporting.services.reminders import reminder_rules_ensure

INDICATORS = [
    ("articles", "Tin, bài", "News items and articles", "tin, bài", "items"),
    (
        "foreign_language",
        "Sản phẩm tiếng nước ngoài",
        "Foreign-language products",
        "sản phẩm",
        "products",
    ),
    ("videos", "Phóng sự, video", "Reports and videos", "sản phẩm", "products"),
    ("publications", "Ấn phẩm", "Publications", "ấn phẩm", "publications"),
    ("events", "Sự kiện, hội nghị", "Events and conferences", "sự kiện", "events"),
    ("trainings", "Lớp tập huấn", "Training courses", "lớp", "courses"),
    ("participants", "Lượt người tham gia", "Participants", "lượt người", "people"),
    ("press_conferences", "Họp báo", "Press conferences", "cuộc", "conferences"),
]


def indicators_ensure() -> None:
    for position, (code, name, name_en, unit, unit_en) in enumerate(INDICATORS):
        IndicatorType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "unit": unit,
                "unit_en": unit_en,
                "position": position,
            },
        )


def reporting_load_default(*, plan: Plan) -> int:
    """Indicators, reminder rules, yearly periods of the plan; obligations where due."""
    indicators_ensure()
    reminder_rules_ensure()
    periods = periods_generate(
        actor=None, plan=plan, years=plan_year_range(plan), kinds=[PeriodKind.YEAR]
    )
    today = timezone.localdate()
    created = 0
    for period in periods:
        if period.cutoff_start <= today and not period.obligations.exists():
            created += obligations_generate(period=period).created
    return created
