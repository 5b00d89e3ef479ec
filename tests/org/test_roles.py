"""What a user's role lets them be: the properties the code and the templates ask."""

import pytest

from org.models import User


@pytest.mark.parametrize(
    "role, expected",
    [
        (User.Role.PROVINCE_STAFF, True),
        (User.Role.UNIT_OFFICER, False),
        (User.Role.LEADER, False),
        (User.Role.ADMIN, False),
    ],
)
def test_only_province_staff_are_province_staff(role, expected):
    assert User(role=role).is_province_staff is expected


@pytest.mark.parametrize(
    "role, unit_officer, sees_all",
    [
        (User.Role.PROVINCE_STAFF, False, True),
        (User.Role.UNIT_OFFICER, True, False),
        (User.Role.LEADER, False, True),
        (User.Role.ADMIN, False, True),
    ],
)
def test_only_unit_officers_are_held_to_their_area(role, unit_officer, sees_all):
    user = User(role=role)
    assert user.is_unit_officer is unit_officer
    assert user.sees_all_units is sees_all
