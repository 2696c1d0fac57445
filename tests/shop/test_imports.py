from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from shop.models import Category, Order, OrderLine, Product, ProductImage, Variant
from shop.services import imports
from shop.services.imports import (
    MAX_ERRORS,
    ImportFailed,
    catalog_import,
    order_number_for,
    orders_import,
)
from shop.signals import order_paid

from .factories import ProductFactory, VariantFactory, product_with_variant

pytestmark = pytest.mark.django_db

ORDERS_HEADER = "order_id,email,sku,quantity,unit_price,placed_at"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text.strip() + "\n")
    return path


def snapshot():
    """Everything an import may write, to prove a refused file wrote nothing."""
    return (
        Category.objects.count(),
        Product.objects.count(),
        Variant.objects.count(),
        ProductImage.objects.count(),
        Order.objects.count(),
        OrderLine.objects.count(),
    )


@pytest.fixture
def picture(tmp_path):
    image = Image.new("RGB", (300, 300), (246, 245, 242))
    image.paste((200, 30, 40), (80, 80, 220, 220))
    image.save(tmp_path / "tee.png")
    return "tee.png"


@pytest.fixture
def shop_skus():
    """A single-variant book and a tee sold by size."""
    book = product_with_variant(sku="BOOK", price="8.99", title="Goodnight Moon")
    tee = ProductFactory(sku="TEE", title="Linen Tee", price=D("20.00"))
    VariantFactory(product=tee, sku="TEE-S", size="S", colour_name="Red", stock=5)
    VariantFactory(product=tee, sku="TEE-M", size="M", stock=5)
    return book, tee


# --- catalog ------------------------------------------------------------------------


