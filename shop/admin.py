"""Merchant screens. Actions call services; lists stay fast with a big catalog."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Sum
from django.utils.html import format_html

from .exceptions import ShopError
from .forms import ProductImageAdminForm
from .models import (
    Cart,
    Category,
    GiftCard,
    GiftCardUse,
    Order,
    OrderLine,
    PaymentAttempt,
    Product,
    ProductColour,
    ProductImage,
    Profile,
    Variant,
    Voucher,
    VoucherUse,
)
from .selectors import first_image, product_images_prefetch
from .services.catalog import (
    product_images_process_later,
    products_refresh_stock_flag,
)
from .services.orders import order_fulfil, order_refund


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "position"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


class VariantInline(admin.TabularInline):
    model = Variant
    extra = 0
    fields = [
        "sku",
        "size",
        "colour_name",
        "price_override",
        "stock",
        "position",
        "is_active",
    ]


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    form = ProductImageAdminForm
    extra = 1
    fields = ["preview", "original", "alt", "position", "status", "error"]
    readonly_fields = ["preview", "status", "error"]

    @admin.display(description="Preview")
    def preview(self, image: ProductImage):
        if not image.pk or not image.original:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="80" height="80" class="admin-thumb">',
            image.thumb_url,
        )


class ProductColourInline(admin.TabularInline):
    model = ProductColour
    extra = 0
    fields = ["colour", "share"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "title",
        "sku",
        "category",
        "price",
        "stock_total",
        "is_active",
        "is_featured",
    ]
    list_display_links = ["thumbnail", "title"]
    list_select_related = ["category", "category__parent"]
    list_filter = [
        "is_active",
        "is_featured",
        "is_in_stock",
        ("category", admin.RelatedOnlyFieldListFilter),
    ]
    list_editable = ["is_active", "is_featured"]
    list_per_page = 50
    search_fields = ["title", "sku", "brand", "variants__sku"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    inlines = [VariantInline, ProductImageInline, ProductColourInline]
    readonly_fields = ["is_in_stock"]  # follows the variants' stock
    show_full_result_count = False
    actions = ["reprocess_images"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(product_images_prefetch())
            .annotate(stock_sum=Sum("variants__stock"))
        )

    @admin.display(description="")
    def thumbnail(self, product: Product):
        image = first_image(product)
        if image is None:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="48" height="48" class="admin-thumb">',
            image.thumb_url,
        )

    @admin.display(description="Stock", ordering="stock_sum")
    def stock_total(self, product: Product) -> int:
        return product.stock_sum or 0

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        products_refresh_stock_flag(product_ids=[form.instance.pk])
        for formset in formsets:
            if formset.model is ProductImage:
                changed = [obj for obj, _ in formset.changed_objects]
                product_images_process_later(
                    image_ids=[image.pk for image in formset.new_objects + changed]
                )

    @admin.action(description="Re-process images (renditions, cut-out, colours)")
    def reprocess_images(self, request, queryset):
        # Queued, not done in the request: a few hundred images would time it out.
        image_ids = list(
            ProductImage.objects.filter(product__in=queryset).values_list(
                "pk", flat=True
            )
        )
        product_images_process_later(image_ids=image_ids)
        self.message_user(
            request, f"Queued {len(image_ids)} images for processing.", messages.SUCCESS
        )


@admin.register(Variant)
class VariantAdmin(admin.ModelAdmin):
    list_display = [
        "sku",
        "product",
        "size",
        "colour_name",
        "price",
        "stock",
        "is_active",
    ]
    list_select_related = ["product"]
    list_editable = ["stock"]
    search_fields = ["sku", "product__title"]
    raw_id_fields = ["product"]
    list_per_page = 50
    show_full_result_count = False


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    fields = ["sku", "title", "variant_label", "unit_price", "quantity", "line_total"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


def _order_action(service, verb: str, **kwargs):
    def action(modeladmin, request, queryset):
        done, failed = 0, []
        for order in queryset.order_by("pk"):
            try:
                service(order=order, **kwargs)
                done += 1
            except ShopError as exc:
                failed.append(exc.message)
        if done:
            modeladmin.message_user(
                request, f"{verb} {done} order(s).", messages.SUCCESS
            )
        for message in failed:
            modeladmin.message_user(request, message, messages.WARNING)

    return action


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["number", "placed_at", "email", "status", "total", "item_count"]
    list_filter = ["status", "is_imported", "placed_at"]
    search_fields = ["number", "email", "shipping_name", "lines__sku"]
    date_hierarchy = "placed_at"
    inlines = [OrderLineInline]
    raw_id_fields = ["user", "voucher"]
    list_per_page = 50
    show_full_result_count = False
    readonly_fields = [
        "number",
        "idempotency_key",
        "status",
        "currency",
        "subtotal",
        "shipping",
        "discount",
        "gift_card_amount",
        "total",
        "payment_reference",
        "card_last4",
        "placed_at",
        "is_imported",
    ]
    actions = ["fulfil", "cancel", "refund"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(items=Sum("lines__quantity"))

    @admin.display(description="Items", ordering="items")
    def item_count(self, order: Order) -> int:
        return order.items or 0

    @admin.action(description="Mark as fulfilled (shipped)")
    def fulfil(self, request, queryset):
        _order_action(order_fulfil, "Fulfilled")(self, request, queryset)

    @admin.action(description="Cancel (restock, void payment)")
    def cancel(self, request, queryset):
        _order_action(order_refund, "Cancelled", status=Order.Status.CANCELLED)(
            self, request, queryset
        )

    @admin.action(description="Refund (restock, refund payment)")
    def refund(self, request, queryset):
        _order_action(order_refund, "Refunded", status=Order.Status.REFUNDED)(
            self, request, queryset
        )


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "kind",
        "value",
        "minimum_spend",
        "times_used",
        "usage_limit",
        "ends_at",
        "is_active",
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "description"]
    readonly_fields = ["times_used", "created_at"]


@admin.register(VoucherUse)
class VoucherUseAdmin(admin.ModelAdmin):
    list_display = ["voucher", "order", "email", "amount", "created_at"]
    list_select_related = ["voucher", "order"]
    raw_id_fields = ["voucher", "order"]
    search_fields = ["voucher__code", "email", "order__number"]


class GiftCardUseInline(admin.TabularInline):
    model = GiftCardUse
    extra = 0
    can_delete = False
    raw_id_fields = ["order"]
    readonly_fields = ["order", "amount", "is_reversed", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GiftCard)
class GiftCardAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "initial_balance",
        "balance",
        "issued_to_email",
        "expires_at",
        "is_active",
    ]
    list_filter = ["is_active"]
    search_fields = ["code", "issued_to_email"]
    inlines = [GiftCardUseInline]

    # The balance moves only through checkout and refunds, never by hand.
    readonly_fields = ["balance", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.balance = obj.initial_balance
        super().save_model(request, obj, form, change)


@admin.register(Cart)
class CartAdmin(admin.ModelAdmin):
    list_display = ["pk", "owner", "status", "updated_at"]
    list_filter = ["status"]
    raw_id_fields = ["owner"]
    show_full_result_count = False


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(admin.ModelAdmin):
    list_display = ["token", "gateway", "reference", "amount", "status", "created_at"]
    list_filter = ["status", "gateway"]
    search_fields = ["token", "reference"]
    readonly_fields = [
        "token",
        "gateway",
        "reference",
        "amount",
        "currency",
        "status",
        "created_at",
    ]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ["handle", "handle_changed_at", "created_at"]
    readonly_fields = ["handle_changed_at", "created_at"]
    verbose_name = "public profile"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class ShopperAdmin(UserAdmin):
    """Django's user admin, with the public handle: merchants find an account by
    its username, email or handle."""

    inlines = [*UserAdmin.inlines, ProfileInline]
    list_display = [*UserAdmin.list_display, "handle"]
    list_select_related = ["profile"]
    search_fields = [*UserAdmin.search_fields, "profile__handle"]

    @admin.display(description="Handle", ordering="profile__handle")
    def handle(self, user) -> str:
        try:
            return user.profile.handle
        except Profile.DoesNotExist:
            return "—"
