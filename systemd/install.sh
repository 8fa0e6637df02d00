#!/bin/sh
# Installs ecorner on a Raspberry Pi OS (Debian) kiosk. Run as root from the
# checked-out tree: sudo sh systemd/install.sh
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
apt-get update
apt-get install -y --no-install-recommends nodejs npm chromium cage socat libusb-1.0-0 udev curl
id ecorner >/dev/null 2>&1 || useradd --system --home /var/lib/ecorner --shell /usr/sbin/nologin ecorner
id kiosk >/dev/null 2>&1 || useradd --create-home --uid 1001 kiosk
getent group gpio >/dev/null || groupadd --system gpio
mkdir -p /opt/ecorner /etc/ecorner /var/lib/ecorner
cp -a "$SRC/." /opt/ecorner/
(cd /opt/ecorner && npm ci --omit=dev)
if [ ! -f /etc/ecorner/kiosk.json ]; then
  echo "copy one of /opt/ecorner/config/sites/*.json to /etc/ecorner/kiosk.json and adjust it" >&2
fi
if [ ! -f /etc/ecorner/kiosk.secret ]; then
  echo "put the kiosk's central secret (from central IT) into /etc/ecorner/kiosk.secret (mode 0400, owner ecorner)" >&2
fi
chown -R ecorner:ecorner /var/lib/ecorner
install -m 0644 "$SRC/systemd/99-ecorner.rules" /etc/udev/rules.d/99-ecorner.rules
udevadm control --reload-rules && udevadm trigger
install -m 0644 "$SRC/systemd/ecorner-controller.service" /etc/systemd/system/
install -m 0644 "$SRC/systemd/ecorner-browser.service" /etc/systemd/system/
chmod 0755 /opt/ecorner/systemd/kiosk-browser.sh
systemctl daemon-reload
systemctl enable ecorner-controller.service ecorner-browser.service
echo "installed; start with: systemctl start ecorner-controller ecorner-browser"
