"""A deleted photo's files are removed once its delete is committed, whichever delete took
it (its own, its product's, its cooperative's)."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import photos
from .models import ProductPhoto


@receiver(post_delete, sender=ProductPhoto)
def remove_files(sender, instance, **_signal):
    folder, widths = instance.folder, instance.width_list
    transaction.on_commit(lambda: photos.remove(folder, widths))
