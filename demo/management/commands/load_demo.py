"""Load a small demo data set and one demo account per role (idempotent)."""

import datetime
import uuid

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cooperatives.models import (
    Cooperative,
    Ethnicity,
    ManagementRole,
    OcopProduct,
    Person,
    ProductGroup,
    Sector,
    YearlyFigures,
    add_months,
)
from demo.pictures import product_picture
from followup.models import Difficulty, Support, SupportKind
from org import writes
from org.models import Unit, User
from reporting import services
from reporting.models import ReportingRound, Submission
from showcase import services as showcase
from showcase.models import LeaderConsent, ProductPhoto, Publication, SalesPoint
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

NEW = Unit.CodeSet.FROM_2025
PRE = Unit.CodeSet.PRE_2025
ROLE = ManagementRole.Role
HTX, THT = Cooperative.Kind.HTX, Cooperative.Kind.THT

# (username, password, role, unit code set, unit code, full name)
ACCOUNTS = [
    ("tinh", "Tinh@Plan294", User.Role.PROVINCE_STAFF, "agency", "HLHPN", "Nguyễn Thị Hoa"),
    ("tavan", "TaVan@Plan294", User.Role.UNIT_OFFICER, NEW, "03037", "Giàng Thị Mai"),
    # An officer of a provincial body (plan section VI): the difficulties assigned to it.
    ("sct", "Sct@Plan294", User.Role.UNIT_OFFICER, "agency", "SCT", "Phạm Thị Thu"),
    ("lanhdao", "LanhDao@Plan294", User.Role.LEADER, None, None, "Trần Văn Bình"),
    ("quantri", "QuanTri@Plan294", User.Role.ADMIN, None, None, "Lê Minh Quân"),
]

# kind, name, registration code, commune code (2025 set), sectors, founded, union-supported,
# founded under the plan, people [(name, sex, birth year, ethnicity code, role, since)],
# figures {year: (members, female members, workers, female workers, ethnic-minority female,
# stable female jobs, new female jobs, trained vocational, trained e-commerce, revenue M VND)},
# OCOP products [(name, stars, year)] (those on the public showcase are in SHOWCASE_PRODUCTS)
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
        [],  # Its products are in SHOWCASE_PRODUCTS.
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
        [],  # Its products are in SHOWCASE_PRODUCTS.
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


PUBLISHED = Publication.State.PUBLISHED
PROPOSED = Publication.State.PROPOSED
UNPUBLISHED = Publication.State.UNPUBLISHED

# Public pages: cooperative, the state the demo leaves it in, featured, public phone, public
# email, show the contacts, show the address, the women managers whose consent is recorded
# (the others are not shown), story. The unit's officer proposes, province staff approve.
PAGES = [
    (
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        PUBLISHED,
        True,
        "0912 468 135",
        "dettho.tavan@laocai.example",
        True,
        True,
        ["Giàng Thị Sểnh", "Lý Thị Mây"],
        "Hợp tác xã do chị em phụ nữ người H'Mông ở xã Tả Van (Sa Pa) lập năm 2019 để giữ "
        "nghề trồng lanh, dệt vải, nhuộm chàm và thêu thổ cẩm truyền thống. Mỗi chiếc khăn, "
        "chiếc túi được dệt và thêu tay tại nhà các thành viên, theo hoa văn của người H'Mông "
        "và người Dao đỏ. Du khách có thể đến xưởng của hợp tác xã để tự tay nhuộm chàm.",
    ),
    (
        "Hợp tác xã Chè Shan tuyết Bản Xèo",
        PUBLISHED,
        True,
        "0983 217 546",
        "",
        True,
        False,
        # Tẩn Thị Chiêm, the controller, has not given her consent: she is not shown.
        ["Chảo Thị Lở"],
        "Hợp tác xã được thành lập năm 2023 theo Đề án 294, do phụ nữ người Dao ở Bản Xèo "
        "(Bát Xát) quản lý. Búp chè được hái từ những cây chè Shan tuyết cổ thụ trên núi cao "
        "gần Y Tý, rồi sao và vò bằng tay theo cách truyền thống. Mỗi vụ, hợp tác xã thu mua "
        "chè của hơn 40 hộ, phần lớn là phụ nữ.",
    ),
    (
        "Hợp tác xã Nông nghiệp Mường Hum",
        PUBLISHED,
        False,
        "0915 302 718",
        "",
        False,
        True,
        ["Vàng Thị Pằng", "Lò Thị Hương"],
        "Hợp tác xã trồng và chế biến gạo Séng Cù, nấm hương và mật ong rừng ở vùng cao "
        "Mường Hum (Bát Xát). Các thành viên canh tác theo quy trình an toàn, tự xay xát, "
        "đóng gói và ghi nhãn sản phẩm, bao tiêu nông sản cho nhiều hộ người Dao, Giáy và "
        "H'Mông trong xã.",
    ),
    (
        "Hợp tác xã Quế hồi Bảo Yên",
        PUBLISHED,
        False,
        "",
        "",
        False,
        False,
        ["Đặng Thị Nhất", "Triệu Thị Mai"],
        "Hợp tác xã được thành lập năm 2024 theo Đề án 294, do phụ nữ người Dao ở Bảo Yên "
        "quản lý. Vỏ quế được bóc, phơi và cuộn thủ công; tinh dầu được chưng cất từ cành lá "
        "quế tận dụng sau thu hoạch. Hợp tác xã tạo việc làm ổn định cho hơn mười phụ nữ "
        "địa phương.",
    ),
    (
        "Tổ hợp tác Du lịch cộng đồng Lao Chải",
        PROPOSED,
        False,
        "0868 145 392",
        "",
        True,
        True,
        ["Sùng Thị Dợ"],
        "Tổ hợp tác gồm các gia đình người H'Mông ở thôn Lao Chải, xã Tả Van, do phụ nữ "
        "đứng ra đón khách: nghỉ tại nhà dân, đi bộ qua ruộng bậc thang và học nấu các món "
        "ăn truyền thống. Tiền thu được chia cho các hộ và để dành sửa đường vào bản.",
    ),
    (
        "Tổ hợp tác Thêu thổ cẩm Bát Xát",
        UNPUBLISHED,
        False,
        "",
        "",
        False,
        False,
        [],
        "Tổ hợp tác của chị em người Dao đỏ ở Bát Xát thêu tay túi, khăn và áo theo hoa văn "
        "truyền thống của dân tộc mình.",
    ),
]
# How each recorded consent was given.
CONSENT = ("2025-08-15", "Phiếu đồng ý có chữ ký, lưu tại Hội LHPN xã")

