"""The stranger sweep: every URL of ours that takes an object id answers 404 to anyone but the owner."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import FACTORIES

OUR_APPS = ("careeragent", "accounts", "resumes", "jobs", "optimize", "tracker", "billing")

# Keywords that do not name a user-owned row, with the reason. Keep this short: anything that names a row
# belongs in tests/factories.py instead.
NOT_OBJECTS: dict[str, str] = {}


def our_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str | None = None):
    """Yield (route, view name, keyword names) for every URL pattern whose view lives in our apps."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner_ns = entry.namespace or namespace
            if entry.namespace and namespace:
                inner_ns = f"{namespace}:{entry.namespace}"
            yield from our_patterns(entry, prefix + str(entry.pattern), inner_ns)
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "") or ""
            if module.split(".")[0] not in OUR_APPS or not entry.name:
                continue
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name, sorted(entry.pattern.converters)


def object_patterns():
    return [(route, name, kwargs) for route, name, kwargs in our_patterns() if kwargs]


def test_the_sweep_finds_object_urls():
    # If this fails the walker is broken and the sweep below would pass vacuously.
    names = {name for _, name, _ in object_patterns()}
    assert "accounts:data_export_download" in names


@pytest.mark.parametrize(("route", "name", "kwarg_names"), object_patterns(), ids=lambda v: str(v))
def test_stranger_gets_404(route, name, kwarg_names, owner, stranger_client, client, django_user_model):
    missing = [kwarg for kwarg in kwarg_names if kwarg not in FACTORIES and kwarg not in NOT_OBJECTS]
    assert not missing, f"{name} ({route}) takes {missing}: add a factory in tests/factories.py"
    kwargs = {kwarg: FACTORIES[kwarg](owner).pk for kwarg in kwarg_names if kwarg in FACTORIES}
    url = reverse(name, kwargs=kwargs)

    client.force_login(owner)
    assert client.get(url).status_code != 404, f"the owner should reach {url}"

    for method in ("get", "post"):
        status = getattr(stranger_client, method)(url).status_code
        # 405 (wrong method) is decided before any row is read, so it reveals nothing either.
        assert status in (404, 405), f"stranger {method.upper()} {url} answered {status}"
    assert stranger_client.get(url).status_code == 404 or stranger_client.post(url).status_code == 404


@pytest.mark.parametrize(("route", "name", "kwarg_names"), object_patterns(), ids=lambda v: str(v))
def test_anonymous_is_sent_to_login(route, name, kwarg_names, owner, client):
    kwargs = {kwarg: FACTORIES[kwarg](owner).pk for kwarg in kwarg_names if kwarg in FACTORIES}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code in (302, 404, 405)
    if response.status_code == 302:
        assert reverse("account_login") in response["Location"]
