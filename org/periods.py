"""The rule of a record in force for a period: from a start day to an end day.

Written once for every such record (units, reporting rounds, training events, Union officers,
management roles):
- the end is not before the start; a record may start and end on one day;
- the record is in force on a day when that day lies between its start and its end, both
  inclusive;
- an empty start or end leaves that side open: in force since ever, or still in force.

A model names its two date fields in a module-level `Period` (its `Meta` cannot see class
attributes) and takes from it its check constraint, its `clean()` and its `active_on` filter.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Period:
    """The names of a record's start and end date fields, and whether each may be empty."""

    start: str
    end: str
    start_may_be_empty: bool = True
    end_may_be_empty: bool = True

    def constraint(self, name: str) -> models.CheckConstraint:
        """Return the check constraint that the end is not before the start."""
        # An empty side is spelled out rather than left to SQL's NULL comparison, so that
        # Django's own validation of the constraint reads it alike on every database.
        condition = Q(**{f"{self.end}__gte": F(self.start)})
        if self.end_may_be_empty:
            condition |= Q(**{f"{self.end}__isnull": True})
        if self.start_may_be_empty:
            condition |= Q(**{f"{self.start}__isnull": True})
        return models.CheckConstraint(condition=condition, name=name)

    def errors(self, record) -> dict:
        """Return {end field: message} when `record` ends before it starts, else {}."""
        start, end = getattr(record, self.start), getattr(record, self.end)
        if start and end and end < start:
            return {self.end: _("The end date cannot be before the start date.")}
        return {}

    def clean(self, record) -> None:
        """Raise ValidationError on the end field when `record` ends before it starts."""
        if errors := self.errors(record):
            raise ValidationError(errors)

    def on(self, day: datetime.date, prefix: str = "") -> Q:
        """Return the filter of records in force on `day`; `prefix` is the path to the record
        from the rows filtered (e.g. "roles__")."""
        # A side that cannot be empty is not tested for emptiness: the engine's queries
        # (roles in force, in every women-managed test) stay as lean as the rule.
        start, end = prefix + self.start, prefix + self.end
        started = Q(**{f"{start}__lte": day})
        if self.start_may_be_empty:
            started = Q(**{f"{start}__isnull": True}) | started
        not_ended = Q(**{f"{end}__gte": day})
        if self.end_may_be_empty:
            not_ended = Q(**{f"{end}__isnull": True}) | not_ended
        return started & not_ended

    def ended_before(self, record, day: datetime.date) -> bool:
        """Return whether `record`'s end lies before `day` (an empty end never has)."""
        end = getattr(record, self.end)
        return end is not None and end < day

    def contains(self, record, day: datetime.date) -> bool:
        """Return whether `record` is in force on `day` (the same test as `on`, in Python)."""
        start, end = getattr(record, self.start), getattr(record, self.end)
        return (start is None or start <= day) and (end is None or end >= day)
