"""Every write goes through one door (`org.writes`), whichever path it takes.

For every kind of record officers keep, and every path that changes it — the door itself,
the portal's form, the Django admin — the same four rules hold: a leader changes nothing, a
unit officer changes nothing of another unit's (nor moves a record there), a save from a page
opened before someone else's save is refused and theirs kept, and an accepted save is stored
with history naming its author and makes the kept figures new. The restore of a deleted
record, the import and the demo loader are tried for the same rules where they apply; the
dashboard then shows each path's change on the next view.
"""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from config import caching
from cooperatives.models import Cooperative, ManagementRole, OcopProduct, Person, YearlyFigures
from followup.models import Difficulty, Support
from org import writes
from org.models import User
from restore.services import KINDS, restore
from targets.apps import ENGINE_INPUTS
from targets.cache import VERSION_KEY
from tests.factories import PersonFactory, UserFactory, supported
from tests.figures import dashboard_figure
from tests.records import records
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

pytestmark = pytest.mark.django_db

PROJECT_APPS = [
    "org",
    "cooperatives",
    "training",
    "targets",
    "followup",
    "reporting",
    "imports",
    "showcase",
]

# A change to try on each kind of record of `records()`: the field, a new value, and another
# (what someone else saves meanwhile).
CHANGES = {
    "coop": ("name", "Hợp tác xã Đổi Tên", "Hợp tác xã Của Người Kia"),
    "person": ("full_name", "Người Đổi Tên", "Người Của Người Kia"),
    "figures": ("members_total", 99, 98),
    "product": ("name", "Sản phẩm Đổi Tên", "Sản phẩm Của Người Kia"),
    "role": ("end_date", datetime.date(2025, 12, 31), datetime.date(2025, 6, 30)),
    "event": ("title", "Tập huấn Đổi Tên", "Tập huấn Của Người Kia"),
    "officer": ("full_name", "Cán bộ Đổi Tên", "Cán bộ Của Người Kia"),
    "participant": ("certificate_kind", "Giấy Đổi Tên", "Giấy Của Người Kia"),
    "head_count": ("total", 77, 66),
    "support": ("occasion", "Hội chợ Đổi Tên", "Hội chợ Của Người Kia"),
    "difficulty": ("description", "Khó khăn Đổi Tên", "Khó khăn Của Người Kia"),
}
# Kinds officers keep in the portal only: the admin has no page for them.
PORTAL_ONLY = {"support", "difficulty"}
# Where the portal edits each kind (head-counts: all of an event's at once, tried by the door
# and the admin).
EDIT_URLS = {
    "coop": lambda r: reverse("cooperatives:edit", args=[r.pk]),
    "person": lambda r: reverse("cooperatives:person_edit", args=[r.pk]),
    "figures": lambda r: reverse(
        "cooperatives:part_edit", args=[r.cooperative_id, "figures", r.pk]
    ),
    "product": lambda r: reverse(
        "cooperatives:part_edit", args=[r.cooperative_id, "products", r.pk]
    ),
    "role": lambda r: reverse("cooperatives:part_edit", args=[r.cooperative_id, "roles", r.pk]),
    "event": lambda r: reverse("training:event_edit", args=[r.pk]),
    "officer": lambda r: reverse("training:officer_edit", args=[r.pk]),
    "participant": lambda r: reverse("training:participant_edit", args=[r.event_id, r.pk]),
    "support": lambda r: reverse("followup:support_edit", args=[r.pk]),
    "difficulty": lambda r: reverse("followup:difficulty_edit", args=[r.pk]),
}
# The record that owns a part, as `records()` names it: moving a part means changing it.
OWNERS = {"cooperative": "coop", "event": "event"}


@pytest.fixture
def recs(ta_van):
    found = records(ta_van)
    found["head_count"] = found["event"].head_counts.get()
    found["participant"].certificate_issued = True  # so that it may name its certificate
    found["participant"].save()
    return found


@pytest.fixture
def elsewhere(bat_xat):
    return records(bat_xat)


@pytest.fixture
def editor(officer):
    """Tả Van's unit officer, let into the admin with every permission."""
    officer.is_staff = True
    officer.save()
    grant_everything(officer)
    return officer


def admin_user(role, unit=None):
    """A user of `role` whom the admin lets in with every permission: only the door's rules
    stand between them and a write."""
    return grant_everything(UserFactory(role=role, unit=unit, is_staff=True))


