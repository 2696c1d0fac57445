"""Creating, editing, publishing and deleting sets.

Every change names the version it started from; the row's version is compared and
bumped in one UPDATE, so of two tabs saving the same version one wins and the other
gets a SetConflict instead of silently overwriting it.
"""

from __future__ import annotations

import logging
import math
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from core.queue import enqueue_on_commit
from core.signals import send_robust_on_commit
from shop.models import Product

from ..exceptions import SetConflict, SetForbidden, SetInvalid, SetStateError
from ..models import (
    MAX_ITEMS,
    POSITION_MAX,
    POSITION_MIN,
    SIZE_MAX,
    SIZE_MIN,
    Set,
    SetItem,
)
from ..signals import set_published

logger = logging.getLogger(__name__)

TITLE_MAX = 120
DESCRIPTION_MAX = 2000
TAGS_MAX = 10
TAG_MAX = 28
# No i, l, o, 0, 1: a code read aloud or copied by hand survives, and a bare token
# can never spell a fixed path such as "products" or "mine".
CODE_CHARACTERS = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class ItemSpec:
    """One item as the editor sends it; see sets.models for the geometry."""

    product_id: int
    x: float
    y: float
    width: float
    height: float
    rotation: float = 0.0
    flip_h: bool = False


def items_clean(*, items: Sequence[ItemSpec]) -> list[ItemSpec]:
    """Check every item's numbers and products; return them with rotation normalised.

    The list order is the stacking order, back to front. Raises SetInvalid with
    ``errors["items"]`` a list aligned with ``items`` (an empty dict for a good one).
    """
    if len(items) > MAX_ITEMS:
        raise SetInvalid(
            f"A set can hold at most {MAX_ITEMS} items; this one has {len(items)}.",
            errors={"items": [f"At most {MAX_ITEMS} items."]},
        )
    problems: list[dict[str, list[str]]] = []
    cleaned: list[ItemSpec] = []
    for item in items:
        errors = _geometry_errors(item)
        problems.append(errors)
        if not errors:
            cleaned.append(
                ItemSpec(
                    product_id=item.product_id,
                    x=float(item.x),
                    y=float(item.y),
                    width=float(item.width),
                    height=float(item.height),
                    rotation=_normalised_rotation(float(item.rotation)),
                    flip_h=bool(item.flip_h),
                )
            )
    wanted = {item.product_id for item in items}
    available = frozenset(
        Product.objects.filter(pk__in=wanted, is_active=True).values_list(
            "pk", flat=True
        )
    )
    for index, item in enumerate(items):
        if item.product_id not in available:
            problems[index].setdefault("product", []).append(
                f"Product {item.product_id} does not exist or is no longer sold."
            )
    bad = [index for index, errors in enumerate(problems) if errors]
    if bad:
        messages = next(iter(problems[bad[0]].values()))
        raise SetInvalid(
            f"Item {bad[0] + 1}: {messages[0]}"
            + (f" ({len(bad) - 1} more items have problems.)" if len(bad) > 1 else ""),
            errors={"items": problems},
        )
    return cleaned


def _geometry_errors(item: ItemSpec) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    numbers = {
        "x": item.x,
        "y": item.y,
        "width": item.width,
        "height": item.height,
        "rotation": item.rotation,
    }
    for field, value in numbers.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            errors[field] = ["Must be a number."]
        elif not math.isfinite(value):
            errors[field] = ["Must be a finite number."]
    if errors:
        return errors
    for field in ("width", "height"):
        if not SIZE_MIN <= numbers[field] <= SIZE_MAX:
            errors[field] = [
                f"Must be between {SIZE_MIN} and {SIZE_MAX} of the canvas."
            ]
    for field in ("x", "y"):
        if not POSITION_MIN <= numbers[field] <= POSITION_MAX:
            errors[field] = [f"Must be between {POSITION_MIN} and {POSITION_MAX}."]
    if errors:
        return errors
    for field, size in (("x", item.width), ("y", item.height)):
        centre = numbers[field] + size / 2
        if not 0 <= centre <= 1:
            errors[field] = ["The item's centre must be on the canvas."]
    if abs(item.rotation) > 3600:
        errors["rotation"] = ["Must be an angle in degrees."]
    return errors