# OCOP products on the showcase: cooperative, name, stars, certificate issued how many
# months before the day the demo is loaded (so the demo stays current: past 36 months it
# has expired), certificate number, product group, price from and to (VND) and per,
# shown publicly, description, photos [(picture kind, seed, caption)].
SHOWCASE_PRODUCTS = [
    (
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        "Khăn thổ cẩm Tả Van",
        3,
        10,
        "86/QĐ-UBND",
        ProductGroup.TEXTILES,
        (150_000, 350_000, "chiếc"),
        True,
        "Khăn choàng dệt từ sợi lanh và sợi bông, nhuộm chàm tự nhiên, thêu tay hoa văn "
        "H'Mông. Mỗi chiếc mất từ một đến hai tuần để hoàn thành.",
        [
            ("brocade", 1, "Khăn thổ cẩm hoa văn H'Mông"),
            ("brocade", 2, "Khăn nhuộm chàm, thêu tay"),
            ("brocade", 3, "Các mẫu khăn của hợp tác xã"),
        ],
    ),
    (
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        "Túi thổ cẩm thêu tay Tả Van",
        3,
        10,
        "86/QĐ-UBND",
        ProductGroup.CRAFTS,
        (180_000, 450_000, "chiếc"),
        True,
        "Túi đeo vai may từ vải lanh nhuộm chàm, viền thổ cẩm thêu tay, có lót trong.",
        [
            ("brocade", 4, "Túi thổ cẩm đeo vai"),
            ("brocade", 5, "Chi tiết đường thêu"),
        ],
    ),
    (
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        "Váy lanh nhuộm chàm",
        3,
        10,
        "86/QĐ-UBND",
        ProductGroup.TEXTILES,
        (900_000, 1_500_000, "chiếc"),
        # Not on the public site yet: the members have not agreed on its prices.
        False,
        "Váy xòe truyền thống của phụ nữ H'Mông, vải lanh dệt tay.",
        [],
    ),
    (
        "Hợp tác xã Chè Shan tuyết Bản Xèo",
        "Chè Shan tuyết Bản Xèo",
        4,
        6,
        "1520/QĐ-UBND",
        ProductGroup.DRINKS,
        (350_000, 600_000, "hộp 200 g"),
        True,
        "Chè xanh làm từ búp chè Shan tuyết cổ thụ, hái một tôm hai lá, sao và vò tay. Nước "
        "chè vàng sáng, vị chát nhẹ, hậu ngọt sâu.",
        [
            ("tea", 1, "Búp chè Shan tuyết cổ thụ"),
            ("tea", 2, "Chè sao tay đóng hộp 200 g"),
            ("tea", 3, "Nương chè Bản Xèo"),
        ],
    ),
    (
        "Hợp tác xã Chè Shan tuyết Bản Xèo",
        "Hồng trà Shan tuyết Y Tý",
        3,
        18,
        "2311/QĐ-UBND",
        ProductGroup.DRINKS,
        (250_000, 400_000, "hộp 100 g"),
        True,
        "Hồng trà lên men tự nhiên từ lá chè Shan tuyết vùng Y Tý, nước màu hổ phách, thơm "
        "mùi mật ong.",
        [
            ("tea", 4, "Hồng trà Shan tuyết"),
            ("tea", 5, "Lá chè phơi héo trước khi lên men"),
        ],
    ),
    (
        "Hợp tác xã Nông nghiệp Mường Hum",
        "Gạo Séng Cù Mường Hum",
        3,
        # Certified over 36 months ago and not renewed: shown as expired.
        40,
        "1105/QĐ-UBND",
        ProductGroup.FOOD,
        (35_000, 45_000, "kg"),
        True,
        "Gạo Séng Cù trồng trên ruộng bậc thang Mường Hum, hạt dài, cơm dẻo và thơm.",
        [
            ("rice", 1, "Gạo Séng Cù đóng túi 5 kg"),
            ("rice", 2, "Lúa Séng Cù trước khi xay"),
        ],
    ),
    (
        "Hợp tác xã Nông nghiệp Mường Hum",
        "Nấm hương rừng Mường Hum",
        3,
        14,
        "3012/QĐ-UBND",
        ProductGroup.FOOD,
        (380_000, 450_000, "kg"),
        True,
        "Nấm hương trồng trên gỗ rừng, sấy khô bằng than củi, mũ dày và thơm.",
        [
            ("mushroom", 1, "Nấm hương trên thân gỗ"),
            ("mushroom", 2, "Nấm hương sấy khô"),
        ],
    ),
    (
        "Hợp tác xã Nông nghiệp Mường Hum",
        "Mật ong rừng Mường Hum",
        3,
        14,
        "3012/QĐ-UBND",
        ProductGroup.FOOD,
        (450_000, 550_000, "chai 500 ml"),
        True,
        "Mật ong khai thác từ đàn ong nuôi ven rừng, không pha trộn, đóng chai tại hợp tác xã.",
        [
            ("honey", 1, "Mật ong rừng đóng chai"),
            ("honey", 2, "Cầu ong của hợp tác xã"),
        ],
    ),
    (
        "Hợp tác xã Quế hồi Bảo Yên",
        "Quế thanh Bảo Yên",
        3,
        4,
        "2875/QĐ-UBND",
        ProductGroup.FOOD,
        (160_000, 220_000, "kg"),
        True,
        "Vỏ quế bóc từ cây quế trên mười năm tuổi, phơi khô và cuộn thành thanh đều nhau.",
        [
            ("herbs", 1, "Quế thanh phơi khô"),
            ("herbs", 2, "Quế thanh đóng túi"),
        ],
    ),
    (
        "Hợp tác xã Quế hồi Bảo Yên",
        "Tinh dầu quế Bảo Yên",
        3,
        4,
        "2875/QĐ-UBND",
        ProductGroup.HERBS,
        (120_000, 180_000, "chai 50 ml"),
        True,
        "Tinh dầu chưng cất từ cành và lá quế, dùng xông phòng, pha nước tắm hoặc xoa bóp.",
        [("herbs", 3, "Tinh dầu quế chai 50 ml")],
    ),
    (
        "Tổ hợp tác Thêu thổ cẩm Bát Xát",
        "Túi thêu thổ cẩm người Dao đỏ",
        3,
        20,
        "412/QĐ-UBND",
        ProductGroup.CRAFTS,
        (150_000, 300_000, "chiếc"),
        True,
        "Túi thêu tay hoa văn người Dao đỏ, chỉ màu đỏ và vàng trên nền chàm.",
        [("brocade", 6, "Túi thêu hoa văn Dao đỏ")],
    ),
]

