"""Log-in, language, refusals explained in Vietnamese, and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, CooperativeFactory

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parents[1]


def test_log_in_and_out(client, officer):
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home"), follow=True).context["user"] == officer
    client.post(reverse("logout"))
    assert client.get(reverse("cooperatives:list")).status_code == 302


def test_wrong_password_is_refused_in_vietnamese(client, officer):
    response = client.post(reverse("login"), {"username": officer.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.content.decode()
    assert response.context["form"].non_field_errors()


def test_vietnamese_is_the_default_whatever_the_browser_asks(officer_client):
    response = officer_client.get(reverse("cooperatives:list"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert '<html lang="vi">' in response.content.decode()
    assert "Hợp tác xã và tổ hợp tác" in response.content.decode()


def test_english_is_available_from_the_switcher(client):
    # The log-in page offers the switch too, before anyone has logged in.
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page and "Log in" in page


def test_production_settings_pass_the_deploy_check():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DEBUG", "SECRET_KEY", "DATABASE_URL"))
    }
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "production-like-secret-of-enough-length-and-variety-9f3k",
        "ALLOWED_HOSTS": "plan294.laocai.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "AXES" not in result.stderr  # a command says only what it has to say


def test_refusals_are_explained_in_vietnamese(client, officer, leader, bat_xat):
    other = CooperativeFactory(unit=bat_xat)
    client.force_login(officer)
    response = client.get(reverse("cooperatives:detail", args=[other.pk]))
    assert response.status_code == 404
    assert "hoặc thuộc đơn vị khác" in response.content.decode()
    client.force_login(leader)
    response = client.get(reverse("cooperatives:create"))
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()
