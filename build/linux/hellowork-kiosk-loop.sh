#!/bin/sh
# Runs the kiosk and starts it again whenever it exits (crash, kill, OOM): restart-on-exit for the
# Linux kiosk session. The one exit that stops the loop is the IT exit (admin PIN), exit code 64,
# which ends the session so IT gets the login screen. Installed by the .deb under
# /opt/HelloWork Kiosk/kiosk-session/; see docs/it-staff.md ("Linux kiosk session").
KIOSK_BIN="${KIOSK_BIN:-/usr/bin/hellowork-kiosk}"
IT_EXIT=64
BASE_DELAY="${KIOSK_RESTART_DELAY:-2}" # seconds; tests set 0
delay=$BASE_DELAY
while :; do
  started=$(date +%s)
  "$KIOSK_BIN" "$@"
  code=$?
  if [ "$code" -eq "$IT_EXIT" ]; then
    logger -t hellowork-kiosk "IT exit (code $IT_EXIT): leaving the kiosk session" 2>/dev/null
    exit 0
  fi
  # A kiosk that dies at once again and again backs off (up to 60 s) instead of spinning.
  if [ $(( $(date +%s) - started )) -lt 10 ]; then delay=$(( delay * 2 > 60 ? 60 : delay * 2 )); else delay=$BASE_DELAY; fi
  logger -t hellowork-kiosk "kiosk exited with code $code; restarting in ${delay}s" 2>/dev/null
  sleep "$delay"
done
