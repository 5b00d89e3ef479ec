"""Reporting rounds and each unit's submission for a round, with the history of its workflow.

A submission goes draft → submitted → accepted, or returned (with a reason) → submitted again.
Submitting freezes the unit's computed indicators into it, so that a report reads the same
tomorrow as today. An accepted submission is locked against every edit, the admin's included;
only province staff reopen it (`reporting/services.py` holds every transition).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.bases import NOT_NEGATIVE
from org.models import Unit
from org.periods import Period
from org.writes import Rule, nobody, province

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)


class AssignedTask(models.Model):
    """A task that plan section VI gives a unit: the districts (later the communes) all share
    VI.11; each provincial body has its own item."""

    write_rule = Rule(writers=province)

    section = models.CharField(_("section"), max_length=10)
    agency_code = models.CharField(
        _("provincial body"),
        max_length=20,
        blank=True,
        help_text=_("The code of the body it is for; empty: every district or commune."),
    )
    title = models.CharField(_("task"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("assigned task")
        verbose_name_plural = _("assigned tasks")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.section}. {self.title}"

    @classmethod
    def for_unit(cls, unit):
        code = unit.code if unit.kind == Unit.Kind.DEPARTMENT else ""
        return cls.objects.filter(agency_code=code)


def default_due_before(year: int) -> datetime.datetime:
    """Return the first moment that is late: reports are due "before 15/11", so on time up to
    14/11 23:59:59 local time."""
    return datetime.datetime(year, 11, 15, tzinfo=LOCAL)


ROUND_PERIOD = Period(
    "period_start", "period_end", start_may_be_empty=False, end_may_be_empty=False
)


class ReportingRound(models.Model):
    write_rule = Rule(writers=province)

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual report")
        PHASE_REVIEW = "phase_review", _("Phase review (sơ kết)")
        FINAL_REVIEW = "final_review", _("Final review (tổng kết)")
        AD_HOC = "ad_hoc", _("Ad hoc report")

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.ANNUAL)
    title = models.CharField(_("name of the round"), max_length=255)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_before = models.DateTimeField(
        _("due before"),
        help_text=_("The first moment that is late (default 15/11 00:00: on time up to 14/11)."),
    )
    expected_units = models.ManyToManyField(
        Unit, verbose_name=_("units expected to report"), related_name="expected_in_rounds"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind"],
                condition=~Q(kind="ad_hoc"),
                name="round_one_per_year_and_kind",
                violation_error_message=_("This year already has a round of this kind."),
            ),
            ROUND_PERIOD.constraint("round_period_ends_after_it_starts"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reporting:round_board", args=[self.pk])

    def clean(self):
        ROUND_PERIOD.clean(self)

    @property
    def as_of(self) -> datetime.date:
        """Return the day the round's figures are computed for: the end of its period."""
        return self.period_end

    @property
    def last_on_time(self) -> datetime.datetime:
        """Return the last moment (to the second) that is on time, for display."""
        return self.due_before.astimezone(LOCAL) - datetime.timedelta(seconds=1)

    def is_late(self, moment: datetime.datetime) -> bool:
        return moment >= self.due_before


# Bounds that keep sums within 64-bit integers on every database, far above real figures.
AT_MOST_COUNT = MaxValueValidator(1_000_000, message=_("This number is too large."))
AT_MOST_VND = MaxValueValidator(10**15, message=_("This amount is too large."))

# Plan section V: the sources of funding a submission reports.
FUNDING_FIELDS = [
    "funding_state_budget",
    "funding_credit",
    "funding_mobilised",
    "funding_cooperatives",
]
# The counts a submission reports that the registry cannot know.
ACTIVITY_FIELDS = [
    "mobilisation_events",
    "trade_promotion_events",
    "media_reports",
    "awards",
    "loans_count",
]
# Every figure a submission reports besides its frozen indicators and its courses.
ENTRY_FIELDS = [*ACTIVITY_FIELDS, *FUNDING_FIELDS, "loans_amount"]


