"""Recording the support a cooperative was given: one at a time from its page, many at once
for an event, and the catalogue of kinds; who may, and what bad input leaves behind."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from followup.models import Support, SupportKind
from org import writes
from org.models import User
from tests.factories import (
    CooperativeFactory,
    LoanFactory,
    SupportFactory,
    UserFactory,
    support_kind,
)

pytestmark = pytest.mark.django_db


def support_data(body, **overrides):
    """The support form as an officer fills it: an advice given on 10/03/2026, no money."""
    data = {
        "kind": support_kind().pk,
        "given_on": "10/03/2026",
        "body": body.pk,
        "occasion": "",
        "funding_source": "",
        "amount": "0",
        "lender": "",
        "loan_amount": "0",
        "loan_term_months": "",
        "note": "",
        "version": "",
    }
    return data | overrides


def loan_data(body, **overrides):
    """A complete preferential loan of 50 million for 24 months."""
    loan = {
        "kind": support_kind("loan").pk,
        "lender": "social_policy_bank",
        "loan_amount": "50000000",
        "loan_term_months": "24",
    }
    return support_data(body, **loan) | overrides


def edit_data(support, **overrides):
    """The edit form of `support` as its page opens it, with the version it carries."""
    data = {
        "kind": support.kind_id,
        "given_on": support.given_on.strftime("%d/%m/%Y"),
        "body": support.body_id,
        "occasion": support.occasion,
        "funding_source": support.funding_source,
        "amount": str(support.amount),
        "lender": support.lender,
        "loan_amount": str(support.loan_amount),
        "loan_term_months": support.loan_term_months or "",
        "note": support.note,
        "version": support.updated_at.isoformat(),
    }
    return data | overrides


def create_url(cooperative):
    return reverse("followup:support_create", args=[cooperative.pk])


# One support at a time, from the cooperative's page.


def test_an_officer_records_a_support_from_the_cooperatives_page(officer_client, officer, ta_van):
    cooperative = CooperativeFactory(unit=ta_van)
    page = officer_client.get(reverse("followup:cooperative", args=[cooperative.pk]))
    assert f'href="{create_url(cooperative)}"' in page.content.decode()
    data = support_data(
        ta_van,
        kind=support_kind("trade_promotion").pk,
        given_on="05/03/2026",
        occasion="Hội chợ OCOP Lào Cai 2026",
        funding_source="state_budget",
        amount="3500000",
    )
    response = officer_client.post(create_url(cooperative), data)
    support = Support.objects.get()
    assert response.status_code == 302
    assert response["Location"] == support.get_absolute_url()
    assert support.cooperative == cooperative
    assert support.given_on == datetime.date(2026, 3, 5)
    assert (support.funding_source, support.amount) == ("state_budget", 3_500_000)
    assert support.occasion == "Hội chợ OCOP Lào Cai 2026"
    assert support.batch is None
    [created] = Support.history.filter(id=support.pk)
    assert (created.history_type, created.history_user) == ("+", officer)
    assert officer_client.get(support.get_absolute_url()).status_code == 200


def test_a_loan_is_recorded_with_its_lender_amount_and_term(officer_client, ta_van):
    cooperative = CooperativeFactory(unit=ta_van)
    response = officer_client.post(create_url(cooperative), loan_data(ta_van))
    assert response.status_code == 302
    loan = Support.objects.get()
    assert (loan.lender, loan.loan_amount, loan.loan_term_months) == (
        "social_policy_bank",
        50_000_000,
        24,
    )
    # 10/03/2026 plus 24 months.
    assert loan.loan_ends_on == datetime.date(2028, 3, 10)


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


@pytest.mark.parametrize(
    ("make_data", "field"),
    [
        (lambda b: support_data(b, amount="-5", funding_source="state_budget"), "amount"),
        (lambda b: support_data(b, amount="abc", funding_source="state_budget"), "amount"),
        (lambda b: support_data(b, amount="2000000", funding_source=""), "funding_source"),
        (lambda b: loan_data(b, lender=""), "lender"),
        (lambda b: loan_data(b, loan_amount="0"), "loan_amount"),
        (lambda b: loan_data(b, loan_term_months=""), "loan_term_months"),
        (lambda b: loan_data(b, loan_term_months="601"), "loan_term_months"),
        (lambda b: loan_data(b, loan_amount="-1"), "loan_amount"),
        (lambda b: support_data(b, lender="social_policy_bank"), "lender"),
        (lambda b: support_data(b, loan_amount="1000000"), "loan_amount"),
        (lambda b: support_data(b, loan_term_months="12"), "loan_term_months"),
        (lambda b: support_data(b, given_on=tomorrow()), "given_on"),
        (lambda b: support_data(b, given_on="2026/03/10"), "given_on"),
        (lambda b: support_data(b, given_on="31/02/2026"), "given_on"),
        (lambda b: support_data(b, given_on="10-03-2026"), "given_on"),
        (lambda b: support_data(b, given_on=""), "given_on"),
        (lambda b: support_data(b, kind=""), "kind"),
    ],
    ids=[
        "negative amount",
        "amount not a number",
        "amount without funding source",
        "loan without lender",
        "loan without amount",
        "loan without term",
        "loan term over 50 years",
        "negative loan amount",
        "lender of a non-loan",
        "loan amount of a non-loan",
        "loan term of a non-loan",
        "date in the future",
        "date year first",
        "impossible date",
        "date with dashes",
        "no date",
        "no kind",
    ],
)
def test_bad_input_saves_nothing_and_is_shown_beside_its_field(
    officer_client, ta_van, make_data, field
):
    cooperative = CooperativeFactory(unit=ta_van)
    response = officer_client.post(create_url(cooperative), make_data(ta_van))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Support.objects.exists()


def test_a_bad_edit_keeps_the_stored_support(officer_client, ta_van):
    support = LoanFactory(cooperative=CooperativeFactory(unit=ta_van))
    url = reverse("followup:support_edit", args=[support.pk])
    response = officer_client.post(url, edit_data(support, lender="", loan_amount="7"))
    assert response.status_code == 200
    assert "lender" in response.context["form"].errors
    support.refresh_from_db()
    assert (support.lender, support.loan_amount) == ("social_policy_bank", 100_000_000)


def test_of_two_users_who_opened_one_support_the_second_save_is_refused(officer, ta_van):
    support = SupportFactory(cooperative=CooperativeFactory(unit=ta_van), occasion="Ban đầu")
    colleague = UserFactory(role=User.Role.UNIT_OFFICER, unit=ta_van)
    url = reverse("followup:support_edit", args=[support.pk])
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(colleague)
    # Both open the edit page; the version travels in the hidden field.
    seen_first = first.get(url).context["form"]["version"].value()
    seen_second = second.get(url).context["form"]["version"].value()
    assert seen_first == seen_second == support.updated_at.isoformat()

    saved = first.post(url, edit_data(support, occasion="Của người thứ nhất", version=seen_first))
    assert saved.status_code == 302
    refused = second.post(
        url, edit_data(support, occasion="Của người thứ hai", version=seen_second)
    )
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()
    support.refresh_from_db()
    assert support.occasion == "Của người thứ nhất"
    latest = Support.history.filter(id=support.pk).first()
    assert latest.history_user == officer


def test_the_edit_saves_a_change_with_history_naming_the_user(officer_client, officer, ta_van):
    support = SupportFactory(cooperative=CooperativeFactory(unit=ta_van))
    url = reverse("followup:support_edit", args=[support.pk])
    # The stored day is shown as officers write it.
    assert 'value="10/03/2026"' in officer_client.get(url).content.decode()
    data = edit_data(support, funding_source="mobilised", amount="1200000", given_on="01/02/2026")
    assert officer_client.post(url, data).status_code == 302
    support.refresh_from_db()
    assert (support.funding_source, support.amount) == ("mobilised", 1_200_000)
    assert support.given_on == datetime.date(2026, 2, 1)
    latest = Support.history.filter(id=support.pk).first()
    assert (latest.history_type, latest.history_user) == ("~", officer)


def test_a_leader_may_not_record_change_or_delete_a_support(client, leader, ta_van):
    cooperative = CooperativeFactory(unit=ta_van)
    support = SupportFactory(cooperative=cooperative, occasion="Ban đầu")
    client.force_login(leader)
    assert client.get(create_url(cooperative)).status_code == 403
    assert client.post(create_url(cooperative), support_data(ta_van)).status_code == 403
    edit = reverse("followup:support_edit", args=[support.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, edit_data(support, occasion="Đổi")).status_code == 403
    delete = reverse("followup:support_delete", args=[support.pk])
    assert client.post(delete).status_code == 403
    assert list(Support.objects.values_list("occasion", flat=True)) == ["Ban đầu"]
    # Leaders read everything.
    assert client.get(support.get_absolute_url()).status_code == 200


def test_an_officer_cannot_record_a_support_for_another_units_cooperative(
    officer_client, ta_van, bat_xat
):
    elsewhere = CooperativeFactory(unit=bat_xat)
    assert officer_client.get(create_url(elsewhere)).status_code == 404
    assert officer_client.post(create_url(elsewhere), support_data(ta_van)).status_code == 404
    # Naming the other cooperative in the post of an own cooperative's page does not move it.
    own = CooperativeFactory(unit=ta_van)
    forged = support_data(ta_van, cooperative=elsewhere.pk)
    assert officer_client.post(create_url(own), forged).status_code == 302
    assert list(Support.objects.values_list("cooperative", flat=True)) == [own.pk]


def test_an_officer_cannot_change_or_delete_another_units_support(officer_client, ta_van, bat_xat):
    theirs = SupportFactory(cooperative=CooperativeFactory(unit=bat_xat), occasion="Bát Xát")
    # Given by Tả Van to a Bát Xát cooperative: Tả Van's officer sees it, Bát Xát keeps it.
    given = SupportFactory(
        cooperative=CooperativeFactory(unit=bat_xat), body=ta_van, occasion="Tả Van trao"
    )
    assert officer_client.get(theirs.get_absolute_url()).status_code == 404
    page = officer_client.get(given.get_absolute_url())
    assert page.status_code == 200
    assert reverse("followup:support_edit", args=[given.pk]) not in page.content.decode()
    for support in (theirs, given):
        edit = reverse("followup:support_edit", args=[support.pk])
        delete = reverse("followup:support_delete", args=[support.pk])
        assert officer_client.get(edit).status_code == 404
        assert officer_client.post(edit, edit_data(support, occasion="Đổi")).status_code == 404
        assert officer_client.get(delete).status_code == 404
        assert officer_client.post(delete).status_code == 404
    assert sorted(Support.objects.values_list("occasion", flat=True)) == ["Bát Xát", "Tả Van trao"]


def test_a_support_is_deleted_through_its_confirm_page(officer_client, officer, ta_van):
    cooperative = CooperativeFactory(unit=ta_van)
    support = SupportFactory(cooperative=cooperative)
    kept = SupportFactory(cooperative=cooperative)
    url = reverse("followup:support_delete", args=[support.pk])
    confirm = officer_client.get(url)
    assert confirm.status_code == 200
    assert Support.objects.filter(pk=support.pk).exists()  # asking deletes nothing
    response = officer_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:cooperative", args=[cooperative.pk])
    assert list(Support.objects.all()) == [kept]
    deleted = Support.history.filter(id=support.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", officer)


# Many cooperatives at once: one event, one record each.


def bulk_data(body, cooperatives, **overrides):
    data = support_data(
        body,
        kind=support_kind("trade_promotion").pk,
        occasion="Hội chợ xúc tiến thương mại Sa Pa",
        funding_source="state_budget",
        amount="1500000",
    )
    return data | {"cooperatives": [c.pk for c in cooperatives]} | overrides


def test_ticking_three_cooperatives_saves_three_records_of_one_batch(
    officer_client, officer, ta_van
):
    ticked = CooperativeFactory.create_batch(3, unit=ta_van)
    not_ticked = CooperativeFactory(unit=ta_van)
    earlier = SupportFactory(cooperative=not_ticked)
    response = officer_client.post(reverse("followup:support_bulk"), bulk_data(ta_van, ticked))
    assert response.status_code == 302
    saved = Support.objects.exclude(pk=earlier.pk)
    assert sorted(s.cooperative_id for s in saved) == sorted(c.pk for c in ticked)
    [batch] = {s.batch for s in saved}
    assert isinstance(batch, uuid.UUID)
    assert {(s.amount, s.funding_source, s.occasion) for s in saved} == {
        (1_500_000, "state_budget", "Hội chợ xúc tiến thương mại Sa Pa")
    }
    assert {h.history_user for h in Support.history.filter(batch=batch)} == {officer}
    assert response["Location"] == f"{reverse('followup:support_list')}?batch={batch}"
    shown = officer_client.get(response["Location"]).context["page"].object_list
    assert sorted(s.pk for s in shown) == sorted(s.pk for s in saved)


def test_a_forged_cooperative_of_another_unit_is_refused_and_nothing_saved(
    officer_client, ta_van, bat_xat
):
    own = CooperativeFactory.create_batch(2, unit=ta_van)
    elsewhere = CooperativeFactory(unit=bat_xat)
    response = officer_client.post(
        reverse("followup:support_bulk"), bulk_data(ta_van, [*own, elsewhere])
    )
    assert response.status_code == 200
    assert "cooperatives" in response.context["form"].errors
    assert not Support.objects.exists()


def test_the_bulk_page_narrows_the_cooperatives_by_unit_and_name(
    province_staff, officer, ta_van, bat_xat
):
    tea = CooperativeFactory(unit=ta_van, name="Hợp tác xã Chè Tả Van")
    brocade = CooperativeFactory(unit=ta_van, name="Hợp tác xã Thổ cẩm")
    rice = CooperativeFactory(unit=bat_xat, name="Hợp tác xã Lúa Bát Xát")
    old_commune = ta_van.predecessors.first()
    former = CooperativeFactory(unit=old_commune, name="Hợp tác xã Chè cổ thụ")
    url = reverse("followup:support_bulk")
    staff_client, officer_client = Client(), Client()
    staff_client.force_login(province_staff)
    officer_client.force_login(officer)

    def offered(client, **query):
        return set(client.get(url, query).context["form"].offered)

    assert offered(staff_client) == {tea, brocade, rice, former}
    # A unit's area includes the old communes it took over.
    assert offered(staff_client, unit=ta_van.pk) == {tea, brocade, former}
    assert offered(staff_client, unit=bat_xat.pk) == {rice}
    # The name is searched ignoring accents and case.
    assert offered(staff_client, q="che") == {tea, former}
    assert offered(staff_client, q="CHE", unit=old_commune.pk) == {former}
    # An officer is offered only their area, whatever unit they ask for.
    assert offered(officer_client) == {tea, brocade, former}
    assert offered(officer_client, unit=bat_xat.pk) == set()


def test_a_cooperative_ticked_outside_the_narrowed_list_but_in_the_area_is_saved(
    officer_client, ta_van
):
    tea = CooperativeFactory(unit=ta_van, name="Hợp tác xã Chè")
    brocade = CooperativeFactory(unit=ta_van, name="Hợp tác xã Thổ cẩm")
    url = reverse("followup:support_bulk") + "?q=che"
    response = officer_client.post(url, bulk_data(ta_van, [tea, brocade]))
    assert response.status_code == 302
    assert Support.objects.count() == 2


def test_the_bulk_entry_with_no_cooperative_ticked_saves_nothing(officer_client, ta_van):
    CooperativeFactory(unit=ta_van)
    response = officer_client.post(reverse("followup:support_bulk"), bulk_data(ta_van, []))
    assert response.status_code == 200
    assert "cooperatives" in response.context["form"].errors
    assert not Support.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": "-1500000"}, "amount"),
        ({"amount": "1500000", "funding_source": ""}, "funding_source"),
        ({"given_on": "32/01/2026"}, "given_on"),
    ],
    ids=["negative amount", "amount without source", "bad date"],
)
def test_an_invalid_bulk_entry_saves_no_record_at_all(officer_client, ta_van, overrides, field):
    ticked = CooperativeFactory.create_batch(3, unit=ta_van)
    response = officer_client.post(
        reverse("followup:support_bulk"), bulk_data(ta_van, ticked, **overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Support.objects.exists()


def test_a_bulk_entry_the_door_refuses_midway_keeps_none_of_its_records(
    officer_client, ta_van, monkeypatch
):
    ticked = CooperativeFactory.create_batch(3, unit=ta_van)
    real_save = writes.save
    saves = []

    def refuse_the_third(**arguments):
        saves.append(arguments["record"])
        if len(saves) == 3:
            raise ValidationError({"amount": "refused"})
        return real_save(**arguments)

    monkeypatch.setattr(writes, "save", refuse_the_third)
    response = officer_client.post(reverse("followup:support_bulk"), bulk_data(ta_van, ticked))
    assert response.status_code == 200
    assert "amount" in response.context["form"].errors
    assert len(saves) == 3  # two were written before the refusal…
    assert not Support.objects.exists()  # …and undone with it
    assert not Support.history.exists()


def test_a_leader_may_not_use_the_bulk_entry(client, leader, ta_van):
    ticked = CooperativeFactory.create_batch(2, unit=ta_van)
    client.force_login(leader)
    assert client.get(reverse("followup:support_bulk")).status_code == 403
    response = client.post(reverse("followup:support_bulk"), bulk_data(ta_van, ticked))
    assert response.status_code == 403
    assert not Support.objects.exists()


# The catalogue of kinds.


def kind_data(**overrides):
    return {"name": "Hỗ trợ bao bì sản phẩm", "counts_as": "", "position": "20"} | overrides


def test_province_staff_add_a_kind_and_stop_offering_it(staff_client, province_staff, ta_van):
    response = staff_client.post(reverse("followup:kind_create"), kind_data(active="on"))
    assert response.status_code == 302
    kind = SupportKind.objects.get(name="Hỗ trợ bao bì sản phẩm")
    assert kind.active
    assert SupportKind.history.get(id=kind.pk).history_user == province_staff
    cooperative = CooperativeFactory(unit=ta_van)
    offered = staff_client.get(create_url(cooperative)).context["form"].fields["kind"].queryset
    assert kind in offered
    record = SupportFactory(cooperative=cooperative, kind=kind)

    # Unticking "offered" (the box is absent from the post).
    edit = reverse("followup:kind_edit", args=[kind.pk])
    data = kind_data(version=kind.updated_at.isoformat())
    assert staff_client.post(edit, data).status_code == 302
    kind.refresh_from_db()
    assert not kind.active

    offered = staff_client.get(create_url(cooperative)).context["form"].fields["kind"].queryset
    assert kind not in offered
    refused = staff_client.post(create_url(cooperative), support_data(ta_van, kind=kind.pk))
    assert "kind" in refused.context["form"].errors
    assert Support.objects.count() == 1
    # The existing record keeps its kind, and its edit page still offers it.
    record.refresh_from_db()
    assert record.kind == kind
    record_edit = reverse("followup:support_edit", args=[record.pk])
    assert kind in staff_client.get(record_edit).context["form"].fields["kind"].queryset
    data = edit_data(record, occasion="Vẫn loại cũ")
    assert staff_client.post(record_edit, data).status_code == 302
    record.refresh_from_db()
    assert (record.kind, record.occasion) == (kind, "Vẫn loại cũ")
    # Nor is it offered by the bulk entry.
    bulk = staff_client.get(reverse("followup:support_bulk")).context["form"]
    assert kind not in bulk.fields["kind"].queryset
    # The catalogue still lists it, with its record.
    listed = {
        k.pk: k.records for k in staff_client.get(reverse("followup:kind_list")).context["kinds"]
    }
    assert listed[kind.pk] == 1


def test_a_kinds_name_is_unique(staff_client):
    taken = support_kind("loan").name
    response = staff_client.post(reverse("followup:kind_create"), kind_data(name=taken))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert SupportKind.objects.filter(name=taken).count() == 1


@pytest.mark.parametrize("user_fixture", ["officer", "leader"])
def test_only_province_staff_keep_the_catalogue(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    kind = support_kind("loan")
    create = reverse("followup:kind_create")
    edit = reverse("followup:kind_edit", args=[kind.pk])
    assert client.get(create).status_code == 403
    assert client.post(create, kind_data(active="on")).status_code == 403
    assert client.get(edit).status_code == 403
    data = kind_data(version=kind.updated_at.isoformat())
    assert client.post(edit, data).status_code == 403
    assert not SupportKind.objects.filter(name="Hỗ trợ bao bì sản phẩm").exists()
    kind.refresh_from_db()
    assert kind.active and kind.is_loan
    # They read the catalogue.
    assert client.get(reverse("followup:kind_list")).status_code == 200
