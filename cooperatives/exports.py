"""The registry lists as Excel files: the columns of each (see `config.spreadsheets`)."""

from django.utils.translation import gettext_lazy as _

from config.spreadsheets import COUNT, DATE, SHARE, Column, ListExport, field_header

from .models import Cooperative, Person, YearlyFigures, female_share


def _figure(name):
    """Return the column of a field of the latest yearly figures (`with_latest_figures`)."""
    return Column(field_header(YearlyFigures, name), f"latest_{name}", COUNT, 12)


COOPERATIVES = ListExport(
    filename="hop-tac-xa",
    title=_("Cooperatives and cooperative groups"),
    columns=[
        Column(_("Kind"), lambda c: c.get_kind_display(), width=22),
        Column(_("Name"), "name", width=40),
        Column(field_header(Cooperative, "registration_code"), "registration_code"),
        Column(_("Unit"), lambda c: str(c.unit), width=24),
        Column(field_header(Cooperative, "address"), "address", width=30),
        Column(_("Sectors"), lambda c: ", ".join(str(s) for s in c.sectors.all()), width=30),
        Column(field_header(Cooperative, "founded_on"), "founded_on", DATE, 12),
        Column(_("Status"), lambda c: c.get_status_display(), width=18),
        Column(field_header(Cooperative, "status_since"), "status_since", DATE, 12),
        Column(field_header(Cooperative, "union_supported"), "union_supported", width=14),
        Column(
            field_header(Cooperative, "established_under_plan"), "established_under_plan", width=14
        ),
        Column(_("Women-managed today"), "is_women_managed", width=14),
        Column(_("Figures of"), "latest_figures_year", width=10),
        _figure("members_total"),
        _figure("members_female"),
        _figure("workers_total"),
        _figure("workers_female"),
        Column(
            _("Female-labour share"),
            lambda c: female_share(c.latest_workers_female, c.latest_workers_total),
            SHARE,
            12,
        ),
        Column(field_header(YearlyFigures, "revenue"), "latest_revenue", COUNT, 18),
    ],
)

PEOPLE = ListExport(
    filename="nguoi",
    title=_("People"),
    of_people=True,
    columns=[
        Column(_("Full name"), "full_name", width=30),
        Column(_("Sex"), lambda p: p.get_sex_display(), width=8),
        Column(_("Birth year"), "birth_year", width=10, detail=True),
        Column(_("Ethnic group"), lambda p: str(p.ethnicity or ""), width=14, detail=True),
        Column(field_header(Person, "phone"), "phone", width=14, detail=True),
        Column(_("Unit"), lambda p: str(p.unit), width=24),
        Column(
            _("Current roles"),
            lambda p: "; ".join(
                f"{role.get_role_display()}, {role.cooperative}" for role in p.current_roles
            ),
            width=50,
        ),
    ],
)
