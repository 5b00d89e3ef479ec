#!/usr/bin/env bash
# Install everything the portal needs on Debian 12 with Python 3.11: system packages, a
# virtual environment with the pinned packages, compiled translations, the database with its
# reference data. Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: Chromium for browser tests, fonts with every Vietnamese letter for PDFs,
# WeasyPrint's libraries, gettext for translations.
APT_PACKAGES=(python3-venv gettext chromium fonts-liberation2 fonts-croscore
              libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Python packages, pinned in pyproject.toml; reinstalled only when it changes.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q ".[dev]"
  rm -f .venv/.installed-*; touch "$stamp"
fi

# A local .env with a random secret for this machine (never committed).
if [ ! -f .env ]; then
  secret=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')
  printf 'DEBUG=true\nSECRET_KEY=%s\n' "$secret" > .env
  echo "Wrote .env (DEBUG=true, a random SECRET_KEY)."
fi

.venv/bin/python manage.py compilemessages -v0 --ignore=.venv
.venv/bin/python manage.py collectstatic --noinput -v0
