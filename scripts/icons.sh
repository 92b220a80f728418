#!/usr/bin/env bash
# Makes the application icon's PNGs (the hicolor theme's sizes) from assets/icons/pobratim.svg.
# Needs rsvg-convert (Debian: librsvg2-bin). Run it after changing the SVG, and commit the PNGs:
# the package and the window icon use them, so building never needs this tool.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing: apt-get install librsvg2-bin" >&2; exit 1; }
for size in 16 24 32 48 64 128 256; do
    out="assets/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$out"
    rsvg-convert -w "$size" -h "$size" assets/icons/pobratim.svg -o "$out/pobratim.png"
done
echo "icons made in assets/icons/hicolor/"
