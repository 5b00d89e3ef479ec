"""The pages' side of the door (`writes`): saving a form or a formset, confirming a delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import writes


def form_page(request, form, template, context=None, *, redirect_to=None):
    """Save a valid `form` through the door and go to the saved record (or `redirect_to`);
    else, or when the door refuses, show the form with the reasons beside their fields."""
    if form.is_valid():
        try:
            record = save_form(form, by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved: %(record)s.") % {"record": record})
            return redirect(redirect_to or record)
    return render(request, template, {"form": form, **(context or {})})


def save_form(form, *, by):
    """Save a valid model form's record, and its many-to-many choices, through the door, as
    one transaction: the form's own extra records (a role's new person) are kept only if
    the record is."""
    with transaction.atomic():
        record = form.save(commit=False)
        return writes.save(
            record=record, by=by, seen=form.cleaned_data.get("version"), save_m2m=form.save_m2m
        )


def save_formset(formset, *, by):
    """Save a model formset's rows (an admin inline, an event's head-counts) through the
    door: deleted rows deleted, the others saved."""
    with transaction.atomic():
        records = formset.save(commit=False)
        for record in formset.deleted_objects:
            writes.delete(record=record, by=by)
        for record in records:
            writes.save(record=record, by=by)
        formset.save_m2m()
    return records


def add_errors(form, error: ValidationError):
    """Show the door's refusal on `form`: each message beside its field when the form has
    it, else above the form."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error)


def confirm_delete(request, record, *, done_url, cancel_url=None, consequences=list):
    """Show what deleting `record` also deletes (`consequences()`); delete it through the
    door on POST."""
    if request.method == "POST":
        try:
            with transaction.atomic():
                writes.delete(record=record, by=request.user)
        except ProtectedError as error:
            # Records that must not be lost with it (a training record, say) stop the delete.
            blockers = sorted(
                {str(blocker._meta.verbose_name_plural) for blocker in error.protected_objects}
            )
            messages.error(
                request,
                _("“%(record)s” was not deleted: it is still used by %(what)s. Remove those first.")
                % {"record": record, "what": ", ".join(blockers)},
            )
            return redirect(cancel_url or record.get_absolute_url())
        except ValidationError as error:  # deleted by someone else meanwhile
            messages.error(request, " ".join(error.messages))
            return redirect(done_url)
        messages.success(request, _("Deleted: %(record)s.") % {"record": record})
        return redirect(done_url)
    context = {
        "object": record,
        "cancel_url": cancel_url or record.get_absolute_url(),
        "consequences": consequences(),
    }
    return render(request, "confirm_delete.html", context)
