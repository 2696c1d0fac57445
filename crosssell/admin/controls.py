"""Merchant controls: pins, hidden pairs, exclusions (saved through services)."""

from django.contrib import admin

from ..models import Exclusion, HiddenPair, PinnedPartner
from ..services import controls


@admin.register(PinnedPartner)
class PinnedPartnerAdmin(admin.ModelAdmin):
    list_display = ["product", "partner", "position"]
    list_select_related = ["product", "partner"]
    autocomplete_fields = ["product", "partner"]
    search_fields = ["product__title", "partner__title"]

    def save_model(self, request, obj, form, change):
        controls.pin_save(pin=obj, old_product_id=form.initial.get("product"))

    def delete_model(self, request, obj):
        controls.pins_delete(pins=[obj])

    def delete_queryset(self, request, queryset):
        controls.pins_delete(pins=queryset)


@admin.register(HiddenPair)
class HiddenPairAdmin(admin.ModelAdmin):
    list_display = ["product_a", "product_b"]
    list_select_related = ["product_a", "product_b"]
    autocomplete_fields = ["product_a", "product_b"]

    def save_model(self, request, obj, form, change):
        old = [form.initial.get("product_a"), form.initial.get("product_b")]
        controls.hidden_pair_save(pair=obj, old_ids=[pid for pid in old if pid])

    def delete_model(self, request, obj):
        controls.hidden_pairs_delete(pairs=[obj])

    def delete_queryset(self, request, queryset):
        controls.hidden_pairs_delete(pairs=queryset)


@admin.register(Exclusion)
class ExclusionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "product", "category", "reason"]
    list_select_related = ["product", "category"]
    autocomplete_fields = ["product", "category"]

    def save_model(self, request, obj, form, change):
        controls.exclusion_save(exclusion=obj)

    def delete_model(self, request, obj):
        controls.exclusions_delete(exclusions=[obj])

    def delete_queryset(self, request, queryset):
        controls.exclusions_delete(exclusions=queryset)
