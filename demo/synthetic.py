"""Synthetic data for benchmarks and load tests: `manage.py seed_synthetic` (README).

What it makes, for a Scale:
- `province`: Lào Cai as loaded by the migrations; records in its 99 communes of 2025, its
  Union's officers (agency HLHPN, the 9 former districts until 30/06/2025, the communes).
- `national`: the same plus 33 synthetic provinces of the 2025 code set, each with 100
  communes valid from 01/07/2025. Their codes start with "S" (`S01`, `S01-001`): real codes
  are digits only, so they never clash, and `synthetic_units()` finds them. Their communes
  lie directly under a province, so after the reform they are reporting units like Lào
  Cai's own (the Central Union rolls up every commune of the country); before it they lie
  outside every reporting unit (no pre-2025 districts are made up for them), so a 2024
  breakdown shows them in the "outside" row while the totals for all units include them.
- Registry: cooperatives (HTX) and groups (THT) with sectors, statuses, founding dates, a few
  conversions THT → HTX; yearly figures 2023–2026 within every rule of `FIGURE_PARTS`;
  people (Vietnamese names by ethnic group) holding roles over time; OCOP products.
- Training: Union officers; events by communes (from the reform), provinces (the whole plan
  period) and Lào Cai's former districts (before it), with named participants of the
  organiser's area and head-counts.
- Follow-up: supports (about one per three cooperatives; trade fairs entered for several
  cooperatives of a province at once share a batch; loans with lender, amount and term) and
  difficulties (about one per ten, every state, some open for more than 90 days), given or
  answered by the provincial bodies (Lào Cai's agency units) or the cooperative's own commune.
- Reporting: the annual rounds 2023–2026 (`services.create_round`) with submissions in every
  state, their indicators frozen as `services.submit` freezes them.

Everything comes from `random.Random(seed)` and dates fixed relative to ANCHOR (30/11/2026),
so one seed gives the same rows on every run and database. Rows are written with bulk
inserts and explicit primary keys (sequences are reset afterwards) and get no change history
(django-simple-history writes it only on save; `populate_history --auto` adds it if needed).
"""

import datetime
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max, Q

from cooperatives.models import (
    MANAGER_ROLES,
    Cooperative,
    Ethnicity,
    ManagementRole,
    OcopProduct,
    Person,
    RoleKind,
    Sector,
    YearlyFigures,
)
from followup.models import OVERDUE_AFTER_DAYS, Difficulty, Funding, Lender, Support, SupportKind
from org.bases import SearchTextModel
from org.models import REFORM_DATE, Unit, User
from org.plan import PLAN_START
from reporting import services
from reporting.frozen import freeze
from reporting.models import (
    AssignedTask,
    ProvincialReport,
    ReportingRound,
    Submission,
    SubmissionAttachment,
    SubmissionEvent,
)
from reporting.models.submissions import LOCAL
from targets import indicators
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

ANCHOR = datetime.date(2026, 11, 30)
LAST_MOMENT = datetime.datetime(2026, 11, 30, 17, 0, tzinfo=LOCAL)  # no workflow step after it
YEARS = [2023, 2024, 2025, 2026]
SYNTHETIC_PREFIX = "S"
BATCH = 5000
STAFF_USERNAME = "synthetic-staff"
HTX, THT = Cooperative.Kind.HTX, Cooperative.Kind.THT
NEW = Unit.CodeSet.FROM_2025


@dataclass(frozen=True)
class Scale:
    htx: int
    tht: int
    people: int
    events: int
    provinces: int = 0  # synthetic provinces besides Lào Cai
    communes: int = 0  # communes per synthetic province
    laocai_communes: int | None = None  # how many of Lào Cai's communes hold records (all)


SCALES = {
    # Lào Cai's share of the country (about 1.4% of the cooperatives).
    "province": Scale(htx=500, tht=1000, people=3500, events=700),
    # The Central Women's Union's roll-up (issue 7).
    "national": Scale(
        htx=35000, tht=75000, people=250000, events=50000, provinces=33, communes=100
    ),
    # For the test suite: a few communes of Lào Cai and of two synthetic provinces.
    "tiny": Scale(
        htx=24, tht=36, people=160, events=30, provinces=2, communes=3, laocai_communes=4
    ),
}

# The other 33 provinces and cities of 2025 (Resolution 202/2025/QH15), marked synthetic.
PROVINCE_NAMES = [
    "Thành phố Hà Nội", "Thành phố Huế", "Tỉnh Lai Châu", "Tỉnh Điện Biên", "Tỉnh Sơn La",
    "Tỉnh Lạng Sơn", "Tỉnh Quảng Ninh", "Tỉnh Thanh Hóa", "Tỉnh Nghệ An", "Tỉnh Hà Tĩnh",
    "Tỉnh Cao Bằng", "Tỉnh Tuyên Quang", "Tỉnh Thái Nguyên", "Tỉnh Phú Thọ", "Tỉnh Bắc Ninh",
    "Tỉnh Hưng Yên", "Thành phố Hải Phòng", "Tỉnh Ninh Bình", "Tỉnh Quảng Trị",
    "Thành phố Đà Nẵng", "Tỉnh Quảng Ngãi", "Tỉnh Gia Lai", "Tỉnh Khánh Hòa", "Tỉnh Lâm Đồng",
    "Tỉnh Đắk Lắk", "Thành phố Hồ Chí Minh", "Tỉnh Đồng Nai", "Tỉnh Tây Ninh",
    "Thành phố Cần Thơ", "Tỉnh Vĩnh Long", "Tỉnh Đồng Tháp", "Tỉnh Cà Mau", "Tỉnh An Giang",
]  # fmt: skip
PLACE_WORDS = [
    "An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Đông", "Tây", "Nam", "Bắc", "Trung", "Hưng",
    "Long", "Phong", "Thịnh", "Quang", "Minh", "Hợp", "Thành", "Vĩnh", "Xuân", "Yên", "Lâm",
    "Sơn", "Hải", "Mường", "Nậm", "Pà", "Tà", "Sín", "Lũng", "Cẩm", "Kim", "Ngọc", "Thượng",
]  # fmt: skip
VILLAGE_WORDS = [
    "Bản Lếch", "Lao Chải", "Tả Phìn", "Nậm Cang", "Bản Hồ", "Na Hối", "Sà Phìn", "Cốc Ly",
    "Thôn Trung Tâm", "Thôn Đồng Tâm", "Thôn Làng Mới", "Xóm Bãi", "Ấp Tân Lập", "Bản Mường",
    "Thôn Khe Lếch", "Bản Pàn Khèo", "Thôn Phú Hà", "Xóm Chùa", "Bản Lướt", "Thôn An Thịnh",
]  # fmt: skip

