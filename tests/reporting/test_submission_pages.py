"""The submission page: the draft form, the workflow buttons, the locked message."""

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import Submission
from tests.factories import ReportingRoundFactory, SubmissionFactory, UserFactory
from tests.submissions import draft_data, page_url, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_2026():
    return ReportingRoundFactory(year=2026)


def test_an_officer_saves_a_draft_with_courses_and_narratives(officer_client, round_2026):
    task = officer_client.get(page_url(round_2026)).context["form"].tasks[0]
    data = draft_data(**{f"task_{task.pk}_results": "Đã tổ chức 2 lớp tập huấn"})
    response = officer_client.post(page_url(round_2026), data)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.media_reports == 4
    assert submission.courses["governance"] == {"courses": 2, "participants": 35, "female": 30}
    assert submission.narratives[str(task.pk)]["results"] == "Đã tổ chức 2 lớp tập huấn"
    assert submission.events.get().action == "saved"


def test_a_course_count_beyond_reason_is_refused_beside_it(officer_client, round_2026):
    # Stored as JSON, which bounds nothing: 10^30 was once accepted, summed and printed 1e+30.
    huge = 10**30
    response = officer_client.post(
        page_url(round_2026),
        draft_data(course_governance_courses=huge, course_governance_participants=huge),
    )
    form = response.context["form"]
    assert form.errors["course_governance_courses"] == ["Số quá lớn."]
    assert form.errors["course_governance_participants"] == ["Số quá lớn."]
    assert not Submission.objects.exists()


def test_bad_figures_save_nothing_and_say_why(officer_client, round_2026):
    response = officer_client.post(
        page_url(round_2026), draft_data(course_governance_female=40, awards=-1)
    )
    form = response.context["form"]
    assert form.errors["course_governance_female"] == [
        "Số nữ (40) không được lớn hơn số người tham gia (35)."
    ]
    assert form.errors["awards"] == ["Không được là số âm."]
    assert not Submission.objects.exists()


def test_officer_submits_then_sees_why_the_form_is_locked(officer_client, round_2026):
    officer_client.post(page_url(round_2026), draft_data())
    response = officer_client.post(step_url(round_2026, "submit"), follow=True)
    page = response.content.decode()
    assert "Đã gửi báo cáo lên tỉnh." in page and "đang chờ tỉnh xem xét" in page
    assert response.context["may_edit"] is False
    # A forged save after submitting changes nothing.
    assert (
        officer_client.post(page_url(round_2026), draft_data(media_reports=99)).status_code == 403
    )
    assert Submission.objects.get().media_reports == 4


def test_staff_return_needs_a_reason_and_accept_locks(client, officer, province_staff, round_2026):
    client.force_login(officer)
    client.post(page_url(round_2026), draft_data())
    client.post(step_url(round_2026, "submit"))
    client.force_login(province_staff)
    page = client.post(step_url(round_2026, "return"), {"reason": ""}, follow=True).content.decode()
    assert "Hãy nêu lý do." in page
    client.post(step_url(round_2026, "accept"))
    submission = Submission.objects.get()
    assert submission.state == "accepted"
    client.force_login(officer)
    page = client.get(page_url(round_2026)).content.decode()
    assert "Đã được" in page and "tiếp nhận lúc" in page  # who and when, not a bare refusal


def test_a_unit_officer_sees_only_own_row_on_the_board(officer_client, round_2026):
    response = officer_client.get(reverse("reporting:round_board", args=[round_2026.pk]))
    assert [row.unit.code for row in response.context["page"].object_list] == ["03037"]
    assert response.context["summary"] is None


def test_province_staff_open_a_round(staff_client):
    response = staff_client.post(reverse("reporting:round_list"), {"year": 2026, "kind": "annual"})
    assert response.status_code == 302
    response = staff_client.post(reverse("reporting:round_list"), {"year": 2026, "kind": "annual"})
    assert "Năm này đã có kỳ báo cáo loại này." in response.content.decode()


def test_huge_amounts_are_refused_beside_the_field(officer_client, round_2026):
    response = officer_client.post(
        page_url(round_2026), draft_data(funding_state_budget=5 * 10**18)
    )
    assert response.context["form"].errors["funding_state_budget"] == ["Số tiền quá lớn."]
    assert not Submission.objects.exists()


def test_the_admin_shows_reports_but_never_changes_them(client, round_2026, officer):
    admin_user = UserFactory(role="admin", is_staff=True, is_superuser=True)
    submission = SubmissionFactory(round=round_2026)
    services.submit(submission=submission, by=officer)
    client.force_login(admin_user)
    url = reverse("admin:reporting_submission_change", args=[submission.pk])
    assert client.get(url).status_code == 200  # view only
    assert client.post(url, {"funding_state_budget": 1}).status_code == 403


def test_save_and_submit_keeps_what_was_typed(officer_client, round_2026):
    response = officer_client.post(
        page_url(round_2026), draft_data(awards=2, and_submit="1"), follow=True
    )
    assert "Đã gửi báo cáo lên tỉnh." in response.content.decode()
    submission = Submission.objects.get()
    assert (submission.state, submission.awards) == ("submitted", 2)
    assert list(submission.events.values_list("action", flat=True)) == ["saved", "submitted"]


def test_a_returned_report_shows_its_reason_first(client, officer, province_staff, round_2026):
    submission = SubmissionFactory(round=round_2026)
    services.submit(submission=submission, by=officer)
    services.return_submission(submission=submission, by=province_staff, reason="Bổ sung tệp")
    client.force_login(officer)
    response = client.get(page_url(round_2026))
    assert response.context["return_reason"] == "Bổ sung tệp"
    assert "Được trả lại để chỉnh sửa:" in response.content.decode()
