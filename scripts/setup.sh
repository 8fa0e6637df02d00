#!/usr/bin/env bash
# `npm run setup`: a fresh Debian / Raspberry Pi OS clone to a working
# `npm start` and `npm test`:
#   1. system packages (apt-get when root, otherwise the exact sudo command),
#   2. Node 24 through scripts/node-lts.sh (npm registry, no root needed),
#   3. npm ci with that Node (native addons compile against its headers).
set -euo pipefail
cd "$(dirname "$0")/.."

# strace: the store's fsync-before-201 test; socat: virtual scanner pty; chromium: UI tests and the kiosk screen;
# libusb-1.0-0 + udev: node-hid and device discovery; build-essential +
# python3: better-sqlite3 (central) compiles here; prometheus: promtool checks
# /metrics in tests. (npm run package needs only dpkg-deb, part of dpkg.)
packages=(socat chromium libusb-1.0-0 udev build-essential python3 prometheus strace)
# Request Tracker for the help-desk tests, with its recommends (as .ci/run).
rt=(request-tracker5 rt5-db-sqlite rt5-standalone)
absent() { for p in "$@"; do dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done; }
mapfile -t missing < <(absent "${packages[@]}")
mapfile -t rt_missing < <(absent "${rt[@]}")

if [ ${#missing[@]} -gt 0 ] || [ ${#rt_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    [ ${#missing[@]} -eq 0 ] || apt-get install -y --no-install-recommends "${missing[@]}"
    [ ${#rt_missing[@]} -eq 0 ] || apt-get install -y "${rt_missing[@]}"
  else
    echo "Missing system packages. Install them with:" >&2
    [ ${#missing[@]} -eq 0 ] || echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    [ ${#rt_missing[@]} -eq 0 ] || echo "  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${rt_missing[*]}" >&2
    echo "then run npm run setup again." >&2
    exit 1
  fi
fi

eval "$(bash scripts/node-lts.sh --env)"
echo "node $(node --version) from $(dirname "$(command -v node)")"
npm ci --no-audit --no-fund
cat <<EON

Ready. In every new shell, put Node 24 first on PATH:
  eval "\$(scripts/node-lts.sh --env)"
then: npm start (simulator on http://127.0.0.1:8080) or npm test.
EON