# Ethnic groups (GSO codes) and weights: Lào Cai, and the rest of the country.
ETHNIC_WEIGHTS = {
    "laocai": {"01": 34, "08": 25, "02": 14, "09": 14, "25": 4, "07": 3, "35": 2, "40": 1.5,
               "03": 2},
    "national": {"01": 70, "02": 5, "03": 5, "06": 4, "05": 3, "08": 3, "07": 3, "09": 2,
                 "04": 1, "10": 1.5, "12": 1, "13": 0.8, "17": 0.5, "14": 0.5, "18": 0.5},
}  # fmt: skip
FAMILY_NAMES = {
    "kinh": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
             "Dương", "Lý", "Phan", "Võ", "Đinh", "Trịnh", "Lương", "Mai", "Tạ"],
    "hmong": ["Giàng", "Sùng", "Vàng", "Lý", "Thào", "Hầu", "Má", "Lồ", "Mua", "Hờ", "Lù"],
    "dao": ["Triệu", "Bàn", "Lý", "Phàn", "Đặng", "Tẩn", "Chảo", "Lò"],
    "tai": ["Hoàng", "Nông", "Lò", "Lường", "Vi", "Hà", "Cầm", "Quàng", "Lục", "Ma", "Sầm",
            "Tòng", "Vàng", "Hoàng", "Lương"],
    "other": ["Y", "Ksor", "Rơ Châm", "Nay", "H'", "Siu", "Thạch", "Danh", "Kim", "Lâm"],
}  # fmt: skip
FAMILY_BY_ETHNICITY = {"01": "kinh", "04": "kinh", "06": "kinh", "08": "hmong", "09": "dao",
                       "02": "tai", "03": "tai", "07": "tai", "25": "tai", "35": "dao",
                       "40": "dao"}  # fmt: skip
