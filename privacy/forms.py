"""The forms of a person's requests: finding them, and the reason for anonymising them."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FindForm(forms.Form):
    q = forms.CharField(label=_("Name, phone or position"), max_length=150)


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the person asked on 12/03/2026 to have their data erased (request "
            "kept at the provincial Union). Kept in the history and the access log."
        ),
    )
