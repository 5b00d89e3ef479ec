"""The plan as data: Plan 294/KH-UBND, its phases, its baseline and its indicator targets.

Targets are data, not code: province staff revise a phase-2 target in the admin (plan VI.1)
and every change is kept with who and when (django-simple-history).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.writes import Rule, nobody, province


class Plan(models.Model):
    write_rule = Rule(writers=province)
    code = models.CharField(_("number"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=300)
    issued_on = models.DateField(_("issued on"))
    ends_on = models.DateField(_("ends on"))
    # Footnote 1: the cooperatives the Women's Union had supported when the plan was issued.
    baseline_htx = models.PositiveIntegerField(_("baseline: cooperatives"))
    baseline_htx_members = models.PositiveIntegerField(_("baseline: cooperative members"))
    baseline_tht = models.PositiveIntegerField(_("baseline: cooperative groups"))
    baseline_tht_members = models.PositiveIntegerField(_("baseline: group members"))

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return self.code


class PhaseQuerySet(models.QuerySet):
    def of_day(self, day):
        """Return the phase that `day` falls in (the last one after the plan ends)."""
        phase = self.filter(starts_on__lte=day).order_by("-starts_on").first()
        return phase or self.order_by("starts_on").first()


class Phase(models.Model):
    write_rule = Rule(writers=province)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField(_("phase"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="phase_number_unique"),
        ]

    def __str__(self):
        return _("Phase %(number)s (%(start)s–%(end)s)") % {
            "number": self.number,
            "start": self.starts_on.year,
            "end": self.ends_on.year,
        }


class Indicator(models.Model):
    """One indicator of the catalogue; how it is computed lives in `targets/indicators.py`."""

    write_rule = Rule(writers=province)

    class Kind(models.TextChoices):
        COUNT = "count", _("Count")
        PERCENT = "percent", _("Percentage")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """Return the name in the user's language."""
        return self.name_en if get_language() == "en" else self.name


class Target(models.Model):
    """What an indicator must reach by the end of a phase."""

    write_rule = Rule(writers=province)

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        MORE_THAN = "more_than", _("more than")
        RANGE = "range", _("from … to …")
        EQUALS = "equals", _("equal to")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="targets"
    )
    comparison = models.CharField(_("comparison"), max_length=10, choices=Comparison.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    upper = models.DecimalField(
        _("upper value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only for a range: the largest value that meets the target."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "phase"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "phase"], name="target_one_per_indicator_and_phase"
            ),
        ]

    def __str__(self):
        return self.describe()

    def clean(self):
        if self.comparison == self.Comparison.RANGE:
            if self.upper is None or self.upper < self.value:
                raise ValidationError(
                    {"upper": _("A range needs an upper value at least as large as the value.")}
                )
        elif self.upper is not None:
            raise ValidationError({"upper": _("Only a range has an upper value.")})

    def is_met(self, actual) -> bool | None:
        """Return whether `actual` meets the target; None when there is no data."""
        if actual is None:
            return None
        actual = Decimal(str(actual))
        match self.comparison:
            case self.Comparison.AT_LEAST:
                return actual >= self.value
            case self.Comparison.MORE_THAN:
                return actual > self.value
            case self.Comparison.RANGE:
                return self.value <= actual <= self.upper
            case _:
                return actual == self.value

    def describe(self) -> str:
        """Return the target as officers write it: "≥ 13", "3–4", "> 50%"."""
        suffix = "%" if self.indicator.kind == Indicator.Kind.PERCENT else ""
        value = f"{self.value.normalize():f}{suffix}"
        match self.comparison:
            case self.Comparison.AT_LEAST:
                return f"≥ {value}"
            case self.Comparison.MORE_THAN:
                return f"> {value}"
            case self.Comparison.RANGE:
                return f"{self.value.normalize():f}–{self.upper.normalize():f}{suffix}"
            case _:
                return value

    def as_json(self) -> dict:
        data = {
            "comparison": self.comparison,
            "value": float(self.value),
            "phase": self.phase.number,
        }
        if self.upper is not None:
            data["upper"] = float(self.upper)
        return data


# The figures kept current (`targets/live.py`): derived from the registry and training by the
# indicator engine, written only by `live.renew`, never by a person, never backed up.


class UnitTotals(models.Model):
    """One unit's raw totals on one kept day: what `indicators` adds up for the records filed
    under that unit (not those of the units beneath it). A scope's figures are their sum."""

    write_rule = Rule(writers=nobody)
    day = models.DateField()
    unit_id = models.BigIntegerField()
    htx = models.BigIntegerField(default=0)
    tht = models.BigIntegerField(default=0)
    htx_jobs = models.BigIntegerField(default=0)
    tht_jobs = models.BigIntegerField(default=0)
    new_htx = models.BigIntegerField(default=0)
    new_htx_jobs = models.BigIntegerField(default=0)
    members = models.BigIntegerField(default=0)
    vocational = models.BigIntegerField(default=0)
    ecommerce = models.BigIntegerField(default=0)
    managers = models.BigIntegerField(default=0)
    managers_trained = models.BigIntegerField(default=0)
    managers_certified = models.BigIntegerField(default=0)
    support = models.BigIntegerField(default=0)
    support_trained = models.BigIntegerField(default=0)
    officers = models.BigIntegerField(default=0)
    officers_skilled = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "unit_id"], name="unit_totals_one_per_day")
        ]

    def __str__(self):
        return f"{self.unit_id} {self.day}"


class SharedManager(models.Model):
    """A woman manager on a kept day in cooperatives of two units or more: one row per unit.
    Each unit's totals count her once; a scope holding several of her units counts her once
    in all, which these rows let the sum correct."""

    write_rule = Rule(writers=nobody)
    day = models.DateField()
    person_id = models.BigIntegerField()
    unit_id = models.BigIntegerField()
    trained = models.BooleanField()
    certified = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["day", "person_id"], name="shared_manager_person")]

    def __str__(self):
        return f"{self.person_id} {self.unit_id} {self.day}"


class KeptDay(models.Model):
    """A day whose totals are held for every unit."""

    write_rule = Rule(writers=nobody)
    day = models.DateField(unique=True)

    def __str__(self):
        return str(self.day)


class FiguresToRenew(models.Model):
    """A unit whose kept totals a committed write has made old (`unit_id` None: every unit).
    Written in the writer's own transaction, so that a page reading after the commit finds it
    and renews those totals first."""

    write_rule = Rule(writers=nobody)
    unit_id = models.BigIntegerField(null=True)

    def __str__(self):
        return str(self.unit_id)
