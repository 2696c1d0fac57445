"""Errors a shopper can cause with a set; each message is safe to show them."""


class SetError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SetInvalid(SetError):
    """Bad input. ``errors`` maps a field (or "items") to what is wrong with it."""

    def __init__(self, message: str, *, errors: dict | None = None):
        super().__init__(message)
        self.errors = errors or {}


class SetForbidden(SetError):
    """The shopper may see the set but not do this to it (not theirs, their own)."""


class SetConflict(SetError):
    """The set changed since the shopper's copy was loaded (another tab, another device)."""

    def __init__(self, message: str, *, current_version: int):
        super().__init__(message)
        self.current_version = current_version


class SetStateError(SetError):
    """Not possible in the set's current state (liking a draft, publishing a hidden set)."""


class SetRateLimited(SetError):
    """Too many of something (emails sent) in a short time; try again later."""


class SetEmailUnconfirmed(SetForbidden):
    """Emailing a set needs a confirmed email address (the shop mails in its name)."""
