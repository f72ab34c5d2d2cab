"""Importing a job description from a web address, without letting the address reach our own network.

Every hop (the address given and each redirect) is vetted before we connect: http/https only, ports 80/443
only, and every address the host name resolves to must be a public one (no loopback, private, link-local,
multicast, reserved, unspecified or cloud-metadata address, IPv4 or IPv6, including IPv4 embedded in IPv6).

DNS rebinding: we resolve once, vet the answers, and then connect to the vetted IP itself (it is put in the
request URL), sending the original name in the Host header and, for https, as the TLS SNI name (httpcore's
``sni_hostname`` extension) so the certificate is still checked against the real host name. There is no second
lookup that a hostile DNS server could answer differently. Proxies from the environment are ignored for the
same reason.
"""

from __future__ import annotations

import ipaddress
import json
import re
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx
import lxml.etree
import lxml.html

from jobs import conf
from jobs.text import clean_text, html_to_text

ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOWED_PORTS = frozenset({80, 443})
MAX_REDIRECTS = 5
# Cloud instance-metadata services (AWS, GCP, Azure, OpenStack: 169.254.169.254; AWS IPv6; ECS task metadata;
# Alibaba). Refused even when JD_FETCH_ALLOW_PRIVATE is on.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200")
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
USER_AGENT = "CareerAgent/1.0 (job description import; fetches one page a person asked for)"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
_JSONLD_NODES_MAX = 5_000

PRIVATE_MESSAGE = "That address points inside a private network, so we won't fetch it."
METADATA_MESSAGE = "That address points to a cloud metadata service, so we won't fetch it."

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """An address we would not or could not import, with a stable code and a sentence for the person."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Target:
    """A vetted hop: the address as given and the IP we will connect to."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA) host name or IP literal, without brackets
    port: int
    ip: IPAddress

    @property
    def request_url(self) -> httpx.URL:
        return httpx.URL(self.url).copy_with(host=str(self.ip), fragment=None)

    @property
    def host_header(self) -> str:
        return httpx.URL(self.url).netloc.decode("ascii")


@dataclass
class FetchedJob:
    url: str
    final_url: str
    text: str
    title: str | None = None
    company: str | None = None
    location: str | None = None
    # What the page said in structured form (JSON-LD JobPosting), in our vocabulary: employment_type, workplace,
    # salary (as analysis salary dict), date_posted, valid_through.
    hints: dict = field(default_factory=dict)
    found: str = "page"  # "json-ld" | "page" | "text"


# --- Vetting --------------------------------------------------------------------------------------------


def normalise_url(url: str) -> str:
    url = (url or "").strip()
    if url and "://" not in url and not url.lower().startswith(("file:", "ftp:", "data:", "javascript:")):
        url = "https://" + url  # "example.com/jobs/1" as people type it
    return url


def vet_url(url: str, *, allow_private: bool | None = None) -> Target:
    """Check an address before connecting; raise FetchError with the reason when we won't fetch it."""
    allow_private = conf.fetch_allow_private() if allow_private is None else allow_private
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise FetchError("invalid", "That doesn't look like a web address.") from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError("scheme", "Only web addresses that start with http:// or https:// can be imported.")
    if not parsed.host:
        raise FetchError("invalid", "That doesn't look like a web address.")
    if parsed.userinfo:
        raise FetchError("credentials", "Addresses with a user name or password in them can't be imported.")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    if port not in ALLOWED_PORTS and not allow_private:
        raise FetchError("port", "We only fetch pages from the standard web ports (80 for http, 443 for https).")
    host = parsed.raw_host.decode("ascii").strip("[]")
    addresses = resolve(host, port)
    for address in addresses:
        reason = forbidden_reason(address, allow_private=allow_private)
        if reason:
            raise FetchError("forbidden_address", reason)
    return Target(url=str(parsed), scheme=parsed.scheme, host=host, port=port, ip=addresses[0])


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise FetchError("dns", f"We could not find the site “{host}”. Please check the address.") from None
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError("dns", f"We could not find the site “{host}”. Please check the address.")
    return addresses


