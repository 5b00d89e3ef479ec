#!/usr/bin/env bash
# Run the whole test suite (browser tests included) after making sure everything is installed.
# Uses SQLite unless DATABASE_URL says otherwise. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python manage.py makemigrations --check --dry-run -v0
exec .venv/bin/python -m pytest "$@"
