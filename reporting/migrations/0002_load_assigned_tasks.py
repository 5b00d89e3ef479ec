"""Loads the tasks that section VI of Plan 294 gives to each body, as they were on 06/12/2026.

Frozen with the migration: a later change to the tasks is a new migration. Uses the historical
model only; idempotent (a task is found by body and position).
"""

from django.db import migrations

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


def load(apps, schema_editor):
    load_tasks(apps.get_model("reporting", "AssignedTask"))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_rounds_submissions_and_reports")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
