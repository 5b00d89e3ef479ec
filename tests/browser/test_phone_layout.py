"""Commune officers often have only a phone: at 390 px the page itself never scrolls
sideways — wide tables scroll inside their own box — and the menu leaves room for the page."""

import pytest
from django.urls import reverse

from cooperatives.models import Cooperative
from org.models import User
from tests.browser.conftest import BROWSER_TEST, log_in_on
from tests.factories import FiguresFactory, UserFactory, unit
from tests.records import records

pytestmark = BROWSER_TEST

PHONE = {"width": 390, "height": 844}
# The least height of a button a finger can tap (about 9 mm).
TAP = 36
# How far the page is wider than the screen (0 when nothing sticks out).
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def pages(recs):
    coop, submission = recs["coop"], recs["submission"]
    return [
        reverse("targets:dashboard"),
        reverse("cooperatives:list"),
        coop.get_absolute_url(),
        reverse("reporting:submission", args=[submission.round_id, submission.unit_id]),
        reverse("imports:start"),
    ]


def test_the_main_pages_fit_a_phone(phone, live_server):
    ta_van = unit("03037")
    recs = records(ta_van)
    FiguresFactory(cooperative=recs["coop"], year=2024)
    # A name pasted without a space wraps instead of pushing the page sideways.
    Cooperative.objects.filter(pk=recs["coop"].pk).update(name="HTX" + "Thổcẩmdệtmay" * 12)
    UserFactory(username="canbo", role=User.Role.UNIT_OFFICER, unit=ta_van)
    log_in_on(phone, live_server.url, "canbo")
    too_wide = {}
    for path in pages(recs):
        phone.goto(live_server.url + path)
        overflow = phone.evaluate(OVERFLOW)
        if overflow > 0:
            too_wide[path] = overflow
        menu = phone.locator("header.top").bounding_box()
        assert menu["height"] < PHONE["height"] / 4, path  # the menu leaves room for the page
        heights = phone.eval_on_selector_all(
            "main button, main .button", "all => all.map(b => b.getBoundingClientRect().height)"
        )
        assert min(heights, default=TAP) >= TAP, path  # a finger finds every button
    assert too_wide == {}


def test_the_yearly_figures_fit_their_box_on_a_small_laptop(browser, live_server):
    """At 1,300 px the figures table, with its rows' edit and delete links, needs no scroll."""
    ta_van = unit("03037")
    recs = records(ta_van)
    FiguresFactory(cooperative=recs["coop"], year=2024, revenue=1_234_567_890, profit=-12_345_678)
    UserFactory(username="canbo", role=User.Role.UNIT_OFFICER, unit=ta_van)
    context = browser.new_context(viewport={"width": 1300, "height": 800})
    page = context.new_page()
    log_in_on(page, live_server.url, "canbo")
    page.goto(live_server.url + recs["coop"].get_absolute_url())
    box = page.locator("section", has_text="Số liệu theo năm").locator(".table-wrap")
    assert box.evaluate("box => box.scrollWidth - box.clientWidth") <= 0
    context.close()


def test_a_persons_requests_fit_a_phone(phone, live_server):
    """Province staff answer a person's request from a phone too: their page, the file's
    button, the anonymisation and the reason asked for personal details; their menu, one
    link longer, still leaves room for the page."""
    recs = records(unit("03037"))
    person = recs["person"]
    UserFactory(username="tinh", role=User.Role.PROVINCE_STAFF)
    log_in_on(phone, live_server.url, "tinh")
    paths = [
        reverse("privacy:find"),
        reverse("privacy:person", args=["person", person.pk]),
        reverse("privacy:anonymise", args=["person", person.pk]),
        reverse("org:details_form") + "?next=" + reverse("cooperatives:person_list_xlsx"),
    ]
    too_wide = {}
    for path in paths:
        phone.goto(live_server.url + path)
        assert phone.locator("main h1").count() == 1, path
        overflow = phone.evaluate(OVERFLOW)
        if overflow > 0:
            too_wide[path] = overflow
        menu = phone.locator("header.top").bounding_box()
        assert menu["height"] < PHONE["height"] / 4, path
    assert too_wide == {}
