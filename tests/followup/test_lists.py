"""The lists of support given and of difficulties raised: their filters, their Excel exports
(the rows of the page, in the user's scope), the tables of what waits for an answer, and
their cost in queries."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from followup import exports
from org.models import Unit, User
from tests.factories import (
    CooperativeFactory,
    DifficultyFactory,
    LoanFactory,
    SupportFactory,
    UserFactory,
    support_kind,
    unit,
)
from tests.spreadsheets import open_xlsx, table

pytestmark = pytest.mark.django_db

PRE = Unit.CodeSet.PRE_2025


def days_ago(days) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def shown(response) -> set:
    """The primary keys of the records on a list's page."""
    assert response.status_code == 200
    return {record.pk for record in response.context["page"].object_list}


def pks(*records) -> set:
    return {record.pk for record in records}


def exported(response, export) -> list[dict]:
    """The data rows of a list's Excel file, as {column's value path or position: value}."""
    headers, rows = table(open_xlsx(response))
    assert len(headers) == len(export.columns)
    keys = [c.value if isinstance(c.value, str) else i for i, c in enumerate(export.columns)]
    return [dict(zip(keys, (cell.value for cell in row), strict=True)) for row in rows]


# Columns of the exports computed by a function, by position.
SUPPORT_COOPERATIVE, SUPPORT_UNIT, SUPPORT_KIND, SUPPORT_BODY = 1, 2, 3, 4
DIFFICULTY_COOPERATIVE, DIFFICULTY_BODY, DIFFICULTY_DAYS_OPEN = 1, 6, 8


# The support list.


@pytest.fixture
def supports(ta_van, bat_xat):
    """Five supports across units, kinds, sources, bodies and dates."""
    a_lu = unit("02692", PRE)  # an old commune of Bát Xát district, now part of Xã Y Tý
    old_town = unit("02683", PRE)  # Thị trấn Bát Xát before 2025, now part of Xã Bát Xát
    bank = unit("NHCSXH", "agency")
    industry = unit("SCT", "agency")
    tea = CooperativeFactory(unit=ta_van, name="Hợp tác xã Chè Tả Van")
    brocade = CooperativeFactory(unit=ta_van, name="Hợp tác xã Thổ cẩm Tả Van")
    return {
        "fair": SupportFactory(
            cooperative=tea,
            kind=support_kind("trade_promotion"),
            given_on=datetime.date(2026, 3, 5),
            funding_source="state_budget",
            amount=1_000_000,
        ),
        "loan": LoanFactory(
            cooperative=CooperativeFactory(unit=bat_xat, name="Hợp tác xã Lúa Bát Xát"),
            given_on=datetime.date(2026, 1, 20),
            body=bank,
        ),
        "a_lu": SupportFactory(
            cooperative=CooperativeFactory(unit=a_lu, name="Hợp tác xã Mây tre A Lù"),
            given_on=datetime.date(2025, 6, 15),
            funding_source="mobilised",
            amount=500_000,
            body=bat_xat,
        ),
        "old_town": SupportFactory(
            cooperative=CooperativeFactory(unit=old_town, name="Hợp tác xã Thị trấn"),
            given_on=datetime.date(2025, 5, 1),
        ),
        "brocade": SupportFactory(
            cooperative=brocade, given_on=datetime.date(2025, 12, 1), body=industry
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["fair", "loan", "a_lu", "old_town", "brocade"]),
        ({"counts_as": "loan"}, ["loan"]),
        ({"counts_as": "trade_promotion"}, ["fair"]),
        ({"funding_source": "state_budget"}, ["fair"]),
        ({"funding_source": "mobilised"}, ["a_lu"]),
        ({"lender": "social_policy_bank"}, ["loan"]),
        ({"given_from": "01/01/2026"}, ["fair", "loan"]),
        ({"given_to": "31/12/2025"}, ["a_lu", "old_town", "brocade"]),
        # Both ends are included.
        ({"given_from": "01/12/2025", "given_to": "20/01/2026"}, ["brocade", "loan"]),
        ({"q": "lua bat xat"}, ["loan"]),
        ({"q": "TẢ VAN"}, ["fair", "brocade"]),
        ({"q": "thổ cam ta"}, ["brocade"]),
        ({"q": "Hợp tác xã Không có"}, []),
        ({"q": "tả van", "funding_source": "state_budget"}, ["fair"]),
    ],
)
def test_the_support_list_filters(staff_client, supports, query, expected):
    response = staff_client.get(reverse("followup:support_list"), query)
    assert shown(response) == pks(*(supports[name] for name in expected))


