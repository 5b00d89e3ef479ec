#!/usr/bin/env bash
# Run the whole test suite (browser tests included) after making sure everything is installed.
# Uses SQLite unless DATABASE_URL says otherwise. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Generated schema migrations are left out of lint (pyproject.toml); the data migrations, written
# by hand and never changed once landed (they carry their data), are linted by name.
.venv/bin/ruff check . ./*/migrations/0*_load_*.py
.venv/bin/ruff format --check . ./*/migrations/0*_load_*.py
.venv/bin/python manage.py makemigrations --check --dry-run -v0
exec .venv/bin/python -m pytest "$@"
