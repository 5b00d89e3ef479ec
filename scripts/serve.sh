#!/usr/bin/env bash
# Serve the portal as it is deployed — gunicorn, DEBUG off, the portal's own Vietnamese error
# pages, static files from the app (WhiteNoise) — at http://127.0.0.1:${PORT:-8000}, with
# ${WORKERS:-4} workers, on the database of DATABASE_URL or .env (SQLite by default).
# Plain HTTP on this local address only: the HTTPS-only settings (the redirect, secure-only
# cookies, HSTS) are relaxed here and nowhere else. A server reached by name serves HTTPS
# with them on (README, "Configuration").
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG=false SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false \
  CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0 ALLOWED_HOSTS=127.0.0.1,localhost
# DEBUG off serves the static files by their hashed names, which collectstatic writes.
.venv/bin/python manage.py collectstatic --noinput -v0
exec .venv/bin/gunicorn config.wsgi --bind "127.0.0.1:${PORT:-8000}" \
  --workers "${WORKERS:-4}" --no-control-socket --timeout 120
