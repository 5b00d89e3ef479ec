"""An import changes the figures the dashboard keeps: the next view shows them."""

import io

import pytest
from django.urls import reverse

from imports.models import ImportBatch
from tests.figures import dashboard_figure
from tests.spreadsheets import COOPERATIVE_HEADERS, DIRECTOR_ROW, ROLE_HEADERS, xlsx

pytestmark = pytest.mark.django_db


def supported_cooperative_file():
    """A Union-supported cooperative of Tả Van with a woman director."""
    supported = "Do các cấp Hội Phụ nữ hỗ trợ thành lập, củng cố"
    headers = [*COOPERATIVE_HEADERS, "Ngày thành lập", supported]
    return xlsx(
        {
            "HTX và THT": [
                headers,
                ["HTX", "HTX Dệt Tả Van", "5300123456", "Xã Tả Van", "", "01/01/2024", "Có"],
            ],
            "Người quản lý": [ROLE_HEADERS, DIRECTOR_ROW],
        }
    )


def supported_count(client):
    return dashboard_figure(client, "HTX_SUPPORTED")


def test_the_dashboard_shows_an_imported_cooperative_at_once(staff_client):
    assert supported_count(staff_client) == 0  # computed, and kept until the data changes
    file = io.BytesIO(supported_cooperative_file())
    file.name = "danh-sach.xlsx"
    staff_client.post(reverse("imports:start"), {"file": file})
    batch = ImportBatch.objects.get()
    assert staff_client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 302
    assert supported_count(staff_client) == 1
