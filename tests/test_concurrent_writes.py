"""Officers save at the same time, on the README's own database (SQLite): simultaneous log-ins
and saves wait their turn, and none fails with a server error.

The portal runs as deployed (gunicorn, 4 workers, DEBUG off: benchmarks/served.py) on a new
SQLite file, and a thread per officer sends its request at the same moment as the others (a
barrier). benchmarks/concurrency.py does the same at 2 to 50 officers, on PostgreSQL too.
"""

import sqlite3

import pytest

from benchmarks.served import TOKEN, VERSION, Officer, at_once, production_env, served, set_up


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """Yield (base URL, database file) of the portal served by gunicorn on a new SQLite file,
    with ten province staff accounts (canbo0…canbo9)."""
    folder = tmp_path_factory.mktemp("concurrent")
    database = folder / "portal.sqlite3"
    env = production_env(f"sqlite:///{database}")
    set_up(env, officers=10)
    with served(env, folder / "gunicorn.log") as base:
        yield base, database


def rows(database, sql):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_simultaneous_log_ins_and_saves_wait_instead_of_failing(portal):
    base, database = portal
    officers = [Officer(base) for _ in range(10)]

    answers = at_once([lambda o=o, n=n: o.log_in(f"canbo{n}") for n, o in enumerate(officers)])
    # Every one signed in, none refused by a locked database.
    assert [answer.status for answer in answers] == [302] * 10

    (ta_van,) = rows(database, "SELECT id FROM org_unit WHERE code_set='2025' AND code='03037'")

    def new_cooperative(officer, n):
        def prepare():
            token = TOKEN.search(officer.get("/registry/new/")).group(1)
            data = {
                "csrfmiddlewaretoken": token,
                "kind": "htx",
                "name": f"Hợp tác xã Đồng Thời {n}",
                "unit": ta_van[0],
                "status": "active",
            }
            return lambda: officer.post("/registry/new/", data)

        return prepare

    answers = at_once([new_cooperative(o, n) for n, o in enumerate(officers)])
    # Each saved ("Đã lưu"), then sent to the new record.
    assert [answer.status for answer in answers] == [302] * 10
    saved = rows(database, "SELECT name FROM cooperatives_cooperative ORDER BY name")
    assert [name for (name,) in saved] == sorted(f"Hợp tác xã Đồng Thời {n}" for n in range(10))

    (coop_id,) = rows(database, "SELECT MIN(id) FROM cooperatives_cooperative")[0]
    edit = f"/registry/{coop_id}/edit/"

    def rename(officer, name):
        def prepare():
            page = officer.get(edit)
            data = {
                "csrfmiddlewaretoken": TOKEN.search(page).group(1),
                "version": VERSION.search(page).group(1),
                "kind": "htx",
                "name": name,
                "unit": ta_van[0],
                "status": "active",
            }
            return lambda: officer.post(edit, data)

        return prepare

    # Two officers opened the same record and save it at once: one is kept, the other is told
    # that it changed meanwhile; the page answers both.
    answers = at_once([rename(officers[0], "Tên thứ nhất"), rename(officers[1], "Tên thứ hai")])
    assert sorted(answer.status for answer in answers) == [200, 302]
    ((kept,),) = rows(database, f"SELECT name FROM cooperatives_cooperative WHERE id={coop_id}")
    refused = next(answer.body for answer in answers if answer.status == 200)
    assert kept in ("Tên thứ nhất", "Tên thứ hai")
    assert "hãy tải lại trang" in refused  # "… was just changed by …; reload the page"
