"""What each sheet of an import writes, as django-import-export resources.

Every resource works for one user: the units, cooperatives, people and events a row may
name are those the user may touch, so a row for another unit is a bad row, never a write.
Rows are matched to existing records by a key, so importing the same file twice changes
nothing the second time:

- cooperatives: kind and registration code, or kind, unit and name when there is no code;
- yearly figures: cooperative and year;
- people: unit, full name and birth year;
- management roles: person, cooperative, role and start date;
- training participants: event and person.

Records are saved one by one (not in bulk) so that django-simple-history records who
imported what.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
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
from reporting.access import units_to_file_under
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
}


class RegistryResource(resources.ModelResource):
    """A resource acting for `user`; subclasses say how a row finds its record by key
    (`get_instance`)."""

    def __init__(self, *, user):
        super().__init__()
        self.user = user
        self.row_number = None  # the Excel row being imported, set by the runner
        self.rows_seen = {}  # record id → the first Excel row that imported it
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
        skip_html_diff = True
        store_instance = True  # the runner lists what each row changes
        use_transactions = False

    def field(self, name, row):
        return read(self.fields[name], row)

    # Two rows of one file for the same record are a mistake (the second would silently win),
    # except for people, who may hold several roles.
    one_row_per_record = True

    def after_init_instance(self, instance, new, row, **kwargs):
        if not new:
            # A blank cell keeps what is stored: an old file uploaded again to add figures
            # must not wipe a phone number or turn a dissolved cooperative active again.
            for column in [c for c, value in row.items() if clean_text(value) == ""]:
                if column not in KEY_COLUMNS:
                    del row[column]
        first = self.rows_seen.get(instance.pk)
        if not new and self.one_row_per_record and first is not None:
            raise ValidationError(
                {NON_FIELD_ERRORS: _("Row %(row)s is already for this record.") % {"row": first}}
            )

    def changed_fields(self, row_result) -> list[str]:
        """The attributes an updating row changes (none for a new or skipped row)."""
        if row_result.import_type != "update" or row_result.original is None:
            return []
        changed = []
        for field in self.get_import_fields():
            before, after = (
                field.get_value(row_result.original),
                field.get_value(row_result.instance),
            )
            if isinstance(field.widget, ManyToManyWidget):
                before = sorted(r.pk for r in before.all()) if row_result.original.pk else []
                after = sorted(r.pk for r in after.all())
            if before != after:
                changed.append(field.attribute)
        return changed

    def after_import_row(self, row, row_result, **kwargs):
        if row_result.object_id is not None:
            self.rows_seen.setdefault(row_result.object_id, self.row_number)

    def import_instance(self, instance, row, **kwargs):
        # Many-to-many values are saved after the record, where a bad one would no longer
        # be a bad cell: read them here with the others.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        # django-simple-history takes the author from here outside a web request too.
        if self.user.pk:
            instance._history_user = self.user


def read(field, row):
    """The cleaned value of `field`'s column in `row`, or a ValidationError pointing at it."""
    try:
        return field.clean(row)
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

    def get_instance(self, instance_loader, row):
        kind = self.field("kind", row)
        code = self.field("registration_code", row)
        if code:
            matches = Cooperative.objects.filter(kind=kind, registration_code=code)
        else:
            unit = self.field("unit", row)
            name = self.field("name", row)
            matches = Cooperative.objects.filter(kind=kind, unit=unit, registration_code="")
            matches = [c for c in matches if same_name(c.name, name)]
            if len(matches) > 1:
                raise ValidationError(
                    {
                        "name": _(
                            "Several records of this unit have this name; add the "
                            "registration code or change them on their pages."
                        )
                    }
                )
        cooperative = next(iter(matches), None)
        if cooperative is not None and not self.visible.filter(pk=cooperative.pk).exists():
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

    def get_instance(self, instance_loader, row):
        return YearlyFigures.objects.filter(
            cooperative=self.field("cooperative", row), year=self.field("year", row)
        ).first()


def cooperative_widget(user):
    return widgets.Named(
        cooperatives_for(user).exclude(registration_code=""),
        keys=("registration_code",),
        missing=_(
            "No cooperative of yours has the registration code “%(value)s” (or two "
            "have it: an HTX and a THT)."
        ),
    )


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
                # Lào Cai writes the official "HMông" as "Mông".
                aliases=(("mong", "hmong"),),
            ),
        )
        self.visible = people_for(user)

    def get_instance(self, instance_loader, row):
        return person_by_key(self.fields, row, self.visible)


def same_name(stored: str, typed: str) -> bool:
    """Whether two names are the same but for case and spacing. Accents count: "Lò Thị Hà"
    and "Lò Thị Hạ" are two people (accent-insensitive matching is for search only)."""
    return clean_text(stored).casefold() == clean_text(typed).casefold()


def person_by_key(key_fields, row, people):
    """The person a row names by unit, full name and birth year (None if there is none)."""
    unit = read(key_fields["unit"], row)
    name = read(key_fields["full_name"], row)
    birth_year = read(key_fields["birth_year"], row)
    matches = [
        person
        for person in people.filter(unit=unit, birth_year=birth_year)
        if same_name(person.full_name, name)
    ]
    if len(matches) > 1:
        raise ValidationError(
            {
                "full_name": _(
                    "Several people of this unit have this name and birth year; "
                    "tell them apart on their pages first."
                )
            }
        )
    return next(iter(matches), None)


class PersonKeyResource(RegistryResource):
    """A record that names a person of the same row, imported by PersonResource first."""

    def __init__(self, *, user):
        super().__init__(user=user)
        self.person_key = {
            "unit": _field("unit", self.units),
            "full_name": _field("full_name", widgets.Text()),
            "birth_year": _field("birth_year", widgets.WholeNumber()),
        }
        self.people = people_for(user)
        self._person_of = (None, None)  # (row, its person): looked up once per row

    def person(self, row):
        found_for, person = self._person_of
        if found_for is not row:
            person = person_by_key(self.person_key, row, self.people)
            self._person_of = (row, person)
        if person is None:
            raise ValidationError({"full_name": _("This person could not be saved.")})
        return person

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

    def get_instance(self, instance_loader, row):
        return ManagementRole.objects.filter(
            person=self.person(row),
            cooperative=self.field("cooperative", row),
            role=self.field("role", row),
            start_date=self.field("start_date", row),
        ).first()


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
                events_for(user),
                keys=("pk",),
                missing=_(
                    "No training event of yours has the number “%(value)s” (it is "
                    "shown on the event's page)."
                ),
            ),
        )

    def get_instance(self, instance_loader, row):
        return Participant.objects.filter(
            event=self.field("event", row), person=self.person(row)
        ).first()
