"""The officers' forms of the showcase: they translate input; the rules live in the models'
clean() and in showcase.services."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from org import writes
from org.forms import VersionedModelForm

from .models import LeaderConsent, Publication, SalesPoint


def links_assume_https(field, **kwargs):
    """A link typed without its scheme ("shopee.vn/htx") is read as https://."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PublicationForm(VersionedModelForm):
    class Meta:
        model = Publication
        formfield_callback = links_assume_https
        fields = [
            "story",
            "show_address",
            "show_contacts",
            "phone",
            "email",
            "website",
            "show_leaders",
            "featured",
        ]
        widgets = {"story": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The home page is the Union's voice: province staff choose what it features.
        if not writes.province(user):
            del self.fields["featured"]


class SalesPointForm(VersionedModelForm):
    class Meta:
        model = SalesPoint
        formfield_callback = links_assume_https
        fields = ["kind", "label", "url", "address", "product"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = self.instance.cooperative.ocop_products.all()


class LeaderConsentForm(VersionedModelForm):
    class Meta:
        model = LeaderConsent
        fields = ["given_on", "how"]


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    position = forms.IntegerField(
        label=pgettext_lazy("order", "Position"),
        min_value=0,
        max_value=99,
        initial=0,
        help_text=_("Photos are shown from the smallest position up; the first is the cover."),
    )
