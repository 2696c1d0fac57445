"""Money helpers: every amount is a Decimal with two places, never a float."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def quantize_money(value: Decimal | int | str) -> Decimal:
    """Round half up to cents. Refuses floats so none can sneak into a total."""
    if isinstance(value, float):
        raise TypeError("money must not be a float")
    try:
        return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount of money: {value!r}") from exc
