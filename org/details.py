"""Personal details in an export only when asked for, with a reason.

A list export leaves out phone, birth year and ethnicity (`config.spreadsheets.Column.detail`).
A user who needs them opens `details_form` from the list, says why, and gets the file with
them: the reason is held in the session for that one export's path for a few minutes,
consumed by the export (`granted`) and kept in the access log beside the download. Leaders
see aggregates and names, never the details.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

SESSION_KEY = "personal_details"
VALID_FOR = datetime.timedelta(minutes=5)


def may_ask(user) -> bool:
    """Everyone who edits records may ask for the details; leaders may not."""
    return user.can_edit_records


class DetailsForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you need phone, birth year and ethnicity?"),
        help_text=gettext_lazy(
            "Kept in the access log of personal data, with your name and the file. "
            "For example: calling the managers to invite them to the training of 12/03."
        ),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Say why you need these details."),
            "min_length": gettext_lazy("Say why in a few words (at least 10 characters)."),
        },
    )


def _export_path(request) -> str | None:
    """The export the user asked about: a path of this site that leads to a page."""
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    try:
        resolve(target.split("?")[0])
    except Resolver404:
        return None
    return target


@require_http_methods(["GET", "POST"])
def details_form(request):
    if not may_ask(request.user):
        raise PermissionDenied(
            _("Leaders see figures and names; phone, birth year and ethnicity are not exported.")
        )
    target = _export_path(request)
    if target is None:
        raise PermissionDenied(_("This is not an export of the portal."))
    form = DetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = {
            "path": target.split("?")[0],
            "reason": form.cleaned_data["reason"],
            "until": (timezone.now() + VALID_FOR).isoformat(),
        }
        return redirect(target)
    return render(request, "org/details_form.html", {"form": form, "target": target})


def granted(request) -> str:
    """Return the reason the user gave for the details of this export, once ("" if none)."""
    grant = request.session.get(SESSION_KEY)
    if not grant or grant.get("path") != request.path or not may_ask(request.user):
        return ""
    del request.session[SESSION_KEY]
    if datetime.datetime.fromisoformat(grant["until"]) < timezone.now():
        return ""
    return grant["reason"]
