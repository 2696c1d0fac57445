"""Each product's ranked partner list, computed off the hot path and stored.

A list is rebuilt when the product's counts change (after an order is counted or
uncounted) and for every product after a full recompute. Serving reads the stored
row — or the cache in front of it — and never scores pairs per request.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from ..cache import list_cache_key
from ..models import BasketTotal, ProductCrosssells, ProductStat
from ..scoring import pair_score


def _partners_sql() -> str:
    return """
        SELECT p.product_b_id, p.together, s.baskets
        FROM crosssell_pairstat p JOIN crosssell_productstat s ON s.product_id = p.product_b_id
        WHERE p.product_a_id = %s AND p.together >= %s
        UNION ALL
        SELECT p.product_a_id, p.together, s.baskets
        FROM crosssell_pairstat p JOIN crosssell_productstat s ON s.product_id = p.product_a_id
        WHERE p.product_b_id = %s AND p.together >= %s
    """


def rank_partners(
    *, n: int, n_x: int, partners: Iterable[tuple[int, int, int]], limit: int
) -> list[list]:
    """[[partner_id, together, score], …] best first: score, then together, then id."""
    scored = []
    for partner_id, together, n_y in partners:
        score = pair_score(n=n, n_x=n_x, n_y=n_y, n_xy=together)
        if score > 0:
            # The exact float: the PostgreSQL ranking computes the very same one.
            scored.append([partner_id, together, score])
    scored.sort(key=lambda row: (-row[2], -row[1], row[0]))
    return scored[:limit]


def product_lists_refresh(*, product_ids: Iterable[int]) -> int:
    """Recompute and store the partner lists of these products; drop their cache."""
    product_ids = sorted(set(product_ids))
    if not product_ids:
        return 0
    minimum = settings.CROSSSELL_MIN_SUPPORT
    limit = settings.CROSSSELL_LIST_SIZE
    total = (
        BasketTotal.objects.filter(pk=1).values_list("baskets", flat=True).first() or 0
    )
    own = dict(
        ProductStat.objects.filter(product_id__in=product_ids).values_list(
            "product_id", "baskets"
        )
    )
    now = timezone.now()
    rows = []
    with connection.cursor() as cursor:
        for product_id in product_ids:
            cursor.execute(_partners_sql(), [product_id, minimum, product_id, minimum])
            partners = rank_partners(
                n=total,
                n_x=own.get(product_id, 0),
                partners=cursor.fetchall(),
                limit=limit,
            )
            rows.append(
                ProductCrosssells(
                    product_id=product_id, partners=partners, computed_at=now
                )
            )
    with transaction.atomic():
        # is_stale is left alone: a product marked again while this ran stays marked.
        ProductCrosssells.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["product"],
            update_fields=["partners", "computed_at"],
        )
    transaction.on_commit(
        lambda: cache.delete_many([list_cache_key(pid) for pid in product_ids])
    )
    return len(rows)


def _xlx(value: str) -> str:
    return f"(CASE WHEN {value} > 0 THEN {value} * LN({value}) ELSE 0 END)"


def _sorted4(a: str, b: str, c: str, d: str) -> list[str]:
    """A sorting network: the four cells in ascending order, as Python sorts them."""
    lo1, hi1 = f"LEAST({a}, {b})", f"GREATEST({a}, {b})"
    lo2, hi2 = f"LEAST({c}, {d})", f"GREATEST({c}, {d})"
    m1, m2 = f"GREATEST({lo1}, {lo2})", f"LEAST({hi1}, {hi2})"
    return [
        f"LEAST({lo1}, {lo2})",
        f"LEAST({m1}, {m2})",
        f"GREATEST({m1}, {m2})",
        f"GREATEST({hi1}, {hi2})",
    ]


def _entropy_sql(*cells: str) -> str:
    """scoring._entropy in SQL, adding the terms in the same order as Python."""
    total = _xlx("(" + " + ".join(cells) + ")")
    terms = "(0.0::float8"
    for cell in cells:
        terms = f"({terms} + {_xlx(cell)})"
    return f"({total} - {terms}))"


def _g2_sql() -> str:
    """scoring.pair_score for every side of every pair, bit for bit the same float."""
    k11, k12, k21, k22 = "k", "(nx - k)", "(ny - k)", "(n - nx - ny + k)"
    row = _entropy_sql("LEAST(nx, n - nx)", "GREATEST(nx, n - nx)")
    column = _entropy_sql("LEAST(ny, n - ny)", "GREATEST(ny, n - ny)")
    matrix = _entropy_sql(*_sorted4(k11, k12, k21, k22))
    return f"GREATEST(0.0::float8, 2.0 * ({row} + {column} - {matrix}))"


def _all_lists_refresh_postgresql(*, minimum: int, limit: int) -> None:
    """Every list in one statement: score, rank and store inside the database."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(
            f"""
            WITH total AS (
                SELECT baskets::float8 AS n FROM crosssell_baskettotal WHERE id = 1
            ),
            sides AS (
                SELECT product_a_id AS x, product_b_id AS y, together FROM crosssell_pairstat
                WHERE together >= %(minimum)s
                UNION ALL
                SELECT product_b_id, product_a_id, together FROM crosssell_pairstat
                WHERE together >= %(minimum)s
            ),
            cells AS (
                SELECT s.x, s.y, s.together, s.together::float8 AS k,
                       sx.baskets::float8 AS nx, sy.baskets::float8 AS ny, total.n
                FROM sides s
                JOIN crosssell_productstat sx ON sx.product_id = s.x
                JOIN crosssell_productstat sy ON sy.product_id = s.y
                CROSS JOIN total
                WHERE s.together::bigint * total.n::bigint
                      > sx.baskets::bigint * sy.baskets::bigint
            ),
            scored AS (
                SELECT x, y, together, {_g2_sql()} AS score FROM cells
            ),
            ranked AS (
                SELECT x, y, together, score,
                       ROW_NUMBER() OVER (
                           PARTITION BY x ORDER BY score DESC, together DESC, y
                       ) AS position
                FROM scored WHERE score > 0
            ),
            lists AS (
                SELECT x, jsonb_agg(jsonb_build_array(y, together, score)
                                    ORDER BY position) AS partners
                FROM ranked WHERE position <= %(limit)s
                GROUP BY x
            )
            INSERT INTO crosssell_productcrosssells (product_id, partners, computed_at, is_stale)
            SELECT stat.product_id, COALESCE(lists.partners, '[]'::jsonb), %(now)s, false
            FROM crosssell_productstat stat
            LEFT JOIN lists ON lists.x = stat.product_id
            ORDER BY stat.product_id
            ON CONFLICT (product_id) DO UPDATE
            SET partners = EXCLUDED.partners, computed_at = EXCLUDED.computed_at
            """,
            {"minimum": minimum, "limit": limit, "now": timezone.now()},
        )


