"""Forms of the catalog pages. They parse input; services validate and save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.catalog.choices import Channel, Consent, ItemKind, Licence
from ttdn.catalog.models import Topic
from ttdn.catalog.validators import country_choices, language_choices


class Bootstrap:
    """Marks fields with errors so that Bootstrap shows them red."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()
                widget.attrs["aria-invalid"] = "true"
        return valid


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class ItemForm(Bootstrap, forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(
        label=pgettext_lazy("item", "Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=pgettext_lazy("item", "Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text (a blank line starts a paragraph) or simple HTML."),
    )
    agency = forms.ModelChoiceField(label=_("Producing agency"), queryset=None)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IMAGE_DATABASE
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.filter(active=True),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries"),
        required=False,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    tasks = forms.ModelMultipleChoiceField(
        label=_("Plan tasks it serves"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    credits = forms.CharField(label=_("Credits"), max_length=500, required=False)
    published_on = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    original_url = forms.URLField(
        label=_("Original address"), max_length=1000, required=False, assume_scheme="https"
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    consent = forms.ChoiceField(label=_("Consent of people shown"), choices=Consent.choices)
    rights_expire_on = forms.DateField(
        label=_("Rights expire on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    image = forms.FileField(
        label=_("Image or file"),
        required=False,
        help_text=_("JPEG, PNG, WebP, GIF, PDF, MP4 or MP3; its content decides its type."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)

    def __init__(self, *args, agencies=None, tasks=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["target_countries"].choices = country_choices()
        self.fields["agency"].queryset = agencies
        self.fields["tasks"].queryset = tasks
        self.fields["tasks"].label_from_instance = lambda task: f"{task.number}. {task.title}"[:110]
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()
            self.fields["agency"].widget = forms.HiddenInput()
        _bootstrap(self)

    def item_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("image", "caption")}
        data.pop("agency", None)
        return data


class TranslationForm(Bootstrap, forms.Form):
    language = forms.ChoiceField(label=_("Language of this version"))
    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(
        label=pgettext_lazy("item", "Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=pgettext_lazy("item", "Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    credits = forms.CharField(label=_("Credits (translator)"), max_length=500, required=False)
    original_url = forms.URLField(
        label=_("Address of this version"), max_length=1000, required=False, assume_scheme="https"
    )
    image = forms.FileField(
        label=_("Another image or file"),
        required=False,
        help_text=_("The source's files are shown with every version; add one only if it differs."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)

    def __init__(self, *args, missing_languages=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, name) for code, name in language_choices() if code in missing_languages
        ]
        _bootstrap(self)

    def item_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("image", "caption")}


class MediaForm(Bootstrap, forms.Form):
    file = forms.FileField(label=_("File"))
    caption = forms.CharField(label=_("Caption"), max_length=500, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class ImportForm(Bootstrap, forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("The first row names the columns; download the template to start."),
    )
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()
            self.fields["agency"].widget = forms.HiddenInput()
        _bootstrap(self)


class FeedForm(Bootstrap, forms.Form):
    url = forms.URLField(
        label=_("Feed address (RSS or Atom)"), max_length=1000, assume_scheme="https"
    )
    title = forms.CharField(label=_("Name"), max_length=255, required=False)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    language = forms.ChoiceField(label=_("Language of its items"))
    kind = forms.ChoiceField(label=_("Kind of its items"), choices=ItemKind.choices)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.PORTALS
    )
    interval_minutes = forms.IntegerField(
        label=_("Every (minutes)"), min_value=15, max_value=7 * 24 * 60, initial=60
    )

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        self.fields["language"].choices = language_choices()
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()
            self.fields["agency"].widget = forms.HiddenInput()
        _bootstrap(self)


class TokenForm(Bootstrap, forms.Form):
    name = forms.CharField(
        label=_("Which system will use it"),
        max_length=120,
        help_text=_("For example “Portal of the department”."),
    )
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)

    def __init__(self, *args, agencies=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if agencies is not None and agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()
            self.fields["agency"].widget = forms.HiddenInput()
        _bootstrap(self)
