"""The follow-up of each cooperative: the support it was given and the difficulties it raised.

Plan sections IV.2–IV.5, V and VI give the Union and the provincial bodies tasks that are
support to cooperatives (advice, trade fairs, trademarks, loans, equipment...) and dialogue
"to resolve their difficulties in time". A `Support` is one such help to one cooperative; an
event that served many is entered once and stored as one record per cooperative sharing a
`batch`. A `Difficulty` is one problem raised, with the body that must answer it and its
answer. The yearly submission's activity and money figures are counted from supports
(`followup.figures`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from org.bases import NOT_NEGATIVE
from org.writes import Rule, province
from training.models import TrainingEvent

# Bounds that keep sums within 64-bit integers on every database, far above real figures.
AT_MOST_VND = MaxValueValidator(10**15, message=_("This amount is too large."))
AT_MOST_MONTHS = MaxValueValidator(600, message=_("A term of more than 50 years is not possible."))
# A difficulty open for longer than this is marked as waiting too long.
OVERDUE_AFTER_DAYS = 90

# The funding sources of plan section V (the training events' own list).
Funding = TrainingEvent.Funding


class SupportKind(models.Model):
    """A kind of support, from the catalogue province staff keep (the plan's kinds to begin
    with). What a kind counts as in the yearly submission is its `counts_as`."""

    write_rule = Rule(writers=province)

    class CountsAs(models.TextChoices):
        NOTHING = "", _("No figure of the submission")
        TRADE_PROMOTION = "trade_promotion", _("A trade-promotion activity")
        LOAN = "loan", _("A preferential loan")

    name = models.CharField(_("name"), max_length=150, unique=True)
    counts_as = models.CharField(
        _("counts in the submission as"),
        max_length=20,
        choices=CountsAs.choices,
        blank=True,
        help_text=_("A loan must name its lender, amount and term."),
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    active = models.BooleanField(
        _("offered for new records"),
        default=True,
        help_text=_("Untick instead of deleting: records of this kind keep it."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("kind of support")
        verbose_name_plural = _("kinds of support")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("followup:kind_list")

    @property
    def is_loan(self) -> bool:
        return self.counts_as == self.CountsAs.LOAN


class Lender(models.TextChoices):
    # Plan sections V.2 and VI.9–10.
    SOCIAL_POLICY_BANK = "social_policy_bank", _("Social Policy Bank")
    CREDIT_INSTITUTION = "credit_institution", _("Credit institution")
    SUPPORT_FUND = "support_fund", _("Cooperative support fund")


class SupportQuerySet(models.QuerySet):
    def given_between(self, first: datetime.date, last: datetime.date):
        return self.filter(given_on__gte=first, given_on__lte=last)


class Support(models.Model):
    """One support given to one cooperative."""

    write_rule = Rule(unit="cooperative__unit_id")

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    kind = models.ForeignKey(
        SupportKind, verbose_name=_("kind of support"), on_delete=models.PROTECT
    )
    given_on = models.DateField(_("date"))
    body = models.ForeignKey(
        "org.Unit",
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="supports_given",
        help_text=_("The Union level or the provincial body (plan section VI) that gave it."),
    )
    occasion = models.CharField(
        _("occasion"),
        max_length=255,
        blank=True,
        help_text=_("The event or programme, e.g. the name of the trade fair."),
    )
    # Records entered together for one event (a trade fair for twelve cooperatives) share it;
    # the event counts once as an activity.
    batch = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=Funding.choices, blank=True
    )
    amount = models.BigIntegerField(
        _("amount (VND)"), default=0, validators=[NOT_NEGATIVE, AT_MOST_VND]
    )
    lender = models.CharField(_("lender"), max_length=20, choices=Lender.choices, blank=True)
    loan_amount = models.BigIntegerField(
        _("loan amount (VND)"), default=0, validators=[NOT_NEGATIVE, AT_MOST_VND]
    )
    loan_term_months = models.PositiveSmallIntegerField(
        _("loan term (months)"), null=True, blank=True, validators=[AT_MOST_MONTHS]
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["-given_on", "-pk"]
        indexes = [models.Index(fields=["given_on", "kind"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="support_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(loan_amount__gte=0), name="support_loan_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.kind} – {self.cooperative} ({self.given_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("followup:support_detail", args=[self.pk])

    @property
    def loan_ends_on(self) -> datetime.date | None:
        """The day a loan falls due: its date plus its term."""
        if not self.kind.is_loan or not self.loan_term_months:
            return None
        months = self.given_on.month - 1 + self.loan_term_months
        year, month = self.given_on.year + months // 12, months % 12 + 1
        return _clipped_day(year, month, self.given_on.day)

    def clean(self):
        errors = {}
        if self.given_on and self.given_on > timezone.localdate():
            errors["given_on"] = _("This date is in the future.")
        if self.amount and not self.funding_source:
            errors["funding_source"] = _("Choose where this amount came from.")
        if self.kind_id and self.kind.is_loan:
            if not self.lender:
                errors["lender"] = _("A loan must name its lender.")
            if not self.loan_amount:
                errors["loan_amount"] = _("Enter the amount lent.")
            if not self.loan_term_months:
                errors["loan_term_months"] = _("Enter the loan's term in months.")
        elif self.kind_id:
            for name in ("lender", "loan_amount", "loan_term_months"):
                if getattr(self, name):
                    errors[name] = _("Only a loan has a lender, a loan amount and a term.")
        if errors:
            raise ValidationError(errors)


def _clipped_day(year: int, month: int, day: int) -> datetime.date:
    """The day `day` of the month, or its last day when the month is shorter."""
    for candidate in (day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day, candidate))
        except ValueError:
            continue
    raise AssertionError("every month has a 28th day")


class DifficultyQuerySet(models.QuerySet):
    def still_open(self):
        """Difficulties waiting for an answer: open or in progress."""
        return self.filter(state__in=Difficulty.WAITING)

    def overdue(self, today: datetime.date):
        """Difficulties still open after OVERDUE_AFTER_DAYS days."""
        return self.still_open().filter(raised_on__lt=overdue_since(today))


def overdue_since(today: datetime.date) -> datetime.date:
    """A difficulty raised before this day and still open is overdue on `today`."""
    return today - datetime.timedelta(days=OVERDUE_AFTER_DAYS)


class Difficulty(models.Model):
    """A difficulty a cooperative raised, the body responsible for answering, and its answer.

    The body's officers (a provincial body is a unit of its own) see and answer the
    difficulties assigned to them, wherever the cooperative is: the door lets them change a
    stored difficulty by its `body`, and their page changes only the answer."""

    write_rule = Rule(unit="cooperative__unit_id", answered_by="body_id")

    class Category(models.TextChoices):
        CAPITAL = "capital", _("Capital")
        LAND = "land", _("Land and premises")
        MARKET = "market", _("Market and sales")
        PROCEDURES = "procedures", _("Administrative procedures")
        SKILLS = "skills", _("Skills and human resources")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        OTHER = "other", _("Other")

    class Channel(models.TextChoices):
        DIALOGUE = "dialogue", _("Meeting or dialogue")
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone")
        WRITING = "writing", _("In writing")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        FORWARDED = "forwarded", _("Cannot be resolved here – forwarded")

    WAITING = (State.OPEN, State.IN_PROGRESS)
    ANSWERED = (State.RESOLVED, State.FORWARDED)

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="difficulties",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("what was raised"))
    raised_on = models.DateField(_("raised on"))
    channel = models.CharField(
        _("raised at"), max_length=20, choices=Channel.choices, default=Channel.DIALOGUE
    )
    body = models.ForeignKey(
        "org.Unit",
        verbose_name=_("body responsible"),
        on_delete=models.PROTECT,
        related_name="difficulties_to_answer",
        help_text=_("The Union level or provincial body (plan section VI) that must answer it."),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DifficultyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("difficulty")
        verbose_name_plural = _("difficulties")
        ordering = ["raised_on", "pk"]
        indexes = [
            models.Index(fields=["state", "raised_on"]),
            models.Index(fields=["body", "state"]),
        ]

    def __str__(self):
        return f"{self.get_category_display()} – {self.cooperative} ({self.raised_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("followup:difficulty_detail", args=[self.pk])

    @property
    def is_waiting(self) -> bool:
        return self.state in self.WAITING

    def days_open(self, today: datetime.date) -> int | None:
        """How long it has waited, for one still open."""
        return (today - self.raised_on).days if self.is_waiting else None

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_waiting and self.raised_on < overdue_since(today)

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.raised_on and self.raised_on > today:
            errors["raised_on"] = _("This date is in the future.")
        if self.answered_on:
            if self.answered_on > today:
                errors["answered_on"] = _("This date is in the future.")
            elif self.raised_on and self.answered_on < self.raised_on:
                errors["answered_on"] = _(
                    "The answer cannot come before the difficulty was raised."
                )
        if self.state in self.ANSWERED:
            if not self.answer.strip():
                errors["answer"] = _("Write the answer given, or what it was forwarded to.")
            if not self.answered_on:
                errors["answered_on"] = _("Give the date of the answer.")
        if errors:
            raise ValidationError(errors)
