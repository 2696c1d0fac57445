#!/usr/bin/env bash
# Debian's Chromium for Playwright (its own browser download does not work here).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
    echo "installing Chromium from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core
fi
/usr/bin/chromium --version
