"""What each sheet of an import writes, as django-import-export resources.

Every resource works for one user: the units, cooperatives, people and events a row may
name are those the user may touch, so a row for another unit is a bad row, never a write.
Rows are matched to existing records by a key, so importing the same file twice changes
nothing the second time:

- cooperatives: kind and registration code, or kind, unit and name when there is no code;
- yearly figures: cooperative and year;
- people: unit, full name and birth year;
- management roles: person, cooperative, role and start date;
- training participants: event and person;
- supports: cooperative, kind, date and occasion (each row is otherwise a new support);
- difficulties: cooperative, the day raised and what was raised.

A sheet is imported in bulk: the records its rows may name are loaded once, before the first
row, and each row finds its own by key in memory (a record added by one row is found by the
next row for it, so two rows for one record stay a bad row). Unique keys are checked there,
the other rules by each model's full_clean(). The records are then written together, with
their history naming the importing user, through the door (`org.writes.save_many`).
"""

import functools
import uuid

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ManyToManyWidget

from cooperatives.access import cooperatives_for, people_for
from cooperatives.forms import CooperativeForm
from cooperatives.models import (
    FIGURE_COUNTS,
    Cooperative,
    Ethnicity,
    ManagementRole,
    Person,
    RoleKind,
    Sector,
    YearlyFigures,
)
from followup.forms import DIFFICULTY_FIELDS, SUPPORT_FIELDS, bodies
from followup.models import Difficulty, Funding, Lender, Support, SupportKind
from org import writes
from org.access import units_to_file_under
from training.access import events_for
from training.models import Participant

from . import widgets
from .cells import clean_text

# Profit may be negative (a loss); every other figure is a count or an amount.
FIGURES = (*FIGURE_COUNTS, "profit")


# Columns that find a row's record: read again after the record is found, so never dropped.
KEY_COLUMNS = {
    "kind",
    "name",
    "registration_code",
    "unit",
    "cooperative",
    "year",
    "full_name",
    "birth_year",
    "role",
    "start_date",
    "event",
    "given_on",
    "occasion",
    "raised_on",
    "description",
}


