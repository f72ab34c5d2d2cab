"""Importing a job description from a web address: extraction against a real loopback HTTP server, and the
SSRF refusals (which must hold without JD_FETCH_ALLOW_PRIVATE)."""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jobs import fetch
from jobs.fetch import PRIVATE_MESSAGE, FetchError, fetch_job, forbidden_reason, vet_url

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Platform Engineer",
    "hiringOrganization": {"@type": "Organization", "name": "Blue Heron Labs"},
    "jobLocation": {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressLocality": "Porto", "addressCountry": "PT"},
    },
    "employmentType": "FULL_TIME",
    "datePosted": "2025-05-01",
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 60000, "maxValue": 75000, "unitText": "YEAR"},
    },
    "description": "<p>Join our platform team.</p><h3>Requirements</h3><ul><li>Experience with Terraform and "
    "AWS.</li><li>Strong Python skills.</li></ul><h3>Nice to have</h3><ul><li>Go is a plus.</li></ul>",
}

JSONLD_PAGE = f"""<!doctype html><html><head><title>Careers | Blue Heron</title>
<script type="application/ld+json">{
    json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Blue Heron"}, POSTING]})
}</script></head>
<body><nav>Home Jobs About</nav><main><h1>Platform Engineer</h1><p>Page text.</p></main></body></html>"""

PLAIN_PAGE = """<!doctype html><html><head><title>Data Engineer at Quill</title>
<style>body { color: red }</style><script>var tracking = 1;</script></head>
<body><nav>Menu: Home, Blog</nav>
<main><h1>Data Engineer</h1><p>Quill is hiring a data engineer.</p>
<h2>Requirements</h2><ul><li>3+ years with SQL and Apache Spark.</li><li>Python.</li></ul></main>
<footer>Copyright</footer></body></html>"""


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    hits: list = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        self.hits.append((self.path, self.headers.get("Host")))
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        route(self)


def _send(handler, body: bytes | str, content_type="text/html; charset=utf-8", status=200, length=True):
    body = body.encode() if isinstance(body, str) else body
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _redirect(to: str):
    def route(handler):
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def _streamed_large(handler):
    # No Content-Length: the limit must be enforced while reading.
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(40):
            handler.wfile.write(b"<p>" + b"x" * 100_000 + b"</p>")
    except OSError:
        pass  # the client hung up, as it should


def _slow(handler):
    time.sleep(3)
    with contextlib.suppress(OSError):
        _send(handler, "<p>too late</p>")


ROUTES = {
    "/jsonld": lambda h: _send(h, JSONLD_PAGE),
    "/plain": lambda h: _send(h, PLAIN_PAGE),
    "/text": lambda h: _send(h, "Backend Engineer\nRequirements\n- Python and Django.\n", "text/plain"),
    "/r1": _redirect("/r2"),
    "/r2": _redirect("/r3"),
    "/r3": _redirect("/jsonld"),
    "/loop": _redirect("/loop"),
    "/large": lambda h: _send(h, b"<p>" + b"x" * 2_100_000 + b"</p>"),
    "/large-streamed": _streamed_large,
    "/slow": _slow,
    "/pdf": lambda h: _send(h, b"%PDF-1.4 fake", "application/pdf"),
    "/json": lambda h: _send(h, b"{}", "application/json"),
    "/to-metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-private": _redirect("http://10.0.0.5/admin"),
}


@pytest.fixture
def server():
    Handler.routes = ROUTES
    Handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_private(settings):
    settings.JD_FETCH_ALLOW_PRIVATE = True


# --- Fetching and extraction (loopback server, flag on) ------------------------------------------------


def test_it_reads_a_json_ld_job_posting(server, allow_private):
    job = fetch_job(f"{server}/jsonld")
    assert job.found == "json-ld"
    assert job.title == "Platform Engineer"
    assert job.company == "Blue Heron Labs"
    assert job.location == "Porto, PT"
    assert job.hints["employment_type"] == "full-time"
    assert job.hints["salary"] == {
        "min": 60000.0,
        "max": 75000.0,
        "currency": "EUR",
        "period": "year",
        "text": "EUR 60,000–75,000 per year",  # noqa: RUF001
    }
    assert job.hints["date_posted"] == "2025-05-01"
    assert "- Experience with Terraform and AWS." in job.text
    assert "<" not in job.text
    assert "Page text" not in job.text  # the posting's description, not the page around it


def test_it_sends_the_original_host_header(server, allow_private):
    fetch_job(f"{server}/jsonld")
    assert Handler.hits[-1][1] == server.removeprefix("http://")


def test_it_reads_the_main_text_of_a_page_without_json_ld(server, allow_private):
    job = fetch_job(f"{server}/plain")
    assert job.found == "page"
    assert job.title == "Data Engineer at Quill"
    assert "- 3+ years with SQL and Apache Spark." in job.text
    assert "Menu" not in job.text and "Copyright" not in job.text and "tracking" not in job.text


def test_it_reads_plain_text(server, allow_private):
    job = fetch_job(f"{server}/text")
    assert job.found == "text"
    assert job.text.startswith("Backend Engineer")


def test_it_follows_a_redirect_chain(server, allow_private):
    job = fetch_job(f"{server}/r1")
    assert job.title == "Platform Engineer"
    assert job.final_url == f"{server}/jsonld"
    assert [path for path, _ in Handler.hits] == ["/r1", "/r2", "/r3", "/jsonld"]


