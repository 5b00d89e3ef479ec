"""Reporting pages: rounds, a round's board, a unit's submission and its workflow, and the
provincial roll-up. Every write goes through `services`; every figure comes from `rollup`
(which sums figures frozen by `targets.indicators`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import caching, spreadsheets
from config.history import history_context
from config.pages import page_asked, paginate
from followup import figures as followup_figures
from org.access import require_province_staff, scoped
from org.editing import form_page
from targets.models import Indicator

from . import exports, rollup, services
from .board import BoardFilter
from .document import render_pdf, report_for
from .forms import ProvincialReportForm, ReasonForm, RoundForm, SubmissionForm
from .frozen import thaw
from .kept import kept_html
from .models import ReportingRound, Submission
from .workbook import report_workbook


@require_http_methods(["GET", "POST"])
def round_list(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        require_province_staff(request.user)
        if form.is_valid():
            try:
                round_ = services.create_round(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved: %(record)s.") % {"record": round_})
                return redirect(round_)
    rounds = ReportingRound.objects.all()
    return render(request, "reporting/round_list.html", {"rounds": rounds, "form": form})


@require_GET
def round_board(request, pk, as_xlsx=False):
    round_ = get_object_or_404(ReportingRound, pk=pk)
    if as_xlsx:
        return exports.BOARD.response(_board_rows(request, round_), title=round_.title)
    board_filter = BoardFilter(request.GET)
    if request.user.sees_all_units:
        # Every unit with the round's sums: kept until the round's fingerprint changes.
        def render_body():
            summary = rollup.rollup(round_)  # its rows are the board of every unit
            return _board_body(request, round_, board_filter, summary["rows"], summary)

        asked = f"{_page_asked(request, round_)}/{caching.digest(board_filter.key())}"
        body = kept_html(round_, "board", asked, render_body)
    else:
        rows = _board_rows(request, round_)
        body = _board_body(request, round_, board_filter, rows, summary=None)
    return render(request, "reporting/round_board.html", {"round": round_, "body": body})


def _board_rows(request, round_):
    return rollup.board(round_, units=scoped(round_.expected_units.all(), request.user, "id"))


def _submission_or_404(request, round_pk, unit_pk):
    """Return the submission of a unit expected in the round, within the user's scope."""
    round_ = get_object_or_404(ReportingRound, pk=round_pk)
    units = scoped(round_.expected_units.all(), request.user, "id")
    unit = get_object_or_404(units, pk=unit_pk)
    submission = (
        Submission.objects.filter(round=round_, unit=unit)
        .select_related("round", "unit", "accepted_by")
        .first()
    )
    return submission or Submission(round=round_, unit=unit)


