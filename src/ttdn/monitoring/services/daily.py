"""The daily job of press monitoring: digests, case reminders, press-conference warnings,
spike alerts, and retraining the classifier when officers labelled stories. Each part is
idempotent, so running the job twice on one day sends nothing twice."""

from __future__ import annotations

import datetime
import logging

from ttdn.monitoring.choices import DigestKind
from ttdn.monitoring.services.alerts import alerts_check
from ttdn.monitoring.services.cases import cases_remind
from ttdn.monitoring.services.classifier import classifier_retrain
from ttdn.monitoring.services.digest import digest_send_for
from ttdn.monitoring.services.spokespersons import conference_warnings_send

logger = logging.getLogger(__name__)


def monitoring_daily_run(*, today: datetime.date) -> dict:
    result = {
        "digest_daily": digest_send_for(kind=DigestKind.DAILY, today=today),
        "digest_weekly": (
            digest_send_for(kind=DigestKind.WEEKLY, today=today) if today.weekday() == 0 else None
        ),
        "case_reminders": cases_remind(today=today),
        "conference_warnings": conference_warnings_send(today=today),
        "alerts": alerts_check(today=today),
        "retrained": classifier_retrain(),
    }
    return {key: value.pk if hasattr(value, "pk") else value for key, value in result.items()}