def _normalised_rotation(degrees: float) -> float:
    rotation = degrees % 360.0
    # -1e-20 % 360 is 360.0 in floating point, outside [0, 360).
    return 0.0 if rotation >= 360.0 else rotation


def tags_clean(*, tags: Sequence[str] | str) -> str:
    """Lower-case, trimmed, de-duplicated tags joined by commas."""
    words = tags.split(",") if isinstance(tags, str) else list(tags)
    cleaned: dict[str, None] = {}
    for word in words:
        tag = re.sub(r"\s+", " ", str(word)).strip().lower().replace(",", " ")
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise SetInvalid(
                f"Tags can be at most {TAG_MAX} characters long.",
                errors={"tags": [f"“{tag[:40]}” is too long."]},
            )
        cleaned[tag] = None
    if len(cleaned) > TAGS_MAX:
        raise SetInvalid(
            f"A set can have at most {TAGS_MAX} tags.",
            errors={"tags": [f"At most {TAGS_MAX} tags."]},
        )
    return ",".join(cleaned)


def _text_clean(value: str, *, field: str, limit: int) -> str:
    value = value.strip()
    if len(value) > limit:
        raise SetInvalid(
            f"The {field} can be at most {limit} characters long.",
            errors={field: [f"At most {limit} characters."]},
        )
    return value


def _token(length: int) -> str:
    return "".join(secrets.choice(CODE_CHARACTERS) for _ in range(length))


def _require_owner(*, board: Set, user) -> None:
    if user is None or not user.is_authenticated or board.owner_id != user.pk:
        raise SetForbidden("Only the set's creator can change it.")


def _item_rows(*, set_id: int, items: list[ItemSpec]) -> list[SetItem]:
    return [
        SetItem(
            set_id=set_id,
            product_id=item.product_id,
            x=item.x,
            y=item.y,
            width=item.width,
            height=item.height,
            rotation=item.rotation,
            flip_h=item.flip_h,
            z=index,
        )
        for index, item in enumerate(items)
    ]


def _render_on_commit(set_id: int) -> None:
    from ..tasks import set_render_task

    enqueue_on_commit(set_render_task, set_id)


def set_create(
    *,
    owner,
    title: str = "",
    description: str = "",
    tags: Sequence[str] | str = "",
    items: Sequence[ItemSpec] = (),
) -> Set:
    """A new draft owned by ``owner`` (a signed-in user), at version 1."""
    if owner is None or not owner.is_authenticated:
        raise SetForbidden("Sign in to make a set.")
    title = _text_clean(title, field="title", limit=TITLE_MAX)
    description = _text_clean(description, field="description", limit=DESCRIPTION_MAX)
    tags = tags_clean(tags=tags)
    with transaction.atomic():
        cleaned = items_clean(items=items)
        for _attempt in range(5):
            token = _token(8)
            slug = f"{slugify(title)[:60]}-{token}".lstrip("-")
            try:
                with transaction.atomic():
                    board = Set.objects.create(
                        owner=owner,
                        slug=slug,
                        title=title,
                        description=description,
                        tags=tags,
                        referral_code=_token(12),
                    )
                break
            except IntegrityError:  # a token collision: 31⁸ makes it rare
                continue
        else:
            raise RuntimeError("could not find a free set slug in five attempts")
        SetItem.objects.bulk_create(_item_rows(set_id=board.pk, items=cleaned))
    return board


def set_update(
    *,
    board: Set,
    user,
    version: int,
    title: str | None = None,
    description: str | None = None,
    tags: Sequence[str] | str | None = None,
    items: Sequence[ItemSpec] | None = None,
) -> Set:
    """Change what is given (``items`` replaces all items) if ``version`` is current.

    Raises SetConflict when the set has changed since ``version``. A published set
    is rendered again after commit.
    """
    _require_owner(board=board, user=user)
    fields: dict = {}
    if title is not None:
        fields["title"] = _text_clean(title, field="title", limit=TITLE_MAX)
    if description is not None:
        fields["description"] = _text_clean(
            description, field="description", limit=DESCRIPTION_MAX
        )
    if tags is not None:
        fields["tags"] = tags_clean(tags=tags)
    with transaction.atomic():
        cleaned = items_clean(items=items) if items is not None else None
        if fields.get("title") == "" and board.published_at is not None:
            raise SetInvalid(
                "A published set needs a title.",
                errors={"title": ["A published set needs a title."]},
            )
        # Compare-and-bump in one statement: it also takes the row lock that keeps
        # the render from reading half-replaced items.
        changed = Set.objects.filter(pk=board.pk, version=version).update(
            version=F("version") + 1, updated_at=timezone.now(), **fields
        )
        if not changed:
            _raise_conflict(set_id=board.pk, version=version)
        if cleaned is not None:
            SetItem.objects.filter(set_id=board.pk).delete()
            SetItem.objects.bulk_create(_item_rows(set_id=board.pk, items=cleaned))
        board.refresh_from_db()
        if board.published_at is not None:
            _render_on_commit(board.pk)
    return board


