"""Bulk import from CSV or XLSX: upload → check every row → preview → confirm → one
transaction. A file with any bad row writes nothing; the report names each row and column.

Columns (English or Vietnamese headers, any case, diacritics optional): title, summary,
body, language, kind, topics, target countries, channel, publication date, original URL,
credits, licence, tasks, translation group, agency. Rows sharing a translation group are
language versions of one item; the first of them is the source.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.agencies.models import Agency
from ttdn.catalog import conf
from ttdn.catalog.choices import Channel, ItemKind, ItemSource, Licence, RunStatus
from ttdn.catalog.models import ImportRun, Item, Topic
from ttdn.catalog.normalise import normalise_url
from ttdn.catalog.permissions import can_review, require_manage_agency_sources
from ttdn.catalog.validators import validate_countries, validate_language
from ttdn.core.errors import ApplicationError
from ttdn.core.text import fold, nfc

HEADERS = {
    "title": ("title", "tieu de", "ten"),
    "summary": ("summary", "tom tat", "sapo", "mo ta"),
    "body": ("body", "noi dung", "text"),
    "language": ("language", "ngon ngu", "lang"),
    "kind": ("kind", "loai", "type", "the loai"),
    "topics": ("topics", "topic", "chu de"),
    "target_countries": ("target countries", "countries", "quoc gia", "nuoc muc tieu"),
    "channel": ("channel", "kenh"),
    "published_on": ("publication date", "published on", "date", "ngay xuat ban", "ngay dang"),
    "original_url": ("original url", "url", "link", "duong dan", "dia chi"),
    "credits": ("credits", "tac gia", "nguon", "author"),
    "licence": ("licence", "license", "giay phep", "ban quyen"),
    "tasks": ("tasks", "task", "nhiem vu"),
    "translation_group": ("translation group", "nhom ban dich", "group"),
    "agency": ("agency", "co quan", "agency code"),
}
REQUIRED = ("title", "language", "kind")
KIND_WORDS = {  # how officers write kinds in Vietnamese (folded)
    "bai viet": "article", "tin": "article", "tin bai": "article", "bai bao": "article",
    "anh": "photo_album", "album anh": "photo_album", "phong su anh": "photo_album",
    "clip": "video", "phim": "video", "an pham": "publication", "sach": "publication",
    "tai lieu": "document", "van ban": "document", "so lieu": "fact", "su kien": "event",
    "am thanh": "audio", "do hoa": "infographic",
}  # fmt: skip
PREVIEW_ROWS = 10
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportRow:
    number: int
    data: dict
    agency: Agency
    group: str = ""
    display: dict = field(default_factory=dict)


# Reading the table ------------------------------------------------------------------------


def detect_format(content: bytes) -> str:
    """'xlsx' or 'csv' from the bytes themselves (never from the file name)."""
    if content[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return "xlsx"
        except zipfile.BadZipFile:
            pass
        raise ApplicationError(
            _("The file is a ZIP archive but not an Excel workbook; save it as .xlsx or CSV.")
        )
    if b"\x00" in content[:4096]:
        raise ApplicationError(
            _("The file is neither a CSV text file nor an Excel (.xlsx) workbook.")
        )
    return "csv"


def read_table(content: bytes, file_format: str) -> tuple[list[str], list[list]]:
    if file_format == "xlsx":
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(
            _(
                "The CSV file is not in UTF-8; in Excel choose “CSV UTF-8 (comma delimited)” "
                "when saving, or upload the .xlsx file itself."
            )
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
    if not rows:
        raise ApplicationError(_("The file has no rows."))
    return rows[0], rows[1:]


def _read_xlsx(content: bytes) -> tuple[list[str], list[list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ApplicationError(
            _("The Excel workbook could not be opened; it may be damaged.")
        ) from None
    sheet = workbook.worksheets[0]
    rows = [
        ["" if cell is None else cell for cell in row]
        for row in sheet.iter_rows(values_only=True)
        if any(cell not in (None, "") for cell in row)
    ]
    workbook.close()
    if not rows:
        raise ApplicationError(_("The first sheet of the workbook is empty."))
    return [str(cell) for cell in rows[0]], rows[1:]


def map_headers(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column index → field name, and the headers TTĐN does not know."""
    lookup = {alias: name for name, aliases in HEADERS.items() for alias in aliases}
    mapping, unknown = {}, []
    for index, header in enumerate(headers):
        key = fold(str(header)).strip(" *:")
        if key in lookup and lookup[key] not in mapping.values():
            mapping[index] = lookup[key]
        elif key:
            unknown.append(str(header))
    return mapping, unknown


