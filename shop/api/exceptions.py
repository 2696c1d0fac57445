"""Every API error is JSON with a human sentence under "detail"."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(response.data, dict)
        and "detail" not in response.data
    ):
        response.data = {
            "detail": "Please correct the errors below.",
            "errors": response.data,
        }
    return response
