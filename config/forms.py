"""Form support shared by the apps: refusing an edit that would overwrite someone else's."""

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .history import who


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a change saved since it was opened.

    The record's `updated_at` when the form was opened travels in the hidden field `version`.
    On validation the row is locked (select_for_update: held until the request's transaction
    ends; a request that writes runs in one, config.middleware) and its stored `updated_at`
    compared with it, so of two users who opened the same record, the second to save is
    refused with who changed it and when, and nothing of theirs is saved. Models without
    `updated_at`, new records, and forms posted without the field (scripts) are not checked.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and hasattr(self.instance, "updated_at"):
            self.fields["version"].initial = self.instance.updated_at.isoformat()
        else:
            del self.fields["version"]

    def clean(self):
        cleaned = super().clean()
        if "version" in self.fields and "version" in self.data:
            self._refuse_if_changed(self.data["version"])
        return cleaned

    def _refuse_if_changed(self, version: str):
        model = type(self.instance)
        with transaction.atomic():
            stored = (
                model._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
        name = model._meta.verbose_name
        if stored is None:
            raise forms.ValidationError(
                capfirst(_("This %(model)s was deleted meanwhile.") % {"model": name}),
                code="deleted",
            )
        try:
            opened = datetime.datetime.fromisoformat(version)
        except ValueError:
            opened = None
        if opened == stored:
            return
        records = model.history.filter(**{model._meta.pk.attname: self.instance.pk})
        latest = records.select_related("history_user").first()
        message = _(
            "This %(model)s was just changed by %(who)s at %(when)s; reload the page, look at "
            "the changes and make yours again."
        ) % {
            "model": name,
            "who": who(latest.history_user if latest else None),
            "when": date_format(timezone.localtime(stored), "H:i d/m/Y"),
        }
        raise forms.ValidationError(capfirst(message), code="stale")
