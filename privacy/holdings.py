"""What the portal holds about one person: their record's fields, their roles, their
training, their consent to be shown publicly, the history of all of these, and the access
log's rows about them. Read by the person's page and their file alike, in a fixed number of
queries however much there is.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst

from config.history import display
from cooperatives.models import ManagementRole, Person
from org.access_log import subject_of
from org.models import AccessRecord
from showcase.models import LeaderConsent
from training.models import Participant

# The access log's rows a person's page shows (their file holds every row).
LOG_LIMIT = 50
# Not shown as a field of its own: a folded copy of the name, phone and position, for search.
DERIVED = {"search_text"}


@dataclass
class Field:
    """A field of a person's record: its label, its value as stored (dates as dates, a
    related record as itself) and as the pages show it."""

    label: str
    value: object
    shown: str


def record_fields(record) -> list[Field]:
    """Return every field of `record` (a person or a Union officer) but derived ones; its
    related records (unit, ethnic group) as loaded with it."""
    related = {
        (field.related_model, getattr(record, field.attname)): getattr(record, field.name)
        for field in record._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and getattr(record, field.attname) is not None
    }
    return [
        Field(
            capfirst(field.verbose_name),
            value_of(field, getattr(record, field.attname), related),
            display(field, getattr(record, field.attname), related),
        )
        for field in record._meta.concrete_fields
        if field.name not in DERIVED
    ]


def value_of(field, value, related):
    """Return `value` of `field` for a spreadsheet's cell: a choice by its label, a related
    record by its name, anything else as it is (dates stay dates)."""
    if value is None:
        return None
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        target = related.get((field.related_model, value))
        return str(target) if target is not None else f"#{value}"
    return value


@dataclass
class Holdings:
    """Everything the portal holds about one person (`record`)."""

    record: object
    fields: list[Field]
    roles: list
    trainings: list
    consent: LeaderConsent | None
    history_count: int
    log: list
    log_count: int

    @property
    def subject(self) -> str:
        return subject_of(self.record)


def holdings_of(record, *, log_limit: int | None = LOG_LIMIT) -> Holdings:
    """Return what the portal holds about `record`, a person or a Union officer (loaded with
    its unit and ethnic group); the newest `log_limit` rows of the access log (None: all)."""
    is_person = isinstance(record, Person)
    subject = subject_of(record)
    log = AccessRecord.objects.filter(subject=subject).order_by("-at", "-pk")
    return Holdings(
        record=record,
        fields=record_fields(record),
        roles=list(roles_of(record)) if is_person else [],
        trainings=list(trainings_of(record)),
        consent=consent_of(record) if is_person else None,
        history_count=type(record).history.filter(id=record.pk).count(),
        log=list(log if log_limit is None else log[:log_limit]),
        log_count=log.count(),
    )


def roles_of(person):
    """Return a registry person's roles in cooperatives, the latest first."""
    return (
        ManagementRole.objects.filter(person=person)
        .select_related("cooperative")
        .order_by("-start_date", "-pk")
    )


def trainings_of(record):
    """Return a person's or an officer's participations in training events, latest first."""
    field = "person" if isinstance(record, Person) else "officer"
    return (
        Participant.objects.filter(**{field: record})
        .select_related("event__unit__parent")
        .order_by("-event__start_date", "-pk")
    )


def consent_of(person) -> LeaderConsent | None:
    """Return a registry person's consent to be shown publicly, if there is one."""
    return LeaderConsent.objects.filter(person=person).select_related("recorded_by").first()


def history_of(record) -> list:
    """Return the historical querysets of everything about `record`: its own history, and
    that of its roles, its participations in training and its consent (deleted ones too)."""
    if isinstance(record, Person):
        return [
            Person.history.filter(id=record.pk),
            ManagementRole.history.filter(person_id=record.pk),
            Participant.history.filter(person_id=record.pk),
            LeaderConsent.history.filter(person_id=record.pk),
        ]
    return [
        type(record).history.filter(id=record.pk),
        Participant.history.filter(officer_id=record.pk),
    ]