def _embedded(address: IPAddress) -> list[IPAddress]:
    """The address itself and any IPv4 address carried inside an IPv6 one."""
    found: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            found.append(address.ipv4_mapped)
        if address.sixtofour:
            found.append(address.sixtofour)
        if address.teredo:
            found.append(address.teredo[1])
        if address in _NAT64:
            found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def forbidden_reason(address: IPAddress, *, allow_private: bool = False) -> str | None:
    """Why we won't connect to `address`, or None when it is a public one."""
    candidates = _embedded(address)
    if any(candidate in METADATA_ADDRESSES for candidate in candidates):
        return METADATA_MESSAGE
    if allow_private:
        return None
    for candidate in candidates:
        if (
            candidate.is_loopback
            or candidate.is_private
            or candidate.is_link_local
            or candidate.is_multicast
            or candidate.is_reserved
            or candidate.is_unspecified
            or not candidate.is_global
        ):
            return PRIVATE_MESSAGE
    return None


# --- Fetching -------------------------------------------------------------------------------------------


def fetch_job(url: str) -> FetchedJob:
    """Fetch one job page (following at most MAX_REDIRECTS vetted redirects) and extract the posting."""
    timeout = conf.fetch_timeout_s()
    deadline = time.monotonic() + timeout
    current = normalise_url(url)
    for hop in range(MAX_REDIRECTS + 1):
        target = vet_url(current)
        location, content_type, charset, body = _get(target, deadline, timeout)
        if location is None:
            return extract_job(_decode(body, charset, content_type), content_type, url=url, final_url=current)
        if hop == MAX_REDIRECTS:
            break
        current = urljoin(current, location)
    raise FetchError("redirects", f"The page redirected more than {MAX_REDIRECTS} times, so we stopped.")


def _too_large() -> FetchError:
    return FetchError("too_large", f"The page is larger than {conf.fetch_max_bytes() / 1_000_000:g} MB.")


def _timed_out(timeout: float) -> FetchError:
    unit = "second" if timeout == 1 else "seconds"
    return FetchError("timeout", f"The site did not answer within {timeout:g} {unit}.")


def _get(target: Target, deadline: float, timeout: float) -> tuple[str | None, str, str | None, bytes]:
    """One request to the vetted IP. Returns (redirect location or None, content type, charset, body)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timed_out(timeout)
    limit = conf.fetch_max_bytes()
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
    }
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        with (
            httpx.Client(timeout=httpx.Timeout(remaining), follow_redirects=False, trust_env=False) as client,
            client.stream("GET", target.request_url, headers=headers, extensions=extensions) as response,
        ):
            if response.is_redirect and response.headers.get("location"):
                return response.headers["location"], "", None, b""
            if response.status_code >= 400:
                raise FetchError(
                    "status",
                    "The page was not found (404)."
                    if response.status_code == 404
                    else f"The site answered with an error ({response.status_code}), so there is nothing to import.",
                )
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type not in HTML_TYPES | TEXT_TYPES:
                shown = content_type or "of an unknown type"
                raise FetchError(
                    "content_type",
                    f"That address is not a web page (it is {shown}). Paste the text or upload the file instead.",
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _too_large()
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _too_large()
                if time.monotonic() > deadline:
                    raise _timed_out(timeout)
            return None, content_type, response.charset_encoding, bytes(body)
    except httpx.TimeoutException:
        raise _timed_out(timeout) from None
    except httpx.ConnectError:
        raise FetchError("connect", f"We could not connect to {target.host}.") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise FetchError("http", f"We could not read the page from {target.host} ({type(error).__name__}).") from None


def _decode(body: bytes, charset: str | None, content_type: str) -> str:
    if not charset and content_type in HTML_TYPES:
        match = _META_CHARSET.search(body[:4096])
        charset = match.group(1).decode("ascii") if match else None
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


# --- Extraction -----------------------------------------------------------------------------------------


def extract_job(content: str, content_type: str = "text/html", *, url: str = "", final_url: str = "") -> FetchedJob:
    """The posting in a fetched page: a schema.org JobPosting (JSON-LD) when there is one, else the main text."""
    final_url = final_url or url
    if content_type in TEXT_TYPES:
        return FetchedJob(url=url, final_url=final_url, text=clean_text(content), found="text")
    try:
        doc = lxml.html.document_fromstring(content)
    except (lxml.etree.ParserError, ValueError):
        return FetchedJob(url=url, final_url=final_url, text=html_to_text(content))
    posting = find_job_posting(doc)
    if posting:
        job = _from_posting(posting, url=url, final_url=final_url)
        if job.text:
            return job
    return FetchedJob(url=url, final_url=final_url, text=_main_text(doc), title=_page_title(doc))


def _main_text(doc) -> str:
    for query in ("//main", "//*[@role='main']", "//article", "//body"):
        found = doc.xpath(query)
        if found:
            return html_to_text(lxml.html.tostring(found[0], encoding="unicode"))
    return html_to_text(lxml.html.tostring(doc, encoding="unicode"))


def _page_title(doc) -> str | None:
    for query in ("//meta[@property='og:title']/@content", "//title/text()", "//h1//text()"):
        found = [" ".join(str(v).split()) for v in doc.xpath(query)]
        if found and found[0]:
            return found[0][:300]
    return None


def find_job_posting(doc) -> dict | None:
    """The first schema.org JobPosting in the page's JSON-LD (a single object, a list, or an @graph)."""
    for script in doc.xpath("//script[@type]"):
        if script.get("type", "").split(";")[0].strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", raw)
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        stack, seen = [data], 0
        while stack and seen < _JSONLD_NODES_MAX:
            node = stack.pop(0)
            seen += 1
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if _is_job_posting(node.get("@type")):
                    return node
                for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"):
                    if isinstance(node.get(key), list | dict):
                        stack.append(node[key])
    return None


