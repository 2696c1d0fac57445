"""Sets: boards of real catalog products, their likes, reports and referral visits.

Item geometry is in canvas-relative units, the canvas being a square of side 1:
``x``, ``y`` are the top-left corner of the item's box, ``width``, ``height`` its
size, ``rotation`` is in degrees clockwise about the box centre, ``flip_h`` mirrors
the image before it is rotated, and ``z`` is the stacking order (0 at the back).
That is exactly CSS ``left/top/width/height`` in percent with ``transform:
rotate(…deg) scaleX(-1)``, so the editor and the renderer draw the same picture.
The product's cut-out is drawn contained (centred, aspect kept) in its box.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from shop.models import Colour, Product

MAX_ITEMS = 50
# The limits of item geometry, shared by the constraints, services and API.
POSITION_MIN, POSITION_MAX = -1.0, 1.0
SIZE_MIN, SIZE_MAX = 0.02, 1.0
ROTATION_MIN, ROTATION_MAX = 0.0, 360.0  # stored normalised to [0, 360)


class Set(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden by the shop"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="sets", on_delete=models.CASCADE
    )
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120, blank=True)
    description = models.TextField(max_length=2000, blank=True)
    # Lower-case words separated by single commas ("summer,linen,beach").
    tags = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Bumped by every edit; an edit names the version it started from, so two tabs
    # cannot silently overwrite each other.
    version = models.PositiveIntegerField(default=1)
    # Shared links carry it; a visit through one is recorded for commissions.
    referral_code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Set once, on the first publication; never cleared (hiding keeps it).
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    image = models.ImageField(upload_to="sets/", max_length=255, blank=True)
    medium = models.ImageField(upload_to="sets/", max_length=255, blank=True)
    thumb = models.ImageField(upload_to="sets/", max_length=255, blank=True)
    # The version that the images show: less than ``version`` while a render is due.
    rendered_version = models.PositiveIntegerField(default=0)
    rendered_at = models.DateTimeField(null=True, blank=True)
    like_count = models.IntegerField(default=0)
    view_count = models.IntegerField(default=0)

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(like_count__gte=0), name="set_like_count_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(view_count__gte=0), name="set_view_count_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="set_version_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (Q(published_at__isnull=False) & ~Q(title="")),
                name="set_published_has_title_and_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["owner", "status"]),
        ]

    def __str__(self) -> str:
        return self.title or f"Untitled set {self.slug}"

    def get_absolute_url(self) -> str:
        # The set page's address is part of the public interface (DESIGN.md).
        return f"/sets/{self.slug}/"

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split(",") if tag]

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def render_is_due(self) -> bool:
        return self.published_at is not None and self.rendered_version < self.version


class SetItem(models.Model):
    """One product on a set's canvas; see the module docstring for the geometry."""

    set = models.ForeignKey(Set, related_name="items", on_delete=models.CASCADE)
    product = models.ForeignKey(
        Product, related_name="set_items", on_delete=models.CASCADE
    )
    x = models.FloatField()
    y = models.FloatField()
    width = models.FloatField()
    height = models.FloatField()
    rotation = models.FloatField(default=0)
    flip_h = models.BooleanField(default=False)
    z = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["z"]
        constraints = [
            models.UniqueConstraint(fields=["set", "z"], name="set_item_z_unique"),
            models.CheckConstraint(
                condition=Q(width__gte=SIZE_MIN, width__lte=SIZE_MAX)
                & Q(height__gte=SIZE_MIN, height__lte=SIZE_MAX),
                name="set_item_size_in_range",
            ),
            models.CheckConstraint(
                condition=Q(x__gte=POSITION_MIN, x__lte=POSITION_MAX)
                & Q(y__gte=POSITION_MIN, y__lte=POSITION_MAX),
                name="set_item_position_in_range",
            ),
            # The centre stays on the canvas, so an item can always be grabbed.
            models.CheckConstraint(
                condition=Q(x__gte=-F("width") / 2, x__lte=1 - F("width") / 2)
                & Q(y__gte=-F("height") / 2, y__lte=1 - F("height") / 2),
                name="set_item_centre_on_canvas",
            ),
            models.CheckConstraint(
                condition=Q(rotation__gte=ROTATION_MIN, rotation__lt=ROTATION_MAX),
                name="set_item_rotation_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} on set {self.set_id} (z={self.z})"


class SetColour(models.Model):
    """A named colour of a set's rendered picture with its share of the items' pixels."""

    set = models.ForeignKey(Set, related_name="colours", on_delete=models.CASCADE)
    colour = models.CharField(max_length=16, choices=Colour.choices)
    share = models.DecimalField(max_digits=4, decimal_places=3)

    class Meta:
        ordering = ["-share"]
        constraints = [
            models.UniqueConstraint(fields=["set", "colour"], name="set_colour_unique")
        ]
        indexes = [models.Index(fields=["colour", "set"])]

    def __str__(self) -> str:
        return f"{self.set_id}: {self.colour}"


class SetLike(models.Model):
    set = models.ForeignKey(Set, related_name="likes", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="set_likes", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["set", "user"], name="set_like_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} likes {self.set_id}"


class SetReport(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        OFFENSIVE = "offensive", "Offensive or inappropriate"
        COPYRIGHT = "copyright", "Someone else's work"
        OTHER = "other", "Something else"

    set = models.ForeignKey(Set, related_name="reports", on_delete=models.CASCADE)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="set_reports",
        on_delete=models.SET_NULL,
    )
    reason = models.CharField(max_length=12, choices=Reason.choices)
    message = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a merchant restores the set: the reports were looked at.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["set", "reporter"],
                condition=Q(reporter__isnull=False),
                name="set_report_once_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.set_id}"


class SetReferralVisit(models.Model):
    """A visit through a link that the set's creator shared.

    One row per set, visitor and day: reloads and replays add nothing. A visit
    credits nothing by itself; commissions come only from paid orders.
    """

    set = models.ForeignKey(
        Set, related_name="referral_visits", on_delete=models.CASCADE
    )
    referral_code = models.CharField(max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="set_referral_visits",
        on_delete=models.SET_NULL,
    )
    session_key = models.CharField(max_length=40, blank=True, db_index=True)
    # "user:<id>", a guest's "addr:<key of address and day>" (core.http.guest_key)
    # or "session:<key>": who the visit is unique for.
    visitor = models.CharField(max_length=60)
    visited_on = models.DateField()
    visited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["set", "visitor", "visited_on"],
                name="set_referral_visit_once_a_day",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False)
                | ~Q(session_key="")
                | Q(visitor__startswith="addr:"),
                name="set_referral_visit_has_visitor",
            ),
        ]
        indexes = [models.Index(fields=["user", "-visited_at"])]

    def __str__(self) -> str:
        return f"{self.visitor} via set {self.set_id}"
