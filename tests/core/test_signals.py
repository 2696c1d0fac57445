"""send_robust_on_commit: after commit, every receiver, a failing one logged."""

import pytest
from django.db import transaction
from django.dispatch import Signal

from core.signals import send_robust_on_commit

thing_done = Signal()


@pytest.fixture
def receivers():
    heard = []

    def broken(sender, **kwargs):
        raise RuntimeError("receiver down")

    def listening(sender, **kwargs):
        heard.append(kwargs["thing"])

    thing_done.connect(broken, weak=False)
    thing_done.connect(listening, weak=False)
    yield heard
    thing_done.disconnect(broken)
    thing_done.disconnect(listening)


@pytest.mark.django_db
def test_nothing_is_sent_before_commit_and_a_failing_receiver_stops_no_other(
    receivers, caplog, django_capture_on_commit_callbacks
):
    # given a transaction that announces a thing
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        transaction.atomic(),
    ):
        send_robust_on_commit(
            thing_done, event="thing_done", about="A-1", sender=None, thing="A-1"
        )
        # then nothing is heard before the commit
        assert receivers == []

    # and after it, the working receiver heard it despite the broken one
    assert len(callbacks) == 1
    assert receivers == ["A-1"]
    errors = [r for r in caplog.records if r.name == "core.signals"]
    assert len(errors) == 1
    assert errors[0].levelname == "ERROR"
    assert errors[0].getMessage().startswith("thing_done receiver ")
    assert errors[0].getMessage().endswith(" failed for A-1")
    assert isinstance(errors[0].exc_info[1], RuntimeError)


@pytest.mark.django_db
def test_a_rolled_back_transaction_announces_nothing(
    receivers, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValueError),
        transaction.atomic(),
    ):
        send_robust_on_commit(
            thing_done, event="thing_done", about="A-2", sender=None, thing="A-2"
        )
        raise ValueError("rolled back")

    assert receivers == []