class Submission(models.Model):
    """A unit's report for a round."""

    write_rule = Rule(writers=nobody, unit="unit_id")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE = (State.DRAFT, State.RETURNED)

    round = models.ForeignKey(
        ReportingRound,
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="submissions"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    # Frozen on submit, as of `round.as_of`: written and read by `reporting.frozen` only.
    indicators = models.JSONField(_("indicators"), null=True, blank=True, editable=False)
    # {category: {"courses", "participants", "female"}} for the categories of training.
    courses = models.JSONField(_("courses"), default=dict, blank=True)
    # {task id: {"results", "difficulties", "proposals"}} for the unit's assigned tasks.
    narratives = models.JSONField(_("narratives"), default=dict, blank=True)
    # {field: figure} of the figures counted from the follow-up records
    # (`followup.figures.COUNTED_FIELDS`), frozen on submit; None before, and in reports
    # submitted before figures were counted from records.
    from_records = models.JSONField(
        _("figures counted from records"), null=True, blank=True, editable=False
    )
    # {field: reason} of each counted figure the unit changed, with its reason.
    corrections = models.JSONField(_("corrections of counted figures"), default=dict, blank=True)
    mobilisation_events = models.IntegerField(
        _("mobilisation events"), default=0, validators=[NOT_NEGATIVE, AT_MOST_COUNT]
    )
    trade_promotion_events = models.IntegerField(
        _("trade-promotion events"), default=0, validators=[NOT_NEGATIVE, AT_MOST_COUNT]
    )
    media_reports = models.IntegerField(
        _("media reports"), default=0, validators=[NOT_NEGATIVE, AT_MOST_COUNT]
    )
    awards = models.IntegerField(_("awards"), default=0, validators=[NOT_NEGATIVE, AT_MOST_COUNT])
    funding_state_budget = models.BigIntegerField(
        _("state budget (VND)"), default=0, validators=[NOT_NEGATIVE, AT_MOST_VND]
    )
    funding_credit = models.BigIntegerField(
        _("credit: social-policy bank, credit institutions, support fund (VND)"),
        default=0,
        validators=[NOT_NEGATIVE, AT_MOST_VND],
    )
    funding_mobilised = models.BigIntegerField(
        _("mobilised contributions (VND)"), default=0, validators=[NOT_NEGATIVE, AT_MOST_VND]
    )
    funding_cooperatives = models.BigIntegerField(
        _("cooperatives' contributions (VND)"), default=0, validators=[NOT_NEGATIVE, AT_MOST_VND]
    )
    loans_count = models.IntegerField(
        _("preferential loans reached (borrowers)"),
        default=0,
        validators=[NOT_NEGATIVE, AT_MOST_COUNT],
    )
    loans_amount = models.BigIntegerField(
        _("preferential loans reached (VND)"), default=0, validators=[NOT_NEGATIVE, AT_MOST_VND]
    )
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_requested = models.TextField(_("reopening requested"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Every save of its figures and every transition is kept with who and when.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["round", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="submission_one_per_unit"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}), name=f"submission_{name}_not_negative"
                )
                for name in ENTRY_FIELDS
            ],
        ]

    def __str__(self):
        return f"{self.unit} – {self.round}"

    def save(self, *args, **kwargs):
        # Accepted is locked against every edit; the services unlock it for a transition.
        if self.pk and not getattr(self, "_transition", False):
            stored = Submission.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == self.State.ACCEPTED:
                raise ValidationError(_("An accepted submission is locked."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reporting:submission", args=[self.round_id, self.unit_id])

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE and self.round.closed_at is None

    @property
    def lateness(self) -> datetime.timedelta | None:
        """Return how late the first submission came, or None if on time or not yet in."""
        if self.first_submitted_at is None or not self.round.is_late(self.first_submitted_at):
            return None
        return self.first_submitted_at - self.round.due_before


class SubmissionEvent(models.Model):
    """One step of a submission's workflow: who did what, when, and why."""

    write_rule = Rule(writers=nobody, unit="submission__unit_id")

    class Action(models.TextChoices):
        SAVED = "saved", _("saved the draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for changes")
        ACCEPTED = "accepted", _("accepted")
        REOPEN_REQUESTED = "reopen_requested", _("asked for a reopening")
        REOPENED = "reopened", _("reopened")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="events", verbose_name=_("submission")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("submission event")
        verbose_name_plural = _("submission events")
        ordering = ["submission", "at", "pk"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor} {self.get_action_display()}"


# What an attachment may be: its extension and the bytes such a file starts with.
ATTACHMENT_SIGNATURES = {
    "pdf": [b"%PDF-"],
    "docx": [b"PK\x03\x04"],
    "xlsx": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0"],
    "xls": [b"\xd0\xcf\x11\xe0"],
    "jpg": [b"\xff\xd8\xff"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def validate_attachment(upload):
    """Refuse a file that is too large, of another type, or not what its name says."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in ATTACHMENT_SIGNATURES:
        raise ValidationError(
            _("Attach a PDF, Word, Excel, JPEG or PNG file (not “.%(extension)s”).")
            % {"extension": extension}
        )
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": number_format(upload.size / 1024 / 1024, decimal_pos=1),
                "limit": ATTACHMENT_MAX_BYTES // 1024 // 1024,
            }
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in ATTACHMENT_SIGNATURES[extension]):
        raise ValidationError(
            _("The file's content is not a .%(extension)s file.") % {"extension": extension}
        )


class SubmissionAttachment(models.Model):
    """A file attached to a submission (served only through the submission's page)."""

    write_rule = Rule(writers=nobody, unit="submission__unit_id")

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("submission"),
    )
    file = models.FileField(
        _("file"), upload_to="submissions/%Y/", validators=[validate_attachment]
    )
    name = models.CharField(_("name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    uploaded_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["submission", "uploaded_at", "pk"]

    def __str__(self):
        return self.name
