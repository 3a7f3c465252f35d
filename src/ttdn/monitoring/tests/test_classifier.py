"""Topic and tone suggestions; officers' confirmations retrain the classifier (a job)."""

from collections import Counter

import pytest

from ttdn.monitoring.models import ClassifierModel, Label
from ttdn.monitoring.pipeline.classify import NaiveBayes, features, train
from ttdn.monitoring.pipeline.text import words
from ttdn.monitoring.services.classifier import classifier_current, classifier_retrain, seed_model
from ttdn.monitoring.services.stories import story_confirm, story_label


def predict(model, title: str, lead: str = ""):
    return model.predict(features(words(title), words(lead), ()))


def test_naive_bayes_is_plain_data_and_deterministic():
    examples = [(Counter({"tai": 1, "nạn": 1}), "negative"), (Counter({"khánh": 1}), "positive")]
    model = train(examples, ["positive", "neutral", "negative"])
    again = NaiveBayes.from_json(model.to_json())
    assert again.predict(Counter({"tai": 1})) == model.predict(Counter({"tai": 1}))
    assert model.predict(Counter({"tai": 2})).label == "negative"


@pytest.mark.parametrize(
    ("title", "tone", "topic"),
    [
        (
            "Tai nạn giao thông nghiêm trọng trên quốc lộ, hai người tử vong",
            "negative",
            "border_security",
        ),
        ("Khánh thành nhà máy mới, thu hút vốn đầu tư nước ngoài kỷ lục", "positive", "economy"),
        ("Lũ quét cuốn trôi nhà dân ở vùng cao", "negative", "environment"),
        ("Ký kết biên bản ghi nhớ hợp tác với tỉnh của Lào", "positive", "foreign_affairs"),
    ],
)
def test_the_seed_model_suggests_plausible_labels(title, tone, topic):
    assert predict(seed_model("tone"), title).label == tone
    assert predict(seed_model("topic"), title).label == topic


@pytest.mark.django_db
def test_confirmations_are_stored_and_retraining_uses_them(save_docs, coordinator):
    from ttdn.monitoring.models import Story
    from ttdn.monitoring.tests.conftest import article_doc

    title = "Nghệ An: xe buýt điện chạy thử nghiệm trên tuyến Vinh - Cửa Lò"
    save_docs(
        [
            article_doc(
                title,
                "Tuyến xe buýt điện đầu tiên của tỉnh Nghệ An chạy thử nghiệm "
                "từ thành phố Vinh đến biển Cửa Lò.",
                url="https://a.example/x",
            )
        ]
    )
    story = Story.objects.get()
    before = story.tone
    story_label(actor=coordinator, story=story, labels={"tone": "negative", "topic": "economy"})
    story_confirm(actor=coordinator, story=story)
    assert list(Label.objects.order_by("pk").values_list("field", "value")) == [
        ("tone", "negative"),
        ("topic", "economy"),
        ("relevance", "yes"),
        ("topic", "economy"),
        ("tone", "negative"),
    ]
    assert Label.objects.filter(field="tone").first().suggested == before

    versions = classifier_retrain()
    assert versions == {"topic": 1, "tone": 1}
    assert classifier_retrain() == {}  # nothing new: no new version
    row = ClassifierModel.objects.get(kind="tone")
    assert row.from_labels == 1 and row.accuracy is not None
    assert classifier_current("tone").labels == ["positive", "neutral", "negative"]
    # Enough identical corrections move the model's suggestion for this kind of text.
    for _ in range(20):
        Label.objects.create(story=story, field="tone", value="negative", by=coordinator)
    assert predict(classifier_current("tone"), title).label is not None
