"""The merchant's controls on the lists (pins, hidden pairs, exclusions).

Every write here forgets what it changes, so the next shopper sees it at once;
the admin saves and deletes through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ..cache import lists_forget, rules_forget
from ..models import Exclusion, HiddenPair, PinnedPartner


def _forget_after(products: set[int], *, rules: bool = False) -> None:
    def forget() -> None:
        lists_forget(products)
        if rules:
            rules_forget()

    forget()
    transaction.on_commit(forget)


def pin_save(*, pin: PinnedPartner, old_product_id: int | None = None) -> None:
    pin.save()
    _forget_after({pin.product_id, old_product_id} - {None})


def pins_delete(*, pins: Iterable[PinnedPartner]) -> None:
    pins = list(pins)
    PinnedPartner.objects.filter(pk__in=[p.pk for p in pins]).delete()
    _forget_after({p.product_id for p in pins})


def hidden_pair_save(*, pair: HiddenPair, old_ids: Iterable[int] = ()) -> None:
    if pair.product_a_id > pair.product_b_id:
        pair.product_a_id, pair.product_b_id = pair.product_b_id, pair.product_a_id
    pair.save()
    _forget_after({pair.product_a_id, pair.product_b_id, *old_ids} - {None})


def hidden_pairs_delete(*, pairs: Iterable[HiddenPair]) -> None:
    pairs = list(pairs)
    HiddenPair.objects.filter(pk__in=[p.pk for p in pairs]).delete()
    _forget_after({p.product_a_id for p in pairs} | {p.product_b_id for p in pairs})


def exclusion_save(*, exclusion: Exclusion) -> None:
    exclusion.save()
    _forget_after(set(), rules=True)


def exclusions_delete(*, exclusions: Iterable[Exclusion]) -> None:
    Exclusion.objects.filter(pk__in=[e.pk for e in exclusions]).delete()
    _forget_after(set(), rules=True)
