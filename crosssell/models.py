"""Co-purchase statistics: baskets per product, baskets per pair, and the total.

A basket is one paid order; a product counts once per basket whatever its quantity.
Pairs are stored once, with ``product_a_id < product_b_id``; their primary key is
``(a << 32) | b`` so a rebuilt table needs no sequence and can be swapped in whole.
"""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from shop.models import Category, Order, Product


class CountedOrder(models.Model):
    """An order whose pairs are in the counts: the guard that makes counting exactly once."""

    order = models.OneToOneField(
        Order, primary_key=True, related_name="+", on_delete=models.CASCADE
    )
    counted_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"order {self.order_id}"


class BasketTotal(models.Model):
    """One row (id=1): the number of baskets counted."""

    baskets = models.BigIntegerField(default=0)
    recomputed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.baskets} baskets"


class ProductStat(models.Model):
    product = models.OneToOneField(
        Product,
        primary_key=True,
        related_name="+",
        on_delete=models.CASCADE,
        db_constraint=False,
    )
    baskets = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.product_id}: {self.baskets}"


class PairStat(models.Model):
    id = models.BigIntegerField(primary_key=True)
    # No single-column indexes: the two composite ones below serve every lookup, and
    # the full recompute rebuilds exactly these by name.
    product_a = models.ForeignKey(
        Product,
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
    )
    product_b = models.ForeignKey(
        Product,
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
    )
    together = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["product_a", "together"], name="crosssell_pair_a"),
            models.Index(fields=["product_b", "together"], name="crosssell_pair_b"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(product_a__lt=F("product_b")), name="crosssell_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_a_id}+{self.product_b_id}: {self.together}"


class ProductCrosssells(models.Model):
    """The ranked partners of one product, computed off the hot path.

    ``partners`` is a list of ``[product_id, together, score]``, best first, already
    filtered by minimum support. Serving reads this one row by primary key (or the
    cache in front of it) and never scores a pair per request.
    """

    product = models.OneToOneField(
        Product,
        primary_key=True,
        related_name="+",
        on_delete=models.CASCADE,
        db_constraint=False,
    )
    partners = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)
    is_stale = models.BooleanField(default=False, db_index=True)

    class Meta:
        verbose_name = "partner list"
        verbose_name_plural = "partner lists"

    def __str__(self) -> str:
        return f"cross-sells of {self.product_id}"


class PinnedPartner(models.Model):
    """A merchant's manual cross-sell: shown first, in position order."""

    product = models.ForeignKey(Product, related_name="+", on_delete=models.CASCADE)
    partner = models.ForeignKey(Product, related_name="+", on_delete=models.CASCADE)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["product", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "partner"], name="crosssell_pin_unique"
            ),
            models.CheckConstraint(
                condition=~Q(product=F("partner")), name="crosssell_pin_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} → {self.partner}"


class HiddenPair(models.Model):
    """A pair the merchant never wants shown, in either direction."""

    product_a = models.ForeignKey(Product, related_name="+", on_delete=models.CASCADE)
    product_b = models.ForeignKey(Product, related_name="+", on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product_a", "product_b"], name="crosssell_hidden_unique"
            ),
            models.CheckConstraint(
                condition=Q(product_a__lt=F("product_b")),
                name="crosssell_hidden_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_a} × {self.product_b}"


class Exclusion(models.Model):
    """A product or a whole category left out of cross-sells (gift wrap, bags)."""

    product = models.OneToOneField(
        Product, null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    category = models.OneToOneField(
        Category, null=True, blank=True, related_name="+", on_delete=models.CASCADE
    )
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(product__isnull=False) & Q(category__isnull=True))
                | (Q(product__isnull=True) & Q(category__isnull=False)),
                name="crosssell_exclusion_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"exclude {self.product or self.category}"
