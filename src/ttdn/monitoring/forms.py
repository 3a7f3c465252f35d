from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.agencies.models import Agency
from ttdn.monitoring.choices import (
    ActionKind,
    CaseKind,
    ReleaseKind,
    SourceKind,
    Tone,
    Topic,
    Verdict,
)
from ttdn.monitoring.models import MonitoringSettings, Source, Spokesperson

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGES = [
    ("vi", _("Vietnamese")),
    ("en", _("English")),
    ("lo", _("Lao")),
    ("zh", _("Chinese")),
    ("fr", _("French")),
    ("ko", _("Korean")),
    ("ja", _("Japanese")),
]


def active_agencies():
    return Agency.objects.filter(active_to__isnull=True).order_by("kind", "name")


class SourceForm(forms.ModelForm):
    url = forms.URLField(label=_("feed address"), max_length=1000, assume_scheme="https")
    homepage = forms.URLField(
        label=_("home page"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Source
        fields = [
            "name",
            "kind",
            "url",
            "feed_format",
            "homepage",
            "language",
            "country",
            "agency",
            "poll_minutes",
            "active",
            "allow_private",
        ]

    def __init__(self, *args, can_allow_private: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies()
        if not can_allow_private:
            self.fields["allow_private"].disabled = True


class FilterForm(forms.Form):
    """The inbox's filters (validated again by InboxFilters.from_params)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=300)
    date_from = forms.DateField(
        label=pgettext_lazy("inbox", "Published from"), required=False, widget=DATE
    )
    date_to = forms.DateField(
        label=pgettext_lazy("inbox", "Published until"), required=False, widget=DATE
    )
    source_kind = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All sources"))] + SourceKind.choices
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages"))] + LANGUAGES
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All topics"))] + Topic.choices
    )
    tone = forms.ChoiceField(
        label=_("Tone"), required=False, choices=[("", _("All tones"))] + Tone.choices
    )
    min_relevance = forms.ChoiceField(
        label=_("Relevance at least"),
        required=False,
        choices=[("", _("Any")), ("0.5", "0.5"), ("0.7", "0.7"), ("0.9", "0.9")],
    )
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("relevant", _("About the province")),
            ("all", _("Everything")),
            ("not_relevant", _("Not about the province")),
        ],
    )
    needs_answer = forms.BooleanField(label=_("Needs an answer"), required=False)
    unreviewed = forms.BooleanField(label=_("Not reviewed yet"), required=False)


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the saved search"), max_length=120)
    negative_foreign = forms.BooleanField(
        label=_("Alert me to negative coverage in the foreign press"), required=False, initial=True
    )
    spike = forms.BooleanField(
        label=_("Alert me to a spike above the 14-day average"), required=False, initial=True
    )
    email = forms.BooleanField(label=_("Also by e-mail"), required=False, initial=True)


class CaseOpenForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency concerned"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    published_on = forms.DateField(label=_("Published on"), widget=DATE)
    discovered_on = forms.DateField(label=_("Discovered on"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agencies()


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("What the verification found"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Action"), choices=ActionKind.choices)
    done_on = forms.DateField(label=_("Done on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ClarificationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    title = forms.CharField(label=_("Title of the clarification"), max_length=500)
    body = forms.CharField(
        label=_("Text of the clarification"), widget=forms.Textarea(attrs={"rows": 6})
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Closing note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SpokespersonForm(forms.ModelForm):
    class Meta:
        model = Spokesperson
        fields = ["agency", "name", "position", "phone", "email", "appointed_on", "until", "public"]
        widgets = {"appointed_on": DATE, "until": DATE}

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else active_agencies()


class ReleaseForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ReleaseKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    url = forms.URLField(label=_("Address"), required=False, max_length=1000, assume_scheme="https")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else active_agencies()


class SettingsForm(forms.ModelForm):
    class Meta:
        model = MonitoringSettings
        fields = [
            "day_basis",
            "verify_days",
            "report_days",
            "social_report_days",
            "stale_days",
            "conference_months",
        ]
