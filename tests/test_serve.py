"""The README's first command serves the portal as it is deployed (scripts/serve.sh, which
start.sh ends with): gunicorn, DEBUG off, the portal's own Vietnamese error pages, static
files from the app, plain HTTP on 127.0.0.1 only."""

import re
import urllib.error
import urllib.request

import pytest

from benchmarks.served import ROOT, production_env, served, set_up


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    env = production_env(f"sqlite:///{folder / 'portal.sqlite3'}")
    set_up(env, officers=0)
    with served(env, folder / "gunicorn.log", workers=2) as base:
        yield base


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:  # nosec B310: our server
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, dict(answer.headers), answer.read().decode()


def test_a_missing_page_is_the_portals_own_not_djangos_technical_one(portal):
    status, _headers, page = fetch(portal + "/khong-co-trang-nay/")
    assert status == 404
    assert "Không tìm thấy trang" in page
    assert "URLconf" not in page and "Traceback" not in page  # no debug page, no URL list


def test_the_log_in_page_and_its_styles_come_over_plain_http(portal):
    status, headers, page = fetch(portal + "/login/")
    assert status == 200  # not redirected to HTTPS on this local address
    assert "Strict-Transport-Security" not in headers
    stylesheet = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', page).group(1)
    assert fetch(portal + stylesheet)[0] == 200  # static files served by the app itself


def test_the_first_command_ends_by_serving_this_way_and_debug_is_opt_in():
    script = (ROOT / "scripts" / "start.sh").read_text()
    assert script.strip().splitlines()[-1] == "exec bash scripts/serve.sh"
    assert 'if [[ "${1:-}" == "--dev" ]]; then' in script  # runserver only when asked
