"""Loads the reporting units from the official code lists frozen in `data/` beside this file
(sources and caveats: `data/SOURCES.txt`), as they were on 06/12/2026.

The lists and this code are frozen with the migration: a later change to the reference units
is a new migration, so that this one does the same on every database, then and now. Uses the
historical models only; idempotent (a unit is found by code set and code).
"""

import csv
import datetime
from pathlib import Path

from django.db import migrations

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


def load(apps, schema_editor):
    load_units(apps.get_model("org", "Unit"))


class Migration(migrations.Migration):
    dependencies = [("org", "0001_units_and_users")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
