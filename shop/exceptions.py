"""Errors a shopper can cause; each carries a message that is safe to show them."""


class ShopError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidQuantity(ShopError):
    pass


class NotAvailable(ShopError):
    pass


class OutOfStock(ShopError):
    def __init__(self, message: str, *, variant_ids: list[int] | None = None):
        super().__init__(message)
        self.variant_ids = variant_ids or []


class CartNotEditable(ShopError):
    pass


class EmptyCart(ShopError):
    pass


class VoucherInvalid(ShopError):
    pass


class GiftCardInvalid(ShopError):
    pass


class CheckoutInProgress(ShopError):
    pass


class OrderStateError(ShopError):
    pass
