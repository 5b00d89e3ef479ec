"""`load_demo`: the small demonstration data set, with an account for every role."""

import io

import pytest
from django.core.management import call_command

from cooperatives.models import Cooperative
from org.models import User
from training.models import Participant

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_with_one_account_per_role():
    for _ in range(2):
        call_command("load_demo", stdout=io.StringIO())
    assert Cooperative.objects.count() == 10
    assert Participant.objects.count() == 10
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    assert User.objects.get(username="tavan").check_password("TaVan@Plan294")
