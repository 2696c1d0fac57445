"""Dunning's log-likelihood ratio for "bought together more than chance".

One function, used by the incremental path, the full recompute and the tests, so
the three can never disagree about what a score is (see DESIGN.md, "Co-purchase
scoring").
"""

from __future__ import annotations

import math


def _x_log_x(value: float) -> float:
    return value * math.log(value) if value > 0 else 0.0


def _entropy(*counts: float) -> float:
    """Unnormalised Shannon entropy, the form Mahout uses: x·ln(x) summed, negated."""
    return _x_log_x(sum(counts)) - sum(_x_log_x(count) for count in counts)


def g2(k11: int, k12: int, k21: int, k22: int) -> float:
    """G² = 2·Σ k_ij·ln(k_ij / e_ij) on a 2×2 table; a zero cell adds 0.

    Written with entropies (as in Mahout's LogLikelihood) because it is exactly the
    same sum and needs no division by an expected count that may be zero.
    """
    row = _entropy(*sorted((k11 + k12, k21 + k22)))
    column = _entropy(*sorted((k11 + k21, k12 + k22)))
    # Cells in a fixed order so that swapping x and y gives the very same float.
    matrix = _entropy(*sorted((k11, k12, k21, k22)))
    # Round-off can make a true zero slightly negative.
    return max(0.0, 2.0 * (row + column - matrix))


def pair_score(*, n: int, n_x: int, n_y: int, n_xy: int) -> float:
    """The score of partner y for x: G² when bought together more than chance, else 0."""
    if n <= 0 or n_xy <= 0 or n_xy * n <= n_x * n_y:
        return 0.0
    return g2(n_xy, n_x - n_xy, n_y - n_xy, n - n_x - n_y + n_xy)


def partner_rank_key(
    *, score: float, together: int, product_id: int, annotated: bool, boost: float
) -> tuple[float, int, int, int]:
    """Sort key for partners, best first: shoppers' reasons lift a partner a little.

    An annotated partner (one with an approved "because" note) ranks as if its score
    were ``boost`` times higher (CROSSSELL_NOTE_RANK_BOOST, 1.25 by default): it passes
    unannotated partners whose score is less than 25 % above its own, and no more, so
    a note can never carry a weak pair past a much stronger one. Equal effective
    scores go to the annotated partner, then to more baskets, then to the lower id.
    """
    effective = score * boost if annotated else score
    return (-effective, 0 if annotated else 1, -together, product_id)
