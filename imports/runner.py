"""Running an import: every sheet of a workbook, in order, in one transaction.

`run_import` reads the file (`reading`), matches its sheets and columns to `sheets.SHEETS`,
imports each sheet with its resources, and keeps the result only when asked to: a preview
(`commit=False`) rolls everything back; so does a real import with bad rows, unless the user
chose to import only the good rows. Sheets are imported in the order of SHEETS, so that a
file may add a cooperative and its figures together.
"""

from collections import Counter
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cooperatives.models import Person
from org.writes import Refused

from .reading import BadFile, read_workbook
from .sheets import REFERENCE_SHEETS, SHEETS, spec_for

ACTIONS = ("new", "update", "skip")


@dataclass
class Problem:
    sheet: str
    row: int
    column: str  # the header as written in the file ("" for the row as a whole)
    cell: str  # e.g. "C5"
    message: str

    def as_json(self):
        return self.__dict__


@dataclass
class Change:
    """A row that adds or changes a record, for the preview."""

    sheet: str
    row: int
    model: str
    action: str  # "new" or "update"
    record: str
    columns: list  # the headers of the changed columns, for an update

    def as_json(self):
        return self.__dict__


# The preview lists at most this many added or changed rows (the counts cover them all).
CHANGES_SHOWN = 500


@dataclass
class SheetResult:
    title: str
    rows: int = 0
    counts: Counter = field(default_factory=Counter)  # (model name, action) → rows
    bad_rows: set = field(default_factory=set)
    good_rows: list = field(default_factory=list)

    def as_json(self):
        return {
            "title": self.title,
            "rows": self.rows,
            "bad_rows": len(self.bad_rows),
            "counts": [[model, action, n] for (model, action), n in sorted(self.counts.items())],
        }


@dataclass
class Outcome:
    sheets: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    saved: bool = False

    @property
    def bad_rows(self) -> int:
        return sum(len(sheet.bad_rows) for sheet in self.sheets)

    @property
    def good_rows(self) -> int:
        return sum(sheet.rows for sheet in self.sheets) - self.bad_rows

    @property
    def people_written(self) -> int:
        """How many rows added or changed a person of the registry: what the access log of
        personal data keeps of a saved import (counted in the language of the run)."""
        people = str(Person._meta.verbose_name_plural)
        return sum(
            n
            for sheet in self.sheets
            for (model, action), n in sheet.counts.items()
            if model == people and action in ("new", "update")
        )

    def as_json(self):
        return {
            "sheets": [sheet.as_json() for sheet in self.sheets],
            "problems": [problem.as_json() for problem in self.problems],
            "changes": [change.as_json() for change in self.changes[:CHANGES_SHOWN]],
            "more_changes": max(0, len(self.changes) - CHANGES_SHOWN),
            "saved": self.saved,
            "good": {sheet.title: sheet.good_rows for sheet in self.sheets},
            "good_rows": self.good_rows,
            "bad_rows": self.bad_rows,
        }


class _RollBack(Exception):
    pass


def run_import(
    data: bytes, user, *, commit: bool, only_good_rows: bool = False, rows: dict | None = None
) -> Outcome:
    """Import the workbook in `data` for `user`. Raises BadFile if it cannot be read at all,
    or if the database refuses the rows (then nothing is saved).

    `rows` ({sheet title: [row numbers]}, as `Outcome.as_json()["good"]` gives them) limits
    the import to the rows a check found good: then nothing is saved if one of them has
    become bad since. Without it, every row is imported, and a bad one stops the import
    unless `only_good_rows`."""
    matched = match_sheets(read_workbook(data))
    if rows is not None:
        for _spec, sheet in matched:
            wanted = set(rows.get(sheet.title, ()))
            sheet.rows = [row for row in sheet.rows if row.number in wanted]
    outcome = Outcome()
    try:
        with transaction.atomic():
            for spec, sheet in matched:
                outcome.sheets.append(
                    _import_sheet(spec, sheet, user, outcome.problems, outcome.changes)
                )
            outcome.saved = commit and (only_good_rows or not outcome.problems)
            if not outcome.saved or not outcome.good_rows:
                raise _RollBack
    except _RollBack:
        outcome.saved = False
    except (Refused, ValidationError) as error:
        # The door refused a row: saved by someone else since the file was read, say.
        raise BadFile(
            _("Nothing was imported: %(reason)s Check the file again.")
            % {"reason": " ".join(getattr(error, "messages", [str(error)]))}
        ) from error
    except IntegrityError as error:
        # Rows are checked against the records read before the first one, then written in
        # bulk: a record another user saved in between may clash. Nothing is kept.
        raise BadFile(
            _(
                "Nothing was imported: the database refused the rows (%(error)s). Someone may "
                "have just saved the same record; check the file again."
            )
            % {"error": error}
        ) from error
    return outcome


