#!/usr/bin/env bash
# `make run`: migrate, seed the demo on an empty database, make the merchant, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST=${1:-127.0.0.1}
PORT=${2:-8000}
PY=.venv/bin/python
export DEBUG=${DEBUG:-1}
# The demo takes no money (the test gateway): say so, so that DEBUG=0 still starts.
export SHOP_DEMO_PAYMENTS=${SHOP_DEMO_PAYMENTS:-1}
export SITE_URL=${SITE_URL:-http://$HOST:$PORT}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-$HOST,localhost,127.0.0.1,[::1]}

$PY manage.py migrate --noinput -v0
# Catalog, orders, the co-purchase recompute, notes and sets; what exists is kept.
$PY manage.py seed_demo --if-empty
$PY manage.py ensure_merchant

if [ -n "${DATABASE_URL:-}" ] && [ -n "${REDIS_URL:-}" ]; then
    echo "Production shape: PostgreSQL + Redis, Celery worker and beat, gunicorn."
    $PY manage.py collectstatic --noinput -v0
    mkdir -p var/log
    .venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 >var/log/worker.log 2>&1 &
    worker=$!
    .venv/bin/celery -A config beat --loglevel=INFO >var/log/beat.log 2>&1 &
    beat=$!
    trap 'kill $worker $beat 2>/dev/null || true' EXIT INT TERM
    echo "Shop: http://$HOST:$PORT/   merchant admin: http://$HOST:$PORT/admin/"
    .venv/bin/gunicorn config.wsgi --bind "$HOST:$PORT" --workers 3 --access-logfile -
else
    echo "Shop: http://$HOST:$PORT/   merchant admin: http://$HOST:$PORT/admin/"
    $PY manage.py runserver "$HOST:$PORT"
fi
