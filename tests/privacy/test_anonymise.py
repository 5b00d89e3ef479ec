"""Anonymising a person (privacy/anonymise.py): no name or phone is left in their record or
its history, and every figure of the plan — computed now, or frozen in a submission — stays
exactly as it was."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from config.text import fold
from cooperatives.models import ManagementRole, Person
from org import writes
from org.models import AccessRecord, Unit, User
from privacy.anonymise import anonymise, placeholder
from reporting import services
from showcase.models import LeaderConsent
from targets import indicators
from tests.factories import (
    ConsentFactory,
    OfficerFactory,
    SubmissionFactory,
    UserFactory,
    date,
    figures,
    supported,
    train,
)
from training.models import Participant, UnionOfficer

pytestmark = pytest.mark.django_db

REASON = "Bà Mai đề nghị xoá dữ liệu cá nhân ngày 01/12/2026"
MANAGER_NAMES = ["Giàng Thị Mai", "Giàng Thị Máy"]
OFFICER_NAMES = ["Lò Thị Hoa"]
PHONES = ["0912 345 678", "0987 654 321"]
POSITION = "Phó Chủ tịch Hội LHPN xã"


@pytest.fixture
def plan_data(ta_van, officer, province_staff):
    """A small Tả Van: a supported cooperative whose woman director (trained, with a
    certificate, consenting to be shown publicly; renamed once) is the one to anonymise, a
    cooperative founded under the plan, a supported group, two Union officers of whom one,
    trained, is anonymised; and the commune's report, submitted (its figures frozen)."""
    cooperative = supported("htx")
    figures(cooperative, members_trained_vocational=6, members_trained_ecommerce=4)
    manager = cooperative.roles.get().person
    manager.full_name, manager.phone = MANAGER_NAMES[0], PHONES[0]
    writes.save(record=manager, by=province_staff)
    manager.full_name = MANAGER_NAMES[1]
    writes.save(record=manager, by=province_staff, reason="Sửa lỗi chính tả")
    train(manager, certificate=True)
    ConsentFactory(person=manager)
    new = supported("htx", established_under_plan=True, founded_on=date("2024-02-01"))
    figures(new, workers_female=9, members_trained_vocational=3)
    figures(supported("tht"))
    union_officer = OfficerFactory(
        full_name=OFFICER_NAMES[0], position=POSITION, phone=PHONES[1], works_on_cooperatives=True
    )
    train(union_officer, category="mobilisation")
    OfficerFactory(works_on_cooperatives=True)
    submission = SubmissionFactory(unit=ta_van)
    services.submit(submission=submission, by=officer)
    return {"manager": manager, "officer": union_officer, "submission": submission}


def all_figures(ta_van, day):
    """Every indicator for the province and for Tả Van on `day`."""
    return {
        "province": indicators.compute(day),
        "unit": indicators.compute(day, Unit.objects.figure_unit_ids(ta_van.pk, day)),
    }


def dashboard(client):
    rows = client.get(reverse("targets:dashboard")).context["rows"]
    return {row["indicator"].code: row["figure"].actual for row in rows}


def text_columns(model):
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
    ]


def rows_holding(model, text) -> list:
    """Return (column, id) of every row of `model` that holds `text` (as typed or folded,
    as the search text keeps it) in a text column."""
    found = []
    for column in text_columns(model):
        for needle in (text, fold(text)):
            rows = model._default_manager.filter(**{f"{column}__icontains": needle})
            found += [(column, pk) for pk in rows.values_list("pk", flat=True)]
    return found


def test_anonymising_leaves_every_figure_and_the_frozen_report_as_they_were(
    plan_data, ta_van, province_staff, staff_client
):
    manager, union_officer = plan_data["manager"], plan_data["officer"]
    submission = plan_data["submission"]
    day = submission.round.as_of
    before = all_figures(ta_van, day)
    shown_before = dashboard(staff_client)
    frozen_before = (submission.indicators, submission.from_records, submission.state)
    # The figures mean something: the people anonymised are counted in them.
    assert set(before["unit"]) == set(indicators.CODES)
    for scope in before.values():
        assert scope["MANAGERS_CERTIFIED_PCT"].numerator == 1
        assert scope["MANAGERS_TRAINED_PCT"].denominator == 2
        assert (scope["STAFF_SKILLS_PCT"].numerator, scope["STAFF_SKILLS_PCT"].denominator) == (
            1,
            2,
        )
        assert scope["NEW_HTX"].actual == 1 and scope["THT_SUPPORTED"].actual == 1
    assert submission.indicators["MANAGERS_CERTIFIED_PCT"]["actual"] == 50.0

    anonymise(manager, by=province_staff, reason=REASON)
    anonymise(union_officer, by=province_staff, reason=REASON)

    assert all_figures(ta_van, day) == before
    assert dashboard(staff_client) == shown_before
    submission.refresh_from_db()
    assert (submission.indicators, submission.from_records, submission.state) == frozen_before


