"""What officers do to a story in the inbox: confirm or correct its relevance, topic and tone
(each answer is a `Label`, training data for the classifier), and mark it as needing an
official answer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.errors import ApplicationError
from ttdn.monitoring.choices import LabelField, Tone, Topic
from ttdn.monitoring.models import Article, Label, Story
from ttdn.monitoring.services.permissions import require_run_monitoring

VALUES = {
    LabelField.RELEVANCE: {"yes", "no"},
    LabelField.TOPIC: set(Topic.values),
    LabelField.TONE: set(Tone.values),
}


def _representative(story: Story) -> Article | None:
    return story.articles.order_by("-relevance", "pk").first()


def _suggested(story: Story, field: str) -> str:
    if field == LabelField.RELEVANCE:
        return "yes" if story.relevant_suggested else "no"
    return getattr(story, f"{field}_suggested")


def _apply(story: Story, field: str, value: str) -> list[str]:
    if field == LabelField.RELEVANCE:
        story.relevant, story.relevance_reviewed = value == "yes", True
        return ["relevant", "relevance_reviewed"]
    setattr(story, field, value)
    setattr(story, f"{field}_reviewed", True)
    return [field, f"{field}_reviewed"]


@transaction.atomic
def story_label(*, actor, story: Story, labels: dict[str, str]) -> Story:
    """Record the officer's answer for each field given (relevance: 'yes'/'no')."""
    require_run_monitoring(actor)
    story = Story.objects.select_for_update().get(pk=story.pk)
    for field, value in labels.items():
        if field not in VALUES or value not in VALUES[field]:
            raise ApplicationError(
                _("“%(value)s” is not a possible answer for %(field)s; choose one of the buttons.")
                % {
                    "value": value,
                    "field": LabelField(field).label if field in LabelField.values else field,
                }
            )
    article = _representative(story)
    changed = ["reviewed_by", "reviewed_at"]
    for field, value in labels.items():
        Label.objects.create(
            story=story,
            article=article,
            field=field,
            value=value,
            suggested=_suggested(story, field),
            by=actor,
        )
        changed += _apply(story, field, value)
    story.reviewed_by, story.reviewed_at = actor, timezone.now()
    story.save(update_fields=changed)
    return story


def story_confirm(*, actor, story: Story) -> Story:
    """Confirm every value as it stands now (suggested or already corrected), in one click."""
    story = Story.objects.get(pk=story.pk)
    return story_label(
        actor=actor,
        story=story,
        labels={
            LabelField.RELEVANCE: "yes" if story.relevant else "no",
            **({LabelField.TOPIC: story.topic} if story.topic else {}),
            **({LabelField.TONE: story.tone} if story.tone else {}),
        },
    )


@transaction.atomic
def story_mark_needs_answer(*, actor, story: Story, needs_answer: bool) -> Story:
    require_run_monitoring(actor)
    story = Story.objects.select_for_update().get(pk=story.pk)
    story.needs_answer = needs_answer
    story.needs_answer_by = actor if needs_answer else None
    story.needs_answer_at = timezone.now() if needs_answer else None
    story.save(update_fields=["needs_answer", "needs_answer_by", "needs_answer_at"])
    return story