def grant_everything(user):
    """Give `user` every permission the admin's groups could give."""
    user.user_permissions.set(Permission.objects.all())
    return user


def stored(record, field):
    return getattr(type(record)._default_manager.get(pk=record.pk), field)


# --- The paths. Each opens a record as `user` (None when the user cannot even open it) and
# sends a change from what it opened (False when the write was refused).


class Door:
    name = "door"

    def open(self, client, user, record):
        fresh = type(record)._default_manager.get(pk=record.pk)
        return user, fresh, getattr(fresh, "updated_at", None)

    def send(self, client, opened, changes):
        user, record, version = opened
        for field, value in changes.items():
            setattr(record, field, value)
        try:
            writes.save(record=record, by=user, seen=version)
        except (writes.Refused, ValidationError):
            return False
        return True


def as_posted(*forms):
    """What a browser posts for `forms` (and formsets' management forms) as they were opened."""
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, (list, tuple)):
                value = [str(getattr(v, "pk", v)) for v in value]
            data[field.html_name] = "on" if value is True else value
    return data


def fill(data, form, changes):
    """Put `changes` into the posted `data`; a field the form does not show is forged in."""
    for field, value in changes.items():
        name = form[field].html_name if field in form.fields else field
        data[name] = getattr(value, "pk", value)


class Page:
    """The portal's own form."""

    name = "form"

    def open(self, client, user, record):
        client.force_login(user)
        url = EDIT_URLS[KIND[type(record)]](record)
        response = client.get(url)
        if response.status_code != 200:
            return None
        return url, as_posted(response.context["form"]), response.context["form"]

    def send(self, client, opened, changes):
        url, data, form = opened
        fill(data, form, changes)
        return client.post(url, data).status_code == 302


class Admin:
    """The Django admin's change form, with its inlines."""

    name = "admin"

    def open(self, client, user, record):
        client.force_login(user)
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        response = client.get(url)
        if response.status_code != 200:
            return None  # another unit's record: "does not exist" (a redirect), or refused
        form = response.context["adminform"].form
        formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
        parts = [f for formset in formsets for f in (formset.management_form, *formset.forms)]
        return url, {**as_posted(form, *parts), "_save": "Lưu"}, form

    def send(self, client, opened, changes):
        url, data, form = opened
        fill(data, form, changes)
        response = client.post(url, data)
        return response.status_code == 302 and response.url != reverse("admin:index")


PATHS = [Door(), Page(), Admin()]
KIND = {
    Cooperative: "coop",
    Person: "person",
    YearlyFigures: "figures",
    OcopProduct: "product",
    ManagementRole: "role",
    TrainingEvent: "event",
    UnionOfficer: "officer",
    Participant: "participant",
    HeadCount: "head_count",
    Support: "support",
    Difficulty: "difficulty",
}
CASES = [
    pytest.param(path, kind, id=f"{path.name}-{kind}")
    for path in PATHS
    for kind in CHANGES
    if not (path.name == "form" and kind not in EDIT_URLS)
    and not (path.name == "admin" and kind in PORTAL_ONLY)
]


def test_every_model_says_who_may_write_it_and_where_its_unit_is():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or hasattr(model, "instance_type"):
            continue  # another app's, or a history table (written by django-simple-history)
        assert "write_rule" in vars(model), model
        rule = model.write_rule
        if rule.unit is not None:
            model._default_manager.values(rule.unit).exists()  # the lookup names a real field


@pytest.mark.parametrize(("path", "kind"), CASES)
def test_a_leader_changes_nothing(client, recs, path, kind):
    record = recs[kind]
    field, value, _other = CHANGES[kind]
    before = stored(record, field)
    leader = admin_user(User.Role.LEADER)
    opened = path.open(client, leader, record)
    assert opened is None or not path.send(client, opened, {field: value})
    assert stored(record, field) == before


@pytest.mark.parametrize(("path", "kind"), CASES)
def test_an_officer_changes_nothing_of_another_unit(client, recs, bat_xat, path, kind):
    record = recs[kind]
    field, value, _other = CHANGES[kind]
    before = stored(record, field)
    stranger = admin_user(User.Role.UNIT_OFFICER, bat_xat)
    opened = path.open(client, stranger, record)
    assert opened is None or not path.send(client, opened, {field: value})
    assert stored(record, field) == before


