import json
import logging

import pytest
from django.test import RequestFactory

from careeragent.http import client_ip
from careeragent.logs import JsonFormatter, RequestIdFilter, request_id_var


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.9"),  # no proxy trusted: the header is ignored
        (1, "6.6.6.6, 2.2.2.2", "2.2.2.2"),  # the client forged the left entry
        (2, "6.6.6.6, 3.3.3.3, 172.16.0.1", "3.3.3.3"),
        (2, "", "10.0.0.9"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_a_well_formed_request_id_is_echoed(client, db):
    response = client.get("/", HTTP_X_REQUEST_ID="abc12345-lb-7")
    assert response["X-Request-ID"] == "abc12345-lb-7"


def test_a_malformed_request_id_is_replaced(client, db):
    response = client.get("/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


def test_csp_forbids_inline_scripts(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy


def test_pages_carry_no_inline_script(client, db):
    html = client.get("/").content.decode()
    # Every <script> must load a file: the CSP would block an inline one in the browser.
    for chunk in html.split("<script")[1:]:
        assert "src=" in chunk.split(">")[0]


def test_json_logs_carry_the_request_id_and_extras():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    record.duration_ms = 12.5
    token = request_id_var.set("req-123456")
    try:
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["message"] == "hello world"
    assert line["request_id"] == "req-123456"
    assert line["duration_ms"] == 12.5
    assert line["level"] == "INFO"
