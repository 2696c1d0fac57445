#!/usr/bin/env bash
# Start PostgreSQL and Redis when they are down (Debian packages; see shared/SERVICES.md).
set -euo pipefail

need_apt_update=1
apt_install() {
    if [ "$need_apt_update" = 1 ]; then apt-get update -qq; need_apt_update=0; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if ! pg_isready -q -h 127.0.0.1 2>/dev/null; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
        echo "installing PostgreSQL from Debian's packages"
        apt_install postgresql
    fi
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
    if ! psql -h 127.0.0.1 -U postgres -c 'select 1' >/dev/null 2>&1; then
        # A fresh Debian cluster: let the local tools in as postgres without a password.
        conf=$(ls /etc/postgresql/*/main/pg_hba.conf | head -1)
        sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(host\s+all\s+all\s+::1\/128\s+)\S+/\1trust/; s/^(local\s+all\s+postgres\s+)\S+/\1trust/' "$conf"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main reload
    fi
fi
pg_isready -h 127.0.0.1

if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    command -v redis-server >/dev/null || apt_install redis-server
    echo "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
redis-cli -h 127.0.0.1 ping