def test_the_support_list_filters_by_kind_body_and_cooperative(staff_client, supports):
    url = reverse("followup:support_list")
    fair = supports["fair"]
    assert shown(staff_client.get(url, {"kind": fair.kind_id})) == pks(fair)
    advice = supports["old_town"].kind
    assert shown(staff_client.get(url, {"kind": advice.pk})) == pks(
        supports["a_lu"], supports["old_town"], supports["brocade"]
    )
    bank = supports["loan"].body
    assert shown(staff_client.get(url, {"body": bank.pk})) == pks(supports["loan"])
    cooperative = supports["brocade"].cooperative
    assert shown(staff_client.get(url, {"cooperative": cooperative.pk})) == pks(supports["brocade"])


def test_the_body_filter_refuses_a_body_it_does_not_offer(staff_client, supports, ta_van):
    """Today's bodies only, as the picker offers them: a former unit, the province or any other
    id is refused, and the list is not narrowed by it (the summary's figures of a former body
    lead to the list by `given_by`)."""
    url = reverse("followup:support_list")
    a_lu = supports["a_lu"].cooperative.unit  # a commune until 2025
    by_a_lu = SupportFactory(cooperative=CooperativeFactory(unit=ta_van), body=a_lu)
    everything = shown(staff_client.get(url))
    province = Unit.objects.get(kind=Unit.Kind.PROVINCE, code_set=Unit.CodeSet.FROM_2025)
    for body in (a_lu.pk, province.pk, 0, "x"):
        response = staff_client.get(url, {"body": body})
        assert "body" in response.context["filters"].form.errors, body
        assert shown(response) == everything
    assert shown(staff_client.get(url, {"given_by": a_lu.pk})) == pks(by_a_lu)


def test_the_export_names_the_body_filtered_by(staff_client, supports):
    bank = supports["loan"].body
    response = staff_client.get(reverse("followup:support_list_xlsx"), {"body": bank.pk})
    assert [row[SUPPORT_BODY] for row in exported(response, exports.SUPPORTS)] == [str(bank)]
    sheet = open_xlsx(response)
    said = " ".join(str(cell.value) for row in sheet.iter_rows(max_row=3) for cell in row)
    assert f": {bank}" in said


def option(unit_, selected=False) -> str:
    """A unit's option in a picker."""
    return f'<option value="{unit_.pk}"{" selected" if selected else ""}>{unit_}</option>'


@pytest.mark.parametrize("name", ["followup:support_list", "followup:difficulty_list"])
def test_the_pickers_are_kept_until_a_unit_changes(staff_client, ta_van, name):
    """Province staff's unit picker offers every unit, former ones too; the body picker
    today's bodies: both from lists kept until a unit changes."""
    url = reverse(name)
    page = staff_client.get(url).content.decode()
    bank, district = unit("NHCSXH", "agency"), unit("082", PRE)
    assert page.count(option(bank)) == 2  # a unit, and a body
    assert page.count(option(district)) == 1  # a unit only: no longer a body
    province = Unit.objects.get(kind=Unit.Kind.PROVINCE, code_set=Unit.CodeSet.FROM_2025)
    new = Unit.objects.create(
        code_set=Unit.CodeSet.AGENCY,
        code="SMOI",
        name="Sở Mới Lập",
        kind=Unit.Kind.DEPARTMENT,
        parent=province,
    )
    page = staff_client.get(url, {"body": new.pk, "unit": new.pk}).content.decode()
    assert page.count(option(new, selected=True)) == 2


def test_the_support_list_filters_by_unit_with_its_area(staff_client, supports, ta_van, bat_xat):
    url = reverse("followup:support_list")
    # An old district finds the cooperatives of its old communes.
    district = unit("082", PRE)
    assert shown(staff_client.get(url, {"unit": district.pk})) == pks(
        supports["a_lu"], supports["old_town"]
    )
    # A 2025 commune finds those of the old communes it took over.
    assert shown(staff_client.get(url, {"unit": bat_xat.pk})) == pks(
        supports["loan"], supports["old_town"]
    )
    assert shown(staff_client.get(url, {"unit": ta_van.pk})) == pks(
        supports["fair"], supports["brocade"]
    )