@require_http_methods(["GET", "POST"])
def submission_page(request, round_pk, unit_pk):
    submission = _submission_or_404(request, round_pk, unit_pk)
    if request.method == "POST":
        # Another tab or user may have submitted or accepted it meanwhile: decide on the
        # stored state, held until this request ends.
        services.lock(submission)
    may_edit = services.acts_for(request.user, submission.unit) and submission.is_editable
    counted = _counted(submission)
    corrected_before = dict(submission.corrections)
    form = SubmissionForm(
        request.POST if may_edit and request.method == "POST" else None,
        instance=submission,
        counted=counted,
        links=_record_links(submission) if counted is not None else None,
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            submission = form.save(commit=False)
            said = ""
            if submission.corrections != corrected_before:
                said = services.corrections_said(submission, counted)
            submission = services.save_draft(submission=submission, by=request.user, reason=said)
            if "and_submit" not in request.POST:
                messages.success(request, _("The draft was saved. Submit it when it is complete."))
                return redirect(submission)
            # "Save and submit": what was typed is kept even if the submission is refused.
            return _take_step(request, submission, "submit", "")
    context = {
        "submission": submission,
        "form": form,
        "may_edit": may_edit,
        "locked_reason": services.locked_reason(submission),
        "return_reason": services.latest_reason(submission),
        "events": submission.events.select_related("actor") if submission.pk else [],
        "attachments": submission.attachments.all() if submission.pk else [],
        "indicators": _indicator_rows(submission),
        "reason_form": ReasonForm(),
        "actions": _actions(request.user, submission),
        # The workflow's own fields are in its steps above; these are the figures' changes.
        **history_context(
            Submission.history.filter(id=submission.pk), hide=services.WORKFLOW_FIELDS
        ),
    }
    return render(request, "reporting/submission.html", context)


def _counted(submission):
    """The figures counted from the records that the page shows beside the unit's: counted
    now while the unit may still change its report, as frozen on submit after that; None for
    a report submitted before figures were counted from records."""
    if submission.is_editable:
        return services.counted_figures(submission)
    return submission.from_records


def _record_links(submission):
    round_ = submission.round
    return followup_figures.record_links(submission.unit, round_.period_start, round_.period_end)


def _indicator_rows(submission):
    """Return [(indicator, figure)] — frozen once submitted, else computed now as a preview."""
    figures = thaw(
        submission.indicators or services.frozen_indicators(submission.unit, submission.round.as_of)
    )
    return [
        (indicator, figures[indicator.code])
        for indicator in Indicator.objects.filter(code__in=figures)
    ]


def _actions(user, submission):
    """Return the workflow steps `user` may take on `submission` now."""
    State = Submission.State
    staff = user.is_province_staff
    own = services.acts_for(user, submission.unit)
    actions = []
    if staff and submission.state == State.SUBMITTED:
        actions += [("accept", _("Accept"), False), ("return", _("Return for changes"), True)]
    if staff and submission.state == State.ACCEPTED:
        actions.append(("reopen", _("Reopen"), True))
    if user.is_unit_officer and own and submission.state == State.ACCEPTED:
        actions.append(("request_reopen", _("Ask for a reopening"), True))
    return actions


STEPS = {
    "submit": lambda s, user, reason: services.submit(submission=s, by=user),
    "accept": lambda s, user, reason: services.accept(submission=s, by=user),
    "return": lambda s, user, reason: services.return_submission(
        submission=s, by=user, reason=reason
    ),
    "reopen": lambda s, user, reason: services.reopen(submission=s, by=user, reason=reason),
    "request_reopen": lambda s, user, reason: services.request_reopen(
        submission=s, by=user, reason=reason
    ),
}
DONE = {
    "submit": _("The report was submitted to the province."),
    "accept": _("The report was accepted."),
    "return": _("The report was returned to the unit."),
    "reopen": _("The report was reopened for changes."),
    "request_reopen": _("Your request to reopen the report was sent."),
}


@require_POST
def submission_step(request, round_pk, unit_pk, step):
    submission = _submission_or_404(request, round_pk, unit_pk)
    if step not in STEPS or not submission.pk:
        return redirect(submission)
    form = ReasonForm(request.POST)
    form.is_valid()
    return _take_step(request, submission, step, form.cleaned_data.get("reason", ""))


def _take_step(request, submission, step, reason):
    try:
        STEPS[step](submission, request.user, reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(DONE[step]))
    return redirect(submission)


def _round_for_report(request, pk):
    """Return the round of a province-wide report page (not for unit officers)."""
    if not request.user.sees_all_units:
        raise PermissionDenied
    return get_object_or_404(ReportingRound, pk=pk)


@require_GET
def provincial_report(request, pk):
    round_ = _round_for_report(request, pk)

    def render_body():
        summary = rollup.rollup(round_)
        context = {
            "round": round_,
            **summary,
            "page": _page(request, summary["rows"]),  # the unit table: thousands nationally
            "indicator_rows": rollup.against_targets(round_, summary),
        }
        return render_to_string("reporting/_provincial_report_body.html", context)

    # The roll-up is kept until the round's fingerprint changes (reporting/kept.py).
    body = kept_html(round_, "provincial-report", _page_asked(request, round_), render_body)
    return render(request, "reporting/provincial_report.html", {"round": round_, "body": body})


def _page(request, rows, board_filter=None):
    """The page of `rows` asked for, its links carrying only the page size and the board's
    filter (a kept page is shown to everyone who asks for the same page)."""
    page = paginate(request, rows)
    query = {"per_page": page.paginator.per_page}
    if board_filter is not None and board_filter.is_valid():
        query |= {name: value for name, value in board_filter.cleaned_data.items() if value}
    page.query = urlencode(query)
    return page


def _page_asked(request, round_) -> str:
    return page_asked(request, round_.expected_units.count())


def _board_body(request, round_, board_filter, rows, summary) -> str:
    page = _page(request, board_filter.apply(rows), board_filter)
    context = {"round": round_, "page": page, "summary": summary, "filter": board_filter}
    return render_to_string("reporting/_round_board_body.html", context)


@require_GET
def report_xlsx(request, pk):
    round_ = _round_for_report(request, pk)
    content = report_workbook(round_)
    return spreadsheets.download(content, f"bao-cao-ke-hoach-294-{round_.year}.xlsx")


@require_GET
def report_pdf(request, pk):
    round_ = _round_for_report(request, pk)
    response = HttpResponse(render_pdf(round_), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-ke-hoach-294-{round_.year}.pdf"'
    )
    return response


@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    require_province_staff(request.user)
    round_ = get_object_or_404(ReportingRound, pk=pk)
    form = ProvincialReportForm(request.POST or None, instance=report_for(round_))
    return form_page(
        request,
        form,
        "reporting/report_edit.html",
        {"round": round_},
        redirect_to=reverse("reporting:provincial_report", args=[round_.pk]),
    )


@require_POST
def attachment_upload(request, round_pk, unit_pk):
    submission = _submission_or_404(request, round_pk, unit_pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return redirect(submission)
    try:
        services.attach(submission=submission, by=request.user, upload=upload)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Attached: %(name)s.") % {"name": upload.name})
    return redirect(submission)


def _attachment_or_404(request, round_pk, unit_pk, attachment_pk):
    submission = _submission_or_404(request, round_pk, unit_pk)
    if submission.pk is None:
        raise Http404
    return get_object_or_404(
        submission.attachments.select_related("submission__round"), pk=attachment_pk
    )


@require_GET
def attachment_download(request, round_pk, unit_pk, attachment_pk):
    attachment = _attachment_or_404(request, round_pk, unit_pk, attachment_pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@require_POST
def attachment_delete(request, round_pk, unit_pk, attachment_pk):
    attachment = _attachment_or_404(request, round_pk, unit_pk, attachment_pk)
    try:
        services.remove_attachment(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted: %(record)s.") % {"record": attachment.name})
    return redirect(attachment.submission)
