"""Text that knows its language, so a page marks what is not in the page's language."""

from __future__ import annotations

from dataclasses import dataclass

from ttdn.portal.ui import has, ui


@dataclass(frozen=True)
class Text:
    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def topic_label(topic, lang: str) -> Text:
    if lang == "vi":
        return Text(topic.name, "vi")
    if lang == "en" and topic.name_en:
        return Text(topic.name_en, "en")
    if has(f"topiclabel.{topic.code}", lang):
        return Text(ui(f"topiclabel.{topic.code}", lang), lang)
    return Text(topic.name_en, "en") if topic.name_en else Text(topic.name, "vi")


def agency_label(agency, lang: str) -> Text:
    if lang != "vi" and agency.name_en:
        return Text(agency.name_en, "en")
    return Text(agency.name, "vi")


def in_language(values: dict, lang: str) -> Text | None:
    """A {language: text} value in `lang`, else English, else Vietnamese, marked."""
    for code in (lang, "en", "vi"):
        if (values or {}).get(code):
            return Text(values[code], code)
    return None
