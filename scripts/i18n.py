#!/usr/bin/env python
"""Translations: `update` extracts strings and compiles catalogues; `check` is the CI gate.

The compiled .mo files are committed and compiled with polib, so TTĐN runs in Vietnamese
and English on a machine without the gettext tools. Extraction (`update`, and the
freshness part of `check`) needs xgettext; where it is missing, `check` says so and
checks the rest.

check fails when:
- a .mo file does not hold exactly the translations of its .po file (stale compile);
- a Vietnamese entry is untranslated or fuzzy (the interface must be complete);
- a string in the code or templates is missing from the catalogue (stale extraction).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ttdn"
LOCALE = PACKAGE / "locale"
LANGUAGES = ["vi", "en"]
DOMAINS = ["django"]


def _po(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def _makemessages(cwd: Path) -> None:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "ttdn.config.settings.test",
        "PYTHONPATH": str(cwd.parent),
    }
    args = [sys.executable, "-m", "django", "makemessages", "--no-obsolete", "--no-location"]
    for lang in LANGUAGES:
        args += ["-l", lang]
    subprocess.run(
        [*args, "--ignore", "tests/*", "--ignore", "*/tests/*"],
        cwd=cwd,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def compile_all() -> None:
    for lang in LANGUAGES:
        for domain in DOMAINS:
            po = polib.pofile(str(_po(lang, domain)))
            po.save_as_mofile(str(_po(lang, domain).with_suffix(".mo")))


def update() -> int:
    _makemessages(PACKAGE)
    compile_all()
    for lang in LANGUAGES:
        po = polib.pofile(str(_po(lang, "django")))
        print(f"{lang}: {po.percent_translated()}% translated, {len(po)} entries")
    return 0


def _translations(entries) -> dict:
    return {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in entries
        if e.msgid and (e.msgstr or any(e.msgstr_plural.values())) and "fuzzy" not in e.flags
    }


def _check_compiled(problems: list[str]) -> None:
    for lang in LANGUAGES:
        for domain in DOMAINS:
            po_path = _po(lang, domain)
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists():
                problems.append(f"{mo_path} is missing: run scripts/i18n.py update")
                continue
            if _translations(polib.pofile(str(po_path))) != _translations(
                polib.mofile(str(mo_path))
            ):
                problems.append(f"{mo_path} does not match {po_path.name}: recompile it")


def _check_complete(problems: list[str]) -> None:
    po = polib.pofile(str(_po("vi", "django")))
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    for msgid in missing:
        problems.append(f"vi: not translated: {msgid!r}")


def _check_fresh(problems: list[str]) -> None:
    if shutil.which("xgettext") is None:
        print("xgettext is not installed: skipped the check that catalogues are up to date.")
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "ttdn"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
        _makemessages(copy)
        for lang in LANGUAGES:
            fresh = {
                (e.msgctxt, e.msgid)
                for e in polib.pofile(str(copy / _po(lang, "django").relative_to(PACKAGE)))
            }
            kept = {(e.msgctxt, e.msgid) for e in polib.pofile(str(_po(lang, "django")))}
            for _ctxt, msgid in sorted(fresh - kept, key=str):
                problems.append(f"{lang}: not in the catalogue (run update): {msgid!r}")


def check() -> int:
    problems: list[str] = []
    _check_compiled(problems)
    _check_complete(problems)
    _check_fresh(problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} translation problem(s).", file=sys.stderr)
        return 1
    print("Translations: compiled, complete and up to date.")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"update": update, "check": check, "compile": lambda: compile_all() or 0}[command]())
