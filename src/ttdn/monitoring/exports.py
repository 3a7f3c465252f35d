"""The digest as a DOCX in the Decree 30 layout (the reporting exporter's renderer), run as
an export job. Official documents are Vietnamese whatever the user's interface language."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.agencies.models import Agency
from ttdn.exports.documents import (
    BulletList,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from ttdn.exports.docx import render_official_document
from ttdn.exports.services import register_export_kind
from ttdn.monitoring.choices import DigestKind, Tone, Topic
from ttdn.monitoring.models import Digest
from ttdn.reporting.services.reports import document_code


def _change(value) -> str:
    if value is None:
        return _("no figure for the previous period")
    return f"{value:+d}%"


def _subject(digest: Digest) -> str:
    if digest.kind == DigestKind.DAILY:
        return _("Press coverage of the province on %(day)s") % {"day": f"{digest.start:%d/%m/%Y}"}
    return _("Press coverage of the province from %(start)s to %(end)s") % {
        "start": f"{digest.start:%d/%m/%Y}",
        "end": f"{digest.end:%d/%m/%Y}",
    }


def digest_blocks(data: dict) -> list:
    tones = dict(Tone.choices)
    topics = dict(Topic.choices)
    body = [
        Heading(_("Overview")),
        Paragraph(
            _(
                "%(stories)s stories about the province (%(articles)s articles), %(change)s "
                "against the previous period; %(foreign)s in the foreign press."
            )
            % {
                "stories": data["stories"],
                "articles": data["articles"],
                "change": _change(data["change_stories"]),
                "foreign": data["foreign"],
            }
        ),
        Paragraph(
            _("Tone: %(split)s.")
            % {
                "split": ", ".join(
                    f"{tones[tone]} {count}" for tone, count in data["tones"].items()
                )
            }
        ),
    ]
    if data["topics"]:
        body.append(
            Paragraph(
                _("Topics: %(split)s.")
                % {
                    "split": ", ".join(
                        f"{topics.get(topic, topic)} {count}"
                        for topic, count in data["topics"].items()
                    )
                }
            )
        )
    body.append(Heading(_("Top stories")))
    if data["top_stories"]:
        body.append(
            Table(
                header=[_("Story"), _("Outlets"), _("Articles"), _("Tone")],
                rows=[
                    [
                        row["title"],
                        str(row["outlet_count"]),
                        str(row["article_count"]),
                        str(tones.get(row["tone"], "—")),
                    ]
                    for row in data["top_stories"]
                ],
                widths_mm=[100, 20, 20, 25],
            )
        )
    else:
        body.append(Paragraph(_("No story about the province in this period.")))
    body.append(Heading(_("Top outlets")))
    body.append(
        BulletList([f"{row['outlet']}: {row['articles']}" for row in data["top_outlets"]])
        if data["top_outlets"]
        else Paragraph(_("None."))
    )
    body.append(Heading(_("Still needing an answer")))
    waiting = [row["title"] for row in data["needs_answer"]] + [
        _("%(title)s — %(agency)s, answer by %(due)s")
        % {
            "title": row["title"],
            "agency": row["agency"],
            "due": datetime.date.fromisoformat(row["report_due"]).strftime("%d/%m/%Y"),
        }
        for row in data["open_cases"]
    ]
    body.append(BulletList(waiting) if waiting else Paragraph(_("Nothing is waiting.")))
    return body


@register_export_kind("press-digest-docx")
def digest_docx(params: dict, progress) -> tuple[str, bytes]:
    with translation.override(settings.LANGUAGE_CODE):
        digest = Digest.objects.get(pk=params["digest"])
        issuer = Agency.objects.get(code=settings.TTDN_COORDINATING_AGENCY)
        progress(30)
        document = OfficialDocument(
            parent_agency=f"UBND TỈNH {settings.TTDN_PROVINCE_NAME.upper()}",
            issuing_agency=issuer.name.upper(),
            number="",
            number_suffix=f"BC-{document_code(issuer)}",
            place=settings.TTDN_PROVINCE_NAME,
            date=timezone.localdate(),
            kind_title="BÁO CÁO",
            subject=_subject(digest),
            body=digest_blocks(digest.data),
            recipients=[_("Provincial People's Committee (to report);"), _("Archive: VT.")],
            signature=Signature(authority=["GIÁM ĐỐC"], name=params.get("signer") or "…"),
        )
        progress(70)
        content = render_official_document(document)
    return f"diem-bao-{digest.kind}-{digest.start:%Y%m%d}.docx", content
