"""The sheets of supports and difficulties: the template lists what they accept, a good file
imports (with history naming the importer, once however often it is imported), a bad row is
reported on its column and changes nothing."""

import datetime
import io

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from followup.models import Difficulty, Funding, Lender, Support, SupportKind
from imports.models import ImportBatch
from imports.runner import run_import
from tests.factories import CooperativeFactory
from tests.spreadsheets import COOPERATIVE_HEADERS, xlsx

pytestmark = pytest.mark.django_db

SUPPORT_HEADERS = [
    "Mã số đăng ký HTX/THT*",
    "Loại hỗ trợ*",
    "Ngày hỗ trợ*",
    "Đơn vị hỗ trợ*",
    "Sự kiện, chương trình",
    "Nguồn kinh phí",
    "Kinh phí hỗ trợ (đồng)",
    "Tổ chức cho vay",
    "Số tiền vay (đồng)",
    "Thời hạn vay (tháng)",
    "Ghi chú",
]
DIFFICULTY_HEADERS = [
    "Mã số đăng ký HTX/THT*",
    "Nhóm khó khăn*",
    "Nội dung khó khăn, kiến nghị*",
    "Ngày nêu*",
    "Hình thức nêu",
    "Cơ quan, đơn vị giải quyết*",
    "Tình trạng giải quyết",
    "Nội dung trả lời",
    "Ngày trả lời",
]
FAIR = "Hội chợ, triển lãm, kết nối cung cầu"
LOAN = "Vay vốn ưu đãi"
CODE = "5300123456"  # a cooperative of Tả Van
OTHER = "5300777001"  # another of Tả Van
FAR = "5300999999"  # one of Bát Xát


def vi(label) -> str:
    """A choice's label as a Vietnamese officer reads it in the template."""
    with translation.override("vi"):
        return str(label)


def support_row(**cells):
    """A row of the support sheet: a trade fair, given by the Department of Industry and
    Trade, paid from the state budget; `cells` ({header without "*": value}) change it."""
    row = dict(
        zip(
            [h.rstrip("*") for h in SUPPORT_HEADERS],
            [
                CODE,
                FAIR,
                "10/03/2026",
                "SCT",
                "Hội chợ OCOP Lào Cai 2026",
                vi(Funding.STATE_BUDGET.label),
                "5.000.000",
                "",
                "",
                "",
                "",
            ],
            strict=True,
        )
    )
    assert set(cells) <= set(row), set(cells) - set(row)
    row.update(cells)
    return list(row.values())


def difficulty_row(**cells):
    """A row of the difficulty sheet: capital, raised to the social-policy bank, still open."""
    row = dict(
        zip(
            [h.rstrip("*") for h in DIFFICULTY_HEADERS],
            [
                CODE,
                vi(Difficulty.Category.CAPITAL.label),
                "Thiếu vốn lưu động để mua sợi",
                "02/04/2026",
                "",
                "NHCSXH",
                "",
                "",
                "",
            ],
            strict=True,
        )
    )
    assert set(cells) <= set(row), set(cells) - set(row)
    row.update(cells)
    return list(row.values())


def workbook(supports=(), difficulties=()) -> bytes:
    sheets = {}
    if supports:
        sheets["Hỗ trợ"] = [SUPPORT_HEADERS, *supports]
    if difficulties:
        sheets["Khó khăn"] = [DIFFICULTY_HEADERS, *difficulties]
    return xlsx(sheets)


