#!/usr/bin/env bash
# Set everything up, load the plan's reference data and the demo data, print the demo
# accounts, and start the portal on SQLite at http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py load_demo
echo "Starting the portal at http://127.0.0.1:8000 (Ctrl+C to stop)."
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
