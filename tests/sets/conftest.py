import pytest

from sets.signals import set_published


@pytest.fixture
def published_signals():
    """Every set_published sent while the test runs, as (sender, set) pairs."""
    received = []

    def receiver(sender, set, **kwargs):
        received.append((sender, set))

    set_published.connect(receiver, dispatch_uid="tests-sets-published")
    yield received
    set_published.disconnect(dispatch_uid="tests-sets-published")