@pytest.mark.parametrize(("path", "kind"), CASES)
def test_an_officer_moves_nothing_into_another_unit(client, recs, elsewhere, editor, path, kind):
    record = recs[kind]
    lookup = writes.rule_of(type(record)).unit.split("__")[0]
    field = "unit" if lookup == "unit_id" else lookup
    target = elsewhere[OWNERS[field]] if field in OWNERS else elsewhere["coop"].unit
    before = stored(record, f"{field}_id")
    opened = path.open(client, editor, record)
    assert opened is not None  # their own record
    if path.name == "form" and field not in opened[2].fields:
        assert field not in opened[1]  # the form cannot even say it
    else:
        assert not path.send(client, opened, {field: target})
    assert stored(record, f"{field}_id") == before


@pytest.mark.parametrize(
    ("path", "kind"),
    [case for case in CASES if case.values[1] != "head_count"],  # head-counts keep no version
)
def test_a_save_from_a_stale_page_is_refused_and_the_other_kept(client, recs, editor, path, kind):
    record = recs[kind]
    field, value, theirs = CHANGES[kind]
    opened = path.open(client, editor, record)
    assert opened is not None

    other = type(record)._default_manager.get(pk=record.pk)  # someone else saves meanwhile
    setattr(other, field, theirs)
    writes.save(record=other, by=UserFactory())

    assert not path.send(client, opened, {field: value})
    assert stored(record, field) == theirs


@pytest.mark.parametrize(("path", "kind"), CASES)
def test_an_accepted_save_names_its_author_and_renews_the_figures(
    client, recs, editor, monkeypatch, path, kind
):
    record = recs[kind]
    field, value, _other = CHANGES[kind]
    through_the_door = []
    door = writes.save

    def watched(*, record, by, **options):
        through_the_door.append((type(record), record.pk, by))
        return door(record=record, by=by, **options)

    monkeypatch.setattr(writes, "save", watched)
    opened = path.open(client, editor, record)
    version = caching.marker(VERSION_KEY)

    assert path.send(client, opened, {field: value})
    assert stored(record, field) == value
    assert (type(record), record.pk, editor) in through_the_door
    assert type(record).history.filter(id=record.pk).first().history_user == editor
    if type(record)._meta.label in ENGINE_INPUTS:
        assert caching.marker(VERSION_KEY) != version  # the kept figures are not read again


# --- Restore of a deleted record, the import and the demo loader.


def delete_as(user, record):
    """Delete `record` through the door; return the history record of its delete."""
    pk = record.pk
    writes.delete(record=record, by=user)
    return type(record).history.get(id=pk, history_type="-")


@pytest.mark.parametrize("kind", CHANGES)
def test_only_province_staff_restore_and_the_restore_names_them(recs, officer, leader, kind):
    record, model = recs[kind], type(recs[kind])
    assert model in KINDS.values()  # a kind the deleted records' page lists
    staff = UserFactory(role=User.Role.PROVINCE_STAFF)
    if kind == "person":
        delete_as(officer, recs["participant"])  # a training record keeps a person
    deleted = delete_as(officer, record)
    for who in (leader, officer):
        with pytest.raises(writes.Refused):
            restore(record=deleted, by=who)
    assert not model._default_manager.filter(pk=deleted.id).exists()
    version = caching.marker(VERSION_KEY)

    restore(record=deleted, by=staff)
    assert model._default_manager.filter(pk=deleted.id).exists()
    assert model.history.filter(id=deleted.id).first().history_user == staff
    if model._meta.label in ENGINE_INPUTS:
        assert caching.marker(VERSION_KEY) != version


def test_the_import_writes_through_the_door(officer, monkeypatch):
    from imports.runner import run_import
    from tests.spreadsheets import COOPERATIVE_HEADERS, xlsx

    written = []
    door = writes.save_many

    def watched(*, model, records, by, fields=None):
        written.append((model, len(records), by))
        return door(model=model, records=records, by=by, fields=fields)

    monkeypatch.setattr(writes, "save_many", watched)
    sheet = [COOPERATIVE_HEADERS, ["HTX", "HTX Nhập Qua Cửa", "", "Xã Tả Van"]]
    assert run_import(xlsx({"HTX và THT": sheet}), officer, commit=True).saved
    assert [write for write in written if write[1]] == [(Cooperative, 1, officer)]
    cooperative = Cooperative.objects.get(name="HTX Nhập Qua Cửa")
    assert cooperative.history.get().history_user == officer


