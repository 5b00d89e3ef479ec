"""The admin speaks Vietnamese where Django's and django-axes' own words have no translation:
the add-user page, the log-in lock-out's pages, every page's skip link."""

import pytest
from django.urls import reverse

from org.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Skip to main content",
    "After you’ve created a user",
    "Password-based authentication",
    "Access attempts",
    "Access logs",
    "Axes",
]


@pytest.fixture
def it_client(client):
    client.force_login(UserFactory(role=User.Role.ADMIN, is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:index"),
        reverse("admin:org_user_add"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accesslog_changelist"),
    ],
)
def test_the_admin_pages_have_no_english_left(it_client, url):
    page = it_client.get(url).content.decode()
    assert [words for words in ENGLISH if words in page] == []


def test_the_lock_out_is_named_in_vietnamese(it_client):
    page = it_client.get(reverse("admin:index")).content.decode()
    assert "Khóa đăng nhập" in page
    assert "Các lần thử đăng nhập" in page


def test_it_staff_add_an_account_through_the_admin(it_client):
    """The add-user page is Django's own form behind the door: it still makes the account."""
    data = {
        "username": "canbo_moi",
        "password1": "Mat-khau-dai-2026!",
        "password2": "Mat-khau-dai-2026!",
        "usable_password": "true",
        "role": User.Role.LEADER,
        "_save": "Lưu",
    }
    response = it_client.post(reverse("admin:org_user_add"), data)
    assert response.status_code == 302
    assert User.objects.get(username="canbo_moi").check_password("Mat-khau-dai-2026!")
