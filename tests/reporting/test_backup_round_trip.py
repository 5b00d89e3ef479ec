"""Backup and restore, proven on everything: a portal with rows in every table and a file
behind every file field is backed up, the database is wiped to what `migrate` leaves, the
backup is restored, and every row of every model and every file's bytes are compared; and the
pages that keep figures show the restored ones on the next view."""

import datetime
import zoneinfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from config import caching
from cooperatives.models import Cooperative, Sector
from followup.models import SupportKind
from org import access_log, writes
from org.models import UNITS_VERSION, AccessRecord, Unit, User
from reporting import services
from reporting.backup import read_manifest
from reporting.document import report_for
from reporting.models import ReportingRound, Submission
from targets.cache import VERSION_KEY
from targets.models import Target
from tests.backups import everything, media_files, new_machine
from tests.factories import (
    PASSWORD,
    CooperativeFactory,
    ParticipantFactory,
    ReportingRoundFactory,
    SubmissionFactory,
    UserFactory,
    annual_round,
    supported,
    unit,
)
from tests.records import records
from tests.reference import load_reference_data

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def fill_every_model():
    """Put rows in every table: users of every role in a group with permissions, the registry
    (sectors, OCOP products, people, roles, yearly figures) and training of two units, an
    import batch each, reports in every state with attachments, a closed round, the
    provincial report, a revised target and the admin's log; the history of each."""
    ta_van, bat_xat = unit("03037"), unit("02683")
    users = {
        role: UserFactory(
            username=f"vai-tro-{role}",
            role=role,
            unit=ta_van if role == User.Role.UNIT_OFFICER else None,
        )
        for role in User.Role
    }
    staff, officer = users[User.Role.PROVINCE_STAFF], users[User.Role.UNIT_OFFICER]
    editors = Group.objects.create(name="Biên tập sổ đăng ký")
    editors.permissions.set(Permission.objects.filter(codename__endswith="_cooperative"))
    for user in users.values():
        user.groups.add(editors)
    users[User.Role.LEADER].user_permissions.add(Permission.objects.get(codename="view_target"))

    # Registry, training and an import batch in two units; a 2026 draft report each.
    own, other = records(ta_van), records(bat_xat)
    own["coop"].sectors.set(Sector.objects.order_by("position")[:2])
    ParticipantFactory(event=own["event"], officer=own["officer"], certificate_issued=True)

    # The 2026 round: Tả Van's draft with a second file, named in Vietnamese, Bát Xát's
    # returned, a provincial body's submitted, another commune's accepted.
    services.save_draft(submission=own["submission"], by=officer)
    upload = SimpleUploadedFile("Báo cáo tháng 11.pdf", b"%PDF-1.4 b\xc3\xa1o c\xc3\xa1o")
    services.attach(submission=own["submission"], by=officer, upload=upload)
    services.submit(submission=other["submission"], by=staff)
    services.return_submission(submission=other["submission"], by=staff, reason="Thiếu số vay")
    round_ = annual_round(2026)
    agency = SubmissionFactory(round=round_, unit=unit("SCT", "agency"), media_reports=4)
    services.submit(submission=agency, by=staff)
    commune = round_.expected_units.filter(kind=Unit.Kind.COMMUNE).exclude(
        pk__in=[ta_van.pk, bat_xat.pk]
    )[0]
    accepted = SubmissionFactory(round=round_, unit=commune, funding_credit=12_500_000)
    services.submit(submission=accepted, by=staff, now=datetime.datetime(2026, 11, 3, tzinfo=HCM))
    services.accept(submission=accepted, by=staff)
    report = report_for(round_)
    report.number, report.issued_on = 17, datetime.date(2026, 12, 1)
    report.results = "Đạt 18/20 hợp tác xã do phụ nữ quản lý."
    report.save()

    # The 2025 round, closed with its report accepted.
    closed = ReportingRoundFactory(year=2025)
    last_year = SubmissionFactory(round=closed, unit=closed.expected_units.first(), awards=2)
    services.submit(submission=last_year, by=staff)
    services.accept(submission=last_year, by=staff)
    closed.closed_at = timezone.now()
    closed.save(update_fields=["closed_at"])

    # A person's page seen: the access log of personal data is kept like every record.
    access_log.record(
        user=staff,
        action=AccessRecord.Action.VIEW,
        what=own["person"].get_absolute_url(),
        people=1,
        subject=access_log.subject_of(own["person"]),
        address="203.113.0.7",
    )

    # A kind of support added to the catalogue by province staff.
    writes.save(record=SupportKind(name="Hỗ trợ bao bì sản phẩm"), by=staff)

    target = Target.objects.first()
    target._history_user = staff
    target.value += 1
    target.save(update_fields=["value"])
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=Cooperative.objects.filter(pk=own["coop"].pk),
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Tên"]}}],
    )


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_a_fresh_database_brings_back_every_row_and_every_file(tmp_path, client):
    load_reference_data()  # a transactional test may find the database flushed by the one before
    fill_every_model()
    before, files = everything(), media_files()
    empty = [label for label, rows in before.items() if not rows]
    assert not empty, f"no rows to prove the round trip with: fill {empty}"
    assert set(Submission.objects.values_list("state", flat=True)) == set(Submission.State)
    assert ReportingRound.objects.filter(closed_at__isnull=False).exists()
    # Two plans, two import files, one Vietnamese-named attachment, and two product photos in
    # two widths each.
    assert len(files) == 9
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive))
    assert read_manifest(archive)["missing_media"] == []

    new_machine()
    assert not Cooperative.objects.exists()
    call_command("restore", str(archive))

    after = everything()
    for label, rows in before.items():
        assert after[label] == rows, label
    assert media_files() == files
    # The same accounts with the same passwords, groups and permissions.
    response = client.post("/login/", {"username": "vai-tro-province", "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(username="vai-tro-leader").has_perm("cooperatives.change_cooperative")
    # Work goes on: new rows get new ids (PostgreSQL's sequences follow the restored ones).
    newest = Cooperative.objects.order_by("pk").last()
    ReportingRoundFactory(year=2027)
    assert CooperativeFactory().pk > newest.pk


def supported_htx(client):
    """Return the dashboard's count of Union-supported HTX at the end of 2026."""
    response = client.get(reverse("targets:dashboard"), {"as_of": "2026-12-31"})
    row = next(r for r in response.context["rows"] if r["indicator"].code == "HTX_SUPPORTED")
    return row["figure"].actual


def report_page(client, round_):
    return client.get(reverse("reporting:provincial_report", args=[round_.pk])).content.decode()


@pytest.mark.django_db
def test_after_a_restore_the_pages_show_the_restored_figures_not_those_kept_before(
    tmp_path, client, round_with_reports, province_staff, monkeypatch
):
    # B, backed up: 1 supported HTX; 2 of 109 reports accepted, 5 media reports.
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", output=str(archive))
    # A, then: a second HTX, the provincial body's report (100 media reports) accepted.
    supported()
    agency = round_with_reports.submissions.get(unit__code="SCT")
    services.accept(submission=agency, by=province_staff)
    client.force_login(province_staff)
    assert supported_htx(client) == 2  # A's figures, now kept for the next views
    assert "<dd>3/109" in report_page(client, round_with_reports)
    assert "<dt>Tin, bài truyền thông</dt><dd>105</dd>" in report_page(client, round_with_reports)

    renewed = []
    renew = caching.renew
    monkeypatch.setattr(caching, "renew", lambda key: (renewed.append(key), renew(key)))
    call_command("restore", str(archive), force=True)
    # The figures' data version and the units' are renewed once, not for each of the
    # hundreds of units and records loaded (that doubled a restore's time); the data version
    # again when a real transaction commits.
    assert renewed == [VERSION_KEY, UNITS_VERSION]
    client.force_login(province_staff)  # a restore logs everyone out
    assert supported_htx(client) == 1
    page = report_page(client, round_with_reports)
    assert "<dd>2/109" in page and "<dt>Tin, bài truyền thông</dt><dd>5</dd>" in page
