"""A loopback stand-in for the Anthropic Messages API, for driving the real SDK in tests.

``POST /v1/messages`` answers from a queue of scripted replies (``tool_answer``, ``error``, ``reply``), with the
bodies and status codes of the real API; an empty queue answers 500. Every request is kept in ``requests``.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
class Reply:
    status: int
    body: dict
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a time-out when longer than the client's)


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


class AnthropicServer:
    def __init__(self):
        self.replies: queue.Queue[Reply] = queue.Queue()
        self.requests: list[Request] = []
        self.closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *replies: Reply) -> None:
        for reply in replies:
            self.replies.put(reply)

    def start(self) -> AnthropicServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.closing.set()  # cuts short any delayed reply
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                if self.path != "/v1/messages":
                    reply = error(404, f"no route {self.path}", retry_after_ms=None)
                else:
                    try:
                        reply = server.replies.get_nowait()
                    except queue.Empty:
                        reply = error(500, "no scripted reply left", retry_after_ms=None)
                if reply.delay and server.closing.wait(reply.delay):
                    return
                data = json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a time-out test)

        return Handler
