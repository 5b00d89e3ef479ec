"""The bulk import: queries that do not grow with rows, history kept, keys checked in memory."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from imports.reading import BadFile
from imports.runner import run_import
from org import bulk
from tests.factories import CooperativeFactory, PersonFactory
from tests.spreadsheets import COOPERATIVE_HEADERS, ROLE_HEADERS, xlsx

pytestmark = pytest.mark.django_db


def statements(data, user) -> list[str]:
    """The SQL statements of importing `data` (rolled back), an INSERT split into batches by
    the database's limit on parameters (SQLite: 999) counted once."""
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        outcome = run_import(data, user, commit=True)
        transaction.set_rollback(True)
    assert outcome.saved, outcome.problems[:3]
    kinds = []
    for query in captured.captured_queries:
        kind = query["sql"].split(" VALUES ")[0] if query["sql"].startswith("INSERT") else None
        if kind is None or not kinds or kinds[-1] != kind:
            kinds.append(kind or query["sql"])
    return kinds


def cooperatives(rows: int) -> bytes:
    return xlsx(
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                *(
                    ["HTX", f"HTX số {n}", f"53{n:08d}", "Xã Tả Van", "Trồng trọt; Chăn nuôi"]
                    for n in range(rows)
                ),
            ]
        }
    )


def managers(rows: int, code="5301000123") -> bytes:
    return xlsx(
        {
            "Người quản lý": [
                ROLE_HEADERS,
                *(
                    [f"Lò Thị {n}", "Nữ", 1980, "Mông", "Xã Tả Van", code, "Kế toán", "01/02/2024"]
                    for n in range(rows)
                ),
            ]
        }
    )


def test_the_queries_of_an_import_do_not_grow_with_its_rows(officer, ta_van, settings):
    # The kept figures' renewal goes to the cache (in memory here, as with Redis: no SQL);
    # the import's own statements are counted.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    officer.area_unit_ids()  # worked out once per user
    # Cooperatives: two savepoints (the import, the sheet); the units, the records the rows
    # name, the sectors; one INSERT each for the records, their sectors, their history and
    # its sectors; the units whose kept figures the rows change, and one INSERT marking
    # them (targets/live.py); the public pages among them, whose search text follows their
    # names (showcase/signals.py); two releases. (Not import-export's reset of the id
    # sequence: see RegistryResource.after_import.)
    assert len(statements(cooperatives(20), officer)) == 14
    assert len(statements(cooperatives(20), officer)) == len(statements(cooperatives(200), officer))
    CooperativeFactory(unit=ta_van, registration_code="5301000123")
    assert len(statements(managers(20), officer)) == len(statements(managers(200), officer))


def test_history_names_the_importing_user_and_shows_the_sectors(officer):
    outcome = run_import(cooperatives(3), officer, commit=True)
    assert outcome.saved
    for cooperative in Cooperative.objects.all():
        (created,) = cooperative.history.all()
        assert (created.history_type, created.history_user) == ("+", officer)
        assert sorted(row.sector.name for row in created.sectors.all()) == [
            "Chăn nuôi",
            "Trồng trọt",
        ]

    changed = xlsx(
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                ["HTX", "HTX số 1", "5300000001", "03037", "Dệt thổ cẩm"],
            ]
        }
    )
    outcome = run_import(changed, officer, commit=True)
    assert [(c.action, c.columns) for c in outcome.changes] == [("update", ["Lĩnh vực"])]
    cooperative = Cooperative.objects.get(registration_code="5300000001")
    assert [s.name for s in cooperative.sectors.all()] == ["Dệt thổ cẩm"]
    updated = cooperative.history.latest()
    assert (updated.history_type, updated.history_user) == ("~", officer)
    assert [row.sector.name for row in updated.sectors.all()] == ["Dệt thổ cẩm"]


