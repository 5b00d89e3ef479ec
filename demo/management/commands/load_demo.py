"""Load a small demo data set and one demo account per role (idempotent)."""

import datetime

from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cooperatives.models import (
    Cooperative,
    Ethnicity,
    ManagementRole,
    OcopProduct,
    Person,
    Sector,
    YearlyFigures,
)
from org import writes
from org.models import Unit, User
from reporting import services
from reporting.models import ReportingRound, Submission
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

NEW = Unit.CodeSet.FROM_2025
PRE = Unit.CodeSet.PRE_2025
ROLE = ManagementRole.Role
HTX, THT = Cooperative.Kind.HTX, Cooperative.Kind.THT

# (username, password, role, unit code set, unit code, full name)
ACCOUNTS = [
    ("tinh", "Tinh@Plan294", User.Role.PROVINCE_STAFF, "agency", "HLHPN", "Nguyễn Thị Hoa"),
    ("tavan", "TaVan@Plan294", User.Role.UNIT_OFFICER, NEW, "03037", "Giàng Thị Mai"),
    ("lanhdao", "LanhDao@Plan294", User.Role.LEADER, None, None, "Trần Văn Bình"),
    ("quantri", "QuanTri@Plan294", User.Role.ADMIN, None, None, "Lê Minh Quân"),
]