def test_an_officer_lists_their_areas_supports_and_those_their_unit_gave(
    client, officer, supports, ta_van, bat_xat
):
    given = SupportFactory(cooperative=CooperativeFactory(unit=bat_xat), body=ta_van)
    client.force_login(officer)
    url = reverse("followup:support_list")
    mine = pks(supports["fair"], supports["brocade"], given)
    assert shown(client.get(url)) == mine
    # Narrowed to the other unit: what Tả Van gave there, nothing else of Bát Xát's.
    assert shown(client.get(url, {"unit": bat_xat.pk})) == pks(given)


def test_a_bodys_officer_lists_only_the_supports_their_body_gave(supports):
    body_officer = UserFactory(role=User.Role.UNIT_OFFICER, unit=supports["brocade"].body)
    client = Client()
    client.force_login(body_officer)
    assert shown(client.get(reverse("followup:support_list"))) == pks(supports["brocade"])
    rows = exported(client.get(reverse("followup:support_list_xlsx")), exports.SUPPORTS)
    assert [row[SUPPORT_COOPERATIVE] for row in rows] == ["Hợp tác xã Thổ cẩm Tả Van"]
    assert client.get(supports["brocade"].get_absolute_url()).status_code == 200
    assert client.get(supports["fair"].get_absolute_url()).status_code == 404


def test_the_support_export_holds_the_filtered_rows(staff_client, supports):
    response = staff_client.get(reverse("followup:support_list_xlsx"), {"given_from": "01/01/2026"})
    rows = exported(response, exports.SUPPORTS)
    assert [row[SUPPORT_COOPERATIVE] for row in rows] == [
        "Hợp tác xã Chè Tả Van",
        "Hợp tác xã Lúa Bát Xát",
    ]
    fair, loan = rows
    assert fair["given_on"].date() == datetime.date(2026, 3, 5)
    assert (fair["amount"], fair["loan_amount"], fair["loan_term_months"]) == (1_000_000, 0, None)
    assert fair[SUPPORT_UNIT] == "Xã Tả Van"
    assert fair[SUPPORT_KIND] == support_kind("trade_promotion").name
    assert (loan["loan_amount"], loan["loan_term_months"]) == (100_000_000, 36)
    assert loan[SUPPORT_BODY] == "Ngân hàng Chính sách xã hội tỉnh"
    # The same filters as the page: the export link carries them.
    page = staff_client.get(reverse("followup:support_list"), {"given_from": "01/01/2026"})
    link = reverse("followup:support_list_xlsx") + "?" + page.context["page"].query
    assert link in page.content.decode().replace("&amp;", "&")


def test_a_unit_officers_support_export_never_holds_another_units_rows(
    officer, supports, ta_van, bat_xat
):
    given = SupportFactory(
        cooperative=CooperativeFactory(unit=bat_xat, name="Hợp tác xã Được Tả Van hỗ trợ"),
        body=ta_van,
    )
    client = Client()
    client.force_login(officer)
    url = reverse("followup:support_list_xlsx")
    names = {row[SUPPORT_COOPERATIVE] for row in exported(client.get(url), exports.SUPPORTS)}
    assert names == {
        "Hợp tác xã Chè Tả Van",
        "Hợp tác xã Thổ cẩm Tả Van",
        given.cooperative.name,
    }
    for query in ({"unit": bat_xat.pk}, {"q": "bat xat"}, {"body": bat_xat.pk}):
        rows = exported(client.get(url, query), exports.SUPPORTS)
        assert {row[SUPPORT_COOPERATIVE] for row in rows} <= names


# The difficulty list.


@pytest.fixture
def industry():
    return unit("SCT", "agency")


