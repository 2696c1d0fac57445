"""Pair statistics, recompute and the products' lists."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html

from core.queue import enqueue
from shop.models import Product
from shop.selectors import product_by_sku

from ..models import PairStat, ProductCrosssells
from ..selectors import (
    basket_total,
    pair_stats,
    pair_stats_of_product,
    pair_stats_page,
)
from ..services.lists import product_lists_refresh
from ..tasks import counts_recompute_task


class ProductPartnersFilter(admin.SimpleListFilter):
    """One product's pairs, on either side: ``?product=<id>`` (the row links set it)."""

    title = "partners of"
    parameter_name = "product"

    def product_id(self) -> int | None:
        value = self.value() or ""
        return int(value) if value.isdigit() else None

    def lookups(self, request, model_admin):
        # Only the chosen product: a choice per product would list the whole catalogue.
        value = self.value()
        if not value:
            return []
        title = (
            Product.objects.filter(pk=self.product_id())
            .values_list("title", flat=True)
            .first()
        )
        return [(value, title or f"no product {value}")]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        product_id = self.product_id()
        product_ids = [] if product_id is None else [product_id]
        return pair_stats_of_product(queryset, product_ids=product_ids)


class PairStatChangeList(ChangeList):
    """Scores only the page's rows, with the basket total read once for the page."""

    def get_results(self, request):
        super().get_results(request)
        self.basket_total = basket_total()
        self.result_list = pair_stats_page(
            pairs=self.result_list, baskets=self.basket_total.baskets
        )


@admin.register(PairStat)
class PairStatAdmin(admin.ModelAdmin):
    """Read-only browser of the counts behind the cross-sells, and the full recompute.

    Fast on millions of pairs: the page is ordered by ``together`` or narrowed to one
    product (filter or exact SKU) through the pair indexes; nothing is sorted by a
    computed column; the unfiltered total beside a filtered count and the filter's
    facet counts are never run; scores are computed in Python for the page's rows.
    """

    change_list_template = "admin/crosssell/pairstat/change_list.html"
    list_display = [
        "product_a_link",
        "product_b_link",
        "bought_together",
        "baskets_with_a",
        "baskets_with_b",
        "score",
        "shown_to_shoppers",
    ]
    list_display_links = None
    list_select_related = False  # pair_stats_page reads the page's products
    list_filter = [ProductPartnersFilter]
    ordering = ["-together"]
    sortable_by = ["bought_together"]
    # Only so that the search box shows; get_search_results does the lookup.
    search_fields = ["=product_a__sku"]
    search_help_text = "A product's exact SKU (or one of its variants'): its pairs."
    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = None

    class Media:
        css = {"all": ["crosssell/admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_recompute_permission(self, request) -> bool:
        # The recompute rewrites every pair statistic: Django's "change" permission on
        # them, although the screen itself edits nothing.
        return request.user.has_perm("crosssell.change_pairstat")

    def get_queryset(self, request):
        return pair_stats()

    def get_changelist(self, request, **kwargs):
        return PairStatChangeList

    def get_search_results(self, request, queryset, search_term):
        sku = search_term.strip()
        if not sku:
            return queryset, False
        product = product_by_sku(sku=sku)
        product_ids = [product.pk] if product else []
        return pair_stats_of_product(queryset, product_ids=product_ids), False

    def get_urls(self):
        recompute = path(
            "recompute/",
            self.admin_site.admin_view(self.recompute_view),
            name="crosssell_pairstat_recompute",
        )
        return [recompute, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": "Pair statistics: what shoppers bought together",
            "can_recompute": self.has_recompute_permission(request),
            "min_support": settings.CROSSSELL_MIN_SUPPORT,
        }
        return super().changelist_view(request, extra_context)

    def recompute_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_recompute_permission(request):
            raise PermissionDenied
        enqueue(counts_recompute_task)
        self.message_user(
            request,
            "Full recompute started: every count, score and partner list is rebuilt "
            "in the background; the last recompute's time changes when it is done.",
            messages.SUCCESS,
        )
        return redirect("admin:crosssell_pairstat_changelist")

    def _product_link(self, product_id: int, title: str) -> str:
        return format_html(
            '<a href="?{}" title="All pairs of this product">{}</a>',
            urlencode({ProductPartnersFilter.parameter_name: product_id}),
            title,
        )

    @admin.display(description="Product A")
    def product_a_link(self, row: PairStat) -> str:
        return self._product_link(row.product_a_id, row.title_a)

    @admin.display(description="Product B")
    def product_b_link(self, row: PairStat) -> str:
        return self._product_link(row.product_b_id, row.title_b)

    @admin.display(description="Bought together", ordering="together")
    def bought_together(self, row: PairStat) -> int:
        return row.together

    @admin.display(description="Baskets with A")
    def baskets_with_a(self, row: PairStat) -> int:
        return row.baskets_a

    @admin.display(description="Baskets with B")
    def baskets_with_b(self, row: PairStat) -> int:
        return row.baskets_b

    @admin.display(description="Score (G²)")
    def score(self, row: PairStat) -> str:
        # Barely above chance still counts: "0.00" beside "Yes" would read as a bug.
        return "< 0.01" if 0 < row.score < 0.005 else f"{row.score:,.2f}"

    @admin.display(description="Shown to shoppers")
    def shown_to_shoppers(self, row: PairStat) -> str:
        if row.is_hidden:
            return "Hidden by a merchant"
        if row.is_shown:
            return "Yes"
        minimum = settings.CROSSSELL_MIN_SUPPORT
        if row.together < minimum:
            return f"No: fewer than {minimum} baskets"
        return "No: not above chance"


@admin.register(ProductCrosssells)
class ProductCrosssellsAdmin(admin.ModelAdmin):
    change_list_template = "admin/crosssell/productcrosssells/change_list.html"
    list_display = ["product", "partner_count", "computed_at"]
    list_select_related = ["product"]
    search_fields = ["product__title", "product__sku"]
    readonly_fields = ["product", "partners", "computed_at"]
    show_full_result_count = False
    actions = ["refresh_lists"]

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
