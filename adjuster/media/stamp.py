"""Evidence stamp: capture time, position, claim number and the hash prefix burnt into a *copy* of a
photo for reports, so a printed page can be matched back to the untouched original."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from PIL import Image, ImageDraw

from adjuster.media.annotate import font

SHA_PREFIX = 12


@dataclass(frozen=True)
class StampInfo:
    """What the stamp shows. Build it from the photo record and the case."""

    sha256: str
    taken_at: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    claim_no: str = ""
    label: str = ""  # optional extra words, e.g. the adjuster's name

    @classmethod
    def for_photo(cls, photo: Any, claim_no: str = "", label: str = "") -> StampInfo:
        """From anything with sha256 / taken_at / gps_lat / gps_lon attributes (a Photo record)."""
        return cls(
            sha256=photo.sha256,
            taken_at=getattr(photo, "taken_at", None),
            gps_lat=getattr(photo, "gps_lat", None),
            gps_lon=getattr(photo, "gps_lon", None),
            claim_no=claim_no,
            label=label,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        first = [self.taken_at.replace("T", " ") if self.taken_at else "time unknown"]
        if self.gps_lat is not None and self.gps_lon is not None:
            first.append(format_position(self.gps_lat, self.gps_lon))
        second = []
        if self.claim_no:
            second.append(f"Claim {self.claim_no}")
        second.append(f"SHA-256 {self.sha256[:SHA_PREFIX]}")
        if self.label:
            second.append(self.label)
        return ["  ·  ".join(first), "  ·  ".join(second)]


def format_position(lat: float, lon: float) -> str:
    """``43.467448 N, 11.885127 E`` (6 decimals ≈ 0.1 m)."""
    return f"{abs(lat):.6f} {'N' if lat >= 0 else 'S'}, {abs(lon):.6f} {'E' if lon >= 0 else 'W'}"


def render_stamp(image: Image.Image, info: StampInfo) -> Image.Image:
    """A copy of ``image`` with a translucent band and the stamp text along the bottom."""
    base = image.convert("RGBA")
    w, h = base.size
    size = max(9, round(min(w, h) * 0.03))
    lines = info.lines()
    pad = max(3, size // 3)
    band_h = len(lines) * (size + pad) + pad
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle((0, h - band_h, w, h), fill=(0, 0, 0, 150))
    f = font(size)
    y = h - band_h + pad
    for line in lines:
        draw.text((pad * 2, y), line, font=f, fill=(255, 255, 255, 255))
        y += size + pad
    return Image.alpha_composite(base, overlay).convert("RGB")