MIDDLE = {"F": ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Minh", "Thanh", "Kim"],
          "M": ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Seo", "A"]}  # fmt: skip
GIVEN = {
    "F": ["Hoa", "Mai", "Lan", "Hương", "Thu", "Hằng", "Nga", "Sểnh", "Mỷ", "Dua", "Chư", "Mẩy",
          "Pằng", "Dợ", "Mây", "Thảo", "Linh", "Huyền", "Yến", "Nhung", "Phương", "Trang",
          "Oanh", "Loan", "Xuân", "Chinh", "Sinh", "Vân", "Thơm", "Liên", "Duyên", "Chang"],
    "M": ["Minh", "Hùng", "Dũng", "Chính", "Sáng", "Pao", "Chứ", "Tuấn", "Hải", "Sơn", "Tùng",
          "Lâm", "Cường", "Thắng", "Phong", "Páo", "Dình", "Súa", "Long", "Quý"],
}  # fmt: skip
SECTOR_WEIGHTS = {"agriculture": 18, "crops": 16, "livestock": 14, "forestry": 7,
                  "processing": 9, "handicraft": 6, "weaving": 6, "garment": 4,
                  "community-tourism": 6, "trade-services": 7, "consumer": 3,
                  "other": 4}  # fmt: skip
# How a cooperative's name says what it does, per sector.
SECTOR_WORDS = {"agriculture": "Nông nghiệp", "crops": "Trồng trọt", "livestock": "Chăn nuôi",
                "forestry": "Dược liệu", "processing": "Chế biến nông sản",
                "handicraft": "Thủ công mỹ nghệ", "weaving": "Dệt thổ cẩm", "garment": "May mặc",
                "community-tourism": "Du lịch cộng đồng", "trade-services": "Dịch vụ tổng hợp",
                "consumer": "Tiêu dùng", "other": "Dịch vụ"}  # fmt: skip
OCOP_PRODUCTS = ["Chè Shan tuyết", "Mật ong bạc hà", "Gạo Séng Cù", "Thịt lợn đen gác bếp",
                 "Khăn thổ cẩm", "Rượu ngô men lá", "Miến dong", "Nấm hương", "Măng khô",
                 "Tương ớt", "Cá hồi", "Túi thổ cẩm", "Táo mèo ngâm", "Thảo quả sấy"]  # fmt: skip
STATUS_WEIGHTS = {Cooperative.Status.ACTIVE: 84, Cooperative.Status.NOT_EFFECTIVE: 7,
                  Cooperative.Status.SUSPENDED: 3, Cooperative.Status.AWAITING_DISSOLUTION: 2,
                  Cooperative.Status.DISSOLVED: 4}  # fmt: skip
Category = TrainingEvent.Category
CATEGORY_WEIGHTS = {Category.GOVERNANCE: 25, Category.VOCATIONAL: 25, Category.ECOMMERCE: 12,
                    Category.DIGITAL: 10, Category.LAW: 10, Category.MOBILISATION: 12,
                    Category.STUDY_TOUR: 6}  # fmt: skip
TITLES = {
    Category.GOVERNANCE: "Tập huấn nâng cao năng lực quản trị hợp tác xã cho cán bộ quản lý nữ",
    Category.VOCATIONAL: "Tập huấn chuyển giao kỹ thuật sản xuất, chăn nuôi",
    Category.ECOMMERCE: "Hướng dẫn bán hàng trên sàn thương mại điện tử",
    Category.DIGITAL: "Bồi dưỡng kỹ năng số cho phụ nữ làm kinh tế tập thể",
    Category.LAW: "Phổ biến Luật Hợp tác xã năm 2023 và chính sách hỗ trợ",
    Category.MOBILISATION: "Tập huấn kỹ năng vận động thành lập hợp tác xã cho cán bộ Hội",
    Category.STUDY_TOUR: "Tham quan học tập mô hình hợp tác xã do phụ nữ quản lý",
}
OFFICER_POSITIONS = {
    UnionOfficer.Level.PROVINCE: ["Chủ tịch", "Phó Chủ tịch", "Trưởng ban Kinh tế", "Chuyên viên"],
    UnionOfficer.Level.DISTRICT: ["Chủ tịch", "Phó Chủ tịch", "Cán bộ chuyên trách"],
    UnionOfficer.Level.COMMUNE: ["Chủ tịch Hội LHPN xã", "Phó Chủ tịch Hội LHPN xã",
                                 "Chi hội trưởng"],
}  # fmt: skip

# Follow-up: the shares of cooperatives with a support and with a difficulty (records, not
# cooperatives: one may have several).
SUPPORTS_PER_COOPERATIVE = 1 / 3
DIFFICULTIES_PER_COOPERATIVE = 1 / 10
# Kinds of support (the plan's catalogue, by name; a kind added later weighs 2), with the
# bodies that give them (agency codes; "" the cooperative's own commune) and their occasions.
KIND_WEIGHTS = {
    "Tư vấn thành lập HTX/THT": 8, "Tư vấn xây dựng điều lệ, tổ chức lại": 4,
    "Tư vấn xây dựng phương án sản xuất, kinh doanh": 10,
    "Hội chợ, triển lãm, kết nối cung cầu": 6, "Mở gian hàng trên sàn thương mại điện tử": 7,
    "Đăng ký nhãn hiệu, nhãn mác": 5, "Truy xuất nguồn gốc": 3, "Hỗ trợ hồ sơ OCOP": 5,
    "Tham gia bảo hiểm xã hội cho thành viên": 4, "Vay vốn ưu đãi": 14,
    "Hỗ trợ máy móc, thiết bị": 6, "Tham gia chương trình, dự án": 4, "Chuyển đổi số": 4,
    "Khác": 2,
}  # fmt: skip
KIND_BODIES = {
    "Hội chợ, triển lãm, kết nối cung cầu": ["SCT", "SCT", "HLHPN", "LMHTX"],
    "Mở gian hàng trên sàn thương mại điện tử": ["SCT", "HLHPN", ""],
    "Hỗ trợ hồ sơ OCOP": ["SNNPTNT", ""],
    "Truy xuất nguồn gốc": ["SNNPTNT", "SCT"],
    "Tham gia bảo hiểm xã hội cho thành viên": ["", "HLHPN"],
    "Hỗ trợ máy móc, thiết bị": ["SNNPTNT", "SCT", "HLHPN", ""],
    "Tham gia chương trình, dự án": ["SNNPTNT", "BDT", "LMHTX"],
    "Chuyển đổi số": ["STTTT", ""],
}
OTHER_BODIES = ["HLHPN", "LMHTX", "", ""]
FAIRS = ["Hội chợ OCOP {place} {year}", "Hội chợ thương mại {place} {year}",
         "Hội nghị kết nối cung cầu nông sản {place} năm {year}",
         "Tuần hàng sản phẩm đặc trưng {place} năm {year}"]  # fmt: skip
LENDERS = {  # lender: (weight, body)
    Lender.SOCIAL_POLICY_BANK: (60, "NHCSXH"),
    Lender.SUPPORT_FUND: (25, "LMHTX"),
    Lender.CREDIT_INSTITUTION: (15, ""),
}
# Where a support's money came from ("": none counted); a loan's sum is its own field.
FUNDING_WEIGHTS = {Funding.STATE_BUDGET: 45, Funding.MOBILISED: 15, Funding.COOPERATIVES: 10,
                   "": 30}  # fmt: skip
Problem = Difficulty.Category
DIFFICULTY_CATEGORIES = {  # category: (weight, bodies, what is raised)
    Problem.CAPITAL: (30, ["NHCSXH", "LMHTX", ""], [
        "Thiếu vốn lưu động để thu mua nông sản của thành viên vào mùa vụ.",
        "Hợp tác xã cần vay vốn mua máy móc nhưng không có tài sản bảo đảm.",
        "Thủ tục vay vốn ưu đãi phức tạp, mức vay thấp so với nhu cầu.",
    ]),
    Problem.MARKET: (25, ["SCT", "SCT", ""], [
        "Sản phẩm khó tiêu thụ, phụ thuộc thương lái, giá bấp bênh.",
        "Hợp tác xã đề nghị hỗ trợ kết nối với siêu thị, doanh nghiệp bao tiêu sản phẩm.",
        "Chưa biết cách đưa sản phẩm lên sàn thương mại điện tử.",
    ]),
    Problem.LAND: (10, ["SNNPTNT", ""], [
        "Không có mặt bằng để xây dựng nhà xưởng, kho sơ chế.",
        "Thủ tục thuê đất làm trụ sở hợp tác xã kéo dài.",
    ]),
    Problem.PROCEDURES: (12, ["LMHTX", "SKHDT", ""], [
        "Vướng mắc khi chuyển đổi tổ hợp tác thành hợp tác xã theo Luật Hợp tác xã năm 2023.",
        "Chưa rõ hồ sơ, thủ tục đăng ký nhãn hiệu và mã số vùng trồng.",
    ]),
    Problem.SKILLS: (10, ["HLHPN", "SLDTBXH", ""], [
        "Cán bộ quản lý chưa được bồi dưỡng về kế toán, quản trị hợp tác xã.",
        "Thành viên thiếu kỹ năng sản xuất theo tiêu chuẩn VietGAP.",
    ]),
    Problem.INFRASTRUCTURE: (8, ["", "SNNPTNT"], [
        "Đường vào vùng sản xuất xuống cấp, xe chở hàng không vào được mùa mưa.",
        "Thiếu nước tưới, hệ thống kênh mương bị hư hỏng.",
    ]),
    Problem.OTHER: (5, ["HLHPN", ""], [
        "Thành viên nữ khó tham gia sinh hoạt do bận việc gia đình, đề nghị Hội vận động.",
    ]),
}  # fmt: skip
CHANNEL_WEIGHTS = {Difficulty.Channel.DIALOGUE: 35, Difficulty.Channel.VISIT: 30,
                   Difficulty.Channel.PHONE: 15, Difficulty.Channel.WRITING: 15,
                   Difficulty.Channel.OTHER: 5}  # fmt: skip
ANSWERS = {
    Difficulty.State.IN_PROGRESS: ["", "Đã tiếp nhận, đang xem xét và làm việc với hợp tác xã."],
    Difficulty.State.RESOLVED: [
        "Đã hướng dẫn hợp tác xã hoàn thiện hồ sơ; vướng mắc đã được giải quyết.",
        "Đã kết nối hợp tác xã với đơn vị hỗ trợ; hợp tác xã đã nhận được hỗ trợ.",
        "Đã tổ chức làm việc trực tiếp, trả lời bằng văn bản cho hợp tác xã.",
    ],
    Difficulty.State.FORWARDED: [
        "Vượt thẩm quyền; đã chuyển cơ quan có thẩm quyền của tỉnh xem xét, giải quyết.",
        "Đã tổng hợp, kiến nghị UBND tỉnh trong báo cáo định kỳ.",
    ],
}

# What --force empties, children first: every row of the registry, training, follow-up and
# reporting rounds, with their change history, plus the synthetic units and their users.
CLEARED = [
    Support, Difficulty, Participant, HeadCount, TrainingEvent, UnionOfficer, SubmissionEvent,
    SubmissionAttachment, ProvincialReport, Submission, ReportingRound.expected_units.through,
    ReportingRound, OcopProduct, ManagementRole, YearlyFigures, Cooperative.sectors.through,
    Cooperative, Person,
]  # fmt: skip
# What "the database already holds data" means: any of these has a row.
HOLDERS = [Cooperative, Person, TrainingEvent, UnionOfficer, ReportingRound]


def synthetic_units():
    """Return the units made up for the national scale (codes starting with "S")."""
    return Unit.objects.filter(code_set=NEW, code__startswith=SYNTHETIC_PREFIX)


def holds_data() -> bool:
    return any(model.objects.exists() for model in HOLDERS)


def clear():
    """Delete every registry, training and reporting-round row (and its history), then the
    synthetic units and the users filed under them. Plain DELETEs: simple-history's delete
    signal would write a history row per deleted row; foreign keys are checked at commit."""
    for attachment in SubmissionAttachment.objects.all():
        attachment.file.delete(save=False)
    tables = [apps.get_model("cooperatives", "HistoricalCooperative_sectors")._meta.db_table]
    for model in CLEARED:
        tables.append(model._meta.db_table)
        if hasattr(model, "history"):
            tables.append(model.history.model._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            # B608 does not apply: the table is a model's, quoted; no input reaches it.
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # nosec B608
    User.objects.filter(Q(unit__in=synthetic_units()) | Q(username=STAFF_USERNAME)).delete()
    # Communes first, then the provinces they lie under (PROTECT would refuse otherwise).
    synthetic_units().filter(kind=Unit.Kind.COMMUNE).delete()
    synthetic_units().delete()


@dataclass
class Area:
    """A commune that holds records, with what the generator needs to know about it."""

    unit: Unit
    province: "Province"
    place: str  # the commune's name without "Xã"/"Phường"
    weight: float
    women: list[int] = field(default_factory=list)
    female: set[int] = field(default_factory=set)
    men: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)  # women in a manager role, any time
    officers: list[int] = field(default_factory=list)
    cooperatives: list[int] = field(default_factory=list)

    @property
    def people(self):
        return self.women + self.men


@dataclass
class Province:
    unit: Unit  # the province (synthetic) or Lào Cai's Union (agency HLHPN)
    short_name: str
    region: str  # key of ETHNIC_WEIGHTS
    areas: list[Area] = field(default_factory=list)
    officers: list[int] = field(default_factory=list)
    districts: list[tuple[Unit, list[int]]] = field(default_factory=list)  # Lào Cai only


class Writer:
    """Buffers rows per model with explicit primary keys and bulk-inserts them in batches."""

    def __init__(self):
        self.rows: dict = {}
        self.next_pk: dict = {}
        self.counts: dict = {}

    def pk(self, model) -> int:
        if model not in self.next_pk:
            self.next_pk[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        value = self.next_pk[model]
        self.next_pk[model] += 1
        return value

    def add(self, obj):
        model = type(obj)
        if model._meta.auto_created is False and obj.pk is None:
            obj.pk = self.pk(model)
        if isinstance(obj, SearchTextModel):
            obj.refresh_search_text()  # bulk inserts skip save()
        self.rows.setdefault(model, []).append(obj)
        if len(self.rows[model]) >= BATCH:
            self.flush()
        return obj

    def flush(self):
        # Parents before children, in the order models were first added.
        for model, rows in self.rows.items():
            if rows:
                model.objects.bulk_create(rows, batch_size=BATCH)
                self.counts[model] = self.counts.get(model, 0) + len(rows)
                rows.clear()

    def analyze(self):
        """Refresh the planner's statistics: without them, freshly loaded tables look empty
        and the indicator queries of `make_rounds` take minutes instead of seconds."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for model in self.counts:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            elif connection.vendor == "sqlite":
                cursor.execute("ANALYZE")

    def reset_sequences(self):
        models = [model for model in self.next_pk]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` into integers proportional to `weights` (largest remainders)."""
    whole = sum(weights) or 1
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def place_of(name: str) -> str:
    for prefix in ("Xã ", "Phường ", "Thị trấn ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


class Generator:
    def __init__(self, scale: Scale, seed: int, log: Callable[[str], None] = print):
        # Synthetic data must come back the same from its seed: not a secret, so not secrets.
        self.scale, self.rng, self.log = scale, random.Random(seed), log  # nosec B311
        self.out = Writer()
        self.timings: dict[str, float] = {}
        self.ethnicities = {e.code: e for e in Ethnicity.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.htx_codes = 0
        self.founded: dict[int, datetime.date] = {}  # cooperative id: founding date
        self.tht_codes = 0

    def run(self):
        for name, step in [
            ("units", self.make_units),
            ("registry", self.make_registry),
            ("officers", self.make_officers),
            ("training", self.make_training),
            ("follow-up", self.make_followup),
        ]:
            started = time.monotonic()
            step()
            self.out.flush()
            self.timings[name] = time.monotonic() - started
            self.log(f"{name}: {self.timings[name]:.1f} s")
        self.out.reset_sequences()
        started = time.monotonic()
        self.out.analyze()
        self.make_rounds()
        self.timings["reporting"] = time.monotonic() - started
        self.log(f"reporting: {self.timings['reporting']:.1f} s")
        return self.out.counts

    # Units -----------------------------------------------------------------------------

    def make_units(self):
        rng = self.rng
        lao_cai = Unit.objects.get(code_set=NEW, code="15")
        union = Unit.objects.get(code_set=Unit.CodeSet.AGENCY, code="HLHPN")
        home = Province(unit=union, short_name="Lào Cai", region="laocai")
        communes = list(lao_cai.children.order_by("code"))
        if self.scale.laocai_communes is not None:
            communes = communes[: self.scale.laocai_communes]
        home.areas = [Area(c, home, place_of(c.name), rng.uniform(0.3, 1.7)) for c in communes]
        districts = Unit.objects.filter(
            code_set=Unit.CodeSet.PRE_2025, kind=Unit.Kind.DISTRICT
        ).order_by("code")
        home.districts = [(district, []) for district in districts]
        self.provinces = [home]
        for p in range(1, self.scale.provinces + 1):
            name = PROVINCE_NAMES[(p - 1) % len(PROVINCE_NAMES)]
            province = Unit(
                code_set=NEW,
                code=f"{SYNTHETIC_PREFIX}{p:02d}",
                name=f"{name} (mô phỏng)",
                kind=Unit.Kind.PROVINCE,
                valid_from=REFORM_DATE,
            )
            self.out.add(province)
            short = name.removeprefix("Tỉnh ").removeprefix("Thành phố ")
            record = Province(unit=province, short_name=short, region="national")
            used = set()
            for c in range(1, self.scale.communes + 1):
                while True:
                    place = " ".join(rng.sample(PLACE_WORDS, 2))
                    if place not in used:
                        used.add(place)
                        break
                commune = Unit(
                    code_set=NEW,
                    code=f"{province.code}-{c:03d}",
                    name=f"{'Phường' if rng.random() < 0.15 else 'Xã'} {place}",
                    kind=Unit.Kind.COMMUNE,
                    parent=province,
                    valid_from=REFORM_DATE,
                )
                self.out.add(commune)
                record.areas.append(Area(commune, record, place, rng.uniform(0.3, 1.7)))
            self.provinces.append(record)
        self.areas = [area for province in self.provinces for area in province.areas]

    # Registry --------------------------------------------------------------------------

    def make_registry(self):
        weights = [area.weight for area in self.areas]
        htx = allocate(self.scale.htx, weights)
        tht = allocate(self.scale.tht, weights)
        # Role holders live where the cooperatives are: about 4 per HTX, 1.6 per THT.
        demand = [4 * h + 1.6 * t + 0.01 for h, t in zip(htx, tht, strict=True)]
        people = allocate(self.scale.people, demand)
        for area, n_htx, n_tht, n_people in zip(self.areas, htx, tht, people, strict=True):
            self.make_people(area, n_people)
            groups = [self.make_cooperative(area, THT) for _ in range(n_tht)]
            for _ in range(n_htx):
                self.make_cooperative(area, HTX, groups)

    def full_name(self, ethnicity: str, sex: str) -> str:
        rng = self.rng
        family = rng.choice(FAMILY_NAMES[FAMILY_BY_ETHNICITY.get(ethnicity, "kinh")])
        if ethnicity in ("08", "09") and sex == "M":
            middle = rng.choice(["A", "Seo", "Văn", "Chẩn"])
        else:
            middle = rng.choice(MIDDLE[sex])
        return f"{family} {middle} {rng.choice(GIVEN[sex])}"

    def phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            return ""
        prefix = f"0{rng.choice('389')}{rng.randint(10, 99)}"
        return f"{prefix} {rng.randint(100, 999)} {rng.randint(100, 999)}"

    def make_people(self, area: Area, count: int):
        rng = self.rng
        for _ in range(count):
            sex = "F" if rng.random() < 0.64 else "M"
            ethnicity = pick(rng, ETHNIC_WEIGHTS[area.province.region])
            person = self.out.add(
                Person(
                    full_name=self.full_name(ethnicity, sex),
                    sex=sex,
                    birth_year=rng.randint(1958, 2002),
                    ethnicity_id=ethnicity if rng.random() < 0.95 else None,
                    phone=self.phone(),
                    unit_id=area.unit.pk,
                )
            )
            (area.women if sex == "F" else area.men).append(person.pk)
            if sex == "F":
                area.female.add(person.pk)

    def make_cooperative(self, area: Area, kind, groups=()):
        rng = self.rng
        sector_codes = list(
            dict.fromkeys(pick(rng, SECTOR_WEIGHTS) for _ in range(rng.randint(1, 2)))
        )
        where = rng.choice([area.place, area.place, rng.choice(VILLAGE_WORDS)])
        words = SECTOR_WORDS[sector_codes[0]]
        if kind == HTX:
            name = f"{rng.choice(['Hợp tác xã', 'HTX'])} {words} {where}"
            self.htx_codes += 1
            code = f"{53 + self.htx_codes % 40:02d}{self.htx_codes:08d}"
        else:
            name = f"{rng.choice(['Tổ hợp tác', 'THT'])} {words} {where}"
            code = ""
            if rng.random() < 0.4:
                self.tht_codes += 1
                code = f"THT-{self.tht_codes:07d}"
        recent = rng.random() < 0.45
        founded = day_between(
            rng,
            PLAN_START if recent else datetime.date(2008, 1, 1),
            ANCHOR - datetime.timedelta(days=60) if recent else PLAN_START,
        )
        union_supported = rng.random() < (0.75 if recent else 0.55)
        status = pick(rng, STATUS_WEIGHTS)
        status_since = None
        if status != Cooperative.Status.ACTIVE:
            status_since = day_between(rng, max(founded, datetime.date(2022, 1, 1)), ANCHOR)
        converted_from = None
        if kind == HTX and recent and groups and rng.random() < 0.15:
            earlier = [g for g in groups if g.founded_on < founded and not g.converted]
            if earlier:
                converted_from = rng.choice(earlier)
                converted_from.converted = True
        sells_online = rng.random() < 0.22
        cooperative = self.out.add(
            Cooperative(
                kind=kind,
                name=name,
                registration_code=code,
                unit_id=area.unit.pk,
                address=", ".join(
                    [rng.choice(VILLAGE_WORDS), area.unit.name, area.province.short_name]
                ),
                founded_on=founded,
                status=status,
                status_since=status_since,
                union_supported=union_supported,
                established_under_plan=recent and union_supported and rng.random() < 0.5,
                converted_from_id=converted_from.pk if converted_from else None,
                sells_online=sells_online,
                online_channels=rng.choice(["Shopee", "Postmart, Voso", "Facebook, Zalo"])
                if sells_online
                else "",
                members_insured=rng.random() < 0.3,
            )
        )
        cooperative.converted = False
        area.cooperatives.append(cooperative.pk)
        self.founded[cooperative.pk] = founded
        for code in sector_codes:
            self.out.add(
                Cooperative.sectors.through(
                    cooperative_id=cooperative.pk, sector_id=self.sectors[code].pk
                )
            )
        self.make_figures(cooperative)
        self.make_roles(area, cooperative)
        if kind == HTX and rng.random() < 0.08:
            for product in rng.sample(OCOP_PRODUCTS, rng.randint(1, 2)):
                self.out.add(
                    OcopProduct(
                        cooperative_id=cooperative.pk,
                        name=f"{product} {where}",
                        stars=rng.choices([3, 4, 5], weights=[70, 27, 3])[0],
                        year_certified=rng.randint(max(2019, founded.year), ANCHOR.year),
                    )
                )
        return cooperative

    def make_figures(self, cooperative):
        rng = self.rng
        big = cooperative.kind == HTX
        members = rng.randint(7, 60) if big else rng.randint(3, 25)
        female_share = rng.uniform(0.45, 1.0)
        for year in YEARS:
            if year < cooperative.founded_on.year or rng.random() < 0.08:
                continue
            if year == ANCHOR.year and rng.random() < 0.35:
                continue  # this year's figures are not all in yet
            members = max(1, members + rng.randint(-2, 6))
            female_share = min(1.0, max(0.3, female_share + rng.uniform(-0.05, 0.06)))
            members_female = round(members * female_share)
            workers = max(1, round(members * rng.uniform(0.6, 1.4)))
            workers_female = min(
                workers, round(workers * min(1.0, female_share + rng.uniform(-0.1, 0.1)))
            )
            capital = rng.randint(5, 500) * (10_000_000 if big else 1_000_000)
            revenue = rng.randint(1, 300) * (20_000_000 if big else 2_000_000)
            self.out.add(
                YearlyFigures(
                    cooperative_id=cooperative.pk,
                    year=year,
                    members_total=members,
                    members_female=members_female,
                    workers_total=workers,
                    workers_female=workers_female,
                    workers_female_ethnic_minority=rng.randint(0, workers_female),
                    workers_female_priority=rng.randint(0, workers_female // 3),
                    female_stable_jobs=rng.randint(workers_female // 2, workers_female),
                    new_female_jobs=rng.randint(0, min(workers_female, 6)),
                    members_trained_vocational=rng.randint(0, members),
                    members_trained_ecommerce=rng.randint(0, members // 2),
                    charter_capital=capital,
                    revenue=revenue,
                    profit=round(revenue * rng.uniform(-0.1, 0.2) / 1000) * 1000,
                )
            )

    def make_roles(self, area: Area, cooperative):
        rng = self.rng
        if not area.people:
            return
        if cooperative.kind == HTX:
            wanted = [RoleKind.CHAIR, RoleKind.DIRECTOR, RoleKind.SUPERVISORY_HEAD]
            wanted += [RoleKind.BOARD_MEMBER] * rng.randint(0, 2)
            wanted += [RoleKind.ACCOUNTANT] if rng.random() < 0.6 else []
            if rng.random() < 0.3:
                wanted[2] = RoleKind.CONTROLLER
        else:
            wanted = [RoleKind.GROUP_LEADER]
            wanted += [RoleKind.DEPUTY_GROUP_LEADER] if rng.random() < 0.5 else []
        holders = []
        for role in wanted:
            if role == RoleKind.DIRECTOR and rng.random() < 0.5:
                holder = holders[0]  # the chair is also the director
            else:
                holder = self.holder(area, prefer_woman=rng.random() < 0.72, taken=holders)
            holders.append(holder)
            start = cooperative.founded_on
            if rng.random() < 0.25 and (ANCHOR - start).days > 400:
                # A change of holder: the first served until the day before the second began.
                change = day_between(rng, start + datetime.timedelta(days=200), ANCHOR)
                earlier = self.holder(area, prefer_woman=rng.random() < 0.6, taken=holders)
                self.add_role(
                    area, cooperative, earlier, role, start, change - datetime.timedelta(days=1)
                )
                start = change
            self.add_role(area, cooperative, holder, role, start, None)

    def holder(self, area: Area, *, prefer_woman: bool, taken) -> int:
        pool = area.women if (prefer_woman and area.women) or not area.men else area.men
        for _ in range(4):
            candidate = self.rng.choice(pool)
            if candidate not in taken:
                return candidate
        return candidate

    def add_role(self, area, cooperative, person_id, role, start, end):
        self.out.add(
            ManagementRole(
                person_id=person_id,
                cooperative_id=cooperative.pk,
                role=role,
                start_date=start,
                end_date=end,
            )
        )
        if person_id in area.female and role in MANAGER_ROLES[cooperative.kind]:
            area.managers.append(person_id)

    # Union officers --------------------------------------------------------------------

    def officer(self, unit, level, first, last=None, ethnic_region="national"):
        rng = self.rng
        ethnicity = pick(rng, ETHNIC_WEIGHTS[ethnic_region])
        return self.out.add(
            UnionOfficer(
                full_name=self.full_name(ethnicity, "F"),
                level=level,
                unit_id=unit.pk,
                position=rng.choice(OFFICER_POSITIONS[level]),
                phone=self.phone(),
                active_from=first,
                active_to=last,
                works_on_cooperatives=rng.random() < 0.55,
            )
        ).pk

    def make_officers(self):
        rng, Level = self.rng, UnionOfficer.Level
        for province in self.provinces:
            region = province.region
            for _ in range(rng.randint(4, 8)):
                first = day_between(rng, datetime.date(2012, 1, 1), ANCHOR)
                last = day_between(rng, first, ANCHOR) if rng.random() < 0.15 else None
                province.officers.append(
                    self.officer(province.unit, Level.PROVINCE, first, last, region)
                )
            for district, officers in province.districts:
                for _ in range(2):
                    first = day_between(rng, datetime.date(2012, 1, 1), datetime.date(2023, 1, 1))
                    officers.append(
                        self.officer(district, Level.DISTRICT, first, district.valid_to, region)
                    )
            for area in province.areas:
                for _ in range(rng.randint(1, 3)):
                    first = day_between(rng, REFORM_DATE, REFORM_DATE + datetime.timedelta(days=90))
                    last = day_between(rng, first, ANCHOR) if rng.random() < 0.1 else None
                    area.officers.append(
                        self.officer(area.unit, Level.COMMUNE, first, last, region)
                    )

    # Training --------------------------------------------------------------------------

    def make_training(self):
        rng = self.rng
        weights = [len(p.areas) for p in self.provinces]
        counts = allocate(self.scale.events, weights)
        for province, count in zip(self.provinces, counts, strict=True):
            local = round(count * 0.7)
            shares = allocate(local, [area.weight for area in province.areas])
            for area, n in zip(province.areas, shares, strict=True):
                for _ in range(n):
                    self.event_of_commune(area)
            for _ in range(count - local):
                if province.districts and rng.random() < 0.3:
                    self.event_of_district(province)
                else:
                    self.event_of_province(province)

    def add_event(self, unit, category, start, place):
        rng = self.rng
        end = min(start + datetime.timedelta(days=rng.choice([0, 0, 1, 1, 2, 4])), ANCHOR)
        funding = rng.choice(list(TrainingEvent.Funding) + [""])
        return self.out.add(
            TrainingEvent(
                title=f"{TITLES[category]} năm {start.year}",
                category=category,
                format=rng.choices(list(TrainingEvent.Format), weights=[75, 15, 10])[0],
                start_date=start,
                end_date=end,
                place=place,
                unit_id=unit.pk,
                partners=rng.choice(
                    ["", "", "Liên minh Hợp tác xã", "Phòng Kinh tế", "Trung tâm Khuyến nông"]
                ),
                funding_source=funding,
                funding_amount=rng.randint(5, 200) * 1_000_000 if funding else 0,
            )
        )

    def participants(self, event, people=(), managers=(), officers=(), category=None):
        rng = self.rng
        chosen = []
        if category == Category.MOBILISATION:
            n_officers, n_people = rng.randint(3, 10), rng.randint(0, 2)
        else:
            n_officers, n_people = rng.randint(0, 2), rng.randint(4, 12)
        if category == Category.GOVERNANCE and managers:
            chosen += rng.sample(managers, min(len(managers), rng.randint(2, 6)))
        pool = [p for p in rng.sample(people, min(len(people), n_people + 4)) if p not in chosen]
        chosen += pool[: max(0, n_people - len(chosen))]
        certified = category in (Category.GOVERNANCE, Category.VOCATIONAL) and rng.random() < 0.7
        for person_id in dict.fromkeys(chosen):
            self.out.add(
                Participant(
                    event_id=event.pk,
                    person_id=person_id,
                    certificate_issued=certified,
                    certificate_kind="Giấy chứng nhận hoàn thành khóa học" if certified else "",
                )
            )
        for officer_id in rng.sample(officers, min(len(officers), n_officers)):
            self.out.add(Participant(event_id=event.pk, officer_id=officer_id))

    def head_count(self, event, cooperatives=()):
        rng = self.rng
        if rng.random() < 0.3:
            return
        total = rng.randint(10, 60)
        self.out.add(
            HeadCount(
                event_id=event.pk,
                cooperative_id=rng.choice(cooperatives)
                if cooperatives and rng.random() < 0.5
                else None,
                description=rng.choice(["Thành viên hợp tác xã", "Lao động nữ", "Hội viên phụ nữ"]),
                total=total,
                female=rng.randint(total // 2, total),
                ethnic_minority=rng.randint(0, total),
            )
        )

    def event_of_commune(self, area: Area):
        category = pick(self.rng, CATEGORY_WEIGHTS)
        start = day_between(self.rng, REFORM_DATE, ANCHOR - datetime.timedelta(days=5))
        event = self.add_event(area.unit, category, start, f"Nhà văn hóa {area.unit.name}")
        self.participants(event, area.people, area.managers, area.officers, category)
        self.head_count(event, area.cooperatives)

    def event_of_province(self, province: Province):
        rng = self.rng
        category = pick(rng, CATEGORY_WEIGHTS)
        start = day_between(rng, PLAN_START, ANCHOR - datetime.timedelta(days=5))
        event = self.add_event(province.unit, category, start, f"Hội trường {province.short_name}")
        areas = rng.sample(province.areas, min(3, len(province.areas)))
        people = [p for area in areas for p in area.people]
        managers = [p for area in areas for p in area.managers]
        officers = province.officers + [o for area in areas for o in area.officers]
        self.participants(event, people, managers, officers, category)
        self.head_count(event, [c for area in areas for c in area.cooperatives])

    def event_of_district(self, province: Province):
        """Lào Cai's former districts, before the reform: their own officers and head-counts
        (the registry's people are filed under the new communes, outside a district's area)."""
        rng = self.rng
        district, officers = rng.choice(province.districts)
        category = rng.choice([Category.MOBILISATION, Category.LAW, Category.GOVERNANCE])
        start = day_between(rng, PLAN_START, district.valid_to - datetime.timedelta(days=5))
        event = self.add_event(district, category, start, f"Hội trường {district.name}")
        self.participants(event, officers=officers, category=Category.MOBILISATION)
        self.head_count(event)

    # Follow-up -------------------------------------------------------------------------

    def make_followup(self):
        agencies = {u.code: u for u in Unit.objects.filter(code_set=Unit.CodeSet.AGENCY)}
        self.bodies = {"": None} | {code: agencies[code].pk for code in agencies}
        self.kinds = list(SupportKind.objects.filter(active=True).order_by("position", "pk"))
        self.kind_weights = [KIND_WEIGHTS.get(kind.name, 2) for kind in self.kinds]
        # (cooperative id, its area), in the order they were made; each province's ids.
        self.coops = [(pk, area) for area in self.areas for pk in area.cooperatives]
        self.pools = {
            province.unit.pk: [pk for area in province.areas for pk in area.cooperatives]
            for province in self.provinces
        }
        if not self.coops:
            return
        total = round(len(self.coops) * SUPPORTS_PER_COOPERATIVE)
        made = 0
        while made < total:
            made += self.support(total - made)
        for _ in range(round(len(self.coops) * DIFFICULTIES_PER_COOPERATIVE)):
            self.difficulty()

    def since_founded(self, pk) -> datetime.date:
        """A day from the cooperative's founding (or the plan's start) to ANCHOR."""
        return day_between(self.rng, max(self.founded[pk], PLAN_START), ANCHOR)

    def body_of(self, code: str, area: Area, day: datetime.date) -> int:
        """The unit of agency `code`, or for "" the cooperative's own commune (its province's
        Union before the 2025 reform, when the commune did not exist)."""
        if code:
            return self.bodies[code]
        return (area.unit if day >= REFORM_DATE else area.province.unit).pk

    def support(self, room: int) -> int:
        """Add one support, or an event for up to `room` cooperatives of a province at once;
        return how many records were added."""
        rng = self.rng
        kind = rng.choices(self.kinds, weights=self.kind_weights)[0]
        pk, area = rng.choice(self.coops)
        day = self.since_founded(pk)
        fields = {"kind_id": kind.pk, "given_on": day}
        chosen = [pk]
        if kind.counts_as == SupportKind.CountsAs.TRADE_PROMOTION:
            # One event for several cooperatives of the province, founded by its day.
            pool = self.pools[area.province.unit.pk]
            size = min(room, rng.randint(2, 8))
            for other in rng.sample(pool, min(len(pool), 3 * size)):
                if len(chosen) < size and other != pk and self.founded[other] <= day:
                    chosen.append(other)
            fields["occasion"] = rng.choice(FAIRS).format(
                place=area.province.short_name, year=day.year
            )
            if len(chosen) > 1:
                fields["batch"] = uuid.UUID(int=rng.getrandbits(128), version=4)
            code = rng.choice(KIND_BODIES[kind.name] if kind.name in KIND_BODIES else ["SCT"])
        elif kind.is_loan:
            lender = rng.choices(list(LENDERS), weights=[w for w, _b in LENDERS.values()])[0]
            amount = rng.randint(5, 100) * 10_000_000
            code = LENDERS[lender][1]
            fields |= {
                "lender": lender,
                "loan_amount": amount,
                "loan_term_months": rng.choice([12, 24, 36, 36, 36, 60]),
            }
        else:
            code = rng.choice(KIND_BODIES.get(kind.name, OTHER_BODIES))
        if not kind.is_loan:
            source = pick(rng, FUNDING_WEIGHTS)
            if source:
                fields |= {"funding_source": source, "amount": rng.randint(1, 120) * 1_000_000}
        body = self.body_of(code, area, day)
        for cooperative in chosen:
            self.out.add(Support(cooperative_id=cooperative, body_id=body, **fields))
        return len(chosen)

    def difficulty(self):
        rng, State = self.rng, Difficulty.State
        pk, area = rng.choice(self.coops)
        category = rng.choices(
            list(DIFFICULTY_CATEGORIES), weights=[w for w, _b, _t in DIFFICULTY_CATEGORIES.values()]
        )[0]
        _weight, bodies, texts = DIFFICULTY_CATEGORIES[category]
        raised_on = self.since_founded(pk)
        # Recent ones mostly wait for their answer; some older ones still do (overdue).
        recent = (ANCHOR - raised_on).days <= OVERDUE_AFTER_DAYS
        weights = [50, 30, 15, 5] if recent else [8, 7, 68, 17]
        state = rng.choices(list(State), weights=weights)[0]
        answer, answered_on = "", None
        if state != State.OPEN:
            answer = rng.choice(ANSWERS[state])
        if state in Difficulty.ANSWERED:
            answered_on = day_between(
                rng, raised_on, min(ANCHOR, raised_on + datetime.timedelta(days=150))
            )
        self.out.add(
            Difficulty(
                cooperative_id=pk,
                category=category,
                description=rng.choice(texts),
                raised_on=raised_on,
                channel=pick(rng, CHANNEL_WEIGHTS),
                body_id=self.body_of(rng.choice(bodies), area, raised_on),
                state=state,
                answer=answer,
                answered_on=answered_on,
            )
        )

    # Reporting -------------------------------------------------------------------------

    def make_rounds(self):
        staff, _ = User.objects.get_or_create(
            username=STAFF_USERNAME,
            defaults={
                "role": User.Role.PROVINCE_STAFF,
                "first_name": "Dữ liệu",
                "last_name": "mô phỏng",
                "unit": Unit.objects.get(code_set=Unit.CodeSet.AGENCY, code="HLHPN"),
            },
        )
        if staff.has_usable_password():
            staff.set_unusable_password()
            staff.save(update_fields=["password"])
        tasks = {}
        for year in YEARS:
            round_ = services.create_round(by=staff, year=year)
            day = round_.as_of
            frozen = {
                unit.pk: freeze(figures)
                for unit, figures in indicators.compute_by_unit(day)
                if unit
            }
            for unit in round_.expected_units.order_by("code_set", "code"):
                if unit.pk not in frozen:  # a provincial body: its own area
                    frozen[unit.pk] = services.frozen_indicators(unit, day)
                key = unit.code if unit.kind == Unit.Kind.DEPARTMENT else ""
                if key not in tasks:
                    tasks[key] = list(AssignedTask.for_unit(unit).values_list("pk", flat=True))
                self.submission(round_, unit, frozen[unit.pk], tasks[key], staff)
            self.out.flush()
        self.out.reset_sequences()

    def submission(self, round_, unit, frozen, task_ids, staff):
        rng, State, Action = self.rng, Submission.State, SubmissionEvent.Action
        latest = round_.year == ANCHOR.year
        weights = [55, 20, 8, 10, 7] if latest else [88, 4, 0, 3, 5]
        state = rng.choices(["accepted", "submitted", "returned", "draft", None], weights)[0]
        if state is None:
            return  # missing: no submission at all
        due = round_.due_before
        first = due + datetime.timedelta(hours=rng.randint(-20 * 24, 6 * 24))
        saved = first - datetime.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 9))
        events = [(Action.SAVED, saved, "")]
        submission = Submission(
            round_id=round_.pk,
            unit_id=unit.pk,
            state=state,
            courses={
                category: _courses(rng) for category, _label in TrainingEvent.Category.choices
            },
            narratives={
                str(task_id): {
                    "results": "Đã triển khai các nội dung được giao; phối hợp tuyên truyền, "
                    "hỗ trợ thành lập và củng cố hợp tác xã do phụ nữ quản lý.",
                    "difficulties": rng.choice(["", "Nguồn kinh phí còn hạn chế."]),
                    "proposals": rng.choice(["", "Đề nghị tiếp tục bố trí kinh phí tập huấn."]),
                }
                for task_id in task_ids
            },
            mobilisation_events=rng.randint(0, 12),
            trade_promotion_events=rng.randint(0, 4),
            media_reports=rng.randint(0, 10),
            awards=rng.randint(0, 2),
            funding_state_budget=rng.randint(0, 300) * 1_000_000,
            funding_credit=rng.randint(0, 500) * 1_000_000,
            funding_mobilised=rng.randint(0, 100) * 1_000_000,
            funding_cooperatives=rng.randint(0, 100) * 1_000_000,
            loans_count=(loans := rng.randint(0, 40)),
            loans_amount=loans * rng.randint(20, 100) * 1_000_000,
        )
        if state != State.DRAFT:
            # What services.submit stores: the unit's indicators as of the round's end.
            submission.indicators = frozen
            submission.first_submitted_at = submission.submitted_at = first
            events.append((Action.SUBMITTED, first, ""))
        if state == State.RETURNED:
            events.append(
                (Action.RETURNED, first + datetime.timedelta(days=2), "Bổ sung số liệu kinh phí.")
            )
        elif state == State.ACCEPTED:
            if rng.random() < 0.1:
                again = first + datetime.timedelta(days=rng.randint(3, 6))
                events += [
                    (Action.RETURNED, first + datetime.timedelta(days=2), "Bổ sung số liệu."),
                    (Action.SUBMITTED, again, ""),
                ]
                submission.submitted_at = again
            submission.accepted_at = min(
                submission.submitted_at + datetime.timedelta(days=rng.randint(1, 10)), LAST_MOMENT
            )
            submission.accepted_by_id = staff.pk
            events.append((Action.ACCEPTED, submission.accepted_at, ""))
        self.out.add(submission)
        for action, at, reason in events:
            self.out.add(
                SubmissionEvent(
                    submission_id=submission.pk,
                    action=action,
                    actor_id=staff.pk,
                    at=at,
                    reason=reason,
                )
            )


def _courses(rng) -> dict:
    participants = rng.randint(0, 120)
    return {
        "courses": rng.randint(1, 4) if participants else 0,
        "participants": participants,
        "female": rng.randint(participants // 2, participants),
    }


def seed(scale: Scale, seed: int, log: Callable[[str], None] = print) -> dict:
    """Make the synthetic data set; return {model: rows written}. Call inside a transaction
    on a database holding no registry data (see `holds_data`, `clear`)."""
    return Generator(scale, seed, log).run()
