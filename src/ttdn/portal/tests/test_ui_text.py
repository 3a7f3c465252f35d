"""The portal's interface text: every key the code and templates use exists, in every
portal language; a language added without its column is refused by a system check."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from django.core.checks import run_checks

from ttdn.catalog.choices import ItemKind, Licence
from ttdn.portal import ui
from ttdn.portal.selectors import SECTIONS
from ttdn.portal.views import NAV

APP = Path(__file__).resolve().parents[1]
LITERAL = re.compile(r"""(?:\{% ui |\bui\(|_say\(|ui_lazy\()\s*["']([a-z_.\-]+)["']""")


def used_keys() -> set[str]:
    keys = set()
    for path in [*APP.glob("*.py"), *APP.glob("templates/**/*.html")]:
        keys |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    keys |= {f"nav.{name}" for name in NAV}
    keys |= {f"section.{name}" for name in SECTIONS} | {f"section.{n}.intro" for n in SECTIONS}
    keys |= {f"kind.{kind}" for kind in ItemKind.values}
    keys |= {f"licence.{code}" for code in Licence.values}
    keys |= {
        f"ed.done.{action}" for action in ("add", "remove", "up", "down", "schedule", "publish-now")
    }
    keys |= {
        f"{page}.{part}" for page in ("about", "feedback") for part in ("title", "description")
    }
    return keys


def test_every_key_in_use_exists():
    missing = sorted(k for k in used_keys() - set(ui.table()) if not k.endswith("."))
    assert not missing, missing


def test_every_public_key_is_in_vietnamese_english_and_lao():
    assert ui.missing(["vi", "en", "lo"]) == []
    public = [k for k in ui.table() if not k.startswith((*ui.INTERNAL_PREFIXES, "topiclabel."))]
    assert len(public) > 100
    for key in public:
        for lang in ("vi", "en", "lo"):
            assert ui.table()[key][lang].strip(), (key, lang)


def test_placeholders_agree_across_languages():
    for key, entry in ui.table().items():
        shapes = {lang: sorted(re.findall(r"\{(\w+)\}", text)) for lang, text in entry.items()}
        assert len({tuple(v) for v in shapes.values()}) == 1, (key, shapes)


def test_lao_text_is_lao_script():
    """Lao columns use the Lao block (and digits, punctuation, Latin for codes like WCAG);
    no stray Thai letters, no doubled consonant of the kind 'ແຂວງງ'."""
    for key, entry in ui.table().items():
        text = entry.get("lo", "")
        for char in text:
            if char.isalpha() and not char.isascii():
                assert "LAO" in unicodedata.name(char), (key, char)
        assert "ງງ" not in text and "ແຂວງງ" not in text, key
        if text and not key.startswith("licence.cc"):
            assert any("LAO" in unicodedata.name(c, "") for c in text), key


def test_a_language_without_its_column_is_refused(settings):
    settings.TTDN_PORTAL_LANGUAGES = ["vi", "en", "lo", "fr"]
    errors = [e for e in run_checks() if e.id == "portal.E001"]
    assert errors and "(fr)" in errors[0].msg
    settings.TTDN_PORTAL_LANGUAGES = ["vi", "en", "admin"]
    assert any(e.id == "portal.E002" for e in run_checks())


@pytest.mark.django_db
def test_editorial_text_follows_the_internal_language(client, coordinator):
    client.force_login(coordinator)
    assert "Lên lịch đăng" in client.get("/portal/editorial/").content.decode()
    client.cookies["ttdn_language"] = "en"
    assert "Schedule publishing" in client.get("/portal/editorial/").content.decode()