GOOD_FILE = {
    "supports": [
        # Kind written without accents or capitals; the body by its code.
        support_row(**{"Loại hỗ trợ": "hoi cho, TRIEN LAM, ket noi cung cau"}),
        # The same fair for another cooperative, the body by its name: the same event.
        support_row(**{"Mã số đăng ký HTX/THT": OTHER, "Đơn vị hỗ trợ": "Sở Công Thương"}),
        support_row(
            **{
                "Loại hỗ trợ": LOAN,
                "Ngày hỗ trợ": "02/04/2026",
                "Đơn vị hỗ trợ": "Hội Liên hiệp Phụ nữ tỉnh",
                "Sự kiện, chương trình": "",
                "Nguồn kinh phí": "",
                "Kinh phí hỗ trợ (đồng)": "",
                "Tổ chức cho vay": vi(Lender.SOCIAL_POLICY_BANK.label),
                "Số tiền vay (đồng)": "100.000.000",
                "Thời hạn vay (tháng)": 36,
            }
        ),
        # A kind whose name holds a comma; the body a commune.
        support_row(
            **{
                "Loại hỗ trợ": "Tư vấn xây dựng điều lệ, tổ chức lại",
                "Ngày hỗ trợ": datetime.datetime(2026, 1, 15),
                "Đơn vị hỗ trợ": "Xã Tả Van",
                "Sự kiện, chương trình": "",
                "Nguồn kinh phí": "",
                "Kinh phí hỗ trợ (đồng)": "",
                "Ghi chú": "Hai buổi làm việc\nvới Ban giám đốc",
            }
        ),
    ],
    "difficulties": [
        difficulty_row(**{"Nội dung khó khăn, kiến nghị": "Thiếu vốn lưu động\nđể mua sợi"}),
        difficulty_row(
            **{
                "Mã số đăng ký HTX/THT": OTHER,
                "Nhóm khó khăn": vi(Difficulty.Category.MARKET.label),
                "Nội dung khó khăn, kiến nghị": "Khó tìm đầu ra cho khăn thổ cẩm",
                "Ngày nêu": "01/02/2026",
                "Hình thức nêu": vi(Difficulty.Channel.VISIT.label),
                "Cơ quan, đơn vị giải quyết": "SCT",
                "Tình trạng giải quyết": vi(Difficulty.State.RESOLVED.label),
                "Nội dung trả lời": "Đã kết nối với hai siêu thị ở Lào Cai",
                "Ngày trả lời": "15/03/2026",
            }
        ),
    ],
}


@pytest.fixture
def cooperatives(ta_van, bat_xat):
    return (
        CooperativeFactory(unit=ta_van, registration_code=CODE),
        CooperativeFactory(unit=ta_van, registration_code=OTHER),
        CooperativeFactory(unit=bat_xat, registration_code=FAR),
    )


def upload(client, data):
    file = io.BytesIO(data)
    file.name = "ho-tro.xlsx"
    return client.post(reverse("imports:start"), {"file": file})


def counts():
    return Support.objects.count(), Difficulty.objects.count()


def problems(outcome):
    return sorted((p.sheet, p.row, p.column, p.cell) for p in outcome.problems)


def lists(workbook_):
    """{title: values} of the sheet "Danh mục"."""
    columns = zip(*workbook_["Danh mục"].iter_rows(values_only=True), strict=True)
    return {title: [v for v in values if v is not None] for title, *values in columns}


def test_the_template_has_both_sheets_with_their_headers_and_lists(officer_client):
    SupportKind.objects.filter(name="Khác").update(active=False)
    response = officer_client.get(reverse("imports:template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Hỗ trợ"][1]] == SUPPORT_HEADERS
    assert [c.value for c in book["Khó khăn"][1]] == DIFFICULTY_HEADERS
    assert "Danh mục" in book["Hỗ trợ"]["B1"].comment.text

    kinds = list(SupportKind.objects.filter(active=True).values_list("name", flat=True))
    assert FAIR in kinds and "Khác" not in kinds
    found = lists(book)
    assert found["Loại hỗ trợ"] == kinds
    with translation.override("vi"):
        assert found["Nguồn kinh phí"] == [str(label) for _c, label in Funding.choices]
        assert found["Tổ chức cho vay"] == [str(label) for _c, label in Lender.choices]
        for title, choices in [
            ("Nhóm khó khăn", Difficulty.Category.choices),
            ("Hình thức nêu", Difficulty.Channel.choices),
            ("Tình trạng giải quyết", Difficulty.State.choices),
        ]:
            assert found[title] == [str(label) for _c, label in choices]
    assert "Sở Công Thương" in found["Tên cơ quan cấp tỉnh"]
    assert "SCT" in found["Mã cơ quan cấp tỉnh"]
    assert "Xã Tả Van" in found["Tên đơn vị"]  # the lists that were there stay

    guide = {row[0]: row[2] for row in book["Hướng dẫn"].iter_rows(values_only=True) if row[2]}
    assert all(kind in guide["Loại hỗ trợ"] for kind in kinds)
    assert vi(Lender.SUPPORT_FUND.label) in guide["Tổ chức cho vay"]
    assert vi(Difficulty.State.OPEN.label) in guide["Tình trạng giải quyết"]
    rules = " ".join(str(row[0]) for row in book["Hướng dẫn"].iter_rows(values_only=True))
    assert "thêm một bản ghi mới" in rules


