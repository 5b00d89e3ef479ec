"""The portal served as deployed (gunicorn, DEBUG off) on a database of its own, and officers'
browsers that send it requests at the same moment: shared by tests/test_concurrent_writes.py
and benchmarks/concurrency.py.
"""

import http.cookiejar
import os
import re
import socket
import subprocess  # nosec B404: runs this project's own manage.py and gunicorn
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Mat-khau-2026-dong-thoi"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="([^"]*)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str) -> dict:
    """Return the environment of a production-like portal on `database_url`: DEBUG off, and
    plain HTTP on 127.0.0.1 (no HTTPS redirect, no secure-only cookies, no HSTS)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "served-for-tests-and-benchmarks-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CACHE_URL", None)  # the database's cache table, as by default
    return env


def manage(env: dict, *args) -> str:
    """Run manage.py with `env`; return what it printed."""
    done = subprocess.run(  # nosec B603: this project's manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def set_up(env: dict, officers: int, prefix: str = "canbo"):
    """Collect the static files (DEBUG off serves the hashed names), migrate the database and
    add `officers` province staff accounts <prefix>0, <prefix>1 … with PASSWORD."""
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "migrate", "-v0")
    # One password hash for all: hashing is slow on purpose (about 0.3 s each).
    create = (
        "from django.contrib.auth.hashers import make_password\n"
        "from org.models import User\n"
        f"hashed = make_password('{PASSWORD}')\n"
        f"for n in range({officers}):\n"
        f"    User(username=f'{prefix}{{n}}', password=hashed, role='province').save()\n"
    )
    manage(env, "shell", "-c", create)


@contextmanager
def served(env: dict, log: Path, workers: int = 4):
    """Serve the portal as the README's first command does (`scripts/serve.sh`: gunicorn,
    `workers` sync workers, a free port of 127.0.0.1) and yield its base URL; gunicorn's
    error log (tracebacks of 5xx answers) goes to `log`."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with open(log, "ab") as errors:
        server = subprocess.Popen(  # nosec B603 B607: this project's own serving script
            ["bash", str(ROOT / "scripts" / "serve.sh")],
            cwd=ROOT,
            env={**env, "PORT": str(port), "WORKERS": str(workers)},
            stdout=errors,
            stderr=errors,
        )
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(base: str, server: subprocess.Popen, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before answering")
        try:
            urllib.request.urlopen(base + "/login/", timeout=5).close()  # nosec B310: ours
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base} within {seconds} s")


class Answer(NamedTuple):
    status: int
    body: str
    location: str  # where a redirect sends the browser ("" when none)
    seconds: float  # from sending the request to the whole answer read


class Officer:
    """One officer's browser: its cookies, and requests whose redirects are not followed."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=120) as response:  # nosec B310
            return response.read().decode()

    def post(self, path: str, data: dict) -> Answer:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._send(urllib.request.Request(self.base + path, body))

    def post_file(self, path: str, data: dict, field: str, name: str, content: bytes) -> Answer:
        """Post `data` and one file (`content` named `name` in the form field `field`)."""
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            .encode()
            for key, value in data.items()
        ]  # fmt: skip
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(self.base + path, b"".join(parts))
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        return self._send(request)

    def log_in(self, username: str, password: str = PASSWORD):
        """Return the request that logs in, to send when the caller chooses."""
        token = TOKEN.search(self.get("/login/")).group(1)
        data = {"username": username, "password": password, "csrfmiddlewaretoken": token}
        return lambda: self.post("/login/", data)

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def _send(self, request) -> Answer:
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:  # nosec B310: ours
                status, body, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as answer:  # 3xx (not followed), 4xx and 5xx
            status, body, headers = answer.code, answer.read(), answer.headers
        seconds = time.perf_counter() - start
        return Answer(status, body.decode(errors="replace"), headers.get("Location", ""), seconds)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def at_once(actions):
    """Run the callables together and return their results. Each is called first on its own
    (what an officer does before the common moment: opening the form) and returns the
    request to send; the requests are sent together, released by one barrier."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)
    failures = []

    def run(index, action):
        try:
            send = action()
            barrier.wait()
            results[index] = send()
        except threading.BrokenBarrierError:
            pass  # another one failed: reported below
        except BaseException as error:  # noqa: BLE001 — raised again by the caller's thread
            failures.append(error)
            barrier.abort()  # the others would wait for it for ever

    threads = [threading.Thread(target=run, args=item) for item in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return results
