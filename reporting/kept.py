"""The provincial report's files and pages, kept once made.

Rendering the PDF, writing the workbook or summing a national round takes from a third of a
second to seconds, and what they show changes only when a unit's report, the Union's text, a
name or a target does. Each is kept under a key computed from everything it shows, so a
change of any input gives a new key:

- files (`kept`) in `media/reports/`: the PDF under the hash of its HTML, the workbook under
  the round's fingerprint; the stale file of that kind is removed;
- the parts of pages that show the roll-up (`kept_html`) in Django's cache, under the round's
  fingerprint, the language, what else the page depends on, and the release (renewed by every
  `migrate`, so that new code never serves a page kept by the old).

`fingerprint` reads what the roll-up of a round is made of, without the figures: the round,
its expected units as named now (and their parents), each submission's state and last change
(every save of a submission sets `updated_at`, and only services, forms and the admin save
them), the indicators, their targets and the plan's phases. A few queries of a few
milliseconds each instead of the roll-up's decoding of every frozen figure.
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.utils import translation

from config.caching import digest, kept_value, marker, renew
from targets.models import Indicator, Phase, Target

RELEASE_KEY = "reporting:release"


def report_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "reports"


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


def fingerprint(round_) -> str:
    """The key of everything the roll-up of `round_` shows (see the module docstring)."""
    units = round_.expected_units.values_list(
        "pk", "code_set", "code", "name", "kind", "valid_from", "valid_to",
        "parent__name", "parent__kind",
    ).order_by("pk")  # fmt: skip
    submissions = round_.submissions.values_list("pk", "unit_id", "state", "updated_at")
    plan = [
        list(Indicator.objects.values_list()),
        list(Target.objects.values_list()),
        # The phase of the round's day picks its targets: a phase's new dates change them.
        list(Phase.objects.values_list()),
    ]
    inputs = [
        translation.get_language(),
        [
            round_.pk,
            round_.year,
            round_.kind,
            round_.title,
            round_.period_start,
            round_.period_end,
            round_.due_before,
        ],  # fmt: skip
        list(units),
        list(submissions.order_by("pk")),
        plan,
    ]
    return digest(json.dumps(inputs, default=str))


def new_release():
    """Renewed by every `migrate`: pages kept by the code before are no longer read."""
    renew(RELEASE_KEY)


def kept_html(round_, name: str, variant: str, render: Callable[[], str]) -> str:
    """Return the part `name` of a page about `round_` (`variant`: what else it depends on,
    e.g. the page number), rendering and keeping it when there is none."""
    release = marker(RELEASE_KEY)
    key = f"report-html:{name}:{round_.pk}:{fingerprint(round_)}:{release}:{digest(variant)}"
    return kept_value(key, render)
