"""Check the portal's Lao text against Lao word lists (not a test: it reads ../shared).

Every Lao string the portal ships (interface table, facts, province profile, demo content)
is cut into words by dictionary matching (fewest words wins) against the LaoNLP spell-check
list (Apache-2.0, 21 k words) and Lao Wiktionary headwords (CC BY-SA), plus the proper names
below, which no dictionary holds. Any stretch no word covers is printed: a typo, or a word
to check by hand.

    python benchmarks/portal_lao_words.py [path/to/shared/fixtures/lao]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORTAL = ROOT / "src" / "ttdn" / "portal"
DEFAULT_DIR = ROOT.parent / "shared" / "fixtures" / "lao"
# Proper names (transliterations) and loanwords checked by hand, with what they are.
NAMES = {
    "ເງ້ອານ": "Nghệ An",
    "ໂຮ່ຈີມິນ": "Hồ Chí Minh",
    "ໄຊສົມບູນ": "Xaysomboun (ໄຊ + ສົມບູນ)",
}
LAO = re.compile(r"[\u0E80-\u0EFF]+")


def words(directory: Path) -> set[str]:
    known = set(NAMES)
    for name in ("lo_spellcheck_dict.txt", "lao_wiktionary-20210720.txt"):
        for line in (directory / name).read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                known.add(line.split()[0])
    return known


def segment(run: str, known: set[str], longest: int = 20) -> list[str] | None:
    """Fewest dictionary words covering `run`, or None."""
    best: list[list[str] | None] = [[]] + [None] * len(run)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - longest), end):
            piece = run[start:end]
            if best[start] is not None and piece in known:
                candidate = best[start] + [piece]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[-1]


def strings() -> list[tuple[str, str]]:
    found = []
    for key, entry in json.loads((PORTAL / "data" / "ui.json").read_text("utf-8")).items():
        if entry.get("lo"):
            found.append((f"ui.json {key}", entry["lo"]))
    for fact in json.loads((PORTAL / "data" / "facts.json").read_text("utf-8")):
        for field in ("labels", "details"):
            if fact[field].get("lo"):
                found.append((f"facts.json {fact['code']}.{field}", fact[field]["lo"]))
    for key, value in json.loads((PORTAL / "data" / "profile.json").read_text("utf-8")).items():
        if isinstance(value, dict) and value.get("lo"):
            found.append((f"profile.json {key}", value["lo"]))
    demo = (PORTAL / "demo.py").read_text("utf-8")
    found += [("demo.py", text) for text in re.findall(r'"([^"\n]*[\u0E80-\u0EFF][^"\n]*)"', demo)]
    return found


def main() -> int:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR
    if not directory.exists():
        print(f"Lao word lists not found at {directory}; nothing checked.")
        return 0
    known = words(directory)
    checked = unknown = 0
    for where, text in strings():
        for run in LAO.findall(text):
            checked += 1
            parts = segment(run, known)
            if parts is None:
                unknown += 1
                print(f"NOT FOUND  {where}: {run}")
    print(f"{checked} Lao runs checked against {len(known)} words; {unknown} not segmentable.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
