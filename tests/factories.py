"""Factories for tests: hand-built data, no fixture files."""

import datetime

import factory

from cooperatives.models import (
    Cooperative,
    Ethnicity,
    ManagementRole,
    OcopProduct,
    Person,
    YearlyFigures,
)
from org.models import Unit, User
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer


def unit(code, code_set=Unit.CodeSet.FROM_2025):
    """Return a reference unit loaded by the migrations (e.g. unit("03037") = Xã Tả Van)."""
    return Unit.objects.get(code_set=code_set, code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.PROVINCE_STAFF
    password = factory.django.Password("Mat-khau-2026")


class CooperativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperative
        skip_postgeneration_save = True

    kind = Cooperative.Kind.HTX
    name = factory.Sequence(lambda n: f"Hợp tác xã Thử nghiệm {n}")
    unit = factory.LazyFunction(lambda: unit("03037"))
    founded_on = datetime.date(2020, 1, 1)
    status = Cooperative.Status.ACTIVE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Thử {n}")
    sex = Person.Sex.FEMALE
    birth_year = 1985
    ethnicity = factory.LazyFunction(lambda: Ethnicity.objects.get(code="08"))
    unit = factory.LazyFunction(lambda: unit("03037"))


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagementRole

    person = factory.SubFactory(PersonFactory)
    cooperative = factory.SubFactory(CooperativeFactory)
    role = ManagementRole.Role.DIRECTOR
    start_date = datetime.date(2020, 1, 1)


class FiguresFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YearlyFigures

    cooperative = factory.SubFactory(CooperativeFactory)
    year = 2025
    members_total = 20
    members_female = 15
    workers_total = 10
    workers_female = 8
    female_stable_jobs = factory.LazyAttribute(lambda figures: figures.workers_female)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OcopProduct

    cooperative = factory.SubFactory(CooperativeFactory)
    name = "Chè Shan tuyết"
    stars = 3
    year_certified = 2023


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEvent

    title = factory.Sequence(lambda n: f"Lớp tập huấn quản trị {n}")
    category = TrainingEvent.Category.GOVERNANCE
    start_date = datetime.date(2024, 5, 6)
    end_date = factory.LazyAttribute(lambda event: event.start_date)
    unit = factory.LazyFunction(lambda: unit("03037"))


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnionOfficer

    full_name = factory.Sequence(lambda n: f"Cán bộ Hội {n}")
    level = UnionOfficer.Level.COMMUNE
    unit = factory.LazyFunction(lambda: unit("03037"))
    active_from = datetime.date(2020, 1, 1)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)


class HeadCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HeadCount

    event = factory.SubFactory(EventFactory)
    total = 30
    female = 25
    ethnic_minority = 20
