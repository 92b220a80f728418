#!/usr/bin/env python3
"""Makes NotoSansCJK-subset.otf.xz: Noto Sans CJK (Simplified Chinese face) cut down to
- all of Hangul: the 11,172 precomposed syllables, Hangul Jamo and Compatibility Jamo,
  so that any Korean name renders, not only the 2,350 syllables of KS X 1001;
- the kanji and other characters of JIS X 0213 (planes 1 and 2), a superset of JIS X 0208
  that has name variants such as 﨑 (Python's euc_jis_2004 also decodes the JIS X 0212
  codes of plane 2, so those come along), and of Windows' Shift_JIS (cp932), whose
  IBM/NEC extension kanji have 髙, which JIS X 0213 lacks;
- the 8,105 characters of the Table of General Standard Chinese Characters
  (通用规范汉字表, 2013), read from tgscc-8105.txt, which has the personal- and place-name
  characters GB2312 lacks;
- GB2312, JIS X 0208 and KS X 1001, ASCII, CJK punctuation and full-width forms.
That covers the native names of partner cities and guests (新潟, 哈尔滨, 부천, 佐藤, 髙橋)
at two-thirds the size of the full face (11 MB against 16 MB), so Pobratim renders them on
office PCs without CJK fonts installed. All layout features are kept: typst's `lang` picks
the Japanese and Korean glyph forms through the `locl` feature.

The repository keeps the font xz-compressed (`xz -9e`: 7 MB), under the 8 MiB a file
may weigh there; build.rs inflates it at build time, so the binary and start-up are as before.

tgscc-8105.txt is the list from github.com/kitty-panics/cn-tables (通用规范汉字表.txt),
one character a line after a `#` comment line.

Needs Debian's fonts-noto-cjk and fontTools (pip install fonttools). Run it from anywhere:

    python3 make_cjk_subset.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE = 2  # In NotoSansCJK-Regular.ttc: 0 JP, 1 KR, 2 SC, 3 TC.
# ASCII, Hangul Jamo, CJK punctuation, Hangul Compatibility Jamo, Hangul syllables, full-width forms.
RANGES = "U+0020-007E,U+1100-11FF,U+3000-303F,U+3130-318F,U+AC00-D7A3,U+FF00-FFEF"


def euc_chars(encoding, prefix=b""):
    """Every character a two-byte EUC code (after `prefix`) of `encoding` decodes to."""
    chars = set()
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                chars.update((prefix + bytes([hi, lo])).decode(encoding))
            except UnicodeDecodeError:
                pass
    return chars


def cp932_chars():
    """Every character a two-byte code of Windows' Shift_JIS decodes to, less private use."""
    chars = set()
    for hi in [*range(0x81, 0xA0), *range(0xE0, 0xFD)]:
        for lo in range(0x40, 0xFD):
            try:
                chars.update(bytes([hi, lo]).decode("cp932"))
            except UnicodeDecodeError:
                pass
    return {c for c in chars if not 0xE000 <= ord(c) <= 0xF8FF}


def tgscc_chars():
    """The 8,105 characters of 通用规范汉字表 in tgscc-8105.txt."""
    with open(os.path.join(HERE, "tgscc-8105.txt"), encoding="utf-8") as f:
        chars = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    assert len(set(chars)) == 8105 and all(len(c) == 1 for c in chars), "tgscc-8105.txt is damaged"
    return set(chars)


def main():
    chars = set()
    # GB2312, JIS X 0208, KS X 1001, JIS X 0213 plane 1
    for enc in ("gb2312", "euc_jp", "euc_kr", "euc_jis_2004"):
        chars |= euc_chars(enc)
    chars |= euc_chars("euc_jis_2004", b"\x8f")  # JIS X 0213 plane 2, JIS X 0212
    chars |= cp932_chars()  # Windows' Shift_JIS: IBM and NEC extensions
    chars |= tgscc_chars()
    chars = sorted(c for c in chars if ord(c) > 0x7F)
    print(f"{len(chars)} characters besides {RANGES}")
    otf = os.path.join(HERE, "NotoSansCJK-subset.otf")
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write("".join(chars))
    try:
        subprocess.run(
            [
                sys.executable, "-m", "fontTools.subset", SRC, f"--font-number={FACE}",
                f"--text-file={f.name}", f"--unicodes={RANGES}", "--layout-features=*",
                f"--output-file={otf}",
            ],
            check=True,
        )
        subprocess.run(["xz", "-9e", "--force", "--threads=1", otf], check=True)
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    main()
