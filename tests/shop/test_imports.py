from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from shop.models import Category, Order, OrderLine, Product, ProductImage, Variant
from shop.services.imports import ImportFailed, catalog_import, orders_import

from .factories import ProductFactory, VariantFactory, product_with_variant

pytestmark = pytest.mark.django_db


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text.strip() + "\n")
    return path


@pytest.fixture
def picture(tmp_path):
    image = Image.new("RGB", (300, 300), (246, 245, 242))
    image.paste((200, 30, 40), (80, 80, 220, 220))
    image.save(tmp_path / "tee.png")
    return "tee.png"


def test_catalog_with_variants_categories_and_images(
    tmp_path, picture, django_capture_on_commit_callbacks
):
    path = write(
        tmp_path,
        "catalog.csv",
        f"""
sku,title,price,category,description,image_path,parent_sku,size,colour,stock
TEE,Linen Tee,24.00,Fashion > Tops,Soft linen.,{picture},,,,
TEE-S,,24.00,,,,TEE,S,Red,3
TEE-M,,26.00,,,,TEE,M,Red,0
BOOK,Goodnight Moon,8.99,Books > Children's books,A classic.,,,,,12
""",
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = catalog_import(path=path)
    assert result.created == 4
    tee = Product.objects.get(sku="TEE")
    assert tee.category.name == "Tops" and tee.category.parent.name == "Fashion"
    assert {v.sku: (v.size, v.stock, v.price) for v in tee.variants.all()} == {
        "TEE-S": ("S", 3, D("24.00")),
        "TEE-M": ("M", 0, D("26.00")),
    }
    assert tee.is_in_stock is True
    book = Product.objects.get(sku="BOOK")
    assert [(v.sku, v.stock) for v in book.variants.all()] == [("BOOK", 12)]
    image = ProductImage.objects.get(product=tee)
    assert image.status == ProductImage.Status.READY and image.cutout
    assert [c.colour for c in tee.colours.all()] == ["red"]
    # the same file again changes nothing
    again = catalog_import(path=path)
    assert (again.created, again.updated) == (0, 0)
    assert (
        Product.objects.count() == 2
        and Variant.objects.count() == 3
        and ProductImage.objects.count() == 1
    )
    assert Category.objects.count() == 4


def test_bad_catalog_rows_are_reported_by_line_and_nothing_is_written(tmp_path):
    path = write(
        tmp_path,
        "catalog.csv",
        """
sku,title,price,category,description,image_path,parent_sku
OK,Fine,10.00,Home,,,
,No sku,1.00,Home,,,
BAD,Bad price,ten,Home,,,
IMG,Missing picture,1.00,Home,,missing.jpg,
VAR,,1.00,,,,NOPARENT
""",
    )
    with pytest.raises(ImportFailed) as failure:
        catalog_import(path=path)
    assert failure.value.errors == [
        "line 3: a SKU is required (at most 64 characters)",
        "line 4: price 'ten' is not an amount like 12.50",
        "line 5: image 'missing.jpg' not found",
        "line 6: parent SKU 'NOPARENT' is neither in the file nor in the shop",
    ]
    assert Product.objects.count() == 0 and Category.objects.count() == 0


def test_fake_image_in_catalog_is_refused(tmp_path):
    (tmp_path / "fake.jpg").write_text("<svg></svg>")
    path = write(
        tmp_path,
        "catalog.csv",
        """
sku,title,price,category,description,image_path
X,Thing,1.00,Home,,fake.jpg
""",
    )
    with pytest.raises(
        ImportFailed, match="line 2: image 'fake.jpg': This file is not an image"
    ):
        catalog_import(path=path)


def test_missing_columns_are_named():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.csv"
        path.write_text("order_id,email,sku\n1,a@example.com,X\n")
        with pytest.raises(
            ImportFailed, match="missing column\\(s\\): quantity, unit_price, placed_at"
        ):
            orders_import(path=path)


def test_orders_import_groups_lines_resolves_skus_and_is_idempotent(tmp_path):
    product_with_variant(sku="BOOK", price="8.99")
    tee = ProductFactory(sku="TEE")
    VariantFactory(product=tee, sku="TEE-M", size="M")
    path = write(
        tmp_path,
        "orders.csv",
        """
order_id,email,sku,quantity,unit_price,placed_at
1001,Kathryn@Example.com,BOOK,2,8.99,2025-03-01T10:00:00
1001,kathryn@example.com,TEE-M,1,20.00,2025-03-01T10:00:00
1002,sam@example.com,BOOK,1,7.99,2025-03-02T09:30:00+02:00
""",
    )
    result = orders_import(path=path)
    assert (result.rows, result.created) == (3, 2)
    first = Order.objects.get(idempotency_key="import-1001")
    assert (first.number, first.email, first.status, first.is_imported) == (
        "I-1001",
        "kathryn@example.com",
        "paid",
        True,
    )
    assert first.total == D("37.98")
    assert [
        (line.sku, line.quantity, line.line_total, line.variant_label)
        for line in first.lines.order_by("pk")
    ] == [
        ("BOOK", 2, D("17.98"), ""),
        ("TEE-M", 1, D("20.00"), "M"),
    ]
    second = Order.objects.get(idempotency_key="import-1002")
    assert second.placed_at.isoformat() == "2025-03-02T07:30:00+00:00"
    again = orders_import(path=path)
    assert (again.created, again.skipped) == (0, 2)
    assert Order.objects.count() == 2 and OrderLine.objects.count() == 3


def test_a_multi_variant_products_own_sku_is_not_enough(tmp_path):
    tee = ProductFactory(sku="TEE")
    VariantFactory(product=tee, sku="TEE-S")
    VariantFactory(product=tee, sku="TEE-M")
    path = write(
        tmp_path,
        "orders.csv",
        """
order_id,email,sku,quantity,unit_price,placed_at
1,a@example.com,TEE,1,10.00,2025-01-01T00:00:00
""",
    )
    with pytest.raises(ImportFailed, match="line 2: unknown SKU 'TEE'"):
        orders_import(path=path)


def test_bad_order_rows_are_reported_and_nothing_is_imported(tmp_path):
    product_with_variant(sku="BOOK")
    path = write(
        tmp_path,
        "orders.csv",
        """
order_id,email,sku,quantity,unit_price,placed_at
1,a@example.com,BOOK,1,8.99,2025-01-01T00:00:00
2,a@example.com,NOPE,1,8.99,2025-01-01T00:00:00
3,a@example.com,BOOK,-1,8.99,2025-01-01T00:00:00
4,a@example.com,BOOK,1,8.999,2025-01-01T00:00:00
5,not-an-email,BOOK,1,8.99,2025-01-01T00:00:00
6,a@example.com,BOOK,1,8.99,yesterday
""",
    )
    with pytest.raises(ImportFailed) as failure:
        orders_import(path=path)
    assert failure.value.errors == [
        "line 3: unknown SKU 'NOPE'",
        "line 4: quantity '-1' must be a whole number from 1 to 10000",
        "line 5: unit_price '8.999' is not an amount like 12.50",
        "line 6: email 'not-an-email' is not an email address",
        "line 7: placed_at 'yesterday' is not an ISO 8601 date and time",
    ]
    assert Order.objects.count() == 0


def test_import_command_reports_errors_without_a_traceback(tmp_path):
    path = write(
        tmp_path,
        "orders.csv",
        "order_id,email,sku,quantity,unit_price,placed_at\n1,a@x.com,NOPE,1,1.00,2025-01-01T00:00:00",
    )
    with pytest.raises(
        CommandError, match="Nothing was imported:\nline 2: unknown SKU 'NOPE'"
    ):
        call_command("import_orders", str(path))
