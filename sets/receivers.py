"""Model events the sets follow: each receiver calls one service."""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from shop.models import Product

from .models import Set
from .services.editing import set_files_forget, sets_redraw_for_deleted_products


@receiver(pre_delete, sender=Product, dispatch_uid="sets_product_deleted")
def product_deleted(sender, instance: Product, **kwargs) -> None:
    # Before the cascade takes the items: the sets that held it must be redrawn.
    sets_redraw_for_deleted_products(product_ids=[instance.pk])


@receiver(post_delete, sender=Set, dispatch_uid="sets_set_deleted")
def set_deleted(sender, instance: Set, **kwargs) -> None:
    set_files_forget(board=instance)
