"""A small payment-gateway interface and the dummy gateway used by default.

A real gateway implements the same three calls. ``charge`` takes an idempotency
reference, as real gateways do, so a retried charge for one checkout is one charge.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class PaymentError(Exception):
    """The payment could not be taken; ``message`` is safe to show to the shopper."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PaymentDeclined(PaymentError):
    pass


@dataclass(frozen=True)
class Charge:
    reference: str
    amount: Decimal
    currency: str
    card_last4: str


class PaymentGateway(Protocol):
    name: str

    def charge(
        self, *, amount: Decimal, currency: str, card_number: str, idempotency_key: str
    ) -> Charge: ...

    def void(self, *, reference: str) -> None: ...

    def refund(self, *, reference: str, amount: Decimal) -> None: ...


def card_number_clean(card_number: str) -> str:
    return "".join(ch for ch in card_number if ch.isdigit())


def luhn_valid(digits: str) -> bool:
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for index, ch in enumerate(reversed(digits)):
        value = int(ch)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


class DummyGateway:
    """Test cards as the big gateways have them.

    4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined; 4000 0000 0000 0119
    fails with a processing error. Any other Luhn-valid number succeeds. Charges are
    kept in memory so that voids and refunds can be checked in tests.
    """

    name = "dummy"
    # Takes no money: refused at start-up with DEBUG off unless SHOP_DEMO_PAYMENTS
    # (shop.checks), and the checkout page says so.
    is_test = True
    DECLINED = "4000000000000002"
    PROCESSING_ERROR = "4000000000000119"
    _lock = threading.Lock()
    charges: dict[str, dict] = {}

    def charge(
        self, *, amount: Decimal, currency: str, card_number: str, idempotency_key: str
    ) -> Charge:
        digits = card_number_clean(card_number)
        if not luhn_valid(digits):
            raise PaymentDeclined(
                "That card number is not valid. Please check it and try again."
            )
        if digits == self.DECLINED:
            raise PaymentDeclined("Your card was declined. Please use another card.")
        if digits == self.PROCESSING_ERROR:
            raise PaymentError(
                "We could not reach the card processor. Nothing was charged; please try again."
            )
        reference = "ch_" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:24]
        with self._lock:
            self.charges.setdefault(
                reference,
                {
                    "amount": amount,
                    "currency": currency,
                    "status": "charged",
                    "refunded": Decimal("0"),
                },
            )
        return Charge(
            reference=reference,
            amount=amount,
            currency=currency,
            card_last4=digits[-4:],
        )

    def void(self, *, reference: str) -> None:
        with self._lock:
            if reference in self.charges:
                self.charges[reference]["status"] = "voided"

    def refund(self, *, reference: str, amount: Decimal) -> None:
        with self._lock:
            if reference in self.charges:
                self.charges[reference]["refunded"] += amount
                self.charges[reference]["status"] = "refunded"


def get_gateway() -> PaymentGateway:
    return import_string(settings.SHOP_PAYMENT_GATEWAY)()


def gateway_is_test() -> bool:
    """Whether the configured gateway is a test one (the checkout's demo notice)."""
    return bool(getattr(import_string(settings.SHOP_PAYMENT_GATEWAY), "is_test", False))
