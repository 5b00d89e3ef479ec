"""The indicator figures a submission freezes (`Submission.indicators`), written and read here
only.

A submission stores `targets.indicators.Figure`s as JSON, one object per indicator code with
all three keys, None included:

    {"HTX_SUPPORTED": {"actual": 3, "numerator": null, "denominator": null},
     "MANAGERS_TRAINED_PCT": {"actual": 50.0, "numerator": 1, "denominator": 2}, ...}

Stored submissions and backups hold this shape, so it changes only with a data migration.
A percentage is told from a count by its denominator not being None.
"""

from targets.indicators import Figure


def freeze(figures: dict[str, Figure]) -> dict:
    """Return `figures` as a submission stores them."""
    # Written out key by key, so that a new field of Figure does not change what is stored.
    return {
        code: {"actual": f.actual, "numerator": f.numerator, "denominator": f.denominator}
        for code, f in figures.items()
    }


def thaw(data: dict | None) -> dict[str, Figure]:
    """Return the figures stored by `freeze` (none before the submission was submitted)."""
    return {
        code: Figure(
            actual=values.get("actual"),
            numerator=values.get("numerator"),
            denominator=values.get("denominator"),
        )
        for code, values in (data or {}).items()
    }


def frozen_actual(data: dict | None, code: str):
    """Return the actual value of `code` stored by `freeze` (None if it is not there)."""
    # Read without building every Figure: the board asks this of each of thousands of units.
    return (data or {}).get(code, {}).get("actual")


def frozen_items(data: dict | None):
    """Yield (code, actual, numerator, denominator) of the figures stored by `freeze`."""
    # Without building every Figure: the roll-up sums those of thousands of units.
    for code, values in (data or {}).items():
        yield code, values.get("actual"), values.get("numerator"), values.get("denominator")
