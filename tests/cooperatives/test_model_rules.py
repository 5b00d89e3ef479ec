"""The registry's derived facts: woman manager, women-managed, active, female-labour share."""

import datetime

import pytest

from config.text import fold
from cooperatives.models import Cooperative, ManagementRole, Person
from tests.factories import CooperativeFactory, FiguresFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db

D = datetime.date(2025, 12, 31)
HTX, THT = Cooperative.Kind.HTX, Cooperative.Kind.THT
R = ManagementRole.Role


@pytest.mark.parametrize(
    "kind, sex, role, start, end, expected",
    [
        (HTX, "F", R.DIRECTOR, "2024-01-01", None, True),
        (HTX, "F", R.CHAIR, "2024-01-01", None, True),
        (HTX, "F", R.BOARD_MEMBER, "2024-01-01", None, True),
        (HTX, "F", R.SUPERVISORY_HEAD, "2024-01-01", None, True),
        (HTX, "F", R.SUPERVISORY_MEMBER, "2024-01-01", None, True),
        (HTX, "F", R.CONTROLLER, "2024-01-01", None, True),
        # Not manager roles in plan section III.
        (HTX, "F", R.DEPUTY_DIRECTOR, "2024-01-01", None, False),
        (HTX, "F", R.ACCOUNTANT, "2024-01-01", None, False),
        # A man in a management role does not make a cooperative women-managed.
        (HTX, "M", R.DIRECTOR, "2024-01-01", None, False),
        # Dates: the role must be held on D; both ends count.
        (HTX, "F", R.DIRECTOR, "2024-01-01", "2025-06-30", False),
        (HTX, "F", R.DIRECTOR, "2024-01-01", "2025-12-31", True),
        (HTX, "F", R.DIRECTOR, "2025-12-31", None, True),
        (HTX, "F", R.DIRECTOR, "2026-01-01", None, False),
        (THT, "F", R.GROUP_LEADER, "2024-01-01", None, True),
        (THT, "F", R.DEPUTY_GROUP_LEADER, "2024-01-01", None, True),
        (THT, "F", R.ACCOUNTANT, "2024-01-01", None, False),
        (THT, "M", R.GROUP_LEADER, "2024-01-01", None, False),
    ],
)
def test_women_managed_on_date(kind, sex, role, start, end, expected):
    cooperative = CooperativeFactory(kind=kind)
    RoleFactory(
        cooperative=cooperative,
        person=PersonFactory(sex=sex),
        role=role,
        start_date=datetime.date.fromisoformat(start),
        end_date=end and datetime.date.fromisoformat(end),
    )
    assert cooperative.is_women_managed_on(D) is expected
    # The queryset rule (used by lists, filters and indicators) agrees with the instance one.
    assert Cooperative.objects.women_managed_on(D).filter(pk=cooperative.pk).exists() is expected


def test_cooperative_without_roles_is_not_women_managed():
    cooperative = CooperativeFactory()
    assert not cooperative.is_women_managed_on(D)
    annotated = Cooperative.objects.with_women_managed_on(D).get(pk=cooperative.pk)
    assert annotated.is_women_managed is False


@pytest.mark.parametrize(
    "founded, status, since, expected",
    [
        ("2020-01-01", "active", None, True),
        (None, "active", None, True),
        ("2026-02-01", "active", None, False),
        ("2020-01-01", "dissolved", "2025-03-01", False),
        ("2020-01-01", "suspended", "2025-12-31", False),
        # The status changed after D: it was still active on D.
        ("2020-01-01", "dissolved", "2026-03-01", True),
        ("2020-01-01", "awaiting_dissolution", "2024-05-01", False),
        ("2020-01-01", "not_effective", "2024-05-01", False),
    ],
)
def test_active_on_date(founded, status, since, expected):
    cooperative = CooperativeFactory(
        founded_on=founded and datetime.date.fromisoformat(founded),
        status=status,
        status_since=since and datetime.date.fromisoformat(since),
    )
    assert Cooperative.objects.active_on(D).filter(pk=cooperative.pk).exists() is expected


def test_female_labour_share_uses_latest_figures_up_to_the_year():
    cooperative = CooperativeFactory()
    FiguresFactory(cooperative=cooperative, year=2024, workers_total=10, workers_female=5)
    FiguresFactory(cooperative=cooperative, year=2025, workers_total=20, workers_female=15)
    FiguresFactory(cooperative=cooperative, year=2026, workers_total=10, workers_female=10)

    row = Cooperative.objects.with_latest_figures(2025).get(pk=cooperative.pk)
    assert (row.latest_figures_year, row.latest_workers_total, row.latest_workers_female) == (
        2025,
        20,
        15,
    )
    assert cooperative.latest_figures(2025).female_labour_share == 0.75
    assert cooperative.latest_figures().year == 2026


def test_female_labour_share_is_no_data_without_workers():
    figures = FiguresFactory(
        workers_total=0, workers_female=0, female_stable_jobs=0, members_total=3, members_female=3
    )
    assert figures.female_labour_share is None


def test_cooperative_without_figures_has_no_latest_figures():
    cooperative = CooperativeFactory()
    row = Cooperative.objects.with_latest_figures(2025).get(pk=cooperative.pk)
    assert row.latest_figures_year is None
    assert cooperative.latest_figures(2025) is None


def test_converted_group_links_both_ways():
    group = CooperativeFactory(kind=THT, name="Tổ hợp tác Dệt may")
    htx = CooperativeFactory(kind=HTX, name="Hợp tác xã Dệt may", converted_from=group)
    assert list(group.converted_into.all()) == [htx]


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Hợp tác xã Đồng Tâm", "hop tac xa dong tam"),
        ("  HTX   Nông  nghiệp ", "htx nong nghiep"),
        ("Tổ hợp tác Mường Hum", "to hop tac muong hum"),
        # Decomposed Unicode (as some keyboards type it) folds the same way.
        ("Ho\u031bp ta\u0301c xa\u0303", "hop tac xa"),
    ],
)
def test_fold_removes_case_and_diacritics(text, folded):
    assert fold(text) == folded


def test_person_search_text_follows_name_changes():
    person = PersonFactory(full_name="Lò Thị Xuân", sex=Person.Sex.FEMALE)
    person.full_name = "Lò Thị Hương"
    person.save(update_fields=["full_name"])
    assert list(Person.objects.search("lo thi huong")) == [person]
