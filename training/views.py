"""Training pages: events, their participants and head-counts, and Union officers.

Every view loads its objects through `access`, so scope is decided in one place. A page that
shows people says so to the access log of personal data (`org.access_log.note`): how many
people a list shows, counted off the rows it has already read.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.history import history_context
from config.pages import paginate
from config.spreadsheets import applied_filters
from cooperatives.access import may_search
from org import details as personal_details
from org.access import require_editor
from org.access_log import Action, note
from org.editing import add_errors, confirm_delete, form_page, save_formset
from org.personal_data import detail_fields

from . import exports
from .access import (
    event_history,
    events_for,
    get_event_or_404,
    get_officer_or_404,
    officers_for,
)
from .filters import EventFilter, OfficerFilter
from .forms import (
    AddParticipantsForm,
    HeadCountFormSet,
    ParticipantForm,
    TrainingEventForm,
    UnionOfficerForm,
)
from .models import UnionOfficer


@require_GET
def event_list(request, as_xlsx=False):
    filters = EventFilter(request.GET or None, events_for(request.user), user=request.user)

    def details(events):
        return events.select_related("unit__parent").with_attendance()

    if as_xlsx:
        return exports.EVENTS.response(details(filters.qs), details=applied_filters(filters.form))
    page = paginate(request, filters.qs, details)
    return render(request, "training/event_list.html", {"filters": filters, "page": page})


def _participants(event):
    return event.participants.select_related(
        "person__ethnicity", "person__unit__parent", "officer__unit__parent"
    )


@require_GET
def event_participants_xlsx(request, pk):
    event = get_event_or_404(request.user, pk)
    # Birth year and ethnicity only when asked for, with a reason for the log.
    reason = personal_details.granted(request)
    note(request, Action.EXPORT, reason=reason)
    return exports.PARTICIPANTS.response(
        _participants(event), details=[str(event)], full=bool(reason)
    )


@require_GET
def event_detail(request, pk):
    event = get_event_or_404(request.user, pk)
    participants = list(_participants(event))
    if participants:
        note(request, Action.LIST, people=len(participants))
    context = {
        "event": event,
        "participants": participants,
        "head_counts": event.head_counts.select_related("cooperative"),
        "attendance": event.attendance(),
        **history_context(*event_history(event)),
    }
    return render(request, "training/event_detail.html", context)


@require_http_methods(["GET", "POST"])
def event_create(request):
    require_editor(request.user)
    form = TrainingEventForm(request.POST or None, user=request.user)
    return form_page(request, form, "training/event_form.html")


@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    require_editor(request.user)
    event = get_event_or_404(request.user, pk)
    form = TrainingEventForm(request.POST or None, instance=event, user=request.user)
    return form_page(request, form, "training/event_form.html", {"event": event})


@require_http_methods(["GET", "POST"])
def event_delete(request, pk):
    require_editor(request.user)
    event = get_event_or_404(request.user, pk)
    return confirm_delete(
        request,
        event,
        done_url="training:event_list",
        consequences=lambda: [
            _("%(count)s named participants") % {"count": event.participants.count()},
            _("%(count)s head-counts") % {"count": event.head_counts.count()},
        ],
    )


@require_http_methods(["GET", "POST"])
def participants_add(request, pk):
    require_editor(request.user)
    event = get_event_or_404(request.user, pk)
    query = request.GET.get("q", "").strip()
    # An empty submission (nobody ticked) must still be checked, so bind on any POST.
    data = request.POST if request.method == "POST" else None
    form = AddParticipantsForm(data, event=event, user=request.user, query=query)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                added = form.save(by=request.user)
        except ValidationError as error:  # added by someone else meanwhile
            add_errors(form, error)
        else:
            names = ", ".join(str(p.who) for p in added)
            messages.success(request, _("Added to the list: %(names)s.") % {"names": names})
            return redirect(event)
    context = {"event": event, "form": form, "q": query, "searched": "q" in request.GET}
    response = render(request, "training/participants_add.html", context)
    if context["searched"] or form.is_bound:
        # The people and officers offered (read once by the page's check for any).
        offered = len(form.fields["people"].queryset) + len(form.fields["officers"].queryset)
        if offered:
            note(request, Action.LIST, people=offered)
    return response


def _get_participant_or_404(request, pk, participant_pk):
    event = get_event_or_404(request.user, pk)
    return get_object_or_404(event.participants.select_related("event"), pk=participant_pk)


@require_http_methods(["GET", "POST"])
def participant_edit(request, pk, participant_pk):
    require_editor(request.user)
    participant = _get_participant_or_404(request, pk, participant_pk)
    form = ParticipantForm(request.POST or None, instance=participant)
    context = {"event": participant.event, "participant": participant}
    response = form_page(
        request,
        form,
        "training/participant_form.html",
        context,
        redirect_to=participant.event,
    )
    return _shows(request, response, participant.who)


@require_http_methods(["GET", "POST"])
def participant_delete(request, pk, participant_pk):
    require_editor(request.user)
    participant = _get_participant_or_404(request, pk, participant_pk)
    event_url = participant.event.get_absolute_url()
    response = confirm_delete(request, participant, done_url=event_url, cancel_url=event_url)
    return _shows(request, response, participant.who)


def _shows(request, response, person):
    """Note that `response`, a form or a confirmation about `person` (of the registry or an
    officer), shows them (a saved form or a done delete goes elsewhere); return it."""
    if response.status_code == 200:
        note(request, Action.VIEW, person=person)
    return response


@require_http_methods(["GET", "POST"])
def head_counts_edit(request, pk):
    require_editor(request.user)
    event = get_event_or_404(request.user, pk)
    formset = HeadCountFormSet(request.POST or None, event=event, user=request.user)
    if request.method == "POST" and formset.is_valid():
        save_formset(formset, by=request.user)
        messages.success(request, _("Head-counts saved."))
        return redirect(event)
    return render(request, "training/head_counts.html", {"event": event, "formset": formset})


@require_GET
def officer_list(request, as_xlsx=False):
    filters = OfficerFilter(request.GET or None, officers_for(request.user), user=request.user)
    officers = filters.qs.select_related("unit__parent")
    if not may_search(request.user, request.GET.get("q", "")):
        officers = officers.none()  # a leader looking an officer up by phone
    if as_xlsx:
        # Phone only when asked for, with a reason for the log.
        reason = personal_details.granted(request)
        note(request, Action.EXPORT, reason=reason)
        return exports.OFFICERS.response(
            officers, details=applied_filters(filters.form), full=bool(reason)
        )
    page = paginate(request, officers)
    page.object_list = list(page.object_list)
    if page.object_list:
        note(request, Action.LIST, people=len(page.object_list))
    return render(request, "training/officer_list.html", {"filters": filters, "page": page})


@require_GET
def officer_detail(request, pk):
    officer = get_officer_or_404(request.user, pk)
    note(request, Action.VIEW, person=officer)
    # Leaders see names, not phone numbers: nor their changes.
    hidden = () if request.user.can_edit_records else detail_fields("training.UnionOfficer")
    context = {
        "officer": officer,
        **history_context(UnionOfficer.history.filter(id=officer.pk), hide=hidden),
    }
    return render(request, "training/officer_detail.html", context)


@require_http_methods(["GET", "POST"])
def officer_create(request):
    require_editor(request.user)
    form = UnionOfficerForm(request.POST or None, user=request.user)
    return form_page(request, form, "training/officer_form.html")


@require_http_methods(["GET", "POST"])
def officer_edit(request, pk):
    require_editor(request.user)
    officer = get_officer_or_404(request.user, pk)
    form = UnionOfficerForm(request.POST or None, instance=officer, user=request.user)
    response = form_page(request, form, "training/officer_form.html", {"officer": officer})
    return _shows(request, response, officer)


@require_http_methods(["GET", "POST"])
def officer_delete(request, pk):
    require_editor(request.user)
    officer = get_officer_or_404(request.user, pk)
    response = confirm_delete(
        request,
        officer,
        done_url="training:officer_list",
        consequences=lambda: [
            _("%(count)s training participations") % {"count": officer.trainings.count()},
        ],
    )
    return _shows(request, response, officer)
