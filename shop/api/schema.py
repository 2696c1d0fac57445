"""The API's error contract, written into the OpenAPI schema for every operation.

Any call can be refused before its view runs: 403 without a session or with a bad
CSRF token (DRF's SessionAuthentication), 404 for an unknown object or a page past
the end (pagination), 400 for a body or query that does not parse, 429 from the
site-wide rate limiter (core.ratelimit). All of them answer the same JSON shape
(shop.api.exceptions.exception_handler): ``{"detail": "…"}``, with ``errors`` per
field for bad input. Operations that document one of these codes themselves keep
their own description.
"""

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "One sentence for a person"},
        "errors": {
            "type": "object",
            "additionalProperties": True,
            "description": "Per field, for bad input",
        },
    },
    "required": ["detail"],
}
COMMON_ERRORS = {
    "400": "Bad input; nothing was changed",
    "403": "Not signed in, a bad CSRF token, or not allowed",
    "404": "No such object, or not visible to you; or a page past the end",
    "429": "Too many requests; try again later",
}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: document the shared 4xx answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
        ERROR_SCHEMA
    )
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, description in COMMON_ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "content": {"application/json": {"schema": reference}},
                        "description": description,
                    },
                )
    return result
