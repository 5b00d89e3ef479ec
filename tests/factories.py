"""Factories for tests: hand-built data, no fixture files; and the helpers that build, with
them, the data many tests need (a supported cooperative, its figures, a training)."""

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
from followup.figures import COUNTED_FIELDS
from followup.models import Difficulty, Support, SupportKind
from org.models import Unit, User
from reporting import services
from reporting.models import ReportingRound, Submission
from showcase import photos
from showcase.models import LeaderConsent, ProductPhoto, Publication, SalesPoint
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

# Every user the factories make has this password.
PASSWORD = "Mat-khau-2026"


def unit(code, code_set=Unit.CodeSet.FROM_2025):
    """Return a reference unit loaded by the migrations (e.g. unit("03037") = Xã Tả Van)."""
    return Unit.objects.get(code_set=code_set, code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.PROVINCE_STAFF
    password = factory.django.Password(PASSWORD)


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


class PublicationFactory(factory.django.DjangoModelFactory):
    """A cooperative's public page, published (approved) by default."""

    class Meta:
        model = Publication

    cooperative = factory.SubFactory(CooperativeFactory)
    state = Publication.State.PUBLISHED
    story = "Hợp tác xã của chị em phụ nữ trồng chè Shan tuyết cổ thụ."


class SalesPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalesPoint

    cooperative = factory.SubFactory(CooperativeFactory)
    kind = SalesPoint.Kind.ONLINE
    label = "Gian hàng Postmart"
    url = "https://postmart.vn/gian-hang/htx"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaderConsent

    person = factory.SubFactory("tests.factories.PersonFactory")
    given_on = datetime.date(2026, 3, 8)
    how = "Phiếu đồng ý có chữ ký, lưu tại Hội LHPN xã"
    recorded_by = factory.SubFactory(UserFactory)


def photo_of(product, *, size=(800, 600), color=(60, 120, 60), **fields) -> ProductPhoto:
    """Store a made-up photo of `product` as an upload would be (its renditions in storage)."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    upload = SimpleUploadedFile("anh.jpg", buffer.getvalue(), content_type="image/jpeg")
    prepared = photos.prepare(upload)
    folder = photos.new_folder()
    widths = photos.store(prepared, folder)
    return ProductPhoto.objects.create(
        product=product,
        folder=folder,
        widths=",".join(map(str, widths)),
        width=prepared.width,
        height=prepared.height,
        **fields,
    )


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


def support_kind(counts_as="") -> SupportKind:
    """The plan's first kind of support that counts as `counts_as` (a seeded catalogue)."""
    return SupportKind.objects.filter(counts_as=counts_as).order_by("position").first()


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    cooperative = factory.SubFactory(CooperativeFactory)
    kind = factory.LazyFunction(support_kind)
    given_on = datetime.date(2026, 3, 10)
    body = factory.LazyAttribute(lambda support: support.cooperative.unit)


class LoanFactory(SupportFactory):
    kind = factory.LazyFunction(lambda: support_kind("loan"))
    lender = "social_policy_bank"
    loan_amount = 100_000_000
    loan_term_months = 36


class DifficultyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Difficulty

    cooperative = factory.SubFactory(CooperativeFactory)
    category = Difficulty.Category.CAPITAL
    description = factory.Sequence(lambda n: f"Thiếu vốn lưu động để mở rộng sản xuất {n}")
    raised_on = datetime.date(2026, 4, 2)
    body = factory.LazyAttribute(lambda difficulty: difficulty.cooperative.unit)


class ReportingRoundFactory(factory.django.DjangoModelFactory):
    """A round made as province staff make it, by `services.create_round`: its defaults (the
    year up to 14/11, due before 15/11) and the units expected to report at its end. Like the
    service, it refuses a second round of one year and kind (ad hoc rounds aside)."""

    class Meta:
        model = ReportingRound

    year = 2026
    kind = ReportingRound.Kind.ANNUAL

    @classmethod
    def _create(cls, model_class, **arguments):
        arguments.setdefault("by", UserFactory.build(role=User.Role.PROVINCE_STAFF))
        return services.create_round(**arguments)


def annual_round(year=2026):
    """Return the year's annual round, made if there is none yet: the one every unit reports in."""
    kind = ReportingRound.Kind.ANNUAL
    existing = ReportingRound.objects.filter(year=year, kind=kind).first()
    return existing or ReportingRoundFactory(year=year, kind=kind)


# The reason a test's typed figure gives for not being the one counted from the records.
TYPED = "Số liệu tổng hợp từ báo cáo của các xã"


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A unit's draft report, started as a unit starts it (`services.start_submission`: only
    for a unit the round expects), with the figures given. Take it further (submit, accept…)
    with the services: a workflow field given here is refused. A figure given that is
    otherwise counted from the records is typed by the unit, as a correction with its
    reason (unless `corrections` is given)."""

    class Meta:
        model = Submission

    round = factory.LazyFunction(annual_round)
    unit = factory.LazyFunction(lambda: unit("03037"))

    @classmethod
    def _create(cls, model_class, **figures):
        round_, unit_ = figures.pop("round"), figures.pop("unit")
        if workflow := sorted(set(figures) & set(services.WORKFLOW_FIELDS)):
            raise TypeError(f"{workflow}: take a submission through reporting.services")
        submission = services.start_submission(round_=round_, unit=unit_)
        if figures:
            typed = {name: TYPED for name in figures if name in COUNTED_FIELDS}
            figures.setdefault("corrections", typed)
            for name, value in figures.items():
                setattr(submission, name, value)
            submission.save()
        return submission


def date(text):
    """Return the date written as YYYY-MM-DD."""
    return datetime.date.fromisoformat(text)


def supported(kind="htx", *, woman=True, unit_=None, **fields):
    """Return a Union-supported cooperative with a woman director or group leader."""
    fields.setdefault("founded_on", date("2020-01-01"))
    cooperative = CooperativeFactory(
        kind=kind, union_supported=True, unit=unit_ or unit("03037"), **fields
    )
    RoleFactory(
        cooperative=cooperative,
        person=PersonFactory(sex="F" if woman else "M", unit=cooperative.unit),
        role="director" if kind == "htx" else "group_leader",
        start_date=date("2020-01-01"),
    )
    return cooperative


def figures(cooperative, year=2025, **fields):
    """Return a cooperative's yearly figures: 10 members and 10 workers, 8 of them women,
    up to 5 women in stable jobs, unless given."""
    fields = {
        "members_total": 10,
        "members_female": 8,
        "workers_total": 10,
        "workers_female": 8,
    } | fields
    fields.setdefault("female_stable_jobs", min(fields["workers_female"], 5))
    return FiguresFactory(cooperative=cooperative, year=year, **fields)


def train(who, *, category="governance", start="2024-05-06", certificate=False):
    """Return the participation of `who` (a person or a Union officer) in a one-day course."""
    field = "officer" if hasattr(who, "works_on_cooperatives") else "person"
    event = EventFactory(category=category, start_date=date(start), end_date=date(start))
    return ParticipantFactory(event=event, certificate_issued=certificate, **{field: who})


def make_data(scale):
    """Add `scale` supported cooperatives and groups in Tả Van, with figures, a trained
    manager each and a trained Union officer each: mixed data for the indicators."""
    for i in range(scale):
        cooperative = supported(
            "htx" if i % 2 else "tht",
            established_under_plan=i % 3 == 0,
            founded_on=date("2024-01-01"),
        )
        figures(cooperative)
        train(cooperative.roles.get().person, certificate=i % 2 == 0)
        officer = OfficerFactory(works_on_cooperatives=i % 2 == 0)
        train(officer, category="mobilisation")
