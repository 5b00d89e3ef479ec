"""The `unit` of a unit-scoped form: the units a user may file a record under today, plus
the record's own."""

import pytest

from cooperatives.models import Person
from org.forms import UnitScopedForm
from org.models import Unit
from tests.factories import PersonFactory, unit

pytestmark = pytest.mark.django_db


class PersonUnitForm(UnitScopedForm):
    class Meta:
        model = Person
        fields = ["full_name", "unit"]


class AnyKindForm(PersonUnitForm):
    unit_kinds = None


def test_an_officer_is_offered_only_their_areas_units_valid_today(officer, ta_van, bat_xat):
    form = PersonUnitForm(user=officer)
    # Not Bát Xát (another area), nor the old communes merged into Tả Van (history now).
    assert list(form.fields["unit"].queryset) == [ta_van]
    assert form.fields["unit"].initial == ta_van


def test_a_record_keeps_its_pre_2025_unit_among_the_choices(officer, ta_van):
    old = ta_van.predecessors.first()
    assert old.code_set == Unit.CodeSet.PRE_2025
    form = PersonUnitForm(instance=PersonFactory(unit=old), user=officer)
    assert set(form.fields["unit"].queryset) == {ta_van, old}
    # An existing record keeps its own unit; nothing is preselected over it.
    assert form.fields["unit"].initial is None
    assert form["unit"].value() == old.pk


def test_a_unit_is_preselected_only_when_it_is_the_only_one(province_staff):
    form = PersonUnitForm(user=province_staff)
    assert form.fields["unit"].queryset.count() > 1
    assert form.fields["unit"].initial is None


def test_unit_kinds_none_offers_the_province_and_its_agencies(province_staff):
    agency = unit("HLHPN", Unit.CodeSet.AGENCY)
    assert agency not in PersonUnitForm(user=province_staff).fields["unit"].queryset
    assert agency in AnyKindForm(user=province_staff).fields["unit"].queryset
