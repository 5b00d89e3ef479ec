"""The history of registry records on their pages and in the admin, and an edit refused when
someone else saved the record first. (Deleted records and their restore: tests/restore/.)"""

import pytest
from django.contrib.auth.models import Permission
from django.forms.models import model_to_dict
from django.urls import reverse

from config.history import history_rows
from cooperatives.access import cooperative_history
from cooperatives.models import Person, Sector
from org.models import User
from tests.factories import (
    CooperativeFactory,
    FiguresFactory,
    PersonFactory,
    ProductFactory,
    RoleFactory,
    UserFactory,
)
from tests.history import history_section
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def coop_data(coop, **overrides):
    """Return the edit form's data of `coop` as it is stored, with its version token."""
    data = {
        "kind": coop.kind,
        "name": coop.name,
        "registration_code": coop.registration_code,
        "unit": coop.unit_id,
        "address": coop.address,
        "founded_on": coop.founded_on.isoformat() if coop.founded_on else "",
        "status": coop.status,
        "sectors": [s.pk for s in coop.sectors.all()],
        "version": coop.updated_at.isoformat(),
    }
    return data | overrides


def test_a_change_shows_who_when_and_old_and_new_values_on_the_cooperative_page(
    client, officer, ta_van
):
    officer.first_name, officer.last_name = "Hoàng Thị", "Lan"
    officer.save()
    coop = CooperativeFactory(unit=ta_van, name="HTX Chè Tả Van")
    tea = Sector.objects.order_by("position").first()
    client.force_login(officer)
    data = coop_data(
        coop, name="HTX Chè Shan Tả Van", status="suspended", status_since="2025-01-02"
    )
    response = client.post(
        reverse("cooperatives:edit", args=[coop.pk]), data | {"sectors": [tea.pk]}
    )
    assert response.status_code == 302

    history = history_section(client.get(coop.get_absolute_url()))
    assert "Hoàng Thị Lan" in history
    assert "Tên: HTX Chè Tả Van → HTX Chè Shan Tả Van" in history
    # Choices by their label, dates as d/m/Y, many-to-many choices by their names.
    assert "Tình trạng: Đang hoạt động → Tạm ngừng hoạt động" in history
    assert "— → 02/01/2025" in history
    assert f"— → {tea.name}" in history
    # The form's two saves (fields, then sectors) are one change; the factory's is the system's.
    assert history.count("<td>sửa</td>") == 1
    assert "hệ thống" in history and "tạo mới" in history


def test_the_cooperative_page_shows_its_parts_changes_and_deletions(client, officer, ta_van):
    coop = CooperativeFactory(unit=ta_van)
    figures = FiguresFactory(cooperative=coop, year=2024, members_total=20, revenue=1_500_000)
    product = ProductFactory(cooperative=coop, name="Chè Shan tuyết")
    client.force_login(officer)
    url = reverse("cooperatives:part_edit", args=[coop.pk, "figures", figures.pk])
    data = model_to_dict(figures, exclude=["id", "cooperative"]) | {"revenue": 2_500_000}
    data["version"] = figures.updated_at.isoformat()
    assert client.post(url, data).status_code == 302
    url = reverse("cooperatives:part_delete", args=[coop.pk, "products", product.pk])
    assert client.post(url).status_code == 302

    history = history_section(client.get(coop.get_absolute_url()))
    assert "Doanh thu (đồng): 1.500.000 → 2.500.000" in history
    assert "Sản phẩm OCOP: Chè Shan tuyết (3★)" in history and "<td>xóa</td>" in history


def test_cooperative_page_queries_do_not_grow_with_its_history(
    client, province_staff, ta_van, django_assert_num_queries
):
    coop = CooperativeFactory(unit=ta_van)
    FiguresFactory(cooperative=coop, year=2024)
    client.force_login(province_staff)
    url = coop.get_absolute_url()

    def change(times):
        for n in range(times):
            coop.name = f"HTX đổi tên {n}"
            coop.save()
            coop.sectors.set(Sector.objects.all()[n % 3 : n % 3 + 2])
            RoleFactory(cooperative=coop, person=PersonFactory(unit=ta_van)).delete()
            ProductFactory(cooperative=coop, name=f"Sản phẩm {n}").delete()

    change(30)  # more than the 50 records shown of each kind
    longer = count_queries(client, url)
    change(30)
    assert count_queries(client, url) == longer
    # 10: per kind of record (cooperative, figures, roles, products) its newest records with
    # their users (4); the older records the cooperative's changes are compared with (1; the
    # other kinds here were only created and deleted); the sectors kept with its records (1);
    # the units, cooperatives, people and sectors they name (4).
    with django_assert_num_queries(10):
        assert len(history_rows(*cooperative_history(coop))) == 50


