"""A unit's submission page as a test opens and posts it."""

from django.urls import reverse

from tests.factories import unit


def page_url(round_, code="03037"):
    return reverse("reporting:submission", args=[round_.pk, unit(code).pk])


def step_url(round_, step, code="03037"):
    return reverse("reporting:submission_step", args=[round_.pk, unit(code).pk, step])


def draft_data(**overrides):
    data = {
        name: 0
        for name in [
            "mobilisation_events",
            "trade_promotion_events",
            "media_reports",
            "awards",
            "loans_count",
            "funding_state_budget",
            "funding_credit",
            "funding_mobilised",
            "funding_cooperatives",
            "loans_amount",
        ]
    }
    return (
        data
        | {
            "media_reports": 4,
            "course_governance_courses": 2,
            "course_governance_participants": 35,
            "course_governance_female": 30,
        }
        | overrides
    )
