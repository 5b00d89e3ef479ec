"""The provincial report's files, kept once made.

Rendering the PDF or writing the workbook of a national round takes seconds, and what they
show changes only when a unit's report, the Union's text or a name does. Each file is kept
under a key computed from everything it shows (`digest`), so a change of any input gives a
new key and a new file, and the stale file of that kind is removed.
"""

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings


def report_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "reports"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def kept(round_, key: str, suffix: str, make: Callable[[], bytes]) -> bytes:
    """Return the round's `suffix` file kept under `key`, making (and keeping) it with
    `make()` when there is none."""
    folder = report_dir()
    path = folder / f"round-{round_.pk}-{key}.{suffix}"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    content = make()
    folder.mkdir(parents=True, exist_ok=True)
    # Written aside and moved into place, so a reader never sees half a file.
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(content)
    os.replace(partial, path)
    for old in folder.glob(f"round-{round_.pk}-*.{suffix}"):
        if old != path:
            old.unlink(missing_ok=True)
    return content