def test_a_person_page_shows_only_the_roles_history_of_cooperatives_in_scope(
    client, officer, ta_van, bat_xat
):
    person = PersonFactory(unit=ta_van, full_name="Lò Thị Mai")
    RoleFactory(person=person, cooperative=CooperativeFactory(unit=ta_van, name="HTX Tả Van"))
    # A role in another unit's cooperative (the pages refuse it; data may predate the rule).
    RoleFactory(person=person, cooperative=CooperativeFactory(unit=bat_xat, name="HTX Bát Xát"))
    client.force_login(officer)
    history = history_section(client.get(person.get_absolute_url()))
    assert "HTX Tả Van" in history
    assert "HTX Bát Xát" not in history


def test_the_second_of_two_edits_of_a_cooperative_is_refused(
    client, officer, province_staff, ta_van
):
    coop = CooperativeFactory(unit=ta_van, name="HTX Chè Tả Van")
    url = reverse("cooperatives:edit", args=[coop.pk])
    # Both open the edit form.
    client.force_login(officer)
    officer_version = client.get(url).context["form"]["version"].value()
    client.force_login(province_staff)
    staff_version = client.get(url).context["form"]["version"].value()
    # The officer saves first.
    client.force_login(officer)
    response = client.post(url, coop_data(coop, name="HTX Chè Shan", version=officer_version))
    assert response.status_code == 302
    # Province staff's save is refused, with who changed it and when.
    client.force_login(province_staff)
    response = client.post(url, coop_data(coop, name="HTX Chè Xanh", version=staff_version))
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("Hợp tác xã này vừa được canbo_tavan sửa lúc ")
    assert error.endswith("hãy tải lại trang, xem thay đổi rồi sửa lại.")
    coop.refresh_from_db()
    assert coop.name == "HTX Chè Shan"
    # Reloaded, the form saves.
    fresh = client.get(url).context["form"]["version"].value()
    assert client.post(url, coop_data(coop, name="HTX Chè Xanh", version=fresh)).status_code == 302


def test_an_edit_of_a_person_changed_meanwhile_is_refused(client, officer, ta_van):
    person = PersonFactory(unit=ta_van, full_name="Giàng Thị Súa")
    client.force_login(officer)
    url = reverse("cooperatives:person_edit", args=[person.pk])
    version = client.get(url).context["form"]["version"].value()
    data = {"full_name": "Giàng Thị Sua", "sex": "F", "unit": ta_van.pk, "version": version}
    person.full_name = "Giàng Thị Súa (đã sửa)"
    person.save()  # by a script, say
    response = client.post(url, data)
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("Người này vừa được hệ thống sửa lúc")
    )
    assert Person.objects.get().full_name == "Giàng Thị Súa (đã sửa)"


@pytest.fixture
def staff_officer(ta_van):
    """A unit officer that IT made staff with every registry permission."""
    user = UserFactory(role=User.Role.UNIT_OFFICER, unit=ta_van, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="cooperatives"))
    return user


def test_admin_history_shows_a_unit_officer_only_own_records(
    client, staff_officer, ta_van, bat_xat
):
    own = CooperativeFactory(unit=ta_van, name="HTX Tả Van")
    other = CooperativeFactory(unit=bat_xat, name="HTX Bát Xát")
    other_figures = FiguresFactory(cooperative=other)
    client.force_login(staff_officer)
    url = reverse("admin:cooperatives_cooperative_history", args=[own.pk])
    assert "HTX Tả Van" in client.get(url).content.decode()
    for name, record in [("cooperative", other), ("yearlyfigures", other_figures)]:
        url = reverse(f"admin:cooperatives_{name}_history", args=[record.pk])
        assert client.get(url).status_code == 404, name
        version = type(record).history.get(id=record.pk)
        url = reverse(
            f"admin:cooperatives_{name}_simple_history", args=[record.pk, version.history_id]
        )
        assert client.get(url).status_code == 404, name
    # Even once deleted, another unit's record keeps its history to itself.
    other_pk = other.pk
    other.delete()
    url = reverse("admin:cooperatives_cooperative_history", args=[other_pk])
    assert client.get(url).status_code == 404
