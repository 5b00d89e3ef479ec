"""The submission's activity and money figures counted from the follow-up records: what they
count, how they come pre-filled and linked, how a unit corrects one (with a reason), what
submitting freezes, and what the provincial report says of their origin."""

import datetime
import importlib
import uuid

import pytest
from django.apps import apps
from django.urls import reverse

from followup import figures
from reporting import rollup, services
from reporting.models import Submission, SubmissionEvent
from tests.factories import (
    CooperativeFactory,
    LoanFactory,
    ReportingRoundFactory,
    SubmissionFactory,
    SupportFactory,
    support_kind,
    unit,
)
from tests.queries import count_queries
from tests.submissions import draft_data, page_url

pytestmark = pytest.mark.django_db
FIRST, LAST = datetime.date(2026, 1, 1), datetime.date(2026, 11, 14)


@pytest.fixture
def round_2026():
    return ReportingRoundFactory(year=2026)


@pytest.fixture
def tavan_records(ta_van, bat_xat):
    """Tả Van's supports of 2026: a trade fair for three cooperatives (one event), another
    fair for one, two loans to one cooperative, money from two sources; and what must not
    count: Bát Xát's fair, a Tả Van fair of 2025 and one after the period's end."""
    coops = [CooperativeFactory(unit=ta_van) for _ in range(3)]
    fair, batch = support_kind("trade_promotion"), uuid.uuid4()
    for coop in coops:
        SupportFactory(
            cooperative=coop,
            kind=fair,
            batch=batch,
            given_on=FIRST,
            funding_source="state_budget",
            amount=2_000_000,
        )
    SupportFactory(cooperative=coops[0], kind=fair, given_on=LAST)
    LoanFactory(cooperative=coops[1], loan_amount=50_000_000, given_on=datetime.date(2026, 5, 1))
    LoanFactory(cooperative=coops[1], loan_amount=30_000_000, given_on=datetime.date(2026, 6, 1))
    SupportFactory(cooperative=coops[2], funding_source="mobilised", amount=700_000)
    SupportFactory(cooperative=CooperativeFactory(unit=bat_xat), kind=fair)
    SupportFactory(cooperative=coops[0], kind=fair, given_on=datetime.date(2025, 12, 31))
    SupportFactory(cooperative=coops[0], kind=fair, given_on=datetime.date(2026, 11, 15))
    return coops


EXPECTED = {
    "trade_promotion_events": 2,
    "loans_count": 1,
    "loans_amount": 80_000_000,
    "funding_state_budget": 6_000_000,
    "funding_credit": 0,
    "funding_mobilised": 700_000,
    "funding_cooperatives": 0,
}


def test_counted_figures_follow_their_definition(ta_van, tavan_records):
    assert figures.counted(ta_van, FIRST, LAST) == EXPECTED


def test_a_provincial_body_counts_what_it_gave(ta_van, bat_xat):
    sct = unit("SCT", "agency")
    SupportFactory(
        cooperative=CooperativeFactory(unit=ta_van), body=sct, kind=support_kind("trade_promotion")
    )
    SupportFactory(
        cooperative=CooperativeFactory(unit=bat_xat), body=sct, funding_source="credit", amount=5
    )
    SupportFactory(cooperative=CooperativeFactory(unit=bat_xat))  # given by Bát Xát itself
    counted = figures.counted(sct, FIRST, LAST)
    assert (counted["trade_promotion_events"], counted["funding_credit"]) == (1, 5)
    assert figures.counted(bat_xat, FIRST, LAST)["funding_credit"] == 5


def test_a_new_communes_record_before_the_reform_counts_under_its_old_district():
    # Mường Hum (new 02728) took over communes of Bát Xát district (082) on 01/07/2025.
    coop = CooperativeFactory(unit=unit("02728"))
    day = datetime.date(2024, 6, 1)
    SupportFactory(cooperative=coop, kind=support_kind("trade_promotion"), given_on=day)
    district = unit("082", "pre2025")
    first, last = datetime.date(2024, 1, 1), datetime.date(2024, 11, 14)
    assert figures.counted(district, first, last)["trade_promotion_events"] == 1


def test_the_draft_comes_pre_filled_and_each_figure_links_to_what_it_counts(
    officer_client, round_2026, tavan_records
):
    response = officer_client.get(page_url(round_2026))
    form = response.context["form"]
    for name, figure in EXPECTED.items():
        assert form[name].value() == figure, name
    rows = {field.name: link for field, _counted, link, _reason in form.entry_rows if link}
    assert set(rows) == set(figures.COUNTED_FIELDS)
    listed = officer_client.get(rows["funding_state_budget"]).context["page"].object_list
    assert sorted(s.amount for s in listed) == [2_000_000] * 3
    listed = officer_client.get(rows["loans_amount"]).context["page"].object_list
    assert sum(s.loan_amount for s in listed) == EXPECTED["loans_amount"]
    listed = officer_client.get(rows["trade_promotion_events"]).context["page"].object_list
    assert len(listed) == 4  # three cooperatives of one fair, and another fair


