"""The reporting app's models: units and users (units.py), rounds and submissions
(submissions.py)."""

from .report import ProvincialReport
from .submissions import (
    AssignedTask,
    ReportingRound,
    Submission,
    SubmissionAttachment,
    SubmissionEvent,
)
from .units import REFORM_DATE, Unit, UnitQuerySet, User

__all__ = [
    "REFORM_DATE",
    "AssignedTask",
    "ProvincialReport",
    "ReportingRound",
    "Submission",
    "SubmissionAttachment",
    "SubmissionEvent",
    "Unit",
    "UnitQuerySet",
    "User",
]
