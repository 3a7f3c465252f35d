"""Plan importers: read an official plan and its task table into plain dataclasses.

`get_parser("text")` reads plain text; more formats register themselves with
`@register_parser` (a DOCX importer is planned). Nothing here touches the database.
"""

from ttdn.plans.importers.base import (
    BasePlanParser,
    ParsedAgencyRef,
    ParsedGroup,
    ParsedPlan,
    ParsedTask,
    ParsedTimeframe,
    PlanParseError,
    get_parser,
    parsers,
    register_parser,
)
from ttdn.plans.importers.text import (
    BUILTIN_NAMES,
    TextPlanParser,
    parse_plan_text,
    parse_timeframe,
    split_agencies,
)

__all__ = [
    "BUILTIN_NAMES",
    "BasePlanParser",
    "ParsedAgencyRef",
    "ParsedGroup",
    "ParsedPlan",
    "ParsedTask",
    "ParsedTimeframe",
    "PlanParseError",
    "TextPlanParser",
    "get_parser",
    "parse_plan_text",
    "parse_timeframe",
    "parsers",
    "register_parser",
    "split_agencies",
]
