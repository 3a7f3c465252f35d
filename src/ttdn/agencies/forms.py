from django import forms
from django.utils.translation import gettext_lazy as _


class AgencyContactForm(forms.Form):
    """Input only; the service decides and saves (a ModelForm would mutate the row early)."""

    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
