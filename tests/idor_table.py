"""Who may reach what: the expected status of every route that takes an id, a slug,
a number or a token, for each of four visitors (tests/test_idor_matrix.py).

The objects come from tests/api/world.py: "owner" owns the draft and the published
set, the account order, the guest order (placed in the owner's session), the cart
line and both notes; "other" is another signed-in shopper; "anonymous" has no
session; "merchant" is the shop's staff superuser, who moderates in the admin and
gets no more than a shopper on the shop's own pages unless a row says so.

A route with parameters that has no row here fails the matrix: add one, with the
status each visitor SHOULD get (not what the code happens to answer today). A row
is a list of cases (one object each: the owner's draft, another's set, …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ROLES = ("owner", "other", "anonymous", "merchant")


@dataclass(frozen=True)
class Case:
    kwargs: Callable  # World -> the route's keyword arguments
    owner: int
    other: int
    anonymous: int
    merchant: int
    method: str = "get"
    data: Callable | None = None  # World -> the POST/PATCH body (JSON for the API)
    query: Callable | None = None  # World -> query string parameters
    why: str = ""
    label: str = ""
    # World -> a snapshot of what the request could change; for every visitor but
    # the owner it must be the same afterwards (a 302 that changed nothing is fine).
    state: Callable | None = None

    def expected(self, role: str) -> int:
        return getattr(self, role)


def everyone(status: int) -> dict:
    return {"owner": status, "other": status, "anonymous": status, "merchant": status}


def only_owner(ok: int, *, anonymous: int = 404, denied: int = 404) -> dict:
    """The owner gets ``ok``; another shopper and the merchant ``denied``."""
    return {"owner": ok, "other": denied, "anonymous": anonymous, "merchant": denied}


def _draft(w):
    return {"slug": w.draft.slug}


def _published(w):
    return {"slug": w.published.slug}


def _handle(user):
    from shop.selectors import public_identity

    return public_identity(user=user).handle


def _set_state(board):
    def state(w):
        from sets.models import Set

        row = Set.objects.filter(pk=board(w).pk).values("status", "version", "title")
        return (list(row), board(w).items.count() if row else 0)

    return state


def _line_state(w):
    from shop.models import CartLine

    return list(CartLine.objects.filter(pk=w.cart_line.pk).values("quantity"))


def _note_state(w):
    from crosssell.models import Note

    return list(Note.objects.filter(pk=w.pending_note.pk).values())


LOGIN = 302  # a page that needs an account sends a visitor to the login page
API_ANON = 403  # DRF: not signed in

TABLE: dict[str, list[Case]] = {
    # --- accounts (allauth) -------------------------------------------------------
    "account_confirm_email": [
        Case(
            kwargs=lambda w: {"key": w.tokens["confirm_email_forged"]},
            **everyone(200),
            label="forged key",
            why="allauth's 'invalid link' page; a key not made by the shop confirms "
            "nothing",
        ),
    ],
    "account_reset_password_from_key": [
        Case(
            kwargs=lambda w: {"uidb36": w.tokens["reset_uidb36"], "key": "forged-key"},
            **everyone(200),
            label="forged key",
            why="allauth answers its own 'bad token' page; nothing is revealed",
        ),
    ],
    # --- API ----------------------------------------------------------------------
    "api-product": [Case(kwargs=lambda w: {"sku": w.products[0].sku}, **everyone(200))],
    "api-product-crosssells": [
        Case(kwargs=lambda w: {"sku": w.products[0].sku}, **everyone(200))
    ],
    "api-set": [
        Case(kwargs=_draft, **only_owner(200), label="draft"),
        Case(kwargs=_published, **everyone(200), label="published"),
        Case(
            kwargs=_published,
            method="delete",
            owner=204,
            other=403,
            anonymous=API_ANON,
            merchant=403,
            label="delete published",
            state=_set_state(lambda w: w.published),
        ),
        Case(
            kwargs=_published,
            method="patch",
            data=lambda w: {"version": w.published.version, "title": "Mine now"},
            owner=200,
            other=403,
            anonymous=API_ANON,
            merchant=403,
            label="edit published",
            state=_set_state(lambda w: w.published),
        ),
    ],
    "api-set-items": [
        Case(kwargs=_draft, **only_owner(200), label="draft"),
        Case(
            kwargs=_published,
            method="put",
            data=lambda w: {"version": w.published.version, "items": []},
            owner=200,
            other=403,
            anonymous=API_ANON,
            merchant=403,
            label="replace items",
            state=_set_state(lambda w: w.published),
        ),
    ],
    "api-set-publish": [
        Case(
            kwargs=_draft,
            method="post",
            data=lambda w: {},
            **only_owner(200, anonymous=API_ANON),
            label="draft",
            state=_set_state(lambda w: w.draft),
        )
    ],
    "api-set-like": [
        Case(
            kwargs=_draft,
            method="post",
            owner=403,
            other=404,
            anonymous=API_ANON,
            merchant=404,
            label="draft",
            why="not one's own set; others may not learn a draft exists",
        )
    ],
    "api-set-share": [Case(kwargs=_draft, **only_owner(200), label="draft")],
    "api-set-report": [
        Case(
            kwargs=_draft,
            method="post",
            data=lambda w: {"reason": "spam"},
            owner=403,
            other=404,
            anonymous=API_ANON,
            merchant=404,
            label="draft",
        )
    ],
    # --- notes (crosssell) --------------------------------------------------------
    "crosssell:note_form": [
        Case(
            kwargs=lambda w: {"number": w.guest_order.number},
            **only_owner(200),
            label="guest order",
            why="the buyer's session, account or emailed link only",
        ),
        Case(
            kwargs=lambda w: {"number": w.account_order.number},
            **only_owner(200),
            label="account order",
        ),
        Case(
            kwargs=lambda w: {"number": w.account_order.number},
            query=lambda w: {"t": w.tokens["note_link_guest_order"]},
            **everyone(404),
            label="another order's link",
            why="a link signed for one order opens no other",
        ),
    ],
    "crosssell:note_helpful": [
        Case(
            kwargs=lambda w: {"note_id": w.pending_note.pk},
            method="post",
            **everyone(404),
            label="pending note",
            why="a note nobody approved is not public",
            state=_note_state,
        )
    ],
    "crosssell:note_report": [
        Case(
            kwargs=lambda w: {"note_id": w.pending_note.pk},
            method="post",
            data=lambda w: {"reason": "spam"},
            **everyone(404),
            label="pending note",
            state=_note_state,
        )
    ],
    "crosssell:notes_unsubscribe": [
        Case(
            kwargs=lambda w: {"token": w.tokens["opt_out_forged"]},
            **everyone(404),
            label="forged token",
        )
    ],
    # --- sets ---------------------------------------------------------------------
    "sets:editor_edit": [
        Case(kwargs=_draft, **only_owner(200, anonymous=LOGIN), label="draft")
    ],
    "sets:detail": [
        Case(kwargs=_draft, **only_owner(200), label="draft"),
        Case(kwargs=_published, **everyone(200), label="published"),
    ],
    "sets:embed": [
        Case(kwargs=_draft, **everyone(404), label="draft"),
        Case(kwargs=_published, **everyone(200), label="published"),
    ],
    "sets:picture_css": [
        Case(kwargs=_draft, **only_owner(200), label="draft"),
    ],
    "sets:like": [
        Case(
            kwargs=_draft,
            method="post",
            **only_owner(302),
            label="draft",
            why="the owner is sent back with a message; others learn nothing",
            state=_set_state(lambda w: w.draft),
        )
    ],
    "sets:email": [
        Case(
            kwargs=_draft,
            method="post",
            **only_owner(400),
            label="draft",
            why="the owner's empty form is refused; others get a 404",
        )
    ],
    "sets:report": [
        Case(
            kwargs=_draft,
            method="post",
            **only_owner(400),
            label="draft",
            why="the owner's empty form is refused; others get a 404",
            state=_set_state(lambda w: w.draft),
        )
    ],
    "sets:product_redirect": [
        Case(
            kwargs=lambda w: {"slug": w.draft.slug, "product_id": w.products[0].pk},
            **everyone(404),
            label="draft",
            why="only a published set's items link out (and count as referrals)",
        ),
        Case(
            kwargs=lambda w: {"slug": w.published.slug, "product_id": w.products[0].pk},
            **everyone(302),
            label="published",
        ),
    ],
    "sets:creator": [
        Case(kwargs=lambda w: {"handle": _handle(w.owner)}, **everyone(200)),
        Case(
            kwargs=lambda w: {"handle": _handle(w.merchant)},
            **everyone(404),
            label="staff",
            why="staff accounts have no public profile",
        ),
    ],
    # --- shop ---------------------------------------------------------------------
    "shop:product": [
        Case(kwargs=lambda w: {"slug": w.products[0].slug}, **everyone(200))
    ],
    "shop:category": [
        Case(kwargs=lambda w: {"slug": w.products[0].category.slug}, **everyone(200))
    ],
    "shop:cart_added": [
        Case(kwargs=lambda w: {"slug": w.products[0].slug}, **everyone(200))
    ],
    "shop:cart_line_update": [
        Case(
            kwargs=lambda w: {"line_id": w.cart_line.pk},
            method="post",
            data=lambda w: {"quantity": "2"},
            **everyone(302),
            why="looked up in the visitor's own cart only: others are sent to "
            "theirs and the owner's line is untouched",
            state=_line_state,
        )
    ],
    "shop:cart_line_remove": [
        Case(
            kwargs=lambda w: {"line_id": w.cart_line.pk},
            method="post",
            **everyone(302),
            why="as for cart_line_update",
            state=_line_state,
        )
    ],
    "shop:thanks": [
        Case(
            kwargs=lambda w: {"number": w.guest_order.number},
            **only_owner(200),
            label="guest order",
        ),
        Case(
            kwargs=lambda w: {"number": w.account_order.number},
            **only_owner(200),
            label="account order",
        ),
    ],
    "shop:account_order": [
        Case(
            kwargs=lambda w: {"number": w.account_order.number},
            **only_owner(200, anonymous=LOGIN),
        ),
        Case(
            kwargs=lambda w: {"number": w.guest_order.number},
            owner=404,
            other=404,
            anonymous=LOGIN,
            merchant=404,
            label="guest order",
            why="an order joins an account only through a confirmed address",
        ),
    ],
}

# Routes the walker skips, each by one explicit rule (see test_idor_matrix.routes).
SKIPPED_NAMESPACES = {"admin"}  # Django admin: staff only, its own permission checks
