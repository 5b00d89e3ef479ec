"""The four training measures on hand-built data, with their edge cases."""

import datetime

import pytest

from cooperatives.models import Cooperative, Person
from tests.factories import (
    CooperativeFactory,
    EventFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
    RoleFactory,
    unit,
)
from training import measures
from training.models import TrainingEvent

pytestmark = pytest.mark.django_db

D = datetime.date(2025, 12, 31)
GOVERNANCE = TrainingEvent.Category.GOVERNANCE


def date(text):
    return datetime.date.fromisoformat(text)


def manager(sex="F", role="director", start="2023-01-01", end=None, kind="htx", unit_=None):
    cooperative = CooperativeFactory(kind=kind, unit=unit_ or unit("03037"))
    person = PersonFactory(sex=sex, unit=cooperative.unit)
    RoleFactory(
        cooperative=cooperative,
        person=person,
        role=role,
        start_date=date(start),
        end_date=end and date(end),
    )
    return person


def attend(who, *, category=GOVERNANCE, start="2024-05-06", end=None, certificate=False):
    event = EventFactory(category=category, start_date=date(start), end_date=date(end or start))
    field = "person" if isinstance(who, Person) else "officer"
    return ParticipantFactory(event=event, certificate_issued=certificate, **{field: who})


@pytest.mark.parametrize(
    "manager_kwargs, training_kwargs, trained",
    [
        ({}, {}, True),
        # Training before the plan began (06/07/2023) does not count; on that day it does.
        ({}, {"start": "2023-07-05"}, False),
        ({}, {"start": "2023-07-06"}, True),
        # Training after D, or still running on D, does not count yet.
        ({}, {"start": "2026-01-05"}, False),
        ({}, {"start": "2025-12-30", "end": "2026-01-02"}, False),
        ({}, {"start": "2025-12-31"}, True),
        # Another category is not governance training.
        ({}, {"category": TrainingEvent.Category.ECOMMERCE}, False),
        # A role that ended before D: she is no longer a manager on D.
        ({"end": "2025-06-30"}, {}, False),
        # A man in a management role is not a woman manager.
        ({"sex": "M"}, {}, False),
        # A woman accountant is not a manager (plan section III).
        ({"role": "accountant"}, {}, False),
        # A THT group leader is a woman manager of her group.
        ({"kind": "tht", "role": "group_leader"}, {}, True),
    ],
)
def test_managers_with_governance_training(manager_kwargs, training_kwargs, trained):
    person = manager(**manager_kwargs)
    attend(person, **training_kwargs)
    assert list(measures.managers_with_governance_training(D)) == ([person] if trained else [])


def test_women_managers_are_counted_once_whatever_their_roles_and_trainings():
    person = manager()
    RoleFactory(person=person, cooperative=CooperativeFactory(), role="chair")
    attend(person)
    attend(person, start="2025-02-02")
    assert measures.women_managers(D).count() == 1
    assert measures.managers_with_governance_training(D).count() == 1


def test_certificate_counts_only_from_a_governance_training():
    with_certificate, vocational_certificate, without = manager(), manager(), manager()
    attend(with_certificate, certificate=True)
    attend(vocational_certificate, category=TrainingEvent.Category.VOCATIONAL, certificate=True)
    attend(vocational_certificate)
    attend(without)
    certified = measures.managers_with_governance_training(D, certified=True)
    assert list(certified) == [with_certificate]


def test_managers_are_scoped_by_unit_or_by_cooperatives():
    ta_van_manager = manager()
    bat_xat_manager = manager(unit_=unit("02683"))
    attend(ta_van_manager)
    attend(bat_xat_manager)
    ta_van = {unit("03037").pk}
    assert list(measures.managers_with_governance_training(D, unit_ids=ta_van)) == [ta_van_manager]
    only_tht = Cooperative.objects.filter(kind="tht")
    assert not measures.managers_with_governance_training(D, cooperatives=only_tht).exists()


@pytest.mark.parametrize(
    "officer_kwargs, training_kwargs, trained",
    [
        ({}, {}, True),
        ({}, {"category": TrainingEvent.Category.LAW}, True),
        ({}, {"start": "2023-06-30"}, False),
        ({}, {"start": "2026-02-01"}, False),
        # An officer no longer in post on D, or not yet, is left out.
        ({"active_to": date("2025-10-01")}, {}, False),
        ({"active_from": date("2026-01-01")}, {}, False),
    ],
)
def test_officers_with_training(officer_kwargs, training_kwargs, trained):
    officer = OfficerFactory(works_on_cooperatives=True, **officer_kwargs)
    attend(officer, **training_kwargs)
    expected = [officer] if trained else []
    assert list(measures.officers_with_training(D, cooperative_support_only=True)) == expected


def test_cooperative_support_only_leaves_out_other_officers():
    support, other = OfficerFactory(works_on_cooperatives=True), OfficerFactory()
    attend(support)
    attend(other)
    assert list(measures.officers_with_training(D, cooperative_support_only=True)) == [support]
    assert measures.union_officers(D, cooperative_support_only=True).count() == 1
    assert measures.officers_with_training(D).count() == 2


def test_officers_with_mobilisation_training():
    mobilised, governance_only, inactive = (
        OfficerFactory(),
        OfficerFactory(),
        OfficerFactory(active_to=date("2024-12-31")),
    )
    attend(mobilised, category=TrainingEvent.Category.MOBILISATION)
    attend(governance_only)
    attend(inactive, category=TrainingEvent.Category.MOBILISATION)
    assert list(measures.officers_with_mobilisation_training(D)) == [mobilised]
    assert measures.union_officers(D).count() == 2


def test_officers_are_scoped_by_unit():
    here, there = OfficerFactory(), OfficerFactory(unit=unit("02683"))
    attend(here, category=TrainingEvent.Category.MOBILISATION)
    attend(there, category=TrainingEvent.Category.MOBILISATION)
    scope = {unit("03037").pk}
    assert list(measures.officers_with_mobilisation_training(D, unit_ids=scope)) == [here]
