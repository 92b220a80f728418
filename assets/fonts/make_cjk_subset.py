#!/usr/bin/env python3
"""Makes NotoSansCJK-subset.otf: Noto Sans CJK (Simplified Chinese face) cut down to the
characters of GB2312, JIS X 0208 and KS X 1001, plus ASCII, CJK punctuation and full-width
forms. That covers the native names of partner cities and guests (新潟, 哈尔滨, 부천, 佐藤)
at a third of the size of the full font, so Pobratim renders them on office PCs without
CJK fonts installed.

Needs Debian's fonts-noto-cjk and fontTools (pip install fonttools):

    python3 make_cjk_subset.py [/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc]
"""
import subprocess
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE = 2  # In NotoSansCJK-Regular.ttc: 0 JP, 1 KR, 2 SC, 3 TC.


def double_byte_chars(encoding):
    """Every character a two-byte EUC code of `encoding` decodes to."""
    chars = set()
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                chars.update(bytes([hi, lo]).decode(encoding))
            except UnicodeDecodeError:
                pass
    return chars


def main():
    chars = set()
    for enc in ("gb2312", "euc_jp", "euc_kr"):  # GB2312, JIS X 0208, KS X 1001
        chars |= double_byte_chars(enc)
    chars = sorted(c for c in chars if ord(c) > 0x7F)
    with open("cjk_chars.txt", "w", encoding="utf-8") as f:
        f.write("".join(chars))
    print(f"{len(chars)} characters")
    subprocess.run(
        [
            sys.executable, "-m", "fontTools.subset", SRC, f"--font-number={FACE}",
            "--text-file=cjk_chars.txt", "--unicodes=U+0020-007E,U+3000-303F,U+FF00-FFEF",
            "--layout-features=*", "--output-file=NotoSansCJK-subset.otf",
        ],
        check=True,
    )


if __name__ == "__main__":
    main()
