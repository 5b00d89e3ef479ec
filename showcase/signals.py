"""What the showcase keeps in step with the registry, whichever path wrote it: a deleted
photo's files, the public search text of a page whose cooperative or products changed, and
what the public pages keep (kept.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cooperatives.models import Cooperative, OcopProduct
from org.writes import written

from . import photos
from .kept import showcase_changed
from .models import LeaderConsent, ProductPhoto, Publication, SalesPoint, renew_search_text

# A save or delete of any record the public pages show renews what they keep (kept.py).
for model in (Publication, OcopProduct, ProductPhoto, SalesPoint, LeaderConsent):
    post_save.connect(showcase_changed, sender=model, dispatch_uid=f"showcase-{model.__name__}")
    post_delete.connect(showcase_changed, sender=model, dispatch_uid=f"showcase-{model.__name__}-")


@receiver(post_delete, sender=ProductPhoto)
def remove_files(sender, instance, **_signal):
    folder, widths = instance.folder, instance.width_list
    transaction.on_commit(lambda: photos.remove(folder, widths))


@receiver(post_save, sender=Cooperative)
def cooperative_saved(sender, instance, raw=False, **_signal):
    if not raw:
        renew_search_text([instance.pk])


@receiver(post_save, sender=OcopProduct)
@receiver(post_delete, sender=OcopProduct)
def product_changed(sender, instance, raw=False, **_signal):
    if not raw:
        renew_search_text([instance.cooperative_id])


@receiver(written, sender=Cooperative)
@receiver(written, sender=OcopProduct)
def bulk_written(sender, records=(), **_signal):
    """An import's bulk write sends no post_save: it says `written` instead."""
    ids = [r.pk if sender is Cooperative else r.cooperative_id for r in records]
    renew_search_text(ids)
    if sender is OcopProduct:
        showcase_changed()