@pytest.fixture
def waiting(ta_van, bat_xat, industry):
    """Difficulties waiting and answered, around the 90 days' mark."""
    finance = unit("STC", "agency")
    tea = CooperativeFactory(unit=ta_van, name="Hợp tác xã Chè Tả Van")
    rice = CooperativeFactory(unit=bat_xat, name="Hợp tác xã Lúa Bát Xát")
    answered = {"answer": "Đã giải quyết", "answered_on": days_ago(5)}
    return {
        # Open 91 days: overdue. Open exactly 90 days: not yet.
        "days_91": DifficultyFactory(cooperative=tea, body=industry, raised_on=days_ago(91)),
        "days_90": DifficultyFactory(
            cooperative=tea, body=industry, raised_on=days_ago(90), state="in_progress"
        ),
        "recent": DifficultyFactory(
            cooperative=rice, body=industry, raised_on=days_ago(10), category="market"
        ),
        "old_open": DifficultyFactory(cooperative=rice, body=bat_xat, raised_on=days_ago(200)),
        "resolved": DifficultyFactory(
            cooperative=tea, body=ta_van, raised_on=days_ago(300), state="resolved", **answered
        ),
        "forwarded": DifficultyFactory(
            cooperative=tea, body=finance, raised_on=days_ago(150), state="forwarded", **answered
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["days_91", "days_90", "recent", "old_open", "resolved", "forwarded"]),
        ({"state": "waiting"}, ["days_91", "days_90", "recent", "old_open"]),
        ({"state": "open"}, ["days_91", "recent", "old_open"]),
        ({"state": "in_progress"}, ["days_90"]),
        ({"state": "resolved"}, ["resolved"]),
        ({"state": "forwarded"}, ["forwarded"]),
        ({"overdue": "on"}, ["days_91", "old_open"]),
        ({"overdue": "on", "state": "waiting"}, ["days_91", "old_open"]),
        ({"category": "market"}, ["recent"]),
        ({"q": "lua bat"}, ["recent", "old_open"]),
        ({"q": "che ta van", "state": "waiting"}, ["days_91", "days_90"]),
    ],
)
def test_the_difficulty_list_filters(staff_client, waiting, query, expected):
    response = staff_client.get(reverse("followup:difficulty_list"), query)
    assert shown(response) == pks(*(waiting[name] for name in expected))


def test_the_difficulty_list_filters_by_unit_body_cooperative_and_dates(
    staff_client, waiting, bat_xat, industry
):
    url = reverse("followup:difficulty_list")
    assert shown(staff_client.get(url, {"unit": bat_xat.pk})) == pks(
        waiting["recent"], waiting["old_open"]
    )
    assert shown(staff_client.get(url, {"body": industry.pk, "state": "waiting"})) == pks(
        waiting["days_91"], waiting["days_90"], waiting["recent"]
    )
    tea = waiting["days_91"].cooperative
    assert shown(staff_client.get(url, {"cooperative": tea.pk, "overdue": "on"})) == pks(
        waiting["days_91"]
    )
    since = days_ago(91).strftime("%d/%m/%Y")
    until = days_ago(90).strftime("%d/%m/%Y")
    dates = {"raised_from": since, "raised_to": until}
    assert shown(staff_client.get(url, dates)) == pks(waiting["days_91"], waiting["days_90"])


def test_the_list_marks_difficulties_open_more_than_90_days(staff_client, waiting):
    response = staff_client.get(reverse("followup:difficulty_list"))
    page = response.content.decode()
    # days_91 and old_open; days_90 is not overdue yet, answered ones never are.
    assert page.count('<tr class="overdue">') == 2
    marked = {name for name, d in waiting.items() if 'class="overdue"' in _row_of(page, d)}
    assert marked == {"days_91", "old_open"}


def _row_of(page: str, difficulty) -> str:
    """The table row's opening tag of `difficulty` on the list page."""
    link = f'<a href="{difficulty.get_absolute_url()}">'
    start = page.rindex("<tr", 0, page.index(link))
    return page[start : page.index(">", start) + 1]


def test_the_waiting_tables_count_by_body_and_by_unit(staff_client, waiting, ta_van, bat_xat):
    response = staff_client.get(reverse("followup:difficulty_list"))
    industry = waiting["days_91"].body
    # Most overdue first, then most waiting, then by name; answered ones left out.
    assert [
        (row["body_id"], row["waiting"], row["overdue"]) for row in response.context["by_body"]
    ] == [(industry.pk, 3, 1), (bat_xat.pk, 1, 1)]
    assert [
        (row["cooperative__unit_id"], row["waiting"], row["overdue"])
        for row in response.context["by_unit"]
    ] == [(bat_xat.pk, 2, 1), (ta_van.pk, 2, 1)]
    # They count the filtered difficulties.
    response = staff_client.get(reverse("followup:difficulty_list"), {"body": industry.pk})
    assert [
        (row["cooperative__unit_id"], row["waiting"], row["overdue"])
        for row in response.context["by_unit"]
    ] == [(ta_van.pk, 2, 1), (bat_xat.pk, 1, 0)]
    # Each row links to its waiting difficulties.
    page = response.content.decode()
    assert f'href="?state=waiting&amp;body={industry.pk}"' in page
    assert f'href="?state=waiting&amp;unit={ta_van.pk}"' in page


