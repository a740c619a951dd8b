#!/usr/bin/env python3
"""Regenerates NotoSansCJKsc-Regular-subset.otf, the font evidence-pack PDFs embed.

Noto Sans CJK SC (SIL OFL 1.1, see OFL.txt) is 16 MiB; a pack needs the
characters a Chinese merchant's case is written in, so the binary carries
GB 2312 (6,763 hanzi, its punctuation and full-width forms), Latin-1, Latin
Extended-A, general punctuation and a few signs. A character outside that set
shows as a box in the PDF; the pack's JSON files carry it exactly.

Needs Debian's fonts-noto-cjk and fonttools (pip install fonttools):
    python3 api/assets/fonts/subset.py
"""
import pathlib
import subprocess

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_FACE = 2  # the collection's order: JP, KR, SC, TC, HK, then the Mono faces

chars = set()
for lead in range(0xA1, 0xF8):
    for trail in range(0xA1, 0xFF):
        try:
            chars.add(bytes([lead, trail]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for low, high in [(0x20, 0x7F), (0xA0, 0x180), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0)]:
    chars.update(chr(c) for c in range(low, high))
chars.update("¥€✓✗→←↑↓•…—–·")

text = HERE / "subset-chars.txt"
text.write_text("".join(sorted(chars)), encoding="utf-8")
try:
    subprocess.run(
        [
            "pyftsubset", SOURCE, f"--font-number={SC_FACE}", f"--text-file={text}",
            f"--output-file={HERE / 'NotoSansCJKsc-Regular-subset.otf'}",
            "--no-hinting", "--name-IDs=*", "--notdef-outline",
        ],
        check=True,
    )
finally:
    text.unlink()