def match_sheets(sheets):
    """Pair each worksheet with its spec, in import order; refuse what does not fit."""
    matched = []
    for sheet in sheets:
        if sheet.title in REFERENCE_SHEETS or (not sheet.rows and not any(sheet.headers)):
            continue
        spec = spec_for(sheet.title, sheet.headers)
        if spec is None:
            raise BadFile(
                _(
                    "Sheet “%(sheet)s” is not one of the template's sheets (%(sheets)s) and "
                    "its columns do not match one. Use the template."
                )
                % {"sheet": sheet.title, "sheets": ", ".join(s.title for s in SHEETS)}
            )
        _check_headers(spec, sheet)
        if sheet.rows:
            matched.append((spec, sheet))
    if not matched:
        raise BadFile(_("The file has no rows of data under the template's headers."))
    matched.sort(key=lambda pair: SHEETS.index(pair[0]))
    return matched


def _check_headers(spec, sheet):
    headers = [header for header in sheet.headers if header]
    unknown = [header for header in headers if spec.column_for(header) is None]
    found = [spec.column_for(header) for header in headers]
    missing = [c.header for c in spec.columns if c.required and c not in found]
    twice = {c.header for c in found if c is not None and found.count(c) > 1}
    message = []
    if missing:
        message.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    if unknown:
        message.append(
            _("columns not in the template: %(columns)s") % {"columns": ", ".join(unknown)}
        )
    if twice:
        message.append(
            _("columns given twice: %(columns)s") % {"columns": ", ".join(sorted(twice))}
        )
    if message or len(headers) != len(sheet.headers):
        if len(headers) != len(sheet.headers):
            message.append(_("a column has no header"))
        raise BadFile(
            _("The header row of sheet “%(sheet)s” does not match the template: %(problems)s.")
            % {"sheet": sheet.title, "problems": "; ".join(message)}
        )


def _import_sheet(spec, sheet, user, problems, changes) -> SheetResult:
    result = SheetResult(title=sheet.title, rows=len(sheet.rows))
    columns = [spec.column_for(header) for header in sheet.headers]
    header_of = {
        column.attribute: header for column, header in zip(columns, sheet.headers, strict=True)
    }

    def report(row, attribute, message):
        column = spec.column_of_error(attribute)
        header = header_of.get(column.attribute, "") if column else ""
        cell = row.cells.get(header) or next(iter(row.cells.values()))
        problems.append(Problem(sheet.title, row.number, header, cell, message))
        result.bad_rows.add(row.number)

    for (number, header), message in sheet.cell_errors.items():
        row = next(row for row in sheet.rows if row.number == number)
        report(row, spec.column_for(header).attribute, message)

    # A row is saved whole or not at all: each resource imports the rows that the ones before
    # it found good, and when a later one finds a row bad (a person's role), the sheet is
    # imported again without that row, so that its person is not kept either.
    while True:
        savepoint = transaction.savepoint()
        rows = [row for row in sheet.rows if row.number not in result.bad_rows]
        done, whole = _import_rows(spec, rows, sheet.headers, user, header_of, report)
        if whole:
            break
        transaction.savepoint_rollback(savepoint)
    transaction.savepoint_commit(savepoint)
    for row in rows:
        if row.number in done:
            actions, changed = done[row.number]
            result.counts.update(action for action in actions if action[1] in ACTIONS)
            result.good_rows.append(row.number)
            changes.extend(Change(sheet.title, row.number, *change) for change in changed)
    return result


def _import_rows(spec, rows, headers, user, header_of, report) -> tuple[dict, bool]:
    """Import `rows` with each resource of `spec` in turn, one import_data per resource.
    Return {row number: (actions, changes)} for the rows that every resource found good, and
    whether each row was saved whole (no resource found bad a row that one before it saved)."""
    attributes = [spec.column_for(header).attribute for header in headers]
    done = {row.number: ([], []) for row in rows}
    whole = True
    for position, resource_class in enumerate(spec.resources):
        resource = resource_class(user=user)
        name = str(resource_class.Meta.model._meta.verbose_name_plural)
        rows = [row for row in rows if row.number in done]
        resource.row_numbers = [row.number for row in rows]
        dataset = tablib.Dataset(
            *[[row.values.get(h) for h in headers] for row in rows], headers=attributes
        )
        imported = resource.import_data(dataset, dry_run=False, use_transactions=False)
        invalid = {invalid.number: invalid.error_dict for invalid in imported.invalid_rows}
        for number, (row, row_result) in enumerate(zip(rows, imported.rows, strict=True), 1):
            for attribute, messages in invalid.get(number, {}).items():
                for message in messages:
                    report(row, None if attribute == NON_FIELD_ERRORS else attribute, message)
            for error in row_result.errors:
                report(row, None, _("Could not be saved: %(error)s") % {"error": error.error})
            if number in invalid or row_result.errors:
                del done[row.number]
                whole = whole and position == 0
                continue
            actions, changed = done[row.number]
            actions.append((name, row_result.import_type))
            if row_result.import_type in ("new", "update"):
                columns = [header_of.get(a, a) for a in resource.changes.get(row.number, [])]
                changed.append((name, row_result.import_type, str(row_result.instance), columns))
    return done, whole
