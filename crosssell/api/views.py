from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.selectors import product_by_sku

from ..selectors import product_crosssells
from .serializers import PartnerSerializer


class ProductCrosssellsAPI(APIView):
    """Ranked partners of a product: merchant pins first, then by G² score."""

    @extend_schema(responses=PartnerSerializer(many=True))
    def get(self, request, sku: str):
        product = product_by_sku(sku=sku)
        if product is None or not product.is_active:
            raise Http404(f"No product with SKU {sku}.")
        try:
            limit = max(1, min(int(request.query_params.get("limit", 10)), 30))
        except ValueError:
            limit = 10
        partners = product_crosssells(product_id=product.pk, limit=limit)
        return Response(PartnerSerializer(partners, many=True).data)
