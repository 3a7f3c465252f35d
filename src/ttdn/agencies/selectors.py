"""Reads about agencies: finding a name, resolving successions, group membership."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ttdn.agencies.models import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyGroupAlias,
    Succession,
    SuccessionTarget,
)
from ttdn.core.errors import ApplicationError
from ttdn.core.queries import today
from ttdn.core.text import fold


class AmbiguousSuccession(ApplicationError):
    """A split left no single successor with the foreign-information function."""

    def __init__(self, message: str, *, candidates: list[Agency]) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass
class _Edge:
    date: datetime.date
    kind: str
    succession_id: int
    targets: list[tuple[int, bool]]  # (agency id, takes foreign information)


@dataclass
class SuccessionGraph:
    """Every succession in memory (two queries), to resolve many agencies without N+1."""

    forward: dict[int, list[_Edge]] = field(default_factory=lambda: defaultdict(list))
    backward: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    agencies: dict[int, Agency] = field(default_factory=dict)

    @classmethod
    def load(cls) -> SuccessionGraph:
        graph = cls()
        graph.agencies = {agency.pk: agency for agency in Agency.objects.all()}
        successions = Succession.objects.prefetch_related(
            "predecessors", Prefetch("targets", queryset=SuccessionTarget.objects.order_by("pk"))
        )
        for succession in successions:
            targets = [(t.agency_id, t.foreign_information) for t in succession.targets.all()]
            for predecessor in succession.predecessors.all():
                edge = _Edge(succession.date, succession.kind, succession.pk, targets)
                graph.forward[predecessor.pk].append(edge)
                for target_id, _fi in targets:
                    if target_id != predecessor.pk:
                        graph.backward[target_id].add(predecessor.pk)
        for edges in graph.forward.values():
            edges.sort(key=lambda edge: edge.date)
        return graph

    def resolve(self, agency: Agency, on: datetime.date) -> Agency:
        """The agency in charge on `on` of the work assigned to `agency`."""
        current = agency
        seen = {current.pk}
        while True:
            edge = self._next_edge(current.pk, on)
            if edge is None:
                return current
            successor_id = self._successor(current, edge)
            if successor_id in seen:
                return current
            seen.add(successor_id)
            current = self.agencies[successor_id]

    def _next_edge(self, agency_id: int, on: datetime.date) -> _Edge | None:
        for edge in self.forward.get(agency_id, []):
            if edge.date <= on and edge.targets:
                return edge
            if edge.date <= on and not edge.targets:
                raise ApplicationError(
                    _("%(agency)s was abolished on %(date)s and has no successor.")
                    % {"agency": self.agencies[agency_id].name, "date": f"{edge.date:%d/%m/%Y}"}
                )
        return None

    def _successor(self, agency: Agency, edge: _Edge) -> int:
        if len(edge.targets) == 1:
            return edge.targets[0][0]
        chosen = [target_id for target_id, takes_fi in edge.targets if takes_fi]
        if len(chosen) == 1:
            return chosen[0]
        candidates = [self.agencies[target_id] for target_id, _fi in edge.targets]
        raise AmbiguousSuccession(
            _(
                "%(agency)s was divided on %(date)s among %(count)d agencies and none of them "
                "alone took its foreign-information work; choose the agency in charge."
            )
            % {"agency": agency.name, "date": f"{edge.date:%d/%m/%Y}", "count": len(candidates)},
            candidates=candidates,
        )

    def change_date(self, agency: Agency, on: datetime.date) -> datetime.date | None:
        """The date of the first succession that moved `agency`'s work, if any by `on`."""
        for edge in self.forward.get(agency.pk, []):
            if edge.date <= on:
                return edge.date
        return None

    def predecessors(self, agency_id: int) -> set[int]:
        """All agencies whose work flowed, directly or not, into `agency_id`."""
        found: set[int] = set()
        stack = [agency_id]
        while stack:
            for predecessor in self.backward.get(stack.pop(), ()):
                if predecessor not in found:
                    found.add(predecessor)
                    stack.append(predecessor)
        return found