def test_catalog_with_variants_categories_and_images(
    tmp_path, picture, django_capture_on_commit_callbacks
):
    path = write(
        tmp_path,
        "catalog.csv",
        f"""
sku,title,price,category,description,image_path,parent_sku,size,colour,stock,brand
TEE,Linen Tee,24.00,Fashion > Tops,Soft linen.,{picture},,,,,Wren & Wool
TEE-S,,24.00,,,,TEE,S,Red,3,
TEE-M,,26.00,,,,TEE,M,Red,0,
TEE-L,,,,,,TEE,L,Red,2,
BOOK,Goodnight Moon,8.99,Books > Children's books,A classic.,,,,,12,
""",
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = catalog_import(path=path)
    assert (result.rows, result.created, result.updated) == (5, 5, 0)
    tee = Product.objects.get(sku="TEE")
    assert (tee.title, tee.brand, tee.price) == ("Linen Tee", "Wren & Wool", D("24.00"))
    assert tee.category.name == "Tops" and tee.category.parent.name == "Fashion"
    assert [
        (v.sku, v.size, v.colour_name, v.stock, v.price) for v in tee.variants.all()
    ] == [
        ("TEE-S", "S", "Red", 3, D("24.00")),
        ("TEE-M", "M", "Red", 0, D("26.00")),
        ("TEE-L", "L", "Red", 2, D("24.00")),  # no price: the product's
    ]
    assert tee.is_in_stock is True
    book = Product.objects.get(sku="BOOK")
    assert book.category.parent.name == "Books"
    assert [(v.sku, v.stock) for v in book.variants.all()] == [("BOOK", 12)]
    image = ProductImage.objects.get(product=tee)
    assert image.status == ProductImage.Status.READY and image.cutout
    assert [c.colour for c in tee.colours.all()] == ["red"]

    counts = snapshot()
    again = catalog_import(path=path)
    assert (again.created, again.updated, again.skipped) == (0, 0, 5)
    assert snapshot() == counts == (4, 2, 4, 1, 0, 0)


def test_catalog_reimport_updates_what_changed_and_finds_existing_categories(tmp_path):
    first = write(
        tmp_path,
        "a.csv",
        """
sku,title,price,category,description,image_path
MUG,Speckled Mug,14.00,Home > Kitchen,Holds tea.,
""",
    )
    catalog_import(path=first)
    second = write(
        tmp_path,
        "b.csv",
        """
sku,title,price,category,description,image_path,stock
MUG,Speckled Mug,12.50,home > kitchen,Holds tea.,,7
VASE,Stoneware Vase,30.00,Home > Decor,For stems.,,1
""",
    )
    result = catalog_import(path=second)
    assert (result.created, result.updated) == (1, 1)
    mug = Product.objects.get(sku="MUG")
    assert mug.price == D("12.50")
    assert [(v.sku, v.stock) for v in mug.variants.all()] == [("MUG", 7)]
    assert sorted(Category.objects.values_list("name", flat=True)) == [
        "Decor",
        "Home",
        "Kitchen",
    ]


def test_a_variant_row_may_name_a_parent_already_in_the_shop(tmp_path):
    tee = ProductFactory(sku="TEE", price=D("20.00"))
    VariantFactory(product=tee, sku="TEE-S", size="S")
    path = write(
        tmp_path,
        "catalog.csv",
        """
sku,title,price,category,description,image_path,parent_sku,size
TEE-XL,,22.00,,,,TEE,XL
""",
    )
    catalog_import(path=path)
    assert [(v.sku, v.price) for v in tee.variants.all()] == [
        ("TEE-S", D("20.00")),
        ("TEE-XL", D("22.00")),
    ]


def test_bad_catalog_rows_are_reported_by_line_and_nothing_is_written(tmp_path):
    taken = ProductFactory(sku="TEE")
    VariantFactory(product=taken, sku="TEE-S")
    before = snapshot()
    path = write(
        tmp_path,
        "catalog.csv",
        """
sku,title,price,category,description,image_path,parent_sku,stock
OK,Fine,10.00,Home,,,,
,No sku,1.00,Home,,,,
BAD,Bad price,ten,Home,,,,
IMG,Missing picture,1.00,Home,,missing.jpg,,
VAR,,1.00,,,,NOPARENT,
TEE-S,Clash,1.00,Home,,,,
NEG,Negative stock,1.00,Home,,,,-2
OK,Twice,1.00,Home,,,,
NOCAT,No category,1.00, > ,,,,
""",
    )
    with pytest.raises(ImportFailed) as failure:
        catalog_import(path=path)
    assert failure.value.errors == [
        "line 3: a SKU is required (at most 64 characters)",
        "line 4: price 'ten' is not an amount like 12.50",
        "line 5: image 'missing.jpg' not found",
        "line 6: parent SKU 'NOPARENT' is neither in the file nor in the shop",
        "line 7: SKU 'TEE-S' is already a variant of product 'TEE'",
        "line 8: stock '-2' is not a whole number from 0 to 1000000",
        "line 9: SKU 'OK' appears twice",
        "line 10: a category is required (e.g. 'Fashion > Tops')",
    ]
    assert snapshot() == before


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
    assert snapshot() == (0, 0, 0, 0, 0, 0)


def test_absolute_image_paths_are_allowed(
    tmp_path, picture, django_capture_on_commit_callbacks
):
    folder = tmp_path / "csv"
    folder.mkdir()
    path = write(
        folder,
        "catalog.csv",
        f"""
sku,title,price,category,description,image_path
X,Thing,1.00,Home,,{tmp_path / picture}
""",
    )
    with django_capture_on_commit_callbacks(execute=True):
        catalog_import(path=path)
    assert ProductImage.objects.get().status == ProductImage.Status.READY


def test_catalog_missing_columns_are_named(tmp_path):
    path = write(tmp_path, "catalog.csv", "sku,title,price\nX,Thing,1.00")
    with pytest.raises(ImportFailed) as failure:
        catalog_import(path=path)
    assert failure.value.errors == [
        "line 1: missing column(s): category, description, image_path "
        "(expected sku,title,price,category,description,image_path)"
    ]


def test_import_catalog_command(tmp_path):
    path = write(
        tmp_path,
        "catalog.csv",
        """
sku,title,price,category,description,image_path
MUG,Mug,12.00,Home > Kitchen,,
""",
    )
    call_command("import_catalog", str(path))
    assert Product.objects.get().title == "Mug"
    bad = write(tmp_path, "bad.csv", "sku,title\nX,Y")
    with pytest.raises(
        CommandError, match="Nothing was imported:\nline 1: missing column"
    ):
        call_command("import_catalog", str(bad))


# --- orders -------------------------------------------------------------------------


def test_missing_order_columns_are_named(tmp_path, shop_skus):
    path = write(tmp_path, "orders.csv", "order_id,email,sku\n1,a@example.com,BOOK")
    with pytest.raises(
        ImportFailed,
        match=r"line 1: missing column\(s\): quantity, unit_price, placed_at",
    ):
        orders_import(path=path)
    assert Order.objects.count() == 0


def test_orders_import_groups_lines_resolves_skus_and_is_idempotent(
    tmp_path, shop_skus
):
    path = write(
        tmp_path,
        "orders.csv",
        f"""
{ORDERS_HEADER}
1001,Kathryn@Example.com,BOOK,2,8.99,2025-03-01T10:00:00
1001,kathryn@example.com,TEE-S,1,20,2025-03-01T10:00:00
1002,sam@example.com,BOOK,1,7.99,2025-03-02T09:30:00+02:00
1003,ann@example.com,TEE-M,3,19.5,2025-03-03T08:00:00Z
""",
    )
    result = orders_import(path=path)
    assert (result.rows, result.created, result.skipped, result.lines) == (4, 3, 0, 4)
    first = Order.objects.get(idempotency_key="import-1001")
    assert (first.number, first.email, first.status, first.is_imported, first.user) == (
        "I-1001",
        "kathryn@example.com",
        Order.Status.PAID,
        True,
        None,
    )
    assert (first.subtotal, first.shipping, first.total, first.currency) == (
        D("37.98"),
        D("0.00"),
        D("37.98"),
        "USD",
    )
    assert [
        (
            line.sku,
            line.title,
            line.variant_label,
            line.quantity,
            line.unit_price,
            line.line_total,
        )
        for line in first.lines.all()
    ] == [
        ("BOOK", "Goodnight Moon", "", 2, D("8.99"), D("17.98")),
        ("TEE-S", "Linen Tee", "S / Red", 1, D("20.00"), D("20.00")),
    ]
    second = Order.objects.get(idempotency_key="import-1002")
    assert second.placed_at.isoformat() == "2025-03-02T07:30:00+00:00"
    assert Order.objects.get(number="I-1003").total == D("58.50")

    again = orders_import(path=path)
    assert (again.created, again.skipped, again.lines) == (0, 3, 0)
    assert (Order.objects.count(), OrderLine.objects.count()) == (3, 4)


def test_imported_orders_leave_stock_alone_and_send_no_signal(tmp_path, shop_skus):
    received = []

    def receiver(**kwargs):
        received.append(kwargs)

    order_paid.connect(receiver, weak=False, dispatch_uid="test_import_no_signal")
    try:
        path = write(
            tmp_path,
            "orders.csv",
            f"{ORDERS_HEADER}\n1,a@example.com,TEE-S,4,20.00,2025-01-01T00:00:00",
        )
        orders_import(path=path)
    finally:
        order_paid.disconnect(dispatch_uid="test_import_no_signal")
    assert received == []
    assert Variant.objects.get(sku="TEE-S").stock == 5


def test_a_file_with_new_and_known_orders_adds_only_the_new(tmp_path, shop_skus):
    write(tmp_path, "a.csv", f"{ORDERS_HEADER}\n1,a@example.com,BOOK,1,8.99,2025-01-01")
    orders_import(path=tmp_path / "a.csv")
    path = write(
        tmp_path,
        "b.csv",
        f"""
{ORDERS_HEADER}
1,a@example.com,BOOK,1,8.99,2025-01-01
1,a@example.com,TEE-M,1,20.00,2025-01-01
2,b@example.com,TEE-M,1,20.00,2025-01-02
""",
    )
    result = orders_import(path=path)
    assert (result.created, result.skipped, result.lines) == (1, 1, 1)
    # An imported order is never changed afterwards: keyed on its order_id.
    assert Order.objects.get(number="I-1").lines.count() == 1
    assert Order.objects.get(number="I-2").lines.count() == 1


def test_variant_sku_and_single_variant_product_sku_resolution(tmp_path, shop_skus):
    book = Variant.objects.get(sku="BOOK")
    path = write(
        tmp_path,
        "orders.csv",
        f"""
{ORDERS_HEADER}
1,a@example.com,BOOK,1,8.99,2025-01-01T00:00:00
2,a@example.com,TEE,1,20.00,2025-01-01T00:00:00
""",
    )
    with pytest.raises(ImportFailed) as failure:
        orders_import(path=path)
    # TEE has two variants: its product SKU does not say which.
    assert failure.value.errors == ["line 3: unknown SKU 'TEE'"]
    assert imports.sku_index() == {
        "BOOK": book.pk,
        "TEE-S": Variant.objects.get(sku="TEE-S").pk,
        "TEE-M": Variant.objects.get(sku="TEE-M").pk,
    }
    mug = ProductFactory(sku="MUG")
    mug_variant = VariantFactory(product=mug, sku="MUG-1")
    assert imports.sku_index()["MUG"] == mug_variant.pk  # single variant, other SKU
    # A variant's own SKU wins over a single-variant product's SKU.
    cup = ProductFactory(sku="CUP")
    clash = VariantFactory(product=cup, sku="MUG")
    VariantFactory(product=cup, sku="CUP-2")
    assert imports.sku_index()["MUG"] == clash.pk


def test_bad_order_rows_are_reported_and_nothing_is_imported(tmp_path, shop_skus):
    path = write(
        tmp_path,
        "orders.csv",
        f"""
{ORDERS_HEADER}
1,a@example.com,BOOK,1,8.99,2025-01-01T00:00:00
2,a@example.com,NOPE,1,8.99,2025-01-01T00:00:00
3,a@example.com,BOOK,-1,8.99,2025-01-01T00:00:00
4,a@example.com,BOOK,1,8.999,2025-01-01T00:00:00
5,not-an-email,BOOK,1,8.99,2025-01-01T00:00:00
6,a@example.com,BOOK,1,8.99,yesterday
7,a@example.com,BOOK,1.5,8.99,2025-01-01T00:00:00
8,a@example.com,BOOK,0,8.99,2025-01-01T00:00:00
9,a@example.com,BOOK,1,$8.99,2025-01-01T00:00:00
10,a@example.com,BOOK,1,8.99,2999-01-01T00:00:00
11,a@example.com,BOOK,1,8.99
,a@example.com,BOOK,1,8.99,2025-01-01T00:00:00
""",
    )
    with pytest.raises(ImportFailed) as failure:
        orders_import(path=path)
    assert failure.value.errors == [
        "line 3: unknown SKU 'NOPE'",
        "line 4: quantity '-1' must be a whole number from 1 to 10000",
        "line 5: unit_price '8.999' is not an amount like 12.50",
        "line 6: email 'not-an-email' is not an email address",
        "line 7: placed_at 'yesterday' is not an ISO 8601 date and time in the past",
        "line 8: quantity '1.5' must be a whole number from 1 to 10000",
        "line 9: quantity '0' must be a whole number from 1 to 10000",
        "line 10: unit_price '$8.99' is not an amount like 12.50",
        "line 11: placed_at '2999-01-01T00:00:00' is not an ISO 8601 date and time in the past",
        "line 12: expected 6 fields like the header, found a different number",
        "line 13: an order_id is required (at most 50 characters)",
    ]
    assert snapshot()[4:] == (0, 0)


def test_errors_stop_at_the_limit(tmp_path, shop_skus):
    rows = "\n".join(f"{n},a@example.com,NOPE{n},1,1.00,2025-01-01" for n in range(100))
    path = write(tmp_path, "orders.csv", f"{ORDERS_HEADER}\n{rows}")
    with pytest.raises(ImportFailed) as failure:
        orders_import(path=path)
    errors = failure.value.errors
    assert len(errors) == MAX_ERRORS + 1
    assert errors[0] == "line 2: unknown SKU 'NOPE0'"
    assert errors[-1] == "… more errors after line 21 not shown; fix these first"


def test_rows_of_one_order_must_agree(tmp_path, shop_skus):
    path = write(
        tmp_path,
        "orders.csv",
        f"""
{ORDERS_HEADER}
1,a@example.com,BOOK,1,8.99,2025-01-01T00:00:00
2,b@example.com,BOOK,1,8.99,2025-01-01T00:00:00
1,a@example.com,TEE-M,1,20.00,2025-01-02T00:00:00
""",
    )
    with pytest.raises(ImportFailed) as failure:
        orders_import(path=path)
    assert failure.value.errors == [
        "line 4: order '1' has a different email or placed_at than on line 2"
    ]
    assert snapshot()[4:] == (0, 0)


def test_long_order_ids_are_hashed_into_the_number(tmp_path, shop_skus):
    long_id = "shopify/orders/2025/0000000000012345"
    assert order_number_for("A-100") == "I-A-100"
    assert order_number_for(long_id) == order_number_for(long_id)
    assert len(order_number_for(long_id)) == 20 and order_number_for(
        long_id
    ) != order_number_for(long_id + "6")
    assert len(order_number_for("has space")) == 20
    path = write(
        tmp_path,
        "orders.csv",
        f"{ORDERS_HEADER}\n{long_id},a@example.com,BOOK,1,8.99,2025-01-01",
    )
    orders_import(path=path)
    order = Order.objects.get()
    assert (order.number, order.idempotency_key) == (
        order_number_for(long_id),
        f"import-{long_id}",
    )
    assert orders_import(path=path).created == 0


def test_an_order_number_used_by_another_order_is_refused(tmp_path, shop_skus):
    Order.objects.create(
        number="I-7",
        idempotency_key="checkout-token",
        email="x@example.com",
        currency="USD",
        subtotal=D("1.00"),
        total=D("1.00"),
    )
    path = write(
        tmp_path,
        "orders.csv",
        f"{ORDERS_HEADER}\n7,a@example.com,BOOK,1,8.99,2025-01-01",
    )
    with pytest.raises(ImportFailed) as failure:
        orders_import(path=path)
    assert failure.value.errors == [
        "line 2: order number 'I-7' is already used by another order"
    ]
    assert Order.objects.count() == 1


def test_header_only_file_imports_nothing(tmp_path, shop_skus):
    path = write(tmp_path, "orders.csv", ORDERS_HEADER)
    result = orders_import(path=path)
    assert (result.rows, result.created) == (0, 0)


def test_import_orders_command_reports_errors_without_a_traceback(tmp_path, shop_skus):
    path = write(
        tmp_path,
        "orders.csv",
        f"{ORDERS_HEADER}\n1,a@x.com,NOPE,1,1.00,2025-01-01T00:00:00",
    )
    with pytest.raises(
        CommandError, match="Nothing was imported:\nline 2: unknown SKU 'NOPE'"
    ):
        call_command("import_orders", str(path))
    good = write(
        tmp_path, "good.csv", f"{ORDERS_HEADER}\n1,a@x.com,BOOK,1,8.99,2025-01-01"
    )
    call_command("import_orders", str(good), "--no-recompute")
    assert Order.objects.get().number == "I-1"
