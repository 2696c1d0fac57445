"""The shop's data: catalog, images, colours, carts, orders, vouchers, gift cards."""

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace, Upper
from django.urls import reverse
from django.utils import timezone

MONEY = {"max_digits": 12, "decimal_places": 2}


class Colour(models.TextChoices):
    """The fixed named palette that product and set colours are mapped onto."""

    BLACK = "black", "Black"
    WHITE = "white", "White"
    GREY = "grey", "Grey"
    RED = "red", "Red"
    PINK = "pink", "Pink"
    ORANGE = "orange", "Orange"
    YELLOW = "yellow", "Yellow"
    GREEN = "green", "Green"
    TEAL = "teal", "Teal"
    BLUE = "blue", "Blue"
    NAVY = "navy", "Navy"
    PURPLE = "purple", "Purple"
    BROWN = "brown", "Brown"
    BEIGE = "beige", "Beige"
    GOLD = "gold", "Gold"


class Category(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("shop:category", kwargs={"slug": self.slug})


class Product(models.Model):
    """What a shopper browses; the thing cross-sells and sets talk about."""

    sku = models.CharField("SKU", max_length=64, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    title = models.CharField(max_length=200)
    brand = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True)
    category = models.ForeignKey(
        Category, related_name="products", on_delete=models.PROTECT
    )
    price = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0"))])
    is_active = models.BooleanField(default=True, db_index=True)
    is_featured = models.BooleanField(default=False)
    # Denormalised from the variants by the stock services, so lists need no join.
    is_in_stock = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gte=0), name="product_price_not_negative"
            )
        ]
        indexes = [models.Index(fields=["is_active", "category"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("shop:product", kwargs={"slug": self.slug})


class ProductColour(models.Model):
    """A named colour of a product with its share of the product's pixels."""

    product = models.ForeignKey(
        Product, related_name="colours", on_delete=models.CASCADE
    )
    colour = models.CharField(max_length=16, choices=Colour.choices)
    share = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0"))

    class Meta:
        ordering = ["-share"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "colour"], name="product_colour_unique"
            )
        ]
        indexes = [models.Index(fields=["colour", "product"])]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.colour}"


class Variant(models.Model):
    """What goes in a cart: its own SKU and stock, maybe a size and a colour."""

    product = models.ForeignKey(
        Product, related_name="variants", on_delete=models.CASCADE
    )
    sku = models.CharField("SKU", max_length=64, unique=True)
    size = models.CharField(max_length=32, blank=True)
    colour_name = models.CharField("colour", max_length=40, blank=True)
    price_override = models.DecimalField(
        **MONEY,
        null=True,
        blank=True,
        help_text="Leave empty to use the product price.",
    )
    stock = models.IntegerField(default=0, validators=[MinValueValidator(0)])
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stock__gte=0), name="variant_stock_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(price_override__isnull=True) | Q(price_override__gte=0),
                name="variant_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.product.title} {self.label}".strip()
            if self.label
            else self.product.title
        )

    @property
    def label(self) -> str:
        return " / ".join(part for part in (self.size, self.colour_name) if part)

    @property
    def price(self) -> Decimal:
        return (
            self.price_override
            if self.price_override is not None
            else self.product.price
        )


def product_image_path(instance: "ProductImage", filename: str) -> str:
    return f"products/{instance.product_id}/{uuid.uuid4().hex}-{filename[-60:]}"


