"""Forms of the set pages: email a set to a friend, report a set."""

from django import forms

from .models import SetReport
from .services.sharing import MESSAGE_MAX


class ShareEmailForm(forms.Form):
    email = forms.EmailField(
        label="Your friend’s email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    message = forms.CharField(
        label="A note",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "share")
        super().__init__(*args, **kwargs)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong with it?",
        choices=SetReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label="Anything the shop should know",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "report")
        super().__init__(*args, **kwargs)
