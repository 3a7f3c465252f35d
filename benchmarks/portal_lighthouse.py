"""Lighthouse on the public portal, against a production-like server.

Starts `ttdn serve` (gunicorn, DEBUG off, WhiteNoise with compressed, hashed static files,
demo data) in a temporary data directory, finds the home page, a topic page and an item
page in each portal language (from the sitemaps), runs Lighthouse with the system's
Chromium on each (its default: a phone on a throttled network) and prints the four
category scores. `--write` also writes the table to docs/apps/portal-lighthouse.md.

    npm install --prefix /tmp/lh lighthouse
    python benchmarks/portal_lighthouse.py [--lighthouse PATH] [--port 8899] [--write]

A benchmark, not a test: without Lighthouse or Chromium it says so and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update"
)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def start_server(port: int, data_dir: Path) -> subprocess.Popen:
    env = os.environ | {
        "TTDN_DATA_DIR": str(data_dir),
        "TTDN_DEMO": "1",
        "TTDN_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "ttdn.config.settings.base",
    }
    env.pop("DATABASE_URL", None)
    log = open(data_dir / "serve.log", "w")  # noqa: SIM115 — kept open for the child
    server = subprocess.Popen(
        [sys.executable, "-m", "ttdn", "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            _get(f"http://127.0.0.1:{port}/vi/")
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"The server stopped; see {data_dir / 'serve.log'}") from None
            time.sleep(1)
    stop_server(server)
    raise SystemExit("The server did not answer within three minutes.")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def pages(base: str) -> list[tuple[str, str, str]]:
    """(language, page kind, url): home, a topic and an item in three languages."""
    languages = ["vi", "en", "lo"]
    entries = {}
    for lang in languages:
        root = ElementTree.fromstring(_get(f"{base}/{lang}/sitemap.xml"))
        for url in root.findall(f"{SM}url"):
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
            }
            entries[url.find(f"{SM}loc").text] = alternates
    item = next(
        alts for loc, alts in entries.items() if "/items/" in loc and set(languages) <= set(alts)
    )
    topic = next(
        alts
        for loc, alts in entries.items()
        if re.search(r"/topics/[^/]+/$", loc) and set(languages) <= set(alts)
    )
    result = []
    for lang in languages:
        result += [
            (lang, "home", f"{base}/{lang}/"),
            (lang, "topic", topic[lang]),
            (lang, "item", item[lang]),
        ]
    return result


def lighthouse(binary: str, url: str, out: Path) -> dict[str, int]:
    env = os.environ | {"CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    subprocess.run(
        [
            binary,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        check=True,
        timeout=240,
    )
    report = json.loads(out.read_text())
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", default="/tmp/lh/node_modules/.bin/lighthouse")
    parser.add_argument("--port", type=int, default=8899)
    parser.add_argument("--write", action="store_true", help="write docs/apps/portal-lighthouse.md")
    args = parser.parse_args()
    binary = shutil.which(args.lighthouse) or (
        args.lighthouse if Path(args.lighthouse).exists() else None
    )
    if binary is None or not shutil.which("chromium"):
        print(
            "Lighthouse or Chromium is not installed: npm install --prefix /tmp/lh lighthouse; "
            "apt-get install -y chromium. Nothing measured."
        )
        return 0
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory(prefix="ttdn-lighthouse-") as tmp:
        data_dir = Path(tmp)
        server = start_server(args.port, data_dir)
        try:
            base = f"http://127.0.0.1:{args.port}"
            for lang, kind, url in pages(base):
                scores, report = lighthouse(binary, url, data_dir / f"{lang}-{kind}.json")
                metrics = report["audits"]
                lcp = metrics["largest-contentful-paint"]["numericValue"] / 1000
                cls = metrics["cumulative-layout-shift"]["numericValue"]
                rows.append((lang, kind, url.replace(base, ""), scores, lcp, cls))
                print(lang, kind, scores, f"LCP {lcp:.2f} s, CLS {cls:.3f}", flush=True)
        finally:
            stop_server(server)
    table = render(rows, version)
    print(table)
    if args.write:
        (ROOT / "docs" / "apps" / "portal-lighthouse.md").write_text(table, encoding="utf-8")
    return 0


def render(rows, version: str) -> str:
    lines = [
        "# Portal: Lighthouse scores",
        "",
        f"Lighthouse {version}, its default mobile profile (Moto G Power, simulated slow 4G, "
        "4× CPU slowdown), system Chromium headless, against `ttdn serve` (gunicorn, 2 workers, "
        "DEBUG off, WhiteNoise compressed manifest storage) with the demo data, on loopback. "
        f"Machine: {machine()}. Reproduce with `python benchmarks/portal_lighthouse.py --write`.",
        "",
        "| language | page | address | performance | accessibility | best practices | SEO "
        "| LCP | CLS |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for lang, kind, path, s, lcp, cls in rows:
        lines.append(
            f"| {lang} | {kind} | `{path}` | {s['performance']} | {s['accessibility']} | "
            f"{s['best-practices']} | {s['seo']} | {lcp:.2f} s | {cls:.3f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