class ProductImage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Processing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    product = models.ForeignKey(
        Product, related_name="images", on_delete=models.CASCADE
    )
    original = models.ImageField(upload_to=product_image_path, max_length=255)
    alt = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    error = models.CharField(max_length=255, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    thumb = models.ImageField(upload_to="renditions/", max_length=255, blank=True)
    medium = models.ImageField(upload_to="renditions/", max_length=255, blank=True)
    large = models.ImageField(upload_to="renditions/", max_length=255, blank=True)
    cutout = models.ImageField(upload_to="cutouts/", max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt or f"Image {self.pk} of product {self.product_id}"

    def url(self, size: str = "medium") -> str:
        """URL of a rendition, falling back to the original while it is processed."""
        field = getattr(self, size, None)
        if field:
            return field.url
        return self.original.url if self.original else ""

    @property
    def thumb_url(self) -> str:
        return self.url("thumb")

    @property
    def medium_url(self) -> str:
        return self.url("medium")

    @property
    def large_url(self) -> str:
        return self.url("large")


class Cart(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FROZEN = "frozen", "In checkout"
        ORDERED = "ordered", "Ordered"
        MERGED = "merged", "Merged"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="carts",
        on_delete=models.CASCADE,
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    checkout_token = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            # A shopper has at most one open cart.
            models.UniqueConstraint(
                fields=["owner"],
                condition=Q(status__in=["open", "frozen"]),
                name="cart_one_open_per_owner",
            ),
            # A checkout token belongs to one cart: another visitor replaying it
            # cannot claim the order it placed (shop.services.checkout).
            models.UniqueConstraint(
                fields=["checkout_token"],
                condition=~Q(checkout_token=""),
                name="cart_checkout_token_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"Cart {self.pk} ({self.status})"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey(
        Variant, related_name="cart_lines", on_delete=models.CASCADE
    )
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "variant"], name="cart_line_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="cart_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"


# Codes the shop makes for vouchers and gift cards: no 0/O, 1/I/L to misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 4
CODE_GROUP_LENGTH = 4


def code_new() -> str:
    """A random code like ``K7QD-M2XR-9HTF-WB3N``: 16 characters, about 79 bits.

    Guessing one is hopeless at the rate the Apply button allows (code-apply).
    """
    characters = "".join(
        secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH)
    )
    return "-".join(
        characters[start : start + CODE_GROUP_LENGTH]
        for start in range(0, len(characters), CODE_GROUP_LENGTH)
    )


def code_normalised(field: str = "code"):
    """The code as a shopper's entry is compared: upper case, no spaces or dashes."""
    return Replace(Replace(Upper(field), Value("-"), Value("")), Value(" "), Value(""))


class Voucher(models.Model):
    class Kind(models.TextChoices):
        FIXED = "fixed", "Fixed amount"
        PERCENT = "percent", "Percentage"

    code = models.CharField(
        max_length=40,
        unique=True,
        default=code_new,
        help_text="Generated at random; a code you type yourself can be guessed.",
    )
    description = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FIXED)
    value = models.DecimalField(
        **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    minimum_spend = models.DecimalField(**MONEY, default=Decimal("0"))
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Total uses allowed; empty for no limit."
    )
    per_customer_limit = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Uses allowed per customer email; empty for no limit.",
    )
    times_used = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="fixed") | Q(value__lte=100),
                name="voucher_percent_at_most_100",
            ),
            models.CheckConstraint(
                condition=Q(usage_limit__isnull=True)
                | Q(times_used__lte=models.F("usage_limit")),
                name="voucher_within_usage_limit",
            ),
            # One voucher per code as shoppers type it (case, spaces and dashes
            # aside); also the index that finds it.
            models.UniqueConstraint(
                code_normalised(), name="voucher_code_normalised_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class GiftCard(models.Model):
    code = models.CharField(
        max_length=40,
        unique=True,
        default=code_new,
        help_text="Generated at random; a code you type yourself can be guessed.",
    )
    initial_balance = models.DecimalField(**MONEY)
    balance = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3, default="USD")
    is_active = models.BooleanField(default=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    issued_to_email = models.EmailField(blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="gift_card_balance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(balance__lte=models.F("initial_balance")),
                name="gift_card_balance_at_most_initial",
            ),
            models.UniqueConstraint(
                code_normalised(), name="gift_card_code_normalised_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code[:4]}…{self.code[-4:]}" if len(self.code) > 8 else self.code


class Order(models.Model):
    class Status(models.TextChoices):
        PAID = "paid", "Paid"
        FULFILLED = "fulfilled", "Fulfilled"
        CANCELLED = "cancelled", "Cancelled"
        REFUNDED = "refunded", "Refunded"

    # The statuses of an order that was bought and kept (what cross-sell counts).
    COUNTED_STATUSES = (Status.PAID.value, Status.FULFILLED.value)

    number = models.CharField(max_length=20, unique=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="orders",
        on_delete=models.SET_NULL,
    )
    email = models.EmailField(db_index=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PAID, db_index=True
    )
    currency = models.CharField(max_length=3)
    subtotal = models.DecimalField(**MONEY)
    shipping = models.DecimalField(**MONEY, default=Decimal("0"))
    discount = models.DecimalField(**MONEY, default=Decimal("0"))
    gift_card_amount = models.DecimalField(**MONEY, default=Decimal("0"))
    total = models.DecimalField(**MONEY, help_text="What was charged to the card.")
    voucher = models.ForeignKey(
        Voucher, null=True, blank=True, related_name="orders", on_delete=models.PROTECT
    )
    shipping_name = models.CharField(max_length=120)
    shipping_line1 = models.CharField(max_length=200)
    shipping_line2 = models.CharField(max_length=200, blank=True)
    shipping_city = models.CharField(max_length=100)
    shipping_postcode = models.CharField(max_length=20)
    shipping_country = models.CharField(max_length=60)
    payment_reference = models.CharField(max_length=64, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    is_imported = models.BooleanField(default=False)
    placed_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0), name="order_total_not_negative"
            ),
        ]
        indexes = [
            # Orders join an account by their email in any case (email__iexact,
            # UPPER(email) on PostgreSQL) at every login and confirmation.
            models.Index(Upper("email"), name="order_email_upper_idx"),
        ]

    def __str__(self) -> str:
        return f"Order {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("shop:thanks", kwargs={"number": self.number})

    @property
    def is_paid(self) -> bool:
        return self.status in {self.Status.PAID, self.Status.FULFILLED}


