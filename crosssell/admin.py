"""Merchant controls: pins, hidden pairs, exclusions, pair statistics, recompute."""

from django.contrib import admin, messages
from django.core.cache import cache

from .models import Exclusion, HiddenPair, PairStat, PinnedPartner, ProductCrosssells
from .selectors import rules_forget
from .services.lists import list_cache_key, product_lists_refresh


@admin.register(PinnedPartner)
class PinnedPartnerAdmin(admin.ModelAdmin):
    list_display = ["product", "partner", "position"]
    list_select_related = ["product", "partner"]
    autocomplete_fields = ["product", "partner"]
    search_fields = ["product__title", "partner__title"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.delete(list_cache_key(obj.product_id))

    def delete_model(self, request, obj):
        cache.delete(list_cache_key(obj.product_id))
        super().delete_model(request, obj)


@admin.register(HiddenPair)
class HiddenPairAdmin(admin.ModelAdmin):
    list_display = ["product_a", "product_b"]
    list_select_related = ["product_a", "product_b"]
    autocomplete_fields = ["product_a", "product_b"]

    def save_model(self, request, obj, form, change):
        if obj.product_a_id > obj.product_b_id:
            obj.product_a_id, obj.product_b_id = obj.product_b_id, obj.product_a_id
        super().save_model(request, obj, form, change)
        cache.delete_many(
            [list_cache_key(obj.product_a_id), list_cache_key(obj.product_b_id)]
        )


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "product", "category", "reason"]
    list_select_related = ["product", "category"]
    autocomplete_fields = ["product", "category"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rules_forget()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        rules_forget()


@admin.register(PairStat)
class PairStatAdmin(admin.ModelAdmin):
    list_display = ["product_a", "product_b", "together"]
    list_select_related = ["product_a", "product_b"]
    ordering = ["-together"]
    search_fields = ["product_a__title", "product_b__title"]
    list_per_page = 50
    show_full_result_count = False
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProductCrosssells)
class ProductCrosssellsAdmin(admin.ModelAdmin):
    list_display = ["product", "partner_count", "computed_at"]
    list_select_related = ["product"]
    search_fields = ["product__title", "product__sku"]
    readonly_fields = ["product", "partners", "computed_at"]
    show_full_result_count = False
    actions = ["refresh_lists", "recompute_all"]

    @admin.display(description="Partners shown")
    def partner_count(self, row: ProductCrosssells) -> int:
        return len(row.partners)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Re-rank the selected products' partners")
    def refresh_lists(self, request, queryset):
        count = product_lists_refresh(
            product_ids=list(queryset.values_list("product_id", flat=True))
        )
        self.message_user(request, f"Re-ranked {count} products.", messages.SUCCESS)

    @admin.action(
        description="Recompute all co-purchase counts (runs in the background)"
    )
    def recompute_all(self, request, queryset):
        from shop.queue import enqueue

        from .tasks import counts_recompute_task

        enqueue(counts_recompute_task)
        self.message_user(request, "Full recompute started.", messages.INFO)


from . import admin_notes  # noqa: E402, F401  (the notes moderation screens)
