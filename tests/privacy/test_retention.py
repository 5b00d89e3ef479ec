"""The retention period (privacy/retention.py) and its daily command `anonymise_expired`:
who is past it, decided by the database; a dry run that changes nothing; a run that
anonymises those and no one else."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from cooperatives.models import Person
from org.models import AccessRecord, User
from privacy.retention import (
    cutoff,
    officers_past_retention,
    people_past_retention,
    retention_reason,
)
from tests.factories import (
    CooperativeFactory,
    OfficerFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
    date,
    train,
)
from training.models import UnionOfficer

pytestmark = pytest.mark.django_db

ANONYMISE = AccessRecord.Action.ANONYMISE
TODAY = timezone.localdate()
# The last day more than five years before today, that very day, and one half a year ago.
EXPIRED_DAY = cutoff(TODAY, 5) - datetime.timedelta(days=1)
FIVE_YEARS_AGO = cutoff(TODAY, 5)
RECENT_DAY = TODAY - datetime.timedelta(days=180)


@pytest.fixture(autouse=True)
def five_years(settings):
    """The default period, whatever the machine's environment says."""
    settings.PERSONAL_DATA_RETENTION_YEARS = 5


def years_before(day, years):
    return cutoff(day, years)


def role(person, end, start=None):
    start = start or years_before(end or TODAY, 3)
    return RoleFactory(
        person=person, cooperative=CooperativeFactory(), start_date=start, end_date=end
    )


