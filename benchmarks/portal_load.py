"""Load on the public portal over loopback, with two gunicorn workers.

Starts `ttdn serve --workers 2` (DEBUG off, demo data) in a temporary data directory and
measures, for the home page and an item page:

- time to first byte, p50 and p95, over sequential requests of a warm (cached) page, with
  a new connection per request (gunicorn's sync workers close it after each answer);
- requests per second and latency under load, with wrk (Debian's `wrk`) when installed,
  else a thread-pool client: 4 connections for a fixed time;
- the server's own time for a page that is not cached (rendered in-process, page cache
  emptied before every request), to show what the cache saves.

Bounded: a few hundred sequential requests and 10 s of load per page, loopback only.

    python benchmarks/portal_load.py [--port 8898] [--requests 300] [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, percentiles
from portal_lighthouse import _get, start_server, stop_server

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HEADERS = {"Accept-Encoding": "gzip", "Accept-Language": "vi"}


def ttfb(port: int, path: str, count: int) -> tuple[list[float], int]:
    samples, size = [], 0
    for _ in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        start = time.perf_counter()
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()  # returns once the status line and headers are in
        samples.append(time.perf_counter() - start)
        size = len(response.read())
        assert response.status == 200, (path, response.status)
        connection.close()
    return samples, size


def load_wrk(port: int, path: str, seconds: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c4",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "Accept-Encoding: gzip",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def ms(label: str) -> float:
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "tool": "wrk -t2 -c4",
        "rps": rps,
        "p50": ms("50"),
        "p90": ms("90"),
        "p99": ms("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def load_threads(port: int, path: str, seconds: int) -> dict:
    samples: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run():
        mine = []
        while time.monotonic() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            start = time.perf_counter()
            connection.request("GET", path, headers=HEADERS)
            connection.getresponse().read()
            mine.append(time.perf_counter() - start)
            connection.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(samples)
    pick = lambda q: ordered[int(q * (len(ordered) - 1))] * 1000  # noqa: E731
    return {
        "tool": "4 Python threads",
        "rps": len(samples) / seconds,
        "p50": pick(0.5),
        "p90": pick(0.9),
        "p99": pick(0.99),
        "errors": 0,
    }


def uncached(data_dir: Path, paths: list[str], count: int = 30) -> dict[str, tuple[float, float]]:
    """Server time of pages rendered with an empty page cache, measured in-process."""
    code = f"""
import os, time, json
os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.config.settings.base"
import django; django.setup()
from django.core.cache import caches
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
out = {{}}
for path in {paths!r}:
    times = []
    for _ in range({count}):
        caches["portal"].clear()
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200 and response["X-Portal-Cache"] == "miss"
    out[path] = times
print(json.dumps(out))
"""
    env = os.environ | {"TTDN_DATA_DIR": str(data_dir), "TTDN_DEMO": "1"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    import json

    return {
        path: percentiles(times)
        for path, times in json.loads(result.stdout.splitlines()[-1]).items()
    }


def item_path(port: int) -> str:
    root = ElementTree.fromstring(_get(f"http://127.0.0.1:{port}/vi/sitemap.xml"))
    locs = [loc.text for loc in root.iter(f"{SM}loc") if "/items/" in loc.text]
    return re.sub(r"^https?://[^/]+", "", locs[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8898)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    print(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="ttdn-load-") as tmp:
        data_dir = Path(tmp)
        server = start_server(args.port, data_dir)
        try:
            pages = {"home": "/vi/", "item": item_path(args.port)}
            rows = []
            for name, path in pages.items():
                ttfb(args.port, path, 20)  # warm both workers' caches
                samples, size = ttfb(args.port, path, args.requests)
                p50, p95 = percentiles(samples)
                load = (load_wrk if shutil.which("wrk") else load_threads)(
                    args.port, path, args.seconds
                )
                rows.append((name, path, size, p50, p95, load))
            cold = uncached(data_dir, list(pages.values()))
        finally:
            stop_server(server)
    print()
    print(
        "| page | bytes (gzip) | TTFB p50 | TTFB p95 | req/s | under load p50 / p90 / p99 "
        "| errors | not cached, server p50 / p95 |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, path, size, p50, p95, load in rows:
        c50, c95 = cold[path]
        print(
            f"| {name} `{path[:40]}` | {size:,} | {p50:.2f} ms | {p95:.2f} ms | {load['rps']:,.0f} "
            f"({load['tool']}) | {load['p50']:.2f} / {load['p90']:.2f} / {load['p99']:.2f} ms | "
            f"{load['errors']} | {c50:.1f} / {c95:.1f} ms |"
        )
    print(
        f"\n{args.requests} sequential requests per page for TTFB (new connection each), "
        f"{args.seconds} s of load per page; gunicorn 2 sync workers; SQLite."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
