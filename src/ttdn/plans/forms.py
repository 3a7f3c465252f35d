from django import forms
from django.utils.translation import gettext_lazy as _

from ttdn.plans.choices import Recurrence


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    agency = forms.CharField(label=_("Agency"), required=False)
    group = forms.CharField(label=_("Task group"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    timeframe = forms.ChoiceField(
        label=_("Timeframe"),
        required=False,
        choices=[("", _("Any")), *Recurrence.choices, ("none", _("No timeframe printed"))],
    )


class TaskForm(forms.Form):
    expected_outputs = forms.CharField(
        label=_("Expected outputs"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the task must produce: documents, articles, events, figures."),
    )
