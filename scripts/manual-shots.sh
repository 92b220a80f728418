#!/usr/bin/env bash
# Makes the manual's screenshots, docs/img/*.png, by driving the release app on the sample
# data in a virtual X display (1280×800, the app's default window size), so they can be made
# again whenever the UI changes:
#
#   scripts/manual-shots.sh
#
# Needs Xvfb, xdotool, ImageMagick's `import` and Mesa's software GL; installed with apt when
# missing (as root). The clicks are positions on that 1280×800 screen: if a layout change
# moves a button, fix the position here and look at the pictures before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
[[ -x /usr/bin/import ]] || need+=(imagemagick)
dpkg -s libgl1-mesa-dri >/dev/null 2>&1 || need+=(libgl1-mesa-dri)
if [[ ${#need[@]} -gt 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
cargo build --release
out=docs/img
mkdir -p "$out"
work=$(mktemp -d /tmp/pobratim-manual.XXXX)
export HOME="$work/home" XDG_DATA_HOME="$work/home/share" XDG_CONFIG_HOME="$work/home/config"
display=$(( 300 + RANDOM % 400 ))
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
app=""
trap 'kill $app $xvfb 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=":$display"
# 256 colours without dithering: text stays sharp, and the pictures (built into the app for
# its help) weigh a third as much.
shot() {
  sleep "${2:-1}"
  import -window root "$work/shot.png"
  convert "$work/shot.png" -dither None -colors 256 "PNG8:$out/$1.png"
  echo "$out/$1.png"
}
click() { xdotool mousemove "$1" "$2" click 1; }

# The Russian manual's pictures in docs/img, the English one's (fewer) in docs/img/en, each
# of the app in that language, on a fresh copy of the sample data.
for lang in ru en; do
  out=docs/img
  [[ $lang == en ]] && out=docs/img/en
  mkdir -p "$out"
  rm -rf "$work/data" "$work/home"
  cp -r sample_data "$work/data"
  target/release/pobratim --data "$work/data" --lang "$lang" >"$work/app.log" 2>&1 & app=$!
  # The first frame takes a while under software GL.
  sleep 15
  shot overview 0
  click 50 112; shot cities
  click 290 311; shot city
  click 50 143; shot calendar
  click 50 236; shot tourism 2
  click 50 174; sleep 1
  click 380 399; shot delegation
  if [[ $lang == ru ]]; then
    # The visit's tabs, whose positions follow the Russian labels.
    click 692 95; shot roster
    click 783 95; shot programme
    click 615 95; sleep 1
  fi
  # The first button of the «Общее» tab: its left part, where both languages' labels are.
  click 605 129; shot road-take
  kill -0 "$app" || { echo "the app stopped; see its log:"; cat "$work/app.log"; exit 1; }
  kill "$app"; wait "$app" 2>/dev/null || true
done
# Only the pictures the English manual links are kept for it.
rm -f docs/img/en/cities.png
