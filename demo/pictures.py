"""Product pictures the project draws itself, for the demo showcase (no photo is downloaded).

`product_picture(kind, seed)` returns a PNG of a simple illustration of a product of the
cooperatives. The seed moves leaves, cells, stripes and mushrooms, so two products of one kind
differ, and one seed gives the same picture on every run.
"""

import io
import math
import random

from PIL import Image, ImageDraw

KINDS = ("tea", "honey", "brocade", "rice", "mushroom", "herbs")
# Drawn at twice the default size, then shrunk: ImageDraw does not smooth edges by itself.
W, H = 2560, 1920
GREENS = [(58, 122, 58), (84, 150, 66), (40, 98, 52), (112, 168, 80)]


def product_picture(kind: str, seed: int = 0, size=(1280, 960)) -> bytes:
    """Return the PNG bytes of a drawn product of `kind` (one of KINDS), the same for a seed."""
    if kind not in KINDS:
        raise ValueError(f"No picture is drawn for {kind!r}; the kinds are {KINDS}.")
    # A string seed is hashed with SHA-512: the same numbers in every process.
    # B311 does not apply: the numbers place leaves and stripes in a drawing, no secret.
    rng = random.Random(f"{kind}:{seed}")  # nosec B311
    image = Image.new("RGB", (W, H))
    DRAWINGS[kind](ImageDraw.Draw(image), rng)
    out = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def _backdrop(draw, top, bottom, table):
    """Draw a wall shading from `top` to `bottom` and a table across the lower quarter."""
    for y in range(H):
        draw.line(
            [(0, y), (W, y)],
            fill=tuple(round(a + (b - a) * y / H) for a, b in zip(top, bottom, strict=True)),
        )
    draw.rectangle([0, H * 0.74, W, H], fill=table)


def _leaf(draw, x, y, length, angle, fill, vein=(200, 230, 170)):
    """Draw a leaf growing from (x, y) towards `angle` (radians), with its middle vein."""
    cos, sin = math.cos(angle), math.sin(angle)
    side = [(t / 12 * length, math.sin(math.pi * t / 12) ** 0.8 * length * 0.22) for t in range(13)]
    outline = side + [(u, -v) for u, v in reversed(side)]
    draw.polygon([(x + u * cos - v * sin, y + u * sin + v * cos) for u, v in outline], fill=fill)
    draw.line([(x, y), (x + length * cos * 0.9, y + length * sin * 0.9)], fill=vein, width=6)


def _hexagon(draw, x, y, r, fill, outline):
    corners = [
        (x + r * math.cos(math.pi / 3 * i), y + r * math.sin(math.pi / 3 * i)) for i in range(6)
    ]
    draw.polygon(corners, fill=fill, outline=outline, width=10)


def _tea(draw, rng):
    _backdrop(draw, (240, 244, 228), (214, 228, 196), (146, 104, 72))
    cx, rim = W * 0.4, H * 0.5
    draw.ellipse([cx - 640, rim + 330, cx + 640, rim + 530], fill=(232, 232, 222))  # saucer
    draw.rectangle([cx - 150, rim + 360, cx + 150, rim + 450], fill=(224, 224, 214))  # foot
    draw.chord([cx - 480, rim - 420, cx + 480, rim + 420], 0, 180, fill=(248, 248, 240))
    draw.ellipse([cx - 480, rim - 80, cx + 480, rim + 80], fill=(250, 250, 244))
    draw.ellipse([cx - 440, rim - 62, cx + 440, rim + 62], fill=(176, 168, 70))  # green tea
    for _ in range(rng.randint(8, 12)):
        x, y = rng.uniform(W * 0.64, W * 0.96), rng.uniform(H * 0.15, H * 0.92)
        _leaf(draw, x, y, rng.uniform(240, 420), rng.uniform(0, 2 * math.pi), rng.choice(GREENS))


def _honey(draw, rng):
    _backdrop(draw, (255, 244, 216), (248, 222, 168), (118, 80, 50))
    r = 120
    for col in range(7):
        for row in range(5):
            if rng.random() < 0.8:
                x, y = W * 0.52 + col * 1.5 * r, H * 0.08 + (row + col % 2 / 2) * r * math.sqrt(3)
                _hexagon(draw, x, y, r - 6, (240, 176, 48), (196, 126, 30))
    cx = W * 0.33
    draw.rounded_rectangle([cx - 420, H * 0.36, cx + 420, H * 0.88], 150, fill=(218, 140, 24))
    draw.rounded_rectangle([cx - 330, H * 0.42, cx - 250, H * 0.8], 40, fill=(240, 184, 72))
    draw.rounded_rectangle([cx - 340, H * 0.27, cx + 340, H * 0.37], 36, fill=(140, 88, 48))
    draw.rounded_rectangle([cx - 260, H * 0.5, cx + 300, H * 0.72], 30, fill=(250, 240, 214))
    _hexagon(draw, cx + 20, H * 0.61, 100, (240, 176, 48), (160, 100, 30))


