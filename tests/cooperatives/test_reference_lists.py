"""The registry's reference lists loaded by cooperatives' data migration: the official ethnic
groups and the sectors."""

import pytest

from cooperatives.models import Ethnicity, Sector

pytestmark = pytest.mark.django_db


def test_ethnic_groups_are_the_54_official_ones():
    assert Ethnicity.objects.count() == 54
    assert not Ethnicity.objects.filter(code__in=["55", "56"]).exists()
    assert Ethnicity.objects.get(code="08").name == "HMông"
    assert not Ethnicity.objects.get(code="01").is_minority


def test_sectors_are_loaded():
    assert Sector.objects.filter(code__in=["weaving", "community-tourism", "garment"]).count() == 3