# kind, name, registration code, commune code (2025 set), sectors, founded, union-supported,
# founded under the plan, people [(name, sex, birth year, ethnicity code, role, since)],
# figures {year: (members, female members, workers, female workers, ethnic-minority female,
# stable female jobs, new female jobs, trained vocational, trained e-commerce, revenue M VND)},
# OCOP products [(name, stars, year)]
COOPERATIVES = [
    (
        HTX,
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        "5301000123",
        "03037",
        ["weaving", "community-tourism"],
        "2019-04-12",
        True,
        False,
        [
            ("Giàng Thị Sểnh", "F", 1985, "08", ROLE.DIRECTOR, "2019-04-12"),
            ("Lý Thị Mây", "F", 1990, "08", ROLE.CHAIR, "2019-04-12"),
            ("Giàng A Chính", "M", 1982, "08", ROLE.ACCOUNTANT, "2020-01-01"),
        ],
        {
            2023: (18, 16, 22, 20, 19, 18, 3, 10, 4, 850),
            2024: (21, 19, 25, 23, 22, 21, 3, 14, 9, 1100),
            2025: (24, 22, 28, 26, 25, 24, 3, 16, 13, 1350),
        },
        [("Khăn thổ cẩm Tả Van", 3, 2022)],
    ),
    (
        THT,
        "Tổ hợp tác Du lịch cộng đồng Lao Chải",
        "",
        "03037",
        ["community-tourism"],
        "2021-06-01",
        True,
        False,
        [("Sùng Thị Dợ", "F", 1992, "08", ROLE.GROUP_LEADER, "2021-06-01")],
        {
            2024: (15, 12, 15, 12, 12, 10, 2, 6, 5, 420),
            2025: (17, 14, 17, 14, 14, 12, 2, 8, 9, 510),
        },
        [],
    ),
    (
        HTX,
        "Hợp tác xã Nông nghiệp Mường Hum",
        "5301000245",
        "02728",
        ["crops", "processing"],
        "2016-09-20",
        True,
        False,
        [
            ("Vàng Thị Pằng", "F", 1979, "08", ROLE.DIRECTOR, "2018-01-01"),
            ("Phàn Văn Sơn", "M", 1975, "09", ROLE.CHAIR, "2016-09-20"),
            ("Lò Thị Hương", "F", 1988, "03", ROLE.SUPERVISORY_HEAD, "2020-03-01"),
        ],
        {
            2023: (35, 20, 30, 19, 17, 15, 2, 12, 3, 2300),
            2024: (38, 22, 32, 21, 19, 18, 2, 15, 6, 2650),
            2025: (40, 24, 34, 24, 21, 21, 3, 20, 11, 2900),
        },
        [("Gạo Séng Cù Mường Hum", 3, 2021)],
    ),
    (
        HTX,
        "Hợp tác xã Chè Shan tuyết Bản Xèo",
        "5301000377",
        "02725",
        ["crops", "processing"],
        "2023-10-05",
        True,
        True,
        [
            ("Chảo Thị Lở", "F", 1991, "09", ROLE.DIRECTOR, "2023-10-05"),
            ("Tẩn Thị Chiêm", "F", 1987, "09", ROLE.CONTROLLER, "2023-10-05"),
        ],
        {
            2024: (12, 10, 15, 12, 12, 11, 12, 8, 5, 640),
            2025: (14, 12, 18, 15, 15, 14, 3, 10, 8, 980),
        },
        [],
    ),
    (
        HTX,
        "Hợp tác xã Mận Bắc Hà",
        "5301000412",
        "02839",
        ["crops"],
        "2015-03-10",
        False,
        False,
        [
            ("Ma Văn Thắng", "M", 1970, "02", ROLE.DIRECTOR, "2015-03-10"),
            ("Hoàng Thị Liên", "F", 1972, "02", ROLE.BOARD_MEMBER, "2015-03-10"),
        ],
        {
            2024: (45, 18, 40, 17, 15, 12, 1, 10, 2, 3100),
            2025: (46, 19, 41, 18, 16, 14, 1, 12, 4, 3300),
        },
        [("Mận Tam hoa Bắc Hà", 4, 2023)],
    ),
    (
        THT,
        "Tổ hợp tác May mặc Phường Lào Cai",
        "",
        "02647",
        ["garment"],
        "2022-02-14",
        True,
        False,
        [
            ("Nguyễn Thị Thu", "F", 1984, "01", ROLE.GROUP_LEADER, "2022-02-14"),
            ("Phạm Thị Lan", "F", 1989, "01", ROLE.DEPUTY_GROUP_LEADER, "2022-02-14"),
        ],
        {2023: (12, 12, 12, 12, 2, 10, 4, 6, 3, 380), 2024: (14, 14, 14, 14, 3, 13, 2, 8, 6, 470)},
        [],
    ),
    (
        HTX,
        "Hợp tác xã Quế hồi Bảo Yên",
        "5301000588",
        "02947",
        ["forestry", "processing"],
        "2024-05-20",
        True,
        True,
        [
            ("Đặng Thị Nhất", "F", 1986, "09", ROLE.DIRECTOR, "2024-05-20"),
            ("Triệu Thị Mai", "F", 1990, "09", ROLE.SUPERVISORY_MEMBER, "2024-05-20"),
        ],
        {2024: (10, 9, 12, 10, 9, 9, 10, 4, 2, 300), 2025: (13, 11, 16, 13, 12, 12, 3, 7, 7, 760)},
        [],
    ),
    (
        HTX,
        "Hợp tác xã Chăn nuôi Văn Bàn",
        "5301000601",
        "03082",
        ["livestock"],
        "2017-07-07",
        True,
        False,
        [
            ("Lò Văn Tiến", "M", 1978, "03", ROLE.DIRECTOR, "2017-07-07"),
            ("Lò Thị Xuân", "F", 1981, "03", ROLE.CHAIR, "2017-07-07"),
        ],
        {2024: (20, 9, 18, 8, 7, 6, 1, 5, 1, 1500)},
        [],
    ),
    (
        THT,
        "Tổ hợp tác Thêu thổ cẩm Bát Xát",
        "",
        "02683",
        ["weaving", "handicraft"],
        "2020-11-11",
        True,
        False,
        [("Chảo Mý Chài", "F", 1983, "09", ROLE.GROUP_LEADER, "2020-11-11")],
        {2024: (9, 9, 9, 9, 9, 8, 1, 5, 2, 210), 2025: (11, 11, 11, 11, 11, 10, 2, 7, 4, 260)},
        [],
    ),
    (
        HTX,
        "Hợp tác xã Rau an toàn Mường Khương",
        "5301000719",
        "02761",
        ["crops", "trade-services"],
        "2018-02-02",
        False,
        False,
        [("Hầu Thị Dung", "F", 1980, "08", ROLE.DIRECTOR, "2018-02-02")],
        {2025: (25, 15, 22, 14, 12, 11, 2, 6, 3, 1200)},
        [],
    ),
]
SUSPENDED = {"Hợp tác xã Chăn nuôi Văn Bàn": ("suspended", "2025-03-01")}

# Union officers: name, level, unit (code set, code), position, works on cooperatives, from, to
OFFICERS = [
    ("Nguyễn Thị Hoa", "province", ("agency", "HLHPN"), "Phó Chủ tịch", True, "2019-01-01", None),
    ("Hoàng Thị Thanh", "province", ("agency", "HLHPN"), "Chuyên viên", False, "2020-03-01", None),
    ("Giàng Thị Mai", "commune", (NEW, "03037"), "Chủ tịch Hội LHPN xã", True, "2025-07-01", None),
    ("Vàng Thị Chư", "commune", (NEW, "02728"), "Chủ tịch Hội LHPN xã", False, "2025-07-01", None),
    ("Lục Thị Nga", "district", (PRE, "088"), "Phó Chủ tịch", True, "2018-01-01", "2025-06-30"),
]