# Where to buy: cooperative, product (None: its whole range), kind, name, link, address.
SALES_POINTS = [
    (
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        None,
        SalesPoint.Kind.ONLINE,
        "Postmart",
        "https://postmart.vn/gian-hang/htx-det-tho-cam-ta-van",
        "",
    ),
    (
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        None,
        SalesPoint.Kind.PLACE,
        "Cửa hàng OCOP Sa Pa",
        "",
        "Quảng trường Sa Pa, phường Sa Pa, tỉnh Lào Cai",
    ),
    (
        "Hợp tác xã Dệt thổ cẩm Tả Van",
        "Khăn thổ cẩm Tả Van",
        SalesPoint.Kind.ONLINE,
        "Shopee",
        "https://shopee.vn/khan-tho-cam-ta-van-nhuom-cham",
        "",
    ),
    (
        "Hợp tác xã Chè Shan tuyết Bản Xèo",
        None,
        SalesPoint.Kind.ONLINE,
        "Voso",
        "https://voso.vn/gian-hang/che-shan-tuyet-ban-xeo",
        "",
    ),
    (
        "Hợp tác xã Chè Shan tuyết Bản Xèo",
        None,
        SalesPoint.Kind.PLACE,
        "Điểm bán sản phẩm OCOP Bát Xát",
        "",
        "Chợ trung tâm xã Bát Xát, tỉnh Lào Cai",
    ),
    (
        "Hợp tác xã Nông nghiệp Mường Hum",
        "Gạo Séng Cù Mường Hum",
        SalesPoint.Kind.ONLINE,
        "Postmart",
        "https://postmart.vn/san-pham/gao-seng-cu-muong-hum",
        "",
    ),
    (
        "Hợp tác xã Quế hồi Bảo Yên",
        None,
        SalesPoint.Kind.ONLINE,
        "Shopee",
        "https://shopee.vn/que-hoi-bao-yen",
        "",
    ),
]


