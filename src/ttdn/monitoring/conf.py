"""Tunable values of press monitoring, with defaults; a Django setting of the same name wins.

Limits protect the worker from hostile sources; thresholds are the measured choices of
docs/apps/monitoring.md (change them with the evaluation set at hand).
"""

from __future__ import annotations

from django.conf import settings

DEFAULTS = {
    # Fetching (pipeline/fetch.py)
    "TTDN_MONITORING_MAX_BYTES": 5 * 1024 * 1024,
    "TTDN_MONITORING_TIMEOUT": 20.0,
    "TTDN_MONITORING_CONNECT_TIMEOUT": 5.0,
    "TTDN_MONITORING_MAX_REDIRECTS": 5,
    "TTDN_MONITORING_MAX_ENTRIES_PER_SOURCE": 60,
    "TTDN_MONITORING_RUN_BUDGET_SECONDS": 600,
    # Back-off after failures: poll interval × 2^failures, at most this many minutes.
    "TTDN_MONITORING_MAX_BACKOFF_MINUTES": 24 * 60,
    # Saving: articles per transaction.
    "TTDN_MONITORING_SAVE_BATCH": 50,
    # Near-duplicates (pipeline/dedupe.py): notes/performance.md §3.5.
    # LSH bands × rows (42 × 3 of the 128 permutations): a pair with Jaccard 0.45 becomes a
    # candidate 98 % of the time, 0.55 99.9 %; candidates are then checked exactly.
    "TTDN_MONITORING_LSH_BANDS": (42, 3),
    "TTDN_MONITORING_JACCARD": 0.45,
    "TTDN_MONITORING_STORY_WINDOW_DAYS": 14,
    # Relevance (pipeline/relevance.py)
    "TTDN_MONITORING_RELEVANCE_THRESHOLD": 0.5,
}


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])
