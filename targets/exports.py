"""The dashboard's lists as Excel files: an indicator's unit-by-unit breakdown and the
records behind a figure (see `config.spreadsheets`)."""

from django.utils.translation import gettext as _

from config.spreadsheets import COUNT, Column, ListExport, figure_format


def _stem(indicator) -> str:
    return "chi-tieu-" + indicator.code.lower().replace("_", "-")


def breakdown(indicator) -> ListExport:
    """Return the export of `indicator`'s breakdown (rows of `breakdown_rows`)."""
    return ListExport(
        filename=f"{_stem(indicator)}-theo-don-vi",
        title=indicator.label,
        columns=[
            Column(_("Unit"), "label", width=40),
            Column(_("Figure"), "figure.actual", figure_format(indicator), 12),
            Column(_("Numerator"), "figure.numerator", COUNT, 12),
            Column(_("Denominator"), "figure.denominator", COUNT, 12),
            Column(_("Met"), lambda row: "" if row["met"] is None else row["met"], width=10),
        ],
    )


def breakdown_rows(rows, *, total, target, unit):
    """Return the breakdown page's rows, each with the label the page shows, and its total
    (the unit chosen or the whole province) last."""
    for row in rows:
        label = (
            str(row["unit"]) if row["unit"] else _("Province level and units without a successor")
        )
        yield {**row, "label": label}
    yield {
        "label": str(unit) if unit else _("Whole province"),
        "figure": total,
        "met": target.is_met(total.actual) if target else None,
    }


def records(indicator, kind: str, *, members: bool, counted: bool) -> ListExport:
    """Return the export of the records a figure counts: cooperatives (with the members of
    a percentage's denominator and the counted field, when the figure has them), people or
    officers (counted in the numerator or not)."""
    if kind == "cooperatives":
        columns = [
            Column(_("Name"), "name", width=40),
            Column(_("Kind"), lambda row: row.get_kind_display(), width=22),
            Column(_("Unit"), lambda row: str(row.unit), width=24),
            Column(_("Figures of"), "figures_year", width=10),
        ]
        if members:
            columns.append(Column(_("Members"), lambda row: row.members_total or 0, COUNT, 12))
        if counted:
            columns.append(Column(_("Counted"), lambda row: row.counted or 0, COUNT, 12))
    else:
        columns = [
            Column(_("Full name"), "full_name", width=30),
            Column(_("Unit"), lambda row: str(row.unit), width=24),
            Column(_("Counted"), lambda row: bool(row.counted), width=10),
        ]
    return ListExport(
        filename=f"{_stem(indicator)}-ho-so",
        title=indicator.label,
        columns=columns,
        of_people=kind != "cooperatives",
    )