def test_it_stops_after_five_redirects(server, allow_private):
    with pytest.raises(FetchError) as error:
        fetch_job(f"{server}/loop")
    assert error.value.code == "redirects"
    assert len(Handler.hits) == 6  # the first request and five redirects


@pytest.mark.parametrize("path", ["/large", "/large-streamed"])
def test_it_refuses_a_page_over_the_size_limit(server, allow_private, path):
    with pytest.raises(FetchError) as error:
        fetch_job(f"{server}{path}")
    assert error.value.message == "The page is larger than 2 MB."


def test_it_gives_up_on_a_slow_server(server, allow_private, settings):
    settings.JD_FETCH_TIMEOUT_S = 1
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        fetch_job(f"{server}/slow")
    assert error.value.message == "The site did not answer within 1 second."
    assert time.monotonic() - started < 2.5


def test_the_default_time_out_message():
    assert fetch._timed_out(10).message == "The site did not answer within 10 seconds."


@pytest.mark.parametrize(("path", "shown"), [("/pdf", "application/pdf"), ("/json", "application/json")])
def test_it_refuses_content_that_is_not_a_web_page(server, allow_private, path, shown):
    with pytest.raises(FetchError) as error:
        fetch_job(f"{server}{path}")
    assert error.value.code == "content_type"
    assert shown in error.value.message


def test_it_reports_a_missing_page(server, allow_private):
    with pytest.raises(FetchError) as error:
        fetch_job(f"{server}/nothing-here")
    assert error.value.message == "The page was not found (404)."


def test_metadata_addresses_stay_refused_with_the_flag_on(allow_private):
    with pytest.raises(FetchError) as error:
        vet_url("http://169.254.169.254/latest/meta-data/")
    assert error.value.code == "forbidden_address"


# --- SSRF refusals (flag off) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.1.2.3/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.1.1/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fd00:ec2::254]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[2002:7f00:1::]/",  # 6to4 carrying 127.0.0.1
        "http://[64:ff9b::a00:1]/",  # NAT64 carrying 10.0.0.1
        "http://localhost/",
        "http://2130706433/",  # 127.0.0.1 written as one number
    ],
)
def test_it_refuses_addresses_inside_private_networks(url):
    with pytest.raises(FetchError) as error:
        vet_url(url)
    assert error.value.code == "forbidden_address"
    assert error.value.message in (PRIVATE_MESSAGE, fetch.METADATA_MESSAGE)


def test_it_refuses_the_loopback_test_server_without_the_flag(server):
    # The same server the tests above read: reachable only because of JD_FETCH_ALLOW_PRIVATE.
    with pytest.raises(FetchError):
        fetch_job(f"{server}/jsonld")
    assert Handler.hits == []


def test_the_private_message():
    with pytest.raises(FetchError) as error:
        vet_url("http://127.0.0.1/")
    assert error.value.message == "That address points inside a private network, so we won't fetch it."


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.com/job.txt", "scheme"),
        ("gopher://example.com/", "scheme"),
        ("http://example.com:22/", "port"),
        ("https://example.com:8443/", "port"),
        ("http://user:secret@example.com/", "credentials"),
    ],
)
def test_it_refuses_other_schemes_ports_and_credentials(url, code, monkeypatch):
    monkeypatch.setattr(fetch, "resolve", lambda host, port: pytest.fail("must be refused before resolving"))
    with pytest.raises(FetchError) as error:
        vet_url(url)
    assert error.value.code == code


def test_it_refuses_a_host_when_any_of_its_addresses_is_private(monkeypatch):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", port)),
        ]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError) as error:
        vet_url("https://jobs.example.com/1")
    assert error.value.code == "forbidden_address"


def test_it_connects_to_the_address_it_vetted(monkeypatch):
    calls = []

    def fake_getaddrinfo(host, port, *args, **kwargs):
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", fake_getaddrinfo)
    target = vet_url("https://jobs.example.com/openings/1?ref=x")
    assert calls == ["jobs.example.com"]
    assert str(target.request_url) == "https://93.184.215.14/openings/1?ref=x"
    assert target.host_header == "jobs.example.com"
    assert target.host == "jobs.example.com"  # also the TLS SNI name and the name the certificate must match


def test_it_refuses_a_redirect_from_a_public_host_to_a_private_one(server, monkeypatch):
    # Flag off. Pretend the loopback test server is a public host on an allowed port, so only the redirect's
    # target is left to be refused.
    port = int(server.rsplit(":", 1)[1])
    monkeypatch.setattr(fetch, "ALLOWED_PORTS", frozenset({80, 443, port}))
    real_reason = fetch.forbidden_reason

    def reason(address, *, allow_private=False):
        if address == ipaddress.ip_address("127.0.0.1"):
            return None
        return real_reason(address, allow_private=allow_private)

    monkeypatch.setattr(fetch, "forbidden_reason", reason)
    for path in ("/to-metadata", "/to-private"):
        with pytest.raises(FetchError) as error:
            fetch_job(f"{server}{path}")
        assert error.value.code == "forbidden_address"
    assert [path for path, _ in Handler.hits] == ["/to-metadata", "/to-private"]  # the redirects were not followed


def test_public_addresses_pass():
    assert forbidden_reason(ipaddress.ip_address("93.184.215.14")) is None
    assert forbidden_reason(ipaddress.ip_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c")) is None


def test_an_unknown_host_is_explained(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror("Name or service not known")

    monkeypatch.setattr(fetch.socket, "getaddrinfo", fail)
    with pytest.raises(FetchError) as error:
        vet_url("https://no-such-host.example/")
    assert error.value.code == "dns"
