"""Draw the hlhdesk application icon (resources/icons/hlhdesk.ico and hlhdesk.png).

    .venv/bin/python packaging/make_icon.py      (needs Pillow and DejaVu Sans Bold)

Run once and commit the output; the build uses the committed files. NHS blue square with
"HLH" in white: legible at 16 px in a taskbar and on a projector.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
NHS_BLUE = (0, 94, 184, 255)
WHITE = (255, 255, 255, 255)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 6, fill=NHS_BLUE)
    font = ImageFont.truetype(FONT, int(size * 0.36))
    pen.text((size / 2, size * 0.44), "HLH", font=font, fill=WHITE, anchor="mm")
    bar = int(size * 0.06)
    pen.rectangle([size * 0.2, size * 0.70, size * 0.8, size * 0.70 + bar], fill=WHITE)
    return image


def main() -> None:
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(out / "hlhdesk.png")
    image.save(out / "hlhdesk.ico", sizes=ICO_SIZES)
    print(f"wrote {out / 'hlhdesk.png'} and {out / 'hlhdesk.ico'}")


if __name__ == "__main__":
    main()
