#!/usr/bin/env bash
# The annual report as Word and LibreOffice users see it: makes the DOCX of a year from a
# data folder (the bundled sample by default), converts it with LibreOffice Writer to PDF and
# renders every page to PNG, for a person to look at. Long and needs LibreOffice, so it is a
# script, not a test.
#
#   tools/docx-pages/run.sh [OUTDIR] [YEAR] [DATA_DIR]
#
# Needs: libreoffice-writer-nogui (soffice), poppler-utils (pdftoppm), and for Chinese,
# Japanese and Korean names a CJK font (fonts-noto-cjk): Debian
#   apt-get install --no-install-recommends libreoffice-writer-nogui poppler-utils fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/docx-pages}
year=${2:-2016}
data=${3:-sample_data}
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "docx-pages: $tool is missing (see the header of this script)" >&2; exit 2; }
done
mkdir -p "$out"
# A copy, so the sample folder is never written to.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$data" "$work/data"
cargo run --quiet --release -- --data "$work/data" report --year "$year" -o "$out/report-$year.docx"
# A private LibreOffice profile: no first-start dialogs, nothing of the user's touched.
soffice -env:UserInstallation="file://$work/lo-profile" --headless --convert-to pdf --outdir "$out" "$out/report-$year.docx" >/dev/null
pdftoppm -png -r 80 "$out/report-$year.pdf" "$out/report-$year-page"
ls "$out"/report-"$year"-page*.png
