"""The submission workflow: every transition, every forbidden one, freezing and lateness."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from org.models import User
from reporting import services
from reporting.models import ReportingRound, Submission, SubmissionEvent
from tests.factories import UserFactory, supported, unit

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
State = Submission.State


@pytest.fixture
def round_2026():
    return services.create_round(by=UserFactory.build(), year=2026)


@pytest.fixture
def draft(round_2026, ta_van):
    return services.start_submission(round_=round_2026, unit=ta_van)


def test_a_round_expects_the_units_valid_at_its_end(round_2026):
    expected = round_2026.expected_units
    assert expected.filter(kind="commune", code_set="2025").count() == 99
    assert expected.filter(kind="department").count() == 10  # all bodies but the Union itself
    assert not expected.filter(kind="district").exists()
    round_2024 = services.create_round(by=UserFactory.build(), year=2024)
    assert round_2024.expected_units.filter(kind="district").count() == 9
    assert not round_2024.expected_units.filter(kind="commune").exists()
    assert round_2026.due_before == datetime.datetime(2026, 11, 15, tzinfo=HCM)


def test_a_unit_not_expected_cannot_start_a_report(round_2026):
    with pytest.raises(ValidationError, match="không thuộc diện báo cáo"):
        services.start_submission(round_=round_2026, unit=unit("082", "pre2025"))


def test_the_whole_happy_path_is_recorded(draft, officer, province_staff):
    services.submit(submission=draft, by=officer)
    services.return_submission(submission=draft, by=province_staff, reason="Thiếu số liệu tập huấn")
    assert draft.state == State.RETURNED
    services.submit(submission=draft, by=officer)
    services.accept(submission=draft, by=province_staff)
    services.request_reopen(submission=draft, by=officer, reason="Sai số thành viên")
    services.reopen(submission=draft, by=province_staff, reason="Đồng ý cho sửa")
    services.submit(submission=draft, by=officer)
    services.accept(submission=draft, by=province_staff)
    actions = list(draft.events.values_list("action", "actor__username", "reason"))
    assert actions == [
        ("submitted", "canbo_tavan", ""),
        ("returned", "tinh", "Thiếu số liệu tập huấn"),
        ("submitted", "canbo_tavan", ""),
        ("accepted", "tinh", ""),
        ("reopen_requested", "canbo_tavan", "Sai số thành viên"),
        ("reopened", "tinh", "Đồng ý cho sửa"),
        ("submitted", "canbo_tavan", ""),
        ("accepted", "tinh", ""),
    ]
    assert draft.accepted_by == province_staff and draft.state == State.ACCEPTED


@pytest.mark.parametrize(
    "step, who, message",
    [
        ("submit_other_unit", "other_officer", "Chỉ cán bộ của chính đơn vị"),
        ("accept_by_officer", "officer", "Chỉ cán bộ Hội cấp tỉnh"),
        ("return_by_leader", "leader", "Chỉ cán bộ Hội cấp tỉnh"),
        ("reopen_by_leader", "leader", "Chỉ cán bộ Hội cấp tỉnh"),
        ("reopen_by_officer", "officer", "Chỉ cán bộ Hội cấp tỉnh"),
        ("submit_twice", "officer", "đang chờ tỉnh xem xét"),
        ("submit_accepted", "officer", "Đã được"),
        ("return_without_reason", "province_staff", "Hãy nêu lý do."),
        ("accept_draft", "province_staff", "Chỉ báo cáo đã gửi"),
    ],
)
def test_forbidden_steps_are_refused_with_a_reason(
    request, draft, officer, province_staff, step, who, message
):
    users = {
        "officer": officer,
        "province_staff": province_staff,
        "leader": UserFactory(role=User.Role.LEADER),
        "other_officer": UserFactory(role=User.Role.UNIT_OFFICER, unit=unit("02683")),
    }
    actor = users[who]
    if step not in ("submit_other_unit", "accept_draft"):
        services.submit(submission=draft, by=officer)
    if step in ("submit_accepted", "reopen_by_leader", "reopen_by_officer"):
        services.accept(submission=draft, by=province_staff)
    before = (draft.state, draft.events.count())
    call = {
        "submit_other_unit": lambda: services.submit(submission=draft, by=actor),
        "accept_by_officer": lambda: services.accept(submission=draft, by=actor),
        "return_by_leader": lambda: services.return_submission(
            submission=draft, by=actor, reason="x"
        ),
        "reopen_by_leader": lambda: services.reopen(submission=draft, by=actor, reason="x"),
        "reopen_by_officer": lambda: services.reopen(submission=draft, by=actor, reason="x"),
        "submit_twice": lambda: services.submit(submission=draft, by=actor),
        "submit_accepted": lambda: services.submit(submission=draft, by=actor),
        "return_without_reason": lambda: services.return_submission(
            submission=draft, by=actor, reason="  "
        ),
        "accept_draft": lambda: services.accept(submission=draft, by=actor),
    }[step]
    with pytest.raises(ValidationError) as error:
        call()
    assert message in " ".join(error.value.messages)
    draft.refresh_from_db()
    assert (draft.state, draft.events.count()) == before


def test_an_accepted_submission_is_locked_even_for_direct_saves(draft, officer, province_staff):
    services.submit(submission=draft, by=officer)
    services.accept(submission=draft, by=province_staff)
    draft.media_reports = 99
    with pytest.raises(ValidationError, match="khóa"):
        draft.save()
    draft.refresh_from_db()
    assert draft.media_reports == 0


def test_submitting_freezes_the_indicators(draft, officer, ta_van):
    supported(unit_=ta_van)
    services.submit(submission=draft, by=officer)
    supported(unit_=ta_van)  # the registry changes after the submission
    draft.refresh_from_db()
    assert draft.indicators["HTX_SUPPORTED"]["actual"] == 1
    assert draft.indicators["MANAGERS_TRAINED_PCT"] == {
        "actual": 0.0,
        "numerator": 0,
        "denominator": 1,
    }


@pytest.mark.parametrize(
    "moment, late",
    [
        (datetime.datetime(2026, 11, 14, 23, 59, 59, 999999, tzinfo=HCM), False),
        (datetime.datetime(2026, 11, 15, 0, 0, 0, tzinfo=HCM), True),
        # 14/11 17:30 UTC is 15/11 00:30 in Lào Cai.
        (datetime.datetime(2026, 11, 14, 17, 30, tzinfo=datetime.UTC), True),
    ],
)
def test_lateness_is_judged_in_local_time(draft, officer, moment, late):
    services.submit(submission=draft, by=officer, now=moment)
    assert (draft.lateness is not None) is late
    if late:
        assert draft.lateness == moment - datetime.datetime(2026, 11, 15, tzinfo=HCM)


def test_a_resubmission_keeps_the_first_submission_time(draft, officer, province_staff):
    first = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=HCM)
    services.submit(submission=draft, by=officer, now=first)
    services.return_submission(submission=draft, by=province_staff, reason="Bổ sung")
    services.submit(submission=draft, by=officer, now=first + datetime.timedelta(days=10))
    assert draft.first_submitted_at == first and draft.lateness is None


def test_the_same_kind_of_round_only_once_a_year(round_2026):
    with pytest.raises(ValidationError):
        services.create_round(by=UserFactory.build(), year=2026)
    assert services.create_round(
        by=UserFactory.build(), year=2026, kind=ReportingRound.Kind.AD_HOC
    ).pk
    assert SubmissionEvent.objects.count() == 0


def test_a_closed_round_cannot_be_reopened_or_submitted(draft, officer, province_staff):
    from django.utils import timezone

    services.submit(submission=draft, by=officer)
    services.accept(submission=draft, by=province_staff)
    draft.round.closed_at = timezone.now()
    draft.round.save()
    with pytest.raises(ValidationError, match="Kỳ báo cáo đã đóng"):
        services.reopen(submission=draft, by=province_staff, reason="Sửa")
    assert draft.state == State.ACCEPTED


def test_a_stale_copy_cannot_undo_a_submission(draft, officer):
    stale = Submission.objects.get(pk=draft.pk)
    services.submit(submission=draft, by=officer)
    stale.media_reports = 7
    with pytest.raises(ValidationError, match="đang chờ tỉnh xem xét"):
        services.save_draft(submission=services.lock(stale), by=officer)
    draft.refresh_from_db()
    assert (draft.state, draft.media_reports) == (State.SUBMITTED, 0)


def test_a_retired_provincial_body_is_not_expected():
    unit("STTTT", "agency").__class__.objects.filter(code="STTTT").update(
        valid_to=datetime.date(2025, 2, 28)
    )
    round_ = services.create_round(by=UserFactory.build(), year=2026)
    assert not round_.expected_units.filter(code="STTTT").exists()