def _brocade(draw, rng):
    colours = [(184, 32, 50), (240, 190, 40), (24, 120, 84), (236, 232, 220), (214, 96, 36)]
    rng.shuffle(colours)
    draw.rectangle([0, 0, W, H], fill=(26, 30, 64))  # indigo ground
    y, band = 0, 0
    while y < H:
        high, colour, other = rng.choice((80, 160, 320)), colours[band % 5], colours[(band + 2) % 5]
        if high == 320:  # a row of nested diamonds with a cross at the heart
            for x in range(0, W + 320, 320):
                for k, fill in ((150, colour), (100, (26, 30, 64)), (60, other)):
                    draw.polygon(
                        [(x, y + 160 - k), (x + k, y + 160), (x, y + 160 + k), (x - k, y + 160)],
                        fill=fill,
                    )
                draw.line([(x - 30, y + 160), (x + 30, y + 160)], fill=(26, 30, 64), width=12)
                draw.line([(x, y + 130), (x, y + 190)], fill=(26, 30, 64), width=12)
        elif high == 160:  # a zigzag band
            points = [(x, y + (20 if x // 80 % 2 else 140)) for x in range(0, W + 160, 80)]
            draw.line(points, fill=colour, width=36, joint="curve")
        else:  # a stripe with small checks
            draw.rectangle([0, y + 10, W, y + 70], fill=colour)
            for x in range(rng.randrange(40), W, 80):
                draw.rectangle([x, y + 28, x + 24, y + 52], fill=other)
        y, band = y + high, band + 1


def _rice(draw, rng):
    _backdrop(draw, (206, 230, 246), (236, 244, 236), (120, 88, 60))
    for i in range(9):  # terraces down the hill, each overlapping the one above
        top, shift = H * (0.16 + i * 0.075), rng.uniform(-200, 200)
        fill = rng.choice(GREENS + [(214, 190, 84)])
        draw.ellipse(
            [-W * 0.4 + shift, top, W * 1.4 + shift, top + H * 0.7],
            fill=fill,
            outline=(190, 210, 140),
            width=14,
        )
    cx, rim = W * 0.5, H * 0.6
    draw.rectangle([0, H * 0.8, W, H], fill=(120, 88, 60))
    draw.chord([cx - 620, rim - 260, cx + 620, rim + 240], 180, 360, fill=(252, 252, 248))  # rice
    for _ in range(160):
        x, y = rng.uniform(cx - 480, cx + 480), rng.uniform(rim - 200, rim - 10)
        draw.ellipse([x, y, x + 26, y + 12], fill=(232, 230, 220))
    draw.chord([cx - 620, rim - 420, cx + 620, rim + 420], 0, 180, fill=(244, 246, 250))  # bowl
    draw.arc([cx - 560, rim - 360, cx + 560, rim + 330], 20, 160, fill=(40, 80, 170), width=24)
    draw.line([(cx + 300, rim - 340), (cx + 900, rim + 300)], fill=(120, 70, 36), width=30)
    draw.line([(cx + 380, rim - 360), (cx + 960, rim + 260)], fill=(120, 70, 36), width=30)


def _mushroom(draw, rng):
    _backdrop(draw, (232, 226, 212), (206, 194, 172), (96, 72, 50))
    count = rng.randint(3, 5)
    for i in range(count):  # spread along the board, each a little off its place
        x = W * (0.1 + 0.8 * (i + 0.5) / count) + rng.uniform(-60, 60)
        r, base = rng.uniform(180, 880 / count + 110), H * rng.uniform(0.82, 0.92)
        top = base - r * 1.6
        draw.rounded_rectangle(
            [x - r * 0.22, top - r * 0.2, x + r * 0.22, base], int(r * 0.1), fill=(238, 226, 200)
        )
        draw.chord([x - r, top - r * 0.8, x + r, top + r * 0.5], 180, 360, fill=(128, 78, 44))
        for _ in range(5):  # the pale cracks of a shiitake cap
            sx, sy = x + rng.uniform(-0.6, 0.6) * r, top - r * rng.uniform(0.3, 0.65)
            draw.ellipse([sx - 22, sy - 12, sx + 22, sy + 12], fill=(196, 160, 120))


def _herbs(draw, rng):
    _backdrop(draw, (238, 244, 232), (218, 232, 212), (172, 134, 98))
    knot = (W * 0.5, H * 0.74)
    for _ in range(rng.randint(9, 13)):
        angle, length = -math.pi / 2 + rng.uniform(-0.7, 0.7), rng.uniform(700, 1150)
        cos, sin = math.cos(angle), math.sin(angle)
        tip, stalk = (
            (knot[0] + cos * length, knot[1] + sin * length),
            (knot[0] - cos * 260, knot[1] - sin * 260),
        )
        draw.line([stalk, tip], fill=(70, 110, 50), width=14)
        for step in range(3, 11):
            x, y = knot[0] + cos * length * step / 10, knot[1] + sin * length * step / 10
            for turn in (-0.8, 0.8):
                _leaf(draw, x, y, rng.uniform(110, 180), angle + turn, rng.choice(GREENS))
    draw.rounded_rectangle(
        [knot[0] - 90, knot[1] - 30, knot[0] + 90, knot[1] + 40], 20, fill=(190, 40, 50)
    )


DRAWINGS = {
    "tea": _tea,
    "honey": _honey,
    "brocade": _brocade,
    "rice": _rice,
    "mushroom": _mushroom,
    "herbs": _herbs,
}
