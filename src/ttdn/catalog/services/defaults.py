"""Default data: the topic taxonomy."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from ttdn.catalog.models import Topic

TOPICS = Path(__file__).resolve().parents[1] / "data" / "topics.json"


def catalog_load_default() -> int:
    """Create the default topics that are missing (edited ones are left alone); safe to
    rerun. Returns the number of topics created."""
    created = 0
    with transaction.atomic():
        for position, row in enumerate(json.loads(TOPICS.read_text(encoding="utf-8"))):
            _topic, made = Topic.objects.get_or_create(
                code=row["code"],
                defaults={"name": row["name"], "name_en": row["name_en"], "position": position},
            )
            created += made
    return created
