"""Two people open the same record; the second to save is refused and the first one's change
is kept — on every form that changes a record, not only the registry's main ones."""

import datetime

import pytest
from django.urls import reverse

from reporting.models import ProvincialReport
from tests.records import records

pytestmark = pytest.mark.django_db

# What the other person changes meanwhile, per form: (records key, field, their value).
FORMS = {
    "a cooperative": ("coop", "name", "Tên của người kia"),
    "a person": ("person", "full_name", "Tên của người kia"),
    "yearly figures": ("figures", "members_total", 77),
    "an OCOP product": ("product", "name", "Sản phẩm của người kia"),
    "a management role": ("role", "start_date", datetime.date(2021, 5, 1)),
    "a training event": ("event", "title", "Tên của người kia"),
    "a Union officer": ("officer", "full_name", "Tên của người kia"),
    "a participant": ("participant", "certificate_kind", "Giấy của người kia"),
    "a submission's draft": ("submission", "media_reports", 77),
    "the Union's sections of the provincial report": ("report", "results", "Của người kia"),
}


def edit_url(recs, key):
    coop, event, submission = recs["coop"], recs["event"], recs["submission"]
    return {
        "coop": lambda: reverse("cooperatives:edit", args=[coop.pk]),
        "person": lambda: reverse("cooperatives:person_edit", args=[recs["person"].pk]),
        "figures": lambda: reverse(
            "cooperatives:part_edit", args=[coop.pk, "figures", recs["figures"].pk]
        ),
        "product": lambda: reverse(
            "cooperatives:part_edit", args=[coop.pk, "products", recs["product"].pk]
        ),
        "role": lambda: reverse("cooperatives:part_edit", args=[coop.pk, "roles", recs["role"].pk]),
        "event": lambda: reverse("training:event_edit", args=[event.pk]),
        "officer": lambda: reverse("training:officer_edit", args=[recs["officer"].pk]),
        "participant": lambda: reverse(
            "training:participant_edit", args=[event.pk, recs["participant"].pk]
        ),
        "submission": lambda: reverse(
            "reporting:submission", args=[submission.round_id, submission.unit_id]
        ),
        "report": lambda: reverse("reporting:report_edit", args=[submission.round_id]),
    }[key]()


def as_posted(form):
    """Return what the browser posts for `form` as it was opened."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    return data


@pytest.mark.parametrize("what", FORMS)
def test_the_second_save_is_refused_and_the_first_kept(staff_client, ta_van, what):
    key, field, theirs = FORMS[what]
    recs = records(ta_van)
    recs["report"] = ProvincialReport.objects.create(round=recs["submission"].round)
    url = edit_url(recs, key)
    opened = staff_client.get(url)
    assert opened.status_code == 200, what
    form = opened.context["form"]
    assert "version" in form.fields, what  # the form carries the version it was opened at

    # Meanwhile the other person saves their change.
    record = recs[key]
    record.refresh_from_db()
    setattr(record, field, theirs)
    record.save()
    kept = getattr(record, field)

    response = staff_client.post(url, as_posted(form))
    assert response.status_code == 200, what  # the form again, with the reason
    assert "hãy tải lại trang" in response.content.decode(), what
    record.refresh_from_db()
    assert getattr(record, field) == kept, what
