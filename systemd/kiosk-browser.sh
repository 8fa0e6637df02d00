#!/bin/sh
# Waits for the controller, then shows the consumer screen full-screen.
# cage is a single-application Wayland compositor: no desktop to escape to.
set -eu
URL="${ECORNER_UI_URL:-http://127.0.0.1:8080/}"
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:8080/api/health" && break
  sleep 1
done
exec cage -d -- chromium --kiosk --noerrdialogs --disable-infobars --no-first-run \
  --disable-pinch --overscroll-history-navigation=0 --disable-translate \
  --disable-background-networking --disable-component-update --disable-sync \
  --check-for-update-interval=31536000 --user-data-dir="${XDG_RUNTIME_DIR:-/run/ecorner-browser}/chromium" "$URL"
