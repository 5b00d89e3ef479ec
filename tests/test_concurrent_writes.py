"""Officers save at the same time, on the README's own database (SQLite): simultaneous log-ins
and saves wait their turn, and none fails with a server error.

The portal runs as deployed (gunicorn, 4 workers, DEBUG off) on a new SQLite file, and a
thread per officer sends its request at the same moment as the others (a barrier).
"""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess  # nosec B404: starts this project's own server
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Mat-khau-2026-dong-thoi"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="([^"]*)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    subprocess.run(  # nosec B603: this project's manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """Yield (base URL, database file) of the portal served by gunicorn on a new SQLite file,
    with ten province staff accounts (canbo0…canbo9)."""
    database = tmp_path_factory.mktemp("concurrent") / "portal.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "false",
        "SECRET_KEY": "concurrent-writes-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
    }
    env.pop("CACHE_URL", None)
    manage(env, "collectstatic", "--noinput", "-v0")  # DEBUG off serves the hashed files
    manage(env, "migrate", "-v0")
    create = (
        "from org.models import User\n"
        "for n in range(10):\n"
        f"    User.objects.create_user(f'canbo{{n}}', password='{PASSWORD}', role='province')\n"
    )
    manage(env, "shell", "-c", create)
    port = free_port()
    server = subprocess.Popen(  # nosec B603: this project's own server
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers=4",
            "--no-control-socket",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2)  # nosec B310: our server
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        yield base, database
    finally:
        server.terminate()
        server.wait(timeout=20)


class Officer:
    """One officer's browser: cookies, and the answers it got."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, path) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:  # nosec B310
            return response.read().decode()

    def post(self, path, data) -> tuple[int, str]:
        """Return the status and the body of the answer (a redirect is not followed)."""
        body = urllib.parse.urlencode(data, doseq=True).encode()
        try:
            with self.opener.open(self.base + path, body, timeout=60) as response:  # nosec B310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def at_once(actions):
    """Run the callables together (released by one barrier) and return their results."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        prepared = action()  # what each does before the common moment (opening its form)
        barrier.wait()
        results[index] = prepared()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def log_in(officer, username):
    def prepare():
        token = TOKEN.search(officer.get("/login/")).group(1)
        data = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        return lambda: officer.post("/login/", data)[0]

    return prepare


def rows(database, sql):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_simultaneous_log_ins_and_saves_wait_instead_of_failing(portal):
    base, database = portal
    officers = [Officer(base) for _ in range(10)]

    statuses = at_once([log_in(o, f"canbo{n}") for n, o in enumerate(officers)])
    assert statuses == [302] * 10  # every one signed in, none refused by a locked database

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
            return lambda: officer.post("/registry/new/", data)[0]

        return prepare

    statuses = at_once([new_cooperative(o, n) for n, o in enumerate(officers)])
    assert statuses == [302] * 10  # each saved ("Đã lưu"), then sent to the new record
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
    assert sorted(status for status, _body in answers) == [200, 302]
    ((kept,),) = rows(database, f"SELECT name FROM cooperatives_cooperative WHERE id={coop_id}")
    refused = next(body for status, body in answers if status == 200)
    assert kept in ("Tên thứ nhất", "Tên thứ hai")
    assert "hãy tải lại trang" in refused  # "… was just changed by …; reload the page"
