"""Draws the app icon (run from the project root: python resources/icons/make_icon.py)."""
from PIL import Image, ImageDraw

S = 1024
im = Image.new("RGBA", (S, S), (0, 0, 0, 0))
d = ImageDraw.Draw(im)
d.rounded_rectangle([40, 40, S - 40, S - 40], radius=200, fill=(31, 97, 141, 255))
# document
d.rounded_rectangle([250, 180, 690, 760], radius=40, fill=(255, 255, 255, 255))
for i, y in enumerate((300, 380, 460, 540)):
    d.rounded_rectangle([310, y, 630 - (i % 2) * 90, y + 34], radius=17, fill=(160, 185, 205, 255))
# magnifier
cx, cy, r = 640, 620, 150
d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(243, 156, 18, 255), width=56)
d.line([cx + 100, cy + 100, cx + 250, cy + 250], fill=(243, 156, 18, 255), width=80)
d.ellipse([cx - r + 28, cy - r + 28, cx + r - 28, cy + r - 28], fill=(255, 255, 255, 90))
for size in (256, 64, 32):
    im.resize((size, size), Image.LANCZOS).save(f"resources/icons/adjuster-{size}.png")
im.resize((512, 512), Image.LANCZOS).save("resources/icons/adjuster.png")