# Events: title, category, format, start, end, organising unit, funding (source, VND),
# named participants (registry people or officers, by name, with a certificate?),
# head-counts [(cooperative name or None, who, total, female, ethnic minority)]
EVENTS = [
    (
        "Bồi dưỡng kỹ năng quản trị, điều hành hợp tác xã năm 2024",
        "governance",
        "in_person",
        "2024-08-20",
        "2024-08-22",
        ("agency", "HLHPN"),
        ("state_budget", 45_000_000),
        [
            ("Giàng Thị Sểnh", True),
            ("Lý Thị Mây", True),
            ("Vàng Thị Pằng", False),
            ("Chảo Thị Lở", True),
            ("Hoàng Thị Liên", False),
        ],
        [],
    ),
    (
        "Tập huấn bán hàng trên sàn thương mại điện tử",
        "ecommerce",
        "online",
        "2025-05-12",
        "2025-05-12",
        (NEW, "03037"),
        ("state_budget", 8_000_000),
        [("Giàng Thị Sểnh", False), ("Sùng Thị Dợ", False)],
        [
            ("Hợp tác xã Dệt thổ cẩm Tả Van", "Thành viên", 14, 13, 13),
            ("Tổ hợp tác Du lịch cộng đồng Lao Chải", "Thành viên", 9, 8, 9),
        ],
    ),
    (
        "Kỹ năng tuyên truyền, vận động phụ nữ tham gia kinh tế tập thể",
        "mobilisation",
        "in_person",
        "2025-09-09",
        "2025-09-10",
        ("agency", "HLHPN"),
        ("state_budget", 30_000_000),
        [("Nguyễn Thị Hoa", False), ("Giàng Thị Mai", True), ("Vàng Thị Chư", True)],
        [(None, "Chi hội trưởng phụ nữ thôn", 40, 40, 31)],
    ),
]


def _date(text):
    return datetime.date.fromisoformat(text)