def test_a_changed_figure_needs_a_reason_and_nothing_is_saved_without_one(
    officer_client, round_2026, tavan_records
):
    data = draft_data(**EXPECTED) | {"loans_count": 2}
    response = officer_client.post(page_url(round_2026), data)
    assert response.status_code == 200
    assert "reason_loans_count" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_a_changed_figure_with_its_reason_is_kept_and_told_to_province_staff(
    client, officer, province_staff, round_2026, tavan_records
):
    client.force_login(officer)
    reason = "Một hộ vay qua tổ tiết kiệm chưa ghi vào hồ sơ"
    data = draft_data(**EXPECTED) | {"loans_count": 2, "reason_loans_count": reason}
    assert client.post(page_url(round_2026), data).status_code == 302
    submission = Submission.objects.get()
    assert submission.loans_count == 2
    assert submission.corrections == {"loans_count": reason}
    saved = submission.events.get(action=SubmissionEvent.Action.SAVED)
    assert reason in saved.reason and saved.actor == officer
    services.submit(submission=submission, by=officer)

    client.force_login(province_staff)
    page = client.get(page_url(round_2026)).content.decode()
    assert reason in page
    history = Submission.history.filter(id=submission.pk).order_by("history_date")
    assert history.last().corrections == {"loans_count": reason}


def test_submitting_freezes_the_count_and_later_records_change_nothing(
    officer, ta_van, round_2026, tavan_records
):
    submission = SubmissionFactory(round=round_2026, unit=ta_van, corrections={})
    services.submit(submission=submission, by=officer)
    submission.refresh_from_db()
    assert submission.from_records == EXPECTED
    assert submission.funding_state_budget == 6_000_000  # the draft held 0: the count wins
    SupportFactory(cooperative=tavan_records[0], funding_source="state_budget", amount=9)
    submission.refresh_from_db()
    assert submission.funding_state_budget == 6_000_000


def test_a_correction_survives_the_submit_and_one_that_matches_the_count_goes(
    officer, ta_van, round_2026, tavan_records
):
    submission = SubmissionFactory(
        round=round_2026,
        unit=ta_van,
        loans_count=3,
        funding_mobilised=700_000,
        corrections={"loans_count": "Thêm hai hộ", "funding_mobilised": "Đã kiểm tra"},
    )
    services.submit(submission=submission, by=officer)
    submission.refresh_from_db()
    assert submission.loans_count == 3
    assert submission.corrections == {"loans_count": "Thêm hai hộ"}


def test_the_provincial_report_says_how_many_figures_came_from_records(
    client, officer, province_staff, ta_van, bat_xat, round_2026, tavan_records
):
    own = SubmissionFactory(round=round_2026, unit=ta_van, awards=1, corrections={})
    services.submit(submission=own, by=officer)
    services.accept(submission=own, by=province_staff)
    other = SubmissionFactory(round=round_2026, unit=bat_xat, loans_count=4)  # corrected
    services.submit(submission=other, by=province_staff)
    services.accept(submission=other, by=province_staff)
    origins = rollup.rollup(round_2026)["origins"]
    # 7 counted figures of 10 each; Bát Xát corrected one of its seven.
    assert origins == {"from_records": 7 + 6, "typed": 3 + 4, "corrected": 1}
    client.force_login(province_staff)
    page = client.get(reverse("reporting:provincial_report", args=[round_2026.pk]))
    assert (
        "13 số liệu lấy từ hồ sơ theo dõi hỗ trợ và 7 số liệu do đơn vị nhập, trong đó 1 số "
        "liệu sửa so với hồ sơ"
    ) in page.content.decode()


def test_open_reports_keep_the_figures_typed_before_counting_began(ta_van, round_2026):
    submission = SubmissionFactory(round=round_2026, unit=ta_van, loans_amount=5, corrections={})
    accepted_like = Submission.objects.filter(pk=submission.pk)
    migration = importlib.import_module(
        "reporting.migrations.0004_keep_typed_figures_of_open_reports"
    )
    migration.keep_typed_figures(apps, None)
    assert set(accepted_like.get().corrections) == {"loans_amount"}


def test_counting_from_records_costs_the_page_the_same_for_few_and_many_records(
    officer_client, ta_van, round_2026
):
    coop = CooperativeFactory(unit=ta_van)
    SupportFactory(cooperative=coop, funding_source="state_budget", amount=1)
    url = page_url(round_2026)
    officer_client.get(url)  # what is kept (the unit map) is filled
    few = count_queries(officer_client, url)
    for _ in range(20):
        LoanFactory(cooperative=CooperativeFactory(unit=ta_van))
    officer_client.get(url)
    assert count_queries(officer_client, url) == few
