"""Row locks, always taken in primary-key order so two checkouts cannot deadlock."""

from django.db.models import QuerySet

from .models import GiftCard, Order, Variant, Voucher


def variants_for_update(*, variant_ids: list[int]) -> QuerySet[Variant]:
    return Variant.objects.select_for_update().filter(pk__in=variant_ids).order_by("pk")


def voucher_for_update(*, voucher_id: int) -> QuerySet[Voucher]:
    return Voucher.objects.select_for_update().filter(pk=voucher_id)


def gift_card_for_update(*, gift_card_id: int) -> QuerySet[GiftCard]:
    return GiftCard.objects.select_for_update().filter(pk=gift_card_id)


def order_for_update(*, order_id: int) -> QuerySet[Order]:
    return Order.objects.select_for_update().filter(pk=order_id)
