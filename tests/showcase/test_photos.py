"""Product photos: only real JPEG, PNG and WebP photos within the limits are taken; they are
stored upright, without metadata, in the widths the pages ask for (showcase/photos.py)."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from demo.pictures import KINDS, product_picture
from showcase import photos

GPS_IFD = 0x8825
ORIENTATION = 0x0112


@pytest.fixture
def media(settings, tmp_path):
    """Return the empty folder that the default storage writes into during the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(folder: Path) -> list[Path]:
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def upload(image: Image.Image, as_format: str, name="photo.jpg", **params) -> SimpleUploadedFile:
    out = io.BytesIO()
    image.save(out, as_format, **params)
    return SimpleUploadedFile(name, out.getvalue())


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def camera_exif(orientation=1) -> Image.Exif:
    """Return the EXIF of a phone photo taken in Sa Pa: the camera and where it stood."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (22.0, 20.0, 9.0)  # latitude
    gps[3], gps[4] = "E", (103.0, 50.0, 38.0)  # longitude
    return exif


def test_position_and_camera_are_not_kept_in_any_stored_file(media):
    photo = upload(
        Image.new("RGB", (1600, 1200), (90, 140, 60)),
        "JPEG",
        exif=camera_exif(),
        comment=b"Nguyen Thi Mai, Ta Van",
    )
    # The test means something only if the upload does carry them.
    assert opened(photo.read()).getexif().get_ifd(GPS_IFD)

    folder = photos.new_folder()
    widths = photos.store(photos.prepare(photo), folder)

    assert widths == (320, 640, 1280)
    for width in widths:
        with default_storage.open(photos.name_of(folder, width)) as stored:
            image = opened(stored.read())
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(GPS_IFD) == {}
        assert not {"exif", "comment", "xmp", "icc_profile"} & set(image.info)


def test_phone_photo_taken_sideways_is_stored_upright():
    # The photo as it should be seen: 1200 wide, 1600 high, red above and blue below. The
    # phone saved it turned a quarter, with orientation 6 saying how to turn it back.
    upright = Image.new("RGB", (1200, 1600), "blue")
    upright.paste("red", (0, 0, 1200, 800))
    sideways = upright.transpose(Image.Transpose.ROTATE_90)
    assert sideways.size == (1600, 1200)

    prepared = photos.prepare(upload(sideways, "JPEG", exif=camera_exif(orientation=6)))

    # 1200 wide once upright: no 1280 rendition, nothing enlarged.
    assert sorted(prepared.renditions) == [320, 640]
    assert (prepared.width, prepared.height) == (640, 853)
    image = opened(prepared.renditions[640])
    assert image.size == (640, 853)
    red, green, blue = image.getpixel((320, 100))
    assert red > 200 and blue < 60
    red, green, blue = image.getpixel((320, 750))
    assert blue > 200 and red < 60
    assert ORIENTATION not in image.getexif()


@pytest.mark.parametrize(
    "size, expected",
    [
        ((2000, 1500), {320: 240, 640: 480, 1280: 960}),
        ((1280, 720), {320: 180, 640: 360, 1280: 720}),
        ((1000, 3000), {320: 960, 640: 1920}),
        # Widths from WIDTHS only: a 500 wide photo is shown at 320, not at 500.
        ((500, 400), {320: 256}),
        # Narrower than the smallest width: kept at its own size, not enlarged.
        ((200, 100), {200: 100}),
    ],
)
def test_renditions_are_made_at_the_widths_no_wider_than_the_original(size, expected):
    prepared = photos.prepare(upload(Image.new("RGB", size, "orange"), "PNG", "photo.png"))

    assert {width: opened(data).size for width, data in prepared.renditions.items()} == {
        width: (width, height) for width, height in expected.items()
    }
    largest = max(expected)
    assert (prepared.width, prepared.height) == (largest, expected[largest])


def test_webp_photo_is_taken():
    prepared = photos.prepare(upload(Image.new("RGB", (800, 600), "green"), "WEBP", "a.webp"))

    assert {width: opened(data).format for width, data in prepared.renditions.items()} == {
        320: "JPEG",
        640: "JPEG",
    }


def transparent(mode: str) -> Image.Image:
    """Return a 400×300 picture in `mode`, transparent but for an opaque red square."""
    if mode == "P":
        image = Image.new("P", (400, 300), 0)
        image.putpalette([0, 0, 0, 200, 0, 0])
        image.paste(1, (150, 100, 250, 200))
        image.info["transparency"] = 0  # palette entry 0, black, is transparent
        return image
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((200, 0, 0, 255), (150, 100, 250, 200))
    return image.convert(mode)


@pytest.mark.parametrize(
    "mode, square",
    [("RGBA", (200, 0, 0)), ("P", (200, 0, 0)), ("LA", (60, 60, 60))],  # LA: red in grey
)
def test_transparent_areas_are_flattened_on_white_not_black(mode, square):
    prepared = photos.prepare(upload(transparent(mode), "PNG", "logo.png"))

    image = opened(prepared.renditions[320])
    assert image.mode == "RGB"
    assert min(image.getpixel((5, 5))) > 245
    centre = image.getpixel((160, 120))
    assert all(abs(got - want) < 20 for got, want in zip(centre, square, strict=True))


def truncated_jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((800, 600), 64).convert("RGB").save(out, "JPEG")
    return out.getvalue()[: out.tell() // 2]


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), "yellow").save(out, "GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("photo.jpg", b"This is not a photo, only text with a photo's name.\n", "not_an_image"),
        ("photo.jpg", b"", "not_an_image"),
        ("photo.jpg", truncated_jpeg(), "not_an_image"),
        ("photo.gif", gif(), "format"),
        # A real GIF named as a JPEG is still a GIF: the content decides, not the name.
        ("photo.jpg", gif(), "format"),
    ],
)
def test_bad_file_is_refused_and_nothing_is_stored(media, monkeypatch, name, content, code):
    # As WeasyPrint leaves it once the PDF report has been made in this process.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(ValidationError) as refused:
        photos.store(photos.prepare(SimpleUploadedFile(name, content)), photos.new_folder())

    assert refused.value.code == code
    assert "JPEG, PNG hoặc WebP" in refused.value.messages[0]
    assert files_in(media) == []


class Unreadable(io.BytesIO):
    """A file whose content must not be read."""

    def read(self, *args):
        raise AssertionError("the file was read")


def test_file_over_10_mb_is_refused_before_it_is_read(media):
    too_big = Unreadable()
    too_big.size = photos.MAX_BYTES + 1

    with pytest.raises(ValidationError) as refused:
        photos.prepare(too_big)

    assert refused.value.code == "too_big"
    assert refused.value.messages == ["Ảnh lớn hơn 10 MB."]
    assert files_in(media) == []


def test_file_over_10_mb_is_refused_when_its_size_was_given_wrong():
    too_big = io.BytesIO(b"\xff\xd8" + bytes(photos.MAX_BYTES))
    too_big.size = 1000

    with pytest.raises(ValidationError) as refused:
        photos.prepare(too_big)

    assert refused.value.code == "too_big"


def test_photo_over_40_megapixels_is_refused_without_decoding_its_pixels(media, monkeypatch):
    # 8000 × 6000 = 48 megapixels of one colour: a small file, a large picture.
    bomb = upload(Image.new("1", (8000, 6000)), "PNG", "photo.png")
    assert bomb.size < 100_000
    loads = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda image: loads.append(image))

    with pytest.raises(ValidationError) as refused:
        photos.store(photos.prepare(bomb), photos.new_folder())

    assert refused.value.code == "too_many_pixels"
    assert refused.value.messages == ["Ảnh có hơn 40 megapixel. Hãy thu nhỏ ảnh rồi thử lại."]
    assert loads == []
    assert files_in(media) == []


def test_stored_photo_is_found_by_its_names_and_removed(media):
    prepared = photos.prepare(upload(Image.new("RGB", (1500, 1000), "purple"), "PNG"))
    folder = photos.new_folder()

    widths = photos.store(prepared, folder)

    assert widths == (320, 640, 1280)
    for width in widths:
        name = photos.name_of(folder, width)
        assert name == f"showcase/photos/{folder}/{width}.jpg"
        with default_storage.open(name) as stored:
            assert stored.read() == prepared.renditions[width]

    # A width that was never stored is ignored.
    photos.remove(folder, (*widths, 2560))

    assert files_in(media) == []


def test_storing_again_in_a_folder_replaces_the_files(media):
    folder = photos.new_folder()
    photos.store(photos.prepare(upload(Image.new("RGB", (400, 300), "red"), "PNG")), folder)
    second = photos.prepare(upload(Image.new("RGB", (400, 300), "blue"), "PNG"))

    photos.store(second, folder)

    assert len(files_in(media)) == 1
    with default_storage.open(photos.name_of(folder, 320)) as stored:
        assert stored.read() == second.renditions[320]


def test_photo_is_stored_whole_or_not_at_all(media, monkeypatch):
    prepared = photos.prepare(upload(Image.new("RGB", (1500, 1000), "purple"), "PNG"))
    save = default_storage.save

    def save_two_then_fail(name, content):
        if name.endswith("/1280.jpg"):
            raise OSError("No space left on device")
        return save(name, content)

    monkeypatch.setattr(default_storage, "save", save_two_then_fail)

    with pytest.raises(OSError):
        photos.store(prepared, photos.new_folder())

    assert files_in(media) == []


@pytest.mark.parametrize("kind", KINDS)
def test_demo_product_picture_is_a_png_that_photos_take(kind):
    picture = product_picture(kind, seed=7)

    assert opened(picture).format == "PNG"
    assert opened(picture).size == (1280, 960)
    assert product_picture(kind, seed=7) == picture
    assert product_picture(kind, seed=8) != picture
    upload_ = SimpleUploadedFile(f"{kind}.png", picture)
    assert sorted(photos.prepare(upload_).renditions) == [320, 640, 1280]
