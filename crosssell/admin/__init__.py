"""Crosssell's admin: merchant controls, pair statistics, notes moderation."""

from . import controls, notes, stats  # noqa: F401  (registering is importing)
