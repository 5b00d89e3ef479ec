"""The training lists as Excel files: the columns of each (see `config.spreadsheets`)."""

from django.utils.translation import gettext_lazy as _

from config.spreadsheets import COUNT, DATE, Column, ListExport, field_header

from .models import Participant, TrainingEvent, UnionOfficer

EVENTS = ListExport(
    filename="tap-huan",
    title=_("Training events"),
    columns=[
        Column(_("Title"), "title", width=40),
        Column(_("Category"), lambda e: e.get_category_display(), width=24),
        Column(field_header(TrainingEvent, "format"), lambda e: e.get_format_display()),
        Column(field_header(TrainingEvent, "start_date"), "start_date", DATE, 12),
        Column(field_header(TrainingEvent, "end_date"), "end_date", DATE, 12),
        Column(field_header(TrainingEvent, "place"), "place", width=24),
        Column(_("Organising unit"), lambda e: str(e.unit), width=24),
        Column(field_header(TrainingEvent, "partners"), "partners", width=24),
        Column(
            field_header(TrainingEvent, "funding_source"),
            lambda e: e.get_funding_source_display(),
            width=24,
        ),
        Column(field_header(TrainingEvent, "funding_amount"), "funding_amount", COUNT, 16),
        Column(_("Named participants"), "named", COUNT, 12),
        Column(_("Counted participants"), "counted", COUNT, 12),
    ],
)

OFFICERS = ListExport(
    filename="can-bo-hoi",
    title=_("Union officers"),
    of_people=True,
    columns=[
        Column(_("Full name"), "full_name", width=30),
        Column(_("Level"), lambda o: o.get_level_display(), width=12),
        Column(_("Unit"), lambda o: str(o.unit), width=24),
        Column(_("Position"), "position", width=24),
        Column(field_header(UnionOfficer, "phone"), "phone", width=14, detail=True),
        Column(_("Works on cooperative support"), "works_on_cooperatives", width=14),
        Column(field_header(UnionOfficer, "active_from"), "active_from", DATE, 12),
        Column(field_header(UnionOfficer, "active_to"), "active_to", DATE, 12),
    ],
)


PARTICIPANTS = ListExport(
    filename="hoc-vien",
    title=_("Named participants"),
    of_people=True,
    columns=[
        Column(_("Full name"), lambda p: p.who.full_name, width=30),
        Column(_("Kind"), lambda p: _("Union officer") if p.officer_id else _("Registry person")),
        Column(_("Sex"), lambda p: p.person.get_sex_display() if p.person_id else ""),
        Column(
            _("Birth year"), lambda p: p.person.birth_year if p.person_id else None, detail=True
        ),
        Column(
            _("Ethnic group"),
            lambda p: str(p.person.ethnicity or "") if p.person_id else "",
            detail=True,
        ),
        Column(_("Unit"), lambda p: str(p.who.unit), width=24),
        Column(field_header(Participant, "certificate_issued"), "certificate_issued", width=12),
        Column(field_header(Participant, "certificate_kind"), "certificate_kind", width=24),
    ],
)
