"""The coordinator's portal page (internal): order highlights, keep the press-release,
clarification and contest lists, schedule publishing, open preview links."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ttdn.catalog.choices import ItemStatus
from ttdn.catalog.models import Item
from ttdn.catalog.permissions import require_review
from ttdn.core.errors import ApplicationError
from ttdn.portal import services
from ttdn.portal.choices import Section
from ttdn.portal.languages import portal_languages
from ttdn.portal.links import item_path
from ttdn.portal.models import Placement
from ttdn.portal.selectors import visible
from ttdn.portal.ui import internal_language, ui


@dataclass
class Work:
    item: Item  # the version shown to the coordinator (Vietnamese first)
    languages: list[str]  # portal languages with a visible version
    live_url: str = ""
    preview_url: str = ""


def _works(keys, *, actor) -> dict:
    versions = Item.objects.filter(translation_key__in=keys).select_related("agency")
    live = set(visible().filter(translation_key__in=keys).values_list("pk", flat=True))
    order = {code: n for n, code in enumerate(["vi", *portal_languages()])}
    grouped: dict = {}
    for item in sorted(versions, key=lambda v: order.get(v.language, 99)):
        grouped.setdefault(item.translation_key, []).append(item)
    works = {}
    for key, items in grouped.items():
        shown = items[0]
        live_items = [i for i in items if i.pk in live]
        works[key] = Work(
            item=shown,
            languages=[i.language for i in live_items],
            live_url=item_path(live_items[0]) if live_items else "",
            preview_url=services.preview_path(actor=actor, item=shown),
        )
    return works


@login_required
def editorial_view(request):
    require_review(request.user)
    now = timezone.now()
    placements = list(Placement.objects.order_by("section", "position", "pk"))
    candidates = list(
        Item.objects.filter(status__in=(ItemStatus.APPROVED, ItemStatus.PUBLISHED))
        .filter(language__in=portal_languages())
        .order_by("-updated_at")[:200]
    )
    scheduled = list(
        Item.objects.filter(status=ItemStatus.PUBLISHED, published_at__gt=now).order_by(
            "published_at"
        )
    )
    approved = list(Item.objects.filter(status=ItemStatus.APPROVED).order_by("-updated_at")[:100])
    keys = {p.translation_key for p in placements} | {i.translation_key for i in candidates}
    works = _works(keys | {i.translation_key for i in scheduled + approved}, actor=request.user)
    sections = [
        (
            value,
            label,
            [(p, works.get(p.translation_key)) for p in placements if p.section == value],
        )
        for value, label in Section.choices
    ]
    seen, choices = set(), []
    for item in candidates:
        if item.translation_key not in seen:
            seen.add(item.translation_key)
            choices.append(works[item.translation_key].item)
    return render(
        request,
        "portal/editorial.html",
        {
            "lang": internal_language(),
            "sections": sections,
            "choices": choices,
            "scheduled": [(i, works[i.translation_key]) for i in scheduled],
            "approved": [(i, works[i.translation_key]) for i in approved],
            "now": timezone.localtime(now),
        },
    )


def _moment(value: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ApplicationError(ui("ed.error.when", internal_language())) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@login_required
@require_POST
def editorial_action_view(request, action: str):
    require_review(request.user)
    lang = internal_language()
    data = request.POST
    try:
        if action == "add":
            item = get_object_or_404(Item, pk=data.get("item") or 0)
            services.placement_add(actor=request.user, section=data.get("section", ""), item=item)
        elif action in ("remove", "up", "down"):
            placement = get_object_or_404(Placement, pk=data.get("placement") or 0)
            if action == "remove":
                services.placement_remove(actor=request.user, placement=placement)
            else:
                offset = -1 if action == "up" else 1
                services.placement_move(actor=request.user, placement=placement, offset=offset)
        elif action == "schedule":
            item = get_object_or_404(Item, pk=data.get("item") or 0)
            services.item_schedule(actor=request.user, item=item, at=_moment(data.get("at", "")))
        elif action == "publish-now":
            item = get_object_or_404(Item, pk=data.get("item") or 0)
            services.item_publish_now(actor=request.user, item=item)
        else:
            raise PermissionDenied(ui("ed.error.action", lang))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ui(f"ed.done.{action}", lang))
    return redirect("portal_editorial:home")
