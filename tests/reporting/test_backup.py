"""Backup and restore: every record, its history and its files come back; a wrong file is
refused and changes nothing."""

import gzip
import shutil
import tarfile

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from cooperatives.models import Cooperative, Sector
from org.models import User
from reporting import services
from reporting.backup import backed_up_models
from targets.models import Target
from tests.factories import PASSWORD, CooperativeFactory, ReportingRoundFactory, UserFactory, unit
from tests.records import records
from tests.reference import load_reference_data


def everything():
    """Return every row of every backed-up model, field by field (a many-to-many link is
    its pair: a restore writes the pairs anew, under new ids; a permission is its name, as
    `migrate` makes them anew)."""
    rows = {}
    for model in backed_up_models():
        table = model._base_manager.all()
        if model._meta.auto_created:
            pair = []
            for field in model._meta.concrete_fields:
                if field.related_model is Permission:
                    pair += [f"{field.name}__content_type__app_label", f"{field.name}__codename"]
                elif field.is_relation:
                    pair.append(field.attname)
            rows[model._meta.label] = sorted(table.values_list(*pair))
        else:
            rows[model._meta.label] = list(table.order_by("pk").values())
    return rows


def build_portal(ta_van, bat_xat):
    """A portal in use: records of two units (a cooperative with sectors), a submitted
    report, a revised target."""
    staff = UserFactory(username="tinh", role=User.Role.PROVINCE_STAFF)
    editors = Group.objects.create(name="Biên tập")
    editors.permissions.set(Permission.objects.filter(codename__endswith="_cooperative"))
    staff.groups.add(editors)
    own, other = records(ta_van), records(bat_xat)
    # Sectors are many-to-many links, kept in the cooperative's history too.
    own["coop"].sectors.set(Sector.objects.order_by("position")[:2])
    services.submit(submission=own["submission"], by=staff)
    target = Target.objects.first()
    target._history_user = staff
    target.value += 1
    target.save(update_fields=["value"])
    return own, other


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_new_database_brings_everything_back(tmp_path, client):
    load_reference_data()  # a transactional test may find the database flushed by the one before
    own, _other = build_portal(unit("03037"), unit("02683"))
    before = everything()
    assert before["targets.HistoricalTarget"] and before["reporting.SubmissionAttachment"]
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive))

    # A new machine: empty database, migrated (reference lists), no uploaded files.
    call_command("flush", interactive=False)
    shutil.rmtree(settings.MEDIA_ROOT)
    load_reference_data()
    assert not Cooperative.objects.exists()
    call_command("restore", str(archive))

    after = everything()
    for label, rows in before.items():
        assert after[label] == rows, label
    assert sum(len(rows) for rows in before.values()) > 300  # reference lists included
    own["attachment"].refresh_from_db()
    with own["attachment"].file.open("rb") as restored:
        assert restored.read() == b"%PDF-1.4 test"
    # The same accounts with the same passwords, groups and permissions.
    response = client.post("/login/", {"username": "tinh", "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(username="tinh").has_perm("cooperatives.change_cooperative")
    # Work goes on: new rows get new ids (PostgreSQL's sequences follow the restored ones).
    ReportingRoundFactory(year=2027)
    assert CooperativeFactory().pk > own["coop"].pk


def test_every_model_is_in_the_backup_but_what_migrate_makes():
    labels = {model._meta.label for model in backed_up_models()}
    left_out = {m._meta.label for m in django_apps.get_models()} - labels
    assert left_out == {
        "contenttypes.ContentType",
        "auth.Permission",
        "sessions.Session",
        "axes.AccessAttempt",
        "axes.AccessLog",
        "axes.AccessFailureLog",
        "axes.AccessAttemptExpiration",
    }
    assert "targets.HistoricalTarget" in labels


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_data_unless_forced(tmp_path, ta_van):
    records(ta_van)
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive))
    CooperativeFactory(name="Hợp tác xã nhập sau khi sao lưu")
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("restore", str(archive))
    assert Cooperative.objects.filter(name="Hợp tác xã nhập sau khi sao lưu").exists()

    call_command("restore", str(archive), force=True)
    assert not Cooperative.objects.filter(name="Hợp tác xã nhập sau khi sao lưu").exists()
    assert Cooperative.objects.count() == 1


def not_a_backup(tmp_path):
    """Yield files that are not a backup of the portal, each with a name."""
    text = tmp_path / "ghi-chu.tar.gz"
    text.write_text("không phải bản sao lưu")
    yield "plain text", text
    json_gz = tmp_path / "du-lieu.json.gz"
    json_gz.write_bytes(gzip.compress(b"[]"))
    yield "a gzip'd dumpdata", json_gz
    other = tmp_path / "khac.tar.gz"
    (tmp_path / "manifest.json").write_text('{"format": "something-else"}')
    (tmp_path / "data.json").write_text("[]")
    with tarfile.open(other, "w:gz") as archive:
        archive.add(tmp_path / "manifest.json", arcname="manifest.json")
        archive.add(tmp_path / "data.json", arcname="data.json")
    yield "another program's archive", other


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path, ta_van):
    records(ta_van)
    before = everything()
    for what, path in not_a_backup(tmp_path):
        with pytest.raises(CommandError, match="không phải là bản sao lưu") as refused:
            call_command("restore", str(path), force=True)
        assert "Không có gì bị thay đổi" in str(refused.value), what
    assert everything() == before


@pytest.mark.django_db
def test_restore_refuses_an_archive_that_writes_outside_its_folders(tmp_path, ta_van):
    records(ta_van)
    good = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(good))
    evil = tmp_path / "doc-hai.tar.gz"
    (tmp_path / "x").write_text("ghi đè")
    with tarfile.open(good, "r:gz") as source, tarfile.open(evil, "w:gz") as target:
        for member in source.getmembers():
            target.addfile(member, source.extractfile(member))
        target.add(tmp_path / "x", arcname="media/../../config/settings.py")
    with pytest.raises(CommandError, match="không phải là bản sao lưu"):
        call_command("restore", str(evil), force=True)
