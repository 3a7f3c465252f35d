"""`ttdn search QUERY [--json] [--language vi] [--mode recent|all|newest] [--exact] …`"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.http import QueryDict

from ttdn.catalog.selectors import SearchParams, catalog_search
from ttdn.catalog.validators import allowed_languages


class Command(BaseCommand):
    help = "Search the foreign-information database (as the coordinator sees it)."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="*", help='Words; "quoted words" are a phrase.')
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--language", action="append", choices=allowed_languages())
        parser.add_argument("--kind", action="append")
        parser.add_argument("--status", action="append")
        parser.add_argument("--agency", action="append", help="Agency code.")
        parser.add_argument("--topic", action="append", help="Topic code.")
        parser.add_argument("--year", action="append")
        parser.add_argument("--mode", default="recent", choices=["recent", "all", "newest"])
        parser.add_argument("--exact", action="store_true", help="Exact diacritics only.")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--page", type=int, default=1)

    def handle(self, *args, **options):
        data = QueryDict(mutable=True)
        data["q"] = " ".join(options["query"])
        data["mode"] = options["mode"]
        data["page"] = str(options["page"])
        if options["exact"]:
            data["exact"] = "1"
        for name in ("language", "kind", "status", "agency", "topic", "year"):
            data.setlist(name, options[name] or [])
        params = SearchParams.from_query(data)
        page = catalog_search(params, user=_Reader(), limit=max(1, min(options["limit"], 500)))
        if options["json"]:
            self.stdout.write(json.dumps(_as_json(page), ensure_ascii=False, indent=1))
            return
        window = (
            f", ranked among items from {page.window_from:%d/%m/%Y}" if page.window_from else ""
        )
        self.stdout.write(f"{page.total} items ({page.mode}{window})")
        for result in page.results:
            item = result.item
            date = f"{item.published_on:%d/%m/%Y}" if item.published_on else "—"
            self.stdout.write(
                f"{item.pk:>8}  [{item.language}] {item.title}  ({date}, {item.status})"
            )


class _Reader:
    """The command line reads like the coordinator: every status."""

    is_authenticated = True
    is_superuser = True
    role = "admin"
    agency_id = None


def _plain(value: str) -> str:
    return str(value).replace("<mark>", "[").replace("</mark>", "]")


def _as_json(page) -> dict:
    return {
        "query": page.params.q,
        "total": page.total,
        "mode": page.mode,
        "window_from": page.window_from.isoformat() if page.window_from else None,
        "notices": page.notices,
        "results": [
            {
                "id": r.item.pk,
                "title": r.item.title,
                "language": r.item.language,
                "kind": r.item.kind,
                "status": r.item.status,
                "agency": r.item.agency.code,
                "published_on": r.item.published_on.isoformat() if r.item.published_on else None,
                "highlight": _plain(r.title),
                "snippet": _plain(r.snippet),
                "tier": r.tier,
                "score": round(r.score, 4),
            }
            for r in page.results
        ],
        "facets": {f.name: {v.value: v.count for v in f.values} for f in page.facets},
    }
