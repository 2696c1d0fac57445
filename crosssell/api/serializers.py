from rest_framework import serializers

from ..selectors import Partner


class PartnerSerializer(serializers.Serializer):
    sku = serializers.CharField(source="product.sku")
    title = serializers.CharField(source="product.title")
    url = serializers.SerializerMethodField()
    price = serializers.DecimalField(
        source="product.price", max_digits=12, decimal_places=2
    )
    image = serializers.SerializerMethodField()
    n_xy = serializers.IntegerField(
        source="together", help_text="Baskets holding both products"
    )
    score = serializers.FloatField(
        help_text="Dunning's log-likelihood ratio G²; 0 for merchant pins"
    )
    is_pinned = serializers.BooleanField()

    def get_url(self, partner: Partner) -> str:
        return partner.product.get_absolute_url()

    def get_image(self, partner: Partner) -> str | None:
        image = partner.image
        return image.thumb_url if image else None