def test_the_door_refuses_a_bulk_write_outside_the_area(officer, bat_xat):
    foreign = Cooperative(kind="htx", name="HTX Nơi Khác", unit=bat_xat)
    with pytest.raises(writes.Refused):
        writes.save_many(model=Cooperative, records=[foreign], by=officer)
    assert not Cooperative.objects.filter(name="HTX Nơi Khác").exists()


# --- The dashboard after each path: the next view shows the change.


def _supported(client):
    return dashboard_figure(client, "HTX_SUPPORTED")


def _unsupport_by_form(client, user, cooperative):
    opened = Page().open(client, user, cooperative)
    assert Page().send(client, opened, {"union_supported": False})


def _unsupport_by_admin(client, user, cooperative):
    opened = Admin().open(client, user, cooperative)
    assert Admin().send(client, opened, {"union_supported": False})


def _unsupport_by_delete(client, user, cooperative):
    delete_as(user, cooperative)


@pytest.mark.parametrize(
    "change",
    [_unsupport_by_form, _unsupport_by_admin, _unsupport_by_delete],
    ids=["form", "admin", "delete"],
)
def test_the_dashboard_shows_the_change_on_the_next_view(client, ta_van, change):
    staff = admin_user(User.Role.PROVINCE_STAFF)
    client.force_login(staff)
    cooperative = supported(unit_=ta_van)
    assert _supported(client) == 1  # computed, and kept until the data changes
    change(client, staff, cooperative)
    assert _supported(client) == 0


def test_the_dashboard_shows_a_restored_cooperative_on_the_next_view(client, ta_van):
    staff = UserFactory(role=User.Role.PROVINCE_STAFF)
    client.force_login(staff)
    cooperative = supported(unit_=ta_van)
    deleted = delete_as(staff, cooperative)
    assert _supported(client) == 0
    restore(record=deleted, by=staff)
    assert _supported(client) == 1


def test_the_dashboard_shows_the_demo_loaders_records_on_the_next_view(client):
    staff = UserFactory(role=User.Role.PROVINCE_STAFF)
    client.force_login(staff)
    assert _supported(client) == 0
    call_command("load_demo", stdout=io.StringIO())
    assert _supported(client) > 0
    demo = Cooperative.objects.filter(union_supported=True).first()
    assert demo.history.first().history_user.username == "tinh"  # written through the door


# Who may add, change and delete each kind of record in the admin, whatever permissions the
# admin's groups give: DESIGN.md's roles.
EDITORS = {User.Role.PROVINCE_STAFF, User.Role.UNIT_OFFICER, User.Role.ADMIN}
PROVINCE = {User.Role.PROVINCE_STAFF, User.Role.ADMIN}
IT = {User.Role.ADMIN}
ADMIN_WRITERS = {
    "cooperatives.cooperative": EDITORS,
    "cooperatives.person": EDITORS,
    "cooperatives.yearlyfigures": EDITORS,
    "cooperatives.managementrole": EDITORS,
    "cooperatives.ocopproduct": EDITORS,
    "training.trainingevent": EDITORS,
    "training.unionofficer": EDITORS,
    "training.participant": EDITORS,
    "training.headcount": EDITORS,
    "targets.plan": PROVINCE,
    "targets.phase": PROVINCE,
    "targets.target": PROVINCE,
    "reporting.assignedtask": PROVINCE,
    "reporting.reportinground": PROVINCE,
    "org.unit": IT,
    "org.user": IT,
    "auth.group": IT,
    "axes.accessattempt": IT,
    "axes.accessfailurelog": IT,
    "axes.accesslog": IT,
    "cooperatives.ethnicity": IT,
    "cooperatives.sector": IT,
    # The catalogue follows the engine: its names and order change, no indicator is added.
    "targets.indicator": PROVINCE,
    # Through their own pages only: the workflow, the import.
    "reporting.submission": set(),
    "imports.importbatch": set(),
    # Append-only: read by administrators, written by nobody.
    "org.accessrecord": set(),
}
# Logs (the import's, the lock-out's) and what the engine defines are never added by hand.
ADDED_NOWHERE_IN_THE_ADMIN = {
    "targets.indicator",
    "reporting.submission",
    "imports.importbatch",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "org.accessrecord",
}