def test_two_new_rows_with_one_registration_code_make_the_second_a_bad_row(officer):
    data = xlsx(
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                ["HTX", "HTX Một", "5300000001", "Xã Tả Van", ""],
                ["HTX", "HTX Hai", "5300000001", "Xã Tả Van", ""],
                ["THT", "Tổ Hai", "5300000001", "Xã Tả Van", ""],  # another kind may share it
            ]
        }
    )
    outcome = run_import(data, officer, commit=True, only_good_rows=True)
    assert [(p.row, p.message) for p in outcome.problems] == [
        (3, "Dòng 2 đã là của bản ghi này (dòng trùng).")
    ]
    assert sorted(Cooperative.objects.values_list("kind", "name")) == [
        ("htx", "HTX Một"),
        ("tht", "Tổ Hai"),
    ]


def test_two_new_rows_for_one_cooperative_without_a_code_make_the_second_a_bad_row(officer):
    data = xlsx(
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                ["THT", "Tổ Chăn nuôi Lếch", "", "Xã Tả Van", ""],
                ["THT", "tổ chăn  nuôi lếch", "", "03037", ""],
            ]
        }
    )
    outcome = run_import(data, officer, commit=True, only_good_rows=True)
    assert [(p.row, p.cell) for p in outcome.problems] == [(3, "A3")]
    assert Cooperative.objects.count() == 1


def test_two_rows_of_figures_for_one_year_make_the_second_a_bad_row(officer, ta_van):
    CooperativeFactory(unit=ta_van, registration_code="5301999001")
    headers = ["Mã số đăng ký HTX/THT", "Năm", "Tổng số lao động"]
    data = xlsx({"Số liệu năm": [headers, ["5301999001", 2026, 10], ["5301999001", 2026, 12]]})
    outcome = run_import(data, officer, commit=True, only_good_rows=True)
    assert [p.row for p in outcome.problems] == [3]
    assert YearlyFigures.objects.get().workers_total == 10


def test_a_person_whose_role_is_bad_is_not_kept_and_the_others_are(officer, ta_van):
    CooperativeFactory(unit=ta_van, registration_code="5301000123", kind="htx")
    data = xlsx(
        {
            "Người quản lý": [
                ROLE_HEADERS,
                ["Lò Thị Mai", "Nữ", 1980, "", "Xã Tả Van", "5301000123", "Giám đốc", "01/02/2024"],
                # A cooperative (HTX) has no group leader.
                [
                    "Lò Thị Hoa",
                    "Nữ",
                    1982,
                    "",
                    "Xã Tả Van",
                    "5301000123",
                    "Tổ trưởng",
                    "01/02/2024",
                ],
                ["Lò Thị Mai", "Nữ", 1980, "", "Xã Tả Van", "5301000123", "Kế toán", "01/02/2024"],
            ]
        }
    )
    outcome = run_import(data, officer, commit=True, only_good_rows=True)
    assert [(p.row, p.column) for p in outcome.problems] == [(3, "Chức danh*")]
    (mai,) = Person.objects.all()
    assert mai.full_name == "Lò Thị Mai"
    assert sorted(ManagementRole.objects.values_list("role", flat=True)) == [
        "accountant",
        "director",
    ]
    (created,) = mai.history.all()  # one person, one record, though two rows name her
    assert created.history_user == officer


def test_people_of_another_unit_with_the_same_name_are_not_matched(officer, ta_van, bat_xat):
    PersonFactory(unit=bat_xat, full_name="Lò Thị Mai", birth_year=1980, sex="F")
    CooperativeFactory(unit=ta_van, registration_code="5301000123")
    outcome = run_import(managers(1), officer, commit=True)
    assert outcome.saved
    assert Person.objects.filter(unit=ta_van).count() == 1


def test_a_write_the_database_refuses_saves_nothing_and_says_why(officer, monkeypatch):
    """Another user may save a clashing record between the check of a row and the bulk
    write: the import stops with a message instead of an error page, and keeps nothing."""
    real = bulk.write

    def clash(model, instances, **kwargs):
        real(model, instances, **kwargs)
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(bulk, "write", clash)
    with pytest.raises(BadFile, match="Không nhập được gì"):
        run_import(cooperatives(3), officer, commit=True)
    assert not Cooperative.objects.filter(name__startswith="HTX số").exists()
