"""Plan 294/KH-UBND as data, as it was loaded on 06/12/2026: phases, baseline (footnote 1) and
the indicator catalogue (DESIGN.md, plan section II.2).

Frozen with the migration: a later change to the plan's data is a new migration. Uses the
historical models only; idempotent. Targets that exist already are left as they are, since
province staff may have revised them.
"""

import datetime

from django.db import migrations

# The day the plan was issued (06/07/2023).
PLAN_START = datetime.date(2023, 7, 6)

PHASES = [
    (1, datetime.date(2023, 1, 1), datetime.date(2025, 12, 31)),
    (2, datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)),
]

# code, Vietnamese name, English name, kind, phase-1 target, phase-2 target;
# a target is (comparison, value, upper) or None.
CATALOGUE = [
    (
        "HTX_SUPPORTED",
        "Hợp tác xã do phụ nữ tham gia quản lý được Hội hỗ trợ",
        "Supported women-managed cooperatives",
        "count",
        ("at_least", 13, None),
        ("at_least", 20, None),
    ),
    (
        "THT_SUPPORTED",
        "Tổ hợp tác do phụ nữ tham gia quản lý được Hội hỗ trợ",
        "Supported women-managed cooperative groups",
        "count",
        ("at_least", 12, None),
        ("at_least", 20, None),
    ),
    (
        "HTX_FEMALE_JOBS",
        "Lao động nữ có việc làm ổn định trong hợp tác xã",
        "Women with stable jobs in those cooperatives",
        "count",
        ("at_least", 200, None),
        ("at_least", 400, None),
    ),
    (
        "THT_FEMALE_JOBS",
        "Lao động nữ có việc làm ổn định trong tổ hợp tác",
        "Women with stable jobs in those groups",
        "count",
        ("at_least", 250, None),
        ("at_least", 400, None),
    ),
    (
        "NEW_HTX",
        "Hợp tác xã thành lập mới, trên 70% lao động là nữ",
        "New cooperatives with over 70% women workers",
        "count",
        ("range", 3, 4),
        ("at_least", 10, None),
    ),
    (
        "NEW_HTX_FEMALE_JOBS",
        "Việc làm cho lao động nữ trong hợp tác xã thành lập mới",
        "Jobs for women in the new cooperatives",
        "count",
        ("at_least", 75, None),
        None,
    ),
    (
        "MANAGERS_TRAINED_PCT",
        "Tỷ lệ nữ quản lý hợp tác xã được đào tạo quản trị, điều hành",
        "Women managers trained in governance",
        "percent",
        ("at_least", 100, None),
        ("at_least", 100, None),
    ),
    (
        "MANAGERS_CERTIFIED_PCT",
        "Tỷ lệ nữ quản lý hợp tác xã được cấp chứng nhận",
        "Women managers with a certificate",
        "percent",
        ("at_least", 30, None),
        ("at_least", 30, None),
    ),
    (
        "STAFF_COOP_TRAINED_PCT",
        "Tỷ lệ cán bộ Hội làm công tác hỗ trợ HTX được tập huấn",
        "Union officers on cooperative support trained",
        "percent",
        ("at_least", 100, None),
        ("at_least", 100, None),
    ),
    (
        "STAFF_SKILLS_PCT",
        "Tỷ lệ cán bộ Hội được nâng cao kỹ năng tuyên truyền, vận động",
        "Union officers trained in mobilisation skills",
        "percent",
        ("at_least", 80, None),
        ("at_least", 90, None),
    ),
    (
        "MEMBERS_VOCATIONAL_PCT",
        "Tỷ lệ thành viên hợp tác xã được đào tạo nghề",
        "Cooperative members with vocational training",
        "percent",
        ("at_least", 50, None),
        ("at_least", 50, None),
    ),
    (
        "MEMBERS_ECOMMERCE_PCT",
        "Tỷ lệ thành viên hợp tác xã được tập huấn thương mại điện tử",
        "Cooperative members trained in e-commerce",
        "percent",
        ("more_than", 50, None),
        ("more_than", 50, None),
    ),
]


def load_plan(Plan, Phase, Indicator, Target):
    plan, _ = Plan.objects.update_or_create(
        code="294/KH-UBND",
        defaults={
            "title": "Kế hoạch triển khai thực hiện Quyết định số 01/QĐ-TTg ngày 03/01/2023 "
            "của Thủ tướng Chính phủ phê duyệt Đề án “Hỗ trợ hợp tác xã do phụ nữ tham gia "
            "quản lý, tạo việc làm cho lao động nữ đến năm 2030” trên địa bàn tỉnh Lào Cai",
            "issued_on": PLAN_START,
            "ends_on": datetime.date(2030, 12, 31),
            "baseline_htx": 13,
            "baseline_htx_members": 135,
            "baseline_tht": 12,
            "baseline_tht_members": 200,
        },
    )
    phases = {
        number: Phase.objects.update_or_create(
            plan=plan, number=number, defaults={"starts_on": start, "ends_on": end}
        )[0]
        for number, start, end in PHASES
    }
    for position, (code, name, name_en, kind, *targets) in enumerate(CATALOGUE):
        indicator, _ = Indicator.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "kind": kind, "position": position},
        )
        for number, target in enumerate(targets, start=1):
            if target is None:
                continue
            comparison, value, upper = target
            Target.objects.get_or_create(
                indicator=indicator,
                phase=phases[number],
                defaults={"comparison": comparison, "value": value, "upper": upper},
            )


def load(apps, schema_editor):
    load_plan(
        *(apps.get_model("targets", name) for name in ("Plan", "Phase", "Indicator", "Target"))
    )


class Migration(migrations.Migration):
    dependencies = [("targets", "0001_plan_phases_indicators_and_targets")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
