"""Training events, who took part in them, and the Women's Union officers.

A training event is organised by a unit and counted in that unit's scope. Named participants
are people of the registry (cooperative members and managers) or Union officers; unnamed ones
are recorded as head-counts, optionally per cooperative.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.bases import (
    NOT_NEGATIVE,
    SearchableQuerySet,
    SearchTextModel,
    parts_within_whole_errors,
)
from org.periods import Period
from org.writes import Rule


def held_between_q(first: datetime.date, last: datetime.date, *, event="") -> Q:
    """Events that started on or after `first` and ended on or before `last`; `event` is the
    path to the event from the rows filtered (e.g. "event__" for participants)."""
    return Q(**{f"{event}start_date__gte": first, f"{event}end_date__lte": last})


class TrainingEventQuerySet(models.QuerySet):
    def held_between(self, first: datetime.date, last: datetime.date):
        """Return events that started on or after `first` and ended on or before `last`."""
        return self.filter(held_between_q(first, last))

    def with_attendance(self):
        """Annotate `named` (named participants) and `counted` (head-counted participants)."""
        return self.annotate(
            named=_subquery_total(Participant.objects.all(), Count("pk")),
            counted=_subquery_total(HeadCount.objects.all(), Sum("total")),
        )


def _subquery_total(rows, aggregate):
    """Return `aggregate` over the `rows` of the outer event, as a subquery (0 when none), so
    that two totals of one event do not multiply each other as joins would."""
    total = (
        rows.filter(event=OuterRef("pk"))
        .order_by()
        .values("event")
        .annotate(total=aggregate)
        .values("total")
    )
    return Coalesce(Subquery(total), 0)


EVENT_PERIOD = Period("start_date", "end_date", start_may_be_empty=False, end_may_be_empty=False)


class TrainingEvent(models.Model):
    write_rule = Rule(unit="unit_id")

    class Category(models.TextChoices):
        GOVERNANCE = "governance", _("Governance and management")
        VOCATIONAL = "vocational", _("Vocational skills and technology transfer")
        ECOMMERCE = "ecommerce", _("E-commerce")
        DIGITAL = "digital", _("Digital skills")
        LAW = "law", _("Law and policy")
        MOBILISATION = "mobilisation", _("Mobilisation skills for Union staff")
        STUDY_TOUR = "study_tour", _("Study tour")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        COACHING = "coaching", _("Coaching on site")

    class Funding(models.TextChoices):
        # Plan section V.
        STATE_BUDGET = "state_budget", _("State budget")
        CREDIT = "credit", _("Credit (social-policy bank, credit institutions, support fund)")
        MOBILISED = "mobilised", _("Mobilised contributions")
        COOPERATIVES = "cooperatives", _("Cooperatives' own contributions")

    title = models.CharField(_("title"), max_length=255)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="training_events",
    )
    partners = models.CharField(
        _("in cooperation with"),
        max_length=255,
        blank=True,
        help_text=_("Other bodies that co-organised the event, if any."),
    )
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=Funding.choices, blank=True
    )
    funding_amount = models.BigIntegerField(
        _("funding (VND)"), default=0, validators=[NOT_NEGATIVE]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingEventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["-start_date", "pk"]
        constraints = [
            EVENT_PERIOD.constraint("event_ends_after_it_starts"),
            models.CheckConstraint(
                condition=Q(funding_amount__gte=0), name="event_funding_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "start_date"]),
            # The list's order: a page is read off the index, not sorted from every row.
            models.Index(fields=["-start_date", "id"], name="event_list_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:event_detail", args=[self.pk])

    def participant_unit_ids(self) -> set[int] | None:
        """Return the units whose people and cooperatives may take part, or None for any.

        An event of a district or commune is for its own area; the province and its
        agencies train people from everywhere.
        """
        if self.unit.kind in (self.unit.Kind.DISTRICT, self.unit.Kind.COMMUNE):
            return self.unit.local_area_ids()
        return None

    def attendance(self) -> dict:
        """Return the event's participants: named, and head-counted (total, women, ethnic
        minority)."""
        counted = self.head_counts.aggregate(
            total=Coalesce(Sum("total"), 0),
            female=Coalesce(Sum("female"), 0),
            ethnic_minority=Coalesce(Sum("ethnic_minority"), 0),
        )
        return {"named": self.participants.count(), **counted}

    def clean(self):
        EVENT_PERIOD.clean(self)


class UnionOfficerQuerySet(SearchableQuerySet):
    def active_on(self, day: datetime.date):
        """Return officers in post on `day` (both ends inclusive, open ends unbounded)."""
        return self.filter(OFFICER_PERIOD.on(day))


OFFICER_PERIOD = Period("active_from", "active_to")


class UnionOfficer(SearchTextModel):
    """An officer of the Women's Union at province, district or commune level."""

    write_rule = Rule(unit="unit_id")

    SEARCH_FIELDS = ("full_name", "position", "phone")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune")

    full_name = models.CharField(_("full name"), max_length=150)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="union_officers",
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    active_from = models.DateField(_("in post from"), null=True, blank=True)
    active_to = models.DateField(
        _("in post until"), null=True, blank=True, help_text=_("Leave empty while in post.")
    )
    works_on_cooperatives = models.BooleanField(_("works on cooperative support"), default=False)
    # Set when the person's name and contact data were replaced (`privacy.anonymise`).
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnionOfficerQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("Union officer")
        verbose_name_plural = _("Union officers")
        ordering = ["full_name", "pk"]
        constraints = [
            OFFICER_PERIOD.constraint("officer_leaves_after_joining"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("training:officer_detail", args=[self.pk])

    def clean(self):
        OFFICER_PERIOD.clean(self)


class Participant(models.Model):
    """A named participant of a training event: a registry person or a Union officer."""

    write_rule = Rule(unit="event__unit_id")

    event = models.ForeignKey(
        TrainingEvent,
        verbose_name=_("training event"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        "cooperatives.Person",
        verbose_name=_("person"),
        # A training record is not lost with the person: delete it from the event first.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings",
    )
    officer = models.ForeignKey(
        UnionOfficer,
        verbose_name=_("Union officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings",
    )
    certificate_issued = models.BooleanField(_("certificate issued"), default=False)
    certificate_kind = models.CharField(
        _("certificate"),
        max_length=150,
        blank=True,
        help_text=_("For example: certificate of completion, vocational certificate."),
    )

    # Changed since a form was opened? Its save is refused (org.forms.VersionedModelForm).
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("training participation")
        verbose_name_plural = _("training participations")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, officer__isnull=True)
                | Q(person__isnull=True, officer__isnull=False),
                name="participant_is_a_person_or_an_officer",
            ),
            models.UniqueConstraint(
                fields=["event", "person"], name="participant_person_once_per_event"
            ),
            models.UniqueConstraint(
                fields=["event", "officer"], name="participant_officer_once_per_event"
            ),
        ]

    def __str__(self):
        return f"{self.person or self.officer} – {self.event}"

    @property
    def who(self):
        return self.person or self.officer

    def clean(self):
        errors = {}
        if (self.person_id is None) == (self.officer_id is None):
            errors["person"] = _("Choose either a person of the registry or a Union officer.")
        else:
            field = "person" if self.person_id else "officer"
            area = self.event.participant_unit_ids()
            if area is not None and self.who.unit_id not in area:
                errors[field] = _(
                    "%(name)s belongs to another area; this event is for %(unit)s."
                ) % {"name": self.who, "unit": self.event.unit}
            same = Participant.objects.filter(event_id=self.event_id, **{field: self.who})
            if same.exclude(pk=self.pk).exists():
                errors[field] = _("%(name)s is already on this event's list.") % {"name": self.who}
        if self.certificate_kind and not self.certificate_issued:
            errors["certificate_kind"] = _("Tick “certificate issued” to give its kind.")
        if errors:
            raise ValidationError(errors)


class HeadCount(models.Model):
    """Unnamed participants of an event, counted, optionally per cooperative."""

    write_rule = Rule(unit="event__unit_id")

    event = models.ForeignKey(
        TrainingEvent,
        verbose_name=_("training event"),
        on_delete=models.CASCADE,
        related_name="head_counts",
    )
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        # The head-count stays in the event's total when its cooperative goes.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_head_counts",
    )
    description = models.CharField(
        _("who"), max_length=150, blank=True, help_text=_("For example: members, women workers.")
    )
    total = models.IntegerField(_("participants"), validators=[NOT_NEGATIVE])
    female = models.IntegerField(_("women"), default=0, validators=[NOT_NEGATIVE])
    ethnic_minority = models.IntegerField(
        _("ethnic minority"), default=0, validators=[NOT_NEGATIVE]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("head-count")
        verbose_name_plural = _("head-counts")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0, female__gte=0, ethnic_minority__gte=0),
                name="headcount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(female__lte=F("total"), ethnic_minority__lte=F("total")),
                name="headcount_parts_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.total}"

    def clean(self):
        errors = parts_within_whole_errors(
            self, [("female", "total"), ("ethnic_minority", "total")]
        )
        area = self.event.participant_unit_ids() if self.event_id else None
        if area is not None and self.cooperative_id and self.cooperative.unit_id not in area:
            errors["cooperative"] = _(
                "This cooperative belongs to another area; this event is for %(unit)s."
            ) % {"unit": self.event.unit}
        if errors:
            raise ValidationError(errors)