def test_a_unit_officers_tables_count_only_their_scope(client, officer, waiting, ta_van):
    client.force_login(officer)
    response = client.get(reverse("followup:difficulty_list"))
    assert shown(response) == pks(
        waiting["days_91"], waiting["days_90"], waiting["resolved"], waiting["forwarded"]
    )
    assert [(r["body_id"], r["waiting"], r["overdue"]) for r in response.context["by_body"]] == [
        (waiting["days_91"].body_id, 2, 1)
    ]
    assert [
        (r["cooperative__unit_id"], r["waiting"], r["overdue"]) for r in response.context["by_unit"]
    ] == [(ta_van.pk, 2, 1)]


def test_the_difficulty_export_holds_the_filtered_rows_with_days_open(staff_client, waiting):
    response = staff_client.get(reverse("followup:difficulty_list_xlsx"), {"state": "waiting"})
    rows = exported(response, exports.DIFFICULTIES)
    assert sorted(row[DIFFICULTY_DAYS_OPEN] for row in rows) == [10, 90, 91, 200]
    days_91 = next(row for row in rows if row[DIFFICULTY_DAYS_OPEN] == 91)
    assert days_91["raised_on"].date() == days_ago(91)
    assert days_91["description"] == waiting["days_91"].description
    assert days_91[DIFFICULTY_BODY] == "Sở Công Thương"
    assert days_91["answered_on"] is None
    response = staff_client.get(reverse("followup:difficulty_list_xlsx"), {"state": "resolved"})
    [resolved] = exported(response, exports.DIFFICULTIES)
    assert resolved[DIFFICULTY_DAYS_OPEN] is None
    assert (resolved["answer"], resolved["answered_on"].date()) == ("Đã giải quyết", days_ago(5))


def test_a_bodys_officers_difficulty_export_holds_only_what_names_their_body(waiting, industry):
    body_officer = UserFactory(role=User.Role.UNIT_OFFICER, unit=industry)
    client = Client()
    client.force_login(body_officer)
    url = reverse("followup:difficulty_list_xlsx")
    rows = exported(client.get(url), exports.DIFFICULTIES)
    assert sorted(row["description"] for row in rows) == sorted(
        waiting[name].description for name in ("days_91", "days_90", "recent")
    )


def test_a_unit_officers_difficulty_export_never_holds_another_units_rows(
    officer, waiting, bat_xat
):
    client = Client()
    client.force_login(officer)
    url = reverse("followup:difficulty_list_xlsx")
    mine = {waiting[name].description for name in ("days_91", "days_90", "resolved", "forwarded")}
    for query in ({}, {"unit": bat_xat.pk}, {"q": "lua bat xat"}, {"body": bat_xat.pk}):
        rows = exported(client.get(url, query), exports.DIFFICULTIES)
        assert {row["description"] for row in rows} <= mine
    assert {row["description"] for row in exported(client.get(url), exports.DIFFICULTIES)} == mine


# What the lists and their exports cost.


def add_rows(count, ta_van):
    """`count` supports and difficulties of cooperatives in Tả Van's old communes (whose names
    name their district), each given by or assigned to another old commune or body."""
    communes = list(ta_van.predecessors.order_by("pk"))
    bodies = [*communes, unit("SCT", "agency"), ta_van]
    kinds = [support_kind(""), support_kind("trade_promotion")]
    for n in range(count):
        cooperative = CooperativeFactory(unit=communes[n % len(communes)])
        body = bodies[n % len(bodies)]
        SupportFactory(cooperative=cooperative, body=body, kind=kinds[n % 2])
        DifficultyFactory(cooperative=cooperative, body=body, raised_on=days_ago(n * 20))


# A list page: session, user; the page's count, its ids and its rows (with cooperative,
# unit, kind and body); the kept choices of bodies (the units' version, then the list) and
# of units (the same two reads), and, for supports, the kinds; the waiting-by-body and
# waiting-by-unit tables (difficulties); then the session's save (savepoint, update,
# release). A unit officer's units are read instead (1: those of their area and of the
# cooperatives their records name), and they add their area's levels (2) and their unit,
# named in the page's header (1).
LIST_QUERIES = {
    ("followup:support_list", "staff_client"): 13,
    ("followup:support_list", "officer_client"): 15,
    ("followup:difficulty_list", "staff_client"): 14,
    ("followup:difficulty_list", "officer_client"): 16,
}


