"""The sets API: the editor's autosave, publishing, likes, reports, product search.

Views parse, call one service and shape the answer. Every refusal is JSON: 400 for
bad input, 403 for another shopper's set or a guest, 404 for a set one may not
see, 409 for a stale version or a set in the wrong state.
"""

from datetime import timedelta

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.exceptions import APIException
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.http import client_bucket
from core.ratelimit import DEFAULT_MESSAGE, limit_hit, request_keys
from shop.api.serializers import ProductSerializer
from shop.api.views import PRODUCT_LIST_PARAMETERS
from shop.models import Colour
from shop.selectors import ProductListParams, product_list_api

from ..exceptions import (
    SetConflict,
    SetEmailUnconfirmed,
    SetError,
    SetForbidden,
    SetInvalid,
    SetRateLimited,
)
from ..models import Set
from ..selectors import set_detail, set_share_links, sets_of_owner, sets_published
from ..services.editing import set_create, set_delete, set_publish, set_update
from ..services.sharing import set_share_email
from ..services.social import set_like, set_report, set_unlike
from .serializers import (
    LikeSerializer,
    SetItemSerializer,
    SetItemsReplaceSerializer,
    SetPublishSerializer,
    SetReportSerializer,
    SetSerializer,
    SetSummarySerializer,
    SetUpdateSerializer,
    SetWriteSerializer,
    ShareEmailSerializer,
    ShareLinksSerializer,
)

# "newest" (the default), or the most liked within a window.
SORTS = {
    "newest": None,
    "liked-week": timedelta(days=7),
    "liked-month": timedelta(days=30),
}
ERROR = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description='{"detail": "…"}, with "errors" per field for bad input',
)


class SetServiceError(APIException):
    """A service's refusal as JSON with the right status."""

    def __init__(self, exc: SetError):
        if isinstance(exc, SetInvalid):
            self.status_code = status.HTTP_400_BAD_REQUEST
            data = {"detail": exc.message, "errors": exc.errors}
        elif isinstance(exc, SetConflict):
            self.status_code = status.HTTP_409_CONFLICT
            data = {"detail": exc.message, "current_version": exc.current_version}
        elif isinstance(exc, SetRateLimited):
            self.status_code = status.HTTP_429_TOO_MANY_REQUESTS
            data = {"detail": exc.message}
        elif isinstance(exc, SetForbidden):
            self.status_code = status.HTTP_403_FORBIDDEN
            data = {"detail": exc.message}
        else:
            self.status_code = status.HTTP_409_CONFLICT
            data = {"detail": exc.message}
        # Kept as given: the base class would turn current_version into a string.
        self.detail = data


class RateLimitedAPI(APIException):
    """Too many of one action (``core.ratelimit``): 429, with Retry-After."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS

    def __init__(self, retry_after: int):
        self.wait = retry_after  # DRF's handler turns it into Retry-After
        self.detail = {
            "detail": DEFAULT_MESSAGE,
            "code": "rate_limited",
            "retry_after": retry_after,
        }


def _rate_limit(request: Request, scope: str) -> None:
    """Count one ``scope`` event for this account and address; 429 past the rate."""
    decision = limit_hit(scope=scope, keys=request_keys(request))
    if not decision.allowed:
        raise RateLimitedAPI(decision.retry_after)


def _visible_set(request: Request, slug: str) -> Set:
    board = set_detail(slug=slug, user=request.user)
    if board is None:
        raise Http404("No set here, or it is not public.")
    return board


def _set_response(request: Request, slug: str, code: int = 200) -> Response:
    board = _visible_set(request, slug)
    return Response(SetSerializer(board, context={"request": request}).data, code)


def _parsed(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema(tags=["sets"])
@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("colour", OpenApiTypes.STR, enum=Colour.values),
            OpenApiParameter(
                "owner", OpenApiTypes.STR, description="A creator's public handle"
            ),
            OpenApiParameter("tag", OpenApiTypes.STR),
            OpenApiParameter(
                "product", OpenApiTypes.INT, description="Sets styled with it"
            ),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS)),
        ]
    )
)
class SetListCreateAPI(generics.ListAPIView):
    """Published sets, newest first; POST makes a draft owned by the signed-in user."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = SetSummarySerializer

    def get_queryset(self):
        params = self.request.query_params
        colour = params.get("colour", params.get("color", "")).lower()
        window = SORTS.get(params.get("sort", ""))
        product = params.get("product", "")
        return sets_published(
            colour=colour if colour in Colour.values else "",
            owner_handle=params.get("owner", "").strip(),
            tag=params.get("tag", "").strip().lower(),
            # ASCII digits of a 64-bit id only ("²" is a digit to isdigit()).
            product_id=int(product)
            if product.isascii() and product.isdigit() and len(product) < 19
            else None,
            liked_since=timezone.now() - window if window else None,
        )

    @extend_schema(
        request=SetWriteSerializer,
        responses={201: SetSerializer, 400: ERROR, 403: ERROR, 429: ERROR},
    )
    def post(self, request: Request) -> Response:
        _rate_limit(request, "set-create")
        data = _parsed(SetWriteSerializer, request)
        try:
            board = set_create(owner=request.user, **data)
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return _set_response(request, board.slug, status.HTTP_201_CREATED)


@extend_schema(tags=["sets"])
class MySetsAPI(generics.ListAPIView):
    """The signed-in user's own sets, drafts and hidden ones included."""

    permission_classes = [IsAuthenticated]
    serializer_class = SetSummarySerializer

    def get_queryset(self):
        return sets_of_owner(owner=self.request.user)


