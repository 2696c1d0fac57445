import pytest

from .factories import build_history, build_outfit


@pytest.fixture
def books():
    """Moon and Mouse go together; Bear goes with Moon; socks go with everything."""
    names = ["Goodnight Moon", "Mouse Cookie", "Brown Bear", "Socks", "Lamp", "Poster"]
    baskets = (
        [["Goodnight Moon", "Mouse Cookie"]] * 6
        + [["Goodnight Moon", "Brown Bear"]] * 3
        + [["Socks", "Lamp"]] * 6
        + [["Socks"]] * 10
        + [["Poster"]] * 2
    )
    return build_history((names, baskets))


@pytest.fixture
def outfit():
    return build_outfit()
