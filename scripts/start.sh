#!/usr/bin/env bash
# Set everything up, load the plan's reference data and the demo data, print the demo
# accounts, and serve the portal as it is deployed (scripts/serve.sh: gunicorn, DEBUG off) on
# SQLite at http://127.0.0.1:8000. `bash scripts/start.sh --dev`: development mode instead
# (Django's runserver, reloading on every change, debug pages).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# A demo database made before the migrations were rebuilt from zero (December 2026, when the
# apps were put in layers) has a history `migrate` cannot follow: it is set aside, not deleted,
# and made anew.
if ! migrated=$(.venv/bin/python manage.py migrate -v0 2>&1); then
  if [[ "$migrated" == *InconsistentMigrationHistory* && -z "${DATABASE_URL:-}" && -f db.sqlite3 ]]; then
    aside="db.sqlite3.before-$(date +%Y%m%d-%H%M%S)"
    for file in db.sqlite3 db.sqlite3-wal db.sqlite3-shm; do
      [ -f "$file" ] && mv "$file" "${file/db.sqlite3/$aside}"
    done
    echo "The demo database predates the current migrations: kept as $aside, made anew."
    .venv/bin/python manage.py migrate -v0
  else
    echo "$migrated" >&2
    exit 1
  fi
fi
.venv/bin/python manage.py load_demo
if [[ "${1:-}" == "--dev" ]]; then
  echo "Development mode at http://127.0.0.1:8000 (Ctrl+C to stop)."
  DEBUG=true exec .venv/bin/python manage.py runserver 127.0.0.1:8000
fi
echo "The portal, as deployed, at http://127.0.0.1:8000 (Ctrl+C to stop)."
exec bash scripts/serve.sh
