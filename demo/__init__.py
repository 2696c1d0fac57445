"""The demo shop: drawn pictures, a catalog, a year of orders, notes and sets.

Depends on every app; no app depends on it. ``python manage.py seed_demo`` seeds it.
"""
