"""Hardening against bad input and intruders: log-in throttling, security headers, session
expiry, strong passwords, CSRF on every form."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Cooperative
from tests.factories import PASSWORD, UserFactory
from tests.records import records
from tests.url_table import STEP, WRITE, urls_for

pytestmark = pytest.mark.django_db

LOCKED = "Đăng nhập sai quá nhiều lần"


def log_in(client, username, password, url=None, **extra):
    return client.post(
        url or reverse("login"), {"username": username, "password": password}, **extra
    )


def fail(client, username, times, url=None, **extra):
    for _ in range(times):
        response = log_in(client, username, "sai-mat-khau", url, **extra)
    return response


def is_logged_in(client):
    return client.get(reverse("home"), follow=True).context["user"].is_authenticated


def test_five_failed_log_ins_lock_out_even_the_right_password(client, officer):
    response = fail(client, officer.username, 4)
    assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = fail(client, officer.username, 1)
    assert response.status_code == 429 and LOCKED in response.content.decode()

    response = log_in(client, officer.username, PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429
    # The log-in page itself, saying why and for how long, not a bare error page.
    assert LOCKED in page and "15 phút" in page and 'name="password"' in page
    assert not is_logged_in(client)


def test_the_lock_ends_after_fifteen_minutes(client, officer):
    fail(client, officer.username, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert log_in(client, officer.username, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_lock_holds_only_that_user_name_from_that_address(client, officer, leader):
    fail(client, officer.username, 5)
    # Someone else at the same computer (a shared office) still logs in...
    assert log_in(Client(), leader.username, PASSWORD).status_code == 302
    # ...and so does the officer from another computer.
    other_computer = Client(REMOTE_ADDR="192.0.2.7")
    assert log_in(other_computer, officer.username, PASSWORD).status_code == 302
    assert log_in(Client(), officer.username, PASSWORD).status_code == 429


def test_a_successful_log_in_before_the_limit_clears_the_failures(client, officer):
    fail(client, officer.username, 4)
    assert log_in(client, officer.username, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    # Four more typos are four, not eight: the officer is not locked out.
    fail(client, officer.username, 4)
    assert log_in(client, officer.username, PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_admin_log_in_is_throttled_too(client):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    fail(client, "quantri", 5, url)
    response = log_in(client, "quantri", PASSWORD, url)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_pages_send_the_security_headers(client, officer_client):
    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
    for response in (
        Client().get(reverse("login")),
        officer_client.get(reverse("targets:dashboard")),
        officer_client.get(reverse("cooperatives:list")),
    ):
        assert response.status_code == 200
        assert sorted(response["Content-Security-Policy"].split("; ")) == sorted(policy.split("; "))
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_a_session_ends_after_two_hours_without_activity(officer_client):
    def session():
        return Session.objects.get(session_key=officer_client.session.session_key)

    # Each request pushes the end two hours ahead (an officer typing a report is not cut off).
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    assert officer_client.get(reverse("cooperatives:list")).status_code == 200
    remaining = session().expire_date - timezone.now()
    assert datetime.timedelta(hours=1, minutes=59) < remaining <= datetime.timedelta(hours=2)

    # Two hours idle on a shared office computer: the next visitor must log in again.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = officer_client.get(reverse("cooperatives:list"))
    assert response.status_code == 302 and response.url.startswith("/login/")


@pytest.mark.parametrize(
    "password, reason",
    [
        ("Ab1-xyz!", "password_too_short"),  # under 10 characters
        ("2026052619", "password_entirely_numeric"),
        ("password123", "password_too_common"),
        ("canbo_tavan", "password_too_similar"),  # the user name itself
    ],
)
def test_a_weak_password_is_refused(officer, password, reason):
    with pytest.raises(ValidationError) as refused:
        validate_password(password, officer)
    assert reason in [error.code for error in refused.value.error_list]
    validate_password("Ruộng-bậc-thang-2026", officer)  # a strong one passes


def test_changing_to_a_weak_password_in_the_admin_is_refused(client):
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    data = {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    response = client.post(reverse("admin:password_change"), data)
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]
    admin.refresh_from_db()
    assert admin.check_password(PASSWORD)


def test_every_form_refuses_a_post_without_csrf_token(province_staff, ta_van):
    recs = records(ta_van)
    client = Client(enforce_csrf_checks=True)
    client.force_login(province_staff)
    posts = [url for _name, access, url in urls_for(recs) if access in (WRITE, STEP)]
    posts += [
        reverse("reporting:report_edit", args=[recs["submission"].round_id]),
        reverse("logout"),
        reverse("set_language"),
        reverse("admin:cooperatives_cooperative_delete", args=[recs["coop"].pk]),
    ]
    for url in posts:
        response = client.post(url, {"post": "yes", "language": "en"})
        assert response.status_code == 403 and b"CSRF" in response.content, url
    # Nothing happened: the records are there, the report still a draft, still logged in.
    assert Cooperative.objects.filter(pk=recs["coop"].pk).exists()
    recs["submission"].refresh_from_db()
    assert recs["submission"].state == "draft"
    assert client.get(reverse("cooperatives:list")).status_code == 200
    anonymous = Client(enforce_csrf_checks=True)
    assert log_in(anonymous, province_staff.username, PASSWORD).status_code == 403
    assert not is_logged_in(anonymous)
