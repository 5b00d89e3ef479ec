"""The difficulties cooperatives raise and the answers of the bodies responsible: recording
them, the answer's rules, and what a provincial body's officer may see and do."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from followup.models import Difficulty
from org import writes
from org.models import User
from tests.factories import CooperativeFactory, DifficultyFactory, UserFactory, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def industry():
    """Sở Công Thương: a provincial body that answers difficulties (a unit of its own)."""
    return unit("SCT", "agency")


@pytest.fixture
def industry_officer(industry):
    return UserFactory(role=User.Role.UNIT_OFFICER, unit=industry, username="canbo_sct")


@pytest.fixture
def industry_client(industry_officer):
    client = Client()
    client.force_login(industry_officer)
    return client


def difficulty_data(body, **overrides):
    """The difficulty form as an officer fills it: capital, raised at a dialogue on 02/04/2026."""
    data = {
        "category": "capital",
        "description": "Thiếu vốn để mua máy sấy chè",
        "raised_on": "02/04/2026",
        "channel": "dialogue",
        "body": body.pk,
        "state": "open",
        "answer": "",
        "answered_on": "",
        "version": "",
    }
    return data | overrides


def answer_data(difficulty, **overrides):
    """The answer form: resolved on 20/05/2026, with the version the page was opened at."""
    data = {
        "state": "resolved",
        "answer": "Đã giới thiệu vay vốn Ngân hàng Chính sách xã hội",
        "answered_on": "20/05/2026",
        "version": difficulty.updated_at.isoformat(),
    }
    return data | overrides


def create_url(cooperative):
    return reverse("followup:difficulty_create", args=[cooperative.pk])


def answer_url(difficulty):
    return reverse("followup:difficulty_answer", args=[difficulty.pk])


def as_stored(difficulty) -> dict:
    """Every field of `difficulty` as stored now."""
    return Difficulty.objects.filter(pk=difficulty.pk).values().get()


def test_an_officer_records_a_difficulty_for_a_provincial_body(
    officer_client, officer, ta_van, industry
):
    cooperative = CooperativeFactory(unit=ta_van)
    data = difficulty_data(industry, category="market", channel="visit")
    response = officer_client.post(create_url(cooperative), data)
    difficulty = Difficulty.objects.get()
    assert response.status_code == 302
    assert response["Location"] == difficulty.get_absolute_url()
    assert (difficulty.cooperative, difficulty.body) == (cooperative, industry)
    assert (difficulty.category, difficulty.channel) == ("market", "visit")
    assert difficulty.raised_on == datetime.date(2026, 4, 2)
    assert difficulty.state == "open" and difficulty.is_waiting
    assert Difficulty.history.get(id=difficulty.pk).history_user == officer


def test_a_difficulty_raised_and_answered_at_once_is_saved(officer_client, ta_van):
    cooperative = CooperativeFactory(unit=ta_van)
    data = difficulty_data(
        ta_van, state="resolved", answer="Hội đã hướng dẫn thủ tục", answered_on="02/04/2026"
    )
    assert officer_client.post(create_url(cooperative), data).status_code == 302
    difficulty = Difficulty.objects.get()
    assert (difficulty.state, difficulty.answered_on) == ("resolved", datetime.date(2026, 4, 2))


def future() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"answered_on": "01/04/2026", "answer": "Đã trả lời"}, "answered_on"),
        ({"state": "resolved", "answered_on": "10/04/2026"}, "answer"),
        ({"state": "resolved", "answered_on": "10/04/2026", "answer": "   "}, "answer"),
        ({"state": "forwarded", "answer": "Chuyển Sở Tài chính"}, "answered_on"),
        ({"raised_on": "2026-13-01"}, "raised_on"),
        ({"raised_on": "30/02/2026"}, "raised_on"),
        ({"description": ""}, "description"),
        ({"category": ""}, "category"),
        ({"body": ""}, "body"),
    ],
    ids=[
        "answered before raised",
        "resolved without answer",
        "resolved with a blank answer",
        "forwarded without a date",
        "raised on an impossible date",
        "raised on 30 February",
        "nothing described",
        "no category",
        "no body",
    ],
)
def test_a_bad_difficulty_saves_nothing_and_is_shown_beside_its_field(
    officer_client, ta_van, overrides, field
):
    cooperative = CooperativeFactory(unit=ta_van)
    data = difficulty_data(ta_van) | overrides
    response = officer_client.post(create_url(cooperative), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Difficulty.objects.exists()


@pytest.mark.parametrize("which", ["raised_on", "answered_on"])
def test_a_difficulty_dated_in_the_future_is_refused(officer_client, ta_van, which):
    cooperative = CooperativeFactory(unit=ta_van)
    data = difficulty_data(ta_van, answer="Đã trả lời", answered_on="03/04/2026")
    data[which] = future()
    response = officer_client.post(create_url(cooperative), data)
    assert which in response.context["form"].errors
    assert not Difficulty.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"answered_on": "01/04/2026"}, "answered_on"),
        ({"answer": ""}, "answer"),
        ({"answered_on": ""}, "answered_on"),
        ({"answered_on": "20-05-2026"}, "answered_on"),
    ],
    ids=["before raised", "no answer", "no date", "date with dashes"],
)
def test_a_bad_answer_keeps_the_difficulty_waiting(officer_client, ta_van, overrides, field):
    difficulty = DifficultyFactory(cooperative=CooperativeFactory(unit=ta_van))
    before = as_stored(difficulty)
    response = officer_client.post(answer_url(difficulty), answer_data(difficulty, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert as_stored(difficulty) == before


# The officer of a provincial body.


@pytest.fixture
def assigned(ta_van, bat_xat, industry):
    """Difficulties of Tả Van and Bát Xát, each for Sở Công Thương, for the commune's own
    unit and for another provincial body."""
    finance = unit("STC", "agency")
    ta_van_coop = CooperativeFactory(unit=ta_van, name="HTX Chè Tả Van")
    bat_xat_coop = CooperativeFactory(unit=bat_xat, name="HTX Lúa Bát Xát")
    return {
        "industry_ta_van": DifficultyFactory(cooperative=ta_van_coop, body=industry),
        "industry_bat_xat": DifficultyFactory(cooperative=bat_xat_coop, body=industry),
        "ta_van": DifficultyFactory(cooperative=ta_van_coop, body=ta_van),
        "bat_xat": DifficultyFactory(cooperative=bat_xat_coop, body=bat_xat),
        "finance": DifficultyFactory(cooperative=ta_van_coop, body=finance),
    }


def test_a_bodys_officer_lists_only_the_difficulties_assigned_to_their_body(
    industry_client, assigned
):
    page = industry_client.get(reverse("followup:difficulty_list")).context["page"]
    expected = {assigned["industry_ta_van"].pk, assigned["industry_bat_xat"].pk}
    assert {d.pk for d in page.object_list} == expected


def test_a_bodys_officer_opens_and_answers_a_difficulty_assigned_to_them(
    industry_client, industry_officer, assigned
):
    difficulty = assigned["industry_bat_xat"]
    page = industry_client.get(difficulty.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert answer_url(difficulty) in text
    assert reverse("followup:difficulty_edit", args=[difficulty.pk]) not in text
    form = industry_client.get(answer_url(difficulty)).context["form"]
    assert set(form.fields) == {"state", "answer", "answered_on", "version"}

    response = industry_client.post(answer_url(difficulty), answer_data(difficulty))
    assert response.status_code == 302
    difficulty.refresh_from_db()
    assert difficulty.state == "resolved"
    assert difficulty.answer == "Đã giới thiệu vay vốn Ngân hàng Chính sách xã hội"
    assert difficulty.answered_on == datetime.date(2026, 5, 20)
    latest = Difficulty.history.filter(id=difficulty.pk).first()
    assert (latest.history_type, latest.history_user) == ("~", industry_officer)


def test_a_bodys_officer_may_not_edit_or_delete_a_difficulty_assigned_to_them(
    industry_client, assigned
):
    difficulty = assigned["industry_ta_van"]
    before = as_stored(difficulty)
    edit = reverse("followup:difficulty_edit", args=[difficulty.pk])
    delete = reverse("followup:difficulty_delete", args=[difficulty.pk])
    assert industry_client.get(edit).status_code == 404
    forged = difficulty_data(difficulty.body, description="Đã sửa", version=before["updated_at"])
    assert industry_client.post(edit, forged).status_code == 404
    assert industry_client.get(delete).status_code == 404
    assert industry_client.post(delete).status_code == 404
    assert as_stored(difficulty) == before


@pytest.mark.parametrize("other", ["ta_van", "bat_xat", "finance"])
def test_a_bodys_officer_cannot_open_or_answer_another_bodys_difficulty(
    industry_client, assigned, other
):
    difficulty = assigned[other]
    before = as_stored(difficulty)
    assert industry_client.get(difficulty.get_absolute_url()).status_code == 404
    assert industry_client.get(answer_url(difficulty)).status_code == 404
    assert industry_client.post(answer_url(difficulty), answer_data(difficulty)).status_code == 404
    assert as_stored(difficulty) == before


def test_the_answer_page_changes_nothing_but_the_answer(industry_client, assigned, bat_xat):
    difficulty = assigned["industry_ta_van"]
    before = as_stored(difficulty)
    forged = answer_data(
        difficulty,
        description="Không có khó khăn gì",
        category="other",
        raised_on="01/01/2026",
        channel="phone",
        cooperative=assigned["bat_xat"].cooperative_id,
        body=bat_xat.pk,
    )
    assert industry_client.post(answer_url(difficulty), forged).status_code == 302
    after = as_stored(difficulty)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"state", "answer", "answered_on", "updated_at"}
    assert after["answered_on"] == datetime.date(2026, 5, 20)


def test_an_officer_answers_what_is_assigned_to_their_unit_but_not_another_units(
    client, officer, ta_van, bat_xat
):
    bat_xat_coop = CooperativeFactory(unit=bat_xat)
    theirs = DifficultyFactory(cooperative=bat_xat_coop, body=bat_xat)
    ours = DifficultyFactory(cooperative=bat_xat_coop, body=ta_van)
    client.force_login(officer)
    before = as_stored(theirs)
    assert client.get(answer_url(theirs)).status_code == 404
    assert client.post(answer_url(theirs), answer_data(theirs)).status_code == 404
    assert as_stored(theirs) == before
    # Assigned to Tả Van, the Bát Xát cooperative's difficulty is Tả Van's to answer…
    assert client.post(answer_url(ours), answer_data(ours)).status_code == 302
    ours.refresh_from_db()
    assert ours.state == "resolved"
    # …but not to edit or delete.
    assert client.get(reverse("followup:difficulty_edit", args=[ours.pk])).status_code == 404
    assert client.post(reverse("followup:difficulty_delete", args=[ours.pk])).status_code == 404


def test_the_cooperatives_own_officer_edits_and_deletes_what_it_raised(
    officer_client, officer, ta_van, industry
):
    difficulty = DifficultyFactory(cooperative=CooperativeFactory(unit=ta_van), body=industry)
    edit = reverse("followup:difficulty_edit", args=[difficulty.pk])
    data = difficulty_data(
        industry, description="Thiếu vốn mua máy sấy", version=difficulty.updated_at.isoformat()
    )
    assert officer_client.post(edit, data).status_code == 302
    difficulty.refresh_from_db()
    assert difficulty.description == "Thiếu vốn mua máy sấy"
    delete = reverse("followup:difficulty_delete", args=[difficulty.pk])
    assert officer_client.get(delete).status_code == 200
    response = officer_client.post(delete)
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:cooperative", args=[difficulty.cooperative_id])
    assert not Difficulty.objects.exists()
    assert Difficulty.history.filter(id=difficulty.pk).first().history_user == officer


def test_an_answer_over_a_change_saved_meanwhile_is_refused(
    officer, industry_client, ta_van, industry
):
    difficulty = DifficultyFactory(cooperative=CooperativeFactory(unit=ta_van), body=industry)
    seen = industry_client.get(answer_url(difficulty)).context["form"]["version"].value()
    own = Client()
    own.force_login(officer)
    edit = reverse("followup:difficulty_edit", args=[difficulty.pk])
    data = difficulty_data(industry, description="Đã sửa", version=seen)
    assert own.post(edit, data).status_code == 302
    response = industry_client.post(answer_url(difficulty), answer_data(difficulty, version=seen))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    difficulty.refresh_from_db()
    assert (difficulty.state, difficulty.description) == ("open", "Đã sửa")


def test_a_leader_may_not_answer(client, leader, ta_van):
    difficulty = DifficultyFactory(cooperative=CooperativeFactory(unit=ta_van))
    client.force_login(leader)
    assert client.get(difficulty.get_absolute_url()).status_code == 200
    assert client.get(answer_url(difficulty)).status_code == 403
    assert client.post(answer_url(difficulty), answer_data(difficulty)).status_code == 403
    difficulty.refresh_from_db()
    assert difficulty.state == "open"


# The door itself (org.writes), whatever page or script calls it.


def test_the_door_lets_a_bodys_officer_save_a_stored_difficulty_assigned_to_them(
    industry_officer, assigned
):
    difficulty = Difficulty.objects.get(pk=assigned["industry_bat_xat"].pk)
    difficulty.state = Difficulty.State.FORWARDED
    difficulty.answer = "Chuyển Sở Tài chính xem xét"
    difficulty.answered_on = datetime.date(2026, 5, 2)
    writes.save(record=difficulty, by=industry_officer, seen=difficulty.updated_at)
    stored = Difficulty.objects.get(pk=difficulty.pk)
    assert (stored.state, stored.answered_on) == ("forwarded", datetime.date(2026, 5, 2))
    assert Difficulty.history.filter(id=difficulty.pk).first().history_user == industry_officer


def test_the_door_refuses_a_bodys_officer_another_bodys_difficulty(industry_officer, assigned):
    difficulty = Difficulty.objects.get(pk=assigned["bat_xat"].pk)
    difficulty.answer = "Không thuộc thẩm quyền"
    with pytest.raises(writes.Refused):
        writes.save(record=difficulty, by=industry_officer)
    assert Difficulty.objects.get(pk=difficulty.pk).answer == ""


def test_the_door_refuses_a_bodys_officer_a_new_difficulty_of_a_cooperative(
    industry_officer, industry, ta_van
):
    # Even one naming their own body: only the cooperative's unit records what it raised.
    difficulty = Difficulty(
        cooperative=CooperativeFactory(unit=ta_van),
        category=Difficulty.Category.MARKET,
        description="Khó tiêu thụ sản phẩm",
        raised_on=datetime.date(2026, 4, 2),
        body=industry,
    )
    with pytest.raises(writes.Refused):
        writes.save(record=difficulty, by=industry_officer)
    assert not Difficulty.objects.exists()


def test_the_door_refuses_a_bodys_officer_the_delete_of_a_difficulty_assigned_to_them(
    industry_officer, assigned
):
    difficulty = assigned["industry_ta_van"]
    with pytest.raises(writes.Refused):
        writes.delete(record=difficulty, by=industry_officer)
    assert Difficulty.objects.filter(pk=difficulty.pk).exists()


def test_the_door_judges_an_answerer_by_the_stored_body_not_the_one_sent(officer, ta_van, bat_xat):
    # A Tả Van officer may answer a Bát Xát difficulty assigned to Tả Van; naming Tả Van as
    # the body of one assigned to Bát Xát does not make it theirs to save.
    difficulty = DifficultyFactory(cooperative=CooperativeFactory(unit=bat_xat), body=ta_van)
    difficulty.answer = "Đã hỗ trợ"
    writes.save(record=difficulty, by=officer)
    assert Difficulty.objects.get(pk=difficulty.pk).answer == "Đã hỗ trợ"
    foreign = DifficultyFactory(cooperative=CooperativeFactory(unit=bat_xat), body=bat_xat)
    foreign.body = ta_van  # claiming it by naming their own unit as its body
    with pytest.raises(writes.Refused):
        writes.save(record=foreign, by=officer)
    assert Difficulty.objects.get(pk=foreign.pk).body == bat_xat
