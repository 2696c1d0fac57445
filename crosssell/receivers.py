"""The shop's order events, received here: each only enqueues a task."""

from django.dispatch import receiver

from core.queue import enqueue_on_commit
from shop.signals import order_paid, order_refunded

from .tasks import order_count_task, order_uncount_task


@receiver(order_paid, dispatch_uid="crosssell_count_order")
def count_paid_order(sender, order, **kwargs) -> None:
    enqueue_on_commit(order_count_task, order.pk)


@receiver(order_refunded, dispatch_uid="crosssell_uncount_order")
def uncount_refunded_order(sender, order, **kwargs) -> None:
    enqueue_on_commit(order_uncount_task, order.pk)
