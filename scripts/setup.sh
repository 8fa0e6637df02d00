#!/usr/bin/env bash
# `npm run setup`: a fresh Debian / Raspberry Pi OS clone to a working
# `npm start` and `npm test`:
#   1. system packages (apt-get when root, otherwise the exact sudo command),
#   2. Node 24 through scripts/node-lts.sh (npm registry, no root needed),
#   3. npm ci with that Node (native addons compile against its headers).
set -euo pipefail
cd "$(dirname "$0")/.."

# socat: virtual scanner pty; chromium: UI tests and the kiosk screen;
# libusb-1.0-0 + udev: node-hid and device discovery; build-essential +
# python3: better-sqlite3 (central) compiles here; prometheus: promtool checks
# /metrics in tests. (npm run package needs only dpkg-deb, part of dpkg.)
packages=(socat chromium libusb-1.0-0 udev build-essential python3 prometheus)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "Missing system packages. Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
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