class RegistryResource(resources.ModelResource):
    """A resource acting for `user`; subclasses say which stored records a sheet may name
    (`stored_records`) and how a row (`key`) and a record (`key_of`) give their key."""

    def __init__(self, *, user):
        super().__init__()
        self.user = user
        self.row_numbers = []  # the Excel row of each row of the dataset, set by the runner
        self.records = {}  # key → the records that have it: stored, or added by a row above
        self.rows_seen = {}  # key → the first Excel row that imported its record
        self.row_key = None  # the key of the row being imported
        self.stored = None  # field → what the row's record held before it (None if new)
        self.row_changes = []  # the attributes the row changes
        self.changes = {}  # Excel row → the attributes it changes, for an updating row
        self.valid_defaults = set()  # fields a new record leaves at a default that is valid
        self._import_fields = None
        self.units = widgets.Named(
            units_to_file_under(user),
            keys=("code", "name"),
            missing=_(
                "“%(value)s” is not a unit you may file records under (give its code "
                "or its full name, e.g. “Xã Tả Van”)."
            ),
        )

    class Meta:
        import_id_fields = ()
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        skip_diff = True  # what a row changes is worked out by skip_row, cheaper than a diff
        store_instance = True  # the runner lists what each row changes
        use_transactions = False
        use_bulk = True  # see save_instance

    def after_import(self, dataset, result, **kwargs):
        # Not import-export's, which sets the table's id sequence to the largest id this
        # transaction sees (for files that give ids; ours never do). setval() is not undone
        # by a rollback nor held back by a transaction: with two imports (or checks) at once on
        # PostgreSQL it set the sequence below ids the other had taken, and the next new
        # record clashed with one of them (benchmarks/concurrency.py, issue 13).
        pass

    def get_import_fields(self):
        # Asked for several times a row; the fields are set once the resource is made.
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # As import-export's, without the debug message it writes for a column the row lacks.
        if field.column_name in row:
            field.save(instance, row, is_m2m, **kwargs)

    def field(self, name, row):
        return read(self.fields[name], row)

    def column(self, dataset, name) -> set:
        """The values of a column (a field's name, or a Field) that can be read: the others
        make bad rows anyway."""
        field = self.fields[name] if isinstance(name, str) else name
        if field.column_name not in dataset.headers:
            return set()
        index = dataset.headers.index(field.column_name)
        values = set()
        for cell in {row[index] for row in dataset}:  # each distinct cell read once
            try:
                values.add(field.clean({field.column_name: cell}))
            except ValueError:
                pass
        return values

    # Two rows of one file for the same record are a mistake (the second would silently win),
    # except for people, who may hold several roles.
    one_row_per_record = True
    # The error when a row's key fits several stored records (None: the first one is used).
    several = None

    def before_import(self, dataset, **kwargs):
        # The records the sheet may name, loaded once, so that a row finds its own by key
        # without a query; a new record joins them (after_import_row), so that a later row of
        # the file for it finds it too.
        for record in self.stored_records(dataset):
            self.records.setdefault(self.key_of(record), []).append(record)
        # A new record keeps the default of each field the sheet has no column for: the same
        # value on every row, so checked here once and, if valid, not again for each row (if
        # not, each row reports it).
        names = {field.name for field in self._meta.model._meta.fields}
        in_file = {
            f.attribute for f in self.get_import_fields() if f.column_name in dataset.headers
        }
        blank = self.init_instance()
        for name in names - in_file:
            try:
                blank.clean_fields(exclude=names - {name})
            except ValidationError:
                continue
            self.valid_defaults.add(name)

    def get_instance(self, instance_loader, row):
        self.row_key = self.key(row)
        matches = self.records.get(self.row_key, [])
        if len(matches) > 1 and self.several:
            raise ValidationError(self.several)
        return next(iter(matches), None)

    def after_init_instance(self, instance, new, row, **kwargs):
        self.stored = None
        if not new:
            self.stored = {
                field: field.get_value(instance)
                for field in self.get_import_fields()
                if not isinstance(field.widget, ManyToManyWidget)
            }
            # A blank cell keeps what is stored: an old file uploaded again to add figures
            # must not wipe a phone number or turn a dissolved cooperative active again.
            for column in [c for c, value in row.items() if clean_text(value) == ""]:
                if column not in KEY_COLUMNS:
                    del row[column]
        first = self.rows_seen.get(self.row_key)
        if self.one_row_per_record and first is not None:
            raise ValidationError(
                {NON_FIELD_ERRORS: _("Row %(row)s is already for this record.") % {"row": first}}
            )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if self.stored is None or import_validation_errors:
            return False
        self.row_changes = [
            field.attribute
            for field, before in self.stored.items()
            if field.get_value(instance) != before
        ] + list(instance.imported_m2m)
        return not self.row_changes

    def after_import_row(self, row, row_result, **kwargs):
        number = self.row_numbers[kwargs["row_number"] - 1]
        self.rows_seen.setdefault(self.row_key, number)
        if row_result.import_type == row_result.IMPORT_TYPE_NEW:
            self.records[self.row_key] = [row_result.instance]
        elif row_result.import_type == row_result.IMPORT_TYPE_UPDATE:
            self.changes[number] = self.row_changes

    def import_instance(self, instance, row, **kwargs):
        # Many-to-many values are saved after the record, where a bad one would no longer
        # be a bad cell: read them here with the others, and keep those that change for
        # the writer (`org.writes.save_many`).
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance.imported_m2m = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, ManyToManyWidget) and field.column_name in row:
                try:
                    values = field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
                    continue
                stored = field.get_value(instance).all() if instance.pk else []
                if sorted(r.pk for r in values) != sorted(r.pk for r in stored):
                    instance.imported_m2m[field.attribute] = values
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Unique keys are checked against the records loaded before the first row
        # (get_instance, after_init_instance), not by a query per row and constraint; every
        # check constraint of the models is also a rule of their clean() or a validator.
        # Foreign keys hold records found among those loaded (units, cooperatives, people...),
        # so they are not looked up again either.
        errors = dict(import_validation_errors or {})
        foreign_keys = {f.name for f in instance._meta.concrete_fields if f.is_relation}
        defaults = self.valid_defaults if instance._state.adding else ()
        try:
            instance.full_clean(
                exclude={*errors, *foreign_keys, *defaults},
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        # Records are written in bulk after the last row (bulk_create, bulk_update); a record
        # added by a row above is written once, as the last row for it leaves it.
        if is_create:
            self.create_instances.append(instance)
        elif instance.pk is not None:
            self.update_instances.append(instance)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        writes.save_many(model=self._meta.model, records=self.create_instances, by=self.user)
        self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        fields = [
            field.attribute
            for field in self.get_import_fields()
            if not isinstance(field.widget, ManyToManyWidget)
        ]
        # A record that several rows change (a person with several roles) is written once.
        instances = list({instance.pk: instance for instance in self.update_instances}.values())
        writes.save_many(model=self._meta.model, records=instances, by=self.user, fields=fields)
        self.update_instances.clear()


def read(field, row):
    """The cleaned value of `field`'s column in `row`, or a ValidationError pointing at it.
    A column the sheet leaves out (one that is not required) reads as an empty cell."""
    try:
        return field.clean(row if field.column_name in row else {field.column_name: None})
    except ValueError as error:
        raise ValidationError({field.attribute: str(error)}) from error


def _field(attribute, widget):
    return fields.Field(attribute=attribute, column_name=attribute, widget=widget)


class CooperativeResource(RegistryResource):
    kind = _field(
        "kind",
        widgets.Choice(Cooperative.Kind.choices, aliases={"htx": "htx", "tht": "tht"}),
    )
    name = _field("name", widgets.Text())
    registration_code = _field("registration_code", widgets.Text())
    address = _field("address", widgets.Text())
    founded_on = _field("founded_on", widgets.Date())
    status = _field(
        "status", widgets.Choice(Cooperative.Status.choices, default=Cooperative.Status.ACTIVE)
    )
    status_since = _field("status_since", widgets.Date())
    union_supported = _field("union_supported", widgets.YesNo())
    established_under_plan = _field("established_under_plan", widgets.YesNo())
    sells_online = _field("sells_online", widgets.YesNo())
    online_channels = _field("online_channels", widgets.Text())
    members_insured = _field("members_insured", widgets.YesNo())

    class Meta(RegistryResource.Meta):
        model = Cooperative
        # What the page's form edits, but the THT a cooperative grew from (chosen on its page).
        fields = tuple(name for name in CooperativeForm.Meta.fields if name != "converted_from")

    def __init__(self, *, user):
        super().__init__(user=user)
        self.fields["unit"] = _field("unit", self.units)
        self.fields["sectors"] = fields.Field(
            attribute="sectors",
            column_name="sectors",
            widget=widgets.NamedList(
                Sector.objects.all(),
                keys=("name",),
                missing=_("“%(value)s” is not a sector of the list (see the instructions)."),
            ),
            m2m_add=False,
        )
        self.visible = cooperatives_for(user)
        self.several = {
            "name": _(
                "Several records of this unit have this name; add the registration code or "
                "change them on their pages."
            )
        }

    def stored_records(self, dataset):
        # Every record with one of the file's codes, the user's or not: a code is unique
        # for its kind across the province.
        by_code = Q(registration_code__in=self.column(dataset, "registration_code") - {""})
        by_name = Q(registration_code="", unit__in=self.column(dataset, "unit"))
        return (
            Cooperative.objects.filter(by_code | by_name)
            .annotate(is_visible=Exists(self.visible.filter(pk=OuterRef("pk"))))
            .prefetch_related("sectors")
        )

    def key(self, row):
        """Kind and registration code, or kind, unit and name when there is no code."""
        kind = self.field("kind", row)
        code = self.field("registration_code", row)
        if code:
            return (kind, code)
        return (kind, "", self.field("unit", row).pk, name_key(self.field("name", row)))

    def key_of(self, cooperative):
        if cooperative.registration_code:
            return (cooperative.kind, cooperative.registration_code)
        return (cooperative.kind, "", cooperative.unit_id, name_key(cooperative.name))

    def get_instance(self, instance_loader, row):
        cooperative = super().get_instance(instance_loader, row)
        if cooperative is not None and cooperative.pk and not cooperative.is_visible:
            raise ValidationError(
                {
                    "registration_code": _(
                        "This registration code belongs to a record of "
                        "another unit; ask the provincial Union."
                    )
                }
            )
        return cooperative


class FiguresResource(RegistryResource):
    year = _field("year", widgets.WholeNumber())

    class Meta(RegistryResource.Meta):
        model = YearlyFigures
        fields = ("cooperative", "year", *FIGURES)

    def __init__(self, *, user):
        super().__init__(user=user)
        self.fields["cooperative"] = _field("cooperative", cooperative_widget(user))
        for name in FIGURES:
            self.fields[name] = _field(name, widgets.WholeNumber(empty=0))

    def stored_records(self, dataset):
        return YearlyFigures.objects.filter(
            cooperative__in=self.column(dataset, "cooperative"),
            year__in=self.column(dataset, "year"),
        )

    def key(self, row):
        return (self.field("cooperative", row).pk, self.field("year", row))

    def key_of(self, figures):
        return (figures.cooperative_id, figures.year)


def remember_areas(records):
    """Give `records` one Unit object per unit, which works out its area once: the clean()
    of a role and of a participant asks for it on every row, and an area does not change
    during an import."""
    units = {}
    for record in records:
        if record.unit_id not in units:
            unit = units[record.unit_id] = record.unit
            unit.local_area_ids = functools.cache(unit.local_area_ids)
        record.unit = units[record.unit_id]


def cooperative_widget(user):
    return widgets.Named(
        cooperatives_for(user).exclude(registration_code="").select_related("unit"),
        keys=("registration_code",),
        missing=_(
            "No cooperative of yours has the registration code “%(value)s” (or two "
            "have it: an HTX and a THT)."
        ),
        prepare=remember_areas,
    )


def name_key(name: str) -> str:
    """A name as it is compared: the same but for case and spacing. Accents count: "Lò Thị
    Hà" and "Lò Thị Hạ" are two people (accent-insensitive matching is for search only)."""
    return clean_text(name).casefold()


class PersonKey:
    """Finding people by unit, full name and birth year (the people of the sheet's units
    are loaded once)."""

    def __init__(self, units):
        self.fields = {
            "unit": _field("unit", units),
            "full_name": _field("full_name", widgets.Text()),
            "birth_year": _field("birth_year", widgets.WholeNumber()),
        }
        self.several = {
            "full_name": _(
                "Several people of this unit have this name and birth year; tell them apart "
                "on their pages first."
            )
        }

    def of_row(self, row):
        return (
            read(self.fields["unit"], row).pk,
            name_key(read(self.fields["full_name"], row)),
            read(self.fields["birth_year"], row),
        )

    @staticmethod
    def of(person):
        return (person.unit_id, name_key(person.full_name), person.birth_year)


class PersonResource(RegistryResource):
    """People on the sheets of roles and of training participants."""

    one_row_per_record = False

    full_name = _field("full_name", widgets.Text())
    sex = _field("sex", widgets.Choice(Person.Sex.choices, aliases={"f": "F", "m": "M", "nu": "F"}))
    birth_year = _field("birth_year", widgets.WholeNumber())
    phone = _field("phone", widgets.Text())

    class Meta(RegistryResource.Meta):
        model = Person
        fields = ("full_name", "sex", "birth_year", "ethnicity", "phone", "unit")

    def __init__(self, *, user):
        super().__init__(user=user)
        self.fields["unit"] = _field("unit", self.units)
        self.fields["ethnicity"] = _field(
            "ethnicity",
            widgets.Named(
                Ethnicity.objects.all(),
                keys=("code", "name", "other_names"),
                missing=_("“%(value)s” is not one of the 54 ethnic groups (see the instructions)."),
                required=False,
                listed=("other_names",),
                # Lào Cai writes the official "HMông" as "Mông".
                aliases=(("mong", "hmong"),),
            ),
        )
        self.person_key = PersonKey(self.units)
        self.several = self.person_key.several

    def stored_records(self, dataset):
        return people_for(self.user).filter(unit__in=self.column(dataset, "unit"))

    def key(self, row):
        return self.person_key.of_row(row)

    def key_of(self, person):
        return PersonKey.of(person)


class PersonKeyResource(RegistryResource):
    """A record that names a person of the same row, imported by PersonResource first."""

    def __init__(self, *, user):
        super().__init__(user=user)
        self.person_key = PersonKey(self.units)
        self.people = {}  # key → the people of the sheet's units that have it

    def before_import(self, dataset, **kwargs):
        units = self.column(dataset, self.person_key.fields["unit"])
        people = people_for(self.user).filter(unit__in=units)
        for person in people:
            self.people.setdefault(PersonKey.of(person), []).append(person)
        super().before_import(dataset, **kwargs)

    def person(self, row):
        matches = self.people.get(self.person_key.of_row(row), [])
        if len(matches) > 1:
            raise ValidationError(self.person_key.several)
        if not matches:
            raise ValidationError({"full_name": _("This person could not be saved.")})
        return matches[0]

    def import_instance(self, instance, row, **kwargs):
        instance.person = self.person(row)
        super().import_instance(instance, row, **kwargs)


class RoleResource(PersonKeyResource):
    role = _field("role", widgets.Choice(RoleKind.choices))
    start_date = _field("start_date", widgets.Date())
    end_date = _field("end_date", widgets.Date())

    class Meta(RegistryResource.Meta):
        model = ManagementRole
        fields = ("cooperative", "role", "start_date", "end_date")

    def __init__(self, *, user):
        super().__init__(user=user)
        self.fields["cooperative"] = _field("cooperative", cooperative_widget(user))

    def stored_records(self, dataset):
        return ManagementRole.objects.filter(cooperative__in=self.column(dataset, "cooperative"))

    def key(self, row):
        return (
            self.person(row).pk,
            self.field("cooperative", row).pk,
            self.field("role", row),
            self.field("start_date", row),
        )

    def key_of(self, role):
        return (role.person_id, role.cooperative_id, role.role, role.start_date)


class ParticipantResource(PersonKeyResource):
    certificate_issued = _field("certificate_issued", widgets.YesNo())
    certificate_kind = _field("certificate_kind", widgets.Text())

    class Meta(RegistryResource.Meta):
        model = Participant
        fields = ("event", "certificate_issued", "certificate_kind")

    def __init__(self, *, user):
        super().__init__(user=user)
        self.fields["event"] = _field(
            "event",
            widgets.Named(
                events_for(user).select_related("unit"),
                keys=("pk",),
                missing=_(
                    "No training event of yours has the number “%(value)s” (it is "
                    "shown on the event's page)."
                ),
                prepare=remember_areas,
            ),
        )

    def stored_records(self, dataset):
        return Participant.objects.filter(event__in=self.column(dataset, "event"))

    def key(self, row):
        return (self.field("event", row).pk, self.person(row).pk)

    def key_of(self, participant):
        return (participant.event_id, participant.person_id)


class FollowupResource(RegistryResource):
    """A record of a cooperative's follow-up: the cooperative by its registration code (one of
    the user's), the body by code or name among every unit and provincial body."""

    day = ""  # the field of the day the record is of, part of its key

    def __init__(self, *, user):
        super().__init__(user=user)
        self.fields["cooperative"] = _field("cooperative", cooperative_widget(user))
        self.fields["body"] = _field(
            "body",
            widgets.Named(
                bodies(),
                keys=("code", "name"),
                missing=_(
                    "“%(value)s” is not a unit or provincial body (give its code or its full "
                    "name, e.g. “Sở Công Thương” or “SCT”)."
                ),
            ),
        )

    def stored_records(self, dataset):
        """The records of the file's cooperatives on the file's days (`day`)."""
        return self._meta.model.objects.filter(
            cooperative__in=self.column(dataset, "cooperative"),
            **{f"{self.day}__in": self.column(dataset, self.day)},
        ).select_related("cooperative", "body")


class SupportResource(FollowupResource):
    """Supports. A row is a new support, but for one that the cooperative already has of its
    kind, day and occasion: the same file imported twice adds nothing the second time. The
    rows of one event (kind, day, body and occasion) share a batch, as the bulk entry's do."""

    day = "given_on"

    given_on = _field("given_on", widgets.Date())
    occasion = _field("occasion", widgets.Text())
    funding_source = _field("funding_source", widgets.Choice(Funding.choices, default=""))
    amount = _field("amount", widgets.WholeNumber(empty=0))
    lender = _field("lender", widgets.Choice(Lender.choices, default=""))
    loan_amount = _field("loan_amount", widgets.WholeNumber(empty=0))
    loan_term_months = _field("loan_term_months", widgets.WholeNumber())
    note = _field("note", widgets.Lines())

    class Meta(RegistryResource.Meta):
        model = Support
        fields = ("cooperative", *SUPPORT_FIELDS)

    def __init__(self, *, user):
        super().__init__(user=user)
        self.fields["kind"] = _field(
            "kind",
            widgets.Named(
                SupportKind.objects.all(),
                keys=("name",),
                missing=_("“%(value)s” is not a kind of support of the catalogue (see the list)."),
            ),
        )
        self.batches = {}  # (kind, day, body, occasion) → the batch of the file's rows for it

    def stored_records(self, dataset):
        return super().stored_records(dataset).select_related("kind")

    def key(self, row):
        return (
            self.field("cooperative", row).pk,
            self.field("kind", row).pk,
            self.field("given_on", row),
            name_key(self.field("occasion", row)),
        )

    def key_of(self, support):
        return (
            support.cooperative_id,
            support.kind_id,
            support.given_on,
            name_key(support.occasion),
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # A kind no longer offered stays on the records that have it, but names no new one
        # (as on the page's form).
        errors = dict(import_validation_errors or {})
        if instance._state.adding and instance.kind_id and not instance.kind.active:
            errors.setdefault("kind", []).append(
                _("This kind of support is no longer offered for new records.")
            )
        super().validate_instance(instance, errors, validate_unique)

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create:
            event = (
                instance.kind_id,
                instance.given_on,
                instance.body_id,
                name_key(instance.occasion),
            )
            instance.batch = self.batches.setdefault(event, uuid.uuid4())
        super().save_instance(instance, is_create, row, **kwargs)


class DifficultyResource(FollowupResource):
    """Difficulties. A row is a new difficulty, but for one the cooperative already raised on
    that day with the same words: that one is updated (its answer, say), not repeated."""

    day = "raised_on"

    category = _field("category", widgets.Choice(Difficulty.Category.choices))
    description = _field("description", widgets.Lines())
    raised_on = _field("raised_on", widgets.Date())
    channel = _field(
        "channel",
        widgets.Choice(Difficulty.Channel.choices, default=Difficulty.Channel.DIALOGUE),
    )
    state = _field("state", widgets.Choice(Difficulty.State.choices, default=Difficulty.State.OPEN))
    answer = _field("answer", widgets.Lines())
    answered_on = _field("answered_on", widgets.Date())

    class Meta(RegistryResource.Meta):
        model = Difficulty
        fields = ("cooperative", *DIFFICULTY_FIELDS)

    def key(self, row):
        return (
            self.field("cooperative", row).pk,
            self.field("raised_on", row),
            name_key(self.field("description", row)),
        )

    def key_of(self, difficulty):
        return (difficulty.cooperative_id, difficulty.raised_on, name_key(difficulty.description))
