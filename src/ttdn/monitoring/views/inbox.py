"""The inbox, a story's page, and one-click confirmations (htmx)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ttdn.core.errors import ApplicationError
from ttdn.core.http import redirect_back
from ttdn.monitoring.choices import LabelField, Tone, Topic
from ttdn.monitoring.forms import CaseOpenForm, FilterForm, SavedSearchForm
from ttdn.monitoring.models import Story
from ttdn.monitoring.selectors.inbox import InboxFilters, inbox, story_detail
from ttdn.monitoring.services import stories as story_services
from ttdn.monitoring.services.permissions import (
    can_read_monitoring,
    can_run_monitoring,
    require_read_monitoring,
)
from ttdn.monitoring.views.common import suggested_agency

PAGE_SIZE = 25


@login_required
def home_view(request):
    return redirect("monitoring:inbox" if can_read_monitoring(request.user) else "monitoring:cases")


@login_required
def inbox_view(request):
    require_read_monitoring(request.user)
    filters = InboxFilters.from_params(request.GET)
    page = Paginator(inbox(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "form": FilterForm(request.GET or None),
        "save_form": SavedSearchForm(),
        "query": params.urlencode(),
        "can_label": can_run_monitoring(request.user),
        "tones": Tone.choices,
        "topics": Topic.choices,
    }
    if request.htmx and request.htmx.target == "inbox-results":
        return render(request, "monitoring/partials/inbox_results.html", context)
    return render(request, "monitoring/inbox.html", context)


@login_required
def story_view(request, pk):
    require_read_monitoring(request.user)
    story = get_object_or_404(Story, pk=pk)
    story = story_detail(story.pk)
    form = CaseOpenForm(
        initial={
            "agency": suggested_agency(story),
            "title": story.title,
            "kind": "social" if story.social else "press",
            "published_on": (story.first_published_at or story.discovered_at).date(),
            "discovered_on": story.discovered_at.date(),
        }
    )
    return render(
        request,
        "monitoring/story.html",
        {
            "story": story,
            "case_form": form,
            "can_label": can_run_monitoring(request.user),
            "tones": Tone.choices,
            "topics": Topic.choices,
        },
    )


def _labels(post) -> dict:
    labels = {}
    if post.get("relevance") in ("yes", "no"):
        labels[LabelField.RELEVANCE] = post["relevance"]
    if post.get("topic"):
        labels[LabelField.TOPIC] = post["topic"]
    if post.get("tone"):
        labels[LabelField.TONE] = post["tone"]
    return labels


@login_required
@require_POST
def story_label_view(request, pk):
    story = get_object_or_404(Story, pk=pk)
    try:
        if "needs_answer" in request.POST:
            story = story_services.story_mark_needs_answer(
                actor=request.user, story=story, needs_answer=request.POST["needs_answer"] == "1"
            )
        elif request.POST.get("confirm"):
            story = story_services.story_confirm(actor=request.user, story=story)
        else:
            story = story_services.story_label(
                actor=request.user, story=story, labels=_labels(request.POST)
            )
    except ApplicationError as error:
        if request.htmx:
            return render(
                request, "monitoring/partials/error.html", {"message": error.message}, status=400
            )
        messages.error(request, error.message)
    if request.htmx:
        story = inbox(InboxFilters(show="all")).get(pk=story.pk)
        return render(
            request,
            "monitoring/partials/story_row.html",
            {"story": story, "can_label": True, "tones": Tone.choices, "topics": Topic.choices},
        )
    return redirect_back(request, "monitoring:story", story.pk)
