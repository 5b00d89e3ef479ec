"""Deleted records listed for province staff, and restored with their parts: a cooperative with
its sectors, figures, roles and products; a training event with its participants and
head-counts. A part waits for its deleted owner; a restore that would clash restores nothing."""

import datetime

import pytest
from django.db.models import F
from django.urls import reverse

from cooperatives.models import Cooperative, ManagementRole, OcopProduct, Sector, YearlyFigures
from org.models import User
from tests.factories import (
    CooperativeFactory,
    EventFactory,
    FiguresFactory,
    HeadCountFactory,
    ParticipantFactory,
    PersonFactory,
    ProductFactory,
    RoleFactory,
    UserFactory,
)
from tests.history import history_section
from tests.queries import count_queries
from training.models import HeadCount, Participant, TrainingEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def deleted_cooperative(client, province_staff, ta_van):
    """A cooperative with sectors, figures, a role and a product, deleted on its page."""
    coop = CooperativeFactory(unit=ta_van, name="HTX Dệt Tả Van", registration_code="5200123")
    coop.sectors.set(Sector.objects.all()[:2])
    FiguresFactory(cooperative=coop, year=2024, revenue=900_000_000)
    RoleFactory(cooperative=coop, person=PersonFactory(unit=ta_van))
    ProductFactory(cooperative=coop)
    before = snapshot(coop)
    client.force_login(province_staff)
    assert client.post(reverse("cooperatives:delete", args=[coop.pk])).status_code == 302
    assert not Cooperative.objects.exists()
    return coop, before


def snapshot(coop):
    """Return every stored value of a cooperative and its parts."""
    return {
        "coop": Cooperative.objects.values().get(pk=coop.pk),
        "sectors": set(coop.sectors.values_list("pk", flat=True)),
        "figures": list(YearlyFigures.objects.filter(cooperative=coop).values()),
        "roles": list(ManagementRole.objects.filter(cooperative=coop).values()),
        "products": list(OcopProduct.objects.filter(cooperative=coop).values()),
    }


def without_update_stamps(values):
    if isinstance(values, dict):
        return {k: without_update_stamps(v) for k, v in values.items() if k != "updated_at"}
    if isinstance(values, list):
        return [without_update_stamps(v) for v in values]
    return values


def restore_url(kind, record):
    return reverse("restore:restore", args=[kind, record.history_id])


def test_a_deleted_cooperative_is_listed_and_restored_with_its_parts(
    client, province_staff, deleted_cooperative
):
    coop, before = deleted_cooperative
    page = client.get(reverse("restore:deleted"))
    row = next(r for r in page.context["page"].object_list if r.kind == "cooperative")
    assert (row.name, str(row.unit), row.who, row.parts) == (
        "HTX Dệt Tả Van",
        "Xã Tả Van",
        "tinh",
        3,
    )
    # Its parts are restored with it, not listed one by one.
    assert [r.kind for r in page.context["page"].object_list] == ["cooperative"]

    response = client.post(restore_url("cooperative", row.record), follow=True)
    assert response.redirect_chain[-1][0] == coop.get_absolute_url()
    message = str(list(response.context["messages"])[-1])
    assert "Đã khôi phục: HTX Dệt Tả Van." in message and "3 bản ghi" in message
    # Every value as it was, but the time of the last change (the restore is one).
    assert without_update_stamps(snapshot(coop)) == without_update_stamps(before)
    assert "khôi phục" in history_section(client.get(coop.get_absolute_url()))
    assert not client.get(reverse("restore:deleted")).context["page"].object_list


def test_a_part_of_a_deleted_cooperative_waits_for_its_cooperative(client, province_staff, ta_van):
    coop = CooperativeFactory(unit=ta_van, name="HTX Mây Tre")
    figures = FiguresFactory(cooperative=coop, year=2023)
    client.force_login(province_staff)
    client.post(reverse("cooperatives:part_delete", args=[coop.pk, "figures", figures.pk]))
    # The cooperative is deleted later, in another operation.
    YearlyFigures.history.update(history_date=F("history_date") - datetime.timedelta(minutes=1))
    client.post(reverse("cooperatives:delete", args=[coop.pk]))

    record = YearlyFigures.history.get(history_type="-")
    response = client.post(restore_url("figures", record), follow=True)
    message = str(list(response.context["messages"])[-1])
    assert "hợp tác xã “HTX Mây Tre” cũng đã bị xóa: hãy khôi phục" in message
    assert not YearlyFigures.objects.exists()
    # Once the cooperative is back (without it: it was deleted before), it can follow.
    client.post(restore_url("cooperative", Cooperative.history.get(history_type="-")))
    assert not YearlyFigures.objects.exists()
    client.post(restore_url("figures", record))
    assert YearlyFigures.objects.get().year == 2023


def test_a_restore_that_would_clash_is_refused_and_restores_nothing(
    client, province_staff, ta_van, deleted_cooperative
):
    CooperativeFactory(unit=ta_van, name="HTX mới", registration_code="5200123")
    record = Cooperative.history.get(history_type="-")
    response = client.post(restore_url("cooperative", record), follow=True)
    message = str(list(response.context["messages"])[-1])
    assert message.startswith("Không thể khôi phục “HTX Dệt Tả Van”")
    assert Cooperative.objects.get().name == "HTX mới"
    assert not YearlyFigures.objects.exists()


@pytest.mark.parametrize("role", [User.Role.UNIT_OFFICER, User.Role.LEADER])
def test_only_province_staff_see_and_restore_deleted_records(
    client, ta_van, role, deleted_cooperative
):
    client.force_login(UserFactory(role=role, unit=ta_van))
    assert client.get(reverse("restore:deleted")).status_code == 403
    record = Cooperative.history.get(history_type="-")
    assert client.post(restore_url("cooperative", record)).status_code == 403
    assert not Cooperative.objects.exists()


def test_deleted_records_page_queries_do_not_grow(client, province_staff, ta_van):
    client.force_login(province_staff)

    def delete_some(count):
        for _n in range(count):
            coop = CooperativeFactory(unit=ta_van)
            FiguresFactory(cooperative=coop)
            RoleFactory(cooperative=coop, person=PersonFactory(unit=ta_van))
            coop.delete()
            PersonFactory(unit=ta_van).delete()

    delete_some(2)
    small = count_queries(client, reverse("restore:deleted"))
    delete_some(20)
    assert count_queries(client, reverse("restore:deleted")) == small


def test_a_deleted_event_is_restored_with_its_participants_and_head_counts(
    client, province_staff, ta_van
):
    event = EventFactory(unit=ta_van, title="Tập huấn quản trị")
    ParticipantFactory(event=event, person=PersonFactory(unit=ta_van), certificate_issued=True)
    HeadCountFactory(event=event, total=12, female=10, ethnic_minority=9)
    client.force_login(province_staff)
    assert client.post(reverse("training:event_delete", args=[event.pk])).status_code == 302

    page = client.get(reverse("restore:deleted"), {"kind": "event"})
    [row] = page.context["page"].object_list
    assert (row.name, row.parts) == ("Tập huấn quản trị", 2)
    response = client.post(reverse("restore:restore", args=["event", row.record.history_id]))
    assert response.url == event.get_absolute_url()
    assert TrainingEvent.objects.get().title == "Tập huấn quản trị"
    assert Participant.objects.get().certificate_issued
    assert HeadCount.objects.values_list("total", "female", "ethnic_minority").get() == (12, 10, 9)
