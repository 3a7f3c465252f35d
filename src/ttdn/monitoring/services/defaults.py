"""Default data of press monitoring, loaded by `ttdn init` (safe to run again): the
settings row, the default sources, and a check that the gazetteer loads."""

from __future__ import annotations

from ttdn.monitoring.pipeline.relevance import default_gazetteer
from ttdn.monitoring.services.settings import monitoring_settings
from ttdn.monitoring.services.sources import sources_load_default


def monitoring_load_default() -> int:
    monitoring_settings()
    default_gazetteer()
    return sources_load_default()
