import math

from hypothesis import given
from hypothesis import strategies as st

from crosssell.scoring import g2, pair_score


def g2_by_definition(k11, k12, k21, k22):
    """G² straight from DESIGN.md: 2·Σ k·ln(k/e), e = row·col/n, zero cells add 0."""
    n = k11 + k12 + k21 + k22
    rows = (k11 + k12, k21 + k22)
    cols = (k11 + k21, k12 + k22)
    total = 0.0
    for (i, j), k in {(0, 0): k11, (0, 1): k12, (1, 0): k21, (1, 1): k22}.items():
        if k:
            total += k * math.log(k / (rows[i] * cols[j] / n))
    return 2 * total


def test_hand_computed_example():
    # k = [[10, 10], [10, 970]]: e11 = 20·20/1000 = 0.4
    # G² = 2·(10·ln(25) + 2·10·ln(10/19.6) + 970·ln(970/960.4)) = 2·(32.189 − 13.459 + 9.647)
    assert math.isclose(g2(10, 10, 10, 970), 56.7538, rel_tol=1e-4)


def test_independent_products_score_zero():
    # 100 baskets, x in 50, y in 20, together in exactly 10 = 50·20/100: chance
    assert pair_score(n=100, n_x=50, n_y=20, n_xy=10) == 0.0
    assert g2(10, 40, 10, 40) < 1e-9


def test_negative_association_scores_zero():
    # together less often than chance
    assert pair_score(n=100, n_x=50, n_y=50, n_xy=5) == 0.0


def test_zero_cells_add_nothing():
    # always bought together and never apart: k12 = k21 = 0
    score = pair_score(n=100, n_x=10, n_y=10, n_xy=10)
    assert math.isclose(score, g2_by_definition(10, 0, 0, 90), rel_tol=1e-9)
    assert score > 0


def test_everyone_buys_socks_does_not_dominate():
    # socks are in 600 of 1,000 baskets and with the book in 60 (its share of socks);
    # the mouse book is in 30 baskets and with the book in 20
    socks = pair_score(n=1000, n_x=100, n_y=600, n_xy=62)
    mouse = pair_score(n=1000, n_x=100, n_y=30, n_xy=20)
    assert mouse > 10 * socks


@given(
    st.integers(0, 500), st.integers(0, 500), st.integers(0, 500), st.integers(0, 5000)
)
def test_matches_the_definition_and_is_symmetric(k11, k12, k21, k22):
    if k11 + k12 + k21 + k22 == 0:
        return
    expected = g2_by_definition(k11, k12, k21, k22)
    assert math.isclose(g2(k11, k12, k21, k22), expected, rel_tol=1e-7, abs_tol=1e-7)
    # swapping x and y transposes the table
    assert math.isclose(g2(k11, k21, k12, k22), expected, rel_tol=1e-7, abs_tol=1e-7)


@given(st.integers(1, 2000), st.data())
def test_pair_score_is_symmetric_in_x_and_y(n, data):
    n_x = data.draw(st.integers(0, n))
    n_y = data.draw(st.integers(0, n))
    n_xy = data.draw(st.integers(max(0, n_x + n_y - n), min(n_x, n_y)))
    assert pair_score(n=n, n_x=n_x, n_y=n_y, n_xy=n_xy) == pair_score(
        n=n, n_x=n_y, n_y=n_x, n_xy=n_xy
    )
