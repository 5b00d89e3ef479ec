"""Forms of the registry: they translate input; the rules live in the models' clean()."""

from django import forms
from django.utils.translation import gettext_lazy as _

from org import writes
from org.forms import UnitScopedForm, VersionedModelForm

from .access import cooperatives_for, people_for
from .models import (
    FIGURE_COUNTS,
    ROLES_BY_KIND,
    Cooperative,
    ManagementRole,
    OcopProduct,
    Person,
    Sector,
    YearlyFigures,
)


class CooperativeForm(UnitScopedForm):
    class Meta:
        model = Cooperative
        fields = [
            "kind",
            "name",
            "registration_code",
            "unit",
            "address",
            "sectors",
            "founded_on",
            "status",
            "status_since",
            "union_supported",
            "established_under_plan",
            "converted_from",
            "sells_online",
            "online_channels",
            "members_insured",
        ]
        widgets = {"sectors": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.all()
        groups = cooperatives_for(user).filter(kind=Cooperative.Kind.THT)
        if self.instance.pk:
            groups = groups.exclude(pk=self.instance.pk).in_units(
                self.instance.unit.local_area_ids()
            )
        self.fields["converted_from"].queryset = groups


class PartForm(VersionedModelForm):
    """A form for a record that belongs to one cooperative (its cooperative is preset)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class YearlyFiguresForm(PartForm):
    class Meta:
        model = YearlyFigures
        fields = ["year", *FIGURE_COUNTS, "profit"]
        # The browser refuses impossible numbers before they are sent.
        widgets = {
            "year": forms.NumberInput(attrs={"min": 2000, "max": 2100}),
            **{name: forms.NumberInput(attrs={"min": 0}) for name in FIGURE_COUNTS},
        }


class OcopProductForm(PartForm):
    class Meta:
        model = OcopProduct
        fields = [
            "name",
            "stars",
            "year_certified",
            "certificate_number",
            "certified_on",
            "expires_on",
            "category",
            "description",
            "price_from",
            "price_to",
            "price_unit",
            "shown_publicly",
        ]
        widgets = {
            "stars": forms.Select(choices=[(n, f"{n} ★") for n in range(1, 6)]),
            "description": forms.Textarea(attrs={"rows": 4}),
            "price_from": forms.NumberInput(attrs={"min": 0, "step": 1000}),
            "price_to": forms.NumberInput(attrs={"min": 0, "step": 1000}),
        }


class PersonForm(UnitScopedForm):
    class Meta:
        model = Person
        fields = ["full_name", "sex", "birth_year", "ethnicity", "phone", "unit"]


class ManagementRoleForm(PartForm):
    """A role in a cooperative, held by a person of the registry or by a new one.

    Officers pick an existing person when there is one, so nobody is typed in twice.
    """

    NEW_PERSON_FIELDS = ["full_name", "sex", "birth_year", "ethnicity", "phone"]

    class Meta:
        model = ManagementRole
        fields = ["person", "role", "start_date", "end_date"]
        help_texts = {"end_date": _("Leave empty while the person still holds the role.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        person_field = self.fields["person"]
        # Only people of the cooperative's own area may hold its roles.
        area = self.instance.cooperative.unit.local_area_ids()
        person_field.queryset = people_for(user).filter(unit_id__in=area)
        person_field.required = False
        person_field.label = _("Person already in the registry")
        person_field.empty_label = _("— a new person (fill in below) —")
        new_person = forms.fields_for_model(Person, fields=self.NEW_PERSON_FIELDS)
        for name, field in new_person.items():
            field.required = False
            self.fields[name] = field
        self.fields["full_name"].label = _("Full name of the new person")
        # A role that does not exist in this kind of cooperative is not offered.
        allowed = ROLES_BY_KIND[self.instance.cooperative.kind]
        self.fields["role"].choices = [("", "---------")] + [
            (value, label) for value, label in ManagementRole.Role.choices if value in allowed
        ]

    def clean(self):
        self.new_person = None
        cleaned = super().clean()
        if cleaned.get("person") is None and not self.errors.get("person"):
            self._build_new_person(cleaned)
        return cleaned

    def _build_new_person(self, cleaned):
        if not cleaned.get("full_name"):
            self.add_error(
                "full_name", _("Choose a person from the registry or give the new person's name.")
            )
            return
        if not cleaned.get("sex"):
            self.add_error("sex", _("Give the new person's sex."))
            return
        person = Person(
            unit=self.instance.cooperative.unit,
            **{name: cleaned.get(name) for name in self.NEW_PERSON_FIELDS},
        )
        person.phone = person.phone or ""
        try:
            person.full_clean(exclude=["unit"])
        except forms.ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
            return
        self.new_person = person

    def save(self, commit=True):
        # The new person is saved only once the role itself is valid.
        if self.new_person is not None:
            self.instance.person = writes.save(record=self.new_person, by=self.user)
        return super().save(commit=commit)
