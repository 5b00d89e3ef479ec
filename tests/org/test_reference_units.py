"""The reporting units loaded by org's data migration from the official code lists: both code
sets, the successions of the 2025 reform, and the areas they make."""

import datetime

import pytest

from org.models import Unit
from tests.factories import unit

pytestmark = pytest.mark.django_db

PRE, NEW = Unit.CodeSet.PRE_2025, Unit.CodeSet.FROM_2025


def count(code_set, kind):
    return Unit.objects.filter(code_set=code_set, kind=kind).count()


def test_units_of_both_code_sets_are_loaded():
    assert count(PRE, Unit.Kind.DISTRICT) == 9
    assert count(PRE, Unit.Kind.COMMUNE) == 152
    assert count(NEW, Unit.Kind.COMMUNE) == 99
    assert count(Unit.CodeSet.AGENCY, Unit.Kind.DEPARTMENT) == 11
    assert set(Unit.objects.filter(kind=Unit.Kind.DISTRICT).values_list("code", flat=True)) == {
        "080",
        "082",
        "083",
        "084",
        "085",
        "086",
        "087",
        "088",
        "089",
    }


def test_a_reused_code_names_two_units_told_apart_by_code_set():
    old, new = unit("02647", PRE), unit("02647", NEW)
    assert (old.name, new.name) == ("Phường Kim Tân", "Phường Lào Cai")
    assert old.successor == new
    assert old.parent.name == "Thành phố Lào Cai"


def test_every_old_commune_but_one_has_a_successor():
    orphans = Unit.objects.filter(code_set=PRE, kind=Unit.Kind.COMMUNE, successor__isnull=True)
    assert list(orphans.values_list("name", flat=True)) == ["Xã Tà Chải"]


def test_units_active_on_a_date_follow_the_reform():
    communes = Unit.objects.filter(kind=Unit.Kind.COMMUNE)
    before = communes.active_on(datetime.date(2025, 6, 30))
    after = communes.active_on(datetime.date(2025, 7, 1))
    assert before.count() == 151 and set(before.values_list("code_set", flat=True)) == {PRE}
    assert after.count() == 99 and set(after.values_list("code_set", flat=True)) == {NEW}
    assert (
        Unit.objects.filter(kind=Unit.Kind.DISTRICT).active_on(datetime.date(2026, 1, 1)).count()
        == 0
    )


def test_area_of_the_new_province_covers_every_commune_old_and_new():
    area = Unit.objects.area_ids([unit("15", NEW).pk])
    communes = set(Unit.objects.filter(kind=Unit.Kind.COMMUNE).values_list("id", flat=True))
    assert communes <= area


def test_area_of_an_old_district_is_its_communes_only():
    district = unit("082", PRE)
    area = Unit.objects.area_ids([district.pk])
    assert area == {district.pk, *district.children.values_list("id", flat=True)}
    assert len(area) == 22
