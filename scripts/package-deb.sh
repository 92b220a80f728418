#!/usr/bin/env bash
# Builds the Debian package target/debian/pobratim_<version>_amd64.deb, installable on
# Debian 10 and later, Astra Linux SE 1.7 (glibc 2.28) among them.
#
# The binary is linked against glibc 2.28 by cargo-zigbuild (zig as the linker, with the
# glibc version as a suffix of the target), then checked: no symbol may need a newer glibc.
# cargo-deb then packs it with the desktop entry, the icons and the licences named in
# Cargo.toml's [package.metadata.deb], stripped.
#
# Needs, once:  pip install cargo-zigbuild ziglang   and   cargo install cargo-deb --locked
# Takes a full release build (about 10 minutes on two cores, the first time).
set -euo pipefail
cd "$(dirname "$0")/.."

GLIBC="${GLIBC:-2.28}"
TARGET=x86_64-unknown-linux-gnu

for tool in cargo-zigbuild cargo-deb objdump; do
    if ! command -v "$tool" >/dev/null; then
        echo "package-deb: $tool is missing." >&2
        echo "  cargo-zigbuild: pip install cargo-zigbuild ziglang" >&2
        echo "  cargo-deb:      cargo install cargo-deb --locked" >&2
        echo "  objdump:        apt-get install binutils" >&2
        exit 1
    fi
done

echo "== building for glibc $GLIBC"
cargo zigbuild --release --locked --target "$TARGET.$GLIBC"
binary="target/$TARGET/release/pobratim"

# Every versioned glibc symbol the binary imports; the newest must not pass $GLIBC.
newest=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)
if [ "$(printf '%s\n%s\n' "$newest" "$GLIBC" | sort -V | tail -n 1)" != "$GLIBC" ]; then
    echo "package-deb: the binary needs glibc $newest, newer than $GLIBC:" >&2
    objdump -T "$binary" | grep "GLIBC_$newest" >&2
    exit 1
fi
echo "== newest glibc symbol needed: $newest (limit $GLIBC)"

mkdir -p target/debian
deb=$(cargo deb --no-build --target "$TARGET" --output target/debian/ | tail -n 1)
echo "== package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
