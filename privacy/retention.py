"""How long the portal keeps a person's name and contact data: until
settings.PERSONAL_DATA_RETENTION_YEARS years after the last thing it monitors about them
ended. Then they are anonymised (`anonymise.py`) by the daily `anonymise_expired` command.

A person's last day is the latest of
- the end of each of their roles in cooperatives (a registry person): while a role is open
  (no end date) they are kept, however old it is;
- the end of each training event they took part in;
- for a Union officer, the day they left their post: while in post (no end) they are kept;
and for a registry person with no role and no training, the day their record was created.

They are past retention when their last day is more than that many years before today
(exactly that many years is not more). People anonymised already are never listed again.
Who is past retention is decided by the database, one query per kind of person.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives.models import ManagementRole, Person
from training.models import Participant, UnionOfficer


def cutoff(today: datetime.date, years: int | None = None) -> datetime.date:
    """Return the day `years` (the retention period) before `today`: a person whose last
    day is before it is past retention. 29 February goes back to 28 February."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS if years is None else years
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _latest(rows, group: str, field: str):
    """The latest `field` of `rows` (related to the outer person by `group`), as a subquery:
    one value per person, never a join that would multiply their rows."""
    return Subquery(
        rows.filter(**{group: OuterRef("pk")})
        .order_by()
        .values(group)
        .annotate(latest=Max(field))
        .values("latest")
    )


def people_past_retention(today: datetime.date | None = None):
    """Return the registry people past retention on `today`, with their `last_role_end` and
    `last_training_end` (None when they have none)."""
    limit = cutoff(today or timezone.localdate())
    open_role = ManagementRole.objects.filter(person=OuterRef("pk"), end_date__isnull=True)
    return (
        Person.objects.filter(anonymised_on__isnull=True)
        .annotate(
            last_role_end=_latest(ManagementRole.objects.all(), "person", "end_date"),
            last_training_end=_latest(Participant.objects.all(), "person", "event__end_date"),
        )
        .filter(~Exists(open_role))
        .filter(Q(last_role_end__isnull=True) | Q(last_role_end__lt=limit))
        .filter(Q(last_training_end__isnull=True) | Q(last_training_end__lt=limit))
        .filter(
            Q(last_role_end__isnull=False)
            | Q(last_training_end__isnull=False)
            | Q(created_at__date__lt=limit)
        )
        .select_related("unit")
        .order_by("pk")
    )


def officers_past_retention(today: datetime.date | None = None):
    """Return the Union officers past retention on `today`, with their
    `last_training_end` (None when they have none)."""
    limit = cutoff(today or timezone.localdate())
    return (
        UnionOfficer.objects.filter(anonymised_on__isnull=True, active_to__lt=limit)
        .annotate(
            last_training_end=_latest(Participant.objects.all(), "officer", "event__end_date")
        )
        .filter(Q(last_training_end__isnull=True) | Q(last_training_end__lt=limit))
        .select_related("unit")
        .order_by("pk")
    )


def last_day(record) -> datetime.date:
    """Return the last day of a record listed by the functions above (for what is printed:
    the database has decided already)."""
    days = [
        getattr(record, "last_role_end", None),
        getattr(record, "last_training_end", None),
        getattr(record, "active_to", None),
    ]
    days = [day for day in days if day is not None]
    return max(days) if days else timezone.localdate(record.created_at)


def retention_reason(years: int | None = None) -> str:
    """Return the reason an anonymisation at the end of the retention period gives."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS if years is None else years
    return _("Retention period of %(years)s years ended") % {"years": years}
