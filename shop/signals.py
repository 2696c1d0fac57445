"""Events the shop announces, for the apps above it (sets, crosssell, rewards).

Both are sent after the transaction that caused them has committed.
"""

from django.dispatch import Signal

# sender=Order, order=Order
order_paid = Signal()
# sender=Order, order=Order, status="refunded" | "cancelled"
order_refunded = Signal()