class Command(BaseCommand):
    help = "Load the demo data set and the demo accounts; print their passwords."

    @transaction.atomic
    def handle(self, *args, **options):
        units = {(u.code_set, u.code): u for u in Unit.objects.all()}
        self.stdout.write("Demo accounts (user / password / role):")
        self._load_accounts(units)
        # Every record is written through the door, as the demo's province officer.
        self.by = User.objects.get(username="tinh")
        self._load_registry(units)
        self.stdout.write(f"Demo registry: {len(COOPERATIVES)} cooperatives and groups.")
        self._load_training(units)
        self.stdout.write(f"Demo training: {len(EVENTS)} events, {len(OFFICERS)} Union officers.")
        self._load_reports()

    def _put(self, model, lookup, values=None, *, m2m=None):
        """Save the record found by `lookup` (or a new one) with `values` and many-to-many
        choices `m2m`, through the door."""
        record = model._default_manager.filter(**lookup).first() or model(**lookup)
        for name, value in (values or {}).items():
            setattr(record, name, value)

        def save_m2m():
            for name, chosen in (m2m or {}).items():
                getattr(record, name).set(chosen)

        return writes.save(record=record, by=self.by, save_m2m=save_m2m)

    def _load_accounts(self, units):
        """The demo's accounts, made as `createsuperuser` makes one: before anyone can act."""
        for username, password, role, code_set, code, full_name in ACCOUNTS:
            user, _ = User.objects.update_or_create(
                username=username,
                defaults={
                    "role": role,
                    "unit": units[(code_set, code)] if code else None,
                    # Vietnamese names read family name first: keep the name whole.
                    "first_name": full_name,
                    "last_name": "",
                    # Province staff revise the plan's targets in the admin.
                    "is_staff": role in (User.Role.ADMIN, User.Role.PROVINCE_STAFF),
                    "is_superuser": role == User.Role.ADMIN,
                },
            )
            user.set_password(password)
            user.save(update_fields=["password"])
            if role == User.Role.PROVINCE_STAFF:
                user.user_permissions.set(
                    Permission.objects.filter(content_type__app_label="targets")
                )
            self.stdout.write(
                f"  {username:8} {password:16} {user.get_role_display()}"
                + (f" – {user.unit}" if user.unit else "")
            )

    def _load_registry(self, units):
        sectors = {s.code: s for s in Sector.objects.all()}
        ethnicities = {e.code: e for e in Ethnicity.objects.all()}
        for (
            kind,
            name,
            code,
            commune,
            sector_codes,
            founded,
            supported,
            under_plan,
            people,
            figures,
            products,
        ) in COOPERATIVES:
            unit = units[(NEW, commune)]
            status, since = SUSPENDED.get(name, ("active", None))
            cooperative = self._put(
                Cooperative,
                {"kind": kind, "name": name},
                {
                    "registration_code": code,
                    "unit": unit,
                    "address": unit.name + ", Tỉnh Lào Cai",
                    "founded_on": _date(founded),
                    "status": status,
                    "status_since": since and _date(since),
                    "union_supported": supported,
                    "established_under_plan": under_plan,
                },
                m2m={"sectors": [sectors[c] for c in sector_codes]},
            )
            for full_name, sex, birth_year, ethnicity, role, start in people:
                person = self._put(
                    Person,
                    {"full_name": full_name, "unit": unit},
                    {"sex": sex, "birth_year": birth_year, "ethnicity": ethnicities[ethnicity]},
                )
                self._put(
                    ManagementRole,
                    {
                        "person": person,
                        "cooperative": cooperative,
                        "role": role,
                        "start_date": _date(start),
                    },
                )
            for year, row in figures.items():
                (
                    members,
                    members_f,
                    workers,
                    workers_f,
                    minority_f,
                    stable,
                    new,
                    voc,
                    ecom,
                    revenue,
                ) = row
                self._put(
                    YearlyFigures,
                    {"cooperative": cooperative, "year": year},
                    {
                        "members_total": members,
                        "members_female": members_f,
                        "workers_total": workers,
                        "workers_female": workers_f,
                        "workers_female_ethnic_minority": minority_f,
                        "female_stable_jobs": stable,
                        "new_female_jobs": new,
                        "members_trained_vocational": voc,
                        "members_trained_ecommerce": ecom,
                        "charter_capital": members * 5_000_000,
                        "revenue": revenue * 1_000_000,
                        "profit": revenue * 80_000,
                    },
                )
            for product, stars, year in products:
                self._put(
                    OcopProduct,
                    {"cooperative": cooperative, "name": product},
                    {"stars": stars, "year_certified": year},
                )

    def _load_training(self, units):
        officers = {}
        for name, level, unit_key, position, on_coops, start, end in OFFICERS:
            officers[name] = self._put(
                UnionOfficer,
                {"full_name": name},
                {
                    "level": level,
                    "unit": units[unit_key],
                    "position": position,
                    "works_on_cooperatives": on_coops,
                    "active_from": _date(start),
                    "active_to": end and _date(end),
                },
            )
        people = {p.full_name: p for p in Person.objects.all()}
        cooperatives = {c.name: c for c in Cooperative.objects.all()}
        for title, category, form, start, end, unit_key, funding, named, counts in EVENTS:
            source, amount = funding
            event = self._put(
                TrainingEvent,
                {"title": title},
                {
                    "category": category,
                    "format": form,
                    "start_date": _date(start),
                    "end_date": _date(end),
                    "unit": units[unit_key],
                    "funding_source": source,
                    "funding_amount": amount,
                },
            )
            for name, certificate in named:
                who = {"officer": officers[name]} if name in officers else {"person": people[name]}
                self._put(Participant, {"event": event, **who}, {"certificate_issued": certificate})
            for head_count in event.head_counts.all():
                writes.delete(record=head_count, by=self.by)
            for cooperative, description, total, female, minority in counts:
                self._put(
                    HeadCount,
                    {
                        "event": event,
                        "cooperative": cooperative and cooperatives[cooperative],
                        "description": description,
                        "total": total,
                        "female": female,
                        "ethnic_minority": minority,
                    },
                )

    def _load_reports(self):
        """Open the current year's round with one accepted report and one draft."""
        year = timezone.localdate().year
        round_ = ReportingRound.objects.filter(year=year, kind="annual").first()
        staff = self.by
        round_ = round_ or services.create_round(by=staff, year=year)
        lao_cai = Unit.objects.get(code_set=NEW, code="02647")
        accepted = services.start_submission(round_=round_, unit=lao_cai)
        if accepted.state == Submission.State.DRAFT:
            accepted.media_reports, accepted.mobilisation_events = 4, 6
            accepted.funding_state_budget = 25_000_000
            services.save_draft(submission=accepted, by=staff)
            services.submit(submission=accepted, by=staff)
            services.accept(submission=accepted, by=staff)
        draft = services.start_submission(
            round_=round_, unit=Unit.objects.get(code_set=NEW, code="03037")
        )
        if draft.state == Submission.State.DRAFT and not draft.media_reports:
            draft.media_reports = 2
            services.save_draft(submission=draft, by=staff)
        self.stdout.write(f"Demo report round: {round_} (one accepted report, one draft).")