def _is_job_posting(kind) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for k in kinds)


def _text(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, list):
        value = next((v for v in (_text(item) for item in value) if v), None)
    if value is None or isinstance(value, dict | list):
        return None
    value = " ".join(html_to_text(str(value)).split())
    return value or None


def _from_posting(posting: dict, *, url: str, final_url: str) -> FetchedJob:
    description = posting.get("description")
    text = clean_text(description) if isinstance(description, str) else ""
    hints: dict = {}
    employment = _employment_type(posting.get("employmentType"))
    if employment:
        hints["employment_type"] = employment
    salary = _salary(posting.get("baseSalary"))
    if salary:
        hints["salary"] = salary
    location_types = posting.get("jobLocationType")
    location_types = location_types if isinstance(location_types, list) else [location_types]
    if any(isinstance(t, str) and t.upper() == "TELECOMMUTE" for t in location_types):
        hints["workplace"] = "remote"
    for key, hint in (("datePosted", "date_posted"), ("validThrough", "valid_through")):
        if isinstance(posting.get(key), str):
            hints[hint] = posting[key][:40]
    return FetchedJob(
        url=url,
        final_url=final_url,
        text=text,
        title=_text(posting.get("title")) or _text(posting.get("name")),
        company=_text(posting.get("hiringOrganization")),
        location=_location(posting.get("jobLocation")),
        hints=hints,
        found="json-ld",
    )


def _location(value) -> str | None:
    places = value if isinstance(value, list) else [value]
    names: list[str] = []
    for place in places[:10]:
        if isinstance(place, str):
            name = _text(place)
        elif isinstance(place, dict):
            address = place.get("address", place)
            if isinstance(address, dict):
                parts = [_text(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
                unique = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
                name = ", ".join(unique) or None
            else:
                name = _text(address)
        else:
            name = None
        if name and name not in names:
            names.append(name)
    return "; ".join(names)[:200] or None


_EMPLOYMENT = {
    "FULL_TIME": "full-time",
    "PART_TIME": "part-time",
    "CONTRACTOR": "contract",
    "CONTRACT": "contract",
    "TEMPORARY": "temporary",
    "INTERN": "internship",
    "INTERNSHIP": "internship",
}
_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}


def _employment_type(value) -> str | None:
    values = value if isinstance(value, list) else [value]
    for item in values:
        if isinstance(item, str):
            found = _EMPLOYMENT.get(item.strip().upper().replace("-", "_").replace(" ", "_"))
            if found:
                return found
    return None


def _number(value) -> float | None:
    try:
        number = float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _salary(value) -> dict | None:
    """schema.org MonetaryAmount -> the analysis salary shape {min, max, currency, period, text}."""
    if not isinstance(value, dict):
        return None
    currency = value.get("currency") if isinstance(value.get("currency"), str) else None
    amount = value.get("value")
    unit = None
    if isinstance(amount, dict):
        unit = amount.get("unitText")
        low = _number(amount.get("minValue")) or _number(amount.get("value"))
        high = _number(amount.get("maxValue")) or low
    else:
        low = high = _number(amount)
    if low is None:
        return None
    period = _PERIODS.get(unit.strip().upper()) if isinstance(unit, str) else None
    shown = f"{low:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}"  # noqa: RUF001
    text = " ".join(p for p in (currency, shown, f"per {period}" if period else "") if p)
    return {"min": low, "max": high, "currency": currency, "period": period, "text": text}
