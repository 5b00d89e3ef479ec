"""The history of training records on their pages, and an edit refused when someone else saved
the record first. (A deleted event and its restore: tests/restore/.)"""

import pytest
from django.urls import reverse

from tests.factories import (
    EventFactory,
    HeadCountFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
)
from tests.history import history_section

pytestmark = pytest.mark.django_db


def test_the_event_page_shows_its_participants_and_head_counts_changes(officer_client, ta_van):
    event = EventFactory(unit=ta_van, title="Tập huấn thương mại điện tử")
    participant = ParticipantFactory(event=event, person=PersonFactory(full_name="Vàng Thị Dế"))
    url = reverse("training:participant_edit", args=[event.pk, participant.pk])
    data = {"certificate_issued": "on", "certificate_kind": "Chứng nhận hoàn thành"}
    assert officer_client.post(url, data).status_code == 302
    HeadCountFactory(event=event, total=30).delete()

    history = history_section(officer_client.get(event.get_absolute_url()))
    assert "Đã cấp chứng nhận: Không → Có" in history
    assert "Loại chứng nhận: — → Chứng nhận hoàn thành" in history
    assert "canbo_tavan" in history
    assert "Tập huấn thương mại điện tử: 30" in history and "<td>xóa</td>" in history


def test_the_second_of_two_edits_of_an_officer_is_refused(officer_client, ta_van):
    officer = OfficerFactory(unit=ta_van, full_name="Lý Thị Mai")
    url = reverse("training:officer_edit", args=[officer.pk])
    version = officer_client.get(url).context["form"]["version"].value()
    officer.position = "Chủ tịch"
    officer.save()
    data = {"full_name": "Lý Thị Mai", "level": "commune", "unit": ta_van.pk, "version": version}
    response = officer_client.post(url, data)
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("Cán bộ Hội này vừa được hệ thống sửa lúc")
    )
    officer.refresh_from_db()
    assert officer.position == "Chủ tịch"
