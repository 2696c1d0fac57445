"""Sets as JSON: the editor's autosave document and the lists.

Serializers only parse and shape; the rules (ranges, products on sale, owners,
versions) are checked by the services, which the serializer's limits mirror so the
schema documents them.
"""

import math

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from shop.selectors import first_image, public_identity

from ..models import (
    MAX_ITEMS,
    POSITION_MAX,
    POSITION_MIN,
    SIZE_MAX,
    SIZE_MIN,
    Set,
    SetItem,
    SetReport,
)
from ..services.editing import ItemSpec

# The largest id a row can have (a 64-bit key) and the largest version a set's
# counter holds: anything bigger is refused as bad input, not sent to the database.
ID_MAX = 2**63 - 1
VERSION_MAX = 2**31 - 1


def _finite(value: float) -> None:
    if not math.isfinite(value):
        raise serializers.ValidationError("Must be a finite number.")


def _image_url(field) -> str | None:
    return field.url if field else None


class SetItemInputSerializer(serializers.Serializer):
    product = serializers.IntegerField(
        min_value=1, max_value=ID_MAX, help_text="The product's id"
    )
    x = serializers.FloatField(
        min_value=POSITION_MIN,
        max_value=POSITION_MAX,
        validators=[_finite],
        help_text="Left edge of the item's box, as a fraction of the canvas side",
    )
    y = serializers.FloatField(
        min_value=POSITION_MIN,
        max_value=POSITION_MAX,
        validators=[_finite],
        help_text="Top edge of the item's box, as a fraction of the canvas side",
    )
    width = serializers.FloatField(
        min_value=SIZE_MIN, max_value=SIZE_MAX, validators=[_finite]
    )
    height = serializers.FloatField(
        min_value=SIZE_MIN, max_value=SIZE_MAX, validators=[_finite]
    )
    rotation = serializers.FloatField(
        default=0.0,
        min_value=-3600,
        max_value=3600,
        validators=[_finite],
        help_text="Degrees clockwise about the box centre",
    )
    flip_h = serializers.BooleanField(default=False)
    z = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="Stacking order, 0 at the back; the list order when left out",
    )


class SetWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120, required=False, allow_blank=True)
    description = serializers.CharField(
        max_length=2000, required=False, allow_blank=True
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=60, allow_blank=True),
        max_length=20,
        required=False,
    )
    items = SetItemInputSerializer(many=True, required=False, max_length=MAX_ITEMS)

    def validate_items(self, items: list[dict]) -> list[ItemSpec]:
        # Items that name a z are stacked by it; the others keep their list order.
        ordered = sorted(
            enumerate(items), key=lambda pair: (pair[1].get("z", pair[0]), pair[0])
        )
        return [
            ItemSpec(
                product_id=item["product"],
                x=item["x"],
                y=item["y"],
                width=item["width"],
                height=item["height"],
                rotation=item["rotation"],
                flip_h=item["flip_h"],
            )
            for _, item in ordered
        ]


class SetUpdateSerializer(SetWriteSerializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=VERSION_MAX,
        help_text="The version this edit started from",
    )


class SetItemsReplaceSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=VERSION_MAX)
    items = SetItemInputSerializer(many=True, max_length=MAX_ITEMS)

    validate_items = SetWriteSerializer.validate_items


class SetPublishSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=VERSION_MAX,
        required=False,
        help_text="When given, publishing fails if the set has changed since",
    )


class SetReportSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=SetReport.Reason.choices)
    message = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class SetItemSerializer(serializers.ModelSerializer):
    product_title = serializers.CharField(source="product.title")
    product_sku = serializers.CharField(source="product.sku")
    product_url = serializers.SerializerMethodField()
    price = serializers.DecimalField(
        source="product.price", max_digits=12, decimal_places=2
    )
    is_in_stock = serializers.BooleanField(source="product.is_in_stock")
    is_active = serializers.BooleanField(source="product.is_active")
    cutout = serializers.SerializerMethodField()
    thumb = serializers.SerializerMethodField()

    class Meta:
        model = SetItem
        fields = [
            "product",
            "product_title",
            "product_sku",
            "product_url",
            "price",
            "is_in_stock",
            "is_active",
            "cutout",
            "thumb",
            "x",
            "y",
            "width",
            "height",
            "rotation",
            "flip_h",
            "z",
        ]

    def get_product_url(self, item: SetItem) -> str:
        return item.product.get_absolute_url()

    def get_cutout(self, item: SetItem) -> str | None:
        image = first_image(item.product)
        return image.cutout.url if image and image.cutout else None

    def get_thumb(self, item: SetItem) -> str | None:
        image = first_image(item.product)
        return image.thumb_url if image else None


class SetSummarySerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField(
        help_text="The creator's public handle (their page is /u/<handle>/); null "
        "for the shop's own sets"
    )
    owner_name = serializers.SerializerMethodField(
        help_text='How the creator is shown ("Kathryn T.", else their handle)'
    )
    tags = serializers.ListField(source="tag_list", child=serializers.CharField())
    url = serializers.CharField(source="get_absolute_url")
    image = serializers.SerializerMethodField()
    medium = serializers.SerializerMethodField()
    thumb = serializers.SerializerMethodField()
    colours = serializers.SerializerMethodField()
    referral_code = serializers.SerializerMethodField(
        help_text="Only for the set's creator: add ?ref=<code> to shared links"
    )

    class Meta:
        model = Set
        fields = [
            "slug",
            "title",
            "description",
            "tags",
            "status",
            "version",
            "owner",
            "owner_name",
            "url",
            "image",
            "medium",
            "thumb",
            "rendered_version",
            "colours",
            "like_count",
            "view_count",
            "referral_code",
            "created_at",
            "updated_at",
            "published_at",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_owner(self, set_: Set) -> str | None:
        return public_identity(user=set_.owner).handle

    @extend_schema_field(OpenApiTypes.STR)
    def get_owner_name(self, set_: Set) -> str:
        return public_identity(user=set_.owner).name

    def get_image(self, set_: Set) -> str | None:
        return _image_url(set_.image)

    def get_medium(self, set_: Set) -> str | None:
        return _image_url(set_.medium)

    def get_thumb(self, set_: Set) -> str | None:
        return _image_url(set_.thumb)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_colours(self, set_: Set) -> list[str]:
        return [colour.colour for colour in set_.colours.all()]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_referral_code(self, set_: Set) -> str | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.pk == set_.owner_id:
            return set_.referral_code
        return None


class SetSerializer(SetSummarySerializer):
    items = SetItemSerializer(many=True, read_only=True)

    class Meta(SetSummarySerializer.Meta):
        fields = [*SetSummarySerializer.Meta.fields, "items"]


class LikeSerializer(serializers.Serializer):
    is_liked = serializers.BooleanField()
    like_count = serializers.IntegerField()


class ShareLinksSerializer(serializers.Serializer):
    url = serializers.CharField()
    embed_url = serializers.CharField()
    embed_snippet = serializers.CharField()
    facebook = serializers.CharField()
    pinterest = serializers.CharField()
    x = serializers.CharField()
    email_subject = serializers.CharField()


class ShareEmailSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)
