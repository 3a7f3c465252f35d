"""Catalog pages. Each view parses input, calls one service or selector, and renders; one
view serves its page and its htmx fragment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn.catalog import permissions as rules
from ttdn.catalog import selectors
from ttdn.catalog.choices import DuplicateDecision
from ttdn.catalog.forms import FeedForm, ImportForm, ItemForm, MediaForm, TokenForm, TranslationForm
from ttdn.catalog.models import AgencyToken, DuplicateCandidate, Feed, ImportRun, Item, MediaFile
from ttdn.catalog.services import duplicates, harvest, imports, items, media, reindex, tokens
from ttdn.catalog.validators import allowed_languages, language_name
from ttdn.core.errors import ApplicationError
from ttdn.exports.base import formats_for, get_exporter


def _problem(form, error: ApplicationError) -> None:
    """Put a service's sentences on the form: per field where it can, else on top."""
    fields = error.extra.get("fields") or {}
    placed = False
    for name, sentences in fields.items():
        if name in form.fields:
            for sentence in sentences:
                form.add_error(name, sentence)
            placed = True
    if not placed:
        form.add_error(None, error.message)


def _tasks():
    from ttdn.plans.models import Task
    from ttdn.plans.selectors import plan_default

    plan = plan_default()
    return Task.objects.filter(plan=plan).order_by("position") if plan else Task.objects.none()


# Search ---------------------------------------------------------------------------------


def search_view(request):
    params = selectors.SearchParams.from_query(request.GET)
    page = selectors.catalog_search(params, user=request.user)
    context = {
        "page": page,
        "params": params,
        "export_formats": formats_for("catalog_search"),
        "languages": allowed_languages(),
        "can_add": request.user.is_authenticated
        and rules.role_of(request.user) in rules.REVIEWERS | rules.AGENCY_STAFF,
    }
    if request.htmx:
        return render(request, "catalog/partials/results.html", context)
    return render(request, "catalog/search.html", context)


def export_view(request, fmt):
    try:
        exporter = get_exporter("catalog_search", fmt)
    except ApplicationError as error:
        return render(request, "400.html", {"message": error.message}, status=400)
    params = selectors.SearchParams.from_query(request.GET)
    data = selectors.search_export_rows(params, user=request.user)
    response = HttpResponse(exporter.render(data), content_type=exporter.content_type)
    response["Content-Disposition"] = f'attachment; filename="catalog-search.{exporter.extension}"'
    return response


# Items ----------------------------------------------------------------------------------


def item_detail_view(request, pk):
    item = selectors.item_get(pk, user=request.user)
    versions = selectors.item_versions(item, user=request.user)
    present = {v.language for v in versions}
    user = request.user
    context = {
        "item": item,
        "versions": versions,
        "files": selectors.item_media(item),
        "history": selectors.item_history(item) if user.is_authenticated else [],
        "missing_languages": [
            (c, language_name(c)) for c in allowed_languages() if c not in present
        ],
        "can_edit": rules.can_edit_item(user, item),
        "can_submit": rules.can_submit_item(user, item),
        "can_review": rules.can_review(user),
        "can_archive": rules.can_archive_item(user, item),
        "can_translate": rules.can_create_item(user, item.agency)
        if user.is_authenticated
        else False,
        "media_form": MediaForm(),
    }
    return render(request, "catalog/item_detail.html", context)


def _item_form(request, *, item: Item | None):
    agencies = selectors.agency_choices_for(request.user)
    initial = {}
    if item is not None:
        initial = {
            name: getattr(item, name)
            for name in ItemForm.base_fields
            if hasattr(item, name) and name not in ("topics", "tasks", "image", "agency")
        }
        initial |= {"agency": item.agency, "topics": list(item.topics.all()),
                    "tasks": list(item.tasks.all())}  # fmt: skip
    else:
        initial = {"language": "vi", "agency": request.user.agency}
    return ItemForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        agencies=agencies,
        tasks=_tasks(),
    )


@login_required
def item_create_view(request):
    form = _item_form(request, item=None)
    if request.method == "POST" and form.is_valid():
        try:
            item = _save_item(request, form, item=None)
        except ApplicationError as error:
            _problem(form, error)
        else:
            messages.success(request, _("The item was saved as a draft."))
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "item": None})


def _save_item(request, form: ItemForm, *, item: Item | None) -> Item:
    from django.db import transaction

    with transaction.atomic():
        if item is None:
            item = items.item_create(
                actor=request.user, agency=form.cleaned_data["agency"], data=form.item_data()
            )
        else:
            data = form.item_data() | {"agency": form.cleaned_data["agency"]}
            item = items.item_update(actor=request.user, item=item, data=data)
        if form.cleaned_data.get("image"):
            media.media_add(
                actor=request.user,
                item=item,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data.get("caption", ""),
            )
    return item