@pytest.mark.parametrize("role_client", ["staff_client", "officer_client"])
@pytest.mark.parametrize(
    "name", ["followup:support_list", "followup:difficulty_list"], ids=["supports", "difficulties"]
)
def test_a_lists_queries_do_not_grow_with_rows(
    request, role_client, name, ta_van, django_assert_num_queries
):
    client = request.getfixturevalue(role_client)
    url = reverse(name)
    add_rows(2, ta_van)
    client.get(url)  # what is kept is kept from now on
    expected = LIST_QUERIES[name, role_client]
    with django_assert_num_queries(expected):
        assert len(shown(client.get(url))) == 2
    add_rows(10, ta_van)
    client.get(url)
    with django_assert_num_queries(expected):
        assert len(shown(client.get(url))) == 12


# An export filtered by a unit: session, user; the kept choices of bodies, against which a
# body chosen is checked (the units' version, then the list); the unit chosen, checked
# against the user's units; the kept reporting map (its version, then itself) and the unit's
# area (2 levels); the rows with all they show, once per chunk of 1,000; then the session's
# save (3); the access log's row of the download (1). A unit officer adds their area's
# levels (2).
EXPORT_QUERIES = {
    ("followup:support_list_xlsx", "staff_client"): 14,
    ("followup:support_list_xlsx", "officer_client"): 16,
    ("followup:difficulty_list_xlsx", "staff_client"): 14,
    ("followup:difficulty_list_xlsx", "officer_client"): 16,
}


@pytest.mark.parametrize("role_client", ["staff_client", "officer_client"])
@pytest.mark.parametrize(
    ("name", "export"),
    [
        ("followup:support_list_xlsx", exports.SUPPORTS),
        ("followup:difficulty_list_xlsx", exports.DIFFICULTIES),
    ],
    ids=["supports", "difficulties"],
)
def test_an_exports_queries_do_not_grow_with_rows(
    request, role_client, name, export, ta_van, django_assert_num_queries
):
    client = request.getfixturevalue(role_client)
    url = reverse(name) + f"?unit={ta_van.pk}"
    add_rows(2, ta_van)
    client.get(url)
    expected = EXPORT_QUERIES[name, role_client]
    with django_assert_num_queries(expected):
        assert len(exported(client.get(url), export)) == 2
    add_rows(10, ta_van)
    with django_assert_num_queries(expected):
        assert len(exported(client.get(url), export)) == 12


# What an officer sees of other units' cooperatives.


def test_a_bodys_officer_narrows_what_waits_for_them_by_the_cooperatives_unit(
    waiting, industry, ta_van, bat_xat
):
    body_officer = UserFactory(role=User.Role.UNIT_OFFICER, unit=industry)
    client = Client()
    client.force_login(body_officer)
    url = reverse("followup:difficulty_list")
    response = client.get(url)
    # The table of their waiting difficulties by unit links to each unit's…
    for row in response.context["by_unit"]:
        link = f'href="?state=waiting&amp;unit={row["cooperative__unit_id"]}"'
        assert link in response.content.decode()
    # …which lists that unit's only.
    assert shown(client.get(url, {"state": "waiting", "unit": ta_van.pk})) == pks(
        waiting["days_91"], waiting["days_90"]
    )
    assert shown(client.get(url, {"state": "waiting", "unit": bat_xat.pk})) == pks(
        waiting["recent"]
    )
    # A unit none of their records names is not offered.
    other = unit("03013")
    assert other not in response.context["filters"].form.fields["unit"].queryset
    assert shown(client.get(url, {"unit": other.pk})) == shown(response)


def test_a_cooperative_outside_the_officers_area_is_named_without_a_link_to_its_page(
    client, officer, ta_van, bat_xat
):
    own = SupportFactory(cooperative=CooperativeFactory(unit=ta_van))
    given = SupportFactory(cooperative=CooperativeFactory(unit=bat_xat), body=ta_van)
    client.force_login(officer)
    own_page = reverse("followup:cooperative", args=[own.cooperative_id])
    their_page = reverse("followup:cooperative", args=[given.cooperative_id])
    assert client.get(their_page).status_code == 404
    listed = client.get(reverse("followup:support_list")).content.decode()
    assert f'href="{own_page}"' in listed
    assert f'href="{their_page}"' not in listed
    assert given.cooperative.name in listed
    detail = client.get(given.get_absolute_url()).content.decode()
    assert f'href="{their_page}"' not in detail
    assert given.cooperative.name in detail
    assert f'href="{own_page}"' in client.get(own.get_absolute_url()).content.decode()
    difficulty = DifficultyFactory(cooperative=given.cooperative, body=ta_van)
    detail = client.get(difficulty.get_absolute_url()).content.decode()
    assert f'href="{their_page}"' not in detail
