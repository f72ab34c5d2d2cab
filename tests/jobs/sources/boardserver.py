"""A loopback HTTP server that answers like the job boards, for tests of the real httpx client.

    with BoardServer() as server:
        server.install_boards()                       # every board's real URL path, from fixtures/
        server.route("/api", Reply(500), Reply.json_file("remoteok.json"))   # 500, then success
        adapter.fetch(client, {"base_url": server.base_url})

Routes match the path (the query string is ignored but recorded in ``server.hits``). A route is a sequence of
replies: each request takes the next one, and the last one repeats.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).parent / "fixtures"
JSON = "application/json; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a slow board)

    @classmethod
    def file(cls, name: str, content_type: str = JSON, **kw) -> Reply:
        return cls(body=(FIXTURES / name).read_bytes(), content_type=content_type, **kw)

    @classmethod
    def path(cls, path: Path, content_type: str = JSON, **kw) -> Reply:
        return cls(body=Path(path).read_bytes(), content_type=content_type, **kw)

    @classmethod
    def text(cls, body: str, content_type: str = JSON, status: int = 200, **kw) -> Reply:
        return cls(status=status, body=body.encode("utf-8"), content_type=content_type, **kw)

    @classmethod
    def error(cls, status: int = 500, **kw) -> Reply:
        return cls(status=status, body=b'{"error": "fixture error"}', **kw)


# Switches: replies that make a board misbehave the way real ones do.
def server_error_then(reply: Reply, times: int = 1) -> list[Reply]:
    return [Reply.error(500)] * times + [reply]


def rate_limited_then(reply: Reply, retry_after: str = "1") -> list[Reply]:
    return [Reply.error(429, headers={"Retry-After": retry_after}), reply]


def always_failing(status: int = 500) -> list[Reply]:
    return [Reply.error(status)]


def slow(reply: Reply, delay: float) -> list[Reply]:
    return [Reply(reply.status, reply.body, reply.content_type, dict(reply.headers), delay)]


MALFORMED_JSON = Reply.text('{"jobs": [{"id": 1, "title": "Cut off')
MALFORMED_XML = Reply.text("<rss><channel><item><title>Broken</channel></rss>", RSS)
EMPTY_FEED = Reply.text('<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>', RSS)
EMPTY_JOBS = Reply.text('{"jobs": [], "meta": {"total": 0}}')

BOARD_PATHS = {
    "remoteok": "/api",
    "weworkremotely": "/categories/remote-back-end-programming-jobs.rss",
    "weworkremotely-current": "/remote-jobs.rss",
    "greenhouse": "/v1/boards/heronfin/jobs",
    "lever": "/v0/postings/pelicanpost",
    "ashby": "/posting-api/job-board/lanternhq",
    "feed-rss": "/feeds/wombat.rss",
    "feed-atom": "/feeds/numbat.atom",
}


class BoardServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: list[str] = []
        self.request_headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle
    def start(self) -> BoardServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                reply = server._next(self.path, dict(self.headers.items()))
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(reply.body)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> BoardServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- routes
    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, *replies: Reply | list[Reply]) -> BoardServer:
        flat: list[Reply] = []
        for r in replies:
            flat.extend(r if isinstance(r, list) else [r])
        with self._lock:
            self.routes[path] = flat
        return self

    def count(self, path: str) -> int:
        return sum(1 for h in self.hits if urlsplit(h).path == path)

    def _next(self, raw_path: str, headers: dict[str, str]) -> Reply:
        path = urlsplit(raw_path).path
        with self._lock:
            self.hits.append(raw_path)
            self.request_headers.append({k.lower(): v for k, v in headers.items()})
            replies = self.routes.get(path)
            if not replies:
                return Reply.text('{"error": "not found"}', status=404)
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def install_boards(self) -> BoardServer:
        """Every board's real path answered from the fixtures, in that board's format."""
        self.route(BOARD_PATHS["remoteok"], Reply.file("remoteok.json"))
        self.route(BOARD_PATHS["weworkremotely"], Reply.file("wwr-2022.rss", RSS))
        self.route(BOARD_PATHS["weworkremotely-current"], Reply.file("wwr-current.rss", RSS))
        self.route(BOARD_PATHS["greenhouse"], Reply.file("greenhouse.json"))
        self.route(BOARD_PATHS["lever"], Reply.file("lever.json"))
        self.route(BOARD_PATHS["ashby"], Reply.file("ashby.json"))
        self.route(BOARD_PATHS["feed-rss"], Reply.file("feed-rss.xml", RSS))
        self.route(BOARD_PATHS["feed-atom"], Reply.file("feed-atom.xml", ATOM))
        return self


# Retry settings that keep test runs fast: tiny backoff, a short Retry-After cap, a 10 s deadline.
FAST_RETRIES = {"backoff_base_s": 0.01, "backoff_cap_s": 0.05, "retry_after_cap_s": 0.2, "deadline_s": 10}
