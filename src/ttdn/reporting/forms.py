from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.reporting.choices import FeedbackKind, PeriodKind, SectionStatus
from ttdn.reporting.models import Feedback


class GenerateForm(forms.Form):
    years = forms.CharField(
        label=_("Years"),
        help_text=_("One or more, separated by commas, e.g. 2025, 2026."),
        max_length=100,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds"),
        widget=forms.CheckboxSelectMultiple,
        choices=[c for c in PeriodKind.choices if c[0] not in ("thematic", "ad_hoc")],
    )

    def clean_years(self):
        raw = [part.strip() for part in self.cleaned_data["years"].split(",") if part.strip()]
        years = []
        for part in raw:
            if not part.isdigit() or not 2000 <= int(part) <= 2100:
                raise forms.ValidationError(
                    _("“%(value)s” is not a year between 2000 and 2100.") % {"value": part}
                )
            years.append(int(part))
        return sorted(set(years))


class PeriodForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=120)
    cutoff_start = forms.DateField(label=_("Data from"))
    cutoff_end = forms.DateField(label=_("Data until"))
    due_agency = forms.DateField(label=_("Agencies report by"))
    due_department = forms.DateField(label=_("Coordinating department reports by"))
    due_province = forms.DateField(label=_("Province reports by"))
    is_closed = forms.BooleanField(label=_("Closed"), required=False)


class SectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=SectionStatus.choices)
    progress = forms.CharField(label=_("Progress (%)"), max_length=10)
    results = forms.CharField(label=_("Results"), required=False, max_length=50000)
    difficulties = forms.CharField(label=_("Difficulties"), required=False, max_length=10000)
    proposals = forms.CharField(label=_("Proposals"), required=False, max_length=10000)


class ReportTextForm(forms.Form):
    summary = forms.CharField(
        label=_("General assessment"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    difficulties = forms.CharField(
        label=_("Difficulties and obstacles"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposals = forms.CharField(
        label=_("Proposals"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https", max_length=1000)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ObligationAddForm(forms.Form):
    agency = forms.CharField(label=_("Agency"))
    task = forms.CharField(label=_("Task"))
    reason = forms.CharField(label=_("Reason"), max_length=2000)


class ExplanationForm(forms.Form):
    agency = forms.CharField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("What must be explained"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(label=_("Answer by"))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FeedbackForm(forms.ModelForm):
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Feedback
        fields = ["kind", "subject", "message", "name", "organisation", "email", "phone"]
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FeedbackKind.choices
        self.fields["email"].help_text = _("We answer through a private link; e-mail is optional.")
