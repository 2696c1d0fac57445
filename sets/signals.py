"""Events the sets app announces, for the apps above it (rewards).

Sent after the transaction that caused them has committed.
"""

from django.dispatch import Signal

# sender=Set, set=Set. Sent once per set, on its first publication; a set that is
# hidden and restored, or edited after publishing, does not send it again.
set_published = Signal()
