"""Loads the registry's reference lists as they were on 06/12/2026: the ethnic groups from the
official list frozen in `data/` beside this file (sources: `data/SOURCES.txt`) and DESIGN.md's
sectors.

Frozen with the migration: a later change to either list is a new migration. Uses the
historical models only; idempotent (rows are found by code).
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent / "data"

# DESIGN.md's sectors, in the order officers see them. Codes are stable keys.
SECTORS = [
    ("agriculture", "Nông nghiệp tổng hợp"),
    ("crops", "Trồng trọt"),
    ("livestock", "Chăn nuôi"),
    ("forestry", "Lâm nghiệp, dược liệu"),
    ("processing", "Chế biến nông sản, thực phẩm"),
    ("handicraft", "Thủ công mỹ nghệ"),
    ("weaving", "Dệt thổ cẩm"),
    ("garment", "May mặc"),
    ("community-tourism", "Du lịch cộng đồng"),
    ("trade-services", "Thương mại, dịch vụ"),
    ("consumer", "Tiêu dùng"),
    ("other", "Lĩnh vực khác"),
]


def load_ethnic_groups(Ethnicity):
    """Create or update the 54 ethnic groups (codes 55/56 of some systems are not groups)."""
    with open(DATA / "vietnam_ethnic_groups_121_TCTK.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["is_ethnic_group"] != "yes":
                continue
            Ethnicity.objects.update_or_create(
                code=row["ma_dan_toc"],
                defaults={"name": row["ten_dan_toc"], "other_names": row["ten_goi_khac"]},
            )
    return Ethnicity.objects.count()


def load_sectors(Sector):
    for position, (code, name) in enumerate(SECTORS):
        Sector.objects.update_or_create(code=code, defaults={"name": name, "position": position})
    return Sector.objects.count()


def load(apps, schema_editor):
    load_ethnic_groups(apps.get_model("cooperatives", "Ethnicity"))
    load_sectors(apps.get_model("cooperatives", "Sector"))


class Migration(migrations.Migration):
    dependencies = [("cooperatives", "0001_registry")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