def all_lists_refresh(*, batch: int = 500) -> int:
    """Every product with counts; products without counts lose their list.

    On PostgreSQL one statement scores and ranks everything in the database (the
    same floats as ``scoring.pair_score``, tested); elsewhere in batches of products.
    """
    done = 0
    ids = list(
        ProductStat.objects.order_by("product_id").values_list("product_id", flat=True)
    )
    if connection.vendor == "postgresql":
        with transaction.atomic():
            _all_lists_refresh_postgresql(
                minimum=settings.CROSSSELL_MIN_SUPPORT,
                limit=settings.CROSSSELL_LIST_SIZE,
            )
        cache.delete_many([list_cache_key(pid) for pid in ids])
        done = len(ids)
    else:
        for start in range(0, len(ids), batch):
            done += product_lists_refresh(product_ids=ids[start : start + batch])
    orphans = ProductCrosssells.objects.exclude(
        product_id__in=ProductStat.objects.values("product_id")
    )
    orphan_ids = list(orphans.values_list("product_id", flat=True))
    orphans.delete()
    if orphan_ids:
        cache.delete_many([list_cache_key(pid) for pid in orphan_ids])
    return done


def lists_mark_stale(*, product_ids: Iterable[int]) -> None:
    """Flag lists whose counts changed; ``stale_lists_refresh`` re-ranks them in batches."""
    rows = [
        ProductCrosssells(product_id=pid, is_stale=True)
        for pid in sorted(set(product_ids))
    ]
    if rows:
        ProductCrosssells.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["product"],
            update_fields=["is_stale"],
        )


def stale_lists_refresh(*, batch: int = 200, max_batches: int = 50) -> int:
    """Re-rank every flagged list, a batch at a time; returns how many were re-ranked.

    A burst of orders touching a popular product costs one re-rank, not one per order.
    The flag is cleared before the counts are read, so a product marked again
    meanwhile is picked up by the next run rather than lost.
    """
    done = 0
    for _ in range(max_batches):
        ids = list(
            ProductCrosssells.objects.filter(is_stale=True)
            .order_by("product_id")
            .values_list("product_id", flat=True)[:batch]
        )
        if not ids:
            break
        ProductCrosssells.objects.filter(product_id__in=ids, is_stale=True).update(
            is_stale=False
        )
        done += product_lists_refresh(product_ids=ids)
    return done
