"""A person's requests, answered by province staff and administrators: finding the person,
what the portal holds about them, their file, and their anonymisation.

Every view loads the person through `access` (another unit's record is a 404, a user who
does not answer requests is refused) and says in the access log what it disclosed.

The search is sent by POST: a name typed into a URL would be kept in the access log's
"page" column (and in every web server's log), which can be neither changed nor anonymised.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.pages import paginate
from org import access_log
from org.access_log import Action, client_address, note
from org.editing import add_errors
from org.models import Unit

from .access import (
    EDIT_URLS,
    KIND_LABELS,
    get_someone_or_404,
    kind_of,
    matches,
    require_privacy_officer,
)
from .anonymise import REPLACED, anonymise
from .forms import AnonymiseForm, FindForm
from .holdings import holdings_of, roles_of, trainings_of
from .person_file import person_file

# The fields an anonymisation keeps, as the confirmation page lists them.
KEPT = {
    "person": ("sex", "birth_year", "ethnicity", "unit"),
    "officer": ("level", "unit", "active_from", "active_to", "works_on_cooperatives"),
}


@require_http_methods(["GET", "POST"])
def find(request):
    require_privacy_officer(request.user)
    form = FindForm(_posted(request))
    page = None
    if form.is_valid():
        page = paginate(request, matches(request.user, form.cleaned_data["q"]))
        page.object_list = list(page.object_list)
        units = Unit.objects.select_related("parent").in_bulk(
            {row["unit_id"] for row in page.object_list}
        )
        for row in page.object_list:
            row["unit"] = units[row["unit_id"]]
            row["kind_label"] = KIND_LABELS[row["kind"]]
        note(request, Action.LIST, people=len(page.object_list))
    return render(request, "privacy/find.html", {"form": form, "page": page})


@require_GET
def person(request, kind, pk):
    record = get_someone_or_404(request.user, kind, pk)
    context = {
        "holdings": holdings_of(record),
        "kind": kind,
        "kind_label": KIND_LABELS[kind],
        "edit_url": EDIT_URLS[kind],
    }
    note(request, Action.VIEW, person=record)
    return render(request, "privacy/person.html", context)


@require_GET
def person_file_download(request, kind, pk):
    record = get_someone_or_404(request.user, kind, pk)
    response = person_file(holdings_of(record, log_limit=None))
    # The request answered, in the log's own words; the middleware adds the file's download
    # (every file is logged), noted about the same person.
    access_log.record(
        user=request.user,
        action=Action.PERSON_FILE,
        what=request.get_full_path(),
        people=1,
        subject=access_log.subject_of(record),
        address=client_address(request),
    )
    note(request, Action.PERSON_FILE, person=record)
    return response


@require_http_methods(["GET", "POST"])
def anonymise_person(request, kind, pk):
    record = get_someone_or_404(request.user, kind, pk)
    form = AnonymiseForm(_posted(request))
    if form.is_valid():
        try:
            anonymise(
                record,
                by=request.user,
                reason=form.cleaned_data["reason"],
                what=request.get_full_path(),
                address=client_address(request),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The person was anonymised."))
            return redirect("privacy:person", kind, pk)
    note(request, Action.VIEW, person=record)
    return render(request, "privacy/anonymise.html", _anonymise_context(record, form))


def _posted(request):
    """The data posted, or None for a GET (an empty POST is still a form sent)."""
    return request.POST if request.method == "POST" else None


def _anonymise_context(record, form) -> dict:
    """What the confirmation page says is replaced and what stays."""
    kind = kind_of(record)
    meta = record._meta
    replaced = [capfirst(meta.get_field(name).verbose_name) for name in REPLACED[meta.label]]
    if kind == "person" and hasattr(record, "public_consent"):
        replaced.append(_("the consent to be shown publicly (withdrawn)"))
    return {
        "record": record,
        "kind": kind,
        "form": form,
        "replaced": replaced,
        "kept": [capfirst(meta.get_field(name).verbose_name) for name in KEPT[kind]],
        "roles": roles_of(record).count() if kind == "person" else None,
        "trainings": trainings_of(record).count(),
    }
