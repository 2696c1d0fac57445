"""Co-purchase statistics: baskets per product, baskets per pair, and the total.

A basket is one paid order; a product counts once per basket whatever its quantity.
Pairs are stored once, with ``product_a_id < product_b_id``; their primary key is
``(a << 32) | b`` so a rebuilt table needs no sequence and can be swapped in whole.
"""

from django.conf import settings
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
    # With CROSSSELL_BASKET_DAYS > 0: the widened basket this order was counted in.
    basket = models.CharField(max_length=300, blank=True, default="", db_default="")

    def __str__(self) -> str:
        return f"order {self.order_id}"


class BasketItem(models.Model):
    """A product in a widened basket (CROSSSELL_BASKET_DAYS > 0), with how many of the
    basket's counted orders hold it: it leaves the basket when that reaches 0."""

    basket = models.CharField(max_length=300)
    product = models.ForeignKey(
        Product,
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
    )
    orders = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["basket", "product"], name="crosssell_basketitem_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.basket}: {self.product_id} × {self.orders}"


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
    together = models.IntegerField("bought together")

    class Meta:
        verbose_name = "pair statistic"
        verbose_name_plural = "pair statistics"
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


# --- "Bought together because": shoppers' notes ------------------------------------


class Note(models.Model):
    """Why a shopper bought some of an order's products together, in their words.

    One note per order and item group (the sorted product ids in ``group_key``). The
    text is stored exactly as written and escaped wherever it is shown.
    """

    # Limits of what a shopper may write (checked by the form and the service).
    TEXT_MIN = 20
    TEXT_MAX = 1000
    NAME_MAX = 60

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    class Display(models.TextChoices):
        NAME = "name", "First name and last initial"
        ANONYMOUS = "anonymous", "A verified buyer"

    class Reason(models.TextChoices):
        USED_TOGETHER = "used_together", "Used together"
        GIFT = "gift", "A gift"
        COMPLEMENTS = "complements", "They complement each other"
        RECOMMENDED = "recommended", "Recommended to me"
        OTHER = "other", "Other"

    order = models.ForeignKey(Order, related_name="+", on_delete=models.CASCADE)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="because_notes",
        on_delete=models.SET_NULL,
    )
    group_key = models.CharField(max_length=400, editable=False)
    products = models.ManyToManyField(Product, related_name="+")
    text = models.TextField()
    reasons = models.JSONField(default=list, blank=True)
    display = models.CharField(
        max_length=10, choices=Display.choices, default=Display.NAME
    )
    display_name = models.CharField(max_length=40)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.CharField(max_length=300, blank=True)
    flags = models.JSONField(default=list, blank=True)
    is_flagged = models.BooleanField(default=False, db_index=True)
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    points_offered = models.PositiveIntegerField(default=0)
    helpful_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "group_key"], name="crosssell_note_one_per_group"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected"]),
                name="crosssell_note_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"note {self.pk} on order {self.order.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.PENDING and self.moderated_at is None

    def reason_labels(self) -> list[str]:
        labels = dict(self.Reason.choices)
        return [labels[code] for code in self.reasons if code in labels]


class NotePair(models.Model):
    """Each pair of products a note is about (``a < b``), for the panels' lookups."""

    note = models.ForeignKey(Note, related_name="pairs", on_delete=models.CASCADE)
    product_a = models.ForeignKey(
        Product, related_name="+", on_delete=models.CASCADE, db_index=False
    )
    product_b = models.ForeignKey(
        Product, related_name="+", on_delete=models.CASCADE, db_index=False
    )

    class Meta:
        indexes = [
            models.Index(fields=["product_a", "product_b"], name="crosssell_npair_ab"),
            models.Index(fields=["product_b", "product_a"], name="crosssell_npair_ba"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["note", "product_a", "product_b"],
                name="crosssell_npair_unique",
            ),
            models.CheckConstraint(
                condition=Q(product_a__lt=F("product_b")),
                name="crosssell_npair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_a_id}+{self.product_b_id} (note {self.note_id})"


class NoteRevision(models.Model):
    """The text a note had before a merchant redacted it: the history is kept."""

    note = models.ForeignKey(Note, related_name="revisions", on_delete=models.CASCADE)
    previous_text = models.TextField()
    reason = models.CharField(max_length=300, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"revision of note {self.note_id} at {self.created_at:%Y-%m-%d %H:%M}"


def _one_voter_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.UniqueConstraint(
            fields=["note", "user"],
            condition=Q(user__isnull=False),
            name=f"{prefix}_once_per_user",
        ),
        models.UniqueConstraint(
            fields=["note", "session_key"],
            condition=Q(user__isnull=True),
            name=f"{prefix}_once_per_session",
        ),
    ]


class _ByReader(models.Model):
    """Who did it: an account, or for a guest ``session_key``: the guest's key for the
    day (``core.http.guest_key``, their address) or, for a guest who bought here,
    their session."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.CASCADE,
    )
    session_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class NoteVote(_ByReader):
    """A reader found a note helpful: once per account, or per session for guests."""

    note = models.ForeignKey(Note, related_name="votes", on_delete=models.CASCADE)

    class Meta:
        constraints = _one_voter_constraints("crosssell_vote")

    def __str__(self) -> str:
        return f"helpful: note {self.note_id}"


class NoteReport(_ByReader):
    """A reader reported a note: the merchant sees every report in the admin.

    Only a merchant's report, or ``CROSSSELL_NOTE_REPORTS_TO_HIDE`` reports from
    readers the shop can tell apart (accounts and verified buyers), take an approved
    note down; a guest's report flags it and nothing more.
    """

    class Reporter(models.TextChoices):
        GUEST = "guest", "Guest"
        ACCOUNT = "account", "Signed-in shopper"
        BUYER = "buyer", "Verified buyer"
        MERCHANT = "merchant", "Merchant"

    # Whose reports count towards taking a note down.
    TRUSTED = (Reporter.ACCOUNT, Reporter.BUYER, Reporter.MERCHANT)

    note = models.ForeignKey(Note, related_name="reports", on_delete=models.CASCADE)
    reason = models.CharField(max_length=300, blank=True)
    reporter_kind = models.CharField(
        "reporter", max_length=10, choices=Reporter.choices, default=Reporter.GUEST
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = _one_voter_constraints("crosssell_report")

    def __str__(self) -> str:
        return f"report on note {self.note_id}"


class NoteInvite(models.Model):
    """The one follow-up email asking an order's buyer why they bought together."""

    order = models.OneToOneField(
        Order, primary_key=True, related_name="+", on_delete=models.CASCADE
    )
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"invite for order {self.order_id}"


class NoteEmailOptOut(models.Model):
    """An address that asked for no more "why did you buy these together" emails."""

    email = models.EmailField(unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "note email opt-out"

    def __str__(self) -> str:
        return self.email