# Follow-up (plan sections IV.2–IV.5, V and VI): the support given to the demo's cooperatives
# and the difficulties they raised. Short names of the cooperatives and kinds used below.
DET_TA_VAN = "Hợp tác xã Dệt thổ cẩm Tả Van"
LAO_CHAI = "Tổ hợp tác Du lịch cộng đồng Lao Chải"
MUONG_HUM = "Hợp tác xã Nông nghiệp Mường Hum"
BAN_XEO = "Hợp tác xã Chè Shan tuyết Bản Xèo"
BAC_HA = "Hợp tác xã Mận Bắc Hà"
MAY_LAO_CAI = "Tổ hợp tác May mặc Phường Lào Cai"
BAO_YEN = "Hợp tác xã Quế hồi Bảo Yên"
THEU_BAT_XAT = "Tổ hợp tác Thêu thổ cẩm Bát Xát"
MUONG_KHUONG = "Hợp tác xã Rau an toàn Mường Khương"
# The catalogue's kinds (followup/migrations/0002_plan_support_kinds.py).
FAIR = "Hội chợ, triển lãm, kết nối cung cầu"
BUSINESS_PLAN = "Tư vấn xây dựng phương án sản xuất, kinh doanh"
ONLINE_SHOP = "Mở gian hàng trên sàn thương mại điện tử"
TRADEMARK = "Đăng ký nhãn hiệu, nhãn mác"
OCOP_FILE = "Hỗ trợ hồ sơ OCOP"
INSURANCE = "Tham gia bảo hiểm xã hội cho thành viên"
LOAN = "Vay vốn ưu đãi"
EQUIPMENT = "Hỗ trợ máy móc, thiết bị"
DIGITAL = "Chuyển đổi số"
# The bodies that give support or answer difficulties: Union levels and provincial bodies.
HLHPN = ("agency", "HLHPN")
SCT = ("agency", "SCT")
NHCSXH = ("agency", "NHCSXH")
LMHTX = ("agency", "LMHTX")
SNNPTNT = ("agency", "SNNPTNT")
SA_PA = (PRE, "088")  # Thị xã Sa Pa's Union, until the 2025 reform
# The namespace of the demo's batch ids: one event gets the same id on every run.
BATCHES = uuid.UUID("5c1f0b6e-2940-4a2f-9c4e-294294294294")

