"""Changes to agencies: loading the default catalogue, editing contact details."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.accounts.permissions import require_edit_agency_work
from ttdn.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyGroupAlias,
    Succession,
    SuccessionTarget,
)
from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold, nfc

DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "agencies.json"
CONTACT_FIELDS = ("email", "phone", "address", "website")


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    successions: int = 0
    groups: int = 0
    notes: list[str] = field(default_factory=list)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _upsert_agency(row: dict, report: LoadReport) -> Agency:
    values = {
        "name": nfc(row["name"]),
        "name_en": row.get("name_en", ""),
        "short_name": row.get("short_name", ""),
        "kind": row["kind"],
        "active_from": _date(row.get("active_from")),
        "active_to": _date(row.get("active_to")),
        "verified": row.get("verified", True),
        "note": row.get("note", ""),
    }
    agency, created = Agency.objects.get_or_create(code=row["code"], defaults=values)
    if created:
        report.created += 1
    else:
        changed = [name for name, value in values.items() if getattr(agency, name) != value]
        for name in changed:
            setattr(agency, name, values[name])
        if changed:
            agency.full_clean()
            agency.save(update_fields=changed)
            report.updated += 1
    known = set(agency.aliases.values_list("name_folded", flat=True)) | {agency.name_folded}
    for alias in row.get("aliases", []):
        if fold(alias) not in known:
            AgencyAlias.objects.create(agency=agency, name=nfc(alias))
            known.add(fold(alias))
    return agency


def _load_succession(row: dict, by_code: dict[str, Agency], report: LoadReport) -> None:
    date = _date(row["date"])
    predecessors = [by_code[code] for code in row["predecessors"]]
    existing = Succession.objects.filter(
        date=date, kind=row["kind"], predecessors=predecessors[0]
    ).first()
    if existing:
        return
    succession = Succession.objects.create(
        date=date,
        kind=row["kind"],
        legal_basis=row.get("legal_basis", ""),
        verified=row.get("verified", True),
        note=row.get("note", ""),
    )
    succession.predecessors.set(predecessors)
    SuccessionTarget.objects.bulk_create(
        SuccessionTarget(
            succession=succession,
            agency=by_code[target["agency"]],
            functions=target.get("functions", ""),
            foreign_information=target.get("foreign_information", False),
        )
        for target in row.get("successors", [])
    )
    report.successions += 1


def _load_group(row: dict, by_code: dict[str, Agency], report: LoadReport) -> None:
    group, _created = AgencyGroup.objects.update_or_create(
        code=row["code"],
        defaults={
            "name": nfc(row["name"]),
            "name_en": row.get("name_en", ""),
            "kinds": row.get("kinds", []),
            "note": row.get("note", ""),
        },
    )
    group.include.set([by_code[code] for code in row.get("include", [])])
    group.exclude.set([by_code[code] for code in row.get("exclude", [])])
    known = set(group.aliases.values_list("name_folded", flat=True)) | {group.name_folded}
    for alias in row.get("aliases", []):
        if fold(alias) not in known:
            AgencyGroupAlias.objects.create(group=group, name=nfc(alias))
            known.add(fold(alias))
    report.groups += 1


def _check_references(data: dict) -> None:
    codes = [row["code"] for row in data.get("agencies", [])]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise ApplicationError(
            _("The agency data names these codes more than once: %(codes)s.")
            % {"codes": ", ".join(duplicates)}
        )
    known = set(codes) | set(Agency.objects.values_list("code", flat=True))
    referenced = {row["parent"] for row in data["agencies"] if row.get("parent")}
    for row in data.get("successions", []):
        referenced |= set(row["predecessors"]) | {t["agency"] for t in row.get("successors", [])}
    for row in data.get("groups", []):
        referenced |= set(row.get("include", [])) | set(row.get("exclude", []))
    missing = sorted(referenced - known)
    if missing:
        raise ApplicationError(
            _("The agency data refers to agencies it does not define: %(codes)s.")
            % {"codes": ", ".join(missing)}
        )


@transaction.atomic
def agencies_load(*, data: dict) -> LoadReport:
    """Create or update agencies, successions and groups from `data`; safe to run again."""
    _check_references(data)
    report = LoadReport()
    by_code = {row["code"]: _upsert_agency(row, report) for row in data.get("agencies", [])}
    by_code |= {a.code: a for a in Agency.objects.exclude(code__in=by_code)}
    for row in data.get("agencies", []):
        parent = by_code.get(row.get("parent") or "")
        agency = by_code[row["code"]]
        if parent and agency.parent_id != parent.pk:
            agency.parent = parent
            agency.save(update_fields=["parent"])
    for row in data.get("successions", []):
        _load_succession(row, by_code, report)
    for row in data.get("groups", []):
        _load_group(row, by_code, report)
    return report


def agencies_load_default() -> LoadReport:
    return agencies_load(data=json.loads(DEFAULT_DATA.read_text(encoding="utf-8")))


def agency_update_contact(*, actor, agency: Agency, data: dict) -> Agency:
    """An agency's own staff (or the coordinator) keep its contact details current."""
    require_edit_agency_work(actor, agency)
    changed = [name for name in CONTACT_FIELDS if getattr(agency, name) != data.get(name, "")]
    for name in changed:
        setattr(agency, name, data.get(name, ""))
    agency.full_clean()
    if changed:
        agency.save(update_fields=changed)
    return agency
