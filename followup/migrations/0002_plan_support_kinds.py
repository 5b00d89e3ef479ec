"""The plan's kinds of support (sections IV.2, IV.3, V.2, VI), the catalogue's first entries;
province staff extend it."""

from django.db import migrations

# (name, counts_as): what each counts as in the yearly submission.
PLAN_KINDS = [
    ("Tư vấn thành lập HTX/THT", ""),
    ("Tư vấn xây dựng điều lệ, tổ chức lại", ""),
    ("Tư vấn xây dựng phương án sản xuất, kinh doanh", ""),
    ("Hội chợ, triển lãm, kết nối cung cầu", "trade_promotion"),
    ("Mở gian hàng trên sàn thương mại điện tử", ""),
    ("Đăng ký nhãn hiệu, nhãn mác", ""),
    ("Truy xuất nguồn gốc", ""),
    ("Hỗ trợ hồ sơ OCOP", ""),
    ("Tham gia bảo hiểm xã hội cho thành viên", ""),
    ("Vay vốn ưu đãi", "loan"),
    ("Hỗ trợ máy móc, thiết bị", ""),
    ("Tham gia chương trình, dự án", ""),
    ("Chuyển đổi số", ""),
    ("Khác", ""),
]


def load(apps, schema_editor):
    SupportKind = apps.get_model("followup", "SupportKind")
    for position, (name, counts_as) in enumerate(PLAN_KINDS, start=1):
        SupportKind.objects.update_or_create(
            name=name, defaults={"counts_as": counts_as, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_supports_and_difficulties")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
