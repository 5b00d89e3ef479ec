"""Every write of the reporting workflow: rounds, and each submission's transitions.

Views, the admin and commands call these functions; each checks who may do it, records who
did what and when (SubmissionEvent), and refuses with a reason the user can read.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from followup import figures as followup_figures
from org import writes
from org.models import Unit, User
from targets import indicators

from .frozen import freeze
from .models import ReportingRound, Submission, SubmissionAttachment, SubmissionEvent
from .models.submissions import ENTRY_FIELDS, default_due_before, validate_attachment

State, Action = Submission.State, SubmissionEvent.Action


class TransitionError(ValidationError):
    """A workflow step that is not allowed, with the reason to show."""


def expected_units(day: datetime.date):
    """Return the units expected to report on `day`: the reporting units valid then (the
    districts before the 2025 reform, the communes after) and the provincial bodies with
    tasks, but the provincial Women's Union, which consolidates."""
    reporting, _mapping = Unit.objects.reporting_map(day)
    agencies = Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).active_on(day).exclude(code="HLHPN")
    return Unit.objects.filter(pk__in=[unit.pk for unit in reporting]) | agencies


def create_round(
    *, by: User, year: int, kind=ReportingRound.Kind.ANNUAL, title="", period_start=None,
    period_end=None, due_before=None,
) -> ReportingRound:  # fmt: skip
    """Create a round with its defaults (the year up to 14/11, due before 15/11) and the
    units expected to report: those valid at the end of its period. Through the door:
    province staff and administrators only."""
    round_ = ReportingRound(
        year=year,
        kind=kind,
        title=title or _("Report on Plan 294/KH-UBND, %(year)s") % {"year": year},
        period_start=period_start or datetime.date(year, 1, 1),
        period_end=period_end or datetime.date(year, 11, 14),
        due_before=due_before or default_due_before(year),
    )

    def expect_units():
        round_.expected_units.set(expected_units(round_.period_end))

    return writes.save(record=round_, by=by, save_m2m=expect_units)


def acts_for(user: User, unit: Unit) -> bool:
    """Return whether `user` may fill in and submit `unit`'s report: its own officers, and
    province staff on its behalf."""
    if user.is_province_staff:
        return True
    return user.is_unit_officer and user.unit_id == unit.pk


def locked_reason(submission: Submission) -> str:
    """Return why a submission cannot be edited now, in words for the page."""
    if submission.round.closed_at:
        return _("The round was closed on %(day)s.") % {
            "day": date_format(timezone.localtime(submission.round.closed_at), "d/m/Y")
        }
    if submission.state == State.ACCEPTED:
        return _("Accepted by %(who)s on %(when)s.") % {
            "who": submission.accepted_by.get_full_name() or submission.accepted_by.username,
            "when": date_format(timezone.localtime(submission.accepted_at), "d/m/Y H:i"),
        }
    if submission.state == State.SUBMITTED:
        return _("Submitted and waiting for the province's review.")
    return ""


def start_submission(*, round_: ReportingRound, unit: Unit) -> Submission:
    """Return the unit's submission for the round, starting a draft if there is none."""
    if not round_.expected_units.filter(pk=unit.pk).exists():
        raise TransitionError(
            _("%(unit)s is not expected to report in this round.") % {"unit": unit}
        )
    submission, _created = Submission.objects.get_or_create(round=round_, unit=unit)
    return submission


def _log(submission, action, by, reason=""):
    SubmissionEvent.objects.create(
        submission=submission, action=action, actor=by, at=timezone.now(), reason=reason
    )


def _save_transition(submission, fields, by):
    submission._transition = True
    try:
        with writes.acting_as(by):
            submission.save(update_fields=[*fields, "updated_at"])
    finally:
        submission._transition = False


def _require(condition, message):
    if not condition:
        raise TransitionError(message)


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    _require(reason, _("Give a reason."))
    return reason


def lock(submission: Submission) -> Submission:
    """Lock the submission's row until the transaction ends and reload it, so that every
    decision is taken on its stored state (two tabs, two reviewers)."""
    if submission.pk:
        list(Submission.objects.select_for_update().filter(pk=submission.pk))
        submission.refresh_from_db()
    return submission


# The fields only transitions write (each recorded as a SubmissionEvent too).
WORKFLOW_FIELDS = [
    "state",
    "indicators",
    "from_records",
    "submitted_at",
    "first_submitted_at",
    "accepted_at",
    "accepted_by",
    "reopen_requested",
]
# What a draft save writes: the unit's own figures, never the workflow's fields.
DRAFT_FIELDS = [*ENTRY_FIELDS, "courses", "narratives", "corrections", "updated_at"]


@transaction.atomic
def save_draft(*, submission: Submission, by: User, reason: str = "") -> Submission:
    """Save a unit's figures and narratives into its editable submission; `reason` says
    what of note changed (the counted figures it corrects)."""
    _require_editable_by(submission, by)
    with writes.acting_as(by):
        if submission.pk:
            submission.save(update_fields=DRAFT_FIELDS)
        else:
            submission.save()
    _log(submission, Action.SAVED, by, reason)
    return submission


def counted_figures(submission: Submission) -> dict[str, int]:
    """The submission's figures counted now from the follow-up records of its period."""
    round_ = submission.round
    return followup_figures.counted(submission.unit, round_.period_start, round_.period_end)


def corrections_said(submission: Submission, counted: dict[str, int]) -> str:
    """The unit's corrections of counted figures in words, for the workflow's history."""
    return "; ".join(
        _("%(figure)s: %(value)s instead of %(counted)s counted from the records (%(reason)s)")
        % {
            "figure": Submission._meta.get_field(name).verbose_name,
            "value": getattr(submission, name),
            "counted": counted[name],
            "reason": reason,
        }
        for name, reason in submission.corrections.items()
    )


