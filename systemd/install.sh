#!/bin/sh
# Installs ecorner on this machine from the checked-out tree, the same way a
# kiosk gets it: build the Debian package, then apt installs it (users,
# units, udev rules, /etc/ecorner). Run as root: sh systemd/install.sh
# Remove with apt remove ecorner (apt purge ecorner also drops data and config).
set -eu
cd "$(dirname "$0")/.."
case "$(dpkg --print-architecture)" in
  arm64 | amd64) arch=$(dpkg --print-architecture) ;;
  *) echo "ecorner is packaged for arm64 and amd64 only" >&2; exit 1 ;;
esac
eval "$(bash scripts/node-lts.sh --env)"
npm run build
deb=$(bash packaging/build-deb.sh "$arch" | tail -n 1)
apt-get install -y "$deb"
