"""The loopback HTTP server behind the tests' stand-ins for outside APIs (tests/optimize/anthropic_server.py,
tests/billing/stripe_server.py): the real client libraries talk to it over a socket.

A subclass reads a POST's body into its own request type (``parse``) and decides the answer (``answer``),
usually the next scripted ``Reply`` (``next_scripted``) or one built from the request. Every request is kept
in ``requests``; a reply with a ``delay`` answers late (a time-out when longer than the client's).
"""

from __future__ import annotations

import json
import queue
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int
    body: dict
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering


class JsonApiServer:
    def __init__(self):
        self.replies: queue.Queue[Reply] = queue.Queue()
        self.requests: list = []
        self.closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    # What a subclass says.
    def parse(self, path: str, headers: dict[str, str], raw: bytes):
        raise NotImplementedError

    def answer(self, request) -> Reply:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *replies: Reply) -> None:
        """Answer the next requests with these, in order."""
        for reply in replies:
            self.replies.put(reply)

    def next_scripted(self) -> Reply | None:
        try:
            return self.replies.get_nowait()
        except queue.Empty:
            return None

    def start(self):
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
                headers = {k.lower(): v for k, v in self.headers.items()}
                request = server.parse(self.path, headers, self.rfile.read(length))
                server.requests.append(request)
                reply = server.answer(request)
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