def frozen_indicators(unit: Unit, day: datetime.date) -> dict:
    """Return the unit's indicators on `day` as stored in a submission."""
    return freeze(indicators.compute(day, Unit.objects.figure_unit_ids(unit.pk, day)))


@transaction.atomic
def submit(*, submission: Submission, by: User, now=None) -> Submission:
    """Submit a draft or a returned submission, freezing the unit's indicators into it."""
    lock(submission)
    _require(
        acts_for(by, submission.unit), _("Only the unit's own officers can submit its report.")
    )
    _require(submission.is_editable, locked_reason(submission))
    now = now or timezone.now()
    submission.indicators = frozen_indicators(submission.unit, submission.round.as_of)
    _take_counted_figures(submission)
    submission.state = State.SUBMITTED
    submission.submitted_at = now
    submission.first_submitted_at = submission.first_submitted_at or now
    _save_transition(
        submission,
        [
            "indicators",
            "from_records",
            "corrections",
            *followup_figures.COUNTED_FIELDS,
            "state",
            "submitted_at",
            "first_submitted_at",
        ],
        by,
    )
    _log(submission, Action.SUBMITTED, by)
    return submission


def _take_counted_figures(submission: Submission):
    """Freeze the figures counted from the records into `submission` and report them, but
    those the unit corrected with a reason (a correction that now matches the count is
    no longer one): the records may have changed since the draft was saved."""
    counted = counted_figures(submission)
    submission.from_records = counted
    for name, figure in counted.items():
        if getattr(submission, name) == figure:
            submission.corrections.pop(name, None)
        elif name not in submission.corrections:
            setattr(submission, name, figure)


def _require_province_staff(by: User):
    _require(by.is_province_staff, _("Only province staff can do this."))


@transaction.atomic
def return_submission(*, submission: Submission, by: User, reason: str) -> Submission:
    """Send a submitted report back to its unit, with the reason."""
    lock(submission)
    _require_province_staff(by)
    _require(submission.state == State.SUBMITTED, _("Only a submitted report can be returned."))
    reason = _require_reason(reason)
    submission.state = State.RETURNED
    _save_transition(submission, ["state"], by)
    _log(submission, Action.RETURNED, by, reason)
    return submission


@transaction.atomic
def accept(*, submission: Submission, by: User) -> Submission:
    """Accept a submitted report: it is then locked."""
    lock(submission)
    _require_province_staff(by)
    _require(submission.state == State.SUBMITTED, _("Only a submitted report can be accepted."))
    submission.state = State.ACCEPTED
    submission.accepted_at = timezone.now()
    submission.accepted_by = by
    submission.reopen_requested = ""
    _save_transition(submission, ["state", "accepted_at", "accepted_by", "reopen_requested"], by)
    _log(submission, Action.ACCEPTED, by)
    return submission


@transaction.atomic
def request_reopen(*, submission: Submission, by: User, reason: str) -> Submission:
    """Ask province staff to reopen an accepted report (its own officers only)."""
    lock(submission)
    _require(
        by.is_unit_officer and by.unit_id == submission.unit_id,
        _("Only the unit's own officers can ask for a reopening."),
    )
    _require(submission.state == State.ACCEPTED, _("Only an accepted report can be reopened."))
    submission.reopen_requested = _require_reason(reason)
    _save_transition(submission, ["reopen_requested"], by)
    _log(submission, Action.REOPEN_REQUESTED, by, submission.reopen_requested)
    return submission


@transaction.atomic
def reopen(*, submission: Submission, by: User, reason: str) -> Submission:
    """Reopen an accepted report for its unit to change and submit again."""
    lock(submission)
    _require_province_staff(by)
    _require(submission.state == State.ACCEPTED, _("Only an accepted report can be reopened."))
    _require(submission.round.closed_at is None, locked_reason(submission))
    reason = _require_reason(reason)
    submission.state = State.RETURNED
    submission.accepted_at = submission.accepted_by = None
    submission.reopen_requested = ""
    _save_transition(submission, ["state", "accepted_at", "accepted_by", "reopen_requested"], by)
    _log(submission, Action.REOPENED, by, reason)
    return submission


def _require_editable_by(submission: Submission, by: User):
    _require(
        acts_for(by, submission.unit), _("Only the unit's own officers can change its report.")
    )
    _require(submission.is_editable, locked_reason(submission))


@transaction.atomic
def attach(*, submission: Submission, by: User, upload) -> SubmissionAttachment:
    """Attach a checked file to an editable submission (starting it if it is new)."""
    lock(submission)
    _require_editable_by(submission, by)
    validate_attachment(upload)
    if submission.pk is None:
        submission.save()
    return SubmissionAttachment.objects.create(
        submission=submission, file=upload, name=upload.name[:255], uploaded_by=by
    )


@transaction.atomic
def remove_attachment(*, attachment: SubmissionAttachment, by: User):
    _require_editable_by(lock(attachment.submission), by)
    file = attachment.file
    attachment.delete()
    # The file goes once the row's delete is kept: a rollback leaves both.
    transaction.on_commit(lambda: file.delete(save=False))


def latest_reason(submission: Submission) -> str:
    """Return why the report was last returned or reopened, for its unit to read first."""
    if submission.pk is None or submission.state != State.RETURNED:
        return ""
    event = (
        submission.events.filter(action__in=[Action.RETURNED, Action.REOPENED])
        .order_by("-at", "-pk")
        .first()
    )
    return event.reason if event else ""