class OrderLine(models.Model):
    """A line with everything the shopper saw, frozen at the time of purchase."""

    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    product = models.ForeignKey(
        Product, null=True, related_name="order_lines", on_delete=models.SET_NULL
    )
    variant = models.ForeignKey(
        Variant, null=True, related_name="order_lines", on_delete=models.SET_NULL
    )
    sku = models.CharField("SKU", max_length=64)
    title = models.CharField(max_length=200)
    variant_label = models.CharField(max_length=80, blank=True)
    unit_price = models.DecimalField(**MONEY)
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    line_total = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["product", "order"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="order_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"


class VoucherUse(models.Model):
    """One use of a voucher by one order — unique, so a replay cannot use it twice."""

    voucher = models.ForeignKey(Voucher, related_name="uses", on_delete=models.PROTECT)
    order = models.OneToOneField(
        Order, related_name="voucher_use", on_delete=models.CASCADE
    )
    email = models.EmailField(db_index=True)
    amount = models.DecimalField(**MONEY)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.voucher} on {self.order}"


class GiftCardUse(models.Model):
    gift_card = models.ForeignKey(
        GiftCard, related_name="uses", on_delete=models.PROTECT
    )
    order = models.ForeignKey(
        Order, related_name="gift_card_uses", on_delete=models.CASCADE
    )
    amount = models.DecimalField(**MONEY)
    is_reversed = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["gift_card", "order"], name="gift_card_use_once_per_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} from {self.gift_card} on {self.order}"


class PaymentAttempt(models.Model):
    """A charge taken for a checkout token, kept so a failed order can be voided."""

    class Status(models.TextChoices):
        CHARGED = "charged", "Charged"
        CAPTURED = "captured", "Used by an order"
        VOIDED = "voided", "Voided"
        REFUNDED = "refunded", "Refunded"

    token = models.CharField(max_length=64, unique=True)
    gateway = models.CharField(max_length=60)
    reference = models.CharField(max_length=64)
    amount = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.gateway} {self.reference} ({self.status})"


# Public handles: no 0/o, 1/l/i, so a handle read aloud or copied by hand is exact.
HANDLE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
HANDLE_PREFIX = "shopper-"
HANDLE_RANDOM_LENGTH = 6
# What a handle may look like: letters, digits, single hyphens between them.
HANDLE_PATTERN = r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"


def handle_random() -> str:
    """A fresh opaque handle such as ``shopper-7k3q9x`` (not checked for use)."""
    return HANDLE_PREFIX + "".join(
        secrets.choice(HANDLE_ALPHABET) for _ in range(HANDLE_RANDOM_LENGTH)
    )


def username_random() -> str:
    """An opaque username such as ``u_k3q9x7m2w4pz``: says nothing about its owner."""
    return "u_" + "".join(secrets.choice(HANDLE_ALPHABET) for _ in range(12))


class Profile(models.Model):
    """A shopper's public face: the handle in ``/u/<handle>/`` and on set cards.

    The handle is the only account detail shown in public; the username (an opaque
    ``u_…`` key) and the email never are. Handles are unique whatever their case.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, related_name="profile", on_delete=models.CASCADE
    )
    handle = models.CharField(max_length=30, default=handle_random)
    handle_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("handle"), name="profile_handle_unique_ci")
        ]

    def __str__(self) -> str:
        return self.handle
