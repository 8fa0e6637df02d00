#!/usr/bin/env bash
# Builds dist/ecorner_<version>_<arch>.deb from a finished `npm run build`.
#   bash packaging/build-deb.sh arm64|amd64 [out-dir]
# Contents: /opt/ecorner (built JS, production node_modules for <arch>, Node 24
# in /opt/ecorner/node), units in /lib/systemd/system, udev rules,
# /etc/ecorner/kiosk.json (conffile), maintainer scripts (packaging/debian).
# Native addons: serialport, node-hid and @napi-rs/canvas ship prebuilt
# binaries for linux-arm64 and linux-x64 inside their npm packages, so npm
# installs them for the target with --os/--cpu. better-sqlite3 (central only)
# has no reachable prebuilt binary: the amd64 package carries the one this
# machine compiled (same version, same Node ABI); the arm64 package has no
# central (the kiosk itself needs no SQLite addon).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:?usage: build-deb.sh arm64|amd64 [out-dir]}
out=$(realpath -m "${2:-$root/dist}")
case "$arch" in
  arm64) npm_cpu=arm64; node_arch=arm64 ;;
  amd64) npm_cpu=x64; node_arch=x64 ;;
  *) echo "unknown architecture $arch (arm64 or amd64)" >&2; exit 2 ;;
esac
dist=$(realpath -m "${ECORNER_DIST:-$root/dist}") # tests build elsewhere
[ -f "$dist/controller/main.js" ] && [ -f "$dist/ui/manifest.json" ] || { echo "run npm run build first (no $dist/controller/main.js)" >&2; exit 2; }
version=$(node -p "require('$root/package.json').version")
node_version=$(sed -n 's/^NODE_VERSION="\${ECORNER_NODE_VERSION:-\([0-9.]*\)}"$/\1/p' "$root/scripts/node-lts.sh")
[ -n "$node_version" ] || { echo "cannot read NODE_VERSION from scripts/node-lts.sh" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage="$work/root"
opt="$stage/opt/ecorner"
mkdir -p "$opt" "$stage/DEBIAN" "$stage/lib/systemd/system" "$stage/lib/udev/rules.d" "$stage/etc/ecorner"

log() { printf '%s\n' "$*" >&2; }

log "== built JavaScript"
for part in controller central drivers config protocol ui package.json; do
  [ -e "$dist/$part" ] && cp -a "$dist/$part" "$opt/"
done
if [ "$arch" = arm64 ]; then rm -rf "$opt/central/main.js" "$opt/central/tools"; fi
cp "$root/README.md" "$opt/"

log "== production node_modules for linux-$npm_cpu"
deps="$work/deps"
mkdir -p "$deps"
cp "$root/package.json" "$root/package-lock.json" "$deps/"
(
  cd "$deps"
  if [ "$arch" = arm64 ]; then
    # No central on the Pi: drop its SQLite addon and metrics before resolving.
    node -e "const f='package.json',p=require('./'+f);delete p.dependencies['better-sqlite3'];delete p.devDependencies;require('fs').writeFileSync(f,JSON.stringify(p,null,2))"
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --os=linux --cpu=$npm_cpu --libc=glibc >&2
  else
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund --os=linux --cpu=$npm_cpu --libc=glibc >&2
    want=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
    have=$(node -p "require('$root/node_modules/better-sqlite3/package.json').version")
    [ "$want" = "$have" ] || { echo "better-sqlite3 $have compiled here, lockfile wants $want: run npm ci" >&2; exit 1; }
    mkdir -p node_modules/better-sqlite3/build/Release
    cp "$root/node_modules/better-sqlite3/build/Release/better_sqlite3.node" node_modules/better-sqlite3/build/Release/
  fi
)
# Prebuilt binaries for other systems are dead weight on the device.
find "$deps/node_modules" -type d -name prebuilds -prune -print0 | while IFS= read -r -d '' d; do
  find "$d" -mindepth 1 -maxdepth 1 -type d ! -name "*linux-$npm_cpu" -exec rm -rf {} +
done
mv "$deps/node_modules" "$opt/node_modules"
rm -f "$opt/node_modules/.package-lock.json"

log "== Node $node_version for linux-$node_arch"
node_home="${XDG_CACHE_HOME:-$HOME/.cache}/ecorner/node-v$node_version-$node_arch"
if [ ! -x "$node_home/bin/node" ]; then
  (cd "$work" && npm pack --silent "node-linux-$node_arch@$node_version" >/dev/null && tar xzf node-linux-*.tgz && rm node-linux-*.tgz)
  mkdir -p "$(dirname "$node_home")" && rm -rf "$node_home" && mv "$work/package" "$node_home"
fi
install -D -m 0755 "$node_home/bin/node" "$opt/node/bin/node"
[ -f "$node_home/LICENSE" ] && install -m 0644 "$node_home/LICENSE" "$opt/node/LICENSE"

log "== units, udev rules, config"
install -m 0644 "$root/systemd/ecorner-controller.service" "$root/systemd/ecorner-browser.service" "$stage/lib/systemd/system/"
[ "$arch" = amd64 ] && install -m 0644 "$root/systemd/ecorner-central.service" "$stage/lib/systemd/system/"
install -m 0644 "$root/systemd/99-ecorner.rules" "$stage/lib/udev/rules.d/99-ecorner.rules"
install -D -m 0755 "$root/systemd/kiosk-browser.sh" "$opt/systemd/kiosk-browser.sh"
# The first production site as a starting point; the technician sets id,
# site, devices, and puts the central secret into /etc/ecorner/kiosk.secret.
node -e "const p=require('$dist/config/sites/dehli-sujanpur.json');p['\$schema']='/opt/ecorner/config/kiosk.schema.json';process.stdout.write(JSON.stringify(p,null,2)+'\n')" > "$stage/etc/ecorner/kiosk.json"
chmod 0640 "$stage/etc/ecorner/kiosk.json"

log "== control"
install -m 0755 "$root/packaging/debian/postinst" "$root/packaging/debian/prerm" "$root/packaging/debian/postrm" "$stage/DEBIAN/"
echo /etc/ecorner/kiosk.json > "$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: ecorner
Version: $version
Architecture: $arch
Maintainer: KESCO e-corner team <ecorner@kesco.invalid>
Installed-Size: $size
Depends: passwd, init-system-helpers (>= 1.54), libusb-1.0-0, udev
Recommends: chromium, cage, curl
Suggests: socat
Section: misc
Priority: optional
Homepage: https://www.kesco.co.in/
Description: KESCO e-corner self-service kiosk controller
 The kiosk controller (touchscreen app, printer, scanner, LEDs, request store
 and link to central) with its own Node.js $node_version in /opt/ecorner/node,
 systemd units (ecorner-controller, ecorner-browser$([ "$arch" = amd64 ] && echo ", ecorner-central")) and udev rules.
CONTROL

mkdir -p "$out"
deb="$out/ecorner_${version}_${arch}.deb"
# gzip: fast to build and read everywhere; tests pass ECORNER_DEB_COMPRESSION=none.
dpkg-deb --root-owner-group -Z"${ECORNER_DEB_COMPRESSION:-gzip}" --build "$stage" "$deb" >&2
# Owners that differ from root: the config directory is root:ecorner, set by postinst.
log "$(du -h "$deb" | cut -f1)  $deb"
echo "$deb"
