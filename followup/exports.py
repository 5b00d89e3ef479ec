"""The follow-up lists as Excel files: the columns of each (see `config.spreadsheets`)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.spreadsheets import COUNT, DATE, Column, ListExport, field_header

from .models import Difficulty, Support

SUPPORTS = ListExport(
    filename="ho-tro",
    title=_("Support given"),
    columns=[
        Column(field_header(Support, "given_on"), "given_on", DATE, 12),
        Column(_("Cooperative"), lambda s: s.cooperative.name, width=36),
        Column(_("Unit"), lambda s: str(s.cooperative.unit), width=24),
        Column(field_header(Support, "kind"), lambda s: str(s.kind), width=30),
        Column(field_header(Support, "body"), lambda s: str(s.body), width=30),
        Column(field_header(Support, "occasion"), "occasion", width=30),
        Column(
            field_header(Support, "funding_source"),
            lambda s: s.get_funding_source_display(),
            width=24,
        ),
        Column(field_header(Support, "amount"), "amount", COUNT, 16),
        Column(field_header(Support, "lender"), lambda s: s.get_lender_display(), width=24),
        Column(field_header(Support, "loan_amount"), "loan_amount", COUNT, 16),
        Column(field_header(Support, "loan_term_months"), "loan_term_months", COUNT, 10),
        Column(field_header(Support, "note"), "note", width=40),
    ],
)

DIFFICULTIES = ListExport(
    filename="kho-khan-vuong-mac",
    title=_("Difficulties raised"),
    columns=[
        Column(field_header(Difficulty, "raised_on"), "raised_on", DATE, 12),
        Column(_("Cooperative"), lambda d: d.cooperative.name, width=36),
        Column(_("Unit"), lambda d: str(d.cooperative.unit), width=24),
        Column(field_header(Difficulty, "category"), lambda d: d.get_category_display(), width=22),
        Column(field_header(Difficulty, "description"), "description", width=50),
        Column(field_header(Difficulty, "channel"), lambda d: d.get_channel_display(), width=18),
        Column(field_header(Difficulty, "body"), lambda d: str(d.body), width=30),
        Column(field_header(Difficulty, "state"), lambda d: d.get_state_display(), width=22),
        Column(_("Days open"), lambda d: d.days_open(timezone.localdate()), COUNT, 10),
        Column(field_header(Difficulty, "answer"), "answer", width=50),
        Column(field_header(Difficulty, "answered_on"), "answered_on", DATE, 12),
    ],
)
