"""A cooperative's follow-up page: its timeline of support, difficulties and answers,
training, yearly figures and status changes, newest first."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Cooperative
from tests.factories import (
    CooperativeFactory,
    DifficultyFactory,
    EventFactory,
    FiguresFactory,
    HeadCountFactory,
    ParticipantFactory,
    PersonFactory,
    RoleFactory,
    SupportFactory,
    support_kind,
    unit,
)
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def page_url(cooperative):
    return reverse("followup:cooperative", args=[cooperative.pk])


def event_url(event):
    return reverse("training:event_detail", args=[event.pk])


@pytest.fixture
def followed(ta_van):
    """A Tả Van cooperative founded on 01/01/2020, with one of each thing its timeline shows
    and a difficulty open for 120 days."""
    today = timezone.localdate()
    cooperative = CooperativeFactory(unit=ta_van, name="Hợp tác xã Chè Tả Van")
    things = {
        "cooperative": cooperative,
        "support": SupportFactory(
            cooperative=cooperative,
            kind=support_kind("trade_promotion"),
            given_on=datetime.date(2026, 3, 10),
            occasion="Hội chợ OCOP",
            funding_source="state_budget",
            amount=2_000_000,
        ),
        "answered": DifficultyFactory(
            cooperative=cooperative,
            raised_on=datetime.date(2026, 4, 2),
            state="resolved",
            answer="Đã giới thiệu vay vốn",
            answered_on=datetime.date(2026, 5, 20),
        ),
        "waiting": DifficultyFactory(
            cooperative=cooperative, raised_on=today - datetime.timedelta(days=120)
        ),
        "training": HeadCountFactory(
            event=EventFactory(unit=ta_van, start_date=datetime.date(2025, 9, 9)),
            cooperative=cooperative,
        ).event,
        "figures": FiguresFactory(cooperative=cooperative, year=2025),
    }
    cooperative.status = Cooperative.Status.SUSPENDED
    cooperative.status_since = datetime.date(2026, 6, 1)
    cooperative.save()
    return things


def test_the_timeline_shows_everything_newest_first_with_links(officer_client, followed):
    response = officer_client.get(page_url(followed["cooperative"]))
    assert response.status_code == 200
    today = timezone.localdate()
    answered, waiting = followed["answered"], followed["waiting"]
    support, event = followed["support"], followed["training"]
    timeline = response.context["timeline"]
    assert [(e.day, e.what, e.url, e.overdue) for e in timeline] == [
        (today - datetime.timedelta(days=120), "difficulty", waiting.get_absolute_url(), True),
        (datetime.date(2026, 6, 1), "status", "", False),
        (datetime.date(2026, 5, 20), "answer", answered.get_absolute_url(), False),
        (datetime.date(2026, 4, 2), "difficulty", answered.get_absolute_url(), False),
        (datetime.date(2026, 3, 10), "support", support.get_absolute_url(), False),
        (datetime.date(2025, 12, 31), "figures", "", False),
        (datetime.date(2025, 9, 9), "training", event_url(event), False),
        (datetime.date(2020, 1, 1), "status", "", False),
    ]
    by_what = {(e.what, e.day): e for e in timeline}
    assert by_what["answer", datetime.date(2026, 5, 20)].detail == "Đã giới thiệu vay vốn"
    assert "Hội chợ OCOP" in by_what["support", datetime.date(2026, 3, 10)].detail
    assert "2.000.000" in by_what["support", datetime.date(2026, 3, 10)].detail
    assert by_what["training", datetime.date(2025, 9, 9)].title == event.title
    assert (
        str(Cooperative.Status.SUSPENDED.label)
        in by_what["status", datetime.date(2026, 6, 1)].title
    )
    # The page links each, in that order, and marks the overdue difficulty once.
    page = response.content.decode()
    links = [
        waiting.get_absolute_url(),
        answered.get_absolute_url(),
        support.get_absolute_url(),
        event_url(event),
    ]
    positions = [page.index(f'<a href="{url}">') for url in links]
    assert positions == sorted(positions)
    assert page.count("timeline-difficulty overdue") == 1
    assert page.count('class="badge warn"') == 1
    assert '<time datetime="2026-05-20">20/05/2026</time>' in page


def test_a_training_of_another_unit_is_shown_without_a_link_to_an_officer(
    officer, province_staff, ta_van, bat_xat
):
    cooperative = CooperativeFactory(unit=ta_van)
    theirs = EventFactory(unit=bat_xat, title="Lớp thương mại điện tử Bát Xát")
    HeadCountFactory(event=theirs, cooperative=cooperative)
    # One of its managers took part in a Tả Van course, counted there too: listed once.
    ours = EventFactory(
        unit=ta_van, title="Lớp quản trị Tả Van", start_date=datetime.date(2025, 1, 6)
    )
    manager = RoleFactory(cooperative=cooperative, person=PersonFactory(unit=ta_van)).person
    ParticipantFactory(event=ours, person=manager)
    HeadCountFactory(event=ours, cooperative=cooperative)
    # A course where no one of it took part is not its own.
    EventFactory(unit=ta_van, title="Lớp của hợp tác xã khác")

    def trainings(user):
        client = Client()
        client.force_login(user)
        response = client.get(page_url(cooperative))
        return response, {
            e.title: e.url for e in response.context["timeline"] if e.what == "training"
        }

    response, seen = trainings(officer)
    assert seen == {"Lớp thương mại điện tử Bát Xát": "", "Lớp quản trị Tả Van": event_url(ours)}
    page = response.content.decode()
    assert event_url(theirs) not in page
    assert "Lớp thương mại điện tử Bát Xát" in page
    assert client_gets(officer, event_url(theirs)) == 404  # which is why there is no link
    _, seen = trainings(province_staff)
    assert seen == {
        "Lớp thương mại điện tử Bát Xát": event_url(theirs),
        "Lớp quản trị Tả Van": event_url(ours),
    }


def client_gets(user, url) -> int:
    client = Client()
    client.force_login(user)
    return client.get(url).status_code


def test_an_officer_cannot_open_another_units_cooperative_follow_up(officer_client, bat_xat):
    cooperative = CooperativeFactory(unit=bat_xat)
    SupportFactory(cooperative=cooperative)
    assert officer_client.get(page_url(cooperative)).status_code == 404


def test_a_leader_reads_the_timeline_without_the_buttons_to_record(client, leader, followed):
    client.force_login(leader)
    cooperative = followed["cooperative"]
    response = client.get(page_url(cooperative))
    assert response.status_code == 200
    assert len(response.context["timeline"]) == 8
    page = response.content.decode()
    assert reverse("followup:support_create", args=[cooperative.pk]) not in page
    assert reverse("followup:difficulty_create", args=[cooperative.pk]) not in page


def test_the_timeline_of_a_cooperative_with_nothing_recorded(officer_client, ta_van):
    cooperative = CooperativeFactory(unit=ta_van, founded_on=None)
    response = officer_client.get(page_url(cooperative))
    assert response.status_code == 200
    assert response.context["timeline"] == []


# Session, user; the officer's area (2 levels); the cooperative; its supports and its
# difficulties (each with its body and the body's district), its trainings (those the officer
# may open, then all), figures and status history; the officer's unit named in the header and
# the cooperative's district named with its unit; the session's save (savepoint, update,
# release).
QUERIES = 16


def test_the_page_reads_the_same_number_of_queries_for_one_support_or_five(
    client, officer, ta_van, django_assert_num_queries
):
    # Records filed before the 2025 reform: old communes, whose names name their district.
    old_communes = list(ta_van.predecessors.order_by("pk"))
    cooperative = CooperativeFactory(unit=old_communes[0])
    bodies = [*old_communes, unit("SCT", "agency")]

    def add(n):
        body = bodies[n % len(bodies)]
        SupportFactory(cooperative=cooperative, body=body, given_on=datetime.date(2025, 1, 1 + n))
        DifficultyFactory(
            cooperative=cooperative,
            body=body,
            raised_on=datetime.date(2025, 2, 1 + n),
            state="resolved",
            answer="Đã trả lời",
            answered_on=datetime.date(2025, 3, 1 + n),
        )
        event = EventFactory(unit=old_communes[n % len(old_communes)])
        HeadCountFactory(event=event, cooperative=cooperative)
        FiguresFactory(cooperative=cooperative, year=2020 + n)
        cooperative.status = "suspended" if n % 2 == 0 else "active"
        cooperative.status_since = datetime.date(2024, 1, 1 + n)
        cooperative.save()

    client.force_login(officer)
    url = page_url(cooperative)
    add(0)
    client.get(url)  # what is kept is kept from now on
    with django_assert_num_queries(QUERIES):
        one = client.get(url)
    for n in range(1, 5):
        add(n)
    with django_assert_num_queries(QUERIES):
        five = client.get(url)
    assert len(one.context["timeline"]) == 7  # founded, support, difficulty, answer, …
    assert len(five.context["timeline"]) == 1 + 5 * 6
    assert count_queries(client, url) == QUERIES


def test_the_cooperatives_own_page_shows_its_latest_follow_up(officer_client, followed):
    cooperative = followed["cooperative"]
    response = officer_client.get(cooperative.get_absolute_url())
    page = response.content.decode()
    # The six newest of its eight entries, the two others behind the follow-up page's link.
    assert page.index(followed["waiting"].get_absolute_url()) < page.index(
        followed["support"].get_absolute_url()
    )
    assert event_url(followed["training"]) not in page
    assert "2 mục trước đó" in page and page_url(cooperative) in page
    assert "1 khó khăn, vướng mắc đã chờ quá 90 ngày chưa được trả lời." in page
