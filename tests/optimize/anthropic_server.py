"""A loopback stand-in for the Anthropic Messages API, for driving the real SDK in tests.

``POST /v1/messages`` answers from a queue of scripted replies (``tool_answer``, ``error``, ``reply``), with the
bodies and status codes of the real API; an empty queue answers 500. Every request is kept in ``requests``.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

from tests.loopback import JsonApiServer, Reply

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}

_ids = itertools.count(1)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict


def tool_answer(tool_input: dict, *, model: str = "claude-test", input_tokens=1200, output_tokens=300, **kw) -> Reply:
    """A 200 whose content is one tool_use block of the tool the request forced."""
    return Reply(
        200,
        {
            "id": f"msg_{next(_ids):024d}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [
                {
                    "type": "tool_use",
                    "id": f"toolu_{next(_ids):024d}",
                    "name": "submit_suggestions",
                    "input": tool_input,
                }
            ],
            "stop_reason": "tool_use",
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        },
        **kw,
    )


def error(status: int, message: str = "", *, retry_after_ms: str | None = "1", **kw) -> Reply:
    """The API's error body. A small ``retry-after-ms`` (the API's own header) makes the SDK retry at once."""
    headers = {"request-id": f"req_{next(_ids):024d}"}
    if retry_after_ms is not None:
        headers["retry-after-ms"] = retry_after_ms
    kind = ERROR_TYPES.get(status, "api_error")
    body = {"type": "error", "error": {"type": kind, "message": message or kind}}
    return Reply(status, body, headers=headers, **kw)


class AnthropicServer(JsonApiServer):
    def parse(self, path: str, headers: dict[str, str], raw: bytes) -> Request:
        return Request(path, headers, json.loads(raw or b"{}"))

    def answer(self, request: Request) -> Reply:
        if request.path != "/v1/messages":
            return error(404, f"no route {request.path}", retry_after_ms=None)
        return self.next_scripted() or error(500, "no scripted reply left", retry_after_ms=None)