@login_required
def item_edit_view(request, pk):
    item = selectors.item_get(pk, user=request.user)
    rules.require_edit_item(request.user, item)
    form = _item_form(request, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            item = _save_item(request, form, item=item)
        except ApplicationError as error:
            _problem(form, error)
        else:
            messages.success(request, _("The item was saved."))
            return redirect("catalog:item", pk=item.pk)
    return render(request, "catalog/item_form.html", {"form": form, "item": item})


@login_required
def item_translate_view(request, pk):
    from django.db import transaction

    source = selectors.item_get(pk, user=request.user)
    rules.require_create_item(request.user, source.agency)
    present = {v.language for v in selectors.item_versions(source, user=request.user)}
    missing = [code for code in allowed_languages() if code not in present]
    initial = {"language": request.GET.get("language") or (missing[0] if missing else "")}
    form = TranslationForm(
        request.POST or None, request.FILES or None, initial=initial, missing_languages=missing
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                version = items.translation_create(
                    actor=request.user, source=source, data=form.item_data()
                )
                if form.cleaned_data.get("image"):
                    media.media_add(
                        actor=request.user,
                        item=version,
                        upload=form.cleaned_data["image"],
                        caption=form.cleaned_data.get("caption", ""),
                    )
        except ApplicationError as error:
            _problem(form, error)
        else:
            messages.success(
                request,
                _("The %(language)s version was saved as a draft.")
                % {"language": language_name(version.language)},
            )
            return redirect("catalog:item", pk=version.pk)
    return render(request, "catalog/translation_form.html", {"form": form, "source": source})


ACTIONS = {
    "submit": lambda user, item, note: items.item_submit(actor=user, item=item),
    "approve": lambda user, item, note: items.item_approve(actor=user, item=item, note=note),
    "publish": lambda user, item, note: items.item_publish(actor=user, item=item),
    "approve_publish": lambda user, item, note: items.item_approve_and_publish(
        actor=user, item=item
    ),
    "return": lambda user, item, note: items.item_return(actor=user, item=item, note=note),
    "archive": lambda user, item, note: items.item_archive(actor=user, item=item, note=note),
    "restore": lambda user, item, note: items.item_restore(actor=user, item=item),
    "checked": lambda user, item, note: items.translation_mark_current(actor=user, item=item),
}
DONE = {
    "submit": gettext_lazy("Sent for review."),
    "approve": gettext_lazy("Approved."),
    "publish": gettext_lazy("Published."),
    "approve_publish": gettext_lazy("Approved and published."),
    "return": gettext_lazy("Returned to the agency for changes."),
    "archive": gettext_lazy("Archived."),
    "restore": gettext_lazy("Restored as a draft."),
    "checked": gettext_lazy("Marked as up to date with its source."),
}


@login_required
@require_POST
def item_action_view(request, pk, action):
    if action not in ACTIONS:
        raise Http404
    item = selectors.item_get(pk, user=request.user)
    try:
        ACTIONS[action](request.user, item, request.POST.get("note", ""))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(DONE[action]))
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("catalog:item", pk=item.pk)


@login_required
@require_POST
def media_upload_view(request, pk):
    item = selectors.item_get(pk, user=request.user)
    form = MediaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            media.media_add(
                actor=request.user,
                item=item,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The file was added."))
    else:
        messages.error(request, _("Choose a file to upload."))
    return redirect("catalog:item", pk=item.pk)


def _reader(request):
    """The signed-in user, or the agency behind an API token (files are fetched both ways)."""
    header = request.headers.get("Authorization", "")
    if request.user.is_authenticated or not header.lower().startswith("bearer "):
        return request.user
    from ttdn.catalog.api.auth import TokenPrincipal

    token = tokens.token_authenticate(header.split(" ", 1)[1].strip())
    return TokenPrincipal(token) if token else request.user


def _media(request, pk, *, thumbnail: bool):
    file = get_object_or_404(MediaFile.objects.select_related("item"), pk=pk)
    rules.require_view_item(_reader(request), file.item)
    field = file.thumbnail if thumbnail else file.file
    if not field:
        raise Http404
    content_type = "image/webp" if thumbnail else file.content_type
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if not rules.is_public(file.item):  # scheduled items' files too, until their time
        response["Cache-Control"] = "private, max-age=300"
    if not thumbnail and not file.is_image:
        response["Content-Disposition"] = (
            f'attachment; filename="{file.checksum[:16]}{file.extension}"'
        )
    return response


def media_file_view(request, pk):
    return _media(request, pk, thumbnail=False)


def media_thumbnail_view(request, pk):
    return _media(request, pk, thumbnail=True)


# Review, duplicates, coverage ---------------------------------------------------------


@login_required
def review_view(request):
    rules.require_review(request.user)
    from ttdn.catalog.models import ReindexRun

    context = {
        "queues": selectors.review_queue(),
        "duplicates": selectors.duplicates_open().count(),
        "reindex": ReindexRun.objects.first(),
    }
    return render(request, "catalog/review.html", context)


@login_required
@require_POST
def reindex_view(request):
    try:
        reindex.reindex_request(actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The search index is being rebuilt."))
    return redirect("catalog:review")


@login_required
def duplicates_view(request):
    rules.require_review(request.user)
    if request.method == "POST":
        candidate = get_object_or_404(DuplicateCandidate, pk=request.POST.get("candidate"))
        try:
            duplicates.duplicate_decide(
                actor=request.user, candidate=candidate, decision=request.POST.get("decision", "")
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("catalog:duplicates")
    context = {"pairs": selectors.duplicates_open()[:100], "decisions": DuplicateDecision}
    return render(request, "catalog/duplicates.html", context)


@login_required
def coverage_view(request):
    if not (rules.can_read_unpublished(request.user) or request.user.agency_id):
        raise PermissionDenied(_("The coverage matrix is for agencies and the coordinator."))
    return render(request, "catalog/coverage.html", {"matrix": selectors.coverage_matrix()})


# Import ---------------------------------------------------------------------------------


@login_required
def import_view(request):
    agencies = selectors.agency_choices_for(request.user)
    form = ImportForm(
        request.POST or None, request.FILES or None, agencies=agencies,
        initial={"agency": request.user.agency},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            run = imports.import_upload(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                upload=form.cleaned_data["file"],
            )
        except ApplicationError as error:
            _problem(form, error)
        else:
            return redirect("catalog:import_detail", pk=run.pk)
    context = {"form": form, "runs": selectors.imports_for(request.user)}
    return render(request, "catalog/import.html", context)


@login_required
def import_detail_view(request, pk):
    run = get_object_or_404(ImportRun.objects.select_related("agency"), pk=pk)
    rules.require_manage_agency_sources(request.user, run.agency)
    if request.method == "POST":
        try:
            run = imports.import_confirm(actor=request.user, run=run)
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("catalog:import_detail", pk=run.pk)
    run.refresh_from_db()
    context = {"run": run, "finished": selectors.run_is_finished(run)}
    if request.htmx:
        return render(request, "catalog/partials/import_status.html", context)
    return render(request, "catalog/import_detail.html", context)


def import_template_view(request):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["title", "summary", "body", "language", "kind", "topics", "target countries",
         "channel", "publication date", "original url", "credits", "licence", "tasks",
         "translation group"]
    )  # fmt: skip
    writer.writerow(
        ["Lễ hội Làng Sen 2025", "Tóm tắt ngắn", "", "vi", "event", "culture-heritage; tourism",
         "LA", "portals", "2025-05-19", "https://example.gov.vn/le-hoi-lang-sen", "Sở VHTTDL",
         "agency", "3.2", "lang-sen-2025"]
    )  # fmt: skip
    writer.writerow(
        ["Làng Sen Festival 2025", "A short summary", "", "en", "event", "culture-heritage", "",
         "portals", "2025-05-19", "", "", "agency", "3.2", "lang-sen-2025"]
    )  # fmt: skip
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="catalog-import-template.csv"'
    return response


# Feeds ----------------------------------------------------------------------------------


@login_required
def feeds_view(request):
    agencies = selectors.agency_choices_for(request.user)
    form = FeedForm(
        request.POST or None, agencies=agencies, initial={"agency": request.user.agency}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        agency = data.pop("agency")
        try:
            harvest.feed_create(actor=request.user, agency=agency, **data)
        except ApplicationError as error:
            _problem(form, error)
        else:
            messages.success(request, _("The feed was added; it is harvested within minutes."))
            return redirect("catalog:feeds")
    context = {"form": form, "feeds": selectors.feeds_for(request.user)}
    return render(request, "catalog/feeds.html", context)


@login_required
def feed_detail_view(request, pk):
    feed = get_object_or_404(Feed.objects.select_related("agency"), pk=pk)
    rules.require_manage_agency_sources(request.user, feed.agency)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "harvest":
            harvest.feed_harvest_request(actor=request.user, feed=feed)
            messages.success(request, _("The feed is being harvested; reload in a moment."))
        elif action in ("pause", "resume"):
            harvest.feed_set_active(actor=request.user, feed=feed, active=action == "resume")
        return redirect("catalog:feed", pk=feed.pk)
    context = {"feed": feed, "runs": feed.runs.all()[:30]}
    return render(request, "catalog/feed_detail.html", context)


# API tokens -----------------------------------------------------------------------------


@login_required
def tokens_view(request):
    user = request.user
    agencies = selectors.agency_choices_for(user)
    if not any(rules.can_manage_tokens(user, a) for a in agencies[:1]):
        raise PermissionDenied(_("Only an agency head or the coordinator manages API tokens."))
    form = TokenForm(request.POST or None, agencies=agencies, initial={"agency": user.agency})
    secret = None
    if request.method == "POST" and request.POST.get("revoke"):
        token = get_object_or_404(AgencyToken, pk=request.POST["revoke"])
        tokens.token_revoke(actor=user, token=token)
        messages.success(request, _("The token was revoked; it no longer works."))
        return redirect("catalog:tokens")
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = tokens.token_create(
                actor=user, agency=form.cleaned_data["agency"], name=form.cleaned_data["name"]
            )
        except ApplicationError as error:
            _problem(form, error)
        else:
            form = TokenForm(agencies=agencies, initial={"agency": user.agency})
    listed = AgencyToken.objects.select_related("agency", "created_by").filter(agency__in=agencies)
    context = {"form": form, "tokens": listed, "secret": secret}
    return render(request, "catalog/tokens.html", context)
