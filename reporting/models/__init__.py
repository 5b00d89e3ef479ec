"""The reporting app's models: rounds and submissions (submissions.py), the provincial report
(report.py)."""

from .report import ProvincialReport
from .submissions import (
    AssignedTask,
    ReportingRound,
    Submission,
    SubmissionAttachment,
    SubmissionEvent,
)

__all__ = [
    "AssignedTask",
    "ProvincialReport",
    "ReportingRound",
    "Submission",
    "SubmissionAttachment",
    "SubmissionEvent",
]