# Checking rows ----------------------------------------------------------------------------


class Lookups:
    """Everything rows are checked against, loaded once per file."""

    def __init__(self) -> None:
        from ttdn.plans.selectors import plan_default

        self.topics: dict[str, Topic] = {}
        for topic in Topic.objects.filter(active=True):
            for key in (topic.code, fold(topic.name), fold(topic.name_en)):
                self.topics[fold(key)] = topic
        plan = plan_default()
        self.plan = plan
        self.tasks = {task.number: task for task in plan.tasks.all()} if plan else {}
        self.agencies = {agency.code: agency for agency in Agency.objects.all()}
        self.kinds = _choice_lookup(ItemKind) | KIND_WORDS
        self.channels = _choice_lookup(Channel)
        self.licences = _choice_lookup(Licence)


def _choice_lookup(choices) -> dict[str, str]:
    from django.utils import translation

    lookup = {}
    for value, label in choices.choices:
        lookup[fold(value)] = value
        lookup[fold(value.replace("_", " "))] = value
        for language in ("en", "vi"):
            with translation.override(language):
                lookup[fold(str(label))] = value
    return lookup


def _split(value) -> list[str]:
    text = str(value or "").replace(";", ",").replace("\n", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise ValueError(text)


def _check_row(number, values, headers, lookups, actor, agency, errors) -> ImportRow | None:
    count = len(errors)

    def error(name: str, message: str) -> None:
        errors.append(RowError(number, headers.get(name, name), message))

    def text(name: str) -> str:
        value = values.get(name)
        return nfc(str(value)) if value not in (None, "") else ""

    data: dict = {}
    for name in REQUIRED:
        if not text(name):
            error(name, _("This column is empty; it is required."))
    data["title"], data["summary"], data["body"] = text("title"), text("summary"), text("body")
    data["credits"] = text("credits")
    if len(data["title"]) > 500:
        error("title", _("The title is longer than 500 characters."))
    language = text("language").lower()
    if language:
        try:
            validate_language(language)
        except ValidationError as problem:
            error("language", problem.messages[0])
    data["language"] = language
    for name, lookup in (("kind", lookups.kinds), ("channel", lookups.channels)):
        raw = text(name)
        if raw and fold(raw) not in lookup:
            error(
                name,
                _("“%(value)s” is not a known %(column)s; use one of: %(choices)s.")
                % {
                    "value": raw,
                    "column": headers.get(name, name),
                    "choices": ", ".join(sorted({v for k, v in lookup.items() if k == v})),
                },
            )
        elif raw:
            data[name] = lookup[fold(raw)]
    raw = text("licence")
    if raw:
        if fold(raw) in lookups.licences:
            data["licence"] = lookups.licences[fold(raw)]
        else:
            error("licence", _("“%(value)s” is not a known licence.") % {"value": raw})
    topics = []
    for name in _split(values.get("topics")):
        topic = lookups.topics.get(fold(name))
        if topic is None:
            error("topics", _("“%(name)s” is not a topic of the database.") % {"name": name})
        else:
            topics.append(topic)
    data["topics"] = topics
    countries = [code.upper() for code in _split(values.get("target_countries"))]
    try:
        validate_countries(countries)
    except ValidationError as problem:
        error("target_countries", problem.messages[0])
    data["target_countries"] = countries
    tasks = []
    for task_number in _split(values.get("tasks")):
        task = lookups.tasks.get(task_number)
        if task is None:
            plan = lookups.plan.number if lookups.plan else "—"
            error(
                "tasks",
                _("Plan %(plan)s has no task %(number)s.") % {"plan": plan, "number": task_number},
            )
        else:
            tasks.append(task)
    data["tasks"] = tasks
    try:
        data["published_on"] = _date(values.get("published_on"))
    except ValueError:
        error(
            "published_on",
            _("“%(value)s” is not a date; write it as 2025-03-31 or 31/03/2025.")
            % {"value": text("published_on")},
        )
    url = text("original_url")
    if url and not url.lower().startswith(("http://", "https://")):
        error("original_url", _("The address must start with http:// or https://."))
    data["original_url"] = url
    row_agency = agency
    code = text("agency")
    if code:
        row_agency = lookups.agencies.get(code)
        if row_agency is None:
            error("agency", _("No agency has the code “%(code)s”.") % {"code": code})
        elif row_agency != agency and not can_review(actor):
            error("agency", _("You can only import items of your own agency."))
    if len(errors) > count:
        return None
    return ImportRow(number, data, row_agency, text("translation_group"))


def _cross_checks(rows: list[ImportRow], headers: dict, errors: list[RowError]) -> None:
    """Duplicate addresses (in the file and in the database), languages within a group."""
    seen: dict[str, int] = {}
    for row in rows:
        url = normalise_url(row.data["original_url"])
        if not url:
            continue
        if url in seen:
            errors.append(
                RowError(
                    row.number,
                    headers.get("original_url", "original_url"),
                    _("The same address is on row %(row)s.") % {"row": seen[url]},
                )
            )
        seen.setdefault(url, row.number)
    existing = dict(
        Item.objects.filter(url_normalised__in=list(seen)).values_list("url_normalised", "pk")
    )
    for url, number in seen.items():
        if url in existing:
            errors.append(
                RowError(
                    number,
                    headers.get("original_url", "original_url"),
                    _("Item no. %(id)s already has this address.") % {"id": existing[url]},
                )
            )
    groups: dict[str, dict[str, int]] = {}
    for row in rows:
        if not row.group:
            continue
        languages = groups.setdefault(row.group, {})
        if row.data["language"] in languages:
            errors.append(
                RowError(
                    row.number,
                    headers.get("language", "language"),
                    _("Row %(row)s already gives translation group “%(group)s” in this language.")
                    % {"row": languages[row.data["language"]], "group": row.group},
                )
            )
        languages.setdefault(row.data["language"], row.number)


def check_file(content: bytes, *, actor, agency) -> tuple[list[ImportRow], list[RowError], int]:
    """Every row checked; (good rows, errors, number of rows). Raises for an unreadable file."""
    file_format = detect_format(content)
    raw_headers, table = read_table(content, file_format)
    mapping, _unknown = map_headers(raw_headers)
    missing = [name for name in REQUIRED if name not in mapping.values()]
    if missing:
        raise ApplicationError(
            _(
                "The first row must name the columns; these required ones are missing: "
                "%(columns)s. Download the template to see them all."
            )
            % {"columns": ", ".join(missing)}
        )
    if len(table) > conf.get("TTDN_CATALOG_IMPORT_MAX_ROWS"):
        raise ApplicationError(
            _("The file has %(count)s rows; import at most %(max)s at a time.")
            % {"count": len(table), "max": conf.get("TTDN_CATALOG_IMPORT_MAX_ROWS")}
        )
    headers = {name: str(raw_headers[index]) for index, name in mapping.items()}
    lookups = Lookups()
    rows, errors = [], []
    for offset, cells in enumerate(table):
        values = {name: cells[index] for index, name in mapping.items() if index < len(cells)}
        row = _check_row(offset + 2, values, headers, lookups, actor, agency, errors)
        if row is not None:
            row.display = {headers[name]: str(values.get(name, "")) for name in headers}
            rows.append(row)
    _cross_checks(rows, headers, errors)
    errors.sort(key=lambda e: (e.row, e.column))
    return rows, errors, len(table)


# Services ---------------------------------------------------------------------------------


@transaction.atomic
def import_upload(*, actor, agency, upload) -> ImportRun:
    """Store the file and check it; nothing is imported until it is confirmed."""
    require_manage_agency_sources(actor, agency)
    limit = conf.get("TTDN_CATALOG_IMPORT_MAX_BYTES")
    if upload.size > limit:
        raise ApplicationError(
            _("The file is larger than %(size)s MB; split it into smaller files.")
            % {"size": limit // 1024 // 1024}
        )
    content = upload.read()
    file_format = detect_format(content)
    run = ImportRun(
        agency=agency, filename=upload.name[:255], file_format=file_format, created_by=actor
    )
    run.file.save(upload.name, ContentFile(content), save=False)
    _check(run, content, actor)
    run.save()
    return run


def _check(run: ImportRun, content: bytes, actor) -> list[ImportRow]:
    try:
        rows, errors, total = check_file(content, actor=actor, agency=run.agency)
    except ApplicationError as error:
        run.status, run.errors = RunStatus.REJECTED, [RowError(0, "", error.message).as_dict()]
        return []
    run.rows_total = total
    run.rows_valid = len({row.number for row in rows} - {e.row for e in errors})
    run.errors = [error.as_dict() for error in errors]
    run.preview = [row.display for row in rows[:PREVIEW_ROWS]]
    run.status = RunStatus.REJECTED if errors else RunStatus.CHECKED
    return rows


@transaction.atomic
def import_confirm(*, actor, run: ImportRun) -> ImportRun:
    from ttdn.catalog.jobs import import_run_job

    require_manage_agency_sources(actor, run.agency)
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.CHECKED:
        raise ApplicationError(_("Only a checked file without errors can be imported."))
    run.status = RunStatus.QUEUED
    run.save(update_fields=["status"])
    transaction.on_commit(lambda: import_run_job.enqueue(run.pk))
    return run


def import_execute(*, run_id: int) -> ImportRun:
    """Check the stored file again and write every row in one transaction, or nothing."""
    from ttdn.catalog.services.items import item_create

    run = ImportRun.objects.select_related("agency", "created_by").get(pk=run_id)
    if run.status not in (RunStatus.QUEUED, RunStatus.CHECKED):
        return run
    run.status = RunStatus.RUNNING
    run.save(update_fields=["status"])
    with run.file.open("rb") as handle:
        content = handle.read()
    actor = run.created_by
    rows = _check(run, content, actor)
    if run.status == RunStatus.REJECTED:
        run.finished_at = timezone.now()
        run.save()
        return run
    via = _("import no. %(id)s (%(name)s)") % {"id": run.pk, "name": run.filename}
    sources: dict[str, Item] = {}
    try:
        with transaction.atomic():
            for row in rows:
                source = sources.get(row.group) if row.group else None
                try:
                    if source is None:
                        item = item_create(
                            actor=actor,
                            agency=row.agency,
                            data=row.data,
                            source=ItemSource.IMPORT,
                            via=via,
                        )
                    else:
                        item = item_create(
                            actor=actor,
                            agency=source.agency,
                            data=row.data,
                            source=ItemSource.IMPORT,
                            via=via,
                            translation_of=source,
                        )
                except ApplicationError as error:
                    raise ApplicationError(
                        _("Row %(row)s: %(message)s")
                        % {"row": row.number, "message": error.message}
                    ) from None
                if row.group and source is None:
                    sources[row.group] = item
    except ApplicationError as error:
        run.status = RunStatus.REJECTED
        run.errors = [RowError(0, "", error.message).as_dict()]
    else:
        run.status = RunStatus.DONE
        run.items_created = len(rows)
        run.log = _("%(count)s items created as drafts.") % {"count": len(rows)}
    run.finished_at = timezone.now()
    run.save()
    return run
