"""Loads the reporting units from the official code lists in `reporting/data/`.

Sources and caveats are in `reporting/data/SOURCES.txt`. Called by a data migration with
the historical models, so it runs on every `migrate` and is idempotent.
"""

import csv
import datetime
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
LAST_DAY_BEFORE_REFORM = datetime.date(2025, 6, 30)
REFORM_DATE = datetime.date(2025, 7, 1)
# The one commune gone by 01/03/2025 (Xã Tà Chải, Bắc Hà) is listed on 10/04/2023 and absent
# from the 01/11/2024 snapshot; the act that merged it is not identified, so the day before
# that snapshot is used as an upper bound of its validity.
LAST_DAY_BEFORE_NOV_2024_SNAPSHOT = datetime.date(2024, 10, 31)

# Plan 294 section VI: the provincial bodies with assigned tasks (no official code list
# exists for them, so the codes are the portal's own).
AGENCIES = [
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("SKHDT", "Sở Kế hoạch và Đầu tư"),
    ("STC", "Sở Tài chính"),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("SLDTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
    ("SCT", "Sở Công Thương"),
    ("BDT", "Ban Dân tộc tỉnh"),
    ("LMHTX", "Liên minh Hợp tác xã tỉnh"),
    ("NHCSXH", "Ngân hàng Chính sách xã hội tỉnh"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
]


# Plan 294 section VI: the tasks given to each body; its report covers each of them.
# (agency code, or "" for every district and later every commune; section; task)
TASKS = [
    ("", "VI.11", "Triển khai Kế hoạch phù hợp điều kiện thực tế của địa phương"),
    (
        "",
        "VI.11",
        "Bố trí nguồn lực từ ngân sách địa phương, lồng ghép các chương trình, nguồn vốn",
    ),
    (
        "",
        "VI.11",
        "Phân công Hội Liên hiệp Phụ nữ và các phòng, ban chuyên môn triển khai Kế hoạch",
    ),
    ("", "VI.11", "Kiểm tra, giám sát, đánh giá kết quả thực hiện trên địa bàn"),
    ("HLHPN", "VI.1", "Chủ trì, phối hợp triển khai; tuyên truyền; tư vấn thành lập hợp tác xã"),
    ("HLHPN", "VI.1", "Vận động tổ hợp tác do phụ nữ quản lý phát triển thành hợp tác xã"),
    ("HLHPN", "VI.1", "Kiểm tra, giám sát, sơ kết, tổng kết; đề xuất khen thưởng"),
    (
        "SKHDT",
        "VI.2",
        "Lồng ghép nội dung hỗ trợ vào chương trình phát triển kinh tế tập thể; "
        "hướng dẫn giải thể hợp tác xã ngừng hoạt động",
    ),
    ("STC", "VI.3", "Tham mưu bố trí kinh phí thực hiện Kế hoạch"),
    (
        "SNNPTNT",
        "VI.4",
        "Lồng ghép Chương trình MTQG nông thôn mới; đào tạo quản trị và chuyển giao kỹ thuật; "
        "kết nối tiêu thụ",
    ),
    ("SLDTBXH", "VI.5", "Đào tạo nghề phi nông nghiệp, giới thiệu việc làm cho lao động nữ"),
    ("STTTT", "VI.6", "Ứng dụng công nghệ thông tin; tuyên truyền kết quả, điển hình"),
    ("SCT", "VI.7", "Phát triển sản phẩm, khuyến công, xúc tiến thương mại"),
    ("BDT", "VI.8", "Lồng ghép Chương trình MTQG vùng đồng bào dân tộc thiểu số và miền núi"),
    (
        "LMHTX",
        "VI.9",
        "Tư vấn, kiện toàn hợp tác xã; đào tạo; tiếp cận Quỹ hỗ trợ phát triển hợp tác xã",
    ),
    ("NHCSXH", "VI.10", "Tạo điều kiện tiếp cận vốn vay ưu đãi"),
    ("MTTQ", "VI.12", "Tuyên truyền, vận động đoàn viên, hội viên tham gia thực hiện Kế hoạch"),
]


def load_tasks(AssignedTask):
    """Create or update the assigned tasks of section VI (keyed by body and position)."""
    for position, (agency_code, section, title) in enumerate(TASKS):
        AssignedTask.objects.update_or_create(
            agency_code=agency_code,
            position=position,
            defaults={"section": section, "title": title},
        )
    return AssignedTask.objects.count()


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_units(Unit):
    """Create or update every reference unit; return how many units there are."""

    def put(code_set, code, **fields):
        unit, _ = Unit.objects.update_or_create(code_set=code_set, code=code, defaults=fields)
        return unit

    new_province = put("2025", "15", name="Tỉnh Lào Cai", kind="province", valid_from=REFORM_DATE)
    old_province = put(
        "pre2025",
        "10",
        name="Tỉnh Lào Cai",
        kind="province",
        valid_to=LAST_DAY_BEFORE_REFORM,
        successor=new_province,
    )
    new_communes = {
        row["ma_xa"]: put(
            "2025",
            row["ma_xa"],
            name=row["ten_don_vi"],
            kind="commune",
            parent=new_province,
            valid_from=REFORM_DATE,
        )
        for row in _rows("laocai_new_communes_2025.csv")
    }
    districts = {
        row["ma_huyen"]: put(
            "pre2025",
            row["ma_huyen"],
            name=row["ten_huyen"],
            kind="district",
            parent=old_province,
            valid_to=LAST_DAY_BEFORE_REFORM,
        )
        for row in _rows("laocai_districts_pre2025.csv")
    }
    successors = {
        row["old_ma_xa"]: new_communes[row["new_ma_xa"]]
        for row in _rows("laocai_yenbai_old_to_new_commune_mapping_2025.csv")
        if row["old_ma_tinh"] == "10"
    }
    for row in _rows("laocai_communes_pre2025.csv"):
        still_valid = row["con_hieu_luc_01_03_2025"] == "yes"
        put(
            "pre2025",
            row["ma_xa"],
            name=row["ten_xa"],
            kind="commune",
            parent=districts[row["ma_huyen"]],
            valid_to=LAST_DAY_BEFORE_REFORM if still_valid else LAST_DAY_BEFORE_NOV_2024_SNAPSHOT,
            successor=successors.get(row["ma_xa"]),
        )
    for code, name in AGENCIES:
        put("agency", code, name=name, kind="department")
    return Unit.objects.count()