def test_a_good_file_imports_once_with_history_naming_the_importer(
    officer_client, officer, cooperatives
):
    data = workbook(GOOD_FILE["supports"], GOOD_FILE["difficulties"])
    upload(officer_client, data)
    batch = ImportBatch.objects.get()
    assert batch.result["problems"] == []
    assert counts() == (0, 0)  # the check saves nothing
    officer_client.post(reverse("imports:confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.IMPORTED
    assert counts() == (4, 2)

    weaving, other, _far = cooperatives
    fair, fair_too = Support.objects.filter(kind__name=FAIR).order_by("cooperative__pk")
    assert (fair.cooperative, fair.body.code, fair.given_on) == (
        weaving,
        "SCT",
        datetime.date(2026, 3, 10),
    )
    assert (fair.funding_source, fair.amount, fair.occasion) == (
        Funding.STATE_BUDGET,
        5_000_000,
        "Hội chợ OCOP Lào Cai 2026",
    )
    assert fair_too.cooperative == other and fair_too.body == fair.body
    assert fair.batch is not None and fair.batch == fair_too.batch  # one event
    loan = Support.objects.get(kind__name=LOAN)
    assert (loan.lender, loan.loan_amount, loan.loan_term_months, loan.body.code) == (
        Lender.SOCIAL_POLICY_BANK,
        100_000_000,
        36,
        "HLHPN",
    )
    assert loan.batch != fair.batch
    advice = Support.objects.get(kind__name__startswith="Tư vấn xây dựng điều lệ")
    assert advice.note == "Hai buổi làm việc\nvới Ban giám đốc"
    assert advice.given_on == datetime.date(2026, 1, 15)

    capital = Difficulty.objects.get(cooperative=weaving)
    assert (capital.category, capital.channel, capital.state, capital.body.code) == (
        Difficulty.Category.CAPITAL,
        Difficulty.Channel.DIALOGUE,
        Difficulty.State.OPEN,
        "NHCSXH",
    )
    assert capital.description == "Thiếu vốn lưu động\nđể mua sợi"
    market = Difficulty.objects.get(cooperative=other)
    assert (market.state, market.channel, market.answered_on) == (
        Difficulty.State.RESOLVED,
        Difficulty.Channel.VISIT,
        datetime.date(2026, 3, 15),
    )
    for record in [*Support.objects.all(), *Difficulty.objects.all()]:
        (created,) = record.history.all()
        assert (created.history_type, created.history_user) == ("+", officer)

    # The same file again adds nothing.
    upload(officer_client, data)
    again = ImportBatch.objects.latest("pk")
    assert again.result["problems"] == []
    actions = {action for sheet in again.result["sheets"] for _m, action, _n in sheet["counts"]}
    assert actions == {"skip"}
    officer_client.post(reverse("imports:confirm", args=[again.pk]))
    assert counts() == (4, 2)


def test_a_difficulty_imported_again_with_its_answer_is_updated(officer, cooperatives):
    assert run_import(workbook(difficulties=[difficulty_row()]), officer, commit=True).saved
    answered = difficulty_row(
        **{
            "Nội dung khó khăn, kiến nghị": "thiếu vốn lưu động  để mua sợi",  # case, spaces
            "Cơ quan, đơn vị giải quyết": "",  # a blank cell keeps what is stored
            "Tình trạng giải quyết": vi(Difficulty.State.RESOLVED.label),
            "Nội dung trả lời": "Đã giới thiệu vay vốn giải quyết việc làm",
            "Ngày trả lời": "20/04/2026",
        }
    )
    outcome = run_import(workbook(difficulties=[answered]), officer, commit=True)
    assert outcome.saved
    columns = ["Tình trạng giải quyết", "Nội dung trả lời", "Ngày trả lời"]
    assert [(c.action, c.columns[-3:]) for c in outcome.changes] == [("update", columns)]
    difficulty = Difficulty.objects.get()  # the same one, as the file now writes it
    assert (difficulty.state, difficulty.body.code) == (Difficulty.State.RESOLVED, "NHCSXH")
    assert difficulty.description == "thiếu vốn lưu động để mua sợi"
    changed = difficulty.history.latest()
    assert (changed.history_type, changed.history_user) == ("~", officer)


SUPPORT_MISTAKES = {
    "unknown kind": ({"Loại hỗ trợ": "Hỗ trợ bay lên trời"}, "Loại hỗ trợ*", "B"),
    "negative amount": ({"Kinh phí hỗ trợ (đồng)": "-5.000.000"}, "Kinh phí hỗ trợ (đồng)", "G"),
    "amount without its source": ({"Nguồn kinh phí": ""}, "Nguồn kinh phí", "F"),
    "loan without lender": (
        {"Loại hỗ trợ": LOAN, "Số tiền vay (đồng)": "50.000.000", "Thời hạn vay (tháng)": 24},
        "Tổ chức cho vay",
        "H",
    ),
    "lender of what is no loan": (
        {"Tổ chức cho vay": vi(Lender.CREDIT_INSTITUTION.label)},
        "Tổ chức cho vay",
        "H",
    ),
    "unknown lender": ({"Tổ chức cho vay": "Ngân hàng ma"}, "Tổ chức cho vay", "H"),
    "another unit's cooperative": ({"Mã số đăng ký HTX/THT": FAR}, "Mã số đăng ký HTX/THT*", "A"),
    "unknown body": ({"Đơn vị hỗ trợ": "Sở Không Có"}, "Đơn vị hỗ trợ*", "D"),
    "a date to come": ({"Ngày hỗ trợ": "01/01/2099"}, "Ngày hỗ trợ*", "C"),
    "no date": ({"Ngày hỗ trợ": ""}, "Ngày hỗ trợ*", "C"),
    "a term of a century": (
        {
            "Loại hỗ trợ": LOAN,
            "Tổ chức cho vay": vi(Lender.SUPPORT_FUND.label),
            "Số tiền vay (đồng)": "50.000.000",
            "Thời hạn vay (tháng)": 1200,
        },
        "Thời hạn vay (tháng)",
        "J",
    ),
}


@pytest.mark.parametrize("mistake", SUPPORT_MISTAKES)
def test_a_bad_support_row_is_reported_on_its_column_and_changes_nothing(
    officer, cooperatives, mistake
):
    cells, column, letter = SUPPORT_MISTAKES[mistake]
    good = support_row(**{"Mã số đăng ký HTX/THT": OTHER})
    data = workbook([good, support_row(**cells)], [difficulty_row()])
    outcome = run_import(data, officer, commit=True)
    assert problems(outcome) == [("Hỗ trợ", 3, column, f"{letter}3")]
    assert all(p.message for p in outcome.problems)
    assert not outcome.saved
    assert counts() == (0, 0)


DIFFICULTY_MISTAKES = {
    "answered before raised": (
        {
            "Tình trạng giải quyết": vi(Difficulty.State.RESOLVED.label),
            "Nội dung trả lời": "Đã trả lời",
            "Ngày trả lời": "01/03/2026",
        },
        "Ngày trả lời",
        "I",
    ),
    "resolved without an answer": (
        {
            "Tình trạng giải quyết": vi(Difficulty.State.RESOLVED.label),
            "Ngày trả lời": "10/04/2026",
        },
        "Nội dung trả lời",
        "H",
    ),
    "unknown category": ({"Nhóm khó khăn": "Thời tiết xấu"}, "Nhóm khó khăn*", "B"),
    "unknown state": ({"Tình trạng giải quyết": "Để sau"}, "Tình trạng giải quyết", "G"),
    "nothing raised": ({"Nội dung khó khăn, kiến nghị": ""}, "Nội dung khó khăn, kiến nghị*", "C"),
    "another unit's cooperative": ({"Mã số đăng ký HTX/THT": FAR}, "Mã số đăng ký HTX/THT*", "A"),
    "unknown body": (
        {"Cơ quan, đơn vị giải quyết": "Bộ Mặt Trăng"},
        "Cơ quan, đơn vị giải quyết*",
        "F",
    ),
}


@pytest.mark.parametrize("mistake", DIFFICULTY_MISTAKES)
def test_a_bad_difficulty_row_is_reported_on_its_column_and_changes_nothing(
    officer, cooperatives, mistake
):
    cells, column, letter = DIFFICULTY_MISTAKES[mistake]
    good = difficulty_row(**{"Mã số đăng ký HTX/THT": OTHER})
    data = workbook([support_row()], [good, difficulty_row(**cells)])
    outcome = run_import(data, officer, commit=True)
    assert problems(outcome) == [("Khó khăn", 3, column, f"{letter}3")]
    assert all(p.message for p in outcome.problems)
    assert not outcome.saved
    assert counts() == (0, 0)


def test_only_the_good_rows_are_imported_when_chosen(officer, cooperatives):
    data = workbook(
        [
            support_row(**{"Loại hỗ trợ": "Hỗ trợ bay lên trời"}),
            support_row(**{"Mã số đăng ký HTX/THT": FAR}),
            support_row(),
        ],
        [
            difficulty_row(**{"Ngày trả lời": "01/01/2026"}),
            difficulty_row(**{"Mã số đăng ký HTX/THT": OTHER}),
        ],
    )
    outcome = run_import(data, officer, commit=True, only_good_rows=True)
    assert problems(outcome) == [
        ("Hỗ trợ", 2, "Loại hỗ trợ*", "B2"),
        ("Hỗ trợ", 3, "Mã số đăng ký HTX/THT*", "A3"),
        ("Khó khăn", 2, "Ngày trả lời", "I2"),
    ]
    assert outcome.saved
    assert counts() == (1, 1)
    assert not Support.objects.filter(cooperative__registration_code=FAR).exists()


def test_province_staff_import_for_any_unit(province_staff, cooperatives):
    data = workbook([support_row(**{"Mã số đăng ký HTX/THT": FAR})])
    assert run_import(data, province_staff, commit=True).saved
    assert Support.objects.get().cooperative.registration_code == FAR


def test_a_dry_run_changes_nothing(officer, cooperatives):
    data = workbook(GOOD_FILE["supports"], GOOD_FILE["difficulties"])
    outcome = run_import(data, officer, commit=False)
    assert outcome.problems == [] and outcome.good_rows == 6
    assert not outcome.saved
    assert counts() == (0, 0)
    assert not Support.history.exists() and not Difficulty.history.exists()


def test_a_kind_no_longer_offered_names_no_new_support(officer, cooperatives):
    assert run_import(workbook([support_row()]), officer, commit=True).saved
    SupportKind.objects.filter(name=FAIR).update(active=False)
    again = run_import(workbook([support_row()]), officer, commit=True)
    assert again.problems == []
    assert [(action, n) for (_m, action), n in again.sheets[0].counts.items()] == [("skip", 1)]
    another = support_row(**{"Mã số đăng ký HTX/THT": OTHER})
    outcome = run_import(workbook([another]), officer, commit=True)
    assert problems(outcome) == [("Hỗ trợ", 2, "Loại hỗ trợ*", "B2")]
    assert Support.objects.count() == 1


def test_a_repeated_row_of_one_file_is_a_bad_row(officer, cooperatives):
    outcome = run_import(workbook([support_row(), support_row()]), officer, commit=True)
    assert [p.row for p in outcome.problems] == [3]
    assert counts() == (0, 0)


def test_cooperatives_and_their_supports_import_together(officer, ta_van):
    data = xlsx(
        {
            "Hỗ trợ": [SUPPORT_HEADERS, support_row(**{"Mã số đăng ký HTX/THT": "5300444444"})],
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                ["HTX", "HTX Lâm sản Tả Van", "5300444444", "Xã Tả Van", "Lâm nghiệp, dược liệu"],
            ],
        }
    )
    outcome = run_import(data, officer, commit=True)
    assert outcome.problems == [] and outcome.saved
    support = Support.objects.get()
    assert support.cooperative.name == "HTX Lâm sản Tả Van"
    # A sector whose name holds a comma is found by its whole name.
    assert [s.name for s in support.cooperative.sectors.all()] == ["Lâm nghiệp, dược liệu"]


def test_the_filled_in_template_imports(officer_client, cooperatives):
    book = load_workbook(io.BytesIO(officer_client.get(reverse("imports:template")).content))
    book["Hỗ trợ"].append(support_row())
    book["Khó khăn"].append(difficulty_row())
    output = io.BytesIO()
    book.save(output)
    upload(officer_client, output.getvalue())
    batch = ImportBatch.objects.get()
    assert batch.result["problems"] == []
    officer_client.post(reverse("imports:confirm", args=[batch.pk]))
    assert counts() == (1, 1)


def statements(data, user) -> int:
    """How many SQL statements importing `data` takes (rolled back), an INSERT split into
    batches by the database's limit on parameters counted once."""
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        outcome = run_import(data, user, commit=True)
        transaction.set_rollback(True)
    assert outcome.saved, outcome.problems[:3]
    kinds = []
    for query in captured.captured_queries:
        sql = query["sql"]
        kind = sql.split(" VALUES ")[0] if sql.startswith("INSERT") else sql
        if not kinds or kinds[-1] != kind or not sql.startswith("INSERT"):
            kinds.append(kind)
    return len(kinds)


def test_the_queries_of_an_import_do_not_grow_with_its_rows(officer, cooperatives):
    officer.area_unit_ids()  # worked out once per user

    def rows(n):
        return workbook(
            [support_row(**{"Sự kiện, chương trình": f"Hội chợ số {i}"}) for i in range(n)],
            [difficulty_row(**{"Nội dung khó khăn, kiến nghị": f"Việc {i}"}) for i in range(n)],
        )

    assert statements(rows(10), officer) == statements(rows(100), officer)
