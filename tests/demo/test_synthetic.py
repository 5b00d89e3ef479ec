"""`seed_synthetic`: valid, reproducible, scoped data at the requested scale (tiny scale)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.urls import reverse

from config.text import fold
from cooperatives import access as registry_access
from cooperatives.models import (
    FIGURE_COUNTS,
    Cooperative,
    ManagementRole,
    OcopProduct,
    Person,
    YearlyFigures,
)
from demo import synthetic
from followup import access as followup_access
from followup.models import Difficulty, Support, SupportKind
from org.models import Unit, User
from reporting import services
from reporting.models import ReportingRound, Submission
from targets import indicators
from tests.factories import UserFactory
from training import access as training_access
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

pytestmark = pytest.mark.django_db
TINY = synthetic.SCALES["tiny"]


def seed(seed=294, **options):
    call_command("seed_synthetic", scale="tiny", seed=seed, verbosity=0, **options)


@pytest.fixture
def seeded():
    seed()


def snapshot() -> dict:
    """Return the seeded data by content (no ids or timestamps, which may differ)."""
    return {
        "units": list(
            synthetic.synthetic_units().order_by("code").values_list("code", "name", "parent__code")
        ),
        "cooperatives": list(
            Cooperative.objects.order_by("pk").values_list(
                "kind",
                "name",
                "registration_code",
                "unit__code",
                "address",
                "founded_on",
                "status",
                "status_since",
                "union_supported",
                "established_under_plan",
                "converted_from__name",
                "sells_online",
                "members_insured",
                "search_text",
            )
        ),  # fmt: skip
        "sectors": list(
            Cooperative.sectors.through.objects.order_by("pk").values_list(
                "cooperative__name", "sector__code"
            )
        ),
        "figures": list(
            YearlyFigures.objects.order_by("pk").values_list(
                "cooperative__name", "year", *FIGURE_COUNTS, "profit"
            )
        ),
        "people": list(
            Person.objects.order_by("pk").values_list(
                "full_name", "sex", "birth_year", "ethnicity", "phone", "unit__code"
            )
        ),
        "roles": list(
            ManagementRole.objects.order_by("pk").values_list(
                "person__full_name", "cooperative__name", "role", "start_date", "end_date"
            )
        ),
        "events": list(
            TrainingEvent.objects.order_by("pk").values_list(
                "title", "category", "start_date", "end_date", "unit__code", "funding_amount"
            )
        ),
        "participants": list(
            Participant.objects.order_by("pk").values_list(
                "event__title", "person__full_name", "officer__full_name", "certificate_issued"
            )
        ),
        "supports": list(
            Support.objects.order_by("pk").values_list(
                "cooperative__name",
                "kind__name",
                "given_on",
                "body__code",
                "occasion",
                "batch",
                "funding_source",
                "amount",
                "lender",
                "loan_amount",
                "loan_term_months",
            )
        ),  # fmt: skip
        "difficulties": list(
            Difficulty.objects.order_by("pk").values_list(
                "cooperative__name",
                "category",
                "description",
                "raised_on",
                "channel",
                "body__code",
                "state",
                "answer",
                "answered_on",
            )
        ),  # fmt: skip
        "submissions": list(
            Submission.objects.order_by("pk").values_list(
                "round__year",
                "unit__code",
                "state",
                "indicators",
                "courses",
                "first_submitted_at",
                "accepted_at",
                "loans_amount",
            )
        ),  # fmt: skip
    }


def test_counts_match_the_scale(seeded):
    assert Cooperative.objects.filter(kind=Cooperative.Kind.HTX).count() == TINY.htx
    assert Cooperative.objects.filter(kind=Cooperative.Kind.THT).count() == TINY.tht
    assert Person.objects.count() == TINY.people
    assert TrainingEvent.objects.count() == TINY.events
    units = synthetic.synthetic_units()
    assert units.filter(kind=Unit.Kind.PROVINCE).count() == TINY.provinces
    assert units.filter(kind=Unit.Kind.COMMUNE).count() == TINY.provinces * TINY.communes
    assert ReportingRound.objects.count() == len(synthetic.YEARS)
    assert set(Submission.objects.values_list("state", flat=True)) >= {"accepted", "submitted"}


def test_every_record_passes_full_clean(seeded):
    for model in [
        Unit, Cooperative, YearlyFigures, Person, ManagementRole, OcopProduct, UnionOfficer,
        TrainingEvent, Participant, HeadCount, Submission, Support, Difficulty,
    ]:  # fmt: skip
        rows = model.objects.all()
        if model is Unit:
            rows = synthetic.synthetic_units()
        assert rows.exists() or model is OcopProduct, model
        for row in rows:
            row.full_clean()


def test_follow_up_records_come_in_the_expected_proportions(seeded):
    cooperatives = TINY.htx + TINY.tht
    supports, difficulties = Support.objects.all(), Difficulty.objects.all()
    assert supports.count() == round(cooperatives * synthetic.SUPPORTS_PER_COOPERATIVE)
    assert difficulties.count() == round(cooperatives * synthetic.DIFFICULTIES_PER_COOPERATIVE)
    # Events entered for several cooperatives at once share a batch, within one province.
    batches = supports.exclude(batch=None).values("batch").distinct()
    assert batches.exists()
    for batch in batches:
        events = supports.filter(batch=batch["batch"])
        assert events.count() >= 2
        assert len({s.kind_id for s in events}) == len({s.given_on for s in events}) == 1
        assert events.first().kind.counts_as == SupportKind.CountsAs.TRADE_PROMOTION
    for loan in supports.filter(kind__counts_as=SupportKind.CountsAs.LOAN):
        assert loan.lender and loan.loan_amount and loan.loan_term_months, loan
    assert supports.exclude(amount=0).exists() and supports.filter(amount=0).exists()
    # Given or answered by the provincial bodies or the Union's own levels.
    agencies = set(Unit.objects.filter(code_set=Unit.CodeSet.AGENCY).values_list("pk", flat=True))
    own = set(Cooperative.objects.values_list("unit_id", flat=True))
    provinces = set(Unit.objects.filter(kind=Unit.Kind.PROVINCE).values_list("pk", flat=True))
    for records in (supports, difficulties):
        bodies = set(records.values_list("body_id", flat=True))
        assert bodies <= agencies | own | provinces
        assert bodies & agencies and bodies & own
    for support in supports.select_related("cooperative"):
        assert support.cooperative.founded_on <= support.given_on <= synthetic.ANCHOR
    for difficulty in difficulties.select_related("cooperative"):
        assert difficulty.cooperative.founded_on <= difficulty.raised_on <= synthetic.ANCHOR


def test_synthetic_difficulties_are_in_every_state_and_some_overdue():
    # More cooperatives than the tiny scale, without its training and rounds.
    scale = synthetic.Scale(htx=300, tht=400, people=1500, events=0, laocai_communes=12)
    generator = synthetic.Generator(scale, seed=294, log=lambda message: None)
    generator.make_units()
    generator.make_registry()
    generator.make_followup()
    generator.out.flush()
    difficulties = Difficulty.objects.all()
    expected = round((scale.htx + scale.tht) * synthetic.DIFFICULTIES_PER_COOPERATIVE)
    assert difficulties.count() == expected
    assert set(difficulties.values_list("state", flat=True)) == set(Difficulty.State.values)
    assert set(difficulties.values_list("category", flat=True)) == set(Difficulty.Category.values)
    assert difficulties.overdue(synthetic.ANCHOR).exists()
    assert difficulties.still_open().exclude(pk__in=difficulties.overdue(synthetic.ANCHOR))
    answered = difficulties.filter(state__in=Difficulty.ANSWERED)
    assert not answered.filter(answer="") and not answered.filter(answered_on=None)
    assert not difficulties.filter(state="open").exclude(answer="")


def test_search_text_is_what_save_would_write(seeded):
    for model in (Cooperative, Person, UnionOfficer):
        for row in model.objects.all():
            fields = " ".join(getattr(row, name) or "" for name in model.SEARCH_FIELDS)
            assert row.search_text == fold(fields)


def test_names_are_vietnamese_with_diacritics(seeded):
    names = list(Person.objects.values_list("full_name", flat=True))
    assert all(len(name.split()) >= 3 for name in names)
    assert any(fold(name) != name.lower() for name in names)
    women = Person.objects.filter(sex=Person.Sex.FEMALE).values_list("full_name", flat=True)
    assert sum(" Thị " in name for name in women) > len(women) / 3


def test_the_same_seed_gives_the_same_data():
    seed(7)
    first = snapshot()
    seed(7, force=True)
    assert snapshot() == first
    seed(8, force=True)
    assert snapshot() != first


def test_refuses_a_database_with_data_unless_forced(seeded):
    before = snapshot()
    with pytest.raises(CommandError, match="already holds"):
        seed(1)
    assert snapshot() == before
    seed(1, force=True)
    assert Cooperative.objects.count() == TINY.htx + TINY.tht
    assert synthetic.synthetic_units().count() == TINY.provinces * (TINY.communes + 1)


def test_a_synthetic_commune_officer_sees_only_that_commune(seeded, client):
    communes = synthetic.synthetic_units().filter(kind=Unit.Kind.COMMUNE)
    commune = communes.filter(cooperatives__isnull=False).order_by("code").first()
    other = Cooperative.objects.exclude(unit=commune).filter(unit__in=communes).first()
    user = UserFactory(role=User.Role.UNIT_OFFICER, unit=commune)
    mine = Cooperative.objects.filter(unit=commune)
    assert set(registry_access.cooperatives_for(user)) == set(mine)
    assert set(registry_access.people_for(user)) == set(Person.objects.filter(unit=commune))
    assert set(training_access.events_for(user)) == set(TrainingEvent.objects.filter(unit=commune))
    theirs = Support.objects.filter(Q(cooperative__unit=commune) | Q(body=commune))
    assert set(followup_access.supports_for(user)) == set(theirs)
    client.force_login(user)
    assert client.get(reverse("cooperatives:detail", args=[mine.first().pk])).status_code == 200
    assert client.get(reverse("cooperatives:detail", args=[other.pk])).status_code == 404


def test_synthetic_communes_report_after_the_reform_only(seeded):
    commune = synthetic.synthetic_units().filter(kind=Unit.Kind.COMMUNE).first()
    after, _mapping = Unit.objects.reporting_map(synthetic.ANCHOR)
    before, mapping = Unit.objects.reporting_map(datetime.date(2024, 12, 31))
    assert commune in after
    assert commune not in before and commune.pk not in mapping


def test_the_engine_computes_over_the_seeded_data(seeded):
    figures = indicators.compute(synthetic.ANCHOR)
    assert figures["HTX_SUPPORTED"].actual > 0
    assert figures["MANAGERS_TRAINED_PCT"].denominator > 0
    rows = indicators.compute_by_unit(synthetic.ANCHOR)
    assert sum(f["HTX_SUPPORTED"].actual for _unit, f in rows) == figures["HTX_SUPPORTED"].actual


def test_submitted_indicators_are_what_submit_freezes(seeded):
    submitted = Submission.objects.exclude(state=Submission.State.DRAFT).select_related(
        "round", "unit"
    )
    for year in synthetic.YEARS:
        for submission in submitted.filter(round__year=year).order_by("unit__code")[:8]:
            expected = services.frozen_indicators(submission.unit, submission.round.as_of)
            assert submission.indicators == expected, (year, submission.unit)
    assert not Submission.objects.filter(state=Submission.State.DRAFT, indicators__isnull=False)