def _raise_conflict(*, set_id: int, version: int) -> None:
    current = Set.objects.filter(pk=set_id).values_list("version", flat=True).first()
    if current is None:
        raise SetStateError("This set has been deleted.")
    raise SetConflict(
        f"This set was changed elsewhere (another tab or device) since you opened "
        f"it: your copy is version {version}, the saved set is version {current}. "
        "Reload it to see the latest changes.",
        current_version=current,
    )


def set_publish(*, board: Set, user, version: int | None = None) -> Set:
    """Publish a draft: it needs a title and at least one item, all still on sale.

    Publishing an already published set changes nothing. ``set_published`` is sent
    after commit on the first publication only, guarded by ``published_at`` being
    set in a conditional UPDATE, so it fires once per set even under a race.
    """
    _require_owner(board=board, user=user)
    with transaction.atomic():
        current = Set.objects.select_for_update().filter(pk=board.pk).first()
        if current is None:
            raise SetStateError("This set has been deleted.")
        if version is not None and current.version != version:
            _raise_conflict(set_id=board.pk, version=version)
        if current.status == Set.Status.HIDDEN:
            raise SetStateError(
                "The shop has hidden this set, so it cannot be published."
            )
        if current.status == Set.Status.PUBLISHED:
            return current
        if not current.title:
            raise SetInvalid(
                "Give the set a title before publishing it.",
                errors={"title": ["A title is needed to publish."]},
            )
        products = list(current.items.values_list("product__is_active", flat=True))
        if not products:
            raise SetInvalid(
                "Add at least one product before publishing the set.",
                errors={"items": ["Add at least one product."]},
            )
        if not all(products):
            raise SetInvalid(
                "Some products in this set are no longer sold; remove them first.",
                errors={"items": ["Some products are no longer sold."]},
            )
        now = timezone.now()
        first_time = bool(
            Set.objects.filter(pk=board.pk, published_at__isnull=True).update(
                published_at=now
            )
        )
        Set.objects.filter(pk=board.pk).update(
            status=Set.Status.PUBLISHED, version=F("version") + 1, updated_at=now
        )
        current.refresh_from_db()
        if first_time:
            send_robust_on_commit(
                set_published,
                event="set_published",
                about=f"set {current.pk}",
                sender=Set,
                set=current,
            )
        _render_on_commit(current.pk)
    board.refresh_from_db()
    return current


def set_delete(*, board: Set, user) -> None:
    """Delete a set with its items, likes and reports; its images go after commit."""
    _require_owner(board=board, user=user)
    names = [field.name for field in (board.image, board.medium, board.thumb) if field]
    with transaction.atomic():
        Set.objects.filter(pk=board.pk).delete()
        transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # a missing file is not worth failing a delete for
            logger.warning("could not delete set image %s", name)


def sets_redraw_for_deleted_products(*, product_ids: Sequence[int]) -> list[int]:
    """Products are being deleted from the shop: their items leave the sets (the
    database cascades them) and the sets holding them change — a new version, and a
    new picture for the published ones once the deletion commits."""
    set_ids = sorted(
        set(
            SetItem.objects.filter(product_id__in=list(product_ids)).values_list(
                "set_id", flat=True
            )
        )
    )
    if not set_ids:
        return []
    Set.objects.filter(pk__in=set_ids).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    for set_id in Set.objects.filter(
        pk__in=set_ids, published_at__isnull=False
    ).values_list("pk", flat=True):
        _render_on_commit(set_id)
    return set_ids


def set_files_forget(*, board: Set) -> None:
    """A set deleted some other way (the admin): its images go after commit."""
    names = [field.name for field in (board.image, board.medium, board.thumb) if field]
    if names:
        transaction.on_commit(lambda: _delete_files(names))
