#!/usr/bin/env bash
# Installs the package into a clean Debian root and runs it there: `pobratim --version`,
# `pobratim check`, then the program as the Office menu starts it (the desktop entry's Exec
# line) under xvfb-run, F1 pressed after it opens; a screenshot of each comes out.
#
#   scripts/try-deb.sh [SUITE] [DEB]       e.g. scripts/try-deb.sh bullseye
#
# The root is made by mmdebstrap in unshare mode (no root rights, no mounts), from Debian's
# mirror; apt installs the package there, so its hand-written Depends alone must bring every
# library the window needs. Only xvfb, xauth, xdotool and x11-apps (xwd, for the screenshot)
# are added beside it: a desktop has those roles filled already.
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
pobratim check | tail -n 1
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/pobratim.desktop)
echo "-- the Office menu's entry starts: $exec_line"
xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
    $exec_line > /tmp/gui.log 2>&1 & app=\$!
    for i in \$(seq 1 60); do
        win=\$(xdotool search --class pobratim 2>/dev/null | head -n 1) && [ -n \"\$win\" ] && break
        sleep 1
    done
    echo \"window after \$i s: \${win:-none}\"
    sleep 8
    xwd -root -silent > /tmp/opened.xwd
    if [ -n \"\${win:-}\" ]; then xdotool windowfocus \$win key F1; sleep 4; xwd -root -silent > /tmp/f1.xwd; fi
    kill \$app; wait \$app || true
    echo \"app still running until killed: yes\"
"
echo "-- the window's log"; cat /tmp/gui.log || true
INSIDE

mmdebstrap --mode=unshare --variant=apt \
    --include=ca-certificates,xvfb,xauth,xdotool,x11-apps \
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
