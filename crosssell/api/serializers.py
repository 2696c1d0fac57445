from rest_framework import serializers

from ..selectors import Partner


class QuoteSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="Plain text exactly as written; escape it")
    display_name = serializers.CharField(help_text="“Kathryn T.” or “A verified buyer”")
    reasons = serializers.ListField(child=serializers.CharField())
    helpful_count = serializers.IntegerField()
    incentivised = serializers.BooleanField(
        help_text="The author was offered points for sharing"
    )
    bought_with = serializers.CharField(
        source="source_title", help_text="The product the note pairs it with"
    )
    created_at = serializers.DateTimeField()


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
    notes = QuoteSerializer(
        source="quotes", many=True, help_text="Approved notes, most helpful first"
    )

    def get_url(self, partner: Partner) -> str:
        return partner.product.get_absolute_url()

    def get_image(self, partner: Partner) -> str | None:
        image = partner.image
        return image.thumb_url if image else None
