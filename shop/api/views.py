from django.db.models import Prefetch
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from ..models import Colour, Variant
from ..selectors import product_by_sku, product_images_prefetch, product_list
from .serializers import ProductDetailSerializer, ProductSerializer


@extend_schema(
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="Search words"),
        OpenApiParameter(
            "color", OpenApiTypes.STR, description="A palette colour name"
        ),
        OpenApiParameter("category", OpenApiTypes.STR, description="A category slug"),
        OpenApiParameter(
            "sort", OpenApiTypes.STR, enum=["newest", "price", "-price", "title"]
        ),
    ]
)
class ProductListAPI(generics.ListAPIView):
    """Active products; the set editor's product panel uses this."""

    serializer_class = ProductSerializer

    def get_queryset(self):
        from ..models import Category

        params = self.request.query_params
        colour = params.get("color", "").lower()
        category = None
        if params.get("category"):
            category = Category.objects.filter(slug=params["category"]).first()
            if category is None:
                return product_list().none()
        return product_list(
            query=params.get("q", ""),
            category=category,
            colour=colour if colour in Colour.values else "",
            sort=params.get("sort", ""),
        ).prefetch_related("colours")


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