@extend_schema(tags=["sets"])
class SetDetailAPI(APIView):
    """One set with its items. PATCH changes what it is given and needs ``version``."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: SetSerializer, 404: ERROR})
    def get(self, request: Request, slug: str) -> Response:
        return _set_response(request, slug)

    @extend_schema(
        request=SetUpdateSerializer,
        responses={200: SetSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def patch(self, request: Request, slug: str) -> Response:
        board = _visible_set(request, slug)
        data = _parsed(SetUpdateSerializer, request)
        try:
            set_update(board=board, user=request.user, **data)
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return _set_response(request, slug)

    @extend_schema(responses={204: None, 403: ERROR, 404: ERROR})
    def delete(self, request: Request, slug: str) -> Response:
        board = _visible_set(request, slug)
        try:
            set_delete(board=board, user=request.user)
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["sets"])
class SetItemsAPI(APIView):
    """A set's items back to front; PUT replaces them all (needs ``version``)."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: SetItemSerializer(many=True), 404: ERROR})
    def get(self, request: Request, slug: str) -> Response:
        board = _visible_set(request, slug)
        return Response(SetItemSerializer(board.items.all(), many=True).data)

    @extend_schema(
        request=SetItemsReplaceSerializer,
        responses={200: SetSerializer, 400: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
    )
    def put(self, request: Request, slug: str) -> Response:
        board = _visible_set(request, slug)
        data = _parsed(SetItemsReplaceSerializer, request)
        try:
            set_update(
                board=board,
                user=request.user,
                version=data["version"],
                items=data["items"],
            )
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return _set_response(request, slug)


@extend_schema(tags=["sets"])
class SetPublishAPI(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=SetPublishSerializer,
        responses={
            200: SetSerializer,
            400: ERROR,
            403: ERROR,
            404: ERROR,
            409: ERROR,
            429: ERROR,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        """Publish a draft; its picture is rendered in the background."""
        _rate_limit(request, "set-publish")
        board = _visible_set(request, slug)
        data = _parsed(SetPublishSerializer, request)
        try:
            set_publish(board=board, user=request.user, version=data.get("version"))
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return _set_response(request, slug)


@extend_schema(tags=["sets"])
class SetLikeAPI(APIView):
    """POST likes a published set (once per person, not one's own); DELETE unlikes."""

    permission_classes = [IsAuthenticated]

    def _answer(self, board: Set, *, is_liked: bool) -> Response:
        return Response(
            LikeSerializer({"is_liked": is_liked, "like_count": board.like_count}).data
        )

    @extend_schema(
        request=None,
        responses={200: LikeSerializer, 403: ERROR, 409: ERROR, 429: ERROR},
    )
    def post(self, request: Request, slug: str) -> Response:
        _rate_limit(request, "set-like")
        board = _visible_set(request, slug)
        try:
            set_like(board=board, user=request.user)
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return self._answer(board, is_liked=True)

    @extend_schema(
        request=None, responses={200: LikeSerializer, 403: ERROR, 429: ERROR}
    )
    def delete(self, request: Request, slug: str) -> Response:
        _rate_limit(request, "set-like")
        board = _visible_set(request, slug)
        try:
            set_unlike(board=board, user=request.user)
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return self._answer(board, is_liked=False)


@extend_schema(tags=["sets"])
class SetReportAPI(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=SetReportSerializer,
        responses={201: ERROR, 400: ERROR, 403: ERROR, 409: ERROR, 429: ERROR},
    )
    def post(self, request: Request, slug: str) -> Response:
        """Tell the shop that a set breaks the rules; once per shopper and set."""
        _rate_limit(request, "set-report")
        board = _visible_set(request, slug)
        data = _parsed(SetReportSerializer, request)
        try:
            set_report(board=board, reporter=request.user, **data)
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return Response(
            {"detail": "Thank you: the shop will look at this set."},
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["sets"])
class SetShareAPI(APIView):
    """Share links for a set (the creator's carry the referral code); POST emails it."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(responses={200: ShareLinksSerializer, 404: ERROR})
    def get(self, request: Request, slug: str) -> Response:
        board = _visible_set(request, slug)
        links = set_share_links(board=board, user=request.user)
        return Response(ShareLinksSerializer(links).data)

    @extend_schema(
        request=ShareEmailSerializer,
        responses={202: ERROR, 400: ERROR, 403: ERROR, 409: ERROR, 429: ERROR},
    )
    def post(self, request: Request, slug: str) -> Response:
        board = _visible_set(request, slug)
        data = _parsed(ShareEmailSerializer, request)
        try:
            set_share_email(
                board=board,
                sender=request.user,
                to_email=data["email"],
                message=data.get("message", ""),
                client_address=client_bucket(request),
            )
        except SetEmailUnconfirmed as exc:
            return Response(
                {"detail": exc.message, "confirm_url": reverse("account_email")},
                status=status.HTTP_403_FORBIDDEN,
            )
        except SetError as exc:
            raise SetServiceError(exc) from exc
        return Response(
            {"detail": f"Sent to {data['email'].strip()}."},
            status=status.HTTP_202_ACCEPTED,
        )


@extend_schema(
    tags=["sets"],
    parameters=[
        *PRODUCT_LIST_PARAMETERS,
        OpenApiParameter("page", OpenApiTypes.INT),
    ],
)
class SetProductSearchAPI(generics.ListAPIView):
    """Products for the editor's panel, with their cut-outs: search, filters, pages."""

    serializer_class = ProductSerializer

    def get_queryset(self):
        params = ProductListParams.from_query(self.request.query_params)
        return product_list_api(params=params).prefetch_related("colours")
