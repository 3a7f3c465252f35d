"""Helpers shared by the monitoring views."""

from django.utils import timezone

from ttdn.agencies.models import Agency
from ttdn.agencies.selectors import agency_resolve
from ttdn.core.errors import ApplicationError


def suggested_agency(story) -> Agency | None:
    """The agency in charge today of the first place the story names (a commune, a former
    district's successor …) — the province's People's Committee only when nothing more
    specific is named."""
    codes = sorted(story.agencies or [], key=lambda code: code == "ubnd-tinh")  # specific first
    by_code = Agency.objects.in_bulk(codes, field_name="code")
    for code in codes:
        agency = by_code.get(code)
        if agency is None:
            continue
        try:
            return agency_resolve(agency, on=timezone.localdate())
        except ApplicationError:
            continue
    return None
