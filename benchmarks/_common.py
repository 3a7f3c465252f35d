"""Shared helpers for benchmarks: machine description and percentiles.

Benchmarks print figures and never fail on timing (notes/performance.md: the machines are
shared and noisy; compare ratios measured in one run)."""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            kib = int(info.readline().split()[1])
            memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}"
    )


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds of samples given in seconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000
