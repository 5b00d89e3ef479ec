"""Photos of products: checked by decoding, re-encoded without metadata, stored in a few widths.

The rules, as the issue states them:
- An upload is a JPEG, PNG or WebP photo, known by decoding it (not by its name), of at most
  MAX_BYTES and MAX_PIXELS. A bad file raises ValidationError with a message naming the limit
  or the accepted formats, before anything is stored.
- The photo is turned upright as its EXIF orientation says, then re-encoded as JPEG: every
  piece of metadata (EXIF with camera and GPS position, comments, XMP) is left behind.
  Transparent areas are flattened on white; a colour profile is applied, then dropped.
- Renditions are made at the WIDTHS no wider than the original, for `srcset`; an original
  narrower than the smallest width is kept at its own width alone. Nothing is enlarged.
- Files go through Django's default storage (the disk by default, S3-compatible storage by
  configuration) at `showcase/photos/<folder>/<width>.jpg`.
"""

import io
import struct
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
WIDTHS = (320, 640, 1280)
FORMATS = ("JPEG", "PNG", "WEBP")
FOLDER = "showcase/photos"
QUALITY = 82

# What Pillow raises on a file it cannot decode: a damaged header, truncated data, broken EXIF.
DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    Image.DecompressionBombError,
    UnidentifiedImageError,
)
# EXIF orientations that turn the picture a quarter: its width and height swap.
QUARTER_TURNS = (5, 6, 7, 8)
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Prepared:
    width: int  # of the largest rendition
    height: int
    renditions: dict[int, bytes]  # width → JPEG bytes


def prepare(upload) -> Prepared:
    """Return the renditions of an uploaded photo (a Django UploadedFile or any file-like
    object with .size, .read and .seek), or raise ValidationError if it is not one we take."""
    if upload.size > MAX_BYTES:
        raise _too_big()
    upload.seek(0)
    # Read one byte more than allowed: a file-like object whose .size is wrong is caught too.
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_big()
    try:
        # Image.open reads the header only: format and size are known before any pixel is.
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise _too_many_pixels() from error
    except DECODE_ERRORS as error:
        raise _not_an_image() from error
    if image.format not in FORMATS:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP photo."), code="format")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    try:
        with strict_decoding():
            renditions = _renditions(image)
    except DECODE_ERRORS as error:
        raise _not_an_image() from error
    largest = renditions[max(renditions)]
    return Prepared(
        width=largest.width,
        height=largest.height,
        renditions={width: _jpeg(rendition) for width, rendition in renditions.items()},
    )


# WeasyPrint, once imported (the PDF report), sets Pillow's LOAD_TRUNCATED_IMAGES for the
# whole process, and a truncated upload would then be padded with grey instead of refused.
# The photos are decoded with it off, one at a time (the setting is the process's).
_DECODING = threading.Lock()


@contextmanager
def strict_decoding():
    """Decode with truncated files refused, whatever another library set."""
    with _DECODING:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def name_of(folder: str, width: int) -> str:
    """Return the storage name of the rendition `width` of the photo in `folder`."""
    return f"{FOLDER}/{folder}/{width}.jpg"


def new_folder() -> str:
    """Return a new folder name for a photo: random, so a name neither clashes nor tells."""
    return uuid.uuid4().hex


def store(prepared: Prepared, folder: str) -> tuple[int, ...]:
    """Save the renditions in `folder` of the default storage and return their widths."""
    stored = []
    try:
        for width in sorted(prepared.renditions):
            name = name_of(folder, width)
            # A file of that name is replaced: the disk storage would otherwise save under
            # another name, and name_of() would no longer find it.
            default_storage.delete(name)
            default_storage.save(name, ContentFile(prepared.renditions[width]))
            stored.append(width)
    except Exception:
        # All of a photo or none of it: no half-stored photo is left behind.
        remove(folder, stored)
        raise
    return tuple(stored)


def remove(folder: str, widths) -> None:
    """Delete the renditions `widths` of the photo in `folder`; missing files are ignored."""
    for width in widths:
        default_storage.delete(name_of(folder, width))


def _renditions(image: Image.Image) -> dict[int, Image.Image]:
    """Return the upright RGB renditions of a checked image by width; loads its pixels."""
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    width, height = image.size
    if orientation in QUARTER_TURNS:
        width, height = height, width
    widths = [w for w in WIDTHS if w <= width] or [width]
    # A JPEG can be decoded at 1/2, 1/4 or 1/8 of its size, much faster and smaller in memory;
    # still at least the largest width both ways, whichever way up the photo stands.
    image.draft(None, (WIDTHS[-1], WIDTHS[-1]))
    image.load()
    ImageOps.exif_transpose(image, in_place=True)
    upright = _flat_srgb(image)
    return {
        # Heights from the original's proportions: a drafted size is rounded.
        w: upright.resize(
            (w, max(1, round(height * w / width))), Image.Resampling.LANCZOS, reducing_gap=3.0
        )
        for w in widths
    }


def _flat_srgb(image: Image.Image) -> Image.Image:
    """Return the image in sRGB colours, transparency flattened on white, without metadata."""
    icc = image.info.get("icc_profile")
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
    elif icc and image.mode in ("RGB", "CMYK", "L"):
        try:
            flat = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode="RGB"
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            # A broken profile: the colours are taken as they are rather than refusing a photo.
            flat = image.convert("RGB")
    else:
        flat = image.convert("RGB")
    # Pillow copies `info` from image to image and writes a JPEG comment from it when saving.
    flat.info = {}
    return flat


def _jpeg(image: Image.Image) -> bytes:
    """Return the image as progressive JPEG bytes; nothing is passed that adds metadata."""
    out = io.BytesIO()
    image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def _too_big() -> ValidationError:
    return ValidationError(
        _("The photo is larger than %(megabytes)d MB."),
        code="too_big",
        params={"megabytes": MAX_BYTES // (1024 * 1024)},
    )


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("The photo has more than %(megapixels)d megapixels. Make it smaller and try again."),
        code="too_many_pixels",
        params={"megapixels": MAX_PIXELS // 1_000_000},
    )


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("This file could not be read as a photo. Upload a JPEG, PNG or WebP photo."),
        code="not_an_image",
    )
