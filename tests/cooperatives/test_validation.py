"""Bad input gets a clear Vietnamese message beside the field and saves nothing."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from tests.factories import CooperativeFactory, FiguresFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db


def figures_data(**overrides):
    data = {
        "year": 2025,
        "members_total": 20,
        "members_female": 15,
        "workers_total": 10,
        "workers_female": 8,
        "workers_female_ethnic_minority": 5,
        "workers_female_priority": 2,
        "female_stable_jobs": 6,
        "new_female_jobs": 2,
        "members_trained_vocational": 10,
        "members_trained_ecommerce": 5,
        "charter_capital": 100000000,
        "revenue": 500000000,
        "profit": -2000000,
    }
    return data | overrides


def post_figures(client, cooperative, **overrides):
    url = reverse("cooperatives:part_create", args=[cooperative.pk, "figures"])
    return client.post(url, figures_data(**overrides))


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


def test_valid_figures_are_saved_and_a_loss_is_allowed(officer_client):
    cooperative = CooperativeFactory()
    response = post_figures(officer_client, cooperative)
    assert response.status_code == 302
    assert cooperative.yearly_figures.get().profit == -2000000


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"workers_female": 11},
            "workers_female",
            "“lao động nữ” (11) không được lớn hơn “tổng số lao động” (10).",
        ),
        (
            {"members_female": 21},
            "members_female",
            "“thành viên nữ” (21) không được lớn hơn “tổng số thành viên” (20).",
        ),
        ({"female_stable_jobs": 9}, "female_stable_jobs", "không được lớn hơn “lao động nữ” (8)"),
        ({"members_trained_ecommerce": 21}, "members_trained_ecommerce", "(21) không được lớn hơn"),
        ({"workers_female_ethnic_minority": 9}, "workers_female_ethnic_minority", "(9)"),
        ({"members_total": -1}, "members_total", "Không được là số âm."),
        ({"revenue": -5}, "revenue", "Không được là số âm."),
        ({"year": 1999}, "year", "Hãy nhập năm từ 2000 trở đi."),
    ],
)
def test_bad_figures_are_refused_beside_the_field(officer_client, overrides, field, message):
    cooperative = CooperativeFactory()
    response = post_figures(officer_client, cooperative, **overrides)
    assert response.status_code == 200
    assert any(message in error for error in field_errors(response, field))
    assert "Chưa lưu gì." in response.content.decode()
    assert not YearlyFigures.objects.exists()


def test_second_figures_for_the_same_year_are_refused(officer_client):
    cooperative = CooperativeFactory()
    FiguresFactory(cooperative=cooperative, year=2025)
    response = post_figures(officer_client, cooperative)
    assert field_errors(response, "year") == ["Hợp tác xã này đã có số liệu năm 2025."]
    assert cooperative.yearly_figures.count() == 1


def cooperative_data(unit, **overrides):
    data = {
        "kind": "htx",
        "name": "Hợp tác xã Mây tre đan",
        "registration_code": "5301009999",
        "unit": unit.pk,
        "status": "active",
        "founded_on": "2024-03-01",
    }
    return data | overrides


def test_duplicate_registration_code_of_the_same_kind_is_refused(officer_client, ta_van):
    CooperativeFactory(registration_code="5301009999")
    response = officer_client.post(reverse("cooperatives:create"), cooperative_data(ta_van))
    assert response.status_code == 200
    form = response.context["form"]
    # Beside the code, naming what it is: not in the box at the top alone.
    assert form.errors["registration_code"] == [
        "Đã có một hợp tác xã hoặc tổ hợp tác cùng loại mang mã số đăng ký này."
    ]
    assert not form.non_field_errors()
    assert Cooperative.objects.count() == 1


def test_same_code_for_another_kind_and_empty_codes_are_allowed(officer_client, ta_van):
    CooperativeFactory(registration_code="5301009999", kind="tht")
    CooperativeFactory(registration_code="")
    assert (
        officer_client.post(reverse("cooperatives:create"), cooperative_data(ta_van)).status_code
        == 302
    )
    response = officer_client.post(
        reverse("cooperatives:create"), cooperative_data(ta_van, registration_code="", name="B")
    )
    assert response.status_code == 302
    assert Cooperative.objects.filter(registration_code="").count() == 2


def test_status_other_than_active_needs_its_date(officer_client, ta_van):
    response = officer_client.post(
        reverse("cooperatives:create"), cooperative_data(ta_van, status="dissolved")
    )
    assert field_errors(response, "status_since") == [
        "Hãy nhập ngày trạng thái này bắt đầu có hiệu lực."
    ]
    assert not Cooperative.objects.exists()


def test_founding_date_in_the_future_is_refused(officer_client, ta_van):
    future = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    response = officer_client.post(
        reverse("cooperatives:create"), cooperative_data(ta_van, founded_on=future)
    )
    assert field_errors(response, "founded_on") == ["Ngày thành lập không được ở tương lai."]


def role_data(**overrides):
    data = {"role": "director", "start_date": "2024-01-01", "end_date": ""}
    return data | overrides


def test_role_ending_before_it_starts_is_refused(officer_client):
    cooperative = CooperativeFactory()
    person = PersonFactory()
    response = officer_client.post(
        reverse("cooperatives:part_create", args=[cooperative.pk, "roles"]),
        role_data(person=person.pk, end_date="2023-12-31"),
    )
    assert field_errors(response, "end_date") == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert not ManagementRole.objects.exists()


def test_group_leader_is_not_a_role_in_a_cooperative(officer_client):
    cooperative = CooperativeFactory(kind="htx")
    response = officer_client.post(
        reverse("cooperatives:part_create", args=[cooperative.pk, "roles"]),
        role_data(person=PersonFactory().pk, role="group_leader"),
    )
    assert field_errors(response, "role")
    assert not ManagementRole.objects.exists()


def test_role_for_a_new_person_creates_the_person_in_the_cooperatives_unit(officer_client):
    cooperative = CooperativeFactory()
    response = officer_client.post(
        reverse("cooperatives:part_create", args=[cooperative.pk, "roles"]),
        role_data(full_name="Giàng Thị Mỷ", sex="F", birth_year=1990, ethnicity="08"),
    )
    assert response.status_code == 302
    role = ManagementRole.objects.get()
    assert (role.person.full_name, role.person.unit) == ("Giàng Thị Mỷ", cooperative.unit)
    assert cooperative.is_women_managed_on(datetime.date(2025, 1, 1))


def test_role_without_person_or_name_is_refused_and_saves_no_person(officer_client):
    cooperative = CooperativeFactory()
    response = officer_client.post(
        reverse("cooperatives:part_create", args=[cooperative.pk, "roles"]), role_data()
    )
    assert field_errors(response, "full_name") == [
        "Hãy chọn một người có trong sổ hoặc nhập họ tên người mới."
    ]
    assert not Person.objects.exists()


def test_bad_new_person_and_bad_role_save_neither(officer_client):
    cooperative = CooperativeFactory()
    response = officer_client.post(
        reverse("cooperatives:part_create", args=[cooperative.pk, "roles"]),
        role_data(full_name="Giàng Thị Mỷ", sex="F", birth_year=1800, end_date="2020-01-01"),
    )
    assert field_errors(response, "birth_year") == ["Hãy nhập năm sinh từ 1920 trở đi."]
    assert field_errors(response, "end_date")
    assert not Person.objects.exists()
    assert not ManagementRole.objects.exists()


def test_ocop_stars_go_from_one_to_five(officer_client):
    cooperative = CooperativeFactory()
    response = officer_client.post(
        reverse("cooperatives:part_create", args=[cooperative.pk, "products"]),
        {"name": "Mận Tam hoa", "stars": 6, "year_certified": 2023},
    )
    assert field_errors(response, "stars") == ["Số sao OCOP từ 1 đến 5."]
    assert not cooperative.ocop_products.exists()


def test_database_refuses_a_part_larger_than_its_whole():
    # The last line of defence, for code paths that skip full_clean().
    figures = FiguresFactory()
    figures.workers_female = figures.workers_total + 1
    with pytest.raises(IntegrityError), transaction.atomic():
        figures.save()


def test_database_refuses_a_role_ending_before_it_starts():
    role = RoleFactory()
    role.end_date = role.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        role.save()


def test_a_cooperative_grows_only_out_of_a_group(officer_client, ta_van):
    group = CooperativeFactory(kind="tht", name="Tổ hợp tác Dệt")
    response = officer_client.post(
        reverse("cooperatives:create"),
        cooperative_data(ta_van, kind="tht", converted_from=group.pk),
    )
    assert field_errors(response, "converted_from") == [
        "Chỉ hợp tác xã (HTX) mới phát triển từ tổ hợp tác."
    ]
    response = officer_client.post(
        reverse("cooperatives:create"), cooperative_data(ta_van, converted_from=group.pk)
    )
    assert response.status_code == 302
    assert Cooperative.objects.get(kind="htx").converted_from == group


def test_new_records_are_filed_under_units_valid_today(officer_client, ta_van):
    # Tả Van's area also holds the old communes merged into it; they are history now.
    form = officer_client.get(reverse("cooperatives:create")).context["form"]
    assert list(form.fields["unit"].queryset) == [ta_van]
    assert form.fields["unit"].initial == ta_van
    old = ta_van.predecessors.first()
    historic = CooperativeFactory(unit=old)
    form = officer_client.get(reverse("cooperatives:edit", args=[historic.pk])).context["form"]
    assert set(form.fields["unit"].queryset) == {ta_van, old}


def test_kind_change_that_would_orphan_roles_is_refused(officer_client, ta_van):
    cooperative = CooperativeFactory(kind="htx")
    RoleFactory(cooperative=cooperative, role="director")
    response = officer_client.post(
        reverse("cooperatives:edit", args=[cooperative.pk]),
        cooperative_data(ta_van, kind="tht", name=cooperative.name, registration_code=""),
    )
    assert field_errors(response, "kind")
    cooperative.refresh_from_db()
    assert cooperative.kind == "htx"


def test_a_name_too_long_is_said_beside_it_not_cut(officer_client, ta_van):
    """A browser would cut a pasted 10,000-character name at the field's length without a
    word: the form has no such limit, and says instead."""
    page = officer_client.get(reverse("cooperatives:create")).content.decode()
    assert "maxlength" not in page
    data = cooperative_data(ta_van, name="Hợp tác xã " + "A" * 10_000)
    response = officer_client.post(reverse("cooperatives:create"), data)
    assert response.status_code == 200
    assert "tối đa 255 kí tự (hiện có 10011)" in " ".join(response.context["form"].errors["name"])
    assert not Cooperative.objects.exists()


def test_days_are_written_and_shown_as_dd_mm_yyyy(officer_client, ta_van):
    response = officer_client.post(
        reverse("cooperatives:create"), cooperative_data(ta_van, founded_on="08/03/2024")
    )
    assert response.status_code == 302
    cooperative = Cooperative.objects.get()
    assert cooperative.founded_on == datetime.date(2024, 3, 8)
    page = officer_client.get(reverse("cooperatives:edit", args=[cooperative.pk])).content
    assert 'value="08/03/2024"' in page.decode()  # whatever the browser's language


@pytest.mark.parametrize("typed", ["31/02/2025", "2025/13/01", "ngày mai"])
def test_an_impossible_day_is_said_beside_it_and_nothing_is_saved(officer_client, ta_van, typed):
    response = officer_client.post(
        reverse("cooperatives:create"), cooperative_data(ta_van, founded_on=typed)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["founded_on"] == [
        "Đây không phải là ngày hợp lệ (dd/mm/yyyy)."
    ]
    assert not Cooperative.objects.exists()
