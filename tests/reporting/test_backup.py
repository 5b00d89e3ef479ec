"""Backup and restore: what the archive covers; a wrong file is refused and changes nothing.
(The round trip of every row and file: test_backup_round_trip.py.)"""

import gzip
import tarfile

import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command

from cooperatives.models import Cooperative
from reporting.backup import backed_up_models
from tests.backups import MADE_BY_MIGRATE, NOT_RESTORED, everything
from tests.factories import CooperativeFactory
from tests.records import records


def test_every_model_is_in_the_backup_but_what_migrate_makes():
    labels = {model._meta.label for model in backed_up_models()}
    left_out = {m._meta.label for m in django_apps.get_models()} - labels
    made_by_migrate = {model._meta.label for model in MADE_BY_MIGRATE}
    assert left_out == made_by_migrate | set(NOT_RESTORED)
    assert made_by_migrate == {"contenttypes.ContentType", "auth.Permission"}
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
