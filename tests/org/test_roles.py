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
