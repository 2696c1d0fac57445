"""Events the cross-sell app announces, for the rewards app above it.

Both are sent once per transition, after the transaction that made it has committed.
"""

from django.dispatch import Signal

# sender=Note, note=Note, moderator=User | None
note_approved = Signal()
# sender=Note, note=Note, moderator=User | None, reason=str
note_rejected = Signal()
