#!/usr/bin/env bash
# Installs the package into a clean Debian root and runs it there: `pobratim --version`,
# `pobratim check`, then the program as the Office menu starts it (the desktop entry's Exec
# line) under xvfb-run, F1 pressed after it opens (a screenshot of each comes out), then
# once more under a headless Wayland compositor.
#
#   scripts/try-deb.sh [SUITE] [DEB]       e.g. scripts/try-deb.sh bullseye
#
# The root is made by mmdebstrap in unshare mode (no root rights, no mounts), from Debian's
# mirror; apt installs the package there, so its hand-written Depends alone must bring every
# library the window needs. Only the display servers (xvfb with xauth, weston for Wayland),
# xdotool and x11-apps (xwd, for the screenshot) are added beside it: a desktop has those
# roles filled already.
# Needs: apt-get install mmdebstrap uidmap imagemagick   (imagemagick turns the shots into PNG)
set -euo pipefail
cd "$(dirname "$0")/.."
SUITE="${1:-bullseye}"
DEB="${2:-$(ls -t target/debian/pobratim_*_amd64.deb | head -n 1)}"
OUT="$PWD/target/debian/try-$SUITE"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
rm -rf "$OUT"
mkdir -p "$OUT"
echo "== $DEB in a clean Debian $SUITE root"

# Run inside the root, as its chroot hook: everything the user would do.
cat > "$OUT/inside.sh" <<'INSIDE'
set -eu
export HOME=/home/staff LANG=ru_RU.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"
echo "-- glibc: $(ldd --version | head -n 1)"
echo "-- pobratim --version"; pobratim --version
echo "-- pobratim check (a first start: the built-in sample data fills the user's folder)"
pobratim check > /tmp/check.txt; tail -n 1 /tmp/check.txt
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/pobratim.desktop)
echo "-- the Office menu's entry starts: $exec_line"
xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
    $exec_line > /tmp/gui.log 2>&1 & app=\$!
    for i in \$(seq 1 60); do
        win=\$(xdotool search --class pobratim 2>/dev/null | head -n 1) && [ -n \"\$win\" ] && break
        sleep 1
    done
    echo \"window after \$i s: \${win:-none}\"
    [ -n \"\${win:-}\" ] || exit 1
    sleep 8
    xwd -root -silent > /tmp/opened.xwd
    xdotool windowfocus \$win key F1; sleep 4; xwd -root -silent > /tmp/f1.xwd
    if kill -0 \$app; then echo 'running when closed: yes'; else echo 'the program had exited'; exit 1; fi
    kill \$app; wait \$app || true
"
echo "-- the window's log"; cat /tmp/gui.log || true
echo "-- the same under Wayland: weston, headless (no screenshot; the protocol log shows the window)"
export XDG_RUNTIME_DIR=/tmp/xdg
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
weston --backend=headless-backend.so --socket=wayland-9 > /tmp/weston.log 2>&1 & weston=$!
sleep 3
# No GPU here: Mesa draws in software and hands weston shared-memory buffers.
WAYLAND_DISPLAY=wayland-9 DISPLAY= WAYLAND_DEBUG=client LIBGL_ALWAYS_SOFTWARE=1 $exec_line 2> /tmp/wayland.log & app=$!
sleep 20
if kill -0 $app && grep -q 'set_app_id("pobratim")' /tmp/wayland.log && grep -q 'wl_surface@[0-9]*\.attach' /tmp/wayland.log; then
    echo "wayland: window «$(grep -o 'set_title("[^"]*")' /tmp/wayland.log | tail -n 1)», $(grep -c 'wl_surface@[0-9]*\.commit' /tmp/wayland.log) frames committed, running after 20 s"
else
    echo "wayland: no window"; grep -v '^\[' /tmp/wayland.log | tail -n 20; exit 1
fi
kill $app $weston
INSIDE

mmdebstrap --mode=unshare --variant=apt \
    --include=ca-certificates,xvfb,xauth,xdotool,x11-apps,weston \
    --customize-hook="copy-in $DEB /tmp" \
    --customize-hook="chroot \"\$1\" apt-get install -y --no-install-recommends /tmp/$(basename "$DEB")" \
    --customize-hook="copy-in $OUT/inside.sh /tmp" \
    --customize-hook="chroot \"\$1\" sh /tmp/inside.sh" \
    --customize-hook="cp \"\$1\"/tmp/*.xwd \"$OUT\"/ || true" \
    "$SUITE" /dev/null "$MIRROR"

for shot in opened f1; do
    if [ -f "$OUT/$shot.xwd" ]; then
        convert "xwd:$OUT/$shot.xwd" "$OUT/$shot.png"
        echo "screenshot: $OUT/$shot.png"
    else
        echo "no screenshot $shot" >&2
        exit 1
    fi
done
