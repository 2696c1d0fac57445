from django.db.models import Prefetch
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from ..models import Colour, Variant
from ..selectors import (
    SORTS,
    ProductListParams,
    product_by_sku,
    product_images_prefetch,
    product_list_api,
)
from .serializers import ProductDetailSerializer, ProductSerializer

# The product-list filters, for the products API and the set editor's search.
PRODUCT_LIST_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search words"),
    OpenApiParameter(
        "color",
        OpenApiTypes.STR,
        enum=Colour.values,
        description="A palette colour name (``colour`` is accepted too)",
    ),
    OpenApiParameter("category", OpenApiTypes.STR, description="A category slug"),
    OpenApiParameter(
        "sort", OpenApiTypes.STR, enum=[sort for sort in SORTS if sort != "relevance"]
    ),
]


@extend_schema(parameters=PRODUCT_LIST_PARAMETERS)
class ProductListAPI(generics.ListAPIView):
    """Active products; the set editor's product panel uses this."""

    serializer_class = ProductSerializer

    def get_queryset(self):
        params = ProductListParams.from_query(self.request.query_params)
        return product_list_api(params=params).prefetch_related("colours")


class ProductDetailAPI(generics.RetrieveAPIView):
    """One product by its SKU, or by the SKU of one of its variants."""

    serializer_class = ProductDetailSerializer

    def get_object(self):
        product = product_by_sku(sku=self.kwargs["sku"])
        if product is None or not product.is_active:
            raise Http404(f"No product with SKU {self.kwargs['sku']}.")
        return (
            type(product)
            .objects.select_related("category")
            .prefetch_related(
                product_images_prefetch(),
                "colours",
                Prefetch("variants", queryset=Variant.objects.filter(is_active=True)),
            )
            .get(pk=product.pk)
        )


@csrf_exempt  # it changes nothing, and answers JSON even to a form post
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Any /api/ path that no route takes: JSON like every other API error, not the
    shop's HTML 404 page (a slug with characters a slug can't hold ends here)."""
    return JsonResponse({"detail": "No API endpoint at this address."}, status=404)
