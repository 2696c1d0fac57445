from rest_framework import serializers

from ..models import Product, Variant
from ..selectors import first_image


class VariantSerializer(serializers.ModelSerializer):
    price = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    colour = serializers.CharField(source="colour_name")
    in_stock = serializers.SerializerMethodField()

    class Meta:
        model = Variant
        fields = ["id", "sku", "size", "colour", "price", "stock", "in_stock"]

    def get_in_stock(self, variant: Variant) -> bool:
        return variant.stock > 0


class ProductSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()
    cutout = serializers.SerializerMethodField()
    category = serializers.CharField(source="category.slug")
    colours = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = [
            "id",
            "sku",
            "slug",
            "title",
            "brand",
            "price",
            "category",
            "url",
            "image",
            "cutout",
            "colours",
            "is_in_stock",
        ]

    def get_url(self, product: Product) -> str:
        return product.get_absolute_url()

    def get_image(self, product: Product) -> str | None:
        image = first_image(product)
        return image.url("medium") if image else None

    def get_cutout(self, product: Product) -> str | None:
        image = first_image(product)
        return image.cutout.url if image and image.cutout else None

    def get_colours(self, product: Product) -> list[str]:
        return [colour.colour for colour in product.colours.all()]


class ProductDetailSerializer(ProductSerializer):
    variants = VariantSerializer(many=True, read_only=True)

    class Meta(ProductSerializer.Meta):
        fields = [*ProductSerializer.Meta.fields, "description", "variants"]