# Supports: kind, date, body, occasion, funding (source, VND for each cooperative) or None,
# loan (lender, VND, months) or None, cooperatives, note. Several cooperatives: one event
# entered for all of them at once (one batch, counted once as an activity). Spread over
# 2024–2026: the 2026 round counts trade promotion, loans and funding for Tả Van (and the
# funding of Phường Lào Cai's accepted report); a 2024 or 2025 kind compares cooperatives
# that got it with others that did not (the 2024 trade fair: Tả Van's weavers, with 2023 and
# 2025 figures, against Mường Hum).
SUPPORTS = [
    (
        BUSINESS_PLAN,
        "2024-03-18",
        HLHPN,
        "Tư vấn phương án mở rộng xưởng nhuộm chàm",
        None,
        None,
        [DET_TA_VAN],
        "Cán bộ Ban Kinh tế Hội LHPN tỉnh làm việc tại xưởng, cùng Ban giám đốc lập phương án.",
    ),
    (
        LOAN,
        "2024-06-10",
        NHCSXH,
        "Cho vay hỗ trợ tạo việc làm (Quỹ quốc gia về việc làm)",
        None,
        ("social_policy_bank", 300_000_000, 36),
        [MUONG_HUM],
        "Vốn mua máy xay xát, máy đóng gói gạo; tạo việc làm cho 4 lao động nữ.",
    ),
    (
        TRADEMARK,
        "2024-08-05",
        SA_PA,
        "Đăng ký nhãn hiệu tập thể “Thổ cẩm Tả Van”",
        ("state_budget", 15_000_000),
        None,
        [DET_TA_VAN],
        "Hỗ trợ thiết kế logo, tem nhãn và phí nộp đơn tại Cục Sở hữu trí tuệ.",
    ),
    (
        EQUIPMENT,
        "2024-09-12",
        HLHPN,
        "Trao máy may công nghiệp từ nguồn vận động",
        ("mobilised", 24_000_000),
        None,
        [MAY_LAO_CAI],
        "Hai máy may công nghiệp và một máy vắt sổ.",
    ),
    (
        FAIR,
        "2024-10-22",
        SCT,
        "Hội chợ Thương mại quốc tế Việt – Trung (Lào Cai) 2024",
        ("state_budget", 6_000_000),
        None,
        [DET_TA_VAN, BAN_XEO, THEU_BAT_XAT],
        "Hỗ trợ chi phí gian hàng tiêu chuẩn.",
    ),
    (
        OCOP_FILE,
        "2025-04-08",
        SNNPTNT,
        "Chương trình OCOP tỉnh Lào Cai năm 2025",
        ("state_budget", 10_000_000),
        None,
        [BAN_XEO],
        "Hoàn thiện hồ sơ, bao bì và phiếu kiểm nghiệm cho sản phẩm chè Shan tuyết.",
    ),
    (
        ONLINE_SHOP,
        "2025-05-20",
        HLHPN,
        "Đưa sản phẩm hợp tác xã do phụ nữ quản lý lên sàn Postmart, Voso",
        ("state_budget", 1_500_000),
        None,
        [DET_TA_VAN, MUONG_HUM, BAN_XEO],
        "Phối hợp với Bưu điện tỉnh: chụp ảnh sản phẩm, mở và quản lý gian hàng.",
    ),
    (
        FAIR,
        "2025-08-14",
        SCT,
        "Tuần hàng OCOP và sản phẩm đặc trưng tỉnh Lào Cai tại Hà Nội 2025",
        ("state_budget", 8_000_000),
        None,
        [BAN_XEO, BAO_YEN, BAC_HA, MUONG_HUM],
        "Hỗ trợ gian hàng và vận chuyển sản phẩm.",
    ),
    (
        INSURANCE,
        "2025-08-20",
        (NEW, "02728"),
        "Vận động thành viên tham gia bảo hiểm xã hội tự nguyện",
        None,
        None,
        [MUONG_HUM],
        "12 thành viên nữ đăng ký tham gia bảo hiểm xã hội tự nguyện.",
    ),
    (
        OCOP_FILE,
        "2025-09-15",
        (NEW, "03037"),
        "Chương trình OCOP tỉnh Lào Cai năm 2025",
        None,
        None,
        [DET_TA_VAN],
        "Hướng dẫn hồ sơ đánh giá, phân hạng cho khăn, túi và váy thổ cẩm.",
    ),
    (
        LOAN,
        "2025-10-06",
        LMHTX,
        "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Lào Cai",
        None,
        ("support_fund", 300_000_000, 24),
        [BAO_YEN],
        "Vốn lưu động thu mua vỏ quế, hoa hồi của các hộ thành viên.",
    ),
    (
        EQUIPMENT,
        "2025-11-18",
        SNNPTNT,
        "Hỗ trợ máy sao, máy vò chè",
        ("state_budget", 85_000_000),
        None,
        [BAN_XEO],
        "",
    ),
    (
        BUSINESS_PLAN,
        "2026-03-05",
        (NEW, "03037"),
        "Tư vấn phương án kinh doanh nhà nghỉ cộng đồng",
        None,
        None,
        [LAO_CHAI],
        "",
    ),
    (
        OCOP_FILE,
        "2026-03-24",
        SNNPTNT,
        "Chương trình OCOP tỉnh Lào Cai năm 2026",
        ("state_budget", 10_000_000),
        None,
        [MUONG_HUM],
        "Hồ sơ đánh giá, phân hạng cho sản phẩm mật ong rừng Mường Hum.",
    ),
    (
        LOAN,
        "2026-04-08",
        NHCSXH,
        "Cho vay hỗ trợ tạo việc làm (Quỹ quốc gia về việc làm)",
        None,
        ("social_policy_bank", 200_000_000, 36),
        [DET_TA_VAN],
        "Vốn mua sợi lanh, thuốc nhuộm chàm; tạo việc làm cho 3 lao động nữ.",
    ),
    (
        EQUIPMENT,
        "2026-04-15",
        SCT,
        "Chương trình khuyến công địa phương năm 2026",
        ("state_budget", 25_000_000),
        None,
        [MAY_LAO_CAI],
        "Hỗ trợ một phần kinh phí mua máy cắt vải và máy may lập trình.",
    ),
    (
        LOAN,
        "2026-05-12",
        NHCSXH,
        "Cho vay hộ sản xuất, kinh doanh tại vùng khó khăn",
        None,
        ("social_policy_bank", 100_000_000, 36),
        [LAO_CHAI],
        "Vốn sửa sang nhà nghỉ cộng đồng, mua chăn đệm.",
    ),
    (
        TRADEMARK,
        "2026-05-26",
        (NEW, "02761"),
        "Đăng ký nhãn hiệu “Rau an toàn Mường Khương”",
        ("state_budget", 12_000_000),
        None,
        [MUONG_KHUONG],
        "",
    ),
    (
        FAIR,
        "2026-06-16",
        SCT,
        "Hội nghị kết nối cung cầu, đưa sản phẩm OCOP lên sàn thương mại điện tử 2026",
        ("state_budget", 2_500_000),
        None,
        [DET_TA_VAN, BAN_XEO, MUONG_HUM],
        "Kết nối với Postmart, Voso, Shopee; hướng dẫn livestream bán hàng.",
    ),
    (
        INSURANCE,
        "2026-07-10",
        (NEW, "03037"),
        "Vận động thành viên tham gia bảo hiểm xã hội tự nguyện",
        None,
        None,
        [DET_TA_VAN],
        "9 thành viên đăng ký tham gia; Hội vận động nhà hảo tâm hỗ trợ một phần mức đóng.",
    ),
    (
        EQUIPMENT,
        "2026-08-20",
        HLHPN,
        "Trao khung dệt cải tiến từ nguồn vận động",
        ("mobilised", 36_000_000),
        None,
        [DET_TA_VAN],
        "Ba khung dệt cải tiến do doanh nghiệp tài trợ qua Hội LHPN tỉnh.",
    ),
    (
        FAIR,
        "2026-09-24",
        SCT,
        "Hội chợ OCOP tỉnh Lào Cai 2026",
        ("state_budget", 6_000_000),
        None,
        [DET_TA_VAN, LAO_CHAI, MUONG_HUM, BAN_XEO, BAO_YEN, BAC_HA],
        "Hỗ trợ chi phí gian hàng tiêu chuẩn và vận chuyển sản phẩm.",
    ),
    (
        DIGITAL,
        "2026-10-08",
        (NEW, "03037"),
        "Trang giới thiệu và nhận đặt phòng trực tuyến",
        ("cooperatives", 5_000_000),
        None,
        [LAO_CHAI],
        "Đoàn thanh niên xã hỗ trợ lập trang; tổ hợp tác góp kinh phí tên miền, lưu trữ.",
    ),
]