def created_on(record, day):
    """Backdate `record`'s creation to `day` (at noon, local time)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    type(record).objects.filter(pk=record.pk).update(created_at=moment)


@pytest.fixture
def people(ta_van):
    """{label: person or officer}: those past retention on today start with "expired"."""
    found = {
        "expired role": PersonFactory(full_name="Giàng Thị Cũ"),
        "expired training only": PersonFactory(),
        "expired nothing but an old record": PersonFactory(),
        "ended exactly five years ago": PersonFactory(),
        "open role of long ago": PersonFactory(),
        "an ended and an open role": PersonFactory(),
        "old role, recent training": PersonFactory(),
        "nothing, a new record": PersonFactory(),
        "anonymised already": PersonFactory(),
        "expired officer": OfficerFactory(full_name="Lò Thị Cũ", active_to=EXPIRED_DAY),
        "expired officer, trained before leaving": OfficerFactory(active_to=EXPIRED_DAY),
        "officer in post for long": OfficerFactory(active_from=date("2000-01-01")),
        "officer left long ago, trained recently": OfficerFactory(active_to=EXPIRED_DAY),
        "officer left exactly five years ago": OfficerFactory(active_to=FIVE_YEARS_AGO),
    }
    role(found["expired role"], EXPIRED_DAY)
    train(found["expired training only"], start=EXPIRED_DAY.isoformat())
    created_on(found["expired nothing but an old record"], EXPIRED_DAY)
    role(found["ended exactly five years ago"], FIVE_YEARS_AGO)
    role(found["open role of long ago"], None, start=date("2010-01-01"))
    role(found["an ended and an open role"], EXPIRED_DAY)
    role(found["an ended and an open role"], None, start=date("2012-01-01"))
    role(found["old role, recent training"], EXPIRED_DAY)
    train(found["old role, recent training"], start=RECENT_DAY.isoformat())
    role(found["anonymised already"], EXPIRED_DAY)
    Person.objects.filter(pk=found["anonymised already"].pk).update(
        anonymised_on=date("2026-01-05")
    )
    before = years_before(EXPIRED_DAY, 1).isoformat()
    train(found["expired officer, trained before leaving"], start=before)
    created_on(found["officer in post for long"], date("2000-01-01"))
    train(found["officer left long ago, trained recently"], start=RECENT_DAY.isoformat())
    return found


def expired(people):
    return {label for label in people if label.startswith("expired")}


def labels(people, records):
    by_key = {(type(r), r.pk): label for label, r in people.items()}
    return {by_key[(type(r), r.pk)] for r in records}


def test_who_is_past_retention(people):
    past = [*people_past_retention(), *officers_past_retention()]
    assert labels(people, past) == expired(people)


def test_the_period_is_a_setting(people, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 6
    assert list(people_past_retention()) == list(officers_past_retention()) == []
    settings.PERSONAL_DATA_RETENTION_YEARS = 1
    past = labels(people, [*people_past_retention(), *officers_past_retention()])
    assert past == expired(people) | {
        "ended exactly five years ago",
        "officer left exactly five years ago",
    }


def test_the_database_decides_in_one_query_per_kind_of_person(
    people, ta_van, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert len(list(people_past_retention())) == 3
    with django_assert_num_queries(1):
        assert len(list(officers_past_retention())) == 2
    for _ in range(5):
        role(PersonFactory(), EXPIRED_DAY)
        train(OfficerFactory(active_to=EXPIRED_DAY), start=years_before(EXPIRED_DAY, 1).isoformat())
    with django_assert_num_queries(1):
        assert len(list(people_past_retention())) == 8
    with django_assert_num_queries(1):
        assert len(list(officers_past_retention())) == 7


def test_a_leap_day_goes_back_to_the_28th_of_february():
    assert cutoff(date("2028-02-29"), 5) == date("2023-02-28")
    assert cutoff(date("2026-12-07"), 5) == date("2021-12-07")


def names(people):
    return {label: type(r).objects.get(pk=r.pk).full_name for label, r in people.items()}


def run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    call_command("anonymise_expired", *arguments, stdout=out, stderr=err)
    return out.getvalue()


def subject(record):
    return f"{record._meta.label_lower}:{record.pk}"


def test_a_dry_run_lists_who_would_be_anonymised_and_changes_nothing(people):
    before = names(people)
    history = Person.history.count() + UnionOfficer.history.count()
    output = run("--dry-run")
    listed = {label for label, record in people.items() if f"{subject(record)} " in output}
    assert listed == expired(people)
    assert "Giàng Thị Cũ" in output and "Lò Thị Cũ" in output
    assert names(people) == before
    assert Person.history.count() + UnionOfficer.history.count() == history
    assert not AccessRecord.objects.exists()
    assert not Person.objects.filter(anonymised_on=TODAY).exists()


def test_a_run_anonymises_only_those_past_retention(people):
    before = names(people)
    output = run()
    after = names(people)
    changed = {label for label in people if after[label] != before[label]}
    assert changed == expired(people)
    for label in expired(people):
        record = people[label]
        assert type(record).objects.get(pk=record.pk).anonymised_on == TODAY, label
    # The output names them by record only: the names it would print are those replaced.
    assert "Giàng Thị Cũ" not in output and "Lò Thị Cũ" not in output
    assert {label for label, r in people.items() if f"{subject(r)} " in output} == changed
    logged = AccessRecord.objects.filter(action=ANONYMISE)
    assert {row.subject for row in logged} == {subject(people[label]) for label in changed}
    with translation.override("vi"):
        reason = retention_reason(5)
    assert {(row.username, row.user, row.reason) for row in logged} == {
        ("anonymise_expired", None, reason)
    }
    record = people["expired role"]
    latest = Person.history.filter(id=record.pk).first()
    assert latest.history_change_reason == reason and latest.history_user is None


def test_a_second_run_finds_nobody(people):
    run()
    history = Person.history.count() + UnionOfficer.history.count()
    output = run()
    assert not any(subject(record) in output for record in people.values())
    assert Person.history.count() + UnionOfficer.history.count() == history
    assert AccessRecord.objects.filter(action=ANONYMISE).count() == len(expired(people))


def test_a_run_acts_as_the_user_given(people, province_staff):
    run("--user", province_staff.username)
    logged = AccessRecord.objects.filter(action=ANONYMISE)
    assert {row.user for row in logged} == {province_staff}
    latest = Person.history.filter(id=people["expired role"].pk).first()
    assert latest.history_user == province_staff


@pytest.mark.parametrize("role_", [User.Role.UNIT_OFFICER, User.Role.LEADER])
def test_a_run_refuses_a_user_who_may_not_anonymise(people, ta_van, role_):
    user = UserFactory(role=role_, unit=ta_van)
    before = names(people)
    with pytest.raises(CommandError):
        run("--user", user.username)
    with pytest.raises(CommandError):
        run("--user", "nobody-of-that-name")
    assert names(people) == before
    assert not AccessRecord.objects.exists()