def test_no_old_name_phone_or_position_is_left_in_records_or_history(plan_data, province_staff):
    manager, union_officer = plan_data["manager"], plan_data["officer"]
    tables = [Person, Person.history.model, UnionOfficer, UnionOfficer.history.model]
    for name in [*MANAGER_NAMES, *OFFICER_NAMES, *PHONES, POSITION]:
        assert any(rows_holding(model, name) for model in tables), name  # there before

    anonymise(manager, by=province_staff, reason=REASON)
    anonymise(union_officer, by=province_staff, reason=REASON)

    for name in [*MANAGER_NAMES, *OFFICER_NAMES, *PHONES, POSITION]:
        for model in tables:
            assert rows_holding(model, name) == [], (model.__name__, name)
    # Every history row of theirs bears the new name (three of the manager's: created,
    # renamed twice; then the anonymisation).
    for record, model in ((manager, Person), (union_officer, UnionOfficer)):
        names = set(model.history.filter(id=record.pk).values_list("full_name", flat=True))
        assert names == {placeholder(record)}
    assert Person.history.filter(id=manager.pk).count() == 4


def test_what_the_figures_count_stays_and_the_name_is_replaced(plan_data, province_staff):
    manager, union_officer = plan_data["manager"], plan_data["officer"]
    kept = Person.objects.values("sex", "birth_year", "ethnicity", "unit").get(pk=manager.pk)
    roles = list(ManagementRole.objects.filter(person=manager).values())
    trainings = list(Participant.objects.filter(person=manager).values())
    officer_trainings = list(Participant.objects.filter(officer=union_officer).values())

    anonymise(manager, by=province_staff, reason=REASON)
    anonymise(union_officer, by=province_staff, reason=REASON)

    manager.refresh_from_db()
    union_officer.refresh_from_db()
    today = timezone.localdate()
    assert Person.objects.values("sex", "birth_year", "ethnicity", "unit").get(pk=manager.pk) == (
        kept
    )
    assert list(ManagementRole.objects.filter(person=manager).values()) == roles
    assert list(Participant.objects.filter(person=manager).values()) == trainings
    assert list(Participant.objects.filter(officer=union_officer).values()) == officer_trainings
    assert (manager.full_name, manager.phone, manager.anonymised_on) == (
        placeholder(manager),
        "",
        today,
    )
    assert str(manager.pk) in manager.full_name
    assert (union_officer.full_name, union_officer.phone, union_officer.position) == (
        placeholder(union_officer),
        "",
        "",
    )
    assert union_officer.anonymised_on == today
    assert union_officer.works_on_cooperatives and union_officer.active_from == date("2020-01-01")
    # The search finds them by the new name only.
    assert manager.search_text == fold(placeholder(manager))
    assert list(Person.objects.search(MANAGER_NAMES[1])) == []


def test_the_consent_is_withdrawn_and_the_change_names_who_and_why(plan_data, province_staff):
    manager = plan_data["manager"]
    anonymise(manager, by=province_staff, reason=REASON)

    assert not LeaderConsent.objects.filter(person=manager).exists()
    withdrawn = LeaderConsent.history.get(person_id=manager.pk, history_type="-")
    assert withdrawn.history_user == province_staff
    latest = Person.history.filter(id=manager.pk).first()
    assert (latest.history_user, latest.history_change_reason) == (province_staff, REASON)
    logged = AccessRecord.objects.get(action=AccessRecord.Action.ANONYMISE)
    assert (logged.subject, logged.reason, logged.user, logged.people) == (
        f"cooperatives.person:{manager.pk}",
        REASON,
        province_staff,
        1,
    )


def test_a_person_is_anonymised_once(plan_data, province_staff):
    manager = plan_data["manager"]
    anonymise(manager, by=province_staff, reason=REASON)
    with pytest.raises(ValidationError) as refused:
        anonymise(manager, by=province_staff, reason=REASON)
    assert refused.value.code == "anonymised"
    assert AccessRecord.objects.filter(action=AccessRecord.Action.ANONYMISE).count() == 1


@pytest.mark.parametrize("role", [User.Role.UNIT_OFFICER, User.Role.LEADER])
def test_only_province_staff_and_administrators_anonymise(plan_data, ta_van, role):
    manager = plan_data["manager"]
    with pytest.raises(PermissionDenied):
        anonymise(manager, by=UserFactory(role=role, unit=ta_van), reason=REASON)
    manager.refresh_from_db()
    assert manager.full_name == MANAGER_NAMES[1] and manager.anonymised_on is None
    anonymise(manager, by=UserFactory(role=User.Role.ADMIN), reason=REASON)
    manager.refresh_from_db()
    assert manager.anonymised_on is not None