# Difficulties: cooperative, category, channel, what was raised, raised on (a date, or how
# many months before the day the demo is loaded: the open one stays overdue, the one in
# progress stays recent), body responsible, state, answer, answered on.
DIFFICULTIES = [
    (
        DET_TA_VAN,
        "skills",
        "writing",
        "Thành viên hợp tác xã chưa biết bán hàng, livestream trên sàn thương mại điện tử; "
        "đề nghị Hội mở lớp tập huấn.",
        "2025-03-20",
        HLHPN,
        "resolved",
        "Hội LHPN phối hợp tổ chức lớp tập huấn bán hàng trên sàn thương mại điện tử "
        "(trực tuyến) ngày 12/05/2025; hai thành viên của hợp tác xã đã tham dự.",
        "2025-05-12",
    ),
    (
        MUONG_HUM,
        "land",
        "dialogue",
        "Hợp tác xã cần thuê khoảng 1 ha đất để xây xưởng sơ chế gạo Séng Cù và nấm hương, "
        "nhưng khu đất phù hợp trong xã chưa có trong quy hoạch sử dụng đất.",
        "2025-09-16",
        (NEW, "02728"),
        "forwarded",
        "Vượt thẩm quyền của xã. Hội LHPN xã đã báo cáo UBND xã; UBND xã có văn bản đề nghị "
        "Sở Nông nghiệp và Môi trường xem xét, bổ sung vào kế hoạch sử dụng đất năm 2026.",
        "2025-10-20",
    ),
    (
        LAO_CHAI,
        "infrastructure",
        "visit",
        "Đường bê tông vào thôn Lao Chải bị sạt lở sau mưa lớn, xe đưa khách du lịch không "
        "vào được các nhà nghỉ cộng đồng.",
        "2026-03-10",
        (NEW, "03037"),
        "resolved",
        "Hội LHPN xã kiến nghị, UBND xã bố trí kinh phí san gạt và đổ bê tông lại 120 m "
        "đường sạt lở; đường đã thông xe từ ngày 20/04/2026.",
        "2026-04-22",
    ),
    (
        BAO_YEN,
        "procedures",
        "writing",
        "Hợp tác xã đề nghị hướng dẫn thủ tục xuất khẩu quế qua cửa khẩu Lào Cai: đăng ký mã "
        "số vùng trồng, cơ sở đóng gói và truy xuất nguồn gốc.",
        "2026-05-20",
        SCT,
        "resolved",
        "Sở Công Thương đã gửi tài liệu hướng dẫn và làm việc trực tiếp với hợp tác xã ngày "
        "30/06/2026; hợp tác xã đã nộp hồ sơ đăng ký mã số vùng trồng.",
        "2026-07-02",
    ),
    (
        DET_TA_VAN,
        "market",
        "dialogue",
        "Tại hội nghị đối thoại giữa lãnh đạo tỉnh với phụ nữ làm kinh tế tập thể, hợp tác "
        "xã đề nghị hỗ trợ kết nối tiêu thụ sản phẩm thổ cẩm với các doanh nghiệp lữ hành và "
        "cửa hàng lưu niệm ở Sa Pa: mùa mưa vắng khách, khoảng 400 sản phẩm còn tồn kho.",
        5,
        SCT,
        "open",
        "",
        None,
    ),
    (
        BAN_XEO,
        "capital",
        "visit",
        "Hợp tác xã cần vay khoảng 500 triệu đồng để đầu tư lò sao chè và kho bảo quản đạt "
        "chuẩn an toàn thực phẩm, nhưng chưa có tài sản bảo đảm cho khoản vay.",
        1,
        NHCSXH,
        "in_progress",
        "Phòng giao dịch Ngân hàng Chính sách xã hội đã tiếp nhận hồ sơ, đang thẩm định phương "
        "án vay từ Quỹ quốc gia về việc làm và hướng dẫn hợp tác xã bổ sung hồ sơ tài sản bảo "
        "đảm.",
        None,
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
        # Before the round's draft is opened: it is pre-filled from the supports.
        self._load_followup(units)
        self._load_reports()
        self._load_showcase()

    def _put(self, model, lookup, values=None, *, m2m=None, by=None):
        """Save the record found by `lookup` (or a new one) with `values` and many-to-many
        choices `m2m`, through the door, as `by` (the demo's province officer if None)."""
        record = model._default_manager.filter(**lookup).first() or model(**lookup)
        for name, value in (values or {}).items():
            setattr(record, name, value)

        def save_m2m():
            for name, chosen in (m2m or {}).items():
                getattr(record, name).set(chosen)

        return writes.save(record=record, by=by or self.by, save_m2m=save_m2m)

    def _load_accounts(self, units):
        """The demo's accounts, made as `createsuperuser` makes one: before anyone can act."""
        # The demo's unit officers by their unit: they write their own unit's follow-up.
        self.officers = {}
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
            if role == User.Role.UNIT_OFFICER:
                self.officers[user.unit_id] = user
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

    def _officer_of(self, unit, cooperative):
        """The demo account of `unit`'s officers if it may write `cooperative`'s records (Tả
        Van's officer for its own cooperatives), else the demo's province officer."""
        officer = self.officers.get(unit.pk)
        if officer is not None and cooperative.unit_id in officer.area_unit_ids():
            return officer
        return self.by

    def _load_followup(self, units):
        """The supports given to the demo's cooperatives and the difficulties they raised.
        Each is written by the demo account that would enter it: a support by its giver's
        officer, a difficulty by its commune's officer, its answer by its body's officer
        (else, each time, the province officer). A second run finds each record by what
        stays the same (a support by cooperative, kind and date; a difficulty by cooperative,
        category and text) and puts a waiting difficulty back in its state."""
        today = timezone.localdate()
        cooperatives = {c.name: c for c in Cooperative.objects.all()}
        kinds = {k.name: k for k in SupportKind.objects.all()}
        batches = 0
        for kind, day, body, occasion, funding, loan, names, note in SUPPORTS:
            given_on, body = _date(day), units[body]
            source, amount = funding or ("", 0)
            lender, loan_amount, months = loan or ("", 0, None)
            # One event for several cooperatives: one batch, the same on every run.
            batch = uuid.uuid5(BATCHES, f"{occasion} {day}") if len(names) > 1 else None
            batches += batch is not None
            for name in names:
                cooperative = cooperatives[name]
                self._put(
                    Support,
                    {"cooperative": cooperative, "kind": kinds[kind], "given_on": given_on},
                    {
                        "body": body,
                        "occasion": occasion,
                        "batch": batch,
                        "funding_source": source,
                        "amount": amount,
                        "lender": lender,
                        "loan_amount": loan_amount,
                        "loan_term_months": months,
                        "note": note,
                    },
                    by=self._officer_of(body, cooperative),
                )
        for name, category, channel, text, raised, body, state, answer, day in DIFFICULTIES:
            cooperative, body = cooperatives[name], units[body]
            raised_on = add_months(today, -raised) if isinstance(raised, int) else _date(raised)
            values = {"raised_on": raised_on, "channel": channel, "body": body}
            if state in Difficulty.WAITING:
                values |= {"state": state, "answer": answer, "answered_on": None}
            difficulty = self._put(
                Difficulty,
                {"cooperative": cooperative, "category": category, "description": text},
                values,
                by=self._officer_of(cooperative.unit, cooperative),
            )
            if state in Difficulty.ANSWERED:
                # Answered by the body's officer (Sở Công Thương's, on its page), if any.
                self._put(
                    Difficulty,
                    {"pk": difficulty.pk},
                    {"state": state, "answer": answer, "answered_on": _date(day)},
                    by=self.officers.get(body.pk),
                )
        self.stdout.write(
            f"Demo follow-up: {sum(len(s[6]) for s in SUPPORTS)} supports "
            f"({batches} events entered for several cooperatives), "
            f"{len(DIFFICULTIES)} difficulties."
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
            self._take_counted(accepted)
            services.save_draft(submission=accepted, by=staff)
            services.submit(submission=accepted, by=staff)
            services.accept(submission=accepted, by=staff)
        draft = services.start_submission(
            round_=round_, unit=Unit.objects.get(code_set=NEW, code="03037")
        )
        if draft.state == Submission.State.DRAFT and not draft.media_reports:
            draft.media_reports = 2
            self._take_counted(draft)
            services.save_draft(submission=draft, by=staff)
        self.stdout.write(f"Demo report round: {round_} (one accepted report, one draft).")

    @staticmethod
    def _take_counted(submission):
        """Fill in the figures counted from the supports, as the unit's page pre-fills them."""
        for name, figure in services.counted_figures(submission).items():
            setattr(submission, name, figure)

    def _load_showcase(self):
        """Put the public pages in their states, with their products, photos, sales points
        and the leaders' consents. A page already proposed, published or taken down is left
        in its state; a product that has photos gets no more."""
        cooperatives = {c.name: c for c in Cooperative.objects.all()}
        people = {p.full_name: p for p in Person.objects.all()}
        for name, state, featured, phone, email, contacts, address, consents, story in PAGES:
            cooperative = cooperatives[name]
            for full_name in consents:
                given_on, how = CONSENT
                self._put(
                    LeaderConsent,
                    {"person": people[full_name]},
                    {"given_on": _date(given_on), "how": how, "recorded_by": self.by},
                )
            publication = self._put(
                Publication,
                {"cooperative": cooperative},
                {
                    "story": story,
                    "featured": featured,
                    "phone": phone,
                    "email": email,
                    "show_contacts": contacts,
                    "show_address": address,
                },
            )
            if publication.state == Publication.State.DRAFT:
                self._walk_to(cooperative, state)
        today = timezone.localdate()
        photo_count = 0
        products = {}
        for (
            cooperative,
            name,
            stars,
            months_ago,
            number,
            group,
            (price_from, price_to, per),
            shown,
            description,
            pictures,
        ) in SHOWCASE_PRODUCTS:
            certified_on = add_months(today, -months_ago)
            product = products[name] = self._put(
                OcopProduct,
                {"cooperative": cooperatives[cooperative], "name": name},
                {
                    "stars": stars,
                    "year_certified": certified_on.year,
                    "certified_on": certified_on,
                    # Left empty: the model sets it 36 months after the issue date.
                    "expires_on": None,
                    "certificate_number": number,
                    "category": group,
                    "description": description,
                    "price_from": price_from,
                    "price_to": price_to,
                    "price_unit": per,
                    "shown_publicly": shown,
                },
            )
            if not product.photos.exists():
                for position, (kind, seed, caption) in enumerate(pictures):
                    upload = SimpleUploadedFile(
                        f"{kind}-{seed}.png", product_picture(kind, seed), "image/png"
                    )
                    photo = ProductPhoto(product=product, caption=caption, position=position)
                    showcase.add_photo(photo=photo, upload=upload, by=self.by)
                    photo_count += 1
        for cooperative, product, kind, label, url, address in SALES_POINTS:
            self._put(
                SalesPoint,
                {
                    "cooperative": cooperatives[cooperative],
                    "product": product and products[product],
                    "label": label,
                },
                {"kind": kind, "url": url, "address": address},
            )
        self.stdout.write(
            f"Demo showcase: {len(PAGES)} public pages, {len(SHOWCASE_PRODUCTS)} products, "
            f"{photo_count} photos added, {len(SALES_POINTS)} sales points."
        )

    def _walk_to(self, cooperative, state):
        """Take a new page through the workflow to `state`: its unit's officer proposes it
        (province staff when the demo has no officer there), province staff approve it."""
        officer = User.objects.filter(role=User.Role.UNIT_OFFICER, unit_id=cooperative.unit_id)
        showcase.propose(cooperative=cooperative, by=officer.first() or self.by)
        if state == PROPOSED:
            return
        showcase.approve(cooperative=cooperative, by=self.by)
        if state == UNPUBLISHED:
            showcase.unpublish(cooperative=cooperative, by=self.by)