def agency_find(name: str) -> Agency | AgencyGroup | None:
    """The agency or group a document means by `name`, matched without diacritics or case."""
    folded = fold(name)
    agency = (
        Agency.objects.filter(Q(name_folded=folded) | Q(aliases__name_folded=folded))
        .order_by("active_to", "pk")
        .first()
    )
    if agency is not None:
        return agency
    return (
        AgencyGroup.objects.filter(Q(name_folded=folded) | Q(aliases__name_folded=folded))
        .order_by("pk")
        .first()
    )


def agency_resolve(name: str | Agency, *, on: datetime.date | None = None) -> Agency:
    """The agency in charge on `on` (default today) of work assigned to `name`.

    Follows successions; for a split, the successor that took the foreign-information
    function. Raises ApplicationError for an unknown name, a group, or an abolition
    without successor, and AmbiguousSuccession when a split has no single heir.
    """
    on = on or today()
    agency = name if isinstance(name, Agency) else agency_find(name)
    if agency is None:
        raise ApplicationError(_("No agency is known by the name “%(name)s”.") % {"name": name})
    if isinstance(agency, AgencyGroup):
        raise ApplicationError(
            _("“%(name)s” is a group of agencies, not one agency.") % {"name": agency.name}
        )
    return SuccessionGraph.load().resolve(agency, on)


def agency_group_members(group: AgencyGroup, *, on: datetime.date | None = None) -> QuerySet:
    """The agencies that belong to `group` on `on` (default today)."""
    on = on or today()
    active = (Q(active_from__isnull=True) | Q(active_from__lte=on)) & (
        Q(active_to__isnull=True) | Q(active_to__gte=on)
    )
    rule = Q(kind__in=group.kinds) & active
    included = Q(pk__in=group.include.values("pk"))
    return (
        Agency.objects.filter(rule | included)
        .exclude(pk__in=group.exclude.values("pk"))
        .distinct()
        .order_by("kind", "name")
    )


def agency_list(
    *,
    kinds: Iterable[str] = (),
    query: str = "",
    on: datetime.date | None = None,
    include_inactive: bool = False,
) -> QuerySet:
    """The directory: agencies filtered by kind, a diacritics-insensitive query and date."""
    agencies = Agency.objects.select_related("parent")
    if kinds:
        agencies = agencies.filter(kind__in=list(kinds))
    if query:
        folded = fold(query)
        agencies = agencies.filter(
            Q(name_folded__contains=folded)
            | Q(aliases__name_folded__contains=folded)
            | Q(short_name__icontains=query)
            | Q(name_en__icontains=query)
        ).distinct()
    if not include_inactive:
        on = on or today()
        agencies = agencies.filter(Q(active_to__isnull=True) | Q(active_to__gte=on))
    return agencies.order_by("kind", "name")


def agency_detail(code: str) -> Agency:
    return get_object_or_404(
        Agency.objects.select_related("parent").prefetch_related("aliases", "children"),
        code=code,
    )


def agency_successions(agency: Agency) -> list[Succession]:
    """Successions in which `agency` ended or began, oldest first, for the timeline."""
    return list(
        Succession.objects.filter(Q(predecessors=agency) | Q(targets__agency=agency))
        .distinct()
        .prefetch_related("predecessors", "targets__agency")
        .order_by("date", "pk")
    )


def succession_timeline() -> list[Succession]:
    """Every succession with its agencies, oldest first (the directory's timeline)."""
    return list(
        Succession.objects.prefetch_related("predecessors", "targets__agency").order_by(
            "date", "pk"
        )
    )


def alias_names() -> list[str]:
    """Every name and alias of agencies and groups, for the plan-text parser."""
    names: list[str] = []
    names += Agency.objects.values_list("name", flat=True)
    names += AgencyAlias.objects.values_list("name", flat=True)
    names += AgencyGroup.objects.values_list("name", flat=True)
    names += AgencyGroupAlias.objects.values_list("name", flat=True)
    return names
