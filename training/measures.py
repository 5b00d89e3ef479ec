"""Who has been trained, for a scope and a date: the rules behind the training indicators.

- A training counts when its event was held from the plan's start to the date D: it started
  on or after PLAN_START (06/07/2023) and ended on or before D.
- Women managers: women holding a manager role on D (`cooperatives.models.woman_manager_q`) in
  a cooperative of the scope — the scope's units (`unit_ids`, None for the whole province)
  and/or an explicit cooperative queryset. Whether the cooperative is active is the caller's
  rule: the indicators pass their portfolio (active, Union-supported, women-managed HTX).
- Union officers: officers in post on D filed under a unit of the scope.
- "Governance training" is an event of category GOVERNANCE; "with a certificate" means a
  certificate was issued to her at such an event; "mobilisation-skills training" is category
  MOBILISATION; "any training" is an event of any category.

Each function returns a queryset of distinct people, so callers count or list it in SQL.
"""

import datetime

from django.db.models import Exists, OuterRef

from cooperatives.models import ManagementRole, Person
from org.plan import PLAN_START

from .models import Participant, TrainingEvent, UnionOfficer, held_between_q


def _counted(day: datetime.date, **filters):
    """Return participations at events held from the plan's start to `day`."""
    # The event's dates are tested on the joined event, not as "event in (held events)":
    # SQLite would otherwise probe every held event for each person asked about.
    return Participant.objects.filter(held_between_q(PLAN_START, day, event="event__"), **filters)


def trained_exists(
    day: datetime.date, who: str, *, outer="pk", category=None, certified=False
) -> Exists:
    """Return "the `who` ("person" or "officer") whose id is the outer row's `outer` took
    part, since the plan began and by `day`, in a training (of `category`; with a certificate
    if `certified`)", as an Exists expression for filters and conditional counts."""
    filters = {who: OuterRef(outer)}
    if category:
        filters["event__category"] = category
    if certified:
        filters["certificate_issued"] = True
    return Exists(_counted(day, **filters))


def women_managers(day: datetime.date, *, unit_ids=None, cooperatives=None):
    """Return the women managers on `day` of the scope's cooperatives."""
    roles = ManagementRole.objects.active_on(day).women_managers()
    if cooperatives is not None:
        roles = roles.filter(cooperative__in=cooperatives)
    if unit_ids is not None:
        roles = roles.filter(cooperative__unit_id__in=unit_ids)
    return Person.objects.filter(pk__in=roles.values("person_id"))


def managers_with_governance_training(
    day: datetime.date, *, unit_ids=None, cooperatives=None, certified=False
):
    """Return the women managers on `day` trained in governance since the plan began
    (with a certificate from such a training, if `certified`)."""
    trained = trained_exists(
        day, "person", category=TrainingEvent.Category.GOVERNANCE, certified=certified
    )
    return women_managers(day, unit_ids=unit_ids, cooperatives=cooperatives).filter(trained)


def union_officers(day: datetime.date, *, unit_ids=None, cooperative_support_only=False):
    """Return the Union officers in post on `day` in the scope."""
    officers = UnionOfficer.objects.active_on(day)
    if unit_ids is not None:
        officers = officers.filter(unit_id__in=unit_ids)
    if cooperative_support_only:
        officers = officers.filter(works_on_cooperatives=True)
    return officers


def officers_with_training(
    day: datetime.date, *, unit_ids=None, cooperative_support_only=False, category=None
):
    """Return the officers in post on `day` with at least one training since the plan began
    (of `category`, if given)."""
    officers = union_officers(
        day, unit_ids=unit_ids, cooperative_support_only=cooperative_support_only
    )
    return officers.filter(trained_exists(day, "officer", category=category))


def officers_with_mobilisation_training(day: datetime.date, *, unit_ids=None):
    """Return the officers in post on `day` trained in mobilisation skills since the plan
    began."""
    return officers_with_training(
        day, unit_ids=unit_ids, category=TrainingEvent.Category.MOBILISATION
    )
