#!/usr/bin/env bash
# Idle with a colleague at work: the release app on the 10-year synthetic folder, under
# Xvfb, while a colleague's command line imports one event every minute (default: 3
# minutes). Reads the app's CPU time from /proc/PID/stat every second and prints, for each
# minute, the CPU used in the 10 s after the import (the app takes the colleague's records)
# and in the 50 s after that (it should be about nothing: the poll reads one small file
# every 2 s). Needs Xvfb (`apt-get install xvfb`).
#   scripts/idle-test.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES="${1:-3}"
cargo build --release --quiet
BIN="$PWD/target/release/pobratim"
SRC="target/bench-data-10y-1"
[ -d "$SRC" ] || "$BIN" gen-data --out "$SRC" --years 10 --seed 1 >/dev/null
WORK="$(mktemp -d)"
HOME_DIR="$(mktemp -d)"
cp -r "$SRC/." "$WORK/"
rm -f "$WORK/.pobratim.lock"
DISPLAY_NO=:87
Xvfb "$DISPLAY_NO" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
cleanup() { kill "$APP" 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; rm -rf "$WORK" "$HOME_DIR"; }
trap cleanup EXIT
sleep 1
HOME="$HOME_DIR" DISPLAY="$DISPLAY_NO" "$BIN" --data "$WORK" >/dev/null 2>&1 &
APP=$!
sleep 25 # open, first frames, the checks and the cache warm-up
HZ=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
for m in $(seq 1 "$MINUTES"); do
    ICS="$WORK/../idle-$m.ics"
    printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//idle-test//EN\r\nBEGIN:VEVENT\r\nUID:idle-test-%s@pobratim\r\nDTSTAMP:20261203T090000Z\r\nDTSTART;VALUE=DATE:20270%s15\r\nSUMMARY:Проверка простоя %s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
        "$m" "$((m % 9 + 1))" "$m" > "$ICS"
    HOME="$HOME_DIR" "$BIN" --data "$WORK" import ics "$ICS" >/dev/null
    rm -f "$ICS"
    start=$(cpu)
    sleep 10
    after=$(cpu)
    sleep 50
    quiet=$(cpu)
    awk -v m="$m" -v a="$((after - start))" -v q="$((quiet - after))" -v hz="$HZ" 'BEGIN {
        printf "minute %d: %.2f s of CPU in the 10 s after the import, %.2f s in the 50 s after that\n", m, a / hz, q / hz }'
done
