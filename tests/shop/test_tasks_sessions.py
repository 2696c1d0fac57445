"""Expired sessions leave the table every day (Django never deletes them itself)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.celery import app as celery_app
from shop.tasks import sessions_clear

pytestmark = pytest.mark.django_db


def test_clearing_sessions_deletes_the_expired_and_keeps_the_live(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    live = SessionStore()
    live["cart"] = 1
    live.create()
    old = SessionStore()
    old["cart"] = 2
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    sessions_clear()

    assert list(Session.objects.values_list("session_key", flat=True)) == [
        live.session_key
    ]


def test_clearing_sessions_is_scheduled_daily():
    entries = [
        entry
        for entry in celery_app.conf.beat_schedule.values()
        if entry["task"] == "shop.tasks.sessions_clear"
    ]

    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert len(schedule.hour) == 1 and len(schedule.minute) == 1
    assert len(schedule.day_of_week) == 7 and len(schedule.day_of_month) == 31