def test_the_admin_lets_each_role_write_only_what_it_keeps(rf, ta_van):
    from django.contrib import admin

    assert set(ADMIN_WRITERS) == {model._meta.label_lower for model in admin.site._registry}
    for role in User.Role.values:
        request = rf.get("/admin/")
        unit = ta_van if role == User.Role.UNIT_OFFICER else None
        request.user = grant_everything(UserFactory(role=role, is_staff=True, unit=unit))
        request.user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="auth")
        )
        for model, model_admin in admin.site._registry.items():
            label = model._meta.label_lower
            writes_it = role in ADMIN_WRITERS[label]
            adds = writes_it and label not in ADDED_NOWHERE_IN_THE_ADMIN
            assert model_admin.has_add_permission(request) is adds, (role, model)
            # The lock-out's logs are only deleted (unlocking an account), never changed.
            changes = model_admin.has_change_permission(request)
            assert (changes or model_admin.has_delete_permission(request)) is writes_it, (
                role,
                model,
            )


# --- What the review of the door found: inline rows, the admin's add page, the import.


def test_an_inline_row_saved_from_a_stale_admin_page_is_refused(client, recs, editor):
    figures = recs["figures"]
    opened = Admin().open(client, editor, recs["coop"])
    other = type(figures).objects.get(pk=figures.pk)  # someone saves the row meanwhile
    other.members_total = 55
    writes.save(record=other, by=UserFactory())

    url, data, _form = opened
    row = next(name for name, value in data.items() if value == figures.pk and "-id" in name)
    data[row.replace("-id", "-members_total")] = 77
    response = client.post(url, data)
    assert response.status_code == 200  # the page again, with the reason
    assert "hãy tải lại trang" in response.content.decode()
    assert stored(figures, "members_total") == 55


def test_a_rule_broken_by_an_inline_row_of_a_new_record_is_a_message(client, ta_van):
    staff = admin_user(User.Role.PROVINCE_STAFF)
    client.force_login(staff)
    person = PersonFactory(unit=ta_van)
    url = reverse("admin:cooperatives_cooperative_add")
    response = client.get(url)
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    data = as_posted(*[f.management_form for f in formsets])
    data.update(
        {"kind": "tht", "name": "Tổ hợp tác Thử Vai", "unit": ta_van.pk, "status": "active"}
    )
    roles = next(f for f in formsets if f.model is ManagementRole)
    prefix = roles.prefix
    data[f"{prefix}-TOTAL_FORMS"] = 1
    # A director: a role of an HTX, not of a group (THT): known only once the group exists.
    data.update(
        {f"{prefix}-0-person": person.pk, f"{prefix}-0-role": "director",
         f"{prefix}-0-start_date": "01/01/2024"}
    )  # fmt: skip
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert not Cooperative.objects.filter(name="Tổ hợp tác Thử Vai").exists()
    assert person.roles.count() == 0
    assert "Tổ hợp tác" in response.content.decode()  # the reason, on the page it came back to


def test_an_import_does_not_undo_a_save_made_while_it_ran(officer, monkeypatch):
    from imports.reading import BadFile
    from imports.runner import run_import
    from tests.spreadsheets import COOPERATIVE_HEADERS, xlsx

    cooperative = Cooperative.objects.create(
        kind="htx", name="HTX Trước Khi Nhập", registration_code="5300999999", unit=officer.unit
    )
    door = writes.save_many

    def someone_saves_first(*, model, records, by, fields=None):
        if fields is not None:  # the rows were read; another officer's save commits now
            other = Cooperative.objects.get(pk=cooperative.pk)
            other.address = "Địa chỉ của người kia"
            writes.save(record=other, by=UserFactory())
        return door(model=model, records=records, by=by, fields=fields)

    monkeypatch.setattr(writes, "save_many", someone_saves_first)
    sheet = [COOPERATIVE_HEADERS, ["HTX", "HTX Sau Khi Nhập", "5300999999", "Xã Tả Van"]]
    with pytest.raises(BadFile, match="hãy tải lại trang"):
        run_import(xlsx({"HTX và THT": sheet}), officer, commit=True)
    # Nothing of the import is kept. (The other save, made here inside the import's own
    # transaction to put it between the read and the write, is rolled back with it; made by
    # another officer, it was committed before and stays.)
    cooperative.refresh_from_db()
    assert cooperative.name == "HTX Trước Khi Nhập"
