"""Spot damaged JPEG data that the decoder silently papers over.

libjpeg recovers from corrupt entropy data (it resynchronises at the next restart marker and
fills the gap) and Pillow does not report its warnings, so a damaged photo decodes "fine" with
grey or shifted blocks. For evidence the adjuster must know. For baseline JPEGs (what cameras and
phones write) this scans the single scan's compressed data with a C-speed regular expression
(~0.4 ms per MB) for what cannot occur in an intact file: reserved marker codes inside the
entropy-coded data, and — when a restart interval is declared — restart markers out of sequence.
"""

from __future__ import annotations

import re

# The first reserved marker code (never legal inside scan data) or the EOI, whichever comes first.
_BAD_OR_END = re.compile(rb"\xff([\x01-\xbf\xd9])")
_RST = re.compile(rb"\xff([\xd0-\xd7])")
_RST_CYCLE = bytes(range(0xD0, 0xD8))
_BASELINE_SOF = {0xC0, 0xC1}
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
_RECOVERED = "the decoder recovered but parts of the picture may be grey or shifted"


def _header(data: bytes) -> tuple[int, bool, bool] | None:
    """(offset of the scan data, baseline?, restart interval declared?) or None if unparseable."""
    i, n = 2, len(data)
    baseline = restart = False
    while i + 4 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in _STANDALONE:
            i += 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if marker in _BASELINE_SOF:
            baseline = True
        elif marker == 0xDD:
            restart = int.from_bytes(data[i + 4 : i + 6], "big") > 0
        elif marker == 0xDA:
            return i + 2 + length, baseline, restart
        elif marker == 0xD9:
            return None
        i += 2 + length
    return None


def jpeg_damage(data: bytes) -> str | None:
    """A sentence describing damage found in JPEG ``data``, or None when it looks intact
    (or is not a baseline JPEG, which this check does not cover)."""
    if not data.startswith(b"\xff\xd8"):
        return None
    head = _header(data)
    if head is None or not head[1]:
        return None
    start, _, restart = head
    m = _BAD_OR_END.search(data, start)  # one C-speed pass; trailers after EOI are not looked at
    if m is None:
        return None  # no EOI: a truncation the decoder reports itself
    if m.group(1) != b"\xd9":
        return f"damaged image data (invalid marker 0x{m.group(1)[0]:02X} at byte {m.start()}); {_RECOVERED}"
    end = m.start()
    if restart:
        seq = b"".join(_RST.findall(data, start, end))
        expected = (_RST_CYCLE * (len(seq) // 8 + 1))[: len(seq)]
        if seq != expected:
            at = next(i for i, (a, b) in enumerate(zip(seq, expected, strict=True)) if a != b)
            return f"damaged image data (restart marker {at} out of sequence); {_RECOVERED}"
    return None
