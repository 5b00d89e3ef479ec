"""Template tags of training records shown on other apps' pages."""

from django import template

from training.access import training_history as history_for

register = template.Library()


@register.inclusion_tag("training/_history.html", takes_context=True)
def training_history(context, someone):
    """Render the training history of a person or a Union officer, with links to the events
    the viewer may open. The registry's person page shows it without importing this app."""
    return history_for(context["request"].user, someone.trainings.all())
