import pytest

from org.models import User

from .factories import UserFactory, unit


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Keep uploaded and rendered files of a test in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ta_van():
    """Xã Tả Van (2025 code set): a unit officer's own unit in most tests."""
    return unit("03037")


@pytest.fixture
def bat_xat():
    """Xã Bát Xát (2025 code set): "another unit" in scope tests."""
    return unit("02683")


@pytest.fixture
def officer(ta_van):
    return UserFactory(role=User.Role.UNIT_OFFICER, unit=ta_van, username="canbo_tavan")


@pytest.fixture
def province_staff():
    return UserFactory(role=User.Role.PROVINCE_STAFF, username="tinh")


@pytest.fixture
def leader():
    return UserFactory(role=User.Role.LEADER, username="lanhdao")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def staff_client(client, province_staff):
    client.force_login(province_staff)
    return client
