"""Non-destructive annotations: vector shapes stored as JSON on the photo record and drawn only onto
derivative copies, never onto the original.

Coordinates are fractions (0–1) of the *upright* image's width (x) and height (y), so one
annotation fits the thumbnail, the view and any future size. Stroke widths, radii and text sizes
are fractions of the image's long side. Schema (one object per shape)::

    {"type": "arrow",   "x1", "y1", "x2", "y2"}            head at (x2, y2)
    {"type": "rect",    "x", "y", "w", "h"}
    {"type": "circle",  "cx", "cy", "r"}
    {"type": "text",    "x", "y", "text", "size"?}          (x, y) = top-left of the text
    {"type": "measure", "x1", "y1", "x2", "y2", "label"}    a dimension line with its reading
    common optional keys: "color" ("#rrggbb"), "width" (stroke), "id", "note" (not drawn)
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from adjuster.domain.errors import ValidationError
from adjuster.resources import resource_path

MAX_SHAPES = 500
MAX_TEXT = 500
DEFAULT_COLOR = "#ff3b30"
DEFAULT_WIDTH = 0.005
DEFAULT_TEXT_SIZE = 0.035

_REQUIRED: dict[str, tuple[str, ...]] = {
    "arrow": ("x1", "y1", "x2", "y2"),
    "rect": ("x", "y", "w", "h"),
    "circle": ("cx", "cy", "r"),
    "text": ("x", "y"),
    "measure": ("x1", "y1", "x2", "y2"),
}
_POSITIONS = {"x1", "y1", "x2", "y2", "x", "y", "cx", "cy"}
_SIZES = {"w", "h", "r", "width", "size"}
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(path, "must be a number")
    return float(value)


def validate_annotations(shapes: Any, *, prefix: str = "annotations") -> list[dict[str, Any]]:
    """Check and normalise an annotation list; raises ValidationError naming the bad field."""
    if not isinstance(shapes, list):
        raise ValidationError(prefix, "must be a list of shapes")
    if len(shapes) > MAX_SHAPES:
        raise ValidationError(prefix, f"at most {MAX_SHAPES} shapes")
    out: list[dict[str, Any]] = []
    for i, shape in enumerate(shapes):
        at = f"{prefix}[{i}]"
        if not isinstance(shape, dict):
            raise ValidationError(at, "must be an object")
        kind = shape.get("type")
        if kind not in _REQUIRED:
            raise ValidationError(f"{at}.type", f"must be one of {', '.join(_REQUIRED)}")
        clean: dict[str, Any] = {"type": kind}
        for key in _REQUIRED[kind]:
            if key not in shape:
                raise ValidationError(f"{at}.{key}", "is required")
        for key, value in shape.items():
            if key == "type":
                continue
            if key in _POSITIONS:
                v = _number(value, f"{at}.{key}")
                if not -0.01 <= v <= 1.01:
                    raise ValidationError(f"{at}.{key}", "must be between 0 and 1 (a fraction of the image)")
                clean[key] = min(1.0, max(0.0, v))
            elif key in _SIZES:
                v = _number(value, f"{at}.{key}")
                limit = 1.0 if key in ("w", "h", "r") else 0.25
                if not 0 <= v <= limit:
                    raise ValidationError(f"{at}.{key}", f"must be between 0 and {limit:g}")
                clean[key] = v
            elif key == "color":
                if not isinstance(value, str) or not _COLOR_RE.match(value):
                    raise ValidationError(f"{at}.color", "must look like #rrggbb")
                clean[key] = value.lower()
            elif key in ("text", "label", "note", "id"):
                if not isinstance(value, str) or len(value) > MAX_TEXT:
                    raise ValidationError(f"{at}.{key}", f"must be text of at most {MAX_TEXT} characters")
                clean[key] = value
            else:
                raise ValidationError(f"{at}.{key}", "is not an annotation field")
        if kind == "text" and not clean.get("text", "").strip():
            raise ValidationError(f"{at}.text", "is required")
        if kind == "rect" and (clean["x"] + clean["w"] > 1.01 or clean["y"] + clean["h"] > 1.01):
            raise ValidationError(f"{at}.w", "the rectangle reaches outside the image")
        out.append(clean)
    return out


@functools.lru_cache(maxsize=32)
def font(size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A CJK-capable TrueType font (the one the reports embed) at ``size_px``; Pillow's default
    scalable font when the resource is missing."""
    font_dir = resource_path("fonts")
    for candidate in sorted(font_dir.glob("*.tt[cf]")) if font_dir.is_dir() else []:
        try:
            return ImageFont.truetype(str(candidate), size_px, index=0)
        except OSError:
            continue
    return ImageFont.load_default(size=size_px)


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _label(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, color: Any, *, anchor: str = "la") -> None:
    f = font(size)
    draw.text(xy, text, font=f, fill=color, anchor=anchor, stroke_width=max(1, size // 10), stroke_fill=(0, 0, 0))


def render_annotations(image: Image.Image, shapes: list[dict[str, Any]]) -> Image.Image:
    """Draw validated ``shapes`` onto a copy of an upright RGB ``image``; returns the copy."""
    out = image.convert("RGB") if image.mode != "RGB" else image.copy()
    draw = ImageDraw.Draw(out)
    w, h = out.size
    long = max(w, h)
    for s in shapes:
        color = _rgb(s.get("color", DEFAULT_COLOR))
        stroke = max(1, round(s.get("width", DEFAULT_WIDTH) * long))
        kind = s["type"]
        if kind == "rect":
            x0, y0 = s["x"] * w, s["y"] * h
            draw.rectangle((x0, y0, x0 + s["w"] * w, y0 + s["h"] * h), outline=color, width=stroke)
        elif kind == "circle":
            cx, cy, r = s["cx"] * w, s["cy"] * h, s["r"] * long
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=stroke)
        elif kind in ("arrow", "measure"):
            x1, y1, x2, y2 = s["x1"] * w, s["y1"] * h, s["x2"] * w, s["y2"] * h
            draw.line((x1, y1, x2, y2), fill=color, width=stroke)
            angle = math.atan2(y2 - y1, x2 - x1)
            if kind == "arrow":
                head = max(6.0, stroke * 4.0)
                pts = [(x2, y2)] + [
                    (x2 - head * math.cos(angle + d), y2 - head * math.sin(angle + d)) for d in (0.45, -0.45)
                ]
                draw.polygon(pts, fill=color)
            else:
                tick = max(4.0, stroke * 3.0)
                nx, ny = -math.sin(angle) * tick, math.cos(angle) * tick
                for px, py in ((x1, y1), (x2, y2)):
                    draw.line((px - nx, py - ny, px + nx, py + ny), fill=color, width=stroke)
                if s.get("label"):
                    size = max(8, round(s.get("size", DEFAULT_TEXT_SIZE) * long))
                    _label(draw, ((x1 + x2) / 2 + nx * 1.5, (y1 + y2) / 2 + ny * 1.5), s["label"], size, color, anchor="mm")
        elif kind == "text":
            size = max(8, round(s.get("size", DEFAULT_TEXT_SIZE) * long))
            _label(draw, (s["x"] * w, s["y"] * h), s["text"], size, color)
    return out
