"""Every write the sets app makes. Views, the API, admin and tasks call these.

``editing``: create, update, publish, delete. ``social``: likes, views, reports,
referral visits. ``sharing``: email a set to a friend. ``moderation``: hide and
restore. ``picture``: draws a published set's composite (``sets.composite``)
and stores its files and colours.
"""
