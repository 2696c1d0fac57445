from decimal import Decimal
from decimal import Decimal as D

import factory
from django.contrib.auth import get_user_model

from shop.models import (
    Category,
    GiftCard,
    Order,
    OrderLine,
    Product,
    Variant,
    Voucher,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"shopper{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    first_name = "Kathryn"
    last_name = "Thompson"
    password = factory.PostGenerationMethodCall("set_password", "a-good-password-1")

    @factory.post_generation
    def _save(user, create, extracted, **kwargs):
        if create:
            user.save()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    title = factory.Sequence(lambda n: f"Product {n}")
    brand = "Acme"
    description = "A thing worth having."
    category = factory.SubFactory(CategoryFactory)
    price = Decimal("10.00")


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Variant

    product = factory.SubFactory(ProductFactory)
    sku = factory.LazyAttribute(lambda variant: variant.product.sku)
    stock = 10


def product_with_variant(*, price: str = "10.00", stock: int = 10, **kwargs) -> Variant:
    """A single-variant product (a book, a mug): the variant's SKU is the product's."""
    product = ProductFactory(price=Decimal(price), **kwargs)
    return VariantFactory(product=product, sku=product.sku, stock=stock)


class VoucherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Voucher

    code = factory.Sequence(lambda n: f"SAVE{n}")
    kind = Voucher.Kind.FIXED
    value = Decimal("5.00")


class GiftCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GiftCard

    code = factory.Sequence(lambda n: f"GIFT-{n:08d}")
    initial_balance = Decimal("25.00")
    balance = factory.LazyAttribute(lambda card: card.initial_balance)


def make_order(
    products,
    *,
    number,
    status=Order.Status.PAID,
    quantities=None,
    user=None,
    email="a@example.com",
):
    """A paid order (or one in ``status``) of one line per product at $1.00 each.

    Written straight to the tables, without checkout: no stock taken, no signal.
    """
    order = Order.objects.create(
        number=number,
        idempotency_key=number,
        user=user,
        email=email,
        status=status,
        currency="USD",
        subtotal=D("1.00"),
        total=D("1.00"),
        shipping_name="A",
        shipping_line1="1",
        shipping_city="C",
        shipping_postcode="1",
        shipping_country="US",
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product=product,
            sku=product.sku,
            title=product.title,
            unit_price=D("1.00"),
            quantity=(quantities or {}).get(product.pk, 1),
            line_total=D("1.00"),
        )
        for product in products
    )
    return order
