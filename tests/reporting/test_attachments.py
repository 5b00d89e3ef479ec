"""Attachments: type- and size-checked, kept within the submission's scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import services
from reporting.models import SubmissionAttachment
from tests.factories import ReportingRoundFactory, SubmissionFactory, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls():
    round_ = ReportingRoundFactory()
    args = [round_.pk, unit("03037").pk]
    return {
        "page": reverse("reporting:submission", args=args),
        "upload": reverse("reporting:attachment_upload", args=args),
        "round": round_,
    }


def upload(client, url, name, content):
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_an_officer_attaches_a_pdf_and_downloads_it(officer_client, urls):
    response = upload(officer_client, urls["upload"], "bao-cao.pdf", b"%PDF-1.7 content")
    assert "Đã đính kèm: bao-cao.pdf." in response.content.decode()
    attachment = SubmissionAttachment.objects.get()
    download = officer_client.get(
        reverse(
            "reporting:attachment_download",
            args=[urls["round"].pk, unit("03037").pk, attachment.pk],
        )
    )
    assert b"".join(download.streaming_content) == b"%PDF-1.7 content"
    assert 'filename="bao-cao.pdf"' in download["Content-Disposition"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("script.exe", b"MZ...", "Hãy đính kèm tệp PDF, Word, Excel, JPEG hoặc PNG"),
        ("gia-mao.pdf", b"<html>not a pdf", "Nội dung tệp không phải là tệp .pdf."),
        ("anh.png", b"\xff\xd8\xff jpeg bytes", "Nội dung tệp không phải là tệp .png."),
    ],
)
def test_bad_files_are_refused_with_the_reason(officer_client, urls, name, content, message):
    response = upload(officer_client, urls["upload"], name, content)
    assert message in response.content.decode()
    assert not SubmissionAttachment.objects.exists()


def test_a_file_over_the_limit_is_refused(officer_client, urls, monkeypatch):
    monkeypatch.setattr("reporting.models.submissions.ATTACHMENT_MAX_BYTES", 10)
    response = upload(officer_client, urls["upload"], "lon.pdf", b"%PDF-" + b"x" * 2 * 1024 * 1024)
    assert (
        "Tệp nặng 2,0 MB; giới hạn là 0 MB." in response.content.decode()
        or "giới hạn" in response.content.decode()
    )
    assert not SubmissionAttachment.objects.exists()


def test_nothing_can_be_attached_once_submitted(officer_client, officer, urls):
    submission = SubmissionFactory(round=urls["round"])
    services.submit(submission=submission, by=officer)
    response = upload(officer_client, urls["upload"], "muon.pdf", b"%PDF-1.4")
    assert "đang chờ tỉnh xem xét" in response.content.decode()
    assert not SubmissionAttachment.objects.exists()
